import pytest

from clinqa.errors import DataError, UsageError
from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
from clinqa.retrieval.proxy import evidence_cases
from clinqa.types import Note, QAExample, Sentence, Span

TEXT = "Aspirin 81 mg daily. Potassium 3.2 low. Chest x-ray clear."


def sents():
    out, pos = [], 0
    for i, part in enumerate(["Aspirin 81 mg daily.", "Potassium 3.2 low.", "Chest x-ray clear."], 1):
        start = TEXT.index(part, pos)
        out.append(Sentence(str(i), start, start + len(part), part))
        pos = start + len(part)
    return out


LEXICAL = EnsembleConfig(weights={"bm25": 0.5, "tfidf": 0.5}, top_k=1)


def test_selects_the_matching_sentence_and_keeps_offsets():
    items = EvidenceRetriever(LEXICAL).score("potassium level", sents())
    assert [e.selected for e in items] == [False, True, False]
    assert all(TEXT[e.start:e.end] == e.text for e in items)
    assert set(items[1].component_scores) == {"bm25", "tfidf"}


def test_defined_behaviour_on_bad_input():
    r = EvidenceRetriever(LEXICAL)
    assert not any(e.selected for e in r.score("zebra", sents()))  # no in-vocabulary word: nothing selected
    one = r.score("aspirin", sents()[:1])
    assert len(one) == 1 and one[0].selected  # one sentence: normalised score 0, but min_k keeps the match
    with pytest.raises(DataError, match="duplicate sentence ids 1"):
        r.score("aspirin", [sents()[0], sents()[0]])
    with pytest.raises(DataError, match="question is empty"):
        r.score(" ", sents())
    with pytest.raises(UsageError, match="sum to a positive number"):
        EnsembleConfig(weights={"bm25": 0.0})
    with pytest.raises(UsageError, match="no cross_model"):
        EnsembleConfig(weights={"cross": 1.0})


def test_rrf_fusion_runs():
    items = EvidenceRetriever(EnsembleConfig(weights={"bm25": 1, "tfidf": 1}, fusion="rrf", threshold=None,
                                             top_k=1)).score("chest x-ray", sents())
    assert [e.selected for e in items] == [False, False, True]


def test_config_yaml_round_trip_and_errors(tmp_path):
    cfg = EnsembleConfig(weights={"bm25": 0.2, "tfidf": 0.3, "dense": 0.5}, threshold=0.55, top_k=2)
    cfg.to_yaml(tmp_path / "e.yaml", extra={"dev_micro_f1": 50.0})
    assert EnsembleConfig.from_yaml(tmp_path / "e.yaml") == cfg
    (tmp_path / "bad.yaml").write_text("weights:\n  bm25: [1,\n")
    with pytest.raises(DataError, match=r"bad.yaml \(line \d+\): YAML syntax error"):
        EnsembleConfig.from_yaml(tmp_path / "bad.yaml")
    (tmp_path / "unk.yaml").write_text("evidence:\n  weigths: {}\n")
    with pytest.raises(DataError, match="unknown key.*weigths"):
        EnsembleConfig.from_yaml(tmp_path / "unk.yaml")


def test_proxy_marks_answer_sentences_essential():
    note = Note("a", TEXT)
    ex = QAExample("q1", "What is the potassium?", note, (Span(TEXT.index("3.2"), TEXT.index("3.2") + 3, "3.2"),))
    (case,) = evidence_cases([ex])
    assert [case.relevance[s.id] for s in case.sentences] == ["not-relevant", "essential", "not-relevant"]
