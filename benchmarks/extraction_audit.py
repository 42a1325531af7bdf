"""Audit an extraction table for answers whose type contradicts their concept, the failures a
clinician reading the table would catch: a number whose unit measures something else ("8.8%"
as a symptom's duration), a lab value that follows another lab's name ("86%" after "WBC ... K/uL"
as the potassium), a drug of the wrong class ("rivaroxaban" as the antibiotic), an allergy line
as a medication, a section header or a placeholder as an answer, a diagnosis that names no
problem, a negated problem given as the patient's, a code of the wrong system.

The checks read the note text around each answer, independently of how the answer policy chose
it (they share only the lab-name and unit tables), so they also catch what the policy lets by.

    python benchmarks/extraction_audit.py --table dev.parquet --notes benchmarks/data/clinical_dev/notes \
        [-q discharge-summary] [--before old.parquet]

Prints one JSON document: per table, rows, answered, abstained, violations by kind and the rows.
tests/extract/test_extraction_audit.py runs the same checks over the dev notes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


@dataclass(frozen=True)
class Violation:
    note_id: str
    concept_id: str
    kind: str
    answer: str
    why: str


def _str(v) -> str | None:
    """Parquet/pandas give NaN for a missing string."""
    return v if isinstance(v, str) else None


def _line(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a:b if b >= 0 else len(text)]


def audit_row(row: dict, note_text: str, concept) -> list[Violation]:
    """Every way the row's answer contradicts its concept (empty when it fits or abstains)."""
    from clinqa.qa.policy import (
        ALLERGY_TEXT,
        PLACEHOLDER,
        VALUE,
        is_problem,
        lab_in,
    )
    from clinqa.lexicon import lexicon
    from clinqa.document.measurements import lab_names
    from clinqa.text.glossary import drug_class_stems, mentions_class
    from clinqa.text.values import unit_dimension
    from clinqa.text.vocab import drugs_in

    out: list[Violation] = []
    answer = _str(row.get("answer"))
    if answer is None or concept.answer_type == "yes_no":
        return out
    start, end = int(row["start"]), int(row["end"])

    def bad(kind: str, why: str) -> None:
        out.append(Violation(row["note_id"], concept.id, kind, answer, why))

    if note_text[start:end] != answer:
        bad("offsets", f"note[{start}:{end}] is {note_text[start:end]!r}")
    line = _line(note_text, start, end)
    if re.fullmatch(r"\s*[A-Z][A-Z0-9 /&,()'\-]{2,60}:?\s*", line) and answer.strip().isupper():
        bad("header", "the answer is a section header")
    if not PLACEHOLDER.sub(" ", answer).strip(" \t\n,.;:-"):
        bad("placeholder", "the answer is a de-identification placeholder")
    question = concept.questions_for("en")[0] if concept.questions_for("en") else ""
    words = tuple(re.findall(r"[a-z0-9][a-z0-9\-]*", answer.lower()))  # "vancomycin/cefepime": two drugs

    if concept.answer_type == "number":
        number = row.get("value_number")
        derived = number is not None and number == number and f"{number:g}" not in answer
        # (a value the policy derived from the text, "4 days" between two dates, is checked
        # itself: its answer is the evidence, a date)
        m = VALUE.search(_str(row.get("value")) if derived else answer)
        lab = lab_in(question)
        if concept.unit and unit_dimension(concept.unit):
            want = {unit_dimension(concept.unit)}
        elif re.search(r"\bhow long\b|\bhow many (?:days|weeks|hours)\b", question, re.I):
            want = {"time"}
        elif lab:
            want = set(lexicon().lab_by_name[lab].dimensions)
        else:
            want = set()
        unit = m.group(3) if m else None
        dim = unit_dimension(unit)
        if not m:
            bad("unit", "no number")
        elif want and dim is not None and dim not in want:
            bad("unit", f"unit {unit!r} measures {dim}, the concept {'/'.join(sorted(want))}")
        elif want == {"time"} and dim is None:
            bad("unit", "a duration without a time unit")
        if lab:
            line0 = note_text.rfind("\n", 0, start) + 1
            # the document's own lab-name matcher (note forms included: "T 36.8", "Mg 1.7")
            line1 = note_text.find("\n", start)
            line = note_text[line0:len(note_text) if line1 < 0 else line1]  # whole: a note form needs its value
            names = [(line0 + a, name) for a, b, name in lab_names(line)
                     if line0 + a < start and not (b - a <= 2 and line[b:b + 1] == "/")]
            on_line = [n for s, n in names if s >= line0]
            if not on_line:
                bad("lab", f"no lab name before the value on its line (asked: {lab})")
            elif lab not in on_line:
                bad("lab", f"the value follows {on_line[-1]!r}, not {lab!r}")
            shape = lexicon().lab_by_name[lab].shape
            if shape and not re.search(shape, answer):
                bad("lab", f"not shaped like a {lab}")

    medication = concept.category == "Medication" or concept.code == "drug"
    allergy_concept = "allerg" in concept.id or re.search(r"allerg", question, re.I)
    if medication and concept.answer_type in ("span", "list") and not allergy_concept:
        if ALLERGY_TEXT.search(line):
            bad("allergy", "an allergy line given as a medication")
        stems = drug_class_stems(question)
        if stems and not mentions_class(answer, stems):
            bad("drug class", f"names no drug of the class the question asks about ({question})")
        elif not stems and not drugs_in(words):
            bad("drug", "names no drug of the lexicon")
    if concept.category in ("Diagnosis", "Symptoms") and concept.answer_type in ("span", "list") and \
            _str(row.get("assertion")) == "negated":
        bad("negated", "a problem the note negates, given as the patient's")
    if concept.category == "Diagnosis" and concept.answer_type in ("span", "list") and not is_problem(answer):
        bad("problem", "names no problem")
    if _str(row.get("code")) and row.get("code_system") == "icd10cm" and not is_problem(answer):
        bad("code", "an ICD-10-CM code on a span that names no problem")
    if _str(row.get("code")) and row.get("code_system") == "drug" and not drugs_in(words):
        bad("code", "a drug code on a span without a drug")
    return out


