"""Question templates for `clinqa synth qa`: the packaged emrQA-style set (`templates.yaml`
beside this module) or a user's YAML file overriding some of its keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from clinqa.errors import DataError
from clinqa.types import ANSWER_TYPES, AnswerType, CATEGORIES

SLOTS = ("drug", "problem", "symptom", "lab", "procedure", "imaging")
TEMPLATE_KEYS = (
    "dosage", "frequency", "route", "reason", "medication_list", "problem", "symptom", "presenting_symptom",
    "lab_value", "lab_admission", "lab_discharge", "lab_first", "lab_last", "procedure", "procedure_list",
    "imaging_result", "impression", "drug_taking",
)


@dataclass(frozen=True)
class Template:
    key: str
    category: str
    answer_type: AnswerType
    paraphrases: tuple[str, ...]

    def fill(self, paraphrase: str, **slots: str) -> str:
        for name, value in slots.items():
            paraphrase = paraphrase.replace(f"|{name}|", value)
        if "|" in paraphrase:
            raise DataError(f"template {self.key!r}: unfilled slot in {paraphrase!r}", source="templates")
        return re.sub(r"\ba (?=[aeiou])", "an ", paraphrase)  # "a |procedure|" + "appendectomy"


def load_templates(path: str | Path | None = None) -> dict[str, Template]:
    """The packaged templates, or a user's YAML file with the same keys (missing keys fall back
    to the packaged ones, so a file may override only a few)."""
    import yaml

    packaged = resources.files("clinqa.synth.qa").joinpath("templates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(packaged)
    if path is not None:
        from clinqa.data._io import read_yaml_mapping

        user = read_yaml_mapping(path, missing="templates file not found", invalid="templates are not valid YAML",
                                 mapping="templates must be a YAML mapping of template keys")
        unknown = sorted(set(user) - set(TEMPLATE_KEYS))
        if unknown:
            raise DataError(f"unknown template keys {unknown}; known: {', '.join(TEMPLATE_KEYS)}", source=str(path))
        for key, spec in user.items():
            data[key] = {**data[key], **(spec or {})}
    out = {}
    for key in TEMPLATE_KEYS:
        spec = data.get(key) or {}
        where = str(path or "templates.yaml")
        para = spec.get("paraphrases")
        if not isinstance(para, list) or not para or not all(isinstance(x, str) and x.strip() for x in para):
            raise DataError(f"template {key!r} needs a non-empty list of paraphrases", source=where)
        if spec.get("category") not in CATEGORIES:
            raise DataError(f"template {key!r}: category must be one of {', '.join(CATEGORIES)}", source=where)
        if spec.get("answer_type") not in ANSWER_TYPES:
            raise DataError(f"template {key!r}: answer_type must be one of {', '.join(ANSWER_TYPES)}", source=where)
        for x in para:
            bad = set(re.findall(r"\|(\w+)\|", x)) - set(SLOTS)
            if bad:
                raise DataError(f"template {key!r}: unknown slot(s) {sorted(bad)} in {x!r}", source=where)
        out[key] = Template(key, spec["category"], spec["answer_type"], tuple(para))
    return out
