"""The reader's clinical training file (benchmarks/building_qa.py): span and unanswerable
questions of the building sets only; no verdict question, no trap field, and none of the sets that
measure the reader (the original dev set, dev10 and later, the held-out sets)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from clinqa.data import read_squad

ROOT = Path(__file__).resolve().parents[2]


def _module():
    spec = importlib.util.spec_from_file_location("building_qa", ROOT / "benchmarks" / "building_qa.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_only_span_and_unanswerable_questions_of_the_named_sets(tmp_path):
    mod = _module()
    assert all("clinical_dev" in s and not s.startswith(("clinical_dev/", "clinical_dev1")) for s in mod.DEFAULT_SETS)
    path = ROOT / "benchmarks" / "data" / "clinical_dev2" / "dev2.json"
    data = mod.building_questions([path])
    qs = [q for a in data["data"] for p in a["paragraphs"] for q in p["qas"]]
    source = [q for a in json.loads(path.read_text())["data"] for p in a["paragraphs"] for q in p["qas"]]
    assert len(qs) == sum(1 for q in source if not q.get("verdict")) > 0
    assert not any(q.get("verdict") or "trap" in q for q in qs)
    out = tmp_path / "train.json"
    out.write_text(json.dumps(data))
    examples = list(read_squad(out))  # the trainer's reader takes it
    assert len(examples) == len(qs) and any(ex.is_impossible for ex in examples)
