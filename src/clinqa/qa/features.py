"""Pre-processing: a (question, note) pair becomes overlapping token windows that remember,
for every context token, which characters of the note it came from.

Pure functions over a fast tokenizer's output; no model is involved, so they are tested with
hand-built inputs. Offsets always refer to the original note text, never to a normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clinqa.errors import DataError, ModelError


@dataclass(frozen=True)
class Window:
    """One model input. `offsets[i]` is the (start, end) characters of token i in the note, or
    None for question, special and padding tokens."""

    input_ids: list[int]
    attention_mask: list[int]
    token_type_ids: list[int] | None
    offsets: list[tuple[int, int] | None]
    example_index: int = 0  # which (question, note) pair of a batch this window belongs to

    @property
    def context_start(self) -> int:
        return next(i for i, o in enumerate(self.offsets) if o is not None)

    @property
    def char_range(self) -> tuple[int, int]:
        spans = [o for o in self.offsets if o is not None]
        return spans[0][0], spans[-1][1]


def check_tokenizer(tokenizer) -> None:
    if not getattr(tokenizer, "is_fast", False):
        raise ModelError(f"{type(tokenizer).__name__} is a slow tokenizer; clinqa needs a fast (Rust) tokenizer "
                         "for character offsets (is tokenizer.json missing from the model folder?)")


def question_limit(tokenizer, max_length: int) -> int:
    """Longest question in tokens that still leaves room for a useful slice of the note."""
    return max(8, max_length // 2)


def make_windows(tokenizer, questions: list[str], contexts: list[str], max_length: int = 384,
                 stride: int = 128, pad_to: int | None = None) -> list[Window]:
    """Tokenize each (question, context) pair into windows of at most `max_length` tokens that
    overlap by `stride` tokens, the question repeated in each (only the context is truncated)."""
    check_tokenizer(tokenizer)
    if len(questions) != len(contexts):
        raise ValueError("questions and contexts differ in length")
    if stride >= max_length // 2:
        raise DataError(f"stride ({stride}) must be less than half of max_length ({max_length})", source="config")
    limit = question_limit(tokenizer, max_length)
    for q in questions:
        n = len(tokenizer(q, add_special_tokens=False)["input_ids"])
        if n == 0:
            raise DataError("question has no tokens", source="question")
        if n > limit:
            raise DataError(f"question is {n} tokens; this model takes at most {limit} "
                            f"(half of max_length {max_length})", source="question")
    pad_side_right = tokenizer.padding_side == "right"
    if not pad_side_right:
        raise ModelError("clinqa expects right padding for extractive QA tokenizers")
    enc = tokenizer(
        questions, contexts, truncation="only_second", max_length=max_length, stride=stride,
        return_overflowing_tokens=True, return_offsets_mapping=True,
        padding="max_length" if pad_to else False,
    )
    windows = []
    for i in range(len(enc["input_ids"])):
        seq_ids = enc.sequence_ids(i)
        text = contexts[int(enc["overflow_to_sample_mapping"][i])]
        offsets = [_trim(text, o) if s == 1 else None for o, s in zip(enc["offset_mapping"][i], seq_ids)]
        if all(o is None for o in offsets):
            continue  # a note that tokenizes to nothing gives no window at all
        windows.append(Window(
            input_ids=list(enc["input_ids"][i]),
            attention_mask=list(enc["attention_mask"][i]),
            token_type_ids=list(enc["token_type_ids"][i]) if "token_type_ids" in enc else None,
            offsets=offsets,
            example_index=int(enc["overflow_to_sample_mapping"][i]),
        ))
    return windows


def _trim(text: str, offset) -> tuple[int, int] | None:
    """Sentencepiece tokenizers (XLM-R) give a token's offsets with the space before it, and
    some tokens are only a space: trim, so an answer never starts or ends with whitespace;
    whitespace-only tokens cannot be answer boundaries."""
    s, e = int(offset[0]), int(offset[1])
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def char_to_token_positions(window: Window, start_char: int, end_char: int) -> tuple[int, int] | None:
    """Token positions of the answer [start_char, end_char) inside the window, or None when the
    answer is not wholly inside it (the window then teaches "no answer here", position 0)."""
    idx = [i for i, o in enumerate(window.offsets) if o is not None]
    if not idx:
        return None
    first, last = idx[0], idx[-1]
    if window.offsets[first][0] > start_char or window.offsets[last][1] < end_char:
        return None
    s = first
    while s <= last and (window.offsets[s] is None or window.offsets[s][1] <= start_char):
        s += 1
    e = last
    while e >= first and (window.offsets[e] is None or window.offsets[e][0] >= end_char):
        e -= 1
    if s > e:
        return None
    return s, e


def pad_batch(windows: list[Window], pad_id: int) -> dict[str, np.ndarray]:
    """Right-pad windows of different lengths into arrays."""
    width = max(len(w.input_ids) for w in windows)
    ids = np.full((len(windows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(windows), width), dtype=np.int64)
    types = np.zeros((len(windows), width), dtype=np.int64)
    for r, w in enumerate(windows):
        n = len(w.input_ids)
        ids[r, :n] = w.input_ids
        mask[r, :n] = w.attention_mask
        if w.token_type_ids is not None:
            types[r, :n] = w.token_type_ids
    out = {"input_ids": ids, "attention_mask": mask}
    if windows[0].token_type_ids is not None:
        out["token_type_ids"] = types
    return out
