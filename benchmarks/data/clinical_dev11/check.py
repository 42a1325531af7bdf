#!/usr/bin/env python3
"""Independent consistency check of clinical_dev11: dev11.json and cells.jsonl against notes/*.txt (adapted from ../clinical_dev10/check.py; does not import build.py)."""
import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
errors = []
def err(m): errors.append(m)
notes = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
sq = json.load(open(HERE / "dev11.json", encoding="utf-8"))
if set(sq) != {"version", "data"} or sq["version"] != "v2.0": err("top-level keys/version")
QA_KEYS = {"id", "question", "answers", "is_impossible", "category", "answer_type", "verdict"}
seen = set()
for art in sq["data"]:
    if set(art) != {"title", "paragraphs"} or len(art["paragraphs"]) != 1: err(f"article keys {art.get('title')}")
    p = art["paragraphs"][0]
    if set(p) != {"document_id", "note_type", "context", "qas"}: err(f"paragraph keys {art['title']}")
    if p["document_id"] != art["title"] or p["context"] != notes.get(art["title"]): err(f"context mismatch {art['title']}")
    if not 500 <= len(p["context"]) <= 6000: err(f"length {art['title']} {len(p['context'])}")
    for n, qa in enumerate(p["qas"], 1):
        if set(qa) - {"trap"} != QA_KEYS: err(f"qa keys {qa.get('id')}")
        if qa["id"] != f"{art['title']}_{n:02d}" or qa["id"] in seen: err(f"id {qa['id']}")
        seen.add(qa["id"])
        if qa["category"] not in {"Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports", "Other"}: err(f"cat {qa['id']}")
        if qa["answer_type"] not in {"span", "yes_no", "number", "date", "list"}: err(f"type {qa['id']}")
        if qa["is_impossible"] != (len(qa["answers"]) == 0): err(f"impossible {qa['id']}")
        if qa["answer_type"] == "yes_no":
            if qa["verdict"] not in {"yes", "no", "uncertain", "not_mentioned"}: err(f"verdict {qa['id']}")
            if (qa["verdict"] == "not_mentioned") != qa["is_impossible"]: err(f"nm {qa['id']}")
        elif qa["verdict"] is not None: err(f"verdict on non-yes_no {qa['id']}")
        for a in qa["answers"]:
            if set(a) != {"text", "answer_start"}: err(f"answer keys {qa['id']}")
            s = a["answer_start"]
            if p["context"][s:s + len(a["text"])] != a["text"]: err(f"OFFSET {qa['id']} {a}")
concepts = []
q = None
for line in (HERE / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
    m = re.match(r"### questionnaire `([^`]+)`", line)
    if m: q = m.group(1)
    m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
    if m and q: concepts.append((q, m.group(1), m.group(2)))
ctype = {c: t for _, c, t in concepts}
cells = [json.loads(l) for l in open(HERE / "cells.jsonl", encoding="utf-8")]
keys = {(c["note_id"], c["questionnaire"], c["concept_id"]) for c in cells}
want = {(n, q, c) for n in notes for q, c, _ in concepts}
if keys != want or len(cells) != len(want): err(f"cell coverage: missing {len(want - keys)} extra {len(keys - want)} dup {len(cells) - len(keys)}")
CK = {"note_id", "questionnaire", "concept_id", "status", "values", "spans", "items", "note"}
for c in cells:
    tag = f"{c['note_id']}/{c['concept_id']}"
    if set(c) != CK: err(f"cell keys {tag}")
    ctx = notes[c["note_id"]]
    if c["status"] not in {"answer", "absent"}: err(f"status {tag}")
    for s, e in c["spans"]:
        if not (0 <= s < e <= len(ctx)): err(f"span range {tag}")
    for it in c["items"]:
        if ctx[it["start"]:it["end"]] != it["text"]: err(f"ITEM OFFSET {tag}")
    t = ctype[c["concept_id"]]
    if t == "yes_no":
        if len(c["values"]) != 1 or c["values"][0] not in {"yes", "no", "uncertain", "not_mentioned"}: err(f"yn values {tag}")
        if (c["values"][0] == "not_mentioned") != (c["status"] == "absent"): err(f"yn status {tag}")
    if c["status"] == "absent" and (c["spans"] or c["items"]): err(f"absent with spans {tag}")
    if c["status"] == "answer":
        if not c["spans"]: err(f"answer without spans {tag}")
        if t == "span" and not c["items"]:
            if [ctx[s:e] for s, e in c["spans"]] != c["values"]: err(f"span values {tag}")
        if t == "date":
            if not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in c["values"]): err(f"date {tag}")
# extra checks for this set
LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms", "procedures",
                 "antibiotics", "discharge_medications", "new_medications", "stopped_medications", "lines_tubes"}
NOTE_TYPES = {"discharge_summary", "emergency", "progress", "operative", "clinic_letter", "radiology", "other"}
for art in sq["data"]:
    p = art["paragraphs"][0]
    if p["note_type"] not in NOTE_TYPES: err(f"note_type {art['title']}")
    for qa in p["qas"]:
        for a in qa["answers"]:
            s, t, ctx = a["answer_start"], a["text"], p["context"]
            if t != t.strip() or not t: err(f"answer whitespace {qa['id']}")
            if t[0].isalnum() and s > 0 and ctx[s - 1].isalnum(): err(f"answer starts inside a token {qa['id']} {t!r}")
            e = s + len(t)
            if t[-1].isalnum() and e < len(ctx) and ctx[e].isalnum(): err(f"answer ends inside a token {qa['id']} {t!r}")