def audit_table(rows: list[dict], notes: dict[str, str], questionnaire) -> dict:
    concepts = {c.id: c for c in questionnaire.concepts}
    violations: list[Violation] = []
    for row in rows:
        c = concepts.get(row["concept_id"])
        if c is not None and row["note_id"] in notes:
            violations += audit_row(row, notes[row["note_id"]], c)
    typed = [r for r in rows if concepts.get(r["concept_id"]) and concepts[r["concept_id"]].answer_type != "yes_no"]
    return {
        "rows": len(rows),
        "typed_rows": len(typed),
        "answered": sum(_str(r.get("answer")) is not None for r in typed),
        "abstained": sum(_str(r.get("answer")) is None for r in typed),
        "violations": len(violations),
        "rows_with_violations": len({(v.note_id, v.concept_id) for v in violations}),
        "by_kind": dict(Counter(v.kind for v in violations)),
        "list": [v.__dict__ for v in violations],
    }


def read_notes(folder: Path) -> dict[str, str]:
    from clinqa.data.notes import read_notes as read

    return {n.id: n.text for n in read(str(folder))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", required=True)
    ap.add_argument("--before", help="an older table of the same notes, audited beside it")
    ap.add_argument("--notes", required=True)
    ap.add_argument("-q", "--questionnaire", default="discharge-summary")
    args = ap.parse_args()
    import pandas as pd

    from clinqa.questionnaire import load_questionnaire

    q = load_questionnaire(args.questionnaire)
    notes = read_notes(Path(args.notes))
    out = {}
    for name, path in (("before", args.before), ("after", args.table)):
        if path:
            out[name] = audit_table(pd.read_parquet(path).to_dict("records"), notes, q)
    print(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
