"""Time the clinical document's parse (segmentation + clinqa.document.build) as a note grows, and
a second question's parse on a cached note:

    python benchmarks/document_parse.py [--sizes 3000,300000,1500000,5000000]

Prints one JSON document: per size, seconds for segmenting and for the document, and the
seconds per million characters (flat = linear in length); `cached_s`: the cached parse.
The note is tests/fixtures/document_note.txt repeated (tables, trends, lists, events).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="3000,300000,1500000,5000000")
    a = ap.parse_args(argv)
    from clinqa.document import parse_document
    from clinqa.document.parse import build
    from clinqa.text import segment

    base = (ROOT / "tests" / "fixtures" / "document_note.txt").read_text(encoding="utf-8")
    build(base, "warm")  # drug lexicon, spaCy: loaded once per process
    rows = []
    for size in (int(x) for x in a.sizes.split(",")):
        text = (base * (size // len(base) + 1))[:size]
        t0 = time.perf_counter()
        sents = segment(text)
        t1 = time.perf_counter()
        doc = build(text, "n", sents)
        t2 = time.perf_counter()
        rows.append({"chars": size, "segment_s": round(t1 - t0, 3), "document_s": round(t2 - t1, 3),
                     "s_per_million_chars": round((t2 - t0) / size * 1e6, 2), "events": len(doc.events),
                     "measurements": len(doc.measurements)})
    parse_document(base, "a")
    t0 = time.perf_counter()
    parse_document(base, "b")
    cached = time.perf_counter() - t0
    json.dump({"sizes": rows, "cached_s": round(cached, 5)}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
