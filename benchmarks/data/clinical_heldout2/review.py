#!/usr/bin/env python3
"""Print every gold answer and every answered cell with surrounding text, for a human audit."""
import json, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
W = 25
only = sys.argv[1] if len(sys.argv) > 1 else None
sq = json.load(open(HERE / "heldout.json", encoding="utf-8"))
ctxs = {}
for art in sq["data"]:
    p = art["paragraphs"][0]
    ctxs[art["title"]] = p["context"]
    if only and art["title"] != only:
        continue
    print(f"\n######## {art['title']} ({p['note_type']}, {len(p['context'])} chars)")
    for qa in p["qas"]:
        v = f" [{qa['verdict']}]" if qa["verdict"] else ""
        print(f"{qa['id']} ({qa['answer_type']}/{qa['category']}){v}: {qa['question']}")
        for a in qa["answers"]:
            s, e = a["answer_start"], a["answer_start"] + len(a["text"])
            c = p["context"]
            print(f"    -> {a['text']!r}   ...{c[max(0, s - W):s]!r}[[ ]]{c[e:e + W]!r}".replace("\\n", "⏎"))
print("\n######## CELLS")
for line in open(HERE / "cells.jsonl", encoding="utf-8"):
    c = json.loads(line)
    if only and c["note_id"] != only:
        continue
    if c["status"] == "absent" and not c["note"]:
        continue
    print(f"{c['note_id']}/{c['questionnaire'][:4]}/{c['concept_id']} {c['status']} {c['values']}" +
          (f"  # {c['note']}" if c["note"] else ""))
