#!/usr/bin/env python3
"""Independent consistency check of clinical_yesno8: yesno8.json and stats.json against notes/*.txt
(adapted from ../clinical_yesno7/check.py; standard library only; does not import build.py)."""
import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
errors = []
def err(m): errors.append(m)

TRAP_KINDS = {"negation_in_list", "pertinent_negative", "form_field", "family_history", "former_resolved",
              "planned", "declined", "non_adherent", "considered_rejected", "conditional", "safety_net",
              "name_or_purpose", "risk_of", "screening_negative", "indication_query", "test_status", "vaccine_due",
              "patient_reported", "other_site", "threshold_value", "ended_before", "time_scope", "other_person",
              "allergy_vs_intolerance", "drug_class_and_status", "detail_mismatch", "negated", "ruled_out",
              "suspected", "severity_or_subtype", "allergy_delabelled", "normal_result", "undecided",
              "hypothetical",
              # new in clinical_yesno6
              "revised_diagnosis", "held_drug", "exposure_not_disease", "indeterminate_result", "wrong_class",
              "mimic_explained",
              # new in clinical_yesno7
              "target_not_measured", "prophylaxis_only", "corrected_entry", "patient_question",
              "available_not_used", "sample_rejected",
              # new in clinical_yesno8
              "cancelled_postponed", "incomplete_course", "criteria_only", "dose_changed",
              "conflicting_sources"}
UNCERTAIN_ONLY = {"suspected", "indeterminate_result", "patient_reported", "conflicting_sources"}
VERDICTS = {"yes", "no", "uncertain", "not_mentioned"}
NOTE_TYPES = {"discharge_summary", "emergency", "progress", "operative", "clinic_letter", "radiology", "other"}
CATS = {"Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports", "Other"}

notes = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
sq = json.load(open(HERE / "yesno8.json", encoding="utf-8"))
if set(sq) != {"version", "data"} or sq["version"] != "v2.0": err("top-level keys/version")
if {a["title"] for a in sq["data"]} != set(notes): err("articles do not match notes/*.txt")
if len(sq["data"]) != len({a["title"] for a in sq["data"]}): err("duplicate articles")
QA_KEYS = {"id", "question", "answers", "is_impossible", "category", "answer_type", "verdict"}
seen, n_q, n_traps, verdicts, kinds, cats = set(), 0, 0, {}, {}, {}
per_note = {}
for art in sq["data"]:
    if set(art) != {"title", "paragraphs"} or len(art["paragraphs"]) != 1: err(f"article keys {art.get('title')}")
    p = art["paragraphs"][0]
    if set(p) != {"document_id", "note_type", "context", "qas"}: err(f"paragraph keys {art['title']}")
    if p["document_id"] != art["title"] or p["context"] != notes.get(art["title"]): err(f"context mismatch {art['title']}")
    if p["note_type"] not in NOTE_TYPES: err(f"note_type {art['title']}")
    ctx = p["context"]
    wording = set()
    per_note[art["title"]] = len(p["qas"])
    for n, qa in enumerate(p["qas"], 1):
        n_q += 1
        if set(qa) - {"trap"} != QA_KEYS: err(f"qa keys {qa.get('id')}")
        if qa["id"] != f"{art['title']}_{n:02d}" or qa["id"] in seen: err(f"id {qa['id']}")
        seen.add(qa["id"])
        w = " ".join(qa["question"].lower().split())
        if w in wording: err(f"duplicate question wording in {art['title']}: {qa['question']!r}")
        wording.add(w)
        if not qa["question"].strip().endswith("?"): err(f"question mark {qa['id']}")
        if qa["category"] not in CATS: err(f"category {qa['id']}")
        cats[qa["category"]] = cats.get(qa["category"], 0) + 1
        if qa["answer_type"] != "yes_no": err(f"answer_type {qa['id']}")
        v = qa.get("verdict")
        if v not in VERDICTS: err(f"verdict {qa['id']} {v!r}")
        verdicts[v] = verdicts.get(v, 0) + 1
        if qa["is_impossible"] != (len(qa["answers"]) == 0): err(f"is_impossible {qa['id']}")
        if (v == "not_mentioned") != qa["is_impossible"]: err(f"not_mentioned <-> no answers {qa['id']}")
        for a in qa["answers"]:
            if set(a) != {"text", "answer_start"}: err(f"answer keys {qa['id']}")
            s, t = a["answer_start"], a["text"]
            if not t or t != t.strip(): err(f"answer whitespace {qa['id']}")
            if "\n" in t: err(f"answer spans a line break {qa['id']}")
            if ctx[s:s + len(t)] != t: err(f"OFFSET {qa['id']} {a}")
            if t and t[0].isalnum() and s > 0 and ctx[s - 1].isalnum(): err(f"answer starts inside a token {qa['id']} {t!r}")
            e = s + len(t)
            if t and t[-1].isalnum() and e < len(ctx) and ctx[e].isalnum(): err(f"answer ends inside a token {qa['id']} {t!r}")
            # a number must not be cut out of a decimal, a date or a clock time ("38" in "38.3", "10" in "10/02")
            if t[0].isdigit() and s > 1 and ctx[s - 1] in "./:" and ctx[s - 2].isdigit(): err(f"number cut from the left {qa['id']} {t!r}")
            if t[-1].isdigit() and e + 1 < len(ctx) and ctx[e] in "./:" and ctx[e + 1].isdigit(): err(f"number cut on the right {qa['id']} {t!r}")
        if len({(a["answer_start"], a["text"]) for a in qa["answers"]}) != len(qa["answers"]): err(f"duplicate answers {qa['id']}")
        if "trap" in qa:
            n_traps += 1
            t = qa["trap"]
            k = t.split(":", 1)[0] if isinstance(t, str) else None
            if not isinstance(t, str) or ":" not in t or k not in TRAP_KINDS or not t.split(":", 1)[1].strip(): err(f"trap text {qa['id']} {t!r}")
            kinds[k] = kinds.get(k, 0) + 1
            if v == "yes": err(f"trap with gold yes {qa['id']}")
            if k in UNCERTAIN_ONLY and v != "uncertain": err(f"{k} trap not uncertain {qa['id']}")
