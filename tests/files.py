"""Small data files in the shared formats, written by tests that need one."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository
FIXTURES = Path(__file__).resolve().parent / "fixtures"  # small data files the tests read

REPORTS = [
    {"uid": "1", "findings": "The heart is enlarged. The lungs are clear. No effusion.",
     "impression": "1. Cardiomegaly. 2. Clear lungs.", "indication": "Short of breath"},
    {"uid": "2", "findings": "Normal heart size. No pneumothorax.", "impression": "Normal chest.",
     "indication": "Chest pain"},
]


def write_reports_csv(path: Path, rows: list[dict] = REPORTS) -> Path:
    """An Indiana-style reports CSV (uid, findings, impression, indication)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["uid", "findings", "impression", "indication"])
        w.writeheader()
        w.writerows(rows)
    return path
