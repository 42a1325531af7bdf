#!/usr/bin/env python3
"""Independent consistency check of clinical_dev/cells.jsonl (DEV questionnaire cells) against notes/*.txt.

Adapted from ../clinical_heldout2/check.py, cells part only: every note x questionnaire x concept present
exactly once, exact offsets, status/values consistent with the concept type, list concepts have items
whose spans are the cell's spans, no items on non-list concepts, whole-token spans, ISO dates, and
cells_stats.json matching the cells.  The concept list is read from ../clinical_heldout2/CONCEPTS.md,
independently of the list embedded in cells_build.py.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
errors = []


def err(m):
    errors.append(m)


notes = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
concepts = []
q = None
for line in (HERE.parent / "clinical_heldout2" / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
    m = re.match(r"### questionnaire `([^`]+)`", line)
    if m:
        q = m.group(1)
    m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
    if m and q:
        concepts.append((q, m.group(1), m.group(2)))
if len(concepts) != 48:
    err(f"expected 48 concepts in CONCEPTS.md, found {len(concepts)}")
ctype = {c: t for _, c, t in concepts}
cquest = {c: q for q, c, _ in concepts}

cells = [json.loads(l) for l in open(HERE / "cells.jsonl", encoding="utf-8")]
keys = [(c.get("note_id"), c.get("questionnaire"), c.get("concept_id")) for c in cells]
want = {(n, q, c) for n in notes for q, c, _ in concepts}
dups = [k for k, n in Counter(keys).items() if n > 1]
if set(keys) != want or len(cells) != len(want) or dups:
    err(f"cell coverage: missing {len(want - set(keys))} extra {len(set(keys) - want)} dup {len(dups)}")

LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms", "procedures",
                 "antibiotics", "discharge_medications", "new_medications", "stopped_medications", "lines_tubes"}
CK = {"note_id", "questionnaire", "concept_id", "status", "values", "spans", "items", "note"}


def whole(ctx, s, e):
    t = ctx[s:e]
    if not t or t != t.strip():
        return False
    if t[0].isalnum() and s > 0 and ctx[s - 1].isalnum():
        return False
    if t[-1].isalnum() and e < len(ctx) and ctx[e].isalnum():
        return False
    return True


for c in cells:
    tag = f"{c.get('note_id')}/{c.get('concept_id')}"
    if set(c) != CK:
        err(f"cell keys {tag}")
        continue
    if c["note_id"] not in notes or c["concept_id"] not in ctype:
        continue
    if cquest[c["concept_id"]] != c["questionnaire"]:
        err(f"questionnaire {tag}")
    ctx = notes[c["note_id"]]
    t = ctype[c["concept_id"]]
    is_list = c["concept_id"] in LIST_CONCEPTS
    if c["status"] not in {"answer", "absent"}:
        err(f"status {tag}")
    if not isinstance(c["note"], str):
        err(f"note field {tag}")
    for s, e in c["spans"]:
        if not (0 <= s < e <= len(ctx)):
            err(f"span range {tag}")
        elif not whole(ctx, s, e):
            err(f"span not whole tokens {tag} {ctx[s:e]!r}")
    for it in c["items"]:
        if set(it) != {"text", "start", "end"} or ctx[it["start"]:it["end"]] != it["text"]:
            err(f"ITEM OFFSET {tag}")
    if t == "yes_no":
        if len(c["values"]) != 1 or c["values"][0] not in {"yes", "no", "uncertain", "not_mentioned"}:
            err(f"yn values {tag}")
        elif (c["values"][0] == "not_mentioned") != (c["status"] == "absent"):
            err(f"yn status {tag}")
    if c["status"] == "absent":
        if c["spans"] or c["items"]:
            err(f"absent with spans {tag}")
        if t != "yes_no" and c["values"]:
            err(f"absent with values {tag}")
    if c["status"] == "answer":
        if not c["spans"] or not c["values"]:
            err(f"answer without spans/values {tag}")
        if t == "span" and not is_list:
            if [ctx[s:e] for s, e in c["spans"]] != c["values"]:
                err(f"span values {tag}")
        if t == "date":
            if not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in c["values"]):
                err(f"date {tag}")
        if t == "number":
            if not all(isinstance(v, str) and v for v in c["values"]) or not any(re.search(r"\d", v) for v in c["values"]):
                err(f"number values {tag}")
        if is_list:
            if not c["items"] or [[i["start"], i["end"]] for i in c["items"]] != c["spans"]:
                err(f"list items/spans {tag}")
            if [i["text"] for i in c["items"]] != c["values"]:
                err(f"list values {tag}")
    if not is_list and c["items"]:
        err(f"items on non-list {tag}")

# stats file
try:
    st = json.load(open(HERE / "cells_stats.json", encoding="utf-8"))
    if st.get("cells") != len(cells) or st.get("notes") != len(notes):
        err("cells_stats.json: totals")
    for qn, d in st.get("cells_by_questionnaire", {}).items():
        got = Counter(c["status"] for c in cells if c["questionnaire"] == qn)
        if d.get("answer") != got["answer"] or d.get("absent") != got["absent"]:
            err(f"cells_stats.json: counts for {qn}")
    if set(st.get("cells_by_questionnaire", {})) != {q for q, _, _ in concepts}:
        err("cells_stats.json: questionnaires")
except (OSError, ValueError) as e:
    err(f"cells_stats.json unreadable: {e}")

if len(notes) != 16:
    err(f"expected 16 notes, found {len(notes)}")
if errors:
    print("\n".join(errors))
    sys.exit(1)
n_ans = sum(c["status"] == "answer" for c in cells)
print(f"OK: {len(notes)} notes, {len(cells)} cells ({n_ans} answer, {len(cells) - n_ans} absent); all offsets exact")
