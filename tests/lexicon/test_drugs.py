"""clinqa's reading of the drug lexicon finds what drug-named-entity-recognition's find_drugs
finds (exact matching), at the same tokens, with the same names and codes."""

from __future__ import annotations

import re
from pathlib import Path

from clinqa.lexicon.drugs import find_drugs

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")
KEYS = ("name", "generic_names", "drugbank_id", "mesh_id", "medline_plus_id")


def _texts():
    for folder in ("examples", "benchmarks/data/clinical_dev/notes", "benchmarks/data/clinical_heldout/notes",
                   "tests/fixtures"):
        for p in sorted((ROOT / folder).rglob("*")):
            if p.suffix in (".txt", ".jsonl", ".json") and p.stat().st_size < 2_000_000:
                yield p.read_text(encoding="utf-8", errors="replace")


def _view(hits):
    return [(i, j, tuple(str(d.get(k)) for k in KEYS), d.get("matching_string")) for d, i, j in hits]


def test_same_drugs_as_the_package_on_every_note():
    from drug_named_entity_recognition import find_drugs as package_find

    n = found = 0
    for text in _texts():
        for line in text.splitlines():
            tokens = TOKEN.findall(line)
            if not tokens:
                continue
            ours, theirs = _view(find_drugs(tokens)), _view(package_find(tokens))
            assert ours == theirs, line
            n += 1
            found += len(ours)
    assert n > 1000 and found > 300  # the comparison saw many lines and many drugs


def test_two_word_names_win_over_their_words():
    hits = find_drugs("started insulin glargine 10 units".split())
    assert any(j - i == 2 and d["matching_string"] == "insulin glargine" for d, i, j in hits)
    assert not any(j - i == 1 and i in (1, 2) for d, i, j in hits)


def test_reading_the_lexicon_does_not_import_the_package():
    import subprocess
    import sys

    probe = ("import sys; from clinqa.lexicon.drugs import find_drugs; "
             "print(find_drugs(['metoprolol'])[0][0]['name'], 'drug_named_entity_recognition' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Metoprolol", "False"]


def test_the_tables_are_kept_decompressed_and_a_damaged_copy_is_read_again(tmp_path, monkeypatch):
    import bz2
    import importlib.util
    import pickle

    from clinqa.lexicon import drugs

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    drugs._tables.cache_clear()
    try:
        first = drugs._tables()
        kept = list((tmp_path / "vocabularies").glob("drugs-*.marshal"))
        assert len(kept) == 1
        monkeypatch.setattr(bz2, "open", None)  # the second read must not decompress the package's file
        drugs._tables.cache_clear()
        assert drugs._tables() == first
        monkeypatch.undo()
        monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
        kept[0].write_bytes(kept[0].read_bytes()[:1000])  # cut short
        drugs._tables.cache_clear()
        again = drugs._tables()
        assert again == first and len(kept[0].read_bytes()) > 1000
        folder = next(iter(importlib.util.find_spec(drugs.PACKAGE).submodule_search_locations))
        with bz2.open(Path(folder) / drugs.DATA_FILE, "rb") as f:
            d = pickle.load(f)  # noqa: S301 - the installed package's data file
        assert again == tuple(d[k] for k in drugs.KEYS)  # the kept copy is the package's data
    finally:
        drugs._tables.cache_clear()
