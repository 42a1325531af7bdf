"""A rule-based labeler for the 14 CheXpert observations of a chest radiograph report.

Mentions are found with medspaCy target rules (synonyms per observation, as in the CheXpert
labeler's mention lists), then classified positive / negative / uncertain with medspaCy
ConText: the default clinical modifiers plus radiology cues in the spirit of NegBio
("may represent", "cannot be excluded", "is not seen", "no change in" as a pseudo-negation).
Per observation the mentions of a text are aggregated as CheXpert does: positive if any mention
is positive, else uncertain if any is uncertain, else negative; "No Finding" is positive when no
pathology (Support Devices aside) is positive or uncertain.

Whole-study normal statements ("no acute cardiopulmonary abnormality", "normal chest") and
normal statements about one structure ("normal heart size" -> Cardiomegaly negative, "the lungs
are clear" -> Lung Opacity negative) are rules too, so an impression that calls the study normal
is recognised as such and not merely as one without positives.

One labeler serves the finding-level metrics (`clinqa.evaluate.chexpert`) and the summarizer's
consistency check (`clinqa.summarize.consistency`). Choices that differ from the CheXpert labeler
are noted where the rules are; e.g. calcified granulomas are not counted as lung lesions.
"""

from __future__ import annotations

import functools
import re

from clinqa.types import ChexpertLabels, ObservationMention, Span

OBSERVATIONS: tuple[str, ...] = (
    "No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Opacity", "Lung Lesion", "Edema",
    "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture",
    "Support Devices",
)
# What makes a study abnormal: CheXpert leaves Support Devices out of "No Finding".
PATHOLOGIES: tuple[str, ...] = OBSERVATIONS[1:13]
STATUSES: tuple[str, ...] = ("positive", "negative", "uncertain")

_NORMAL = "NORMAL STUDY"  # a whole-study normal statement
_IGNORE = "IGNORE"  # longer phrases that must not count as a mention ("pericardial effusion")

