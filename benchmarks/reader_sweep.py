"""The reader sweep (issue 28): window length, top-n windows and how they are ranked, base
model and abstention threshold, each scored through the answer policy on COVID-QA `#dev`, the
clinical dev set and the second author's held-out clinical set, side by side.

    .venv/bin/python benchmarks/reader_sweep.py [--models clinqa-qa-minilm,clinqa-qa-multilingual]
        [--window-tokens 128,192,256,384] [--top-n 0,4,8] [--rank bm25] [--covid-questions 124]
        [--out runs/reader-sweep]

Per configuration and data set it prints SQuAD v2 F1, abstention precision (abstentions on
unanswerable questions / all abstentions) and recall (unanswerable questions abstained on /
all unanswerable), the confidently-wrong rate (answered with F1 = 0 / answered) and the
reader's questions per second (model time only: the policy is the same for every row). Each
configuration is scored at three abstention thresholds:
  none     no score threshold (the policy's type and verdict gates only)
  shipped  the threshold stored next to the model (clinqa_calibration.json)
  dev      tuned on the dev sets, cross-fitted: COVID-QA #dev is scored with the threshold tuned on
           the clinical dev set and vice versa; the held-out set with one tuned on both
The held-out set is scored, never tuned on: the winner is chosen on the dev columns.

`--gates` adds, per answer type and per gate, how many of the policy's refusals threw away a
right raw answer (the reader's top span had F1 >= 0.5) and how many a wrong one (F1 = 0, or
the question has no answer), on the dev sets only.

Reader outputs are cached per configuration under --out, so a policy change is re-scored with
`--reuse` without running the model again.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DATA = {
    "covid-dev": f"{SHARED}/covid_qa/covid_qa.json#dev",
    "clinical-dev": str(ROOT / "benchmarks/data/clinical_dev/clinical_dev.json"),
    "clinical-heldout": str(ROOT / "benchmarks/data/clinical_heldout/heldout.json"),
}
DEV_SETS = ("covid-dev", "clinical-dev")


class Recorder:
    """A reader that remembers its raw outputs (and can replay them) and its model time."""

    def __init__(self, reader, replay: dict | None = None):
        self._reader = reader
        self.outputs: dict[tuple[str, str], object] = dict(replay or {})
        self.replaying = replay is not None
        self.seconds = 0.0

    def __getattr__(self, name):
        return getattr(self._reader, name)

    def answer_many(self, pairs, **kw):
        if self.replaying:
            return [self.outputs[(n.id, q)] for n, q in pairs]
        t = time.perf_counter()
        outs = self._reader.answer_many(pairs, **kw)
        self.seconds += time.perf_counter() - t
        for (n, q), o in zip(pairs, outs):
            self.outputs[(n.id, q)] = o
        return outs


@dataclass
class Row:
    config: str
    data: str
    threshold: str
    min_score: float | None
    f1: float
    questions: int
    answered: int
    wrong: int
    abstained: int
    abstained_unanswerable: int
    unanswerable: int
    qps: float

    @property
    def abst_precision(self) -> float | None:
        return 100.0 * self.abstained_unanswerable / self.abstained if self.abstained else None

    @property
    def abst_recall(self) -> float | None:
        return 100.0 * self.abstained_unanswerable / self.unanswerable if self.unanswerable else None

    @property
    def wrong_rate(self) -> float:
        return 100.0 * self.wrong / self.answered if self.answered else 0.0


def score(gate: dict, t: float | None) -> dict:
    """Mean F1 and the failure counts at score threshold `t` (None: none) from the per-question
    (gate score, F1 if answered, answerable) the evaluation recorded."""
    n = answered = wrong = abstained = abst_un = un = 0
    total = 0.0
    for g, f1, answerable in gate.values():
        n += 1
        un += not answerable
        ans = g >= 0 and (t is None or g >= t)
        if ans:
            answered += 1
            wrong += f1 == 0
            total += f1 if answerable else 0.0
        else:
            abstained += 1
            abst_un += not answerable
            total += 0.0 if answerable else 1.0
    return {"f1": 100.0 * total / max(n, 1), "questions": n, "answered": answered, "wrong": wrong,
            "abstained": abstained, "abstained_unanswerable": abst_un, "unanswerable": un}


def classify(reason: str | None) -> str:
    """The policy gate a refusal came from, by its reason."""
    r = (reason or "").lower()
    if "under the calibrated threshold" in r or "under the threshold" in r:
        return "score threshold"
    if "no-answer score wins" in r:
        return "null score"
    if r.startswith("no answer of the asked type"):
        inner = r.split(":", 1)[1] if ":" in r else r
        if "negated" in inner:
            return "negated problem"
        if "found no span" in inner:
            return "no span"
        return "type check"
    if r.startswith("no value of") or "value" in r and "lab" in r:
        return "lab value"
    if "occurs in the note" in r or "names no concept" in r:
        return "verdict: concept not found"
    if "concept applies to" in r:
        return "note kind"
    return "other"


def gate_report(evals: dict[str, object], raw: dict[str, dict]) -> dict:
    """Per answer type and gate: refusals of a right raw answer vs of a wrong one."""
    from clinqa.evaluate.squad import f1_score

    out: dict[tuple[str, str], list[int]] = {}
    for data, ev in evals.items():
        for rec in ev.predictions:
            if rec["prediction"]:
                continue
            gold = [g for g in rec["gold"] if g]
            text = raw[data].get(rec["id"], "")
            raw_f1 = max((f1_score(text, g) for g in gold), default=0.0) if gold else 0.0
            if gold and not text:
                continue  # the reader itself had nothing: no gate refused anything
            key = (rec["answer_type"] or "span", classify(rec["reason"]))
            row = out.setdefault(key, [0, 0, 0])
            if gold and raw_f1 >= 0.5:
                row[0] += 1
            elif not gold or raw_f1 == 0:
                row[1] += 1
            else:
                row[2] += 1
    return {f"{t} / {g}": {"refused_right": r[0], "refused_wrong": r[1], "partly_right": r[2]}
            for (t, g), r in sorted(out.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="clinqa-qa-minilm,clinqa-qa-multilingual")
    ap.add_argument("--window-tokens", default="192,384")
    ap.add_argument("--top-n", default="0,4", help="0 reads every window")
    ap.add_argument("--rank", default="bm25", help="bm25, dense, hybrid (comma list; only with top-n > 0)")
    ap.add_argument("--data", default=",".join(DATA), help="which of " + ", ".join(DATA) +
                    ", or xquad-LANG (e.g. xquad-de,xquad-zh: the multilingual reader's sweep)")
    ap.add_argument("--covid-questions", type=int, default=124, help="first N COVID-QA #dev questions")
    ap.add_argument("--xquad-questions", type=int, default=0, help="first N questions of each xquad-XX set (0: all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "runs/reader-sweep"))
    ap.add_argument("--reuse", action="store_true", help="replay cached reader outputs (re-score a policy change)")
    ap.add_argument("--gates", action="store_true", help="report which gates refused right answers (dev sets)")
    args = ap.parse_args()

    from clinqa.runtime import configure_threads

    configure_threads(args.threads, force=True)
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.policy import AnswerPolicy, tune_min_score
    from clinqa.qa.reader import ExtractiveReader

    sets = {}
    for name in args.data.split(","):
        if name.startswith("xquad-"):  # the multilingual reader's sweep: XQuAD, one language each
            sets[name] = read_qa_spec(f"{SHARED}/xquad/xquad.{name[6:]}.json")[: args.xquad_questions or None]
            continue
        exs = read_qa_spec(DATA[name])
        sets[name] = exs[: args.covid_questions] if name == "covid-dev" else exs
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    gates: dict[str, dict] = {}
    for model in args.models.split(","):
        reader = ExtractiveReader.load(model)
        shipped = AnswerPolicy.for_reader(reader).calibration
        for tokens in [int(x) for x in args.window_tokens.split(",")]:
            for top in [int(x) for x in args.top_n.split(",")]:
                for rank in (args.rank.split(",") if top else ["bm25"]):
                    reader.max_length, reader.stride = min(tokens, 512), tokens // 4
                    reader.window_top_n, reader.window_rank = (top or None), rank
                    cfg = f"{Path(model).name} w{tokens} " + (f"top{top} {rank}" if top else "all")
                    cache = out_dir / (cfg.replace(" ", "_") + ".pkl")
                    cached = pickle.loads(cache.read_bytes()) if args.reuse and cache.is_file() else {}
                    policy = AnswerPolicy(replace(shipped, min_score=None), labeler=AnswerPolicy().labeler)
                    evals, gate_by, raw_by, secs = {}, {}, {}, {}
                    for name, exs in sets.items():
                        rec = Recorder(reader, cached.get(name, {}).get("outputs") if name in cached else None)
                        t0 = time.perf_counter()
                        ev = evaluate_reader(rec, exs, tune_null=False, policy=policy)
                        secs[name] = cached[name]["seconds"] if name in cached else rec.seconds
                        cached.setdefault(name, {"outputs": rec.outputs, "seconds": rec.seconds})
                        print(f"  {cfg} {name}: {len(exs)} q in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
                        evals[name], gate_by[name] = ev, ev.gate
                        raw_by[name] = {ex.id: (o.answers[0].text if o.answers and not o.answers[0].is_no_answer
                                                else "") or ""
                                        for ex in exs for o in [cached[name]["outputs"][(ex.note.id, ex.question)]]}
                    cache.write_bytes(pickle.dumps(cached))
                    def tuned(on: list[str]) -> float | None:
                        dev = [v for n in on if n in gate_by for v in gate_by[n].values()]
                        return tune_min_score([g for g, _, _ in dev], [f for _, f, _ in dev],
                                              [a for _, _, a in dev])[0] if dev else None

                    for label in ("none", "shipped", "dev"):
                        for name in sets:
                            # "dev": a dev set is scored with the threshold tuned on the *other* dev
                            # set (cross-fitted, never in-sample); every other set with both
                            t = None if label == "none" else shipped.min_score if label == "shipped" else \
                                tuned([n for n in DEV_SETS if n != name] if name in DEV_SETS else list(DEV_SETS))
                            s = score(gate_by[name], t)
                            rows.append(Row(cfg, name, label, t, qps=len(sets[name]) / max(secs[name], 1e-9), **s))
                    if args.gates:
                        gates[cfg] = gate_report({n: evals[n] for n in DEV_SETS if n in evals}, raw_by)
                    _print(rows[-3 * len(sets):])
                    xq = [n for n in sets if n.startswith("xquad-") and n != "xquad-en"]
                    for label in ("none", "shipped", "dev") if xq else ():
                        f1s = [r.f1 for r in rows if r.config == cfg and r.threshold == label and r.data in xq]
                        print(f"  {cfg} XQuAD non-en average ({len(xq)} languages), threshold {label}: "
                              f"{sum(f1s) / len(f1s):.2f}")
    (out_dir / "sweep.json").write_text(json.dumps({"rows": [dict(r.__dict__, abst_precision=r.abst_precision,
                                                                  abst_recall=r.abst_recall, wrong_rate=r.wrong_rate)
                                                             for r in rows], "gates": gates}, indent=1))
    print("\n# all rows")
    _print(rows)
    if gates:
        print("\n# refusals by gate (dev sets): right raw answer refused / wrong one refused / partly right")
        for cfg, g in gates.items():
            print(cfg)
            for k, v in g.items():
                print(f"  {k:50s} {v['refused_right']:4d} {v['refused_wrong']:4d} {v['partly_right']:4d}")


def _print(rows: list[Row]) -> None:
    def pct(x):
        return "   -" if x is None else f"{x:5.1f}"

    print(f"{'config':34s} {'data':17s} {'thr':8s} {'F1':>6s} {'abstP':>6s} {'abstR':>6s} {'wrong%':>6s} "
          f"{'answ':>5s} {'q/s':>6s}")
    for r in rows:
        print(f"{r.config:34s} {r.data:17s} {r.threshold:8s} {r.f1:6.2f} {pct(r.abst_precision):>6s} "
              f"{pct(r.abst_recall):>6s} {r.wrong_rate:6.1f} {r.answered:5d} {r.qps:6.2f}", flush=True)


if __name__ == "__main__":
    main()
