"""The rule-based CheXpert labeler on hand-labelled sentences, the finding-level metrics built on
it, and the summarizer's consistency check (with a tiny random model, whose impressions name
nothing, so the check must act)."""

from __future__ import annotations

import json

import pytest

from tests.files import FIXTURES

from clinqa.evaluate.chexpert import ReportLabels, finding_f1, finding_metrics, safety_rates
from clinqa.summarize import consistency
from clinqa.text.chexpert import OBSERVATIONS, label_text
from clinqa.types import ChexpertLabels

# (sentence, expected labels) written by hand; observations not listed must be blank
HAND_SENTENCES = [
    ("There is a 2.5 cm spiculated mass in the right upper lobe. No pleural effusion.",
     {"Lung Lesion": "positive", "Pleural Effusion": "negative"}),
    ("No acute cardiopulmonary abnormality.", {"No Finding": "positive"}),
    ("The heart is mildly enlarged. There is a focal airspace opacity in the left lower lobe. Small left "
     "pleural effusion. No pneumothorax.",
     {"Cardiomegaly": "positive", "Lung Opacity": "positive", "Pleural Effusion": "positive",
      "Pneumothorax": "negative"}),
    ("Left lower lobe airspace disease, concerning for pneumonia.",
     {"Lung Opacity": "positive", "Pneumonia": "uncertain"}),
    ("Heart size is normal. The lungs are clear. No pneumothorax or pleural effusion.",
     {"No Finding": "positive", "Cardiomegaly": "negative", "Lung Opacity": "negative", "Pneumothorax": "negative",
      "Pleural Effusion": "negative"}),
    ("Heart and mediastinum normal.",
     {"No Finding": "positive", "Cardiomegaly": "negative", "Enlarged Cardiomediastinum": "negative"}),
    ("Stable cardiomegaly. No change in the small right effusion.",
     {"Cardiomegaly": "positive", "Pleural Effusion": "positive"}),
    ("Bibasilar opacities may represent atelectasis. Pneumothorax cannot be excluded.",
     {"Lung Opacity": "positive", "Atelectasis": "uncertain", "Pneumothorax": "uncertain"}),
    ("Left PICC line tip in the SVC. Old healed right rib fractures. No acute bony abnormality.",
     {"Support Devices": "positive", "Fracture": "positive"}),
    ("Left PICC line tip in the SVC. No pneumothorax.",  # devices alone do not make a study abnormal
     {"No Finding": "positive", "Support Devices": "positive", "Pneumothorax": "negative"}),
    ("Stable calcified granuloma in the right lower lobe. No focal consolidation.",
     {"No Finding": "positive", "Consolidation": "negative"}),
    ("Mild pulmonary vascular congestion without frank edema.", {"Edema": "positive"}),
    ("Small pericardial effusion.", {"No Finding": "positive"}),
    # a doubled period is not a sentence end for the splitter; the negation must still stop there
    ("No evidence of pneumothorax or pleural effusion.. Minimal subsegmental atelectasis noted.",
     {"Atelectasis": "positive", "Pneumothorax": "negative", "Pleural Effusion": "negative"}),
]


@pytest.mark.parametrize("text,expected", HAND_SENTENCES)
def test_labeler_matches_hand_labels(text, expected):
    assert label_text(text).labels == {o: expected[o] for o in OBSERVATIONS if o in expected}


def test_mentions_point_at_their_text():
    text = "No pneumothorax. Small left pleural effusion."
    lab = label_text(text)
    for m in lab.mentions:
        assert text[m.span.start:m.span.end] == m.span.text
        assert m.span.start >= m.sentence[0] and m.span.end <= m.sentence[1]
    assert {(m.observation, m.status, m.span.text) for m in lab.mentions} == {
        ("Pneumothorax", "negative", "pneumothorax"), ("Pleural Effusion", "positive", "pleural effusion")}


def test_normal_statement_is_told_apart_from_silence():
    assert label_text("No acute cardiopulmonary disease.").normal_statement
    silent = label_text("Degenerative changes of the thoracic spine.")
    assert silent.normal and not silent.normal_statement
    mixed = label_text("1. Mild cardiomegaly. 2. Otherwise, no acute cardiopulmonary abnormality.")
    assert mixed.normal_statement and not mixed.normal and mixed.positive() == {"Cardiomegaly"}


def test_hand_labelled_indiana_sample_is_well_formed():
    path = FIXTURES / "chexpert_hand_labels.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 50 and len({r["uid"] for r in rows}) == 50
    for r in rows:
        assert set(r) == {"uid", "labels"}  # labels only: the report text stays in ../shared
        assert set(r["labels"]) <= set(OBSERVATIONS)
        assert set(r["labels"].values()) <= {"positive", "negative", "uncertain"}


def _labels(d: dict[str, str]) -> ChexpertLabels:
    from clinqa.text.chexpert import PATHOLOGIES

    if not any(d.get(p) in ("positive", "uncertain") for p in PATHOLOGIES):
        d = {**d, "No Finding": "positive"}
    return ChexpertLabels(labels=d)


