"""Offline language identification of notes and questions (py3langid: langid.py's naive Bayes
over byte n-grams, 97 languages, a 4.5 MB model inside the wheel, numpy only).

Clinical text is full of abbreviations, numbers and units that pull short strings towards the
wrong language ("Patient denies chest pain." scores French), so a guess below `MIN_CONFIDENCE`
is reported as undetermined and callers keep their English default: routing a note to another
reader needs evidence, not a coin flip.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MIN_CONFIDENCE = 0.5
# Enough text to decide; identification is linear in length and notes can be megabytes.
SAMPLE_CHARS = 4000
# Digits, units and de-identification placeholders carry no language.
_NOISE = re.compile(r"\[\*\*.*?\*\*\]|[\d\W_]+", re.S)


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 ("en", "el", "bg"...), or "und" when undetermined
    confidence: float

    @property
    def is_english(self) -> bool:
        """English or undetermined: both keep the English-only defaults."""
        return self.code in ("en", "und")


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier, its model read from a decompressed copy in the cache folder when
    there is one: the wheel's model is LZMA-compressed, and decompressing it took 0.4 s of every
    cold question. The copy is the same npz (read without pickle); anything unexpected in it,
    or a py3langid whose constructor differs, falls back to the package's own loader."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    import zipfile

    from clinqa.runtime import kept_copy, write_kept_copy

    source = MODEL_DIR / MODEL_FILE
    kept = kept_copy("langid", source, ".npz")
    if kept is not None:
        try:
            import numpy as np
            # the arrays as py3langid's own loader turns them into its tokenizer's tables
            from py3langid.modelio import _to_array

            with np.load(kept, allow_pickle=False) as d:
                return LanguageIdentifier(np.asarray(d["ptc"]), np.asarray(d["pc"]), d["classes"].tolist(),
                                          _to_array(d["nextmove"]), d["out_feat"].tolist(), norm_probs=True,
                                          tk_row=_to_array(d["nextmove_row"]))
        except (OSError, ValueError, KeyError, TypeError, EOFError, ImportError, zipfile.BadZipFile):  # absent too
            pass  # damaged, or another layout or py3langid: the package's loader, and keep the file again
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if kept is not None:
        import lzma

        try:
            with lzma.open(source) as f:
                write_kept_copy(kept, f.read(), "langid")
        except (OSError, lzma.LZMAError):
            pass  # not kept: the next process decompresses again
    return identifier



def detect_language(text: str) -> Language:
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS]).strip()
    if len(sample) < 3:
        return Language("und", 0.0)
    code, conf = _identifier().classify(sample)
    if conf < MIN_CONFIDENCE:
        return Language("und", float(conf))
    return Language(str(code), float(conf))


def language_of(text: str) -> Language:
    """`detect_language`, remembered: routing, the answer policy and extraction ask it of the same
    note many times. Keyed on the sample it reads, so a cached entry never holds a whole note."""
    return _detect_sample(text[:SAMPLE_CHARS])


@functools.lru_cache(maxsize=4096)
def _detect_sample(sample: str) -> Language:
    return detect_language(sample)
