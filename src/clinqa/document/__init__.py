"""The clinical document: a note read once into sections, blocks (lists, fields, tables, trends,
prose), measurements with their time, time anchors and events, every element with its character
offsets. Every question on a note, and `clinqa parse`, read the same cached document.

- `model`: the dataclasses; `structure`: sections and blocks; `measurements`: lab and vital values
  with their time; `time`: moments, dates and anchors; `events`: medication, procedure and smoking
  events; `kinds`: the kind of note; `views`: medication reconciliation and trends; `parse`: the
  cached entry point.
"""

from clinqa.document.model import (
    Block,
    ClinicalDocument,
    Event,
    Item,
    Measurement,
    Section,
    TimeAnchor,
)
from clinqa.document.parse import parse_document

__all__ = ["Block", "ClinicalDocument", "Event", "Item", "Measurement", "Section", "TimeAnchor", "parse_document"]
