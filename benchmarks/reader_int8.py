"""The default reader on ONNX Runtime in float32 vs its int8 export (models/onnx.py
`quantize_int8`: one scale per output channel, the MatMuls whose inputs carry outlier channels
kept float32; what `"precision": "int8"` in clinqa_reading.json runs), and with `--plain` vs
onnxruntime's `quantize_dynamic` defaults (every MatMul, one scale per tensor: the earlier
recipe), same questions, same answer policy and shipped threshold (nothing tuned): F1, answers
with F1 = 0 among those given (confidently wrong), abstentions on answerable questions (refused),
false "yes", and seconds. Decides the packaged reader's precision: issue 29's extract speed.

    python benchmarks/reader_int8.py [--max-per-file N] [--plain] SPEC [SPEC ...]

SPEC is what `clinqa eval qa --data` takes (FILE, FILE#heldout). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def plain_session(reader, folder: Path):
    """int8 as onnxruntime's quantize_dynamic makes it by default, from the float32 export."""
    from clinqa.qa.onnx import OnnxForward
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = folder / "model.int8.plain.onnx"
    quantize_dynamic(str(reader.onnx.path), str(out), weight_type=QuantType.QInt8)
    return OnnxForward(out)


def scores(exs, ev) -> dict:
    """F1 and EM with the failure rates beside them: answers with F1 = 0 among those given
    (confidently wrong), abstentions on answerable questions (refused), false "yes"."""
    a = ev.abstention
    answerable = sum(1 for e in exs if not e.is_impossible)
    refused = a.get("abstained", 0) - (a.get("on_unanswerable") or 0)
    return {"questions": len(exs), "f1": round(ev.squad.f1, 2), "exact": round(ev.squad.exact, 2),
            "confidently_wrong_pct": a.get("confidently_wrong"),
            "refused_answerable_pct": round(100 * refused / answerable, 2) if answerable else None,
            "false_yes": (ev.verdicts or {}).get("yes_for_not_present")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-per-file", type=int)
    ap.add_argument("--plain", action="store_true", help="also quantize_dynamic's defaults (every MatMul, per tensor)")
    args = ap.parse_args()
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.routing import load_answerer

    out: dict = {}
    variants = ["float32", "int8"] + (["int8_plain"] if args.plain else [])
    with tempfile.TemporaryDirectory() as tmp:
        for precision in variants:
            reader = load_answerer(args.model, backend="onnx", precision="float32" if precision == "int8_plain" else precision)
            if precision == "int8_plain":
                reader.onnx = plain_session(reader, Path(tmp))
            for spec in args.specs:
                exs = read_qa_spec(spec)[: args.max_per_file or None]
                t = time.perf_counter()
                ev = evaluate_reader(reader, exs, tune_null=False)
                out.setdefault(spec, {})[precision] = {**scores(exs, ev), "seconds": round(time.perf_counter() - t, 1)}
    for spec, row in out.items():
        for v in row.copy():
            if v != "float32":
                row[f"f1_{v}_minus_float32"] = round(row[v]["f1"] - row["float32"]["f1"], 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
