"""The default reader on ONNX Runtime in float32 vs its int8 export (onnxruntime's
quantize_dynamic), same questions, same answer policy and shipped threshold (nothing tuned): F1,
answers with F1 = 0 among those given (confidently wrong), abstentions on answerable questions
(refused), and seconds. Decides whether int8 may serve the default: issue 29's extract speed.

    python benchmarks/reader_int8.py [--max-per-file N] SPEC [SPEC ...]

SPEC is what `clinqa eval qa --data` takes (FILE, FILE#heldout). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-per-file", type=int)
    args = ap.parse_args()
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.routing import load_answerer

    out: dict = {}
    for precision, quantize in (("float32", False), ("int8", True)):
        reader = load_answerer(args.model, backend="onnx", quantize=quantize)
        for spec in args.specs:
            exs = read_qa_spec(spec)[: args.max_per_file or None]
            t = time.perf_counter()
            ev = evaluate_reader(reader, exs, tune_null=False)
            a = ev.abstention
            answerable = sum(1 for e in exs if not e.is_impossible)
            refused = a.get("abstained", 0) - (a.get("on_unanswerable") or 0)
            out.setdefault(spec, {})[precision] = {
                "questions": len(exs), "f1": round(ev.squad.f1, 2), "exact": round(ev.squad.exact, 2),
                "confidently_wrong_pct": a.get("confidently_wrong"),
                "refused_answerable_pct": round(100 * refused / answerable, 2) if answerable else None,
                "false_yes": (ev.verdicts or {}).get("yes_for_not_present"), "seconds": round(time.perf_counter() - t, 1)}
    for spec, row in out.items():
        row["f1_int8_minus_float32"] = round(row["int8"]["f1"] - row["float32"]["f1"], 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
