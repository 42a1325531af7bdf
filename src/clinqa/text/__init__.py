"""Clinical text processing: input checks, sentences with offsets, sections, assertion.

Sentence boundaries come from medspaCy's PyRuSH (rules built for clinical text) run over the
en_core_web_sm tokenizer; `sentences.py` adds the fix-ups PyRuSH lacks (abbreviations,
de-identification placeholders, inline headers, numbered lists). Sections come from the
medspaCy Sectionizer, assertion from medspaCy ConText.
"""

from clinqa.data.checks import DEFAULT_MAX_CHARS, check_note_text, decode_bytes, read_text_file
from clinqa.text.sentences import segment

__all__ = ["DEFAULT_MAX_CHARS", "check_note_text", "decode_bytes", "read_text_file", "segment"]
