"""ArchEHR-QA (2025/2026): `archehr-qa.xml` cases, `archehr-qa_key.json` relevance labels,
and the submission JSON of each 2026 subtask.

Subtasks: 1 question interpretation (prediction: a string), 2 evidence identification
(a list of sentence ids), 3 answer generation (a string), 4 answer-evidence alignment
(a list of {answer_id, evidence_id: [ids]}).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinqa.data._io import existing, load_json
from clinqa.data.checks import check_unique_ids
from clinqa.errors import DataError
from clinqa.types import EvidenceCase, Note, Sentence

RELEVANCE = ("essential", "supplementary", "not-relevant")
SUBTASKS = (1, 2, 3, 4)


def read_archehr(xml_path: str | Path, key_path: str | Path | None = None) -> Iterator[EvidenceCase]:
    """Stream cases from the XML; with a key file, attach each sentence's relevance.

    Public test files hold only patient narratives (the notes need credentialed access):
    such cases come back with an empty note and no sentences.
    """
    p = existing(xml_path)
    key = read_key(key_path) if key_path else {}
    seen = set()
    try:
        for _event, elem in ET.iterparse(p, events=("end",)):
            if elem.tag != "case":
                continue
            case = _case(elem, key, str(p))
            seen.add(case.id)
            elem.clear()
            yield case
    except ET.ParseError as exc:
        line, col = exc.position
        raise DataError(f"malformed XML: {exc}", source=str(p), where=f"line {line}, column {col}") from None
    unknown = sorted(set(key) - seen)
    if unknown:
        raise DataError(f"key has case ids not in the XML: {', '.join(unknown[:5])}", source=str(key_path))


def _text(elem: ET.Element | None) -> str:
    if elem is None:
        return ""
    return "".join(elem.itertext()).strip()


def _case(elem: ET.Element, key: dict[str, dict[str, str]], src: str) -> EvidenceCase:
    cid = elem.get("id")
    if not cid:
        raise DataError("<case> without an id attribute", source=src)
    where = f"case {cid}"
    note_text = _text(elem.find("note_excerpt"))
    sentences: list[Sentence] = []
    cursor = 0
    sent_parent = elem.find("note_excerpt_sentences")
    for s_el in sent_parent.findall("sentence") if sent_parent is not None else []:
        sid = s_el.get("id")
        s_text = _text(s_el)
        if not sid:
            raise DataError("<sentence> without an id attribute", source=src, where=where)
        if not note_text:
            raise DataError(f"sentence {sid} given but <note_excerpt> is empty", source=src, where=where)
        start = _locate(note_text, s_text, s_el.get("start_char_index"), cursor)
        if start is None:
            raise DataError(f"sentence {sid} text is not found in <note_excerpt>", source=src, where=where)
        end = start[1]
        sentences.append(Sentence(id=sid, start=start[0], end=end, text=note_text[start[0]:end],
                                  section=s_el.get("paragraph_id")))
        cursor = end
    ids = [s.id for s in sentences]
    check_unique_ids(ids, source=src, where=where)
    relevance = key.get(cid, {})
    bad = sorted(set(relevance) - set(ids))
    if bad and sentences:
        raise DataError(f"key names sentence ids not in the case: {', '.join(bad)}", source=src, where=where)
    phrases = [_text(ph) for ph in elem.iter("phrase")]
    patient_question = " ".join(phrases) if phrases else _text(elem.find("patient_question"))
    return EvidenceCase(
        id=cid,
        note=Note(id=cid, text=note_text, metadata={"format": "archehr-qa"}),
        sentences=tuple(sentences),
        patient_narrative=_text(elem.find("patient_narrative")),
        patient_question=patient_question,
        clinician_question=_text(elem.find("clinician_question")),
        relevance=relevance,
    )


def _locate(note: str, sent: str, start_attr: str | None, cursor: int) -> tuple[int, int] | None:
    """(start, end) of `sent` in `note`: at start_char_index if it matches, else the first
    occurrence after the previous sentence, else a whitespace-insensitive match."""
    if start_attr is not None and start_attr.strip().lstrip("-").isdigit():
        s = int(start_attr)
        if note[s : s + len(sent)] == sent:
            return s, s + len(sent)
    for origin in (cursor, 0):
        pos = note.find(sent, origin)
        if pos >= 0:
            return pos, pos + len(sent)
    pattern = r"\s+".join(re.escape(w) for w in sent.split())
    m = re.search(pattern, note[cursor:]) if pattern else None
    return (cursor + m.start(), cursor + m.end()) if m else None


def read_key(path: str | Path) -> dict[str, dict[str, str]]:
    """case_id -> {sentence_id: relevance}."""
    p = existing(path)
    data = load_json(p)
    if not isinstance(data, list):
        raise DataError("expected a JSON list of {case_id, answers}", source=str(p))
    out: dict[str, dict[str, str]] = {}
    for i, case in enumerate(data):
        if not isinstance(case, dict) or "case_id" not in case or not isinstance(case.get("answers"), list):
            raise DataError("expected keys 'case_id' and 'answers' (a list)", source=str(p), where=f"[{i}]")
        labels: dict[str, str] = {}
        for j, ans in enumerate(case["answers"]):
            where = f"[{i}].answers[{j}]"
            if not isinstance(ans, dict) or "sentence_id" not in ans or "relevance" not in ans:
                raise DataError("expected keys 'sentence_id' and 'relevance'", source=str(p), where=where)
            rel = str(ans["relevance"])
            if rel not in RELEVANCE:
                raise DataError(f"relevance {rel!r} is not one of {', '.join(RELEVANCE)}", source=str(p), where=where)
            labels[str(ans["sentence_id"])] = rel
        out[str(case["case_id"])] = labels
    return out


def write_archehr(cases: Iterable[EvidenceCase], xml_path: str | Path, key_path: str | Path | None = None) -> None:
    """Write cases in the official XML layout (and the key, if given)."""
    root = ET.Element("annotations")
    key = []
    for case in cases:
        c = ET.SubElement(root, "case", id=case.id)
        ET.SubElement(c, "patient_narrative").text = case.patient_narrative
        pq = ET.SubElement(c, "patient_question")
        if case.patient_question:
            start = case.patient_narrative.find(case.patient_question)
            ET.SubElement(pq, "phrase", id="0", start_char_index=str(max(start, 0))).text = case.patient_question
        ET.SubElement(c, "clinician_question").text = case.clinician_question
        ET.SubElement(c, "note_excerpt").text = case.note.text
        sents = ET.SubElement(c, "note_excerpt_sentences")
        for s in case.sentences:
            ET.SubElement(sents, "sentence", id=s.id, paragraph_id=s.section or "1",
                          start_char_index=str(s.start)).text = s.text
        if case.relevance:
            key.append({"case_id": case.id, "answers": [
                {"sentence_id": sid, "relevance": rel} for sid, rel in case.relevance.items()]})
    ET.indent(root)
    ET.ElementTree(root).write(xml_path, encoding="UTF-8", xml_declaration=True)
    if key_path is not None:
        Path(key_path).write_text(json.dumps(key, indent=2), encoding="utf-8")


@dataclass(frozen=True)
class AlignedAnswer:
    """Subtask 4: one answer sentence and the note sentences that support it."""

    answer_id: str
    evidence_ids: tuple[str, ...]


@dataclass(frozen=True)
class Prediction:
    """One entry of a submission; `prediction` is str (1, 3), tuple of ids (2) or
    tuple of AlignedAnswer (4)."""

    case_id: str
    prediction: Any


def read_submission(path: str | Path, subtask: int) -> list[Prediction]:
    p = existing(path)
    if subtask not in SUBTASKS:
        raise DataError(f"subtask must be one of 1, 2, 3, 4; got {subtask}", source=str(p))
    data = load_json(p)
    if not isinstance(data, list):
        raise DataError("expected a JSON list of {case_id, prediction}", source=str(p))
    out, seen = [], set()
    for i, entry in enumerate(data):
        where = f"[{i}]"
        if not isinstance(entry, dict) or "case_id" not in entry or "prediction" not in entry:
            raise DataError("expected keys 'case_id' and 'prediction'", source=str(p), where=where)
        cid = str(entry["case_id"])
        if cid in seen:
            raise DataError(f"case_id {cid} appears twice", source=str(p), where=where)
        seen.add(cid)
        out.append(Prediction(cid, _prediction(entry["prediction"], subtask, str(p), where)))
    return out


def _prediction(value: Any, subtask: int, src: str, where: str) -> Any:
    if subtask in (1, 3):
        if not isinstance(value, str):
            raise DataError(f"subtask {subtask} prediction must be a string", source=src, where=where)
        return value
    if subtask == 2:
        if not isinstance(value, list) or not all(isinstance(x, (str, int)) for x in value):
            raise DataError("subtask 2 prediction must be a list of sentence ids", source=src, where=where)
        return tuple(str(x) for x in value)
    if not isinstance(value, list):
        raise DataError("subtask 4 prediction must be a list of {answer_id, evidence_id}", source=src, where=where)
    aligned = []
    for j, item in enumerate(value):
        if not isinstance(item, dict) or "answer_id" not in item or not isinstance(item.get("evidence_id"), list):
            raise DataError("expected keys 'answer_id' and 'evidence_id' (a list)", source=src, where=f"{where}.prediction[{j}]")
        aligned.append(AlignedAnswer(str(item["answer_id"]), tuple(str(x) for x in item["evidence_id"])))
    return tuple(aligned)


def write_submission(predictions: Iterable[Prediction], path: str | Path, subtask: int) -> None:
    rows = []
    for pred in predictions:
        value = pred.prediction
        if subtask == 2:
            value = [str(x) for x in value]
        elif subtask == 4:
            value = [{"answer_id": a.answer_id, "evidence_id": list(a.evidence_ids)} for a in value]
        rows.append({"case_id": pred.case_id, "prediction": value})
    Path(path).write_text(json.dumps(rows, indent=4, ensure_ascii=False), encoding="utf-8")