for c in cells:
    tag = f"{c['note_id']}/{c['concept_id']}"
    if c["status"] == "answer" and c["concept_id"] in LIST_CONCEPTS:
        if not c["items"] or [[i["start"], i["end"]] for i in c["items"]] != c["spans"]: err(f"list items/spans {tag}")
        if [i["text"] for i in c["items"]] != c["values"]: err(f"list values {tag}")
    if c["concept_id"] not in LIST_CONCEPTS and c["items"]: err(f"items on non-list {tag}")
if len(notes) < 10: err(f"only {len(notes)} notes")
if len(seen) < 900: err(f"only {len(seen)} questions")
# dev11 set-level checks: note lengths 3,000-6,000, years 2321-2329, list questions, unanswerable share, yes/no and traps
for nid, txt in notes.items():
    if not 3000 <= len(txt) <= 6000: err(f"dev11 length {nid} {len(txt)}")
    for y in re.findall(r"(?<![0-9])(2[0-9]{3})(?![0-9])", txt):
        if not 2321 <= int(y) <= 2329: err(f"year outside 2321-2329 in {nid}: {y}")
    if re.search(r"[0-9],[0-9]", txt): err(f"decimal or thousands comma in {nid}: {re.search(r'.{0,10}[0-9],[0-9].{0,5}', txt).group(0)!r}")
n_q = sum(len(a["paragraphs"][0]["qas"]) for a in sq["data"])
n_imp = sum(qa["is_impossible"] for a in sq["data"] for qa in a["paragraphs"][0]["qas"])
if not 0.10 <= n_imp / n_q <= 0.25: err(f"unanswerable share {n_imp}/{n_q}")
if len(cells) != 48 * len(notes): err("cells != 48 x notes")
for art in sq["data"]:
    qs = [qa["question"].strip().lower() for qa in art["paragraphs"][0]["qas"]]
    if len(qs) != len(set(qs)): err(f"duplicate question wording in {art['title']}")
    for qa in art["paragraphs"][0]["qas"]:
        if qa["answer_type"] == "list" and len(qa["answers"]) < 2: err(f"list question with < 2 items {qa['id']}")
        if len({(a["answer_start"], a["text"]) for a in qa["answers"]}) != len(qa["answers"]): err(f"duplicate answers {qa['id']}")

# a numeric answer must not be cut out of a decimal, a clock time or a date ("38" in "38.3", "28" in "14:28")
def cut_number(ctx, s, e):
    t = ctx[s:e]
    if t[-1].isdigit() and e + 1 < len(ctx) and ctx[e] in ".:/" and ctx[e + 1].isdigit(): return True
    if t[0].isdigit() and s >= 2 and ctx[s - 1] in ".:/" and ctx[s - 2].isdigit(): return True
    return False
for art in sq["data"]:
    p = art["paragraphs"][0]
    for qa in p["qas"]:
        for a in qa["answers"]:
            if cut_number(p["context"], a["answer_start"], a["answer_start"] + len(a["text"])): err(f"number cut from a decimal/time {qa['id']} {a['text']!r}")
for c in cells:
    for s, e in c["spans"]:
        if cut_number(notes[c["note_id"]], s, e): err(f"number cut from a decimal/time {c['note_id']}/{c['concept_id']}")

# yes/no and trap checks (trap format as in ../clinical_yesno2: "<kind>: <description>", gold never yes; five kinds from ../clinical_yesno3-4 added)
TRAP_KINDS = {"negated", "ruled_out", "suspected", "planned", "not_done", "family_history", "other_person",
              "former_resolved", "time_scope", "stopped_held", "drug_class_and_status", "threshold",
              "intolerance_not_allergy", "indication_only", "hypothetical", "fever_from_values", "compound_or_other_sense",
              "non_adherent", "severity_or_subtype", "test_status", "negation_in_list", "screening_negative"}
all_qas = [qa for a in sq["data"] for qa in a["paragraphs"][0]["qas"]]
yn = [qa for qa in all_qas if qa["answer_type"] == "yes_no"]
traps = [qa for qa in all_qas if "trap" in qa]
for qa in traps:
    m = re.fullmatch(r"([a-z_]+): (.+)", qa["trap"], re.S)
    if qa["answer_type"] != "yes_no": err(f"trap on non-yes/no {qa['id']}")
    if not m or m.group(1) not in TRAP_KINDS: err(f"trap format/kind {qa['id']}")
    if qa["verdict"] == "yes": err(f"trap with gold yes {qa['id']}")
    if m and m.group(1) == "suspected" and qa["verdict"] != "uncertain": err(f"suspected trap not uncertain {qa['id']}")
if len(yn) < 300: err(f"only {len(yn)} yes/no questions")
if len(traps) < 150 or not 0.40 <= len(traps) / max(1, len(yn)) <= 0.65: err(f"trap share {len(traps)}/{len(yn)}")
if sum(qa["answer_type"] == "list" for qa in all_qas) < 20: err("fewer than 20 list questions")
for nid in notes:
    if nid not in {a["title"] for a in sq["data"]}: err(f"note without questions {nid}")
st = json.load(open(HERE / "stats.json", encoding="utf-8"))
if st["questions"] != n_q or st["unanswerable"] != n_imp or st["cells"] != len(cells) or st["notes"] != len(notes) or st["yes_no"] != len(yn) or st["traps"] != len(traps): err("stats.json out of date")
if errors:
    print("\n".join(errors)); sys.exit(1)
n_ans = sum(c["status"] == "answer" for c in cells)
print(f"OK: {len(notes)} notes, {len(seen)} questions ({n_imp} unanswerable, {100 * n_imp / n_q:.1f}%), {len(yn)} yes/no ({len(traps)} traps, {100 * len(traps) / len(yn):.1f}%), {len(cells)} cells ({n_ans} answer, {len(cells) - n_ans} absent); all offsets exact")