def test_finding_f1_by_hand():
    gen = [_labels({"Cardiomegaly": "positive"}), _labels({}), _labels({"Edema": "positive"})]
    ref = [_labels({"Cardiomegaly": "positive", "Pleural Effusion": "positive"}), _labels({}),
           _labels({"Pneumonia": "uncertain"})]
    s = finding_f1(gen, ref)
    # positives: gen {CM}, {NF}, {ED}; ref {CM, PE}, {NF}, {} -> tp 2 (CM, NF), fp 1 (ED), fn 1 (PE)
    assert s["finding_f1_micro"] == pytest.approx(200 * 2 / (4 + 1 + 1))
    assert s["finding_f1_per_observation"] == {"No Finding": 100.0, "Cardiomegaly": 100.0, "Edema": 0.0,
                                               "Pleural Effusion": 0.0}
    assert s["finding_f1_macro"] == pytest.approx(50.0)


def test_safety_rates_by_hand():
    reports = [
        ReportLabels(findings=_labels({"Lung Lesion": "positive"}), reference=_labels({"Lung Lesion": "positive"})),
        ReportLabels(findings=_labels({"Cardiomegaly": "positive", "Pleural Effusion": "positive"}),
                     reference=_labels({})),  # the reference itself calls it normal
        ReportLabels(findings=_labels({}), reference=_labels({})),
    ]
    gen = [_labels({}), _labels({"Cardiomegaly": "positive"}), _labels({})]
    r = safety_rates(gen, reports)
    assert r["abnormal_reports"] == 2 and r["abnormal_reference_reports"] == 1
    assert r["normal_for_abnormal"] == pytest.approx(50.0)  # report 1 of reports 1 and 2
    assert r["normal_for_abnormal_reference"] == pytest.approx(100.0)
    assert r["dropped_findings"] == pytest.approx(200 / 3)  # lesion and effusion of 3 positives
    assert r["reports_with_dropped_findings"] == pytest.approx(100.0)
    assert set(finding_metrics(gen, reports)) >= {"finding_f1_micro", "normal_for_abnormal", "dropped_findings"}


def test_consistency_finds_what_the_impression_hides():
    findings = "The heart is enlarged. There is a left lower lobe opacity. Small left pleural effusion. No pneumothorax."
    c = consistency.check(findings, "No acute cardiopulmonary findings.")
    assert c.normal_claim and set(c.missing) == {"Cardiomegaly", "Lung Opacity", "Pleural Effusion"}
    assert consistency.check(findings, "1. Cardiomegaly. 2. Left lower lobe opacity with small effusion.").ok
    c = consistency.check(findings, "Cardiomegaly. No pleural effusion.")
    assert c.negated == ("Pleural Effusion",) and not c.normal_claim
    # what is asked in the indication is not a finding
    assert consistency.check("INDICATION: evaluate for pneumonia.\nFINDINGS: Lungs are clear.", "Normal chest.").ok


def test_extractive_repair_adds_the_sentences_and_qualifies_the_normal_claim():
    findings = "There is a 2.5 cm spiculated mass in the right upper lobe. No pleural effusion."
    mentions = consistency.finding_mentions(findings)
    draft = "No acute cardiopulmonary abnormality."
    c = consistency.compare(consistency.asserted_pathologies(mentions), label_text(draft))
    items, changed = consistency.repair([draft], findings, mentions, c)
    assert items == ["2.5 cm spiculated mass in the right upper lobe.", "Otherwise, no acute cardiopulmonary abnormality."]
    assert changed == [draft]
    # an item that negates what the findings assert goes
    findings = "The heart is enlarged. Small left pleural effusion."
    mentions = consistency.finding_mentions(findings)
    c = consistency.compare(consistency.asserted_pathologies(mentions), label_text("Cardiomegaly. No effusion."))
    items, changed = consistency.repair(["Cardiomegaly.", "No effusion."], findings, mentions, c)
    assert items == ["Cardiomegaly.", "Small left pleural effusion."] and changed == ["No effusion."]


@pytest.mark.parametrize("mode", ["regenerate", "extractive"])
def test_summarizer_never_returns_an_impression_that_hides_the_findings(tiny_models, mode):
    from clinqa.summarize import Summarizer, SummarizerConfig

    s = Summarizer(SummarizerConfig(model=str(tiny_models["llama"]), max_new_tokens=6, consistency=mode))
    findings = "There is a 2.5 cm spiculated mass in the right upper lobe. No pleural effusion."
    out = s.summarize(findings)
    assert "spiculated mass" in out.text
    assert out.draft is not None and out.draft != out.text
    assert any(w.startswith("consistency check") and "lung lesion" in w for w in out.warnings)
    # a normal study is left to the model
    normal = s.summarize("Heart size is normal. The lungs are clear.")
    assert normal.draft is None and not any(w.startswith("consistency") for w in normal.warnings)
    off = Summarizer(SummarizerConfig(model=str(tiny_models["llama"]), max_new_tokens=6, consistency="off"))
    assert off.summarize(findings).draft is None


def test_unknown_consistency_mode_is_a_clear_error():
    from clinqa.errors import DataError
    from clinqa.summarize import SummarizerConfig

    with pytest.raises(DataError, match="consistency must be one of"):
        SummarizerConfig(consistency="sometimes")


def test_training_repeats_the_abnormal_reports():
    from clinqa.train.summarize import upweight_abnormal
    from clinqa.types import SummaryPair

    pairs = [SummaryPair("1", "Lungs are clear.", "No acute disease."),
             SummaryPair("2", "Heart is enlarged.", "Cardiomegaly."),
             SummaryPair("3", "Possible left basilar pneumonia.", "Left basilar opacity, possibly pneumonia.")]
    assert [p.id for p in upweight_abnormal(pairs, 3)] == ["1", "2", "2", "2", "3", "3", "3"]
    assert [p.id for p in upweight_abnormal(pairs, 1)] == ["1", "2", "3"]