# set-level checks
if len(notes) != 12: err(f"{len(notes)} notes, expected 12")
for nid, txt in notes.items():
    if not 2000 <= len(txt) <= 5000: err(f"length {nid} {len(txt)}")
    for y in re.findall(r"(?<![0-9])(2[0-9]{3})(?![0-9])", txt):
        if not 2331 <= int(y) <= 2339: err(f"year outside 2331-2339 in {nid}: {y}")
if not 350 <= n_q <= 400: err(f"{n_q} questions, expected 350-400")
if not 0.5 <= n_traps / n_q <= 0.6: err(f"trap share {n_traps}/{n_q}")
if verdicts.get("uncertain", 0) < 15: err("fewer than 15 uncertain")
if verdicts.get("yes", 0) < 0.30 * n_q: err("fewer than 30% yes: always-no would score too well")
if len(kinds) < 25: err(f"only {len(kinds)} trap kinds used, expected at least 25")
st = json.load(open(HERE / "stats.json", encoding="utf-8"))
if (st["questions"] != n_q or st["traps"] != n_traps or st["non_traps"] != n_q - n_traps or st["notes"] != len(notes)
        or st["verdicts"] != {k: verdicts[k] for k in ("yes", "no", "uncertain", "not_mentioned") if k in verdicts}
        or st["trap_kinds"] != kinds or st["by_category"] != cats
        or st["unanswerable"] != verdicts.get("not_mentioned", 0)
        or {k: v["questions"] for k, v in st["per_note"].items()} != per_note
        or {k: v["chars"] for k, v in st["per_note"].items()} != {k: len(notes[k]) for k in per_note}):
    err("stats.json out of date")
if errors:
    print("\n".join(errors)); sys.exit(1)
print(f"OK: {len(notes)} notes, {n_q} yes/no questions, {n_traps} traps ({100 * n_traps / n_q:.1f}%); "
      f"verdicts {dict(sorted(verdicts.items()))}; {len(kinds)} trap kinds; all offsets exact")
