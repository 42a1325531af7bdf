"""`clinqa parse`: the clinical document, the medication reconciliation and the trends, with
offsets into the note, as one JSON document; a bad file is exit 2."""

import json

from tests.cli.test_main import run_json
from tests.files import FIXTURES


def test_parse_json_has_the_document_and_both_views(capsys):
    path = FIXTURES / "document_note.txt"
    text = path.read_text(encoding="utf-8")
    code, cap = run_json(["parse", "--note", str(path), "--json"], capsys)
    assert code == 0
    out = json.loads(cap.out)
    doc = out["document"]
    assert doc["kind"] == "discharge_summary"
    for e in doc["events"]:
        assert text[e["subject_start"]:e["subject_end"]] == e["subject"]
    rec = {r["drug"]: r for r in out["medication_reconciliation"]}
    assert rec["naproxen"]["status"] == "stopped" and rec["naproxen"]["reason"] == "the ulcer"
    hgb = next(t for t in out["trends"] if t["name"] == "hemoglobin")
    assert [v["value"] for v in hgb["values"]] == ["7.1", "6.6", "8.0", "8.9"]
    assert all(text[v["start"]:v["end"]] == v["value"] for v in hgb["values"])


def test_parse_of_a_missing_file_is_bad_input(capsys, tmp_path):
    code, cap = run_json(["parse", "--note", str(tmp_path / "none.txt"), "--json"], capsys)
    assert code == 2 and "error" in json.loads(cap.out)
