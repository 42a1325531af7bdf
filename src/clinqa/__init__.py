"""clinqa: question answering and insight extraction over clinical notes, fully local.

Importing clinqa is cheap and offline: heavy libraries (torch, transformers, spaCy) load
only when a stage that needs them runs.
"""

from clinqa.errors import ClinqaError, DataError, ModelError, UsageError
from clinqa.types import Answer, Evidence, Note, Sentence, Span, Summary

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "ClinqaError",
    "DataError",
    "Evidence",
    "ModelError",
    "Note",
    "Sentence",
    "Span",
    "Summary",
    "UsageError",
    "__version__",
]
