"""Text-overlap metrics through their reference packages, plus SARI.

- ROUGE-1/2/L/Lsum: google-research `rouge-score` (Porter stemming on, its default tokenizer).
  ROUGE-Lsum treats newlines as sentence boundaries, so texts are put one sentence per line
  first (`sentence_lines`); ROUGE-L sees the same text as one sequence.
- BLEU: sacrebleu's corpus BLEU (13a tokenisation, brevity penalty included).
- SARI (Xu et al., 2016): no maintained package ships it offline, so `sari` ports the
  reference definition (tensor2tensor's `sari_hook`, as in HF evaluate's `sari` metric): n-grams
  1-4, keep and add as F1, delete as precision, 0/0 counted as 1, sentence scores averaged.
  A hand-computed example is in the tests.

All scores are on a 0-100 scale.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import fmean

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
_SENT_END = re.compile(r"(?<=[^\d\s][.!?])\s+(?=\S)")
_NUMBERED = re.compile(r"\s+(?=\d{1,2}\.\s)")


def truncate_words(text: str, limit: int) -> str:
    """The first `limit` whitespace-separated words of `text`, keeping its line breaks."""
    out, n = [], 0
    for line in text.splitlines():
        words = line.split()
        if n + len(words) > limit:
            words = words[: max(0, limit - n)]
        n += len(words)
        if words:
            out.append(" ".join(words))
        if n >= limit:
            break
    return "\n".join(out)


def sentence_lines(text: str) -> str:
    """One sentence per line, as ROUGE-Lsum expects: existing lines are kept, and a line is
    split after sentence-final punctuation and before numbered items ("1. ... 2. ...")."""
    lines = []
    for line in text.splitlines():
        for part in _SENT_END.split(line.strip()):
            lines.extend(p.strip() for p in _NUMBERED.split(part) if p.strip())
    return "\n".join(lines)


def rouge(predictions: list[str], references: list[str], types: tuple[str, ...] = ROUGE_TYPES,
          use_stemmer: bool = True) -> dict[str, float]:
    """Mean F-measure of each ROUGE type over the pairs, x100."""
    from rouge_score import rouge_scorer

    _check_pairs(predictions, references)
    scorer = rouge_scorer.RougeScorer(list(types), use_stemmer=use_stemmer)
    totals = {t: [] for t in types}
    for pred, ref in zip(predictions, references):
        scores = scorer.score(sentence_lines(ref), sentence_lines(pred))
        for t in types:
            totals[t].append(scores[t].fmeasure)
    return {t: 100 * fmean(v) if v else 0.0 for t, v in totals.items()}


def bleu(predictions: list[str], references: list[str]) -> dict[str, float]:
    """sacrebleu corpus BLEU (one reference per prediction) and its brevity penalty."""
    import sacrebleu

    _check_pairs(predictions, references)
    flat = [" ".join(p.split()) for p in predictions]
    result = sacrebleu.corpus_bleu(flat, [[" ".join(r.split()) for r in references]])
    return {"bleu": float(result.score), "bleu_bp": float(result.bp)}


def _check_pairs(predictions, references) -> None:
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references")


# --- SARI -----------------------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    """Lower-cased 13a tokens, as HF evaluate's SARI normalises before scoring."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    return Tokenizer13a()(text.lower()).split()


def _ngrams(tokens: list[str], n: int) -> list[str]:
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def _sari_ngram(sgrams: list[str], cgrams: list[str], rgramslist: list[list[str]], numref: int):
    rgramcounter = Counter(g for rgrams in rgramslist for g in rgrams)
    sgramcounter_rep = Counter({k: v * numref for k, v in Counter(sgrams).items()})
    cgramcounter = Counter(cgrams)
    cgramcounter_rep = Counter({k: v * numref for k, v in cgramcounter.items()})

    # KEEP: n-grams of the source kept in the output, rewarded when the references keep them
    keep_rep = sgramcounter_rep & cgramcounter_rep
    keep_good = keep_rep & rgramcounter
    keep_all = sgramcounter_rep & rgramcounter
    keep_p = sum(keep_good[g] / keep_rep[g] for g in keep_rep) / len(keep_rep) if keep_rep else 1.0
    keep_r = sum(keep_good[g] for g in keep_rep) / sum(keep_all.values()) if keep_all else 1.0
    keep = 2 * keep_p * keep_r / (keep_p + keep_r) if keep_p + keep_r > 0 else 0.0

    # DELETE: precision only (the reference's choice: recall over-rewards deleting everything)
    del_rep = sgramcounter_rep - cgramcounter_rep
    del_good = del_rep - rgramcounter
    del_p = sum(del_good[g] / del_rep[g] for g in del_rep) / len(del_rep) if del_rep else 1.0

    # ADD: new n-grams of the output that some reference also adds
    add = set(cgramcounter) - set(sgramcounter_rep)
    add_good = add & set(rgramcounter)
    add_all = set(rgramcounter) - set(sgramcounter_rep)
    add_p = len(add_good) / len(add) if add else 1.0
    add_r = len(add_good) / len(add_all) if add_all else 1.0
    add_f = 2 * add_p * add_r / (add_p + add_r) if add_p + add_r > 0 else 0.0
    return keep, del_p, add_f


def sari_sentence(source: str, prediction: str, references: list[str]) -> float:
    """SARI of one output against its source and references, 0-100."""
    s, c, rs = _tokens(source), _tokens(prediction), [_tokens(r) for r in references]
    keeps, dels, adds = [], [], []
    for n in range(1, 5):
        k, d, a = _sari_ngram(_ngrams(s, n), _ngrams(c, n), [_ngrams(r, n) for r in rs], len(rs))
        keeps.append(k)
        dels.append(d)
        adds.append(a)
    return 100 * (fmean(keeps) + fmean(dels) + fmean(adds)) / 3


def sari(sources: list[str], predictions: list[str], references: list[list[str]]) -> float:
    """Mean sentence SARI, 0-100."""
    if not (len(sources) == len(predictions) == len(references)):
        raise ValueError("sources, predictions and references must have the same length")
    return fmean(sari_sentence(s, p, r) for s, p, r in zip(sources, predictions, references)) if sources else 0.0
