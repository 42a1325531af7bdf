"""The default reader on ONNX Runtime in float32 vs its int8 export (onnxruntime's
quantize_dynamic, one scale per tensor, as `quantize=True` builds it) and vs int8 with one scale
per output channel (`--per-channel`, built here from a float32 export), same questions, same answer policy and shipped threshold (nothing tuned): F1,
answers with F1 = 0 among those given (confidently wrong), abstentions on answerable questions
(refused), and seconds. Decides whether int8 may serve the default: issue 29's extract speed.

    python benchmarks/reader_int8.py [--max-per-file N] [--per-channel] SPEC [SPEC ...]

SPEC is what `clinqa eval qa --data` takes (FILE, FILE#heldout). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def per_channel_session(reader, folder: Path):
    """int8 with a scale per output channel, quantised from a plain float32 export (its tables not
    halved: quantize_dynamic reads float32 graphs)."""
    import clinqa.models.onnx as mo
    from clinqa.qa.onnx import OnnxForward, export
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep, mo.half_tables = mo.half_tables, lambda path: []
    try:
        export(reader.model, folder, quantize=False)
    finally:
        mo.half_tables = keep
    out = folder / "model.int8.per_channel.onnx"
    quantize_dynamic(str(folder / "model.onnx"), str(out), weight_type=QuantType.QInt8, per_channel=True)
    return OnnxForward(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-per-file", type=int)
    ap.add_argument("--per-channel", action="store_true", help="also int8 with per-channel scales")
    args = ap.parse_args()
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.routing import load_answerer

    out: dict = {}
    variants = [("float32", False), ("int8", True)] + ([("int8_per_channel", "per_channel")] if args.per_channel else [])
    with tempfile.TemporaryDirectory() as tmp:
        for precision, quantize in variants:
            if quantize == "per_channel":
                reader = load_answerer(args.model, backend="onnx", quantize=False)
                reader.onnx = per_channel_session(reader, Path(tmp))
            else:
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
        for v in row.copy():
            if v != "float32":
                row[f"f1_{v}_minus_float32"] = round(row[v]["f1"] - row["float32"]["f1"], 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
