"""`QuestionSynthesizer`: the questions of one note, filled from the templates with what
`mentions` finds in it (answerable ones, then unanswerable ones about what the note does not
mention, up to a target fraction), and the corpus-level `synthesize` / `write_synth_squad`."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from clinqa.errors import DataError
from clinqa.synth.qa.mentions import (
    DOSE,
    NoteMention,
    admission_or_discharge,
    concepts,
    drug_canonical,
    find_mentions,
    first_item,
    header_sections,
    is_planned,
    lab_display_name,
    lab_forms,
    lab_value_span,
    mentions_any,
    negation_span,
)
from clinqa.synth.qa.templates import TEMPLATE_KEYS, Template, load_templates
from clinqa.synth.qa.vocab import (
    ABSENT_DRUGS,
    ABSENT_IMAGING,
    ABSENT_PROCEDURES,
    FREQ,
    IMAGING,
    LIST_MARKER,
    MED_HEADER,
    REASON,
    ROUTE,
    STOP,
)
from clinqa.types import Note, QAExample, Span


@dataclass(frozen=True)
class SynthQuestion:
    """A generated question: the SQuAD example, which carries the gold category, answer type
    and (yes/no questions) verdict, and the template it was filled from."""

    example: QAExample
    template: str

    @property
    def answer_type(self) -> str | None:
        return self.example.answer_type

    @property
    def verdict(self) -> str | None:
        return self.example.verdict

    @property
    def extra(self) -> dict:
        d = {"category": self.example.category, "answer_type": self.answer_type, "template": self.template}
        if self.verdict is not None:
            d["verdict"] = self.verdict
        return d


@dataclass
class SynthStats:
    notes: int = 0
    notes_without_questions: int = 0
    questions: int = 0
    unanswerable: int = 0
    by_template: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"notes": self.notes, "notes_without_questions": self.notes_without_questions,
                "questions": self.questions, "unanswerable": self.unanswerable,
                "unanswerable_fraction": round(self.unanswerable / self.questions, 4) if self.questions else 0.0,
                "by_template": dict(sorted(self.by_template.items())),
                "by_category": dict(sorted(self.by_category.items()))}



# ------------------------------------------------------------------------------ generation
@dataclass
class _Candidate:
    template: str
    slots: dict[str, str]
    answers: list[Span]
    category: str | None = None
    verdict: str | None = None
    impossible: bool = False


class QuestionSynthesizer:
    """Fill the templates from one note at a time. Deterministic for a given seed and note."""

    def __init__(self, templates: dict[str, Template] | None = None, *, seed: int = 13,
                 unanswerable_fraction: float = 0.2, paraphrases: int = 1, max_per_template: int = 3):
        if not 0.0 <= unanswerable_fraction < 1.0:
            raise DataError("unanswerable fraction must be in [0, 1)", source="synth qa")
        if paraphrases < 1:
            raise DataError("paraphrases must be >= 1", source="synth qa")
        self.templates = templates or load_templates()
        self.seed = seed
        self.unanswerable_fraction = unanswerable_fraction
        self.paraphrases = paraphrases
        self.max_per_template = max_per_template
        self.stats = SynthStats()

    # -------------------------------------------------------------- per note
    def questions(self, note: Note) -> list[SynthQuestion]:
        rng = random.Random(f"{self.seed}:{note.id}")
        mentions = find_mentions(note)
        cands = (self._drug_questions(note, mentions) + self._problem_questions(note, mentions)
                 + self._lab_questions(note) + self._procedure_questions(note, mentions)
                 + self._section_questions(note, mentions))
        by_template: dict[str, list[_Candidate]] = defaultdict(list)
        for c in cands:
            by_template[c.template].append(c)
        kept: list[_Candidate] = []
        for key in TEMPLATE_KEYS:
            group = by_template.get(key, [])
            rng.shuffle(group)
            kept.extend(group[: self.max_per_template])
        n_impossible = sum(c.impossible for c in kept)
        answerable = len(kept) - n_impossible
        want = round(answerable * self.unanswerable_fraction / (1 - self.unanswerable_fraction)) - n_impossible
        if answerable and want > 0:
            kept.extend(self._absent_questions(note, mentions, rng, want))
        out = self._render(note, kept, rng)
        self.stats.notes += 1
        self.stats.notes_without_questions += not out
        for q in out:
            self.stats.questions += 1
            self.stats.unanswerable += q.example.is_impossible
            self.stats.by_template[q.template] += 1
            self.stats.by_category[q.example.category] += 1
        return out

    def _render(self, note: Note, cands: list[_Candidate], rng: random.Random) -> list[SynthQuestion]:
        out, seen = [], set()
        for c in cands:
            t = self.templates[c.template]
            picks = rng.sample(t.paraphrases, min(self.paraphrases, len(t.paraphrases)))
            for k, para in enumerate(picks):
                question = t.fill(para, **c.slots)
                question = question[0].upper() + question[1:]
                if question.lower() in seen:
                    continue
                seen.add(question.lower())
                answers = tuple(sorted(set(c.answers), key=lambda s: s.start))
                verdict = c.verdict
                if t.answer_type == "yes_no" and c.impossible:
                    verdict = "not_mentioned"  # family history only, or absent from the note
                ex = QAExample(id=f"{note.id}:{c.template}:{len(out)}", question=question, note=note,
                               answers=() if c.impossible else answers, is_impossible=c.impossible,
                               category=c.category or t.category, answer_type=t.answer_type, verdict=verdict)
                out.append(SynthQuestion(ex, c.template))
        return out

    @staticmethod
    def _surface_or_name(m: NoteMention, rng_key: str) -> str:
        # Asking with the canonical name when the note writes an abbreviation or a brand teaches
        # the reader the mapping ("HTN" answers "hypertension?"); half the time the note's form.
        use_name = random.Random(rng_key).random() < 0.5
        return m.name if use_name else m.span.text

    def _drug_questions(self, note: Note, mentions: list[NoteMention]) -> list[_Candidate]:
        text = note.text
        drugs = [m for m in mentions if m.kind == "drug" and m.assertion in ("present", "historical")]
        starts = [m.span.start for m in mentions if m.kind == "drug"]
        by_name: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        first: dict[str, NoteMention] = {}
        problems = {m.span.start: m for m in mentions if m.kind in ("problem", "symptom")}
        reason_kinds: dict[str, set[str]] = defaultdict(set)
        for m in drugs:
            first.setdefault(m.name, m)
            slots = by_name[m.name]
            slots["mention"].append(m.span)
            nxt = next((s for s in starts if s > m.span.start), len(text))
            stop = STOP.search(text, m.span.end)
            end = min(nxt, stop.start() if stop else len(text), m.span.end + 90)
            window = text[m.span.end:end]
            for key, rx in (("dose", DOSE), ("route", ROUTE), ("freq", FREQ)):
                hit = rx.search(window)
                if hit:
                    s = m.span.end + hit.start()
                    slots[key].append(Span(s, s + len(hit.group()), hit.group()))
            r = REASON.search(text, m.span.end, min(len(text), end + 40))
            if r and r.start() < end + 1:
                p = problems.get(r.end())
                if p is not None and p.assertion == "present":
                    slots["reason"].append(p.span)
                    reason_kinds[m.name].add(p.kind)
        out = []
        for name, slots in by_name.items():
            shown = self._surface_or_name(first[name], f"{self.seed}:{note.id}:{name}")
            for key, template in (("dose", "dosage"), ("freq", "frequency"), ("route", "route"),
                                  ("reason", "reason")):
                if slots.get(key) and not (key == "dose" and len({sp.text for sp in slots[key]}) > 1):
                    # two different doses (admission vs discharge) make "what dose" ambiguous: skipped
                    # a drug given for a symptom ("acetaminophen for fever") has a symptom for its reason
                    cat = "Symptoms" if key == "reason" and reason_kinds[name] == {"symptom"} else None
                    out.append(_Candidate(template, {"drug": shown}, slots[key], category=cat))
            out.append(_Candidate("drug_taking", {"drug": shown}, slots["mention"], verdict="yes"))
        return out

    def _problem_questions(self, note: Note, mentions: list[NoteMention]) -> list[_Candidate]:
        text = note.text
        groups: dict[tuple[str, str], list[NoteMention]] = defaultdict(list)
        for m in mentions:
            if m.kind in ("problem", "symptom"):
                groups[(m.kind, m.name)].append(m)
        out = []
        for (kind, name), ms in groups.items():
            states = {m.assertion for m in ms}
            slot = {kind: self._surface_or_name(ms[0], f"{self.seed}:{note.id}:{name}")}
            present = [m.span for m in ms if m.assertion in ("present", "historical")]
            negated = [m for m in ms if m.assertion == "negated"]
            if present and not negated:
                out.append(_Candidate(kind, slot, present, verdict="yes"))
            elif negated and not present:
                spans = [s for s in (negation_span(text, m.span) for m in negated) if s is not None]
                if spans:
                    out.append(_Candidate(kind, slot, spans, verdict="no"))
            elif states == {"family"}:
                # the note speaks of a relative: about the patient it says nothing
                out.append(_Candidate(kind, slot, [], impossible=True))
        return out

    def _lab_questions(self, note: Note) -> list[_Candidate]:
        text = note.text
        forms = lab_forms()
        values: dict[str, list[tuple[Span, str | None, str]]] = defaultdict(list)
        for m in forms.value_re.finditer(text):
            name = forms.name_of(m.group("name"))
            if name is not None:
                values[name].append((lab_value_span(m), admission_or_discharge(text, m.start()), m.group("name")))
        out = []
        for name, vals in values.items():
            vals.sort(key=lambda v: v[0].start)
            surface, shown = vals[0][2], lab_display_name(name)
            # the note's own form some of the time where it is a name of the lab ("Hgb"), never a
            # lab-system code ("UreaN", "%HbA1c") or a letter or two
            readable = surface.lower() in forms.canonical and surface.replace(" ", "").isalpha() and len(surface) >= 3
            if readable and random.Random(f"{self.seed}:{note.id}:{shown}").random() < 0.4:
                shown = surface
            slot = {"lab": shown}
            if len({v[0].text for v in vals}) == 1:
                out.append(_Candidate("lab_value", slot, [v[0] for v in vals]))
                continue
            adm = [v[0] for v in vals if v[1] == "admission"]
            dis = [v[0] for v in vals if v[1] == "discharge"]
            if adm and dis:
                out.append(_Candidate("lab_admission", slot, adm[:1]))
                out.append(_Candidate("lab_discharge", slot, dis[-1:]))
            else:
                out.append(_Candidate("lab_first", slot, [vals[0][0]]))
                out.append(_Candidate("lab_last", slot, [vals[-1][0]]))
        return out

    def _procedure_questions(self, note: Note, mentions: list[NoteMention]) -> list[_Candidate]:
        text = note.text
        procs: dict[str, list[NoteMention]] = defaultdict(list)
        for m in mentions:
            if m.kind == "procedure":
                procs[m.name].append(m)
        out = []
        done = {n: ms for n, ms in procs.items() if all(m.assertion in ("present", "historical") for m in ms)
                and not any(is_planned(text, m.span.start) for m in ms)}
        for name, ms in done.items():
            out.append(_Candidate("procedure", {"procedure": self._surface_or_name(ms[0], f"{note.id}:{name}")},
                                  [m.span for m in ms], verdict="yes"))
        if len(procs) == 1 and done:
            ms = next(iter(done.values()))
            out.append(_Candidate("procedure_list", {}, [m.span for m in ms]))
        seen_imaging: dict[str, list[Span]] = defaultdict(list)
        shown: dict[str, str] = {}
        for m in IMAGING.finditer(text):
            finding = m.group("finding").strip().rstrip(",")
            if len(finding) < 3:
                continue
            s = m.start("finding")
            seen_imaging[m.group("name").lower()].append(Span(s, s + len(finding), finding))
            shown.setdefault(m.group("name").lower(), m.group("name"))
        for name, spans in seen_imaging.items():
            if len(spans) == 1:  # several studies of one kind: "what did the CXR show" is ambiguous
                out.append(_Candidate("imaging_result", {"imaging": shown[name]}, spans))
        return out

    def _section_questions(self, note: Note, mentions: list[NoteMention]) -> list[_Candidate]:
        text = note.text
        out = []
        sections = header_sections(text)
        meds = [(h, body) for h, body in sections if MED_HEADER.match(h)]
        drug_starts = [m.span.start for m in mentions if m.kind == "drug"]
        discharge = [x for x in meds if "discharge" in x[0].lower()]
        chosen = discharge[:1] if discharge else (meds if len(meds) == 1 else [])
        for _, body in chosen:
            # one answer per listed drug (its line, list marker dropped), as SQuAD-style list
            # sets score them: naming any item is a hit, the full list is the reference
            items = []
            for line in re.finditer(r"[^\n]+", body.text):
                ls, le = body.start + line.start(), body.start + line.end()
                if any(ls <= s < le for s in drug_starts):
                    marker = LIST_MARKER.match(line.group())
                    s0 = ls + (marker.end() if marker else 0)
                    e0 = ls + len(line.group().rstrip())
                    if e0 > s0:
                        items.append(Span(s0, e0, text[s0:e0]))
            if len(items) >= 2:
                out.append(_Candidate("medication_list", {}, items))
        for h, body in sections:
            hl = h.lower()
            if hl in ("chief complaint", "cc") and body.text and len(body.text) <= 80:
                if any(m.kind == "symptom" and body.start <= m.span.start < body.end and m.assertion == "present"
                       for m in mentions):
                    out.append(_Candidate("presenting_symptom", {}, [body]))
            if hl == "impression" and body.text:
                first = first_item(text, body)
                if first is not None:
                    out.append(_Candidate("impression", {}, [first]))
        return out

    def _absent_questions(self, note: Note, mentions: list[NoteMention], rng: random.Random, n: int) -> list[_Candidate]:
        text, low = note.text, note.text.lower()
        drug_names = {m.name for m in mentions if m.kind == "drug"}
        pools: list[tuple[str, str, str]] = []  # (template, slot, value)
        for d in ABSENT_DRUGS:
            if d in low or drug_canonical(d) in drug_names:
                continue
            for t in ("dosage", "frequency", "drug_taking", "reason"):
                pools.append((t, "drug", d))
        for c in concepts():
            if not mentions_any(text, (*c.forms, *c.ambiguous)):
                pools.append((c.kind, c.kind, c.name))
        labs = lab_forms()
        for name in dict.fromkeys(labs.canonical.values()):
            if not mentions_any(text, labs.names_of(name)):
                pools.append(("lab_value", "lab", lab_display_name(name)))
        for p in ABSENT_PROCEDURES:
            if p.lower() not in low:
                pools.append(("procedure", "procedure", p))
        for im in ABSENT_IMAGING:
            if im.lower() not in low:
                pools.append(("imaging_result", "imaging", im))
        picks = rng.sample(pools, min(n, len(pools)))
        return [_Candidate(t, {slot: v}, [], impossible=True) for t, slot, v in picks]



# ------------------------------------------------------------------------------ corpus level
def synthesize(notes: Iterable[Note], synthesizer: QuestionSynthesizer | None = None,
               max_notes: int | None = None) -> Iterator[SynthQuestion]:
    """Questions for every note (streamed); `synthesizer.stats` counts them."""
    synthesizer = synthesizer or QuestionSynthesizer()
    for note in islice(notes, max_notes):
        yield from synthesizer.questions(note)


def write_synth_squad(questions: Iterable[SynthQuestion], path: str | Path) -> int:
    """SQuAD v2.0 JSON with `category`, `answer_type`, `verdict` (yes/no questions) and
    `template` per question."""
    from clinqa.data.squad import write_squad

    qs = list(questions)
    write_squad((q.example for q in qs), path, version="v2.0", extra={q.example.id: {"template": q.template} for q in qs})
    return len(qs)
