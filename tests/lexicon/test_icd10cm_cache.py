"""The ICD-10-CM walk and the views derived from it are kept in the cache folder: a second process
reads them instead of importing simple-icd-10-cm (3.5 s) and deriving them again, and gets the
same categories, terms and coding names; a damaged file is built again."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import hashlib, json, sys
from clinqa.lexicon.icd10cm import categories, coding_index, icd10_code, label_terms
cats = categories()
views = (cats, list(label_terms().items()), list(coding_index().items()))
print(json.dumps({"n": len(cats), "digest": hashlib.sha1(repr(views).encode()).hexdigest(),
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
    assert len(list((tmp_path / "vocabularies").glob("icd10cm-*.json"))) == 3  # the walk, terms, coding names
    second = _run(tmp_path)
    assert not second["imported"]
    assert (second["n"], second["digest"], second["code"]) == (first["n"], first["digest"], first["code"])
    files[0].write_text('[["A00", "Cholera"', encoding="utf-8")  # cut short
    third = _run(tmp_path)
    assert third["imported"] and third["digest"] == first["digest"]
    assert len(json.loads(files[0].read_text(encoding="utf-8"))) == first["n"]
