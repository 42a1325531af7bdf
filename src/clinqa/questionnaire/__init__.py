"""Questionnaires: concepts asked of every note, each as one or more questions.

    model        the dataclasses (`Questionnaire`, `Concept`)
    schema       the document's rules (pydantic), shared by every reader
    yaml_reader  YAML files (.yaml, .yml)
    fhir         FHIR R4 Questionnaire JSON (.json), read and written

`load_questionnaire` picks the reader by the file's suffix, or takes the id of a shipped
questionnaire (`shipped/*.yaml`: discharge-summary, radiology-report).
"""

from __future__ import annotations

import os
from pathlib import Path

from clinqa.errors import DataError
from clinqa.questionnaire.model import ANSWER_TYPES, CODE_SYSTEMS, Concept, Questionnaire
from clinqa.questionnaire.schema import parse_questionnaire
from clinqa.questionnaire.yaml_reader import load_yaml_questionnaire

__all__ = ["ANSWER_TYPES", "CODE_SYSTEMS", "SHIPPED", "Concept", "Questionnaire", "load_questionnaire",
           "packaged_questionnaires", "parse_questionnaire"]

SHIPPED = Path(__file__).parent / "shipped"


def packaged_questionnaires() -> dict[str, Path]:
    """Shipped questionnaires by id: discharge-summary, radiology-report."""
    return {f.stem.replace("_", "-"): f for f in sorted(SHIPPED.glob("*.yaml"))}


PATH_SUFFIXES = (".yaml", ".yml", ".json")


def is_path(arg: str | Path) -> bool:
    """Whether a -q argument names a file rather than a shipped id: it has a path separator or
    a questionnaire suffix (`./discharge-summary`, `site/q.yaml`, `radiology-report.yaml`)."""
    s = str(arg)
    return any(sep in s for sep in {"/", os.sep, os.altsep or "/"}) or s.lower().endswith(PATH_SUFFIXES)


def load_questionnaire(path_or_id: str | Path) -> Questionnaire:
    """A YAML file, a FHIR R4 Questionnaire (.json), or the id of a shipped questionnaire.
    Any suffix other than .json is read as YAML (which also reads JSON that is not FHIR).

    A shipped id always means the shipped file, even when the working folder holds a file of that
    name: a stray `./discharge-summary` must not silently replace the questionnaire a run asked
    for. Such a file is read when named as a path (`./discharge-summary`)."""
    shipped = packaged_questionnaires()
    if not is_path(path_or_id) and str(path_or_id) in shipped:
        p = shipped[str(path_or_id)]
    else:
        p = Path(path_or_id)
    if not p.is_file():
        hint = "" if is_path(path_or_id) else "; a file in this folder is read when named as a path, e.g. ./NAME"
        raise DataError("questionnaire file not found (shipped ones: " + ", ".join(shipped) + hint + ")", source=str(p))
    try:
        if p.suffix.lower() == ".json":
            # imported here: the FHIR reader pulls in clinqa.data, which YAML users do not need
            from clinqa.questionnaire.fhir import load_fhir_questionnaire

            return load_fhir_questionnaire(p)
        return load_yaml_questionnaire(p)
    except RecursionError:
        # a document nested thousands of levels deep (the YAML and JSON parsers recurse)
        raise DataError("nested too deeply to be a questionnaire; a questionnaire is a list of concepts, with "
                        "FHIR groups a few levels deep at most", source=str(p)) from None
