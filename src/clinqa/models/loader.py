"""One loader for encoders, seq2seq and causal LMs.

`revision`, `cache_dir` and `local_files_only` go alike to config, tokenizer and model. A
local folder wins over a hub id of the same name. When the hub cannot be reached, the error
names the model and says how to point at a local folder.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clinqa.errors import ModelError
from clinqa.models.registry import (
    OFFLINE_MODELS,
    PACKAGED_ADAPTERS,
    PACKAGED_LORA,
    packaged_adapter_dir,
    resolve_offline,
    resolve_packaged_adapter,
)

log = logging.getLogger(__name__)

Kind = Literal["encoder", "qa", "mlm", "seq2seq", "causal"]


@dataclass
class LoadedModel:
    name: str  # what the user asked for
    source: str  # folder or hub id actually read
    model: Any
    tokenizer: Any
    kind: str


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes")


def resolve(name_or_path: str) -> str:
    """A named offline model, an existing folder, or a hub id (returned unchanged)."""
    if not name_or_path or not str(name_or_path).strip():
        raise ModelError("model name is empty; give a named model (" + ", ".join(OFFLINE_MODELS) + "), a folder or a hub id")
    name = str(name_or_path)
    if name in OFFLINE_MODELS:
        return str(resolve_offline(name))
    if name in PACKAGED_ADAPTERS:
        return str(resolve_packaged_adapter(name))
    if name in PACKAGED_LORA:
        return str(packaged_adapter_dir(name))
    p = Path(name).expanduser()
    if p.exists():
        if not p.is_dir():
            raise ModelError(f"model path {name!r} is a file; expected a folder with config.json")
        if not any((p / f).exists() for f in ("config.json", "adapter_config.json", "clinqa_qa.json")):
            raise ModelError(f"model folder {name!r} has no config.json; is it a transformers model folder?")
        return str(p)
    if name.startswith((".", "/", "~")) or os.sep in name and name.count("/") > 1:
        raise ModelError(f"model folder {name!r} does not exist")
    return name


@functools.lru_cache(maxsize=1)
def _hub_resolvable() -> bool:
    """Whether the hub's host name resolves. Without this, an offline machine spends ~50 s in
    huggingface_hub's retries before failing; with it, a hub id fails at once."""
    from urllib.parse import urlparse

    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or "huggingface.co"
    try:
        socket.getaddrinfo(host, 443)
        return True
    except OSError:
        log.info("hub host %s does not resolve: reading local files only", host)
        return False


def _kwargs(revision, cache_dir, local_files_only, source: str = "") -> dict:
    kw: dict[str, Any] = {}
    if revision:
        kw["revision"] = revision
    if cache_dir:
        kw["cache_dir"] = str(cache_dir)
    if local_files_only is None:
        local_files_only = _offline() or (not Path(source).exists() and not _hub_resolvable())
    kw["local_files_only"] = bool(local_files_only)
    return kw


def _load_error(name: str, source: str, what: str, exc: Exception) -> ModelError:
    if Path(source).exists():
        return ModelError(f"cannot load {what} from folder {source!r}: {str(exc).splitlines()[0][:300]}")
    return ModelError(
        f"cannot load model {name!r}: it is not a named offline model ({', '.join(OFFLINE_MODELS)}) "
        f"nor an existing folder, and as a hub id it failed ({type(exc).__name__}: "
        f"{str(exc).splitlines()[0][:160]}). This machine may be offline: download it where the hub is reachable "
        "(`huggingface-cli download " + name + " --local-dir DIR`) and pass --model DIR, "
        "or use a named offline model"
    )


def load_tokenizer(name_or_path: str, *, revision=None, cache_dir=None, local_files_only=None):
    from transformers import AutoTokenizer

    source = resolve(name_or_path)
    try:
        return AutoTokenizer.from_pretrained(source, **_kwargs(revision, cache_dir, local_files_only, source))
    except (OSError, ValueError) as exc:
        raise _load_error(name_or_path, source, "tokenizer", exc) from exc


def load_model(
    name_or_path: str,
    kind: Kind = "encoder",
    *,
    revision: str | None = None,
    cache_dir: str | Path | None = None,
    local_files_only: bool | None = None,
    dtype: Any = None,
    **model_kwargs: Any,
) -> LoadedModel:
    from transformers import (
        AutoConfig,
        AutoModel,
        AutoModelForCausalLM,
        AutoModelForMaskedLM,
        AutoModelForSeq2SeqLM,
        AutoTokenizer,
    )

    from transformers import AutoModelForQuestionAnswering

    classes = {"encoder": AutoModel, "qa": AutoModelForQuestionAnswering, "mlm": AutoModelForMaskedLM, "seq2seq": AutoModelForSeq2SeqLM,
               "causal": AutoModelForCausalLM}
    if kind not in classes:
        raise ModelError(f"unknown model kind {kind!r}; expected one of {', '.join(classes)}")
    source = resolve(name_or_path)
    if is_adapter_folder(source):
        return _load_adapter(name_or_path, source, kind, revision=revision, cache_dir=cache_dir,
                             local_files_only=local_files_only, dtype=dtype, **model_kwargs)
    kw = _kwargs(revision, cache_dir, local_files_only, source)
    try:
        config = AutoConfig.from_pretrained(source, **kw)
        tokenizer = AutoTokenizer.from_pretrained(source, **kw)
        if dtype is not None:
            model_kwargs["dtype"] = dtype
        model = classes[kind].from_pretrained(source, config=config, **kw, **model_kwargs)
    except (OSError, ValueError) as exc:
        raise _load_error(name_or_path, source, f"{kind} model", exc) from exc
    model.eval()
    return LoadedModel(name=str(name_or_path), source=source, model=model, tokenizer=tokenizer, kind=kind)


def is_adapter_folder(source: str) -> bool:
    p = Path(source)
    return (p / "adapter_config.json").is_file() and not (p / "config.json").is_file()


def adapter_base(source: str) -> str:
    import json

    cfg = json.loads((Path(source) / "adapter_config.json").read_text(encoding="utf-8"))
    base = cfg.get("base_model_name_or_path")
    if not base:
        raise ModelError(f"adapter folder {source!r} does not name its base model (base_model_name_or_path)")
    return str(base)


def _load_adapter(name: str, source: str, kind: Kind, **kw: Any) -> LoadedModel:
    """A peft LoRA folder: its base through this loader, the adapter merged in memory."""
    from peft import PeftModel

    base = load_model(adapter_base(source), kind, **kw)
    try:
        merged = PeftModel.from_pretrained(base.model, source).merge_and_unload()
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"cannot apply adapter {source!r} to {base.name!r}: {str(exc).splitlines()[0][:300]}") from exc
    merged.eval()
    tokenizer = base.tokenizer
    if (Path(source) / "tokenizer_config.json").is_file():
        tokenizer = load_tokenizer(source)
    return LoadedModel(name=str(name), source=source, model=merged, tokenizer=tokenizer, kind=kind)
