"""A yes/no question about one moment ("Was he on oxygen at discharge?", "Is she nauseated
today?", "Is the drain still in?") against mentions the note says ended before it ("Oxygen was
weaned off by day 4", "nausea yesterday, none today", "drain ... removed on the ward round"): such
a mention says no for that moment, and the mentions before it in the note are its earlier state,
not the state asked about. A question that names no moment keeps every mention ("Was he on
oxygen?" is a yes)."""

from __future__ import annotations

import re
from dataclasses import replace

from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.labs import lab_in
from clinqa.qa.policy.spans import line_span, sentence_at
from clinqa.qa.policy.verdicts import Mention
from clinqa.types import Sentence

# the words before a mention that say it ended ("Resolution of the left pleural effusion"; the
# lexicon's `event_status.ended_before`), with up to two words between
_ENDED_BEFORE = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_alternation("event_status", "ended_before") +
    r")[ \t]+(?:the[ \t]+|his[ \t]+|her[ \t]+)?(?:[\w-]+[ \t]+){0,2}$", re.I))
# a negation just before the ending cue undoes it: "not weaned off", "never removed"
_UNDONE = re.compile(r"\b(?:not|never|unable to be|could not be|failed to be|yet to be)\s+(?:been\s+|be\s+)?$", re.I)


def asks_at_a_moment(question: str) -> bool:
    """Whether the question asks about the state at one moment (lexicon
    `question_words.at_a_moment`), not at any time of the stay; a present-tense question of use
    asks about now (`question_words.current_use`: "Does she take zinc?", "Is he on warfarin?")."""
    lex = lexicon()
    return bool(lex.words_re("question_words", "at_a_moment").search(question)
                or lex.words_re("question_words", "current_use").search(question))


def ended_cue(text: str, sentences: list[Sentence] | None, m: Mention) -> tuple[int, int] | None:
    """Where the words after a mention, in its clause, say it ended (lexicon
    `event_status.ended_after`): "was weaned off", ", none today", "-> removed on WR"."""
    sent = sentence_at(sentences, m.start) if sentences else None
    line_end = text.find("\n", m.end)
    stop = min(sent.end if sent else len(text), line_end if line_end >= 0 else len(text))
    before = _ENDED_BEFORE.get().search(text, max(0, m.start - 60), m.start)
    if before is not None:  # "Resolution of the left pleural effusion"
        return before.start(), m.start
    lex = lexicon()
    cue = lex.words_re("event_status", "ended_after").search(text, m.end, min(stop, m.end + 90))
    if cue is None:
        return None
    after = text[cue.end():cue.end() + 30]
    if lex.words_re("event_status", "value_words").fullmatch(cue.group(0)):
        lab = lab_in(after, with_start=True, terse=True)
        if (lab and after[:lab[1]] == " ") or re.match(r" \d", after):
            return None  # a value's own word, no ending: "(corrected Ca 2.01)", "corrected 2.95"; a column's "Resolved<tab>Hb" is one
    if re.search(r"\b(?:" + lex.words_alternation("event_status", "not_ended_before") + r")\s+$",
                 text[max(m.end, cue.start() - 20):cue.start()], re.I):
        return None  # "being corrected with IV KCl", "not yet normalised"
    # (a field's own colon is no clause: "drain: 40 mL serous overnight -> removed on WR")
    # (nor the stop right before the cue: "Vomited twice in ED; nil since 16:00")
    # (nor a form's leader of dots: "zinc ........ she stopped it herself")
    between = re.sub(r"\([^()]*\)", " ", re.sub(r"^[ \t]*:|[;,][ \t]*$|\.{4,}|_{3,}", " ", text[m.end:cue.start()]))
    # (the rest of a field's label before its colon: "Zolpidem at night: she stopped it")
    between = re.sub(r"^[^:;.\n]{0,30}:(?=[^:]*$)", " ", between) if len(between.split(":")[0].split()) <= 4 else between
    # a line that opens with the mention tells its course in clauses ("- Oxygen by nasal prongs
    # 3 L/min; up to 5 L on 16/04; weaned off 18/04"): its semicolons part no other subject
    heads_line = re.fullmatch(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])?[ \t]*", text[line_span(text, m.start)[0]:m.start])
    clause = r"[:]|\.\s" if heads_line else r"[;:]|\.\s"
    if re.search(clause, between) or len(between.split()) > (14 if heads_line else 8) or _UNDONE.search(between):
        return None  # another clause's, or said not to have ended
    from clinqa.document.events import drug_spans

    if drug_spans(text, m.end, cue.start()):
        return None  # another drug's stop: "bisoprolol continued, amlodipine stopped"
    if lex.words_re("event_status", "restarted_after").search(text, cue.end(), stop):
        return None  # stopped, then started again: "warfarin stopped 12/05 ..., restarted 20/05; continues"
    return cue.start(), cue.end()


def asks_current_use(question: str) -> bool:
    """A present-tense question of use ("Is he taking baclofen?"), without a moment word."""
    lex = lexicon()
    return bool(lex.words_re("question_words", "current_use").search(question)) and \
        not lex.words_re("question_words", "at_a_moment").search(question)


def at_the_moment(text: str, sentences: list[Sentence] | None, mentions: list[Mention],
                  absent: list[Mention] | None = None, last_word: bool = True) -> list[Mention]:
    """The mentions that speak of the moment asked about: when the note's last mention says it is
    absent, only that word and what follows it; else a present mention that ended becomes a
    negated one (its ending cue its evidence), and a present one before the last that ended is
    dropped (an earlier state). Unchanged when none ended. `absent`: the words that say the
    concept is absent ("afebrile" for fever), read beside the mentions. Without `last_word`
    (a present-tense question of use) only the endings count: a negation near the last mention
    ("pump not needed, oral baclofen controls the spasms") is no word on the drug's course."""
    seen = {m.start for m in mentions}
    mentions = sorted([*mentions, *(m for m in absent or () if m.start not in seen)], key=lambda m: m.start)
    if last_word and mentions and mentions[-1].assertion == "negated" and \
            any(m.assertion in ("present", "historical", "possible") for m in mentions):
        # the note's last word on it says it is absent ("fevers" at presentation, "afebrile since
        # 11/08" at discharge): the state at the moment asked is that last word's
        last_no = mentions[-1].start
        return [m for m in mentions if m.assertion not in ("present", "historical", "possible") or m.start > last_no]
    ended = {}
    for i, m in enumerate(mentions):
        if m.assertion in ("present", "historical", "possible"):
            cue = ended_cue(text, sentences, m)
            if cue is not None:
                ended[i] = cue
    if not ended:
        return mentions
    last = max(mentions[i].start for i in ended)
    # (an ending before a later mention of its use is an earlier course: "Tried metformin in 2188;
    # now back on metformin 500 mg bd")
    later_use = max((m.start for i, m in enumerate(mentions) if i not in ended and m.assertion == "present"), default=-1)
    out = []
    for i, m in enumerate(mentions):
        if i in ended and m.start < later_use and not last_word:
            continue
        if i in ended:
            out.append(replace(m, assertion="negated", cue_start=min(m.cue_start, m.start),
                               cue_end=max(m.cue_end, ended[i][1])))
        elif m.assertion in ("present", "historical", "possible") and m.start < last:
            continue
        else:
            out.append(m)
    return out