# Observation -> phrases matched case-insensitively on whole tokens. The longest match wins,
# so "nodular opacity" is a lesion, not an opacity, and "pleural thickening" is Pleural Other.
_PHRASES: dict[str, tuple[str, ...]] = {
    "Enlarged Cardiomediastinum": (
        "widened mediastinum", "mediastinal widening", "mediastinal enlargement", "enlarged mediastinum",
        "enlarged cardiomediastinum", "enlarged cardiomediastinal silhouette", "widening of the mediastinum",
        "prominent mediastinum", "mediastinal lipomatosis"),
    "Cardiomegaly": (
        "cardiomegaly", "cardiac enlargement", "enlarged heart", "enlarged cardiac silhouette", "heart enlargement",
        "enlargement of the heart", "enlargement of the cardiac silhouette", "large heart"),
    "Lung Opacity": (
        "opacity", "opacities", "opacification", "opacifications", "opacified", "infiltrate", "infiltrates",
        "infiltration", "infiltrative", "airspace disease", "air space disease", "air-space disease",
        "airspace opacity", "airspace opacities", "density", "densities", "haziness", "hazy", "reticular",
        "reticulation", "reticulonodular", "interstitial markings", "interstitial lung markings", "lung markings", "interstitial prominence",
        "interstitial disease", "interstitial pattern", "increased markings", "scarring", "scar", "scars",
        "fibrosis", "fibrotic", "peribronchial thickening", "bronchial wall thickening", "airspace process"),
    "Lung Lesion": (
        "mass", "masses", "nodule", "nodules", "nodular opacity", "nodular opacities", "nodular density",
        "nodular densities", "nodularity", "lesion", "lesions", "tumor", "neoplasm", "carcinoma", "malignancy",
        "metastasis", "metastases", "metastatic disease", "cavitary lesion", "cavitation", "cavity"),
    "Edema": (
        "edema", "pulmonary edema", "interstitial edema", "vascular congestion", "pulmonary vascular congestion",
        "congestion", "heart failure", "chf", "kerley b lines", "cephalization", "fluid overload"),
    "Consolidation": ("consolidation", "consolidations", "consolidative", "consolidated"),
    "Pneumonia": ("pneumonia", "pneumonias", "bronchopneumonia", "infection", "infectious process",
                  "infectious", "pneumonitis"),
    "Atelectasis": ("atelectasis", "atelectases", "atelectatic", "collapse", "collapsed", "volume loss"),
    "Pneumothorax": ("pneumothorax", "pneumothoraces", "hydropneumothorax"),
    "Pleural Effusion": (
        "pleural effusion", "pleural effusions", "effusion", "effusions", "pleural fluid",
        "blunting of the costophrenic angle", "blunting of the costophrenic angles", "blunted costophrenic angle",
        "blunted costophrenic angles", "costophrenic angle blunting", "costophrenic blunting"),
    "Pleural Other": (
        "pleural thickening", "pleural scarring", "pleural plaque", "pleural plaques", "pleural calcification",
        "pleural calcifications", "fibrothorax", "pleural-based opacity", "pleural reaction", "pleural based process",
        "pleural-based process"),
    "Fracture": ("fracture", "fractures", "fractured", "fx"),
    "Support Devices": (
        "pacemaker", "pacer", "icd", "aicd", "defibrillator", "pacemaker/defibrillator", "leads", "catheter",
        "central venous catheter", "central line", "picc", "picc line", "port", "port-a-cath", "mediport",
        "endotracheal tube", "et tube", "tracheostomy", "tracheostomy tube", "nasogastric tube", "ng tube",
        "feeding tube", "enteric tube", "chest tube", "sternotomy wires", "sternal wires", "prosthetic valve",
        "valve replacement", "stent", "stents", "hardware", "orthopedic hardware", "surgical hardware",
        "support devices", "monitoring devices", "drain", "swan-ganz catheter", "device", "closure device",
        "devices"),
    _IGNORE: (
        "pericardial effusion", "joint effusion", "calcified granuloma", "calcified granulomas", "granuloma",
        "granulomas", "granulomatous disease", "mass effect", "soft tissue density", "soft tissue densities",
        "bone density", "breast tissue density", "calcific density", "calcific densities",
        "calcified density", "calcified densities", "no change", "no interval change", "no significant change"),
}

