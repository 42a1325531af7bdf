"""Two views of a document: the medication reconciliation (admission vs discharge lists and the
events the note states, each with reason and offsets) and the trend of each measurement."""

from __future__ import annotations

from dataclasses import dataclass

from clinqa.document.events import drug_spans
from clinqa.document.model import Block, ClinicalDocument, Event, Measurement
from clinqa.document.time import comparable
from clinqa.lexicon import lexicon
from clinqa.text.shapes import DOSE


@dataclass(frozen=True)
class MedicationChange:
    """One drug across the stay: `status` continued, started, stopped, held, resumed,
    dose_changed or listed (on one list only, with no list to compare); `admission`/`discharge` the
    list lines naming it (text, start, end), `events` what the prose or event lists say."""

    drug: str
    status: str
    admission: tuple[str, int, int] | None
    discharge: tuple[str, int, int] | None
    reason: str | None
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Trend:
    """Every measured value of one lab or vital sign, in time order when the note gives times."""

    name: str
    values: tuple[Measurement, ...]
    ordered_by: str  # "time" or "note order"


def _med_lists(doc: ClinicalDocument) -> tuple[Block | None, Block | None]:
    lex = lexicon()
    meds = lex.words_re("list_headers", "medications")
    adm = dis = None
    for b in doc.blocks:
        if b.kind != "list" or not b.header or not meds.search(b.header):
            continue
        if lex.words_re("list_moments", "discharge").search(b.header) and dis is None:
            dis = b
        elif lex.words_re("list_moments", "admission").search(b.header) and adm is None:
            adm = b
    return adm, dis


def _drugs_of(doc: ClinicalDocument, b: Block | None) -> dict[str, tuple[str, int, int]]:
    out: dict[str, tuple[str, int, int]] = {}
    if b is None:
        return out
    for it in b.items:
        for _, _, name in drug_spans(doc.text, it.start, it.end):
            out.setdefault(name, (it.text, it.start, it.end))
    return out


def _dose(line: str) -> str:
    return " ".join(m.group(0) for m in DOSE.finditer(line)).lower()


def medication_reconciliation(doc: ClinicalDocument) -> list[MedicationChange]:
    adm_b, dis_b = _med_lists(doc)
    adm, dis = _drugs_of(doc, adm_b), _drugs_of(doc, dis_b)
    by_drug: dict[str, list[Event]] = {}
    for e in doc.events:
        if e.kind == "medication" and e.status == "done":
            name = next((n for _, _, n in drug_spans(doc.text, e.subject_start, e.subject_end)), e.subject.lower())
            by_drug.setdefault(name, []).append(e)
    out = []
    for drug in dict.fromkeys([*adm, *dis, *by_drug]):
        evs = tuple(by_drug.get(drug, ()))
        a, d = adm.get(drug), dis.get(drug)
        if a and d:
            status = "dose_changed" if _dose(a[0]) and _dose(d[0]) and _dose(a[0]) != _dose(d[0]) else "continued"
        elif d and adm_b is not None:
            status = "started"
        elif a and dis_b is not None:
            status = "stopped"
        else:
            status = "listed"
        for e in evs:  # what the note says outright wins over what the lists imply
            if e.action in ("stopped", "held", "started", "dose_changed", "resumed"):
                status = e.action
        reason = next((e.reason for e in evs if e.reason), None)
        out.append(MedicationChange(drug, status, a, d, reason, evs))
    return out


def trends(doc: ClinicalDocument) -> list[Trend]:
    out = []
    names = dict.fromkeys(m.name for m in doc.measurements)
    for name in names:
        # a trend is what the note dates: table cells, trend values, values said at a time or moment
        vals = [m for m in doc.measurements if m.name == name and (m.source != "text" or m.key)]
        if len(vals) < 2:
            continue
        keys = [m.key for m in vals]
        if all(k is not None for k in keys) and all(comparable(keys[0], k) for k in keys):
            vals.sort(key=lambda m: (m.key, m.sequence))
            how = "time"
        else:
            how = "note order"
        out.append(Trend(name, tuple(vals), how))
    return out


def parse_payload(text: str, note_id: str) -> dict:
    """What `clinqa parse --json` prints and `POST /v1/parse` returns: the document (without its
    text) and both views, as JSON-ready dicts."""
    from dataclasses import asdict

    from clinqa.document.parse import parse_document

    doc = parse_document(text, note_id)
    return {"note_id": note_id, "document": doc.to_dict(),
            "medication_reconciliation": [asdict(r) for r in medication_reconciliation(doc)],
            "trends": [asdict(t) for t in trends(doc)]}
