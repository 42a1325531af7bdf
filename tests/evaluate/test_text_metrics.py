"""Text metrics equal their reference packages; SARI equals hand-computed values."""

from __future__ import annotations

import pytest

from clinqa.evaluate import grounding
from clinqa.evaluate.rouge_bleu import bleu, rouge, sari, sari_sentence, sentence_lines, truncate_words

PREDS = ["No acute cardiopulmonary abnormality.", "1. Stable cardiomegaly. 2. No pneumonia.",
         "Mild degenerative changes of the thoracic spine", "Heart size normal. Lungs clear."]
REFS = ["No acute cardiopulmonary disease.", "Cardiomegaly, stable.\nNo focal consolidation.",
        "Degenerative changes of the spine.", "Normal chest x-XXXX."]


def test_rouge_equals_rouge_score():
    from rouge_score import rouge_scorer

    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    ref = {t: 0.0 for t in ("rouge1", "rouge2", "rougeL", "rougeLsum")}
    for p, r in zip(PREDS, REFS):
        s = sc.score(sentence_lines(r), sentence_lines(p))
        for t in ref:
            ref[t] += 100 * s[t].fmeasure / len(PREDS)
    got = rouge(PREDS, REFS)
    assert got == pytest.approx(ref, abs=1e-9)
    # and a value checked by hand: "no acute cardiopulmonary abnormality" vs "... disease":
    # 3 of 4 unigrams shared -> P = R = F = 0.75
    assert rouge(PREDS[:1], REFS[:1])["rouge1"] == pytest.approx(75.0)


def test_rouge_lsum_splits_sentences_rouge_l_does_not():
    pred, ref = "c d. a b.", "a b. c d."
    r = rouge([pred], [ref])
    assert r["rougeL"] == pytest.approx(50.0) and r["rougeLsum"] == pytest.approx(100.0)


def test_bleu_equals_sacrebleu_with_brevity_penalty():
    import sacrebleu

    ref = sacrebleu.corpus_bleu(PREDS, [REFS])
    got = bleu(PREDS, REFS)
    assert got["bleu"] == pytest.approx(ref.score) and got["bleu_bp"] == pytest.approx(ref.bp)
    short = bleu(["no acute"], ["no acute cardiopulmonary disease today"])
    assert short["bleu_bp"] < 1.0


def test_sari_hand_computed():
    # perfect rewrite: keep "a", delete "b", add "c" exactly as the reference does -> 100
    assert sari_sentence("a b", "a c", ["a c"]) == pytest.approx(100.0)
    # copying the source: 1-grams keep F1 2/3, delete 1, add 0; 2-grams keep 0, delete 1, add 0;
    # 3/4-grams are empty (0/0 = 1) -> (mean keep 2/3 + mean delete 1 + mean add 1/2) / 3
    assert sari_sentence("a b", "a b", ["a c"]) == pytest.approx(100 * (2 / 3 + 1 + 0.5) / 3)
    # the example of HF evaluate's SARI card
    assert sari(["About 95 species are currently accepted."], ["About 95 you now get in."],
                [["About 95 species are currently known.", "About 95 species are now accepted.",
                  "95 species are now accepted."]]) == pytest.approx(26.953601953601954)


def test_truncate_words_keeps_lines():
    assert truncate_words("a b c\nd e f", 4) == "a b c\nd"
    assert truncate_words("a b", 75) == "a b"


def test_medcon_variant_scores_concept_overlap():
    r = grounding.medcon(["Pneumonia treated with aspirin."], ["Pneumonia; started aspirin and metoprolol."])
    # concepts {pneumonia, aspirin} vs {pneumonia, aspirin, metoprolol}: P 1, R 2/3 -> F1 0.8
    assert r.name == "medcon_variant" and r.value == pytest.approx(80.0)
    assert grounding.medcon(["Follow up in two weeks."], ["See you soon."]).value == pytest.approx(100.0)  # both empty


def test_unavailable_metric_is_not_a_number_and_overall_names_what_it_includes():
    a = grounding.alignscore(["x"], ["y"], None)
    assert a.value is None and "none ship offline" in a.note
    o = grounding.overall([grounding.MetricResult("bleu", 10.0), a, grounding.MetricResult("sari", 30.0)])
    assert o.value == pytest.approx(20.0) and o.note == "mean of bleu, sari"


def test_bertscore_with_the_packaged_encoder():
    r = grounding.bertscore(["no acute disease"], ["no acute disease"], "minilm")
    assert r.value == pytest.approx(100.0, abs=1e-3) and "minilm" in r.note
    lower = grounding.bertscore(["no acute disease"], ["large left pleural effusion"], "minilm")
    assert lower.value < 95


def test_alignscore_style_with_a_classifier(tiny_models, tmp_path):
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    path = tmp_path / "nli"
    cfg = AutoConfig.from_pretrained(tiny_models["bert"], num_labels=3,
                                     id2label={0: "contradiction", 1: "neutral", 2: "entailment"},
                                     label2id={"contradiction": 0, "neutral": 1, "entailment": 2})
    AutoModelForSequenceClassification.from_config(cfg).save_pretrained(path)
    AutoTokenizer.from_pretrained(tiny_models["bert"]).save_pretrained(path)
    scorer = grounding.AlignScorer(str(path))
    assert scorer.aligned == 2
    s = scorer.score("the patient was admitted. |1|\nno pneumonia. |2|", "the patient was admitted with chest pain")
    assert 0.0 < s < 1.0
    r = grounding.alignscore(["the patient was admitted"], ["the patient was admitted"], str(path))
    assert r.available and 0 < r.value < 100
