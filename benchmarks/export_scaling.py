"""Export scaling: time and peak RSS of `clinqa export fhir` (NDJSON) and `clinqa export graph`
(N-Quads) on a synthetic extraction table of 1k vs 10k notes, in one run.

No model is needed: the table is made of rows shaped like `clinqa extract`'s (spans, yes/no,
numbers, dates, ICD-10-CM and drug codes, negations, no-answers). Each export runs in its own
process so that its peak RSS is its own. Memory flat in corpus size means the 10k peak is close
to the 1k peak while time grows ~10x.

    .venv/bin/python benchmarks/export_scaling.py [--small 1000] [--large 10000] [--concepts 12]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONCEPTS = [  # (concept, answer_type, code_system, answer, code, display, assertion, value, number, unit)
    ("principal_diagnosis", "span", "icd10cm", "pleural effusion", "J90", "Pleural effusion, NEC", "present", None, None, None),
    ("secondary_diagnoses", "span", "icd10cm", "atrial fibrillation", "I48.91", "Unspecified atrial fibrillation", "present", None, None, None),
    ("past_medical_history", "span", "icd10cm", "no history of pneumonia", "J18.9", "Pneumonia, unspecified organism", "negated", None, None, None),
    ("discharge_medications", "span", "drug", "apixaban 5 mg", "DB06605", "Apixaban", "present", None, None, None),
    ("allergies", "span", "drug", "penicillin", "DB01053", "Benzylpenicillin", "present", None, None, None),
    ("fever", "yes_no", None, "denies fever", None, None, "negated", "no", None, None),
    ("chest_pain", "yes_no", None, "chest pain", None, None, "present", "yes", None, None),
    ("potassium", "number", None, "4.4 mmol/L", None, None, "present", "4.4 mmol/L", 4.4, "mmol/L"),
    ("heart_rate", "number", None, "HR 118", None, None, "present", "118", 118.0, None),
    ("admission_date", "date", None, "2102-6-11", None, None, "present", "2102-06-11", None, None),
    ("chief_complaint", "span", None, "shortness of breath", None, None, "present", None, None, None),
    ("follow_up", "span", None, None, None, None, None, None, None, None),
]


def make_table(path: Path, notes: int, concepts: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from clinqa.extract.rows import schema

    with pq.ParquetWriter(path, schema()) as w:
        for lo in range(0, notes, 1000):
            rows = []
            for n in range(lo, min(notes, lo + 1000)):
                for i, (cid, atype, system, answer, code, disp, assertion, value, number, unit) in \
                        enumerate(CONCEPTS[:concepts]):
                    start = 40 * i + (n % 7)
                    rows.append({"note_id": f"note-{n:06d}", "concept_id": cid, "question": f"What about {cid}?",
                                 "answer": answer, "start": start if answer else -1,
                                 "end": start + len(answer) if answer else -1, "score": 0.5 + (n % 50) / 100,
                                 "category": None, "assertion": assertion, "sentence_id": f"s{i}" if answer else None,
                                 "answer_type": atype, "value": value or answer, "value_number": number, "unit": unit,
                                 "code": code, "code_system": system if code else None, "code_display": disp,
                                 "model": "synthetic"})
            w.write_table(pa.Table.from_pylist(rows, schema=schema()))


CHILD = r"""
import json, resource, sys, time
from clinqa.export.rows import iter_note_facts
kind, table, out = sys.argv[1:4]
t = time.perf_counter()
if kind == "fhir":
    from clinqa.export.fhir import RESOURCES, write_fhir
    r = write_fhir(iter_note_facts([table]), out, resources=RESOURCES)
else:
    from clinqa.export.graph import write_graph
    r = write_graph(iter_note_facts([table]), out, "nq")
r = {"seconds": time.perf_counter() - t, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
     "bytes": __import__("os").path.getsize(out)}
print(json.dumps(r))
"""


def run(kind: str, table: Path, out: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, kind, str(table), str(out)], capture_output=True, text=True)
    if p.returncode:
        sys.exit(p.stderr)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--concepts", type=int, default=len(CONCEPTS), help=f"concepts per note (at most {len(CONCEPTS)})")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            table = Path(tmp) / f"rows-{n}.parquet"
            t = time.perf_counter()
            make_table(table, n, args.concepts)
            print(f"{n} notes x {args.concepts} concepts: table made in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            for kind, suffix in (("fhir", ".ndjson"), ("graph", ".nq")):
                r = run(kind, table, Path(tmp) / f"out-{n}{suffix}")
                results[f"{kind} {n}"] = r
                print(f"  {kind:5s} {n:>6} notes: {r['seconds']:7.1f} s, {n / r['seconds']:7.1f} notes/s, "
                      f"peak RSS {r['peak_rss_mb']:6.0f} MB, output {r['bytes'] / 1e6:7.1f} MB", file=sys.stderr)
    ratios = {kind: {"time_ratio": round(results[f"{kind} {args.large}"]["seconds"] / results[f"{kind} {args.small}"]["seconds"], 2),
                     "rss_ratio": round(results[f"{kind} {args.large}"]["peak_rss_mb"] / results[f"{kind} {args.small}"]["peak_rss_mb"], 3)}
              for kind in ("fhir", "graph")}
    print(json.dumps({"notes": [args.small, args.large], "concepts": args.concepts, "results": results,
                      f"{args.large} vs {args.small}": ratios}, indent=2))


if __name__ == "__main__":
    main()
