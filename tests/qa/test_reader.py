"""Extractive QA: pure pre/post-processing with hand-built inputs, the two-head model on tiny
random encoders, training steps, saving/loading, and the reader's answers."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from clinqa.errors import DataError, ModelError
from clinqa.qa.decode import (
    best_null_threshold,
    is_no_answer,
    null_score,
    snap_to_words,
    span_candidates,
    span_probabilities,
)
from clinqa.qa.features import Window, char_to_token_positions, make_windows
from clinqa.types import Note

# ------------------------------------------------------------------ hand-built windows


def _window(offsets, example_index=0):
    n = len(offsets)
    return Window(input_ids=list(range(n)), attention_mask=[1] * n, token_type_ids=None,
                  offsets=offsets, example_index=example_index)


# text: "aspirin 81 mg daily" ; tokens: [CLS] q [SEP] aspirin 81 mg daily [SEP]
TEXT = "aspirin 81 mg daily"
OFFS = [None, None, None, (0, 7), (8, 10), (11, 13), (14, 19), None]


def test_best_span_is_argmax_pair_within_context():
    s = np.full((1, 8), -5.0)
    e = np.full((1, 8), -5.0)
    s[0, 4], e[0, 5] = 3.0, 4.0  # "81 mg"
    s[0, 1], e[0, 1] = 9.0, 9.0  # question token: never an answer
    cands = span_candidates(s, e, [_window(OFFS)])
    assert (cands[0].start, cands[0].end) == (8, 13)
    assert TEXT[cands[0].start:cands[0].end] == "81 mg"
    assert cands[0].score == pytest.approx(7.0)


def test_end_before_start_and_too_long_spans_are_rejected():
    s = np.full((1, 8), -5.0)
    e = np.full((1, 8), -5.0)
    s[0, 6], e[0, 3] = 5.0, 5.0  # end before start: invalid
    s[0, 3], e[0, 6] = 1.0, 1.0  # valid but 4 tokens long
    cands = span_candidates(s, e, [_window(OFFS)], max_answer_tokens=3)
    assert all(c.end_token >= c.start_token and c.end_token - c.start_token < 3 for c in cands)
    assert not any((c.start, c.end) == (0, 19) for c in cands)
    assert (cands[0].start, cands[0].end) != (14, 7)


def test_same_span_in_two_windows_counts_once_with_the_better_score():
    w1 = _window([None, None, (0, 7), (8, 10), None])
    w2 = _window([None, None, (8, 10), (11, 13), None], example_index=0)
    s = np.full((2, 5), -9.0)
    e = np.full((2, 5), -9.0)
    s[0, 3], e[0, 3] = 1.0, 1.0  # "81" in window 1, score 2
    s[1, 2], e[1, 2] = 2.0, 2.0  # "81" in window 2, score 4
    cands = span_candidates(s, e, [w1, w2])
    spans = [(c.start, c.end) for c in cands]
    assert spans.count((8, 10)) == 1
    top = cands[0]
    assert (top.start, top.end, top.window, top.score) == (8, 10, 1, 4.0)


def test_null_score_is_min_cls_over_windows_and_threshold_rule():
    s = np.array([[2.0, 0, 0], [0.5, 0, 0]])
    e = np.array([[1.0, 0, 0], [0.5, 0, 0]])
    assert null_score(s, e) == pytest.approx(1.0)
    from clinqa.qa.decode import SpanCandidate

    best = SpanCandidate(0, 3, 0.4, 0, 1, 1)
    assert is_no_answer(best, 1.0, threshold=0.5)  # 1.0 - 0.4 = 0.6 > 0.5
    assert not is_no_answer(best, 1.0, threshold=0.7)
    assert not is_no_answer(best, 1.0, threshold=None)  # uncalibrated model always answers
    assert is_no_answer(None, 1.0, threshold=None)


def test_probabilities_sum_to_one_with_null():
    from clinqa.qa.decode import SpanCandidate

    cands = [SpanCandidate(0, 1, 2.0, 0, 0, 0), SpanCandidate(1, 2, 1.0, 0, 1, 1)]
    p, p_null = span_probabilities(cands, 0.0)
    assert sum(p) + p_null == pytest.approx(1.0)
    assert p[0] > p[1] > p_null


def test_best_null_threshold_matches_hand_computation():
    # diffs (null - best), answered F1, has_answer
    diffs = [-2.0, 0.5, 1.0, 3.0]
    f1 = [1.0, 0.0, 0.5, 0.0]
    has = [True, False, True, False]
    t, score = best_null_threshold(diffs, f1, has)
    # abstain when diff > 0.5: ex4 -> 1 (no gold), ex3 -> 0 ; answered ex1 1, ex2 0  -> 2/4
    # abstain when diff > -2 (t=-2): ex2 1, ex3 0, ex4 1, ex1 answered 1 -> 3/4  (best)
    assert t == -2.0 and score == pytest.approx(0.75)


def test_snap_to_words_widens_to_whole_words_only():
    text = "metoprolol 25 mg"
    assert snap_to_words(text, 2, 10) == (0, 10)
    assert snap_to_words(text, 0, 13) == (0, 13)
    assert snap_to_words(text, 11, 12) == (11, 13)


# ------------------------------------------------------------------ tokenization


@pytest.fixture(scope="module")
def bert_tok(tiny_models):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_models["bert"]))


@pytest.fixture(scope="module")
def xlmr_tok(tiny_models):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tiny_models["xlmr"]))


@pytest.mark.parametrize("tok_name", ["bert_tok", "xlmr_tok"])
def test_windows_cover_the_note_and_offsets_point_into_it(tok_name, request):
    tok = request.getfixturevalue(tok_name)
    note = " ".join(["the patient was admitted with chest pain and shortness of breath"] * 12)
    wins = make_windows(tok, ["what medications"], [note], max_length=48, stride=16)
    assert len(wins) > 2
    covered = set()
    for w in wins:
        for o in w.offsets:
            if o is not None:
                assert 0 <= o[0] < o[1] <= len(note)
                assert note[o[0]:o[1]].strip()
                covered.update(range(*o))
    words = {i for i, c in enumerate(note) if not c.isspace()}
    assert words <= covered  # sliding windows lose no character of the note


def test_answer_positions_map_back_to_the_answer(bert_tok):
    note = "no evidence of pneumonia on chest x-ray . metoprolol 25 mg by mouth twice daily"
    start = note.index("metoprolol")
    end = start + len("metoprolol 25 mg")
    (w,) = make_windows(bert_tok, ["what medications"], [note], max_length=64, stride=16)
    s, e = char_to_token_positions(w, start, end)
    assert note[w.offsets[s][0]:w.offsets[e][1]] == "metoprolol 25 mg"


def test_answer_outside_window_gives_none(bert_tok):
    note = " ".join(["chest pain"] * 40) + " metoprolol"
    wins = make_windows(bert_tok, ["what"], [note], max_length=32, stride=8)
    start = note.index("metoprolol")
    hits = [char_to_token_positions(w, start, start + 10) for w in wins]
    assert hits[0] is None and hits[-1] is not None


def test_question_checks(bert_tok):
    with pytest.raises(DataError, match="no tokens"):
        make_windows(bert_tok, ["   "], ["chest pain"], max_length=64, stride=16)
    with pytest.raises(DataError, match="at most"):
        make_windows(bert_tok, ["chest pain " * 40], ["chest pain"], max_length=64, stride=16)
    with pytest.raises(DataError, match="stride"):
        make_windows(bert_tok, ["what"], ["chest pain"], max_length=64, stride=40)


# ------------------------------------------------------------------ the two-head model


def _tiny_model(tiny_models, name="bert", branch=0, lora=None, categories=None):
    from clinqa.qa.model import QAModelConfig, new_model

    cfg = QAModelConfig(branch_layers=branch, max_length=64, stride=16,
                        **({"categories": categories} if categories else {}))
    return new_model(str(tiny_models[name]), cfg, lora=lora)


def _batch(tok, n_cat=6):
    enc = tok(["what medications"] * 2, ["metoprolol 25 mg by mouth", "chest pain and fever"],
              return_tensors="pt", padding=True)
    targets = torch.zeros(2, n_cat)
    targets[0, 1] = 1.0  # Medication
    targets[1, 2] = 0.7  # Symptoms, soft
    targets[1, 0] = 0.3
    return {**enc, "start_positions": torch.tensor([5, 0]), "end_positions": torch.tensor([6, 0]),
            "category_targets": targets, "category_mask": torch.tensor([1.0, 1.0])}


@pytest.mark.parametrize("name,branch", [("bert", 0), ("bert", 1), ("xlmr", 1)])
def test_forward_shapes_and_branch_layers(tiny_models, name, branch):
    model, tok = _tiny_model(tiny_models, name, branch)
    model.eval()
    b = _batch(tok)
    out = model(**b)
    assert out["start_logits"].shape == b["input_ids"].shape
    assert out["category_logits"].shape == (2, 6)
    if branch:
        assert len(model.category_branch) == 1
        # the branch is a copy, not the same module: training one leaves the other
        top = model.encoder.encoder.layer[-1]
        assert model.category_branch[0] is not top
        assert all(torch.equal(a, b) for a, b in zip(model.category_branch[0].parameters(), top.parameters()))


def test_two_training_steps_lower_both_losses(tiny_models):
    torch.manual_seed(0)
    model, tok = _tiny_model(tiny_models, "bert", branch=1)
    model.dropout.p = 0.0
    b = _batch(tok)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3)
    first = model(**b)
    for _ in range(2):
        opt.zero_grad()
        model(**b)["loss"].backward()
        opt.step()
    after = model(**b)
    assert after["span_loss"] < first["span_loss"]
    assert after["category_loss"] < first["category_loss"]


def test_single_task_loss_ignores_the_other_head(tiny_models):
    model, tok = _tiny_model(tiny_models)
    model.qa_config.tasks = ["span"]
    out = model(**_batch(tok))
    assert out["loss"].item() == pytest.approx(out["span_loss"].item())
    model.qa_config.tasks = ["category"]
    model.category_weight = 1.0
    out = model(**_batch(tok))
    assert out["loss"].item() == pytest.approx(out["category_loss"].item())


def test_lora_training_changes_adapter_only(tiny_models):
    torch.manual_seed(0)
    model, tok = _tiny_model(tiny_models, "bert", lora={"r": 4, "lora_alpha": 8, "target_modules": ["query", "value"]})
    base = {k: v.clone() for k, v in model.encoder.named_parameters() if "lora_" not in k}
    lora = {k: v.clone() for k, v in model.encoder.named_parameters() if "lora_" in k}
    assert lora and all(not v.requires_grad for k, v in model.encoder.named_parameters() if "lora_" not in k)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    b = _batch(tok)
    first = model(**b)
    for _ in range(2):
        opt.zero_grad()
        model(**b)["loss"].backward()
        opt.step()
    named = dict(model.encoder.named_parameters())
    assert all(torch.equal(named[k], v) for k, v in base.items())
    assert any(not torch.equal(named[k], v) for k, v in lora.items())
    assert model(**b)["loss"] < first["loss"]


@pytest.mark.parametrize("kind", ["full", "lora", "base_params"])
def test_save_load_round_trip_gives_same_logits(tiny_models, tmp_path, kind):
    from clinqa.qa.model import load_qa_model

    lora = {"r": 4, "lora_alpha": 8, "target_modules": ["query", "value"]} if kind == "lora" else None
    model, tok = _tiny_model(tiny_models, "bert", branch=1, lora=lora)
    if kind == "base_params":
        model.qa_config.base_params = ["embeddings.word_embeddings.weight"]
    with torch.no_grad():  # make the adapter non-trivial
        for k, p in model.named_parameters():
            if "lora_B" in k:
                p.add_(0.1)
    model.eval()
    b = {k: v for k, v in _batch(tok).items() if k in ("input_ids", "attention_mask", "token_type_ids")}
    ref = model(**b)
    model.save_pretrained(tmp_path / "m", tok)
    loaded, tok2 = load_qa_model(tmp_path / "m")
    out = loaded(**b)
    for key in ("start_logits", "end_logits", "category_logits"):
        torch.testing.assert_close(out[key], ref[key], atol=1e-4, rtol=1e-4)
    assert tok2("chest pain")["input_ids"] == tok("chest pain")["input_ids"]


def test_loading_errors(tiny_models, tmp_path):
    from clinqa.qa.model import load_qa_model
    from clinqa.qa.reader import ExtractiveReader

    model, tok = _tiny_model(tiny_models)
    model.save_pretrained(tmp_path / "m", tok)
    (tmp_path / "m" / "heads.safetensors").unlink()
    with pytest.raises(ModelError, match="heads"):
        load_qa_model(tmp_path / "m")
    model.save_pretrained(tmp_path / "m2", tok)
    cfg = json.loads((tmp_path / "m2" / "clinqa_qa.json").read_text())
    cfg["categories"] = ["A", "B"]
    (tmp_path / "m2" / "clinqa_qa.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="categories"):
        load_qa_model(tmp_path / "m2")
    # a plain encoder folder has no QA head at all
    with pytest.raises(ModelError, match="no question-answering head"):
        ExtractiveReader.load(str(tiny_models["bert"]))
    with pytest.raises(ModelError):
        ExtractiveReader.load(str(tmp_path / "missing"))


# ------------------------------------------------------------------ the reader


@pytest.fixture(scope="module")
def tiny_reader(tiny_models, tmp_path_factory):
    from clinqa.qa.reader import ExtractiveReader
    from tests.tiny_models import build_qa

    return ExtractiveReader.load(str(build_qa(tiny_models["bert"], tmp_path_factory.mktemp("qa") / "model", seed=1)))


def test_reader_answers_carry_offsets_category_assertion_sentence(tiny_reader):
    text = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
            "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.") * 3
    note = Note("n1", text)
    answers = tiny_reader.answer(note, "what medications", top_k=3)
    assert 1 <= len(answers) <= 3
    for a in answers:
        a.check(note)  # offsets point at exactly the answer text
        assert a.category in tiny_reader.categories
        assert sum(a.category_probs.values()) == pytest.approx(1.0, abs=1e-3)
        assert a.assertion in ("present", "negated", "possible", "historical", "family", "hypothetical")
        assert a.sentence_id is not None
        assert 0.0 <= a.score <= 1.0
    assert [a.score for a in answers] == sorted((a.score for a in answers), reverse=True)


def test_reader_batches_match_single_calls(tiny_reader):
    notes = [Note("a", "metoprolol 25 mg by mouth twice daily " * 8), Note("b", "chest pain and fever")]
    qs = ["what medications", "what symptoms"]
    together = tiny_reader.answer_many(list(zip(notes, qs)))
    alone = [tiny_reader.answer_many([(n, q)])[0] for n, q in zip(notes, qs)]
    for t, a in zip(together, alone):
        assert (t.answers[0].start, t.answers[0].end) == (a.answers[0].start, a.answers[0].end)
        assert t.answers[0].score == pytest.approx(a.answers[0].score, abs=1e-5)


def test_reader_window_top_n_reads_fewer_windows(tiny_reader):
    note = Note("long", "chest pain and fever . " * 60 + "metoprolol 25 mg by mouth twice daily . " + "chest pain . " * 60)
    tiny_reader.window_top_n = 2
    try:
        (a,) = tiny_reader.answer(note, "metoprolol mg")
        a.check(note)
    finally:
        tiny_reader.window_top_n = None


def test_reader_bad_input(tiny_reader):
    with pytest.raises(DataError):
        tiny_reader.answer(Note("n", "chest pain"), "   ")
    with pytest.raises(DataError, match="no tokens"):
        tiny_reader.answer(Note("n", "\u200b\u200b"), "what medications")


def test_reader_no_answer_when_null_wins(tiny_reader):
    saved = tiny_reader.null_threshold
    tiny_reader.null_threshold = -1e9  # calibrated to always abstain
    try:
        (a,) = tiny_reader.answer(Note("n", "chest pain and fever"), "what medications")
        assert a.is_no_answer and a.text is None and a.start == -1
    finally:
        tiny_reader.null_threshold = saved


def test_export_to_transformers_qa_gives_the_same_answer(tiny_models, tmp_path):
    from clinqa.qa.model import export_transformers_qa
    from clinqa.qa.reader import ExtractiveReader

    model, tok = _tiny_model(tiny_models)
    model.eval()
    export_transformers_qa(model, tok, tmp_path / "hf")
    ours = ExtractiveReader(model, tok, "ours", max_length=64, stride=16)
    theirs = ExtractiveReader.load(str(tmp_path / "hf"), max_length=64, stride=16)
    note = Note("n", "metoprolol 25 mg by mouth twice daily and chest pain")
    a, b = ours.answer(note, "what medications")[0], theirs.answer(note, "what medications")[0]
    assert (a.start, a.end) == (b.start, b.end) and a.score == pytest.approx(b.score, abs=1e-5)
    assert b.category in b.category_probs  # no category head: the weak labeler speaks


@pytest.mark.parametrize("text", [
    "Ο ασθενής έλαβε μετοπρολόλη 25 mg δύο φορές την ημέρα.",  # Greek
    "患者出院时服用美托洛尔 25 毫克，每日两次。",  # Chinese, no spaces
    "Pacie\u0301nt uz\u030cíval metoprolol 25 mg.",  # combining accents (NFD)
    "Пациент принимал метопролол 25 мг дважды в день.",  # Cyrillic
])
def test_xlmr_offsets_on_non_latin_and_combining_text(tiny_models, text):
    """Sentencepiece normalises (NFKC) before splitting; the offsets must still index the
    original characters, whatever the script, and answers must be exact substrings."""
    from clinqa.qa.model import QAModelConfig, new_model
    from clinqa.qa.reader import ExtractiveReader

    model, tok = new_model(str(tiny_models["xlmr"]), QAModelConfig(max_length=64, stride=16))
    wins = make_windows(tok, ["metoprolol?"], [text * 3], max_length=48, stride=16)
    for w in wins:
        for o in w.offsets:
            if o is not None:
                assert 0 <= o[0] < o[1] <= len(text * 3)
                assert (text * 3)[o[0]:o[1]].strip() == (text * 3)[o[0]:o[1]]
    reader = ExtractiveReader(model.eval(), tok, "tiny-xlmr", categories=model.qa_config.categories,
                              max_length=48, stride=16)
    note = Note("ml", text * 3)
    for a in reader.answer(note, "which medication, in english?", top_k=3):
        a.check(note)


def test_model_folder_reading_settings_are_the_default_and_flags_override(tiny_models, tmp_path):
    """clinqa_reading.json next to the model sets the windows every command reads; an option
    given by the caller wins (0 windows from the CLI means every window)."""
    from clinqa.errors import DataError
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.qa.reading import Reading
    from clinqa.qa.routing import reader_options
    from tests.tiny_models import build_qa

    folder = build_qa(tiny_models["bert"], tmp_path / "model", seed=1)
    plain = ExtractiveReader.load(str(folder))
    assert (plain.window_top_n, plain.window_rank) == (None, "bm25")
    Reading(window_tokens=112, window_top_n=3, source="test").save(folder)
    r = ExtractiveReader.load(str(folder))
    assert (r.max_length, r.stride, r.window_top_n) == (112, 28, 3)
    r = ExtractiveReader.load(str(folder), **reader_options(0, 96))
    assert (r.max_length, r.stride, r.window_top_n) == (96, 24, None)
    (folder / "clinqa_reading.json").write_text('{"window_tokens": 9000}')
    with pytest.raises(DataError, match="between 64 and 512"):
        ExtractiveReader.load(str(folder))


@pytest.mark.parametrize("rank", ["bm25", "dense", "hybrid"])
def test_window_ranking_keeps_the_window_that_holds_the_question_words(tiny_reader, rank):
    note = Note("long", "chest pain and fever . " * 60 + "metoprolol 25 mg by mouth twice daily . " + "chest pain . " * 60)
    tiny_reader.window_top_n, tiny_reader.window_rank = 1, rank
    try:
        (a,) = tiny_reader.answer(note, "metoprolol dose by mouth twice daily")
        a.check(note)
        lo = note.text.index("metoprolol")
        # the one window read must contain the drug line (BM25 and the sentence encoder agree)
        assert abs(a.start - lo) < 400
    finally:
        tiny_reader.window_top_n, tiny_reader.window_rank = None, "bm25"


def test_folder_precision_picks_the_int8_export_and_the_caller_or_environment_override(tiny_models, tmp_path,
                                                                                        monkeypatch):
    """"precision": "int8" in clinqa_reading.json runs the int8 export on ONNX Runtime; an explicit
    precision, else CLINQA_PRECISION, wins over the folder; torch stays float32; a bad value is a
    usage error naming the variable."""
    pytest.importorskip("onnxruntime")
    from clinqa.errors import UsageError
    from clinqa.models.onnx import FP32, INT8
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.qa.reading import Reading
    from tests.tiny_models import build_qa

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CLINQA_PRECISION", raising=False)
    folder = build_qa(tiny_models["bert"], tmp_path / "model", seed=2)
    Reading(precision="int8", source="test").save(folder)
    note = Note("n", "Metoprolol 25 mg by mouth twice daily. Potassium 3.2 low.")
    first = ExtractiveReader.load(str(folder), backend="onnx")
    assert first.precision == "int8" and first.onnx.path.name == INT8
    first.answer(note, "what medication?")[0].check(note)
    again = ExtractiveReader.load(str(folder), backend="onnx")  # the recorded export: no torch load
    assert again.onnx.path.name == INT8 and again._model is None
    assert ExtractiveReader.load(str(folder), backend="onnx", precision="float32").onnx.path.name == FP32
    monkeypatch.setenv("CLINQA_PRECISION", "float32")
    assert ExtractiveReader.load(str(folder), backend="onnx").onnx.path.name == FP32
    assert ExtractiveReader.load(str(folder), backend="onnx", precision="int8").onnx.path.name == INT8
    monkeypatch.setenv("CLINQA_PRECISION", "int4")
    with pytest.raises(UsageError, match="CLINQA_PRECISION"):
        ExtractiveReader.load(str(folder), backend="onnx")
    monkeypatch.delenv("CLINQA_PRECISION")
    on_torch = ExtractiveReader.load(str(folder), backend="torch")
    assert on_torch.onnx is None and on_torch.precision == "float32"


def test_int8_answers_do_not_depend_on_the_questions_asked_beside_them(tiny_models, tmp_path, monkeypatch):
    """An int8 graph quantizes a MatMul's input with one scale per batch: windows read together
    would move each other's logits, so the same question could get another answer in `extract`
    than alone in `ask`. int8 windows are read one at a time: identical scores either way."""
    pytest.importorskip("onnxruntime")
    from clinqa.qa.reader import ExtractiveReader
    from tests.tiny_models import build_qa

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / "cache"))
    folder = build_qa(tiny_models["bert"], tmp_path / "model", seed=3)
    reader = ExtractiveReader.load(str(folder), backend="onnx", precision="int8")
    note = Note("n", "Metoprolol 25 mg by mouth twice daily. Potassium 3.2 low. " * 6)
    other = Note("o", "Fever 39.1 C and cough for three days, started on ceftriaxone 1 g daily.")
    pairs = [(note, "what medication?"), (other, "what symptoms?"), (other, "which antibiotic?")]
    together = reader.answer_many(pairs, top_k=3)
    for (n, q), t in zip(pairs, together):
        alone = reader.answer_many([(n, q)], top_k=3)[0]
        assert [(a.start, a.end, a.score) for a in t.answers] == [(a.start, a.end, a.score) for a in alone.answers]


def test_window_cascade_reads_the_rest_only_for_unsure_answers(tiny_reader, monkeypatch):
    """With `window_confident`, the best-ranked window is read first; the rest of the top N only
    when the best span there is less likely than the setting. Never sure (1.0): every top-N
    window is read and the answer is the one without the cascade; always sure (tiny): one window
    per question, the one holding the question's words."""
    note = Note("long", "chest pain and fever . " * 60 + "metoprolol 25 mg by mouth twice daily . " + "chest pain . " * 60)
    pairs = [(note, "metoprolol dose by mouth twice daily"), (note, "what was the chest pain?")]
    read: list[int] = []
    run = type(tiny_reader)._run
    monkeypatch.setattr(tiny_reader, "_run", lambda windows: read.append(len(windows)) or run(tiny_reader, windows))
    monkeypatch.setattr(tiny_reader, "window_top_n", 3)
    plain = tiny_reader.answer_many(pairs, top_k=3)
    assert read == [6]
    monkeypatch.setattr(tiny_reader, "window_first_n", 1)
    monkeypatch.setattr(tiny_reader, "window_confident", 1.0)
    read.clear()
    never_sure = tiny_reader.answer_many(pairs, top_k=3)
    assert read == [2, 4]  # the best window of each, then the other two of each
    assert [[(a.start, a.end, a.score) for a in o.answers] for o in never_sure] == \
        [[(a.start, a.end, a.score) for a in o.answers] for o in plain]
    monkeypatch.setattr(tiny_reader, "window_confident", 1e-9)
    read.clear()
    (first, _) = tiny_reader.answer_many(pairs)
    assert read == [2]
    lo = note.text.index("metoprolol")
    assert abs(first.answers[0].start - lo) < 400  # read from the window BM25 ranks first


def test_reading_file_validates_the_cascade(tmp_path):
    from clinqa.errors import DataError
    from clinqa.qa.reading import Reading

    r = Reading(window_top_n=4, window_first_n=1, window_confident=0.3)
    r.save(tmp_path)
    assert Reading.load(tmp_path).load_kw()["window_confident"] == 0.3
    for bad in ('{"window_confident": 1.5}', '{"window_first_n": 0}', '{"precision": "int4"}'):
        (tmp_path / "clinqa_reading.json").write_text(bad)
        with pytest.raises(DataError):
            Reading.load(tmp_path)
