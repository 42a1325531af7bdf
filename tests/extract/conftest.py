"""Fixtures of the batch-extraction tests: a tiny random QA model and a 24-note corpus."""

from __future__ import annotations

import json
import sys

import pytest


@pytest.fixture(scope="module")
def tiny_qa(tiny_models, tmp_path_factory):
    from tests.tiny_models import build_qa

    return build_qa(tiny_models["bert"], tmp_path_factory.mktemp("extract") / "qa", seed=5)


@pytest.fixture()
def corpus(tmp_path):
    rows = []
    for i in range(24):
        text = (f"the patient was admitted with chest pain . metoprolol {i + 1} mg by mouth twice daily . "
                f"potassium 3.{i % 10} low") if i != 5 else ""  # note 5 is empty: skipped, reported
        rows.append(json.dumps({"id": f"n{i:02d}", "text": text}))
    f = tmp_path / "corpus.jsonl"
    f.write_text("\n".join(rows) + "\n")
    q = tmp_path / "q.yaml"
    q.write_text("id: t\nconcepts:\n  - id: meds\n    questions: [what medications, metoprolol dose]\n    code: drug\n"
                 "  - id: k\n    questions: [what was the potassium]\n    answer_type: number\n"
                 "  - id: pain\n    questions: [chest pain]\n    answer_type: yes_no\n")
    return f, q


def extract_cmd(model, corpus, q, out, *extra):
    return [sys.executable, "-m", "clinqa.cli.main", "extract", "-q", str(q), "-n", str(corpus), "-o", str(out),
            "--model", str(model), "--chunk-notes", "2", "--json", *extra]