# Regular expressions over one sentence's text, for statements that phrase lists miss. Each
# pattern names what it asserts; statuses fixed here ("negative") override ConText.
_HEART_AND_MEDIASTINUM = "Cardiomegaly+Enlarged Cardiomediastinum"  # one statement, two observations
_SECTION_WORD = re.compile(r"[^A-Za-z ]+")
_A = r"(?:mildly |moderately |markedly |slightly |severely |minimally |borderline )?"
_REGEX: tuple[tuple[str, str, str | None], ...] = (
    # whole-study normal statements
    (_NORMAL, r"\bno (?:acute|active|significant|evidence of acute)(?: (?:cardiopulmonary|cardiac|pulmonary|"
              r"intrathoracic|chest|radiographic|thoracic|cardiothoracic|lung|disease))*"
              r" (?:abnormality|abnormalities|disease|diseases|process|processes|findings?|pathology|"
              r"change|changes|radiographic findings?)\b", None),
    (_NORMAL, r"\b(?:normal|negative|unremarkable) (?:chest|exam|examination|study|radiograph|radiographs|"
              r"chest x-?\w*|chest radiographs?|pa and lateral chest)\b", None),
    (_NORMAL, r"\bno (?:acute )?(?:cardiopulmonary|intrathoracic) (?:abnormality|disease|process|findings?)\b",
     None),
    # cardiomegaly asserted by a clause ("the heart is mildly enlarged", "heart size is increased")
    ("Cardiomegaly", r"\b(?:heart|cardiac silhouette|cardiac size|heart size|cardiac shadow|cardiac contour|"
                     r"cardiac contours)\b(?:(?!\bnormal\b|\bnot\b|\bno\b)[^.;,]){0,25}?\b" + _A +
                     r"(?:enlarged|enlargement|increased|large|prominent)\b", None),
    ("Enlarged Cardiomediastinum", r"\b(?:mediastinum|mediastinal (?:silhouette|contours?)|cardiomediastinal "
                                   r"(?:silhouette|contours?))\b(?:(?!\bnormal\b|\bnot\b)[^.;,]){0,20}?\b" + _A +
                                   r"(?:enlarged|widened|prominent)\b", None),
    # normal statements about the heart and mediastinum together ("heart and mediastinum normal",
    # "cardiomediastinal silhouette is within normal limits"): both observations are negative
    (_HEART_AND_MEDIASTINUM, r"\b(?:cardio ?mediastinal|(?:heart|cardiac)(?: size)?,?(?: [\w,]+){0,3} and (?:the )?"
                             r"(?:mediastin\w*|hila\w*))\b(?:(?!enlarg|widen|\blarge\b|cardiomegaly)[^.;]){0,45}?"
                             r"\b(?:normal|within normal limits|unremarkable)\b", "negative"),
    (_HEART_AND_MEDIASTINUM, r"\bnormal cardio ?mediastinal\b", "negative"),
    # bones: "no acute bony abnormality", "osseous structures are intact" (no fracture)
    ("Fracture", r"\bno (?:acute |focal |displaced )?(?:bony|osseous|skeletal|bone) (?:abnormalit(?:y|ies)|findings?|"
                 r"lesions?|injury|injuries)\b", "negative"),
    ("Fracture", r"\b(?:osseous|bony|skeletal|bone|bones)(?: \w+){0,5}? (?:are |is |appear |appears )?(?:grossly )?"
                 r"(?:intact|unremarkable|normal|within normal limits|without (?:acute )?abnormalit(?:y|ies)|"
                 r"reveal no acute abnormalit(?:y|ies))\b", "negative"),
    # normal statements about one structure
    ("Cardiomegaly", r"\b(?:heart|cardiac)\b(?:(?!enlarg|\blarge\b|cardiomegaly)[^.;]){0,45}?\b(?:normal|"
                     r"within normal limits|unremarkable|not enlarged)\b", "negative"),
    ("Cardiomegaly", r"\bnormal(?:-sized| sized)? (?:heart|cardiac)\b", "negative"),
    ("Enlarged Cardiomediastinum", r"\b(?:cardiomediastinal|mediastinal|mediastinum)\b(?:(?!enlarg|widen)[^.;])"
                                   r"{0,45}?\b(?:normal|within normal limits|unremarkable|not widened)\b",
     "negative"),
    ("Enlarged Cardiomediastinum", r"\bnormal (?:cardiomediastinal|mediastinal|mediastinum)\b", "negative"),
    ("Lung Opacity", r"\b(?:lungs?|lung fields)(?: (?:are|is|appear|remain))?(?: otherwise)?(?: grossly)?"
                     r"(?: (?:well-? ?|normally )?(?:expanded|inflated|aerated)(?: and)?)? clear\b", "negative"),
    ("Lung Opacity", r"\bclear lungs?\b", "negative"),
)

