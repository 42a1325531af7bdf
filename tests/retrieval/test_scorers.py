import numpy as np
import pytest

from clinqa.errors import UsageError
from clinqa.retrieval import BM25Scorer, tokenize
from clinqa.retrieval.dense import BiEncoderScorer
from clinqa.retrieval.fusion import normalise, reciprocal_rank_fusion, select, weighted_fusion
from clinqa.retrieval.tfidf import TfidfScorer


def _sentences(shared_data, n=400):
    from clinqa.data import read_squad

    seen, out = set(), []
    for ex in read_squad(shared_data / "covid_qa" / "covid_qa.json"):
        if ex.note.id in seen:
            continue
        seen.add(ex.note.id)
        out.extend(s.strip() for s in ex.note.text.split(". ") if len(s.split()) > 3)
        if len(out) >= n:
            break
    return out[:n]


def test_bm25s_ranks_like_rank_bm25(shared_data):
    """Parity: bm25s (method robertson) vs rank_bm25's BM25Okapi on the same tokens."""
    from rank_bm25 import BM25Okapi

    docs = _sentences(shared_data)
    ours = BM25Scorer().fit(docs)
    ref = BM25Okapi([tokenize(d) or ["\x00"] for d in docs], k1=1.5, b=0.75)
    for q in ["coronavirus transmission in children", "incubation period of the virus", "ACE2 receptor binding",
              "mortality rate hospital patients"]:
        a = ours.score(q)
        b = ref.get_scores([t for t in tokenize(q) if t in ours._vocab])
        assert a.max() > 0
        top = np.argsort(-b, kind="stable")[:20]
        assert list(np.argsort(-a, kind="stable")[:20]) == list(top)
        # scores are proportional (the IDF variants differ only in scale on this corpus)
        np.testing.assert_allclose(a / a.max(), b / b.max(), rtol=1e-4, atol=1e-5)


def test_scorers_handle_questions_without_known_words():
    docs = ["Aspirin 81 mg daily.", "No fever."]
    for scorer in (BM25Scorer(), TfidfScorer()):
        s = scorer.fit(docs).score("zebra")
        assert s.shape == (2,) and not s.any()
    assert TfidfScorer().fit(["the", "of"]).score("the").tolist() == [0.0, 0.0]


def test_tfidf_prefers_the_matching_sentence():
    s = TfidfScorer().fit(["Aspirin 81 mg daily.", "Potassium 3.2 low.", "Chest x-ray clear."]).score("potassium level")
    assert int(np.argmax(s)) == 1


def test_bi_encoder_with_packaged_minilm():
    s = BiEncoderScorer().fit(["He takes acetylsalicylic acid for his heart.", "The weather was sunny."]).score(
        "Is he on aspirin?")
    assert s[0] > s[1]


def test_normalise_and_fusion():
    assert normalise(np.array([1.0, 3.0, 2.0])).tolist() == [0.0, 1.0, 0.5]
    assert normalise(np.array([5.0])).tolist() == [0.0]  # one sentence: no preference
    assert normalise(np.zeros(3), "zscore").tolist() == [0.0, 0.0, 0.0]
    z = normalise(np.array([1.0, 2.0, 3.0]), "zscore")
    assert z.mean() == pytest.approx(0) and z.std() == pytest.approx(1)
    comps = {"a": np.array([0.0, 1.0, 2.0]), "b": np.array([4.0, 0.0, 2.0])}
    np.testing.assert_allclose(weighted_fusion(comps, {"a": 3, "b": 1}), [0.25, 0.375, 0.875])  # a->[0,.5,1], b->[1,0,.5], w=.75/.25
    with pytest.raises(UsageError, match="sum to a positive number"):
        weighted_fusion(comps, {"a": 0, "b": 0})
    with pytest.raises(UsageError, match="not run: c"):
        weighted_fusion(comps, {"c": 1})
    rrf = reciprocal_rank_fusion(comps, k=60)
    assert rrf[2] == pytest.approx(1 / 61 + 1 / 62)


