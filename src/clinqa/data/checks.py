"""Input checks shared by every reader and command: a note is decoded strictly and rejected
with one clear line when it cannot be a clinical note."""

from __future__ import annotations

import os
from pathlib import Path

from clinqa.errors import DataError

# spaCy refuses texts above 1,000,000 characters by default; notes are split into blocks below
# that, so the real ceiling is memory. 2M characters is ~20x the longest MIMIC discharge summary.
# One limit for the CLI, the API and its OpenAPI schema: --max-chars, else CLINQA_MAX_CHARS.
BUILTIN_MAX_CHARS = 2_000_000


def max_chars_setting() -> int:
    """The note limit in force: CLINQA_MAX_CHARS (read now, not at import), else 2,000,000."""
    raw = os.environ.get("CLINQA_MAX_CHARS", "").strip().replace("_", "")
    if not raw:
        return BUILTIN_MAX_CHARS
    if not raw.isdigit() or int(raw) < 1:
        from clinqa.errors import UsageError

        raise UsageError(f"CLINQA_MAX_CHARS must be a positive number of characters, got {raw!r}")
    return int(raw)


try:  # a bad value is reported when a command reads the setting, not as an import traceback
    DEFAULT_MAX_CHARS = max_chars_setting()
except Exception:
    DEFAULT_MAX_CHARS = BUILTIN_MAX_CHARS


def decode_bytes(data: bytes, source: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); anything else is an error, not a guess."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`",
            source=source,
            where=f"line {line}",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text_file(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    p = Path(path)
    if not p.exists():
        raise DataError("file not found", source=str(p))
    if p.is_dir():
        raise DataError("is a folder; expected a text file", source=str(p))
    size = p.stat().st_size
    # UTF-8 needs at least one byte per character: a file this large cannot fit the limit.
    if size > 4 * max_chars:
        raise DataError(
            f"file is {size:,} bytes, over the note limit of {max_chars:,} characters; "
            "split it or raise the limit with --max-chars / CLINQA_MAX_CHARS",
            source=str(p),
        )
    text = decode_bytes(p.read_bytes(), str(p))
    return check_note_text(text, source=str(p), max_chars=max_chars)


def check_note_text(text: str, *, source: str = "note", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return `text` unchanged if it can be processed as a note, else raise DataError."""
    if not isinstance(text, str):
        raise DataError(f"expected text, got {type(text).__name__}", source=source)
    if not text.strip():
        raise DataError(
            "note is empty" if not text else "note contains only whitespace", source=source
        )
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise DataError(
            f"note contains a NUL character at offset {nul}; is this a binary file?",
            source=source,
            where=f"line {line}",
        )
    if len(text) > max_chars:
        raise DataError(
            f"note has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise the limit with --max-chars / CLINQA_MAX_CHARS",
            source=source,
        )
    return text


def check_unique_ids(ids: list[str], *, source: str, where: str | None = None) -> None:
    """Sentence ids are keys for scoring and citations: a repeated id is an error."""
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        dup = sorted({i for i in ids if i in seen or seen.add(i)})
        raise DataError(f"duplicate sentence ids {', '.join(dup)}", source=source, where=where)
