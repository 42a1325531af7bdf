import json,sys
d=json.load(open('dev2.json'))
for a in d['data']:
    p=a['paragraphs'][0]; c=p['context']
    if len(sys.argv)>1 and a['title'] not in sys.argv[1:]: continue
    print('=====',a['title'])
    for q in p['qas']:
        ans=' || '.join(repr(c[max(0,x['answer_start']-25):x['answer_start']].replace('\n',' '))[1:-1]+'[['+x['text'][:70]+']]' for x in q['answers'][:3])
        print(q['id'][-2:],q['answer_type'][:4],q['verdict'] or '',q['question'][:60],'=>',ans or '-')
