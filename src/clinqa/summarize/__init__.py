"""Radiology findings -> impression: prompts, the summarizer, numbered-impression formatting."""

from clinqa.summarize.model import ADAPTER_MODEL, DEFAULT_MODEL, EXTRACTIVE, Summarizer, SummarizerConfig

__all__ = ["ADAPTER_MODEL", "DEFAULT_MODEL", "EXTRACTIVE", "Summarizer", "SummarizerConfig"]
