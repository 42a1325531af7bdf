"""YAML questionnaires (the format is in `schema`): read with each mapping's line kept, so an
error names the line of the concept at fault."""

from __future__ import annotations

from pathlib import Path

from clinqa.errors import DataError
from clinqa.questionnaire.model import Questionnaire
from clinqa.questionnaire.schema import LINE, parse_questionnaire


def _with_lines(base):
    """`base` (a PyYAML safe loader class, C or Python) whose mappings record their line."""
    import yaml

    class Loader(base):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = base.construct_mapping(loader, node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load_yaml_questionnaire(path: str | Path) -> Questionnaire:
    import yaml

    from clinqa.lexicon.loader import parse_yaml

    p = Path(path)
    try:
        # the lexicon's reader: libyaml when there, the Python parser's wording for an error
        doc, _ = parse_yaml(p.read_text(encoding="utf-8"), extend=_with_lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(f"YAML syntax error: {getattr(exc, 'problem', None) or exc}", source=str(p),
                        where=f"line {mark.line + 1}" if mark else None) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", source=str(p)) from None
    if isinstance(doc, dict) and doc.get("resourceType") == "Questionnaire":
        # YAML reads JSON too, so the suffix alone decided: say which one would have worked
        raise DataError("this is a FHIR Questionnaire; name the file *.json to read it as one", source=str(p))
    return parse_questionnaire(doc, str(p))
