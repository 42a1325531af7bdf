"""`extract --workers N` (extract/pool.py): worker processes write the rows one process writes,
an error inside a worker is one line with the usual exit code, and a worker killed mid-run loses
no committed chunk (--resume completes the same table)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.extract.conftest import extract_cmd

ROOT = Path(__file__).resolve().parents[2]


def _run(cmd, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_worker_processes_write_the_rows_one_process_writes(tiny_qa, corpus, tmp_path):
    import pyarrow.parquet as pq

    f, q = corpus
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    r = _run(extract_cmd(tiny_qa, f, q, one, "--workers", "1"))
    assert r.returncode == 0, r.stderr
    r = _run(extract_cmd(tiny_qa, f, q, two, "--workers", "2"))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["workers"] == 2 and doc["notes"] == 23 and len(doc["skipped"]) == 1  # the empty note, as alone
    assert pq.read_table(one).to_pylist() == pq.read_table(two).to_pylist()


def test_a_model_a_worker_cannot_load_is_one_line_and_exit_2(corpus, tmp_path):
    # the folder passes the parent's checks (it has a config.json); loading fails in the workers
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    f, q = corpus
    r = _run(extract_cmd(broken, f, q, tmp_path / "o.parquet", "--workers", "2"))
    assert r.returncode == 2, r.stderr
    assert "broken-model" in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def _workers(pid: int) -> list[int]:
    """The pool's worker processes among `pid`'s children (not multiprocessing's resource tracker)."""
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    out = []
    for k in kids:
        try:
            cmd = Path(f"/proc/{k}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"spawn_main" in cmd:
            out.append(int(k))
    return out


def test_a_killed_worker_stops_the_run_and_resume_completes_it(tiny_qa, tmp_path):
    import pyarrow.parquet as pq

    f = tmp_path / "corpus.jsonl"
    f.write_text("".join(json.dumps({"id": f"n{i:03d}", "text": f"admitted with chest pain . potassium 3.{i % 10} low"
                                     f" . metoprolol {i + 1} mg daily"}) + "\n" for i in range(160)))
    q = tmp_path / "q.yaml"
    q.write_text("id: t\nconcepts:\n  - id: k\n    questions: [what was the potassium]\n    answer_type: number\n"
                 "  - id: pain\n    questions: [chest pain]\n    answer_type: yes_no\n")
    full = tmp_path / "full.parquet"
    assert _run(extract_cmd(tiny_qa, f, q, full, "--workers", "1")).returncode == 0

    out = tmp_path / "killed.parquet"
    progress = out.with_name(out.name + ".parts") / "progress.json"
    proc = subprocess.Popen(extract_cmd(tiny_qa, f, q, out, "--workers", "2"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 240
    while time.time() < deadline and not (progress.exists() and json.loads(progress.read_text())["notes_done"] >= 4):
        time.sleep(0.02)
    victims = _workers(proc.pid)
    assert victims, "no worker process found"
    os.kill(victims[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "worker process ended" in err and "--resume" in err and "Traceback" not in err
    assert not out.exists() and 0 < json.loads(progress.read_text())["notes_done"] < 160
    for pid in victims[1:]:  # the other workers were stopped with the run, not left behind
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    r = _run(extract_cmd(tiny_qa, f, q, out, "--workers", "2", "--resume"))
    assert r.returncode == 0, r.stderr
    assert pq.read_table(full).to_pylist() == pq.read_table(out).to_pylist()
