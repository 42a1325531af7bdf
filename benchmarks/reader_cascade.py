"""The reader's window cascade on the dev sets: read the best-ranked FIRST windows of the top N
first, and the rest only when the best span there is less likely than P, against reading all N
at once; same questions, same answer policy and shipped threshold. Chose `window_first_n` and
`window_confident` in the packaged reader's clinqa_reading.json (dev sets only; the held-out set
is scored once, with the chosen setting).

    python benchmarks/reader_cascade.py [--settings none,0.3:1,0.5:1,0.5:2] [--top-n N] [--max-per-file N] SPEC...

CLINQA_PRECISION=float32|int8 picks the graph (default: the model folder's).

A setting is P:FIRST (FIRST defaults to 2) or `none` (all N at once). SPEC is what `clinqa eval
qa --data` takes. Prints one JSON document: per setting and SPEC, F1 and EM, confidently wrong
(answers with F1 = 0 among those given), refused answerable, false "yes", windows read and seconds.
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-per-file", type=int, help="score only the first N questions of each SPEC")
    ap.add_argument("--top-n", type=int, help="the top N windows (default: the model folder's)")
    ap.add_argument("--settings", default="none,0.2:1,0.3:1,0.4:1,0.5:1,0.6:1,0.8:1,0.5:2,0.7:2")
    args = ap.parse_args()
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.routing import load_answerer
    from reader_int8 import scores  # benchmarks/: the same row of F1 and failure rates

    reader = load_answerer(args.model, **({"window_top_n": args.top_n} if args.top_n else {}))
    run, read = reader._run, [0]

    def counting(windows):  # windows through the model, whichever stage reads them
        read[0] += len(windows)
        return run(windows)

    reader._run = counting
    out: dict = {"model": reader.name, "precision": reader.precision, "window_top_n": reader.window_top_n}
    for setting in args.settings.split(","):
        p, _, first = setting.partition(":")
        reader.window_confident = None if p == "none" else float(p)
        reader.window_first_n = int(first or 2)
        for spec in args.specs:
            exs = read_qa_spec(spec)[: args.max_per_file or None]
            read[0] = 0
            t = time.perf_counter()
            ev = evaluate_reader(reader, exs, tune_null=False)
            out.setdefault(setting, {})[spec] = {**scores(exs, ev), "windows": read[0],
                                                 "seconds": round(time.perf_counter() - t, 1)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
