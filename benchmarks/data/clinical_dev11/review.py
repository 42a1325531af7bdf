#!/usr/bin/env python3
"""Print every gold answer and every answered cell of clinical_dev11 with the text around it, for a human audit.

usage: python3 review.py [note_id ...] [--qa | --cells]
"""
import json, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
args = [a for a in sys.argv[1:] if not a.startswith("--")]
show_qa = "--cells" not in sys.argv
show_cells = "--qa" not in sys.argv

def ctx(c, s, e, w=30):
    return (c[max(0, s - w):s] + "[[" + c[s:e] + "]]" + c[e:e + 15]).replace("\n", " ")

d = json.load(open(HERE / "dev11.json", encoding="utf-8"))
cells = [json.loads(l) for l in open(HERE / "cells.jsonl", encoding="utf-8")]
for a in d["data"]:
    p = a["paragraphs"][0]; c = p["context"]
    if args and a["title"] not in args: continue
    print("=====", a["title"], p["note_type"], len(c), "chars")
    if show_qa:
        for q in p["qas"]:
            ans = " || ".join(ctx(c, x["answer_start"], x["answer_start"] + len(x["text"])) for x in q["answers"][:4])
            print(f"{q['id'][-2:]} {q['answer_type'][:4]:4} {q['verdict'] or '':13} {q['question'][:70]}\n      => {ans or '-'}")
            if q.get("trap"): print(f"      trap: {q['trap']}")
    if show_cells:
        print("----- cells")
        for cl in cells:
            if cl["note_id"] != a["title"]: continue
            if cl["status"] == "absent":
                print(f"  {cl['concept_id']:22} absent {cl['values'] if cl['values'] else ''} {('# ' + cl['note']) if cl['note'] else ''}")
            else:
                sp = " || ".join(ctx(c, s, e, 12) for s, e in cl["spans"][:9])
                print(f"  {cl['concept_id']:22} {cl['values']} :: {sp} {('# ' + cl['note']) if cl['note'] else ''}")
