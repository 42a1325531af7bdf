"""FHIR R4 `Questionnaire` JSON <-> clinqa `Questionnaire`.

A FHIR item becomes a concept:

    linkId                         -> concept id
    text                           -> the English question (or the language in Questionnaire.language)
    _text translation extensions   -> the question in other languages
    type                           -> answer type: boolean -> yes_no; decimal, integer, quantity -> number;
                                      date, dateTime -> date; string, text, choice, open-choice -> span
    code (system urn:clinqa:category)          -> category
    answerValueSet `<ICD-10-CM system>?fhir_vs` -> code: icd10cm (or the urn:clinqa:fhir:code-value-set
    answerValueSet `urn:clinqa:drug?fhir_vs`    -> code: drug     extension, on items that are not choices)
    questionnaire-unit extension               -> unit

Group items are walked into; display items are skipped. Other codes on an item (LOINC, SNOMED)
are allowed and ignored. Extra question variants of one language ride in a clinqa extension,
so a YAML questionnaire survives the round trip unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from clinqa.data.fhir import fhir_id
from clinqa.errors import DataError
from clinqa.questionnaire.model import Questionnaire
from clinqa.questionnaire.schema import parse_questionnaire

ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
DRUG_SYSTEM = "urn:clinqa:drug"  # clinqa's drug lexicon: DrugBank, else MeSH, else MedlinePlus ids
CATEGORY_SYSTEM = "urn:clinqa:category"
CANONICAL_BASE = "urn:clinqa:questionnaire:"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
UNIT_EXT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
VARIANT_EXT = "urn:clinqa:fhir:question-variant"
# R4 allows answerValueSet only on choice/open-choice items (que-5): a coded yes/no concept
# ("anticoagulation": yes, and which drug) names its value set in this extension instead.
CODE_EXT = "urn:clinqa:fhir:code-value-set"
# the answer policy's concept names for yes/no verdicts ("lang:term") and per-concept threshold
SYNONYM_EXT = "urn:clinqa:fhir:synonym"
MIN_SCORE_EXT = "urn:clinqa:fhir:min-score"
NOTE_KIND_EXT = "urn:clinqa:fhir:note-kind"
HEADING_EXT = "urn:clinqa:fhir:heading"  # valueString "indication" or "impression:first"
MOMENT_EXT = "urn:clinqa:fhir:moment"
UCUM = "http://unitsofmeasure.org"
MAX_GROUP_DEPTH = 64  # real questionnaires nest a few levels; deeper is an error, not a stack overflow

VALUE_SETS = {"icd10cm": f"{ICD10CM_SYSTEM}?fhir_vs", "drug": f"{DRUG_SYSTEM}?fhir_vs"}
TYPE_OF_ITEM = {
    "boolean": "yes_no", "decimal": "number", "integer": "number", "quantity": "number",
    "date": "date", "dateTime": "date",
    "string": "span", "text": "span", "choice": "span", "open-choice": "span", "coding": "span",
}
# Numbers are answered as valueQuantity (value and unit): the item type must be quantity for a
# QuestionnaireResponse to validate against the Questionnaire.
ITEM_OF_TYPE = {"yes_no": "boolean", "number": "quantity", "date": "date", "span": "string", "list": "string"}


def is_fhir_questionnaire(doc: object) -> bool:
    return isinstance(doc, dict) and doc.get("resourceType") == "Questionnaire"


def load_fhir_questionnaire(path: str | Path) -> Questionnaire:
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"JSON syntax error: {exc.msg}", source=str(p), where=f"line {exc.lineno}") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", source=str(p)) from None
    except RecursionError:
        raise DataError(f"JSON nested too deeply to read (groups may nest {MAX_GROUP_DEPTH} levels)",
                        source=str(p)) from None
    return parse_fhir_questionnaire(doc, str(p))


def parse_fhir_questionnaire(doc: object, source: str = "Questionnaire") -> Questionnaire:
    if not is_fhir_questionnaire(doc):
        got = doc.get("resourceType") if isinstance(doc, dict) else type(doc).__name__
        raise DataError(f"expected a FHIR resource with resourceType 'Questionnaire', got {got!r}", source=source)
    lang = str(doc.get("language") or "en").split("-")[0]
    concepts = [_concept(item, where, lang, source) for item, where in _walk(doc.get("item"), "item", source)]
    if not concepts:
        raise DataError("Questionnaire has no answerable items (only groups or display items)", source=source)
    qid = doc.get("id") or doc.get("name") or _from_canonical(doc.get("url")) or Path(source).stem
    # The schema owns the rules (ids unique, known types and categories): one set of checks.
    return parse_questionnaire({"id": qid, "name": doc.get("title") or doc.get("name") or qid,
                                "concepts": concepts}, source)


def _walk(items, where: str, source: str):
    """(item, where) for every answerable item, groups walked into, in document order. A loop
    with its own stack, not recursion: a group nested thousands deep is a clear error, never a
    RecursionError."""
    stack = [(items, where, 0, 0)]  # (list, its place, next index, depth)
    while stack:
        items, where, i, depth = stack.pop()
        if items is None:
            continue
        if not isinstance(items, list):
            raise DataError("'item' must be a list", source=source, where=where)
        if i >= len(items):
            continue
        stack.append((items, where, i + 1, depth))
        item, here = items[i], f"{where}[{i}]"
        if not isinstance(item, dict):
            raise DataError("each item is an object with linkId and type", source=source, where=here)
        kind = item.get("type")
        if kind == "group":
            if depth >= MAX_GROUP_DEPTH:
                raise DataError(f"groups nested more than {MAX_GROUP_DEPTH} deep; flatten the questionnaire",
                                source=source, where=here[:200] + ("..." if len(here) > 200 else ""))
            stack.append((item.get("item"), f"{here}.item", 0, depth + 1))
        elif kind != "display":
            yield item, here


def _concept(item: dict, where: str, lang: str, source: str) -> dict:
    link = item.get("linkId")
    if not isinstance(link, str) or not link.strip():
        raise DataError("item without a 'linkId'", source=source, where=where)
    where = f"{where} (linkId {link!r})"
    kind = item.get("type")
    if kind not in TYPE_OF_ITEM:
        raise DataError(f"item type {kind!r} cannot be extracted from text; expected one of "
                        + ", ".join(TYPE_OF_ITEM), source=source, where=where)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError("item without a question in 'text'", source=source, where=where)
    questions: dict[str, list[str]] = {lang: [text]}
    for ext in item.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == VARIANT_EXT and isinstance(ext.get("valueString"), str):
            questions[lang].append(ext["valueString"])
    for ext in (item.get("_text") or {}).get("extension") or []:
        if not isinstance(ext, dict) or ext.get("url") != TRANSLATION:
            continue
        parts = {e.get("url"): e for e in ext.get("extension") or [] if isinstance(e, dict)}
        tlang = parts.get("lang", {}).get("valueCode")
        content = parts.get("content", {}).get("valueString")
        if not tlang or not isinstance(content, str):
            raise DataError("translation extension needs 'lang' (valueCode) and 'content' (valueString)",
                            source=source, where=where)
        questions.setdefault(tlang.split("-")[0], []).append(content)
    concept: dict = {"id": link, "questions": questions, "answer_type": TYPE_OF_ITEM[kind]}
    if item.get("repeats") is True and concept["answer_type"] == "span":  # several answers: a list concept
        concept["answer_type"] = "list"
    for coding in item.get("code") or []:
        if isinstance(coding, dict) and coding.get("system") == CATEGORY_SYSTEM:
            concept["category"] = coding.get("code")
    vs = item.get("answerValueSet")
    for ext in item.get("extension") or []:
        if vs is None and isinstance(ext, dict) and ext.get("url") == CODE_EXT:
            vs = ext.get("valueCanonical") or ext.get("valueUri")
    if vs is not None:
        code = next((k for k, v in VALUE_SETS.items() if v == vs), None)
        if code is None:
            raise DataError(f"answerValueSet {vs!r} is not one clinqa can code to; expected one of "
                            + ", ".join(VALUE_SETS.values()), source=source, where=where)
        concept["code"] = code
    for ext in item.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == UNIT_EXT:
            coding = ext.get("valueCoding") or {}
            concept["unit"] = coding.get("code") or coding.get("display")
        elif isinstance(ext, dict) and ext.get("url") == SYNONYM_EXT and isinstance(ext.get("valueString"), str):
            slang, _, term = ext["valueString"].partition(":")
            concept.setdefault("synonyms", {}).setdefault(slang, []).append(term)
        elif isinstance(ext, dict) and ext.get("url") == MIN_SCORE_EXT:
            concept["min_score"] = ext.get("valueDecimal")
        elif isinstance(ext, dict) and ext.get("url") == NOTE_KIND_EXT:
            concept.setdefault("note_kinds", []).append(ext.get("valueCode"))
        elif isinstance(ext, dict) and ext.get("url") == MOMENT_EXT:
            concept["moment"] = ext.get("valueCode")
        elif isinstance(ext, dict) and ext.get("url") == HEADING_EXT and isinstance(ext.get("valueString"), str):
            heading, _, part = ext["valueString"].partition(":")
            concept["heading"] = heading
            if part:
                concept["heading_part"] = part
    return concept


def _from_canonical(url) -> str | None:
    if isinstance(url, str) and url.startswith(CANONICAL_BASE):
        return url[len(CANONICAL_BASE):]
    return None


def canonical(q: Questionnaire) -> str:
    return CANONICAL_BASE + q.id


def to_fhir_questionnaire(q: Questionnaire) -> dict:
    """The questionnaire as a FHIR R4 Questionnaire (JSON dict); `parse_fhir_questionnaire`
    reads it back to an equal `Questionnaire` (source aside)."""
    main_lang = "en" if "en" in q.languages or not q.languages else q.languages[0]
    items = []
    for c in q.concepts:
        own_lang = main_lang if main_lang in c.questions else next(iter(c.questions))
        own = c.questions[own_lang]
        item: dict = {"linkId": c.id, "text": own[0],
                      "type": "open-choice" if c.code and c.answer_type in ("span", "list")
                      else ITEM_OF_TYPE[c.answer_type]}
        if c.answer_type == "list":
            item["repeats"] = True
        ext = [{"url": VARIANT_EXT, "valueString": v} for v in own[1:]]
        if c.code and item["type"] != "open-choice":
            ext.append({"url": CODE_EXT, "valueCanonical": VALUE_SETS[c.code]})
        if c.unit:
            ext.append({"url": UNIT_EXT, "valueCoding": {"system": UCUM, "code": c.unit, "display": c.unit}})
        ext += [{"url": SYNONYM_EXT, "valueString": f"{slang}:{term}"} for slang, terms in c.synonyms.items()
                for term in terms]
        if c.min_score is not None:
            ext.append({"url": MIN_SCORE_EXT, "valueDecimal": c.min_score})
        ext += [{"url": NOTE_KIND_EXT, "valueCode": k} for k in c.note_kinds]
        if c.heading:
            ext.append({"url": HEADING_EXT, "valueString": c.heading + ("" if c.heading_part == "all"
                                                                           else ":" + c.heading_part)})
        if c.moment:
            ext.append({"url": MOMENT_EXT, "valueCode": c.moment})
        if ext:
            item["extension"] = ext
        translations = [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": lang},
                                                          {"url": "content", "valueString": text}]}
                        for lang, texts in c.questions.items() if lang != own_lang for text in texts]
        if translations:
            item["_text"] = {"extension": translations}
        if c.category:
            item["code"] = [{"system": CATEGORY_SYSTEM, "code": c.category, "display": c.category}]
        if c.code and item["type"] == "open-choice":
            item["answerValueSet"] = VALUE_SETS[c.code]
        items.append(item)
    return {"resourceType": "Questionnaire", "id": fhir_id(q.id), "url": canonical(q), "name": _name(q.id),
            "title": q.name, "status": "active", "language": main_lang, "item": items}


def _name(qid: str) -> str:
    # Questionnaire.name is machine-friendly: a capital letter, then letters, digits, underscores.
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in qid).split()]
    name = "".join(w[:1].upper() + w[1:] for w in words) or "Questionnaire"
    return name if name[0].isalpha() else "Q" + name
