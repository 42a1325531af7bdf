"""Radiology findings -> impression: prompts, the summarizer, numbered-impression formatting."""

from clinqa.summarize.model import DEFAULT_MODEL, Summarizer, SummarizerConfig

__all__ = ["DEFAULT_MODEL", "Summarizer", "SummarizerConfig"]
