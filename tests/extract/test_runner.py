"""Answer normalisation, and batch extraction with kill-and-resume (questionnaires: tests/questionnaire/)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path


from clinqa.extract.normalize import drug_code, icd10_code, normalise, parse_date, parse_number
from clinqa.questionnaire import Concept
from clinqa.types import Answer
from tests.extract.conftest import extract_cmd as _cmd

ROOT = Path(__file__).resolve().parents[2]


def test_normalisers():
    assert parse_number("Potassium 3.2 mmol/L") == (3.2, "mmol/L")
    assert parse_number("WBC 14,000") == (14000.0, None)
    assert parse_number("no value") is None
    assert parse_date("[**2101-3-4**]") == "2101-03-04" and parse_date("March 4, 2101") == "2101-03-04"
    assert icd10_code("community-acquired pneumonia")[0] == "J18"
    assert icd10_code("type 2 diabetes mellitus")[0] == "E11"
    assert drug_code("metoprolol 25 mg")[0] == "DB00264"
    # Neither a residual category nor half of a name: "diabetes mellitus" is not E13 "Other
    # specified diabetes mellitus", "mediastinal contours" are not C85.2 (mediastinal lymphoma).
    assert icd10_code("diabetes mellitus tipo 2") is None
    assert icd10_code("The mediastinal contours are normal") is None
    assert icd10_code("mediastinal large B-cell lymphoma")[0] == "C85.2"
    assert icd10_code("acute kidney injury")[0] == "N17.9"  # not T14.9 "Unspecified injury"


def test_numbers_stay_whole_and_blood_pressure_is_a_ratio():
    # "138/82 mmHg" used to backtrack to 13 and be exported as "13 mmHg".
    assert parse_number("BP 138/82 mmHg") is None
    assert parse_number("dose 1,234.5 mg") == (1234.5, "mg")
    assert parse_number("seen 12/03/2020") is None
    bp = Concept(id="blood_pressure", questions={"en": ("What was the blood pressure?",)},
                 answer_type="number", category="Lab Reports")
    ans = Answer(text="138/82 mmHg", start=0, end=11, score=1.0, note_id="n")
    v = normalise(bp, ans)
    assert (v.value, v.number, v.unit) == ("138/82 mmHg", None, "mmHg")
    assert normalise(bp, Answer(text="BP 150/90", start=0, end=9, score=1.0, note_id="n")).value == "150/90"


def test_kill_and_resume_gives_the_same_table(tiny_qa, corpus, tmp_path):
    import pyarrow.parquet as pq

    f, q = corpus
    full = tmp_path / "full.parquet"
    r = subprocess.run(_cmd(tiny_qa, f, q, full), capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["notes"] == 23 and doc["rows"] == 23 * 3 and len(doc["skipped"]) == 1 and "n05" not in str(
        pq.read_table(full).column("note_id").to_pylist())

    out = tmp_path / "killed.parquet"
    progress = out.with_name(out.name + ".parts") / "progress.json"
    proc = subprocess.Popen(_cmd(tiny_qa, f, q, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.time() + 240
    while time.time() < deadline:
        if progress.exists() and json.loads(progress.read_text())["notes_done"] >= 6:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists() and progress.exists()
    done_before = json.loads(progress.read_text())["notes_done"]
    assert 0 < done_before < 23
    r = subprocess.run(_cmd(tiny_qa, f, q, out, "--resume"), capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    a, b = pq.read_table(full).to_pylist(), pq.read_table(out).to_pylist()
    assert a == b  # row for row: nothing lost, nothing twice
    assert len({(x["note_id"], x["concept_id"]) for x in b}) == len(b)


def test_extract_rows_carry_offsets_and_values(tiny_qa, corpus, tmp_path, capsys):
    import pyarrow.parquet as pq

    from clinqa.cli.main import main

    f, q = corpus
    out = tmp_path / "o.parquet"
    assert main(["extract", "-q", str(q), "-n", str(f), "-o", str(out), "--model", str(tiny_qa), "--json"]) == 0
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in f.read_text().splitlines()}
    for row in pq.read_table(out).to_pylist():
        if row["answer"] is not None:
            assert texts[row["note_id"]][row["start"]:row["end"]] == row["answer"]
        if row["concept_id"] == "pain" and row["answer"] is not None:
            assert row["value"] in ("yes", "no")
    html_file = tmp_path / "r.html"
    capsys.readouterr()
    assert main(["report", str(out), "--html", str(html_file), "--notes", str(f), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    page = html_file.read_text()
    assert rep["concepts"] == 3 and rep["notes_shown"] > 0 and "<mark" in page and "data:image/png;base64" in page
    assert main(["report", str(f), "--html", str(html_file)]) == 2  # a JSONL corpus is not a table
    # a second run without --resume refuses to overwrite
    capsys.readouterr()
    assert main(["extract", "-q", str(q), "-n", str(f), "-o", str(out), "--model", str(tiny_qa)]) == 2
    assert "exists" in capsys.readouterr().err


def test_output_folder_not_writable(tiny_qa, corpus, tmp_path, capsys):
    from clinqa.cli.main import main

    if os.geteuid() == 0:
        target = "/proc/clinqa-out/o.parquet"  # even root cannot create folders under /proc
    else:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        target = str(ro / "o.parquet")
    f, q = corpus
    assert main(["extract", "-q", str(q), "-n", str(f), "-o", target, "--model", str(tiny_qa)]) == 2
    assert "not writable" in capsys.readouterr().err


def test_ray_engine_writes_the_same_rows_as_local(tiny_qa, corpus, tmp_path):
    import pyarrow.parquet as pq

    f, q = corpus
    local, distributed = tmp_path / "local.parquet", tmp_path / "ray.parquet"
    r = subprocess.run(_cmd(tiny_qa, f, q, local), capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(_cmd(tiny_qa, f, q, distributed, "--engine", "ray", "--workers", "2"), capture_output=True,
                       text=True, cwd=ROOT, timeout=600, env={**os.environ, "RAY_DISABLE_USAGE_STATS": "1"})
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads(r.stdout)["engine"] == "ray"
    assert pq.read_table(local).to_pylist() == pq.read_table(distributed).to_pylist()