def test_select_threshold_topk_min_k():
    f = np.array([0.9, 0.2, 0.6, 0.6])
    assert select(f, threshold=0.5).tolist() == [True, False, True, True]
    assert select(f, threshold=0.5, top_k=2).tolist() == [True, False, True, False]
    assert select(f, threshold=0.95, min_k=1).tolist() == [True, False, False, False]


def test_a_notes_sentence_embeddings_are_encoded_once(monkeypatch):
    """A second question about the same sentences encodes only the question; other sentences, or
    the same ones in another order, are encoded anew; scores are those of a fresh encoding."""
    from clinqa.retrieval import dense

    dense.EMBEDDINGS.clear()
    calls = []
    real = dense.BiEncoderScorer._encode

    def counting(self, texts):
        calls.append(len(texts))
        return real(self, texts)

    monkeypatch.setattr(dense.BiEncoderScorer, "_encode", counting)
    docs = ["Potassium was 3.1.", "Metoprolol was started.", "No chest pain."]
    a = dense.BiEncoderScorer().fit(docs)
    first = a.score("What was the potassium?")
    b = dense.BiEncoderScorer().fit(list(docs))
    second = b.score("What was the potassium?")
    assert calls == [3, 1, 1]  # the sentences once, then only the questions
    assert (first == second).all()
    dense.BiEncoderScorer().fit(list(reversed(docs)))
    assert calls[-1] == 3
    import pytest

    with pytest.raises(ValueError):  # shared between requests: read-only
        b._docs[0, 0] = 1.0


def test_the_embedding_cache_is_bounded_in_bytes():
    import numpy as np

    from clinqa.retrieval.dense import EmbeddingCache

    cache = EmbeddingCache(max_bytes=3 * 400)
    for i in range(5):
        cache.put(("m", "torch", str(i)), np.zeros((100,), dtype=np.float32))  # 400 bytes each
    assert cache.get(("m", "torch", "0")) is None and cache.get(("m", "torch", "4")) is not None
    cache.put(("m", "torch", "huge"), np.zeros((1000,), dtype=np.float32))  # larger than the cache: not kept
    assert cache.get(("m", "torch", "huge")) is None and cache.get(("m", "torch", "3")) is not None


def test_unspaced_scripts_are_indexed_by_characters_and_pairs():
    """A Chinese or Thai sentence has no spaces: as one token it matched nothing. Its characters
    and neighbouring pairs let BM25 find the passage that shares the question's words."""
    from clinqa.retrieval.bm25 import BM25Scorer, tokenize

    assert tokenize("潜伏期多少天") == ["潜", "伏", "期", "多", "少", "天", "潜伏", "伏期", "期多", "多少", "少天"]
    assert tokenize("mixed中文text") == ["mixed", "中", "文", "中文", "text"]
    assert tokenize("サーバー。") == ["サ", "ー", "バ", "ー", "サー", "ーバ", "バー"]  # the long mark is kana; "。" no token
    assert tokenize("हिन्दी भाषा") == ["हिन्दी", "भाषा"]  # vowel signs stay inside their word
    assert tokenize("The café's K was 3.2") == ["café", "s", "k", "3", "2"]  # spaced scripts as before
    docs = ["病人有高血压病史。", "新冠病毒的潜伏期一般为五天。", "出院时血钾正常。"]
    assert int(BM25Scorer().fit(docs).score("潜伏期是多少天？").argmax()) == 1
    thai = ["ผู้ป่วยมีไข้สูง", "ผู้ป่วยแพ้ยาเพนิซิลลิน", "ความดันโลหิตปกติ", "นัดตรวจซ้ำสองสัปดาห์"]
    assert int(BM25Scorer().fit(thai).score("แพ้ยาอะไร").argmax()) == 1
