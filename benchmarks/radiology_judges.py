"""Judges for benchmarks/radiology_findings.py that are NOT the summarizer's own check
(clinqa.summarize.fidelity): they read the second author's key findings, or plain words and
numbers, or the CheXpert labeler's reading of the reference impression. Small word lists live
here on purpose: a judge that shared the product's lexicon would grade its own homework.

Second author's set (key_findings: head, synonyms, laterality, size, severity):
- recall: key findings (outside the report's `incidental` list) whose head or a synonym one
  impression item names (whole, or every word of a head or synonym of two words or more);
- normal-for-abnormal: an abnormal report (normal false, a key finding) whose impression names
  none of its key findings;
- invented numbers: an impression with a number that the findings do not contain, or that an
  item gives to a key finding whose size / evidence does not hold it;
- side / severity flips: an item that names a key finding with a side (severity) word that
  neither the key finding's annotation nor its evidence text has.
An item that is one of the findings' own sentences is not judged for numbers, sides or
severities (it gives each word to what the findings give it).
Indiana #heldout (no key findings):
- abnormal reference: the reference impression has an item that the CheXpert labeler reads
  neither as a normal statement nor as negations only; normal-for-abnormal: the impression has
  no such item;
- recall: the reference's positive CheXpert observations the impression also asserts;
- invented numbers: numbers not in the findings text; side / severity flips: a side (severity)
  word of an item that no findings sentence sharing a content word with the item has.
"""

from __future__ import annotations

import re

SIDES = {"left": "left", "leftward": "left", "right": "right", "rightward": "right", "bilateral": "bilateral",
         "bilaterally": "bilateral", "bibasilar": "bilateral", "both": "bilateral"}
SEVERITY = {"minimal": "minimal", "trace": "minimal", "tiny": "minimal", "mild": "mild", "mildly": "mild",
            "slight": "mild", "slightly": "mild", "small": "mild", "moderate": "moderate", "moderately": "moderate",
            "severe": "severe", "severely": "severe", "marked": "severe", "markedly": "severe", "large": "severe",
            "extensive": "severe", "massive": "severe"}
_STOP = set(["a", "an", "the", "of", "in", "at", "on", "and", "or", "with", "without", "is", "are", "was", "were", "no", "not", "there", "to", "from", "for", "by", "as", "be", "been", "this", "that", "these", "those", "which", "otherwise", "acute", "stable", "new", "seen", "noted", "again"])
# True: a key finding is named only by its head or a synonym written whole (the judge before
# session 15; `radiology_findings.py --whole-phrases`)
WHOLE_PHRASES = False
_NUM = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?=\s*(?:mm|cm|x|%))")


def items(impression: str) -> list[str]:
    from clinqa.summarize.postprocess import impression_items

    return impression_items(impression)


def numbers(text: str) -> set[float]:
    return {float(x) for x in _NUM.findall(text)}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _names(item: str, k: dict) -> bool:
    """Does the item name the key finding: its head or a synonym, whole; or every word of a
    head or synonym of two words or more, in any order ("dilated fluid-filled small bowel loops"
    names "dilated small bowel", "PI-RADS 5 lesion" is named by "1.3 cm lesion ..., PI-RADS 5")."""
    said = words(item)
    low = " " + " ".join(said) + " "
    have = set(said) | {w[:-1] for w in said if w.endswith("s")} | {w[:-2] for w in said if w.endswith("es")}
    for term in [k.get("head", ""), *(k.get("synonyms") or [])]:
        t = " ".join(words(term))
        if t and re.search(rf" {re.escape(t)}(?:s|es)? ", low):
            return True
        content = [w for w in words(term) if w not in _STOP]
        if not WHOLE_PHRASES and len(content) >= 2 and all(w in have for w in content):
            return True
    return False


def copied(item: str, findings: str) -> bool:
    """Is the impression item one of the findings' own sentences (numbering, a leading
    "There is a" and the final period aside)?"""
    body = re.sub(r"^\s*(?:\(?\d{1,2}[.)]|[-*])\s+", "", item).strip().rstrip(".").strip()
    body = re.sub(r"^(?:there (?:is|are) (?:an? )?)", "", body, flags=re.I)
    norm = " ".join(words(findings))
    b = " ".join(words(body))
    if len(b) > 0 and f" {b} " in f" {norm} ":
        return True
    # "LEFT KIDNEY: 3 cm cyst ...": a findings label before a findings sentence (both copied)
    label, _, rest = body.partition(":")
    lab = " ".join(words(label))
    return bool(rest.strip()) and len(lab) > 0 and bool(re.search(rf"(?im)^[ \t]*(?:the )?{re.escape(label.strip())}(?!\w)",
                                                                   findings)) and copied(rest, findings)


def _norm(value, table) -> str | None:
    if not value:
        return None
    for w in words(str(value)):
        if w in table:
            return table[w]
    return str(value).lower().strip()


