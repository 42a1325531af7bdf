from __future__ import annotations

import os

# Tests never touch the network: any hub access must fail fast instead of hanging.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# `extract` answers in one worker process per core by default: each would cost the tests a process
# start and a model load; the workers are tested where asked for (tests/extract/test_pool.py)
os.environ.setdefault("CLINQA_WORKERS", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"


def pytest_configure(config):
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(min(2, os.cpu_count() or 1))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared/data is not present beside the project")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """Folders of tiny random BERT, XLM-R, T5 and Llama models, built once per session."""
    from tests import tiny_models as tm

    base = tmp_path_factory.mktemp("tiny_models")
    return {
        "bert": tm.build_bert(base / "bert"),
        "xlmr": tm.build_xlmr(base / "xlmr"),
        "t5": tm.build_t5(base / "t5"),
        "llama": tm.build_llama(base / "llama"),
    }


@pytest.fixture(scope="session")
def qa_folder(tiny_models, tmp_path_factory):
    """A tiny random QA model and an evidence config for the HTTP service; session-wide because
    both the service tests and the FHIR export tests use it (built once, not once per module)."""
    from tests.tiny_models import build_qa

    path = build_qa(tiny_models["bert"], tmp_path_factory.mktemp("serve") / "qa", seed=3)
    cfg = path.parent / "evidence.yaml"
    cfg.write_text("evidence:\n  weights: {bm25: 0.6, tfidf: 0.4}\n  threshold: 0.5\n  top_k: 2\n")
    return path, cfg
