"""Checks on one answer sentence against the note sentences it cites.

(a) support: the sentence's content words (Porter-stemmed, without stopwords, question
    words and answer framing such as "patient" or "note") must be covered by the cited
    sentences, their section header and the glossary expansion of both, at least
    `SUPPORT_THRESHOLD` of them;
(b) assertion: a word the sentence shares with a cited sentence must not be asserted as present
    when every cited sentence negates it, attributes it to family or makes it hypothetical (and
    not negated when they state it): medspaCy ConText on both sides;
(c) exact facts: every number (doses, dates, values) and every drug name in the sentence
    must appear in the cited sentences.

A sentence that fails any check is not shown: the generator replaces it with the extractive
sentence for the same evidence and lists the replacement.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from clinqa.errors import DataError
from clinqa.text.glossary import expand

# Set by hand on the shipped discharge summary and the Indiana proxy (the extractive writer's
# sentences all score 1.0; SmolLM2 sentences that restate their source score 0.8-1.0, those that
# bring in outside content fall below 0.75), then checked on data by
# benchmarks/support_calibration.py (`calibrate_support`, README "Grounded answers"): on the
# clinical dev references no threshold reaches precision 0.95 for "supported", precision stays
# within 7.5 points from 0.5 to 1.0, and the highest F1 (at 0.22) reflects that the references are
# lay paraphrases that add to the note, which is what this check stops; the data do not settle it,
# so it stays.
SUPPORT_THRESHOLD = 0.8

QUESTION_WORDS = frozenset("what why when where which who whom whose how".split())
# Words an answer uses to frame what the note says, not to say something about the patient.
FRAMING = frozenset("""patient patients note notes record records doctor doctors team according mention mentioned
    mentions says said state states stated document documented documents include includes including included
    also however yes answer report reports reported reason having got get gets getting told""".split())
_TOKEN = re.compile(r"[a-z][a-z0-9'-]*")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
# ConText modifier words: the cue itself is not a concept whose status can conflict
_CUES = frozenset("""no not denies denied deny without negative free absent family history mother father sister brother
    son daughter aunt uncle grandmother grandfather if should possible possibly probable likely unlikely rule out
    risk concern suspected suspicion""".split())
_CONFLICTING = frozenset({"negated", "family", "hypothetical"})


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | QUESTION_WORDS | FRAMING


@functools.lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def content_words(text: str) -> list[str]:
    """Stemmed content words of `text` in order (numbers are checked by (c), not here)."""
    stop = _stopwords()
    out = []
    for w in _TOKEN.findall(text.lower()):
        w = w.strip("'-")
        if len(w) > 1 and w not in stop:
            out.append(_stem(w))
    return out


def numbers(text: str) -> set[str]:
    """Numbers as written, without thousands separators or a trailing ".0": "1,000" -> "1000"."""
    out = set()
    for m in _NUMBER.findall(text):
        n = m.replace(",", "")
        out.add(re.sub(r"\.0+$", "", n))
        out.update(p for p in re.split(r"[:/]", n) if p)  # 08:15 and 3/4 also match their parts
    return out


def drug_names(text: str) -> set[str]:
    """Drug names the lexicon finds, without drug classes ("antibiotics" is found as
    "anti-bacterial agents": naming the class of a cited drug is not an invented drug)."""
    from clinqa.text.vocab import WORD, drugs_in

    return {d for d in drugs_in(tuple(WORD.findall(text.lower()))) if not re.search(r"\bagents?$|\binhibitors?$", d)}


@dataclass
class SentenceCheck:
    """What the checks found for one answer sentence."""

    support: float  # share of content words covered by the cited sentences (1.0 when it has none)
    unsupported: list[str] = field(default_factory=list)  # the uncovered content words, as written
    content: int = 0  # how many content words the sentence has
    conflicts: list[str] = field(default_factory=list)  # "chest pain: note negated, answer present"
    missing_numbers: list[str] = field(default_factory=list)
    missing_drugs: list[str] = field(default_factory=list)
    threshold: float = SUPPORT_THRESHOLD

    @property
    def passed(self) -> bool:
        return (self.support >= self.threshold and not self.conflicts and not self.missing_numbers
                and not self.missing_drugs)

    def reasons(self) -> list[str]:
        out = []
        if self.support < self.threshold:
            out.append(f"support {self.support:.2f} < {self.threshold:.2f}: not in the cited sentences: "
                       f"{', '.join(self.unsupported[:8])}")
        out.extend(f"assertion conflict: {c}" for c in self.conflicts)
        if self.missing_numbers:
            out.append(f"numbers not in the cited sentences: {', '.join(self.missing_numbers)}")
        if self.missing_drugs:
            out.append(f"drugs not in the cited sentences: {', '.join(self.missing_drugs)}")
        return out


def support(sentence: str, sources: Sequence[str], question: str = "") -> tuple[float, list[str], int]:
    """(covered share, uncovered words as written, content-word count). The sources are read as
    written and with the glossary applied, so "by mouth" is supported by "p.o."; the question's
    own words count as given (an answer may restate what was asked)."""
    have = set()
    for src in sources:
        have.update(content_words(src))
        have.update(content_words(expand(src)))
    asked = set(content_words(question))
    stop = _stopwords()
    words = [w.strip("'-") for w in _TOKEN.findall(sentence.lower())]
    words = [w for w in words if len(w) > 1 and w not in stop]
    judged = [w for w in words if _stem(w) not in asked]
    if not judged:
        return 1.0, [], 0
    missing = [w for w in judged if _stem(w) not in have]
    return 1.0 - len(missing) / len(judged), list(dict.fromkeys(missing)), len(judged)


# Words that name findings, disorders and symptoms. The ICD-10-CM index of `vocab` would be
# wider, but it takes ~25 s to build on a busy 2-core machine, too much for a check that runs
# on every answer; drugs and labs come from `vocab` (the drug lexicon is loaded by check (c)).
FINDING_WORDS = frozenset("""cancer carcinoma tumor tumour mass malignancy metastasis metastases lesion nodule polyp
    pain ache headache tenderness fracture bleed bleeding hemorrhage melena hematuria hemoptysis hematemesis
    infection sepsis abscess fever chills cough sputum nausea vomiting diarrhea constipation rash erythema
    pneumonia pneumothorax consolidation infiltrate opacity atelectasis effusion edema swelling fluid overload ascites
    clot thrombus thrombosis embolism embolus dvt stroke seizure syncope dizziness weakness numbness fatigue
    confusion delirium dyspnea breath wheezing hypoxia palpitations murmur tachycardia bradycardia fibrillation
    arrhythmia ischemia infarction angina failure hypertension hypotension diabetes hyperglycemia hypoglycemia
    ketoacidosis anemia asthma copd exacerbation obstruction stenosis occlusion dissection aneurysm cardiomegaly
    appendicitis cholecystitis cholelithiasis gallstones stones calculus pancreatitis hepatitis cirrhosis jaundice
    ulcer hernia injury wound dysuria retention allergy allergic intubation dementia depression anxiety""".split())


def _concept_stems(text: str) -> set[str]:
    """Stems of the words of `text` that name a clinical concept: finding words, drugs and
    lab names. Only these can carry an assertion conflict: "room" or "weaned" near a negation
    cue is not a finding."""
    from clinqa.lexicon import lexicon

    words = set(FINDING_WORDS) | {w for d in drug_names(text) for w in d.split()}
    words.update(w for m in lexicon().lab_topic_re.finditer(text) for w in m.group(0).lower().split())
    return {_stem(w) for w in _TOKEN.findall(text.lower()) if w in words}


def assertion_conflicts(sentence: str, sources: Sequence[str]) -> list[str]:
    """Words the sentence asserts differently from every cited sentence (see the module doc)."""
    from clinqa.text.assertion import assert_spans

    def spans(text: str, wanted: set[str]) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for m in _TOKEN.finditer(text.lower()):
            w = m.group(0).strip("'-")
            st = _stem(w) if len(w) > 1 else ""
            if st in wanted and st not in out:
                out[st] = (m.start(), m.start() + len(w))
        return out

    mine = _concept_stems(sentence) - {_stem(c) for c in _CUES}
    if not mine:
        return []
    answer_spans = spans(sentence, mine)
    source_status: dict[str, set[str]] = {}
    for src in sources:
        found = spans(src, mine)
        if not found:
            continue
        for w, status in zip(found, assert_spans(src, list(found.values()))):
            source_status.setdefault(w, set()).add(status)
    shared = [w for w in answer_spans if w in source_status]
    if not shared:
        return []
    answer_status = dict(zip(shared, assert_spans(sentence, [answer_spans[w] for w in shared])))
    out = []
    for w in shared:
        a, srcs = answer_status[w], source_status[w]
        word = sentence[answer_spans[w][0]:answer_spans[w][1]]
        if a == "present" and srcs <= _CONFLICTING:
            out.append(f"{word!r}: the note says {'/'.join(sorted(srcs))}, the answer says present")
        elif a == "negated" and "negated" not in srcs and srcs & {"present", "historical"}:
            out.append(f"{word!r}: the note says present, the answer says negated")
    return out


def check_sentence(sentence: str, sources: Sequence[str], question: str = "",
                   threshold: float = SUPPORT_THRESHOLD) -> SentenceCheck:
    """All three checks of one answer sentence against its cited sentences (with headers)."""
    if not sources:
        words = content_words(sentence)
        return SentenceCheck(support=0.0 if words else 1.0, unsupported=words, content=len(words),
                             threshold=threshold)
    share, missing, n = support(sentence, sources, question)
    joined = " ".join(sources)
    have_numbers = numbers(joined) | numbers(expand(joined))
    miss_num = sorted(numbers(sentence) - have_numbers - numbers(question))
    miss_drug = sorted(drug_names(sentence) - drug_names(joined) - drug_names(expand(joined)))
    return SentenceCheck(support=round(share, 4), unsupported=missing, content=n,
                         conflicts=assertion_conflicts(sentence, sources),
                         missing_numbers=miss_num, missing_drugs=miss_drug, threshold=threshold)


@dataclass(frozen=True)
class SupportCalibration:
    """The support threshold chosen on labelled (sentence, cited sentences) pairs, and how it
    does on them: "supported" means support >= threshold."""

    threshold: float
    precision: float
    recall: float
    f1: float
    positives: int
    negatives: int
    rule: str  # how the threshold was chosen


def calibrate_support(scores: Sequence[float], labels: Sequence[bool], min_precision: float | None = 0.95
                      ) -> SupportCalibration:
    """The threshold the data say. Candidates are the observed scores; with `min_precision`, the
    lowest one whose precision for "supported" is at least that (the most recall at the stated
    precision: a sentence wrongly called supported is shown to a patient, one wrongly called
    unsupported only falls back to the extractive sentence); without it, or when no threshold
    reaches it, the one of the highest F1."""
    import numpy as np
    from sklearn.metrics import precision_recall_curve

    y = np.asarray(labels, dtype=bool)
    x = np.asarray(scores, dtype=float)
    if len(x) != len(y):
        raise DataError(f"{len(x)} scores but {len(y)} labels", source="support calibration")
    if not y.any() or y.all():
        raise DataError("calibration needs both supported and unsupported pairs", source="support calibration")
    precision, recall, thresholds = precision_recall_curve(y, x)
    precision, recall = precision[:-1], recall[:-1]  # the last point has no threshold
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)
    ok = np.flatnonzero(precision >= min_precision) if min_precision is not None else np.array([], dtype=int)
    if ok.size:
        i = int(ok[0])  # thresholds ascend: the first is the lowest
        rule = f"lowest threshold with precision >= {min_precision:.2f}"
    else:
        i = int(np.argmax(f1))
        rule = "highest F1" + (f" (no threshold reaches precision {min_precision:.2f})" if min_precision else "")
    return SupportCalibration(threshold=round(float(thresholds[i]), 4), precision=round(float(precision[i]), 4),
                              recall=round(float(recall[i]), 4), f1=round(float(f1[i]), 4),
                              positives=int(y.sum()), negatives=int((~y).sum()), rule=rule)
