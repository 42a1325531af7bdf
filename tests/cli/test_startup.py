"""A CLI that starts fast: help and input errors import none of the heavy libraries (torch,
spaCy, transformers, ONNX Runtime, scikit-learn), checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "spacy", "medspacy", "transformers", "onnxruntime", "sklearn", "sentence_transformers", "scipy")
PROBE = """
import contextlib, io, json, sys
from clinqa.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    rc = main(sys.argv[1:])
print(json.dumps({"rc": rc, "stdout": out.getvalue(), "heavy": [m for m in %r if m in sys.modules]}))
""" % (HEAVY,)


def _run(*args: str, env: dict | None = None) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300,
                       env={**os.environ, **(env or {})})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"], ["evidence", "--help"], ["extract", "--help"],
                                  ["serve", "--help"], ["segment", "--help"]])
def test_help_imports_nothing_heavy(args):
    r = _run(*args)
    assert r["rc"] == 0 and "Usage" in r["stdout"]
    assert r["heavy"] == []


def test_input_errors_import_nothing_heavy(tmp_path):
    missing = str(tmp_path / "missing.txt")
    r = _run("ask", "--note", missing, "What is the potassium?", "--json")
    assert r["rc"] == 2 and json.loads(r["stdout"])["error"]["file"] == missing
    assert r["heavy"] == []
    note = tmp_path / "note.txt"
    note.write_text("Potassium 3.2.\n", encoding="utf-8")
    r = _run("ask", "--note", str(note), "--json")  # no question
    assert r["rc"] == 2 and r["heavy"] == []
    r = _run("evidence", "--note", missing, "q")
    assert r["rc"] == 2 and r["heavy"] == []


def test_the_pipeline_defers_nltk_until_used():
    """medspaCy's QuickUMLS module imports nltk (2 s) only to use it in calls clinqa never makes:
    building the pipeline leaves nltk unimported, and a call that uses it still gets nltk."""
    probe = """
import json, sys
from clinqa.text.pipeline import get_nlp
doc = get_nlp()("No fever. Denies chest pain.")
before = "nltk" in sys.modules
import quickumls.core
stopwords = quickumls.core.nltk.corpus.stopwords  # QuickUMLS' own use of it
import nltk.corpus
print(json.dumps({"before": before, "after": "nltk" in sys.modules, "sentences": len(list(doc.sents)),
                  "same": nltk.corpus is quickumls.core.nltk.corpus}))
"""
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out == {"before": False, "after": True, "sentences": 2, "same": True}


def test_a_question_on_the_onnx_reader_imports_no_torch(tmp_path):
    """Once the reader's ONNX export is recorded (the first run makes it), a question loads neither
    torch nor transformers' model classes: ONNX Runtime, the saved tokenizer, spaCy without thinc's
    torch shims. The answer is the one the torch path gives."""
    note = str(Path(__file__).resolve().parents[2] / "examples" / "discharge_summary.txt")
    args = ("ask", "--note", note, "What is the potassium level?", "--json")
    _run(*args)  # exports and records the ONNX reader when this machine has not yet
    r = _run(*args)
    assert r["rc"] == 0 and "torch" not in r["heavy"]
    on_torch = _run(*args, env={"CLINQA_BACKEND": "torch"})
    assert "torch" in on_torch["heavy"]
    first = [json.loads(x["stdout"])["answers"][0] for x in (r, on_torch)]
    assert first[0]["text"] and [(a["text"], a["start"], a["end"]) for a in first][0] == \
        [(a["text"], a["start"], a["end"]) for a in first][1]