def judge_keyed(report: dict, impression: str) -> dict:
    """Per-report verdicts on the second author's set."""
    keys = [k for k in report.get("key_findings") or [] if k.get("head")]
    inc = report.get("incidental") or []
    inc = [inc] if isinstance(inc, str) else inc if isinstance(inc, list) else []
    incidental = {str(x.get("head") if isinstance(x, dict) else x).lower() for x in inc}
    wanted = [k for k in keys if str(k["head"]).lower() not in incidental]
    its = items(impression)
    named = [k for k in wanted if any(_names(it, k) for it in its)]
    abnormal = not report.get("normal", False) and bool(wanted)
    out = {"keys": len(wanted), "recalled": len(named), "abnormal": abnormal,
           "normal_for_abnormal": abnormal and not named}
    findings_numbers = numbers(report["findings"])
    invented = side = sev = False
    for it in its:
        if copied(it, report["findings"]):
            continue  # the findings' own sentence: it gives each word to what the findings give it
        ks = [k for k in keys if _names(it, k)]
        nums = numbers(re.sub(r"^\s*\d{1,2}[.)]\s+", "", it))
        if nums - findings_numbers:
            invented = True
        if ks and nums:
            allowed = set().union(*(numbers(str(k.get("size") or "")) | numbers(str(k.get("evidence") or ""))
                                    for k in ks))
            if nums - allowed:
                invented = True
        if ks:
            evidence = [w for k in ks for w in words(str(k.get("evidence") or ""))]
            sides = {SIDES[w] for w in words(it) if w in SIDES}
            given = {_norm(k.get("laterality"), SIDES) for k in ks} | {SIDES[w] for w in evidence if w in SIDES}
            if sides - given:
                side = True
            sevs = {SEVERITY[w] for w in words(it) if w in SEVERITY}
            given = {_norm(k.get("severity"), SEVERITY) for k in ks} | {SEVERITY[w] for w in evidence if w in SEVERITY}
            if sevs - given:
                sev = True
    out.update(invented_number=invented, side_flip=side, severity_flip=sev)
    return out


def _item_is_normal(item: str) -> bool:
    parts = [p for p in re.split(r",?\s*\botherwise\b,?", item, flags=re.I) if re.search(r"[a-z]{3}", p, re.I)]
    return all(_part_is_normal(p) for p in parts)


def _part_is_normal(item: str) -> bool:
    from clinqa.text.chexpert import PATHOLOGIES, label_text

    lab = label_text(item)
    if lab.positive(uncertain=True) & set(PATHOLOGIES):
        return False
    # "No radiographic evidence of acute disease", "Negative.", "Normal chest x-XXXX": a statement
    # that opens with a negation or "normal" and asserts no observation
    opens = re.match(r"^\W*(?:otherwise,? )?(?:no|negative|normal|unremarkable|without|stable chest)\b", item, re.I)
    said_normal = re.search(r"\b(?:normal|unremarkable|clear|within normal limits|intact|not enlarged)\b", item, re.I)
    return lab.normal_statement or bool(opens) or bool(said_normal and any(v == "negative" for v in lab.labels.values()))


def impression_is_normal(impression: str) -> bool:
    its = items(impression)
    return all(_item_is_normal(it) for it in its)


def judge_indiana(findings: str, reference: str, impression: str) -> dict:
    from clinqa.text.chexpert import PATHOLOGIES, label_text

    abnormal = not impression_is_normal(reference)
    ref_pos = label_text(reference).positive(uncertain=True) & set(PATHOLOGIES)
    got = label_text(impression).positive(uncertain=True) & set(PATHOLOGIES) if ref_pos else set()
    sentences = [s for s in re.split(r"(?<=[.;])\s+", findings) if s.strip()]
    invented = bool(numbers(" ".join(re.sub(r"^\s*\d{1,2}[.)]\s+", "", it) for it in items(impression)))
                    - numbers(findings))
    side = sev = False
    for it in items(impression):
        # content words compared by their first 6 letters ("emphysema" / "emphysematous")
        content = {w[:6] for w in words(it) if w not in _STOP and w not in SIDES and w not in SEVERITY and len(w) > 2}
        near = [s for s in sentences if content & {w[:6] for w in words(s)}]
        near_words = set(w for s in near for w in words(s))
        if {SIDES[w] for w in words(it) if w in SIDES} - {SIDES[w] for w in near_words if w in SIDES}:
            side = True
        if {SEVERITY[w] for w in words(it) if w in SEVERITY} - {SEVERITY[w] for w in near_words if w in SEVERITY}:
            sev = True
    return {"abnormal": abnormal, "normal_for_abnormal": abnormal and impression_is_normal(impression),
            "keys": len(ref_pos), "recalled": len(ref_pos & got), "invented_number": invented, "side_flip": side,
            "severity_flip": sev}
