"""Run fingerprints: what made a resumable output, so that `--resume` continues only the same run
(`clinqa extract`, and `clinqa summarize --input` through `input_identity` and `differences`).

A fingerprint is a small JSON document: the clinqa version, the questionnaire's content hash (its
concepts, not its file: the YAML and the FHIR form of one questionnaire are the same run), the
corpus's identity (resolved path, size, mtime, and how it is read: format, columns, dedupe, note
limit), the model (a folder also by its files' names, sizes and mtimes) and the options that
change answers (language, reading windows, user lexicon files by content). The engine, its
workers and the chunk size are left out on purpose: local and Ray runs write the same rows, so
either may resume the other.

Beside it, `NotesDigest` chains a hash of every extracted note's id and text, in corpus order:
on resume the notes already done are hashed again and must give the same chain, which catches a
note edited in place (even with its size and mtime restored), reordered or removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from clinqa.types import Note


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def questionnaire_identity(q) -> dict:
    concepts = [asdict(c) for c in q.concepts]
    doc = json.dumps({"id": q.id, "concepts": concepts}, sort_keys=True, ensure_ascii=False, default=list)
    return {"id": q.id, "sha256": _sha256(doc.encode("utf-8"))}


def input_identity(path: str | Path, **reading) -> dict:
    """The corpus file (or folder of .txt notes: their count, total size and latest mtime) and
    the options it is read with."""
    p = Path(path).resolve()
    if p.is_dir():
        files = sorted(p.rglob("*.txt"))
        stats = [f.stat() for f in files]
        ident = {"files": len(files), "size": sum(s.st_size for s in stats),
                 "mtime_ns": max((s.st_mtime_ns for s in stats), default=0)}
    else:
        st = p.stat()
        ident = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    return {"path": str(p), **ident, **{k: v for k, v in sorted(reading.items())}}


def model_identity(model: str) -> dict:
    """A model name or hub id as given; a folder by its resolved path and its top-level files
    (a retrained model saved to the same folder is another model)."""
    p = Path(model)
    if not p.is_dir():
        return {"name": model}
    files = sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in p.iterdir() if f.is_file())
    return {"name": str(p.resolve()), "files_sha256": _sha256(json.dumps(files).encode())}


def files_identity(paths: list[str]) -> list[dict]:
    out = []
    for f in paths:
        try:
            out.append({"path": str(Path(f).resolve()), "sha256": _sha256(Path(f).read_bytes())})
        except OSError:
            out.append({"path": str(f), "sha256": None})
    return out


def lexicon_identity() -> list[dict]:
    """The user lexicon files in force ($CLINQA_LEXICON, set by --lexicon), by content."""
    from clinqa.lexicon import ENV

    return files_identity([f for f in os.environ.get(ENV, "").split(os.pathsep) if f.strip()])


def run_fingerprint(questionnaire, corpus: dict, model: str, **options) -> dict:
    from clinqa import __version__

    return {"clinqa": __version__, "questionnaire": questionnaire_identity(questionnaire), "corpus": corpus,
            "model": model_identity(model), "options": {k: v for k, v in sorted(options.items())}}


def _flat(doc, prefix: str = "") -> dict:
    if isinstance(doc, dict):
        out = {}
        for k, v in doc.items():
            out.update(_flat(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): doc}


def _show(v) -> str:
    if isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v):
        return v[:12]  # a hash: its head names it well enough
    return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


def differences(earlier: dict, now: dict) -> list[str]:
    """What differs, one "field: earlier X, now Y" per field (dotted names, e.g. corpus.size)."""
    a, b = _flat(earlier), _flat(now)
    return [f"{k}: earlier {_show(a.get(k, '(none)'))}, now {_show(b.get(k, '(none)'))}"
            for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


class NotesDigest:
    """A hash chained over the notes in corpus order: the value after N notes names exactly
    those N notes (ids and texts), whatever the chunking."""

    def __init__(self, value: str = ""):
        self.value = value

    def add(self, note: Note) -> None:
        own = _sha256(note.id.encode("utf-8", "surrogatepass") + b"\0" + note.text.encode("utf-8", "surrogatepass"))
        self.value = _sha256((self.value + own).encode("ascii"))
