"""The ICD-10-CM walk is kept in the cache folder: a second process reads it instead of importing
simple-icd-10-cm (3.5 s), and gets the same categories; a damaged file is walked again."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import hashlib, json, sys
from clinqa.lexicon.icd10cm import categories, icd10_code
cats = categories()
print(json.dumps({"n": len(cats), "digest": hashlib.sha1(repr(cats).encode()).hexdigest(),
                  "imported": "simple_icd_10_cm" in sys.modules, "code": icd10_code("community acquired pneumonia")}))
"""


def _run(cache) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "CLINQA_CACHE": str(cache)})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_the_walk_is_cached_and_read_back_the_same(tmp_path):
    first = _run(tmp_path)
    files = list((tmp_path / "vocabularies").glob("icd10cm-categories-*.json"))
    assert first["imported"] and len(files) == 1 and first["n"] > 90_000
    second = _run(tmp_path)
    assert not second["imported"]
    assert (second["n"], second["digest"], second["code"]) == (first["n"], first["digest"], first["code"])
    files[0].write_text('[["A00", "Cholera"', encoding="utf-8")  # cut short
    third = _run(tmp_path)
    assert third["imported"] and third["digest"] == first["digest"]
    assert len(json.loads(files[0].read_text(encoding="utf-8"))) == first["n"]
