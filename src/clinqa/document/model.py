"""The clinical document: what a note says, read once, every element with its character offsets
into the note's text (`text[start:end]` is always the element's own words)."""

from __future__ import annotations

import bisect
import functools
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Literal

from clinqa.types import Sentence

NoteKind = Literal["discharge_summary", "emergency", "progress", "operative", "clinic_letter", "radiology", "consult",
                   "unknown"]
BlockKind = Literal["prose", "list", "fields", "table", "trend"]


@dataclass(frozen=True)
class Section:
    """A section: its header as written (None before the first header), its category (medspaCy's
    clinical section rules, extended by the lexicon), and where its header and body are."""

    category: str | None
    title: str | None
    start: int
    end: int
    title_start: int = -1
    title_end: int = -1


@dataclass(frozen=True)
class Item:
    """One line of a list, field block or table (`text` without its list mark)."""

    text: str
    start: int
    end: int
    key: str | None = None  # a field's key ("Allergies"), a table row's label
    key_start: int = -1
    key_end: int = -1


@dataclass(frozen=True)
class Block:
    """A run of the note of one shape: prose sentences, a list with the header above it, `Key:
    value` fields, a table (`columns`: its header row's cells), a trend ("6.9 -> 7.4 -> 9.1")."""

    kind: BlockKind
    start: int
    end: int
    section: str | None
    header: str | None = None
    header_start: int = -1
    header_end: int = -1
    items: tuple[Item, ...] = ()
    columns: tuple[Item, ...] = ()


@dataclass(frozen=True)
class TimeAnchor:
    """A moment the note names: "admission"/"discharge" (their dates when the note gives them), a
    date, a time, or a relative day ("HD3", "POD 2"). `key` orders anchors in time (None: unknown)."""

    kind: Literal["admission", "discharge", "date", "time", "relative_day"]
    text: str
    start: int
    end: int
    key: tuple | None = None


@dataclass(frozen=True)
class Measurement:
    """One measured value of a lab or vital sign (canonical lexicon name) with where and when it was
    written: `when` is the time text the value carries (a column header, "(6/3 04:00)", a row's
    time), `moment` "admission"/"discharge" when the note says so, `key` its order in time when it
    can be known, `sequence` its place in note order."""

    name: str
    value: str
    start: int
    end: int
    name_start: int
    number: float | None
    source: Literal["text", "table", "trend"]
    sequence: int
    when: str | None = None
    when_start: int = -1
    when_end: int = -1
    moment: str | None = None
    key: tuple | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened or is to happen: a medication started, stopped, held, resumed, dose
    changed or continued; a procedure performed or planned; a smoking status (current, former,
    never). `subject` is what it happened to (a drug, a procedure, "smoking"); `cue` the words that
    say so; `reason` the words after "due to"/"for"... when given; `sentence` the whole clause."""

    kind: Literal["medication", "procedure", "smoking"]
    action: str
    subject: str
    subject_start: int
    subject_end: int
    cue: str
    cue_start: int
    cue_end: int
    sentence_start: int
    sentence_end: int
    reason: str | None = None
    reason_start: int = -1
    reason_end: int = -1
    section: str | None = None
    source: Literal["prose", "list_header"] = "prose"
    # "negated": the note says it did not happen ("was not started"); "hypothetical": only
    # considered or planned ("consider starting"); "done" otherwise
    # planned: to happen later or on a condition ("to start this evening", "start if the level is high")
    status: Literal["done", "negated", "hypothetical", "planned"] = "done"


@dataclass(frozen=True)
class Phrase:
    """A part of the note's one-liner ("74 yo M with HTN, DM2 admitted [**5-10**] with AKI"): the
    patient's `history`, what they were `admitted_with`, what they came with (`presenting_with`),
    how long they had it (`duration`), the admission's date (`admitted_on`); `items` are a list
    part's pieces; `cue` the words that open the part."""

    role: Literal["history", "admitted_with", "presenting_with", "duration", "admitted_on"]
    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class ClinicalDocument:
    """A note read once: its kind, sections, blocks, measurements, time anchors and events."""

    note_id: str
    text: str
    kind: NoteKind
    kind_reason: str
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    measurements: tuple[Measurement, ...] = ()
    anchors: tuple[TimeAnchor, ...] = ()
    presentation: tuple[Phrase, ...] = ()  # the parts of the note's one-liners (document/presentation.py)
    day_first: bool = False  # its numeric dates put the day first ("13-10"): every date of it is so read
    # the events are read on first use (parse.build gives the reader): finding drugs loads the
    # drug lexicon, 2.5 s of a cold start that a lab or date question never needs
    read_events: Callable[[], tuple[Event, ...]] | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Medication, procedure and smoking events, in note order."""
        return self.read_events() if self.read_events is not None else ()

    @functools.cached_property
    def _block_starts(self) -> tuple[int, ...]:
        return tuple(b.start for b in self.blocks)

    def block_at(self, pos: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, pos) - 1
        return self.blocks[i] if i >= 0 and self.blocks[i].start <= pos < self.blocks[i].end else None

    def section_at(self, pos: int) -> Section | None:
        for s in self.sections:
            if s.start <= pos < s.end:
                return s
        return None

    def measurements_of(self, name: str) -> list[Measurement]:
        return [m for m in self.measurements if m.name == name]

    def lists(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "list"]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("text", None)
        d.pop("read_events", None)
        d["events"] = [asdict(e) for e in self.events]
        d["sentences"] = len(self.sentences)
        return d
