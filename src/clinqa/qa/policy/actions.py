"""The verb a yes/no question asks about ("Was the drain removed?", "Was a CT done?"): each
mention's sentence must say it, negated near it is a no, unsaid only possible; a test's result on
its line says it was done, and the asked verb that ConText reads as a negation ("drain removed")
is the event asked about."""

from __future__ import annotations

import re
from dataclasses import replace

from clinqa.document.checkboxes import has_boxes
from clinqa.qa.policy.forms import action_assertion, verb_pattern
from clinqa.qa.policy.spans import sentence_at
from clinqa.qa.policy.verdicts import Mention


def with_actions(mentions: list[Mention], text: str, sentences, action: str) -> list[Mention]:
    """Each mention read for the asked verb; when one says it, those that leave it unsaid are
    dropped ("Dressing intact - changed today" answers "Was the dressing changed today?", not the
    later "weekly dressing by the district nurses")."""
    read = [(with_action(m, text, sentences, action), m) for m in mentions]
    said = any(r.assertion == "present" and m.assertion in ("present", "historical") for r, m in read)
    return [r for r, m in read if not (said and r.assertion == "possible" and m.assertion != "possible")]


def with_action(m: Mention, text: str, sentences, action: str) -> Mention:
    sent = sentence_at(sentences, m.start)
    said = action_assertion(text[sent.start:sent.end] if sent else text[m.start:m.end], action)
    if m.assertion == "negated" and said != "negated" and _has_result(text, m, action, finding_only=True):
        # "Was a CXR done?" on "Chest X-ray: no consolidation": the finding is absent, the test was done
        return replace(m, assertion="present")
    if said is None and m.assertion == "negated" and sent is not None and not _conditional_verb(text, sent, action):
        # the asked verb may be ConText's own negation ("Left chest drain removed on day 3": "removed"
        # says no drain now); for "Was the drain removed?" it is the event asked about
        from clinqa.text.assertion import assert_spans

        verb = re.compile(r"\b" + verb_pattern(action), re.I)
        masked = text[:sent.start] + verb.sub(lambda v: " " * len(v.group(0)), text[sent.start:sent.end]) + text[sent.end:]
        # (only ConText's own negation: a checklist's x under NO, a field's "none" stay)
        if assert_spans(text, [(m.start, m.end)])[0] == "negated" and assert_spans(masked, [(m.start, m.end)])[0] != "negated":
            return replace(m, assertion="present")
    if said is None and m.assertion in ("present", "historical") and sent is not None and _conditional_verb(text, sent, action):
        # "Human milk fortifier to start today once 150 mL/kg/day tolerated": not yet
        return replace(m, assertion="possible", cue_start=sent.start, cue_end=sent.end)
    if said is None or m.assertion in ("negated", "family", "hypothetical"):
        return m
    if said == "possible" and _has_result(text, m, action):
        return m  # "Was a chest X-ray done?" on "Chest X-ray today: clear": a result says it was done
    return replace(m, assertion=said, cue_start=sent.start if sent else m.start, cue_end=sent.end if sent else m.end)


def _has_result(text: str, m: Mention, action: str, finding_only: bool = False) -> bool:
    """Whether a test's mention is followed on its line by its result: a value after a colon, or
    a study's one-word verdict (the lexicon's `study_verdicts`), when the question's verb asks only
    whether it was done (`question_words.test_done`). Never a checkbox row, a value that says it is
    not done, planned, considered, pending (`procedures.result_pending`: "D-dimer: to follow") or
    none. `finding_only`: only a finding said absent ("no consolidation": a problem's, a symptom's or
    a radiology finding's name after the "no"; "MRI: no indication" is no result)."""
    from clinqa.lexicon import lexicon

    lex = lexicon()
    if not lex.words_re("question_words", "test_done").fullmatch(action):
        return False
    line_end = text.find("\n", m.end)
    rest = text[m.end:line_end if line_end >= 0 else len(text)]
    colon = re.match(r"[^:.;]{0,25}?(?<!\d):(?!\d)[ \t]*(\S.*)", rest)  # (not a clock time's colon: "ordered at 00:10")
    verdict = lex.words_re("study_verdicts", "words").match(rest.lstrip(" \t-"))
    if has_boxes(text, m.end, m.end + len(rest)):
        return False  # a form's boxes say it ("CT head: [ ] Yes [x] No")
    if colon and (any(lex.words_re("procedures", k).search(colon.group(1))
                      for k in ("not_done", "planned", "considered", "result_pending"))
                  or lex.words_re("field_values", "absent").fullmatch(colon.group(1).strip(" .;"))):
        return False  # "Mechanical thrombectomy: discussed with the centre - not pursued", "Chest X-ray: none"
    if finding_only:
        return bool(colon) and _names_absent_finding(colon.group(1))
    return bool(verdict or colon)


def _names_absent_finding(value: str) -> bool:
    """Whether a value says a finding is absent: "no" and, within three words, a problem's or a
    symptom's name or a radiology finding ("no consolidation", "no acute intracranial haemorrhage")."""
    from clinqa.lexicon.radiology import radiology_lexicon
    from clinqa.qa.policy.asked import names_finding

    m = re.match(r"(?:no|nil)\s+((?:[\w-]+\s*){1,4})", value, re.I)
    if m is None:
        return False
    words = m.group(1).lower().split()
    findings = {term.lower() for f in radiology_lexicon().findings for term in f.terms}
    phrases = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return any(p in findings or names_finding(p) for p in phrases)


def _conditional_verb(text: str, sent, action: str) -> bool:
    """Whether the asked verb stands in its sentence only as a condition or a future ("after the
    epidural catheter is removed", "to start today once 150 mL/kg/day tolerated"): the lexicon's
    `event_status.conditional_after` or a present or future auxiliary within two words before it,
    or a conditional word within four words after it."""
    from clinqa.lexicon import lexicon

    cond = lexicon().words_alternation("event_status", "conditional_after")
    said = text[sent.start:sent.end]
    uses = list(re.finditer(r"\b" + verb_pattern(action), said, re.I))

    def conditional(v: re.Match) -> bool:
        before = re.search(r"\b(?:" + cond + r"|is|are|be|will)\b(?:\W+\w+){0,2}?\W+$", said[:v.start()], re.I)
        # a condition after it holds only for a verb not in the past ("to start today once ...";
        # "removed when output fell below 50 mL" happened)
        present = not re.search(r"(?:ed|en|out)$", v.group(0), re.I)
        after = present and re.match(r"(?:\W+[\w/.]+){0,4}?\W+(?:" + cond + r")\b", said[v.end():], re.I)
        return bool(before or after)

    return bool(uses) and all(conditional(v) for v in uses)  # (one plain use says it happened)
