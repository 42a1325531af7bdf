"""Crash- and race-safe outputs (clinqa.data.atomic): unique temporary names, one writer per
output, no temporary file left after a failure, SIGTERM, or (once the next run starts) SIGKILL.

The export under test reads its corpus from a named pipe that the test feeds, so it holds its
output's lock for as long as the test wants: no timing guesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from clinqa.data.atomic import atomic_text, output_lock
from clinqa.errors import DataError
from clinqa.export.fhir import iter_resources, write_fhir
from clinqa.export.rows import iter_note_facts
from clinqa.extract.rows import ExtractionRow, schema

ROOT = Path(__file__).resolve().parents[2]
N = 5


def _row(i: int) -> ExtractionRow:
    return ExtractionRow(note_id=f"n{i}", concept_id="meds", question="What medications?", answer="aspirin",
                         start=0, end=7, score=0.9, category="Medication", assertion="present", sentence_id="0",
                         answer_type="span", value="aspirin", value_number=None, unit=None, code=None,
                         code_system=None, code_display=None, model="m")


def _note_line(i: int) -> str:
    return json.dumps({"id": f"n{i}", "text": f"aspirin 81 mg daily. Patient {i} has a secret history."}) + "\n"


@pytest.fixture()
def table(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "facts.parquet"
    pq.write_table(pa.Table.from_pylist([asdict(_row(i)) for i in range(N)], schema=schema()), path)
    return path


def _export(table, out, notes, *extra):
    return subprocess.Popen([sys.executable, "-m", "clinqa.cli.main", "export", "fhir", str(table), "-o", str(out),
                             "-n", str(notes), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)


class SlowCorpus:
    """A FIFO corpus: the reader blocks until the test sends the next notes."""

    def __init__(self, path: Path):
        os.mkfifo(path)
        self.path, self.f = path, None
        self.opened = threading.Event()
        threading.Thread(target=self._open, daemon=True).start()

    def _open(self):
        self.f = open(self.path, "w")  # blocks until the export opens the corpus
        self.opened.set()

    def send(self, lines):
        assert self.opened.wait(60), "the export never opened its corpus"
        self.f.write("".join(lines))
        self.f.flush()

    def close(self):
        if self.f is not None:
            self.f.close()


def _temps(folder: Path) -> list[Path]:
    return [f for f in folder.iterdir() if f.name.endswith(".tmp")]


def _export_writing(table, out: Path, folder: Path):
    """An export fed its first note from a slow corpus, returned once its temporary file exists."""
    corpus = SlowCorpus(folder / "slow.jsonl")
    proc = _export(table, out, corpus.path)
    corpus.send([_note_line(0)])
    deadline = time.time() + 60
    while not _temps(folder) and time.time() < deadline:
        time.sleep(0.05)
    return proc, corpus


def test_two_concurrent_exports_one_wins_the_other_exits_2_at_once(table, tmp_path):
    out = tmp_path / "out.ndjson"
    corpus = SlowCorpus(tmp_path / "slow.jsonl")
    first = _export(table, out, corpus.path)
    corpus.send([_note_line(0)])  # the first export is now inside its write, holding the lock
    second = subprocess.run([sys.executable, "-m", "clinqa.cli.main", "export", "fhir", str(table), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert second.returncode == 2
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "another clinqa process" in lines[0]
    assert first.poll() is None  # still writing, undisturbed
    corpus.send(_note_line(i) for i in range(1, N))
    corpus.close()
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    resources = list(iter_resources(out))
    assert [r["resourceType"] for r in resources] == ["DocumentReference", "QuestionnaireResponse"] * N
    assert not _temps(tmp_path) and not (tmp_path / "out.ndjson.lock").exists()


def test_a_killed_export_leaves_no_temporary_file_once_the_next_run_starts(table, tmp_path):
    out = tmp_path / "out.ndjson"
    proc, corpus = _export_writing(table, out, tmp_path)
    (stale,) = _temps(tmp_path)
    assert stale.name.startswith(".out.ndjson.")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    corpus.close()
    assert stale.exists() and not out.exists()  # what SIGKILL leaves: nothing can run in the process
    good = tmp_path / "notes.jsonl"
    good.write_text("".join(_note_line(i) for i in range(N)))
    r = subprocess.run([sys.executable, "-m", "clinqa.cli.main", "export", "fhir", str(table), "-o", str(out), "-n",
                        str(good)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and not _temps(tmp_path)
    assert len(list(iter_resources(out))) == 2 * N


def test_sigterm_removes_the_temporary_file(table, tmp_path):
    out = tmp_path / "out.json"
    proc, corpus = _export_writing(table, out, tmp_path)
    assert _temps(tmp_path)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    corpus.close()
    assert proc.returncode == 128 + signal.SIGTERM
    assert not _temps(tmp_path) and not out.exists() and not (tmp_path / "out.json.lock").exists()


def test_a_corpus_error_names_the_corpus_and_leaves_nothing(table, tmp_path):
    bad = tmp_path / "notes.jsonl"
    bad.write_text(_note_line(0) + "{not json\n")
    out = tmp_path / "out.ndjson"
    from clinqa.data import read_notes

    with pytest.raises(DataError) as err:
        write_fhir(iter_note_facts([table], lambda: read_notes(bad)), out)
    assert err.value.source == str(bad)  # the input's fault, not the output's
    assert not out.exists() and not _temps(tmp_path) and not (tmp_path / "out.ndjson.lock").exists()


def test_temporary_names_are_unique_and_the_lock_is_exclusive(tmp_path):
    out = tmp_path / "x.json"
    with output_lock(out):
        with pytest.raises(DataError, match="another clinqa process"):
            with output_lock(out):
                pass
    # another output whose name extends this one's keeps its temporary file
    other = tmp_path / ".x.json.b.abcdefgh.tmp"
    other.write_text("not ours")
    stale = tmp_path / ".x.json.abcdefgh.tmp"
    stale.write_text("stale")
    with atomic_text(out) as f:
        f.write("{}")
    assert out.read_text() == "{}" and other.exists() and not stale.exists()
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # the umask's permissions, not mkstemp's 0600
