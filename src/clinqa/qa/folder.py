"""What a folder written by clinqa's QA trainer is, known without torch (the ONNX start path
reads these and nothing of qa/model.py): its config file, and its tokenizer."""

from __future__ import annotations

from pathlib import Path

CONFIG_NAME = "clinqa_qa.json"


def is_clinqa_folder(path: str | Path) -> bool:
    return (Path(path) / CONFIG_NAME).is_file()


def qa_tokenizer(folder: str | Path, base_model: str, *, reuse_built: bool = False):
    """A clinqa folder's tokenizer: its own when it stores one, else its base model's (the
    packaged multilingual reader leaves the 17 MB XLM-R vocabulary to multilingual-e5-small).
    `reuse_built`: see models.load_tokenizer (inference only)."""
    from clinqa.models import load_tokenizer

    folder = Path(folder)
    return load_tokenizer(str(folder), reuse_built=reuse_built) if (folder / "tokenizer_config.json").exists() else \
        load_tokenizer(base_model, reuse_built=reuse_built)
