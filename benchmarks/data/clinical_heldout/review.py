#!/usr/bin/env python3
"""Print every question/answer and every answered cell with surrounding text, for manual review."""
import json, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
sq = json.load(open(HERE / "heldout.json", encoding="utf-8"))
only = sys.argv[1] if len(sys.argv) > 1 else None
def ctxw(ctx, s, e, w=25):
    return (ctx[max(0, s - w):s] + "[[" + ctx[s:e] + "]]" + ctx[e:e + w]).replace("\n", "⏎")
if not only or only == "qa":
    for art in sq["data"]:
        p = art["paragraphs"][0]; ctx = p["context"]
        print(f"\n===== {art['title']} ({p['note_type']})")
        for qa in p["qas"]:
            print(f"{qa['id']} [{qa['answer_type']}/{qa['category']}/{qa['verdict']}] {qa['question']}"
                  + ("  -> UNANSWERABLE" if qa["is_impossible"] else ""))
            for a in qa["answers"]:
                print("     ", ctxw(ctx, a["answer_start"], a["answer_start"] + len(a["text"])))
if not only or only == "cells":
    notes = {a["title"]: a["paragraphs"][0]["context"] for a in sq["data"]}
    for line in open(HERE / "cells.jsonl", encoding="utf-8"):
        c = json.loads(line)
        if c["status"] == "absent":
            continue
        ctx = notes[c["note_id"]]
        print(f"{c['note_id']} {c['concept_id']} values={c['values'] if not c['items'] else ''} note={c['note']!r}")
        for s, e in c["spans"]:
            print("     ", ctxw(ctx, s, e, 15))
