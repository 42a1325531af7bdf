"""Grounded-answer cases (ArchEHR-QA shape: narrative, question, numbered note sentences, gold
evidence ids, a cited reference answer) from the data that is public:

- ArchEHR-QA XML (+ key): real cases; no reference answers (the 2026 answers need credentialed
  access), so they serve generation and citation scoring, not text metrics.
- SQuAD-format QA (COVID-QA, emrQA-msquad): the note is the window of `window` sentences around
  the answer; the reference is the answer-bearing sentence cited by its id. This is stage 1's
  "generic QA turned into cited-answer instructions".
- Reference answers (JSON lines `{"id", "note_id", "question", "reference", "evidence":
  [{"start", "end", "text"}]}` with the notes as `notes/<note_id>.txt` beside the file, as in
  benchmarks/data/clinical_dev): the note is split by clinqa's segmenter; a sentence is gold
  evidence when it overlaps a gold span.
- The Indiana chest X-ray reports: the indication is the patient's message, the question asks
  what the X-ray showed, the findings are the numbered note, the impression is the reference
  answer, each impression sentence citing the findings sentence it overlaps most (BM25).

`read_cases("FILE#part")` picks the reader by the file and the split by note id as elsewhere.

`copy_simplify()` turns a case into the training target of item 3 of the grounded-answer issue:
instead of a reference answer written in the annotator's own words, the target is the extractive
mode's composition of the case's gold evidence sentences (`plan.plain`, one sentence per line with
its id), and the prompt is the evidence-first rewrite prompt the generator uses at inference.
An LM trained on it learns to stay close to the sentences it is given.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from pathlib import Path

from clinqa.errors import DataError
from clinqa.generate.prompts import WORD_LIMIT
from clinqa.types import EvidenceCase, Note, Sentence

log = logging.getLogger(__name__)

INDIANA_QUESTION = "What did my chest X-ray show?"
TARGETS = ("reference", "copy_simplify")


def _relevance(sentences, cited: set[str]) -> dict[str, str]:
    return {s.id: ("essential" if s.id in cited else "not-relevant") for s in sentences}


def _renumber(note_id: str, text: str, sentences: list[Sentence]) -> tuple[Note, tuple[Sentence, ...]]:
    """A note made of `sentences` (joined by newlines), ids 1..n, offsets into the new text."""
    parts, out, pos = [], [], 0
    for i, s in enumerate(sentences, start=1):
        t = " ".join(s.text.split())
        out.append(Sentence(id=str(i), start=pos, end=pos + len(t), text=t, section=s.section))
        parts.append(t)
        pos += len(t) + 1
    return Note(id=note_id, text="\n".join(parts)), tuple(out)


def squad_cases(examples, window: int = 5, seed: int = 13) -> list[EvidenceCase]:
    """One case per answerable question: `window` sentences around the answer sentence (the
    answer's position inside the window varies, seeded)."""
    from clinqa.text import segment

    rng = random.Random(seed)
    seg_cache: dict[str, list[Sentence]] = {}
    cases = []
    for ex in examples:
        if not ex.answers:
            continue
        key = ex.note.id or str(hash(ex.note.text))
        if key not in seg_cache:
            seg_cache[key] = segment(ex.note.text, ex.note.id)
        sents = seg_cache[key]
        a = ex.answers[0]
        hit = next((i for i, s in enumerate(sents) if s.start <= a.start < s.end), None)
        if hit is None:
            continue
        lo = max(0, min(hit - rng.randrange(window), len(sents) - window))
        win = sents[lo:lo + window]
        note, renum = _renumber(f"{ex.id}", ex.note.text, win)
        sid = str(hit - lo + 1)
        answer_text = " ".join(sents[hit].text.split())
        cases.append(EvidenceCase(id=str(ex.id), note=note, sentences=renum, clinician_question=ex.question,
                                  relevance=_relevance(renum, {sid}), answer=f"{answer_text} |{sid}|"))
    return cases


def indiana_cases(pairs) -> list[EvidenceCase]:
    from clinqa.evaluate.rouge_bleu import sentence_lines
    from clinqa.retrieval.bm25 import BM25Scorer
    from clinqa.text import segment

    cases = []
    for p in pairs:
        sents = segment(p.findings, p.id)
        if not sents or not p.impression:
            continue
        note, renum = _renumber(p.id, p.findings, sents)
        scorer = BM25Scorer().fit([s.text for s in renum])
        lines, cited = [], set()
        for imp in sentence_lines(p.impression).splitlines():
            imp = imp.strip().lstrip("0123456789.) ").strip()
            if not imp:
                continue
            scores = scorer.score(imp)
            sid = renum[int(scores.argmax())].id
            cited.add(sid)
            lines.append(f"{imp} |{sid}|")
        if not lines:
            continue
        narrative = str(p.metadata.get("indication") or "").strip()
        cases.append(EvidenceCase(id=p.id, note=note, sentences=renum, patient_narrative=narrative,
                                  clinician_question=INDIANA_QUESTION, relevance=_relevance(renum, cited),
                                  answer="\n".join(lines)))
    return cases


def is_reference_file(path: str | Path) -> bool:
    """Whether a .jsonl file holds reference answers (rather than radiology pairs)."""
    import json

    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(obj, dict) and {"note_id", "question", "reference"} <= set(obj)
    return False


def reference_cases(path: str | Path, notes_dir: str | Path | None = None) -> list[EvidenceCase]:
    """Cases from reference answers with gold evidence spans (see the module doc); the spans are
    checked against the notes by `read_reference_answers`."""
    import json

    from clinqa.data.references import read_reference_answers
    from clinqa.text import segment

    path = Path(path)
    folder = Path(notes_dir) if notes_dir else path.parent / "notes"
    wanted = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    wanted.add(str(json.loads(line)["note_id"]))
                except (json.JSONDecodeError, KeyError, TypeError):
                    pass  # read_reference_answers reports the bad line
    notes = {}
    for note_id in sorted(wanted):
        f = folder / f"{note_id}.txt"
        if not f.exists():
            raise DataError(f"note {note_id!r} not found as {f}", source=str(path))
        notes[note_id] = Note(id=note_id, text=f.read_text(encoding="utf-8"))
    segs: dict[str, list[Sentence]] = {}
    cases = []
    for ref in read_reference_answers(path, notes):
        note = notes[ref.note_id]
        sents = segs.setdefault(ref.note_id, segment(note.text, note.id))
        gold = {s.id for s in sents if any(s.start < e.end and e.start < s.end for e in ref.evidence)}
        cases.append(EvidenceCase(id=ref.id, note=note, sentences=tuple(sents), clinician_question=ref.question,
                                  relevance=_relevance(sents, gold), answer=ref.reference))
    return cases


def reference_keys(path: str | Path, cases: list[EvidenceCase]) -> dict[str, frozenset[str]]:
    """Case id -> the ids of its key sentences: the note sentences that overlap the reference's
    first evidence span (the sentence the reference answer rests on); an empty set when the
    reference has no evidence (the note does not answer)."""
    out: dict[str, frozenset[str]] = {}
    for _, row, case in _case_rows(path, cases):
        ev = row.get("evidence") or []
        if not ev:
            out[case.id] = frozenset()
            continue
        a, b = int(ev[0]["start"]), int(ev[0]["end"])
        out[case.id] = frozenset(s.id for s in case.sentences if s.start < b and a < s.end)
    return out


def _case_rows(path: str | Path, cases: list[EvidenceCase]):
    """(line number, row, case) for each JSON line of `path` whose id is one of `cases`."""
    import json

    by_id = {c.id: c for c in cases}
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            case = by_id.get(str(row.get("id")))
            if case is not None:
                yield n, row, case


def answer_span_keys(squad_path: str | Path, cases: list[EvidenceCase],
                     first: dict[str, frozenset[str]] | None = None) -> dict[str, frozenset[str]]:
    """Case id -> its key sentences read from the QA annotation of the same question: the note
    sentences holding a gold answer span (for a yes/no question, the mention that decides the
    verdict). The reference's evidence spans are unordered support, so this, not their first,
    is the sentence the answer rests on. A case whose reference has no evidence keeps an empty
    set (the note does not answer); a question without a gold span is left out unless `first`
    (reference_keys) gives it a key."""
    import json

    spans: dict[str, list[tuple[int, int]]] = {}
    for article in json.loads(Path(squad_path).read_text(encoding="utf-8"))["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                spans[str(qa["id"])] = [(int(a["answer_start"]), int(a["answer_start"]) + len(a["text"]))
                                        for a in qa.get("answers") or []]
    out: dict[str, frozenset[str]] = {}
    for c in cases:
        if first is not None and c.id in first and not first[c.id]:
            out[c.id] = frozenset()
            continue
        keys = frozenset(s.id for s in c.sentences for a, b in spans.get(c.id, ()) if s.start < b and a < s.end)
        if keys:
            out[c.id] = keys
        elif first is not None and c.id in first:
            out[c.id] = first[c.id]
    return out


def annotated_keys(path: str | Path, cases: list[EvidenceCase]) -> dict[str, frozenset[str]]:
    """Case id -> the sentence ids of its key sentences as an annotator chose them (one JSON line
    per case: {"id", "key_sentences": [sentence text, ...]}), matched to the case's sentences by
    their whitespace-normalised text; a text that matches no sentence is a DataError."""
    out: dict[str, frozenset[str]] = {}
    for n, row, case in _case_rows(path, cases):
        texts = {" ".join(s.text.split()): s.id for s in case.sentences}
        ids = []
        for t in row.get("key_sentences") or []:
            sid = texts.get(" ".join(str(t).split()))
            if sid is None:
                raise DataError(f"{path}:{n}: key sentence {t[:60]!r} is no sentence of case {case.id}")
            ids.append(sid)
        out[case.id] = frozenset(ids)
    return out


@dataclass(frozen=True)
class CopySimplify:
    """A case as a copy-and-simplify training pair: the evidence the prompt shows (ids, note text,
    as `generator` gives the planned sentences) and the target, each evidence sentence in plain
    language ending with its id."""

    evidence: tuple[tuple[tuple[str, ...], str], ...]
    target: str


def copy_simplify(case: EvidenceCase, word_limit: int = WORD_LIMIT, max_sentences: int = 4) -> CopySimplify | None:
    """The gold ("essential") evidence sentences in note order, each written by the extractive
    writer, within the answer's word limit and sentence count as the plan keeps them (a sentence
    that would pass the limit is skipped, a shorter one after it may still fit). None when no gold
    sentence has readable text (a header, a placeholder-only line)."""
    from clinqa.generate.plan import headers_of, plain

    headers = headers_of(case.sentences)
    evidence, lines, words = [], [], 0
    for s in case.sentences:
        if case.relevance.get(s.id) != "essential" or len(lines) >= max_sentences:
            continue
        text = plain(s, headers.get(s.id, ""))
        n = len(text.split())
        if not text or (lines and words + n > word_limit):
            continue
        evidence.append(((s.id,), " ".join(s.text.split())))
        lines.append(f"{text} |{s.id}|")
        words += n
    if not lines:
        return None
    return CopySimplify(evidence=tuple(evidence), target="\n".join(lines))


def read_cases(spec: str, *, key: str | None = None, max_cases: int | None = None, window: int = 5) -> list[EvidenceCase]:
    """Cases from `FILE[#part]`: ArchEHR-QA .xml, SQuAD/emrQA .json, or a radiology table."""
    from clinqa.data.splits import in_part, parse_spec

    path, part = parse_spec(spec)
    if not Path(path).exists():
        raise DataError("file not found", source=str(path))
    suffix = Path(path).suffix.lower()
    if suffix == ".xml":
        from clinqa.data.archehr import read_archehr

        cases = [c for c in read_archehr(path, key) if part is None or in_part(c.id, part)]
        if cases and not any(c.sentences for c in cases):
            raise DataError("these ArchEHR-QA cases have no note sentences (the public subtask-1 file holds "
                            "narratives only); generation needs note excerpts", source=str(path))
    elif suffix == ".json":
        from clinqa.data.splits import read_qa_spec

        exs = read_qa_spec(spec)
        if max_cases:
            exs = exs[: max_cases * 2]  # some questions have no locatable answer sentence
        cases = squad_cases(exs, window=window)
    elif suffix == ".jsonl" and is_reference_file(path):
        cases = reference_cases(path)
    elif suffix in (".csv", ".jsonl", ".parquet"):
        from clinqa.data.radiology import read_pairs_spec

        pairs = read_pairs_spec(spec)
        cases = indiana_cases(pairs[: max_cases * 2] if max_cases else pairs)
    else:
        raise DataError(f"cannot tell the case format from {suffix!r}; expected .xml (ArchEHR-QA), .json "
                        "(SQuAD/emrQA) or .csv/.jsonl/.parquet (findings/impression)", source=str(path))
    cases = cases[:max_cases] if max_cases else cases
    if not cases:
        raise DataError(f"{spec}: no usable cases", source=str(spec))
    return cases
