"""FHIR R4 DocumentReference and Bundle JSON: notes are base64 text attachments."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.data._io import existing, load_json
from clinqa.errors import DataError
from clinqa.data.checks import DEFAULT_MAX_CHARS, check_note_text, decode_bytes
from clinqa.types import Note

TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
_ID_OK = re.compile(r"[A-Za-z0-9\-.]{1,64}")


def fhir_id(name: str) -> str:
    """A valid FHIR id (letters, digits, '-', '.', at most 64) for any note or questionnaire id:
    the id itself when valid, else a readable form plus a short hash, so distinct ids stay distinct."""
    if _ID_OK.fullmatch(name):
        return name
    readable = re.sub(r"[^A-Za-z0-9\-.]+", "-", name).strip("-")[:50] or "id"
    return f"{readable}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:12]}"


def read_fhir(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Note]:
    p = existing(path)
    yield from notes_from_resource(load_json(p), source=str(p), max_chars=max_chars)


def notes_from_resource(resource: object, *, source: str = "FHIR resource", max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Note]:
    """Notes from a DocumentReference, or from every DocumentReference in a Bundle."""
    if not isinstance(resource, dict) or "resourceType" not in resource:
        raise DataError("expected a FHIR resource with 'resourceType'", source=source)
    rtype = resource["resourceType"]
    if rtype == "Bundle":
        found = False
        for i, entry in enumerate(resource.get("entry") or []):
            res = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(res, dict) and res.get("resourceType") == "DocumentReference":
                found = True
                yield from _document(res, source, f"entry[{i}]", max_chars)
        if not found:
            raise DataError("Bundle holds no DocumentReference", source=source)
    elif rtype == "DocumentReference":
        yield from _document(resource, source, "DocumentReference", max_chars)
    else:
        raise DataError(f"resourceType {rtype!r} is not supported; expected DocumentReference or Bundle", source=source)


def _document(res: dict, source: str, where: str, max_chars: int) -> Iterator[Note]:
    rid = str(res.get("id") or where)
    contents = res.get("content")
    if not isinstance(contents, list) or not contents:
        raise DataError("DocumentReference has no 'content'", source=source, where=where)
    texts = []
    for j, content in enumerate(contents):
        att = content.get("attachment") if isinstance(content, dict) else None
        if not isinstance(att, dict):
            raise DataError("content without 'attachment'", source=source, where=f"{where}.content[{j}]")
        ctype = str(att.get("contentType", "text/plain")).split(";")[0].strip().lower()
        if ctype not in TEXT_TYPES:
            continue  # PDFs, images: not text we can answer over
        if "data" not in att:
            raise DataError(
                "attachment has no inline 'data' (only a 'url'); clinqa reads inline base64 text",
                source=source, where=f"{where}.content[{j}]",
            )
        try:
            raw = base64.b64decode(att["data"], validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise DataError("attachment 'data' is not valid base64", source=source, where=f"{where}.content[{j}]") from None
        texts.append(decode_bytes(raw, f"{source} ({where}.content[{j}])"))
    if not texts:
        raise DataError("DocumentReference has no text/plain attachment", source=source, where=where)
    text = check_note_text("\n\n".join(texts), source=f"{source} ({where})", max_chars=max_chars)
    meta = {"resourceType": "DocumentReference"}
    for k in ("status", "date", "description"):
        if k in res:
            meta[k] = res[k]
    if isinstance(res.get("subject"), dict) and "reference" in res["subject"]:
        meta["subject"] = res["subject"]["reference"]
    if isinstance(res.get("type"), dict):
        meta["type"] = res["type"].get("text") or next(
            (c.get("display") for c in res["type"].get("coding", []) if isinstance(c, dict)), None)
    yield Note(id=rid, text=text, metadata=meta)


def document_reference(note: Note) -> dict:
    ref = {
        "resourceType": "DocumentReference",
        "id": note.id,
        "status": note.metadata.get("status", "current"),
        "content": [{"attachment": {
            "contentType": "text/plain; charset=utf-8",
            "data": base64.b64encode(note.text.encode("utf-8")).decode("ascii"),
        }}],
    }
    if "subject" in note.metadata:
        ref["subject"] = {"reference": note.metadata["subject"]}
    if "date" in note.metadata:
        ref["date"] = note.metadata["date"]
    return ref


def write_fhir(notes: Iterable[Note], path: str | Path, *, bundle: bool = True) -> None:
    notes = list(notes)
    if bundle:
        obj = {"resourceType": "Bundle", "type": "collection",
               "entry": [{"resource": document_reference(n)} for n in notes]}
    else:
        if len(notes) != 1:
            raise DataError(f"a single DocumentReference holds one note, got {len(notes)}", source=str(path))
        obj = document_reference(notes[0])
    Path(path).write_text(json.dumps(obj, indent=2), encoding="utf-8")
