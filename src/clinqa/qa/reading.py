"""How a reader reads a note by default: window length, stride, how many windows and how they
are ranked, and the precision of its ONNX Runtime graph. Stored next to the model
(`clinqa_reading.json`, written from the reader sweep, benchmarks/reader_sweep.py, and the int8
comparison, benchmarks/reader_int8.py) so that `ask`, `eval qa`, `extract` and `serve` all read
the same setting; `--window-tokens` / `--window-top-n` override it per call, CLINQA_PRECISION the
precision.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from clinqa.errors import DataError

READING_FILE = "clinqa_reading.json"
# How `window_top_n` ranks a note's windows against the question: BM25 (words shared), dense
# (cosine of all-MiniLM-L6-v2 embeddings, the offline sentence encoder) or hybrid (reciprocal
# rank fusion of both). benchmarks/reader_sweep.py measures each.
WINDOW_RANKS = ("bm25", "dense", "hybrid")
WINDOW_TOKENS = (64, 512)  # the window lengths a reader accepts (a BERT-size encoder's positions)
# int8: ONNX Runtime runs the int8 export (models/onnx.py `quantize_int8`); the torch backend
# stays float32 (torch's own int8 is another recipe, never measured as the default)
PRECISIONS = ("float32", "int8")


def precision_setting(precision: str | None = None) -> str | None:
    """An explicit precision, else CLINQA_PRECISION, else None (the model folder's own)."""
    import os

    from clinqa.errors import UsageError

    value = (precision or os.environ.get("CLINQA_PRECISION") or "").strip().lower() or None
    if value is not None and value not in PRECISIONS:
        raise UsageError(f"precision must be one of {', '.join(PRECISIONS)}, got {value!r} (CLINQA_PRECISION)")
    return value


def window_kw(tokens: int) -> dict[str, int]:
    """Reader options for windows of `tokens` tokens: the stride is a quarter of the length."""
    return {"max_length": tokens, "stride": tokens // 4}


@dataclass(frozen=True)
class Reading:
    window_tokens: int | None = None  # None: the model config's max_length / stride
    window_top_n: int | None = None  # None: every window of the note
    window_rank: str = "bm25"
    # read the best-ranked `window_first_n` of the top N first, the others only when the best span
    # there is less likely than `window_confident` (None: all N at once; benchmarks/reader_cascade.py)
    window_first_n: int = 2
    window_confident: float | None = None
    precision: str = "float32"  # of the ONNX Runtime graph
    source: str = ""  # what chose these settings (the sweep and its data)

    def __post_init__(self) -> None:
        lo, hi = WINDOW_TOKENS
        if self.window_tokens is not None and not lo <= self.window_tokens <= hi:
            raise DataError(f"window_tokens must be between {lo} and {hi}, got {self.window_tokens}", source=READING_FILE)
        if self.window_top_n is not None and self.window_top_n < 1:
            raise DataError(f"window_top_n must be at least 1 (or null for every window), got {self.window_top_n}",
                            source=READING_FILE)
        if self.window_rank not in WINDOW_RANKS:
            raise DataError(f"window_rank must be one of {', '.join(WINDOW_RANKS)}, got {self.window_rank!r}",
                            source=READING_FILE)
        if self.window_first_n < 1:
            raise DataError(f"window_first_n must be at least 1, got {self.window_first_n}", source=READING_FILE)
        if self.window_confident is not None and not 0 < self.window_confident <= 1:
            raise DataError(f"window_confident must be a probability in (0, 1] or null, got {self.window_confident}",
                            source=READING_FILE)
        if self.precision not in PRECISIONS:
            raise DataError(f"precision must be one of {', '.join(PRECISIONS)}, got {self.precision!r}",
                            source=READING_FILE)

    @classmethod
    def load(cls, folder: str | Path) -> Reading | None:
        """The folder's reading settings; None when it has none (the model config's windows, all read)."""
        p = Path(folder) / READING_FILE
        if not p.is_file():
            return None
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
            keys = ("window_tokens", "window_top_n", "window_rank", "window_first_n", "window_confident", "precision",
                    "source")
            return cls(**{k: d[k] for k in keys if k in d})
        except (json.JSONDecodeError, TypeError) as e:
            raise DataError(f"cannot read {p}: {e}", source=str(p)) from e

    def save(self, folder: str | Path) -> Path:
        p = Path(folder) / READING_FILE
        p.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        return p

    def load_kw(self) -> dict[str, Any]:
        """The reader options these settings stand for (what `reader_options` gives for flags)."""
        kw: dict[str, Any] = {"window_top_n": self.window_top_n, "window_rank": self.window_rank,
                              "window_first_n": self.window_first_n, "window_confident": self.window_confident,
                              "precision": self.precision}
        if self.window_tokens is not None:
            kw.update(window_kw(self.window_tokens))
        return kw