# Radiology cues ConText's default (clinical-notes) rules lack: (literal, category, direction).
_CONTEXT_RULES: tuple[tuple[str, str, str], ...] = (
    ("may", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("may represent", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("may reflect", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("could", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("could represent", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("might", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("likely", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("most likely", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("probable", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("probably", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("possibly", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("questionable", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("question of", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("question", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concerning for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concern for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspicious for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suggestive of", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suggest", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suggests", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suggesting", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("differential", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("versus", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL"),
    ("vs", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL"),
    ("borderline", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("equivocal", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("cannot exclude", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("can not exclude", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("cannot rule out", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("not excluded", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("cannot be excluded", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("can not be excluded", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("not entirely excluded", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("difficult to exclude", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("not be excluded", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("is not seen", "NEGATED_EXISTENCE", "BACKWARD"),
    ("are not seen", "NEGATED_EXISTENCE", "BACKWARD"),
    ("not identified", "NEGATED_EXISTENCE", "BACKWARD"),
    ("not visualized", "NEGATED_EXISTENCE", "BACKWARD"),
    ("not demonstrated", "NEGATED_EXISTENCE", "BACKWARD"),
    ("not appreciated", "NEGATED_EXISTENCE", "BACKWARD"),
    ("not present", "NEGATED_EXISTENCE", "BACKWARD"),
    ("is absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("are absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("has resolved", "NEGATED_EXISTENCE", "BACKWARD"),
    ("have resolved", "NEGATED_EXISTENCE", "BACKWARD"),
    ("resolution of", "NEGATED_EXISTENCE", "FORWARD"),
    ("removal of", "NEGATED_EXISTENCE", "FORWARD"),
    ("been removed", "NEGATED_EXISTENCE", "BACKWARD"),
    ("no evidence of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no definite", "NEGATED_EXISTENCE", "FORWARD"),
    ("no focal", "NEGATED_EXISTENCE", "FORWARD"),
    ("no large", "NEGATED_EXISTENCE", "FORWARD"),
    ("no visible", "NEGATED_EXISTENCE", "FORWARD"),
    ("no displaced", "NEGATED_EXISTENCE", "FORWARD"),
    ("negative for", "NEGATED_EXISTENCE", "FORWARD"),
    # "no change in the cardiomegaly" asserts the cardiomegaly
    ("no change", "PSEUDO", "PSEUDO"),
    ("no interval change", "PSEUDO", "PSEUDO"),
    ("no significant change", "PSEUDO", "PSEUDO"),
    ("no significant interval change", "PSEUDO", "PSEUDO"),
    ("without change", "PSEUDO", "PSEUDO"),
    ("unchanged", "PSEUDO", "PSEUDO"),
    # "partially resolved consolidation" is still there
    ("partially resolved", "PSEUDO", "PSEUDO"),
    ("incompletely resolved", "PSEUDO", "PSEUDO"),
    ("nearly resolved", "PSEUDO", "PSEUDO"),
    ("partial resolution", "PSEUDO", "PSEUDO"),
    ("near resolution", "PSEUDO", "PSEUDO"),
    ("not resolved", "PSEUDO", "PSEUDO"),
    ("has not resolved", "PSEUDO", "PSEUDO"),
    # "a new nodule, not present on the prior film" / "not previously seen": the negation is of
    # the earlier study, and the finding is new (patterns in _COMPARISON_PSEUDO)
    # a new clause starts after these: "no effusion; the heart is enlarged"
    (";", "TERMINATE", "TERMINATE"),
    ("..", "TERMINATE", "TERMINATE"),  # a doubled period the sentence splitter does not end at
    ("and the", "TERMINATE", "TERMINATE"),
    ("and there", "TERMINATE", "TERMINATE"),
    # "no right hilar adenopathy, though the left hilar node is enlarged"
    ("though", "TERMINATE", "TERMINATE"),
    # "filling defects in both main pulmonary arteries (saddle configuration not present)": a
    # negation inside brackets is about what is inside them
    ("(", "TERMINATE", "TERMINATE"),
    (")", "TERMINATE", "TERMINATE"),
    ("although", "TERMINATE", "TERMINATE"),
    ("whereas", "TERMINATE", "TERMINATE"),
    ("which", "TERMINATE", "TERMINATE"),
    ("with", "TERMINATE", "TERMINATE"),
)

_SEEN = ["present", "seen", "visible", "visualized", "visualised", "identified", "evident", "apparent", "demonstrated"]
_EARLIER = ["prior", "previous", "preceding", "earlier", "comparison", "last", "baseline", "old", "nadir", "initial",
            "index", "original"]  # "not present on the nadir study": oncology follow-up compares with these
_BE = {"LOWER": {"IN": ["is", "are", "was", "were"]}, "OP": "?"}
# "pneumothorax is not present": longer than medspaCy's own "is not" (FORWARD), which would win the
# overlap and negate nothing after it
_NOT_SEEN = ([_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}}],)
_COMPARISON_PSEUDO = (
    # not [present] on/in the radiograph from 2 years ago / the CT of last year / the prior study
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}, "OP": "?"}, {"LOWER": {"IN": ["on", "in", "at"]}},
     {"LOWER": {"IN": ["the", "a", "any"]}, "OP": "?"}, {"IS_ALPHA": True}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
     {"LOWER": {"IN": [*_EARLIER, "ago"]}}],
    # not [present] on/in [the] prior [film / study]
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}, "OP": "?"}, {"LOWER": {"IN": ["on", "in", "at"]}},
     {"LOWER": {"IN": ["the", "a", "any"]}, "OP": "?"}, {"LOWER": {"IN": _EARLIER}}],
    # not present previously / before / earlier
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}}, {"LOWER": {"IN": ["previously", "before", "earlier", "formerly"]}}],
    # not previously seen
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": ["previously", "formerly"]}}, {"LOWER": {"IN": _SEEN}}],
    # not seen 1 week ago / not present three days ago
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}}, {"OP": "?"}, {"OP": "?"}, {"LOWER": "ago"}],
    # not seen last week / not present at the last examination's time ("on the last study" is above)
    [_BE, {"LOWER": "not"}, {"LOWER": {"IN": _SEEN}}, {"LOWER": {"IN": _EARLIER}},
     {"LOWER": {"IN": ["week", "month", "year", "time", "study", "exam", "examination", "film", "scan", "night"]}}],
)


class ChexpertLabeler:
    """Label texts; build once (the spaCy pipeline and rules are shared per process)."""

    def __init__(self):
        from clinqa.text.pipeline import load_medspacy

        load_medspacy()  # before medspacy's submodules: see load_medspacy
        from medspacy.context import ConText, ConTextRule
        from medspacy.target_matcher import TargetMatcher, TargetRule
        from spacy.tokens import Span as SpacySpan

        from clinqa.text.pipeline import get_nlp

        self.nlp = get_nlp()
        if not SpacySpan.has_extension("chexpert_fixed"):
            SpacySpan.set_extension("chexpert_fixed", default=None)
        self.matcher = TargetMatcher(self.nlp, name="clinqa_chexpert_targets")
        rules = []
        for obs, phrases in _PHRASES.items():
            rules += [TargetRule(p, obs) for p in phrases]
        self.matcher.add(rules)
        self.context = ConText(self.nlp, name="clinqa_chexpert_context", rules=None,
                               excluded_types={_NORMAL, _IGNORE})
        # medspaCy's rules, but its ": no" / ": none" look backward only ("Fever: no"); in a
        # report's template "Liver: no focal lesion" the negation is of what follows
        self.context.add([r for r in ConTextRule.from_json(self.context.DEFAULT_RULES_FILEPATH)
                          if r.literal.strip() not in (": no", ": none")])
        self.context.add([ConTextRule(": no", "NEGATED_EXISTENCE", pattern=p, direction=d) for p, d in (
            ([{"ORTH": ":"}, {"LOWER": {"IN": ["no", "none"]}}, {"IS_PUNCT": True}], "BACKWARD"),
            ([{"ORTH": ":"}, {"LOWER": {"IN": ["no", "none"]}}], "FORWARD"))])
        self.context.add([ConTextRule(lit, cat, direction=d) for lit, cat, d in _CONTEXT_RULES])
        self.context.add([ConTextRule("not seen", "NEGATED_EXISTENCE", pattern=p, direction="BACKWARD")
                          for p in _NOT_SEEN])
        self.context.add([ConTextRule("comparison with an earlier study", "PSEUDO", pattern=p, direction="PSEUDO")
                          for p in _COMPARISON_PSEUDO])
        self.regex = [(obs, re.compile(p, re.I), fixed) for obs, p, fixed in _REGEX]

    def mentions(self, text: str) -> list[ObservationMention]:
        """Every observation mention of `text` with its status, in text order; offsets are into `text`."""
        if not text or not text.strip():
            return []
        doc = self.nlp(text, disable=["medspacy_context"])
        doc = self.matcher(doc)
        ents = list(doc.ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        extra: dict[tuple[int, int], tuple[object, str | None]] = {}
        for sent in doc.sents:
            for obs, pat, fixed in self.regex:
                for m in pat.finditer(sent.text):
                    span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), label=obs,
                                         alignment_mode="expand")
                    if span is None or any(i in taken for i in range(span.start, span.end)):
                        continue
                    taken.update(range(span.start, span.end))
                    extra[(span.start, span.end)] = (span, fixed)
        doc.ents = tuple(sorted(ents + [sp for sp, _ in extra.values()], key=lambda s: s.start))
        for ent in doc.ents:  # set on the doc's own spans: extension values live on the doc
            if (ent.start, ent.end) in extra:
                ent._.chexpert_fixed = extra[(ent.start, ent.end)][1]
        self.context(doc)
        out = []
        for ent in doc.ents:
            if ent.label_ == _IGNORE:
                continue
            status = _status(ent)
            if status is None:
                continue
            title = ent[0]._.section_title
            section = _SECTION_WORD.sub("", title.text).strip().lower() if title else None
            for obs in ("No Finding",) if ent.label_ == _NORMAL else ent.label_.split("+"):
                out.append(ObservationMention(observation=obs, status=status,
                                              span=Span(ent.start_char, ent.end_char, ent.text),
                                              sentence=(ent.sent.start_char, ent.sent.end_char), section=section))
        return out

    def label(self, text: str) -> ChexpertLabels:
        return aggregate(self.mentions(text))


def _status(ent) -> str | None:
    if ent.label_ == _NORMAL:
        return "positive"  # the statement itself, reported as a No Finding mention (see aggregate)
    if ent._.chexpert_fixed:
        return ent._.chexpert_fixed
    if ent._.is_negated:
        return "negative"
    if ent._.is_hypothetical or ent._.is_family:
        return None  # "if there is a pneumothorax": not a statement about this study
    if ent._.is_uncertain:
        return "uncertain"
    return "positive"  # historical mentions ("prior granulomatous disease") are still present findings


def aggregate(mentions: list[ObservationMention]) -> ChexpertLabels:
    """CheXpert's per-report rule: positive > uncertain > negative over an observation's mentions;
    No Finding is positive when no pathology is positive or uncertain."""
    rank = {"positive": 2, "uncertain": 1, "negative": 0}
    labels: dict[str, str] = {}
    normal = False
    for m in mentions:
        if m.observation == "No Finding":  # a whole-study normal statement
            normal = True
            continue
        old = labels.get(m.observation)
        if old is None or rank[m.status] > rank[old]:
            labels[m.observation] = m.status
    if not any(labels.get(p) in ("positive", "uncertain") for p in PATHOLOGIES):
        labels["No Finding"] = "positive"
    ordered = {o: labels[o] for o in OBSERVATIONS if o in labels}
    return ChexpertLabels(labels=ordered, mentions=tuple(mentions), normal_statement=normal)


@functools.lru_cache(maxsize=1)
def get_labeler() -> ChexpertLabeler:
    return ChexpertLabeler()


def label_text(text: str) -> ChexpertLabels:
    return get_labeler().label(text)
