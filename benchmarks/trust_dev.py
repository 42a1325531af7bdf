"""Trust logic on the clinical dev set: the reader's raw top-1 span ("before", what `ask` and
`eval qa` returned until the answer policy) against the answer policy ("after"), from the same
reader outputs.

The abstention threshold is scored honestly with 2-fold cross-validation by note (a hash of the
note id picks the fold): tuned on one fold's questions, scored on the other's, and vice versa;
`--save-calibration` writes the threshold tuned on all of the dev set (what ships).

    python benchmarks/trust_dev.py --data benchmarks/data/clinical_dev/clinical_dev.json \
        [--model clinqa-qa-minilm] [--cache runs/trust-reader-cache.pkl] [--save-calibration DIR]

"before" yes/no verdicts use the rule extraction had ("no" if the top span's ConText assertion
is negated, else "yes"). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


class CachedReader:
    """The reader, with its raw outputs kept on disk so "before" and "after" read the same ones
    (and a re-run costs no forward pass)."""

    def __init__(self, model: str, cache: str | None):
        from clinqa.qa.reader import ExtractiveReader

        self.reader = ExtractiveReader.load(model)
        self.name, self.null_threshold, self.categories = self.reader.name, None, self.reader.categories
        self.path = cache
        self.cache = pickle.load(open(cache, "rb")) if cache and os.path.exists(cache) else {}

    def answer_many(self, pairs, top_k=1, sentences=None, with_context=True, apply_threshold=True):
        missing = [p for p in pairs if (p[0].id, p[1]) not in self.cache]
        if missing:
            outs = self.reader.answer_many(missing, top_k=max(top_k, 10), with_context=False, apply_threshold=False)
            self.cache.update({(p[0].id, p[1]): o for p, o in zip(missing, outs)})
            if self.path:
                with open(self.path, "wb") as f:
                    pickle.dump(self.cache, f)
        return [self.cache[(p[0].id, p[1])] for p in pairs]


def fold(note_id: str) -> int:
    return int(hashlib.sha1(("clinqa-trust:" + note_id).encode()).hexdigest()[:8], 16) % 2


def main() -> None:
    from clinqa.data.splits import read_qa_spec
    from clinqa.evaluate.classification import category_report
    from clinqa.evaluate.squad import squad_scores
    from clinqa.qa.categories import LABELS
    from clinqa.qa.evaluation import _by_answer_type, evaluate_reader
    from clinqa.qa.policy import AnswerPolicy, Calibration, tune_min_score
    from clinqa.text.assertion import assert_spans

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="benchmarks/data/clinical_dev/clinical_dev.json")
    ap.add_argument("--model", default="clinqa-qa-minilm")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--save-calibration", default=None)
    args = ap.parse_args()

    exs = read_qa_spec(args.data)
    reader = CachedReader(args.model, args.cache)
    golds = {e.id: [a.text for a in e.answers] for e in exs}

    # ---- before: raw top-1 span, category head, extraction's old yes/no rule
    raw = {e.id: reader.answer_many([(e.note, e.question)])[0] for e in exs}
    before_pred = {e.id: raw[e.id].answers[0].text or "" for e in exs}
    before = squad_scores(golds, before_pred)
    before_verdict = {}
    for e in exs:
        a = raw[e.id].answers[0]
        if e.verdict and a.text:
            before_verdict[e.id] = "no" if assert_spans(e.note.text, [(a.start, a.end)])[0] == "negated" else "yes"
    gc = [(e.category, raw[e.id].answers[0].category) for e in exs if e.answers and raw[e.id].answers[0].category]
    before_cat = category_report([g for g, _ in gc], [p for _, p in gc], list(LABELS)) if gc else None

    # ---- after: the answer policy, no threshold first
    ev = evaluate_reader(reader, exs, tune_null=False, policy=AnswerPolicy(Calibration()))
    after_text = {r["id"]: r["prediction"] for r in ev.predictions}
    ids = [e.id for e in exs]
    by_note = {e.id: e.note.id for e in exs}

    def gated(threshold_by_id):
        return {i: ("" if ev.gate[i][0] < threshold_by_id[i] else after_text[i]) for i in ids}

    thresholds = {}
    for k in (0, 1):
        train = [i for i in ids if fold(by_note[i]) != k]
        t, _ = tune_min_score([ev.gate[i][0] for i in train], [ev.gate[i][1] for i in train],
                              [ev.gate[i][2] for i in train])
        thresholds[k] = t
    cv_pred = gated({i: thresholds[fold(by_note[i])] for i in ids})
    cv = squad_scores(golds, cv_pred)
    t_all, _ = tune_min_score([ev.gate[i][0] for i in ids], [ev.gate[i][1] for i in ids], [ev.gate[i][2] for i in ids])

    def verdict_table(pred: dict[str, str | None]) -> dict:
        rows = [(e.verdict, pred.get(e.id)) for e in exs if e.verdict]
        right = sum(g == p for g, p in rows)
        abst = sum(p in (None, "uncertain", "not_mentioned") and g != p for g, p in rows)
        return {"questions": len(rows), "right": right, "abstained": abst, "wrong": len(rows) - right - abst,
                "yes_for_not_present": sum(p == "yes" and g != "yes" for g, p in rows)}

    after_verdict = {r["id"]: r["verdict"] for r in ev.predictions}
    decisions_like = [(i, _Stub(r)) for i, r in enumerate(ev.predictions)]
    result = {
        "data": args.data, "model": args.model, "questions": len(exs),
        "before": {"squad": before.to_dict(), "verdicts": verdict_table(before_verdict),
                   "by_answer_type": _by_answer_type(exs, decisions_like, before_pred, before),
                   "category": before_cat and {k: before_cat[k] for k in ("accuracy", "macro_f1")}},
        "after_no_threshold": {"squad": ev.squad.to_dict()},
        "after_cv": {"squad": cv.to_dict(), "thresholds": thresholds,
                     "by_answer_type": _by_answer_type(exs, decisions_like, cv_pred, cv),
                     "verdicts": verdict_table(after_verdict),
                     "abstained": sum(1 for v in cv_pred.values() if not v)},
        "category_after": ev.category and {k: ev.category[k] for k in ("accuracy", "macro_f1")},
        "threshold_all": t_all,
    }
    if args.save_calibration:
        cal = Calibration(min_score=t_all, source=f"tuned on {args.data} (all {len(exs)} questions; "
                                                  f"2-fold CV by note F1 {cv.f1:.2f})",
                          tuned={"questions": len(exs), "cv_f1": cv.f1, "fold_thresholds": thresholds})
        result["calibration_file"] = str(cal.save(args.save_calibration))
    print(json.dumps(result, indent=1))


class _Stub:
    """`_by_answer_type` reads the question's asked answer type from a decision."""

    def __init__(self, record):
        from types import SimpleNamespace

        self.asked = SimpleNamespace(answer_type=record["answer_type"])


if __name__ == "__main__":
    main()
