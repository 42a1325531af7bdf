"""Extraction rows as RDF (rdflib): notes, patients, facts, linked concepts and provenance.

One node per note (`cq:Note`), per patient when the corpus names one (`cq:Patient`), per
extracted fact (`cq:Fact`), per linked concept (ICD-10-CM codes as BioPortal IRIs with their
chapter -> block -> category hierarchy as `skos:broader`; drugs as DrugBank or MeSH IRIs). Each
fact with a span has a W3C Web Annotation whose target is the note with a `TextPositionSelector`
(character start/end) and a `TextQuoteSelector`; PROV-O says which run and model produced it.

Every fact has `cq:status`: present, negated, uncertain, family, not_mentioned or no_answer.
A negated finding is stored as negated (a yes/no "no" too), never as present, so a query for
asserted findings filters on `cq:status cq:present`.

Writing is streamed: notes are turned into triples a few at a time and serialised as they go
(N-Quads, Turtle, or JSON-LD), so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from clinqa.data._io import reason
from clinqa.errors import DataError, UsageError
from clinqa.export.fhir import drug_system
from clinqa.export.rows import NoteFacts, atomic_output

VOCAB = "urn:clinqa:vocab#"
ICD10CM_IRI = "http://purl.bioontology.org/ontology/ICD10CM/"
OA_NS = "http://www.w3.org/ns/oa#"
FORMATS = {"nq": "nquads", "ttl": "turtle", "jsonld": "json-ld"}
SUFFIX_FORMAT = {".nq": "nq", ".nquads": "nq", ".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld"}


def _ns():
    from rdflib import Namespace
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

    return {"cq": Namespace(VOCAB), "oa": Namespace(OA_NS), "icd10cm": Namespace(ICD10CM_IRI), "prov": PROV,
            "skos": SKOS, "dcterms": DCTERMS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
            "drugbank": Namespace("https://go.drugbank.com/drugs/"), "mesh": Namespace("http://id.nlm.nih.gov/mesh/")}


# RFC 3987 / SPARQL IRIREF: no spaces, controls or <>"{}|^`\\ in an IRI.
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class GraphOptions:
    base: str = "urn:clinqa:"
    icd_hierarchy: bool = True

    def __post_init__(self):
        if not (self.base.endswith((":", "/", "#")) and ":" in self.base):
            raise UsageError(f"--base must be an IRI prefix ending in ':', '/' or '#', got {self.base!r}")
        # Checked once here: rdflib would warn once per node ("does not look like a valid URI")
        # and write IRIs no RDF parser reads back.
        bad = _IRI_BAD.search(self.base)
        if not _IRI_SCHEME.match(self.base) or bad:
            what = f"character {bad.group()!r} at {bad.start()}" if bad else "no scheme (letters, then ':')"
            raise UsageError(f"--base {self.base!r} is not an IRI prefix: {what}; use e.g. "
                             "'urn:clinqa:' or 'https://hospital.example/clinqa/' (spaces as %20)")


def _q(s: str) -> str:
    return quote(str(s), safe="")


class TripleMaker:
    """Turns one note's facts into (subject, predicate, object, graph) quads; shared nodes
    (patients, models, runs, concepts and their hierarchy) are stated once per export."""

    def __init__(self, options: GraphOptions | None = None):
        from rdflib import URIRef

        self.o = options or GraphOptions()
        self.ns = _ns()
        self.stated: set[str] = set()
        self.terms = URIRef(self.o.base + "graph/terminology")
        self.shared = URIRef(self.o.base + "graph/shared")

    def iri(self, *parts: str):
        from rdflib import URIRef

        return URIRef(self.o.base + "/".join(_q(p) for p in parts))

    def run_iri(self, table: str):
        return self.iri("run", Path(table).stem)

    def quads(self, nf: NoteFacts) -> Iterator[tuple]:
        from rdflib import Literal, URIRef

        n = self.ns
        cq, prov, oa, rdf, rdfs, dct, xsd = n["cq"], n["prov"], n["oa"], n["rdf"], n["rdfs"], n["dcterms"], n["xsd"]
        run = self.run_iri(nf.table)
        g = run  # each run's statements live in the run's named graph
        note = self.iri("note", nf.note_id)
        # Notes, patients and models are shared by every run over the corpus: their own named
        # graph, so that a note extracted by two questionnaires is one set of statements, not two.
        # Stated with every group rather than remembered: memory stays flat in the number of notes.
        shared = self.shared
        yield note, rdf.type, cq.Note, shared
        yield note, dct.identifier, Literal(nf.note_id), shared
        if nf.patient_id:
            patient = self.iri("patient", nf.patient_id)
            yield note, cq.patient, patient, shared
            if self._first(f"patient {nf.patient_id}"):
                yield patient, rdf.type, cq.Patient, shared
                yield patient, dct.identifier, Literal(nf.patient_id), shared
        for fact in nf.facts:
            r = fact.row
            model = self.iri("model", r.model)
            if self._first(f"run {run}"):
                yield run, rdf.type, prov.Activity, g
                yield run, rdfs.label, Literal(f"clinqa extract -> {Path(nf.table).name}"), g
                table = self.iri("table", Path(nf.table).name)
                yield run, prov.used, table, g
                yield table, rdf.type, prov.Entity, g
                yield table, rdfs.label, Literal(Path(nf.table).name), g
            if self._first(f"model {r.model} {run}"):
                yield run, prov.wasAssociatedWith, model, g
                yield model, rdf.type, prov.SoftwareAgent, self.shared
                yield model, rdfs.label, Literal(r.model), self.shared
            f = self.iri("fact", Path(nf.table).stem, nf.note_id, r.concept_id)
            yield f, rdf.type, cq.Fact, g
            yield f, cq.note, note, g
            yield f, cq.concept, Literal(r.concept_id), g
            yield f, cq.status, cq[fact.status], g
            yield f, cq.answerType, Literal(r.answer_type), g
            yield f, cq.score, Literal(float(r.score), datatype=xsd.double), g
            for pred, val in ((cq.question, r.question), (cq.answer, r.answer), (cq.value, r.value),
                              (cq.unit, r.unit), (cq.category, r.category), (cq.assertion, r.assertion),
                              (cq.sentence, r.sentence_id), (cq.reason, fact.reason)):
                if val not in (None, ""):
                    yield f, pred, Literal(val), g
            if r.value_number is not None:
                yield f, cq.valueNumber, Literal(float(r.value_number), datatype=xsd.double), g
            yield f, prov.wasDerivedFrom, note, g
            yield f, prov.wasGeneratedBy, run, g
            yield f, prov.wasAttributedTo, model, g
            concept = self._concept(r)
            if concept is not None:
                yield f, cq.code, concept, g
                yield from self._concept_quads(r, concept)
            if fact.has_span:
                ann, target = URIRef(f"{f}#annotation"), URIRef(f"{f}#target")
                pos, quote_ = URIRef(f"{f}#position"), URIRef(f"{f}#quote")
                yield ann, rdf.type, oa.Annotation, g
                yield ann, oa.hasBody, f, g
                yield ann, oa.motivatedBy, oa.identifying, g
                yield ann, oa.hasTarget, target, g
                yield ann, prov.wasGeneratedBy, run, g
                yield target, rdf.type, oa.SpecificResource, g
                yield target, oa.hasSource, note, g
                yield target, oa.hasSelector, pos, g
                yield target, oa.hasSelector, quote_, g
                yield pos, rdf.type, oa.TextPositionSelector, g
                yield pos, oa.start, Literal(int(r.start), datatype=xsd.nonNegativeInteger), g
                yield pos, oa.end, Literal(int(r.end), datatype=xsd.nonNegativeInteger), g
                yield quote_, rdf.type, oa.TextQuoteSelector, g
                yield quote_, oa.exact, Literal(r.answer), g

    def _first(self, key: str) -> bool:
        if key in self.stated:
            return False
        self.stated.add(key)
        return True

    def _concept(self, r):
        from rdflib import URIRef

        if not r.code:
            return None
        if r.code_system == "icd10cm":
            return URIRef(ICD10CM_IRI + _q(r.code))
        return URIRef(drug_system(r.code).rstrip("/") + "/" + _q(r.code))

    def _concept_quads(self, r, concept) -> Iterator[tuple]:
        from rdflib import Literal, URIRef

        n, g = self.ns, self.terms
        if not self._first(f"concept {concept}"):
            return
        yield concept, n["rdf"].type, n["skos"].Concept, g
        yield concept, n["skos"].notation, Literal(r.code), g
        if r.code_system == "icd10cm":
            yield from self._icd(r.code, concept)
        else:
            yield concept, n["skos"].inScheme, URIRef(drug_system(r.code)), g
            if r.code_display:
                yield concept, n["skos"].prefLabel, Literal(r.code_display), g

    def _icd(self, code: str, concept) -> Iterator[tuple]:
        """The code's label, and with `icd_hierarchy` its chain of parents up to the chapter."""
        from rdflib import Literal, URIRef

        import simple_icd_10_cm as icd

        n, g = self.ns, self.terms
        scheme = URIRef(ICD10CM_IRI.rstrip("/"))
        if not icd.is_valid_item(code):
            yield concept, n["skos"].inScheme, scheme, g
            return
        # A block holding a single category shares its name ("C50"): one node for both.
        chain = list(dict.fromkeys([code] + (icd.get_ancestors(code) if self.o.icd_hierarchy else [])))
        for child, parent in zip(chain, chain[1:] + [None]):
            node = self._icd_iri(child)
            if child != code and not self._first(f"concept {node}"):
                break  # the rest of the chain was stated with an earlier code
            if child != code:
                yield node, n["rdf"].type, n["skos"].Concept, g
                yield node, n["skos"].notation, Literal(child), g
            level = "chapter" if icd.is_chapter(child) else "category" if icd.is_category(child) else \
                "block" if icd.is_block(child) else "subcategory"
            yield node, n["cq"].level, Literal(level), g
            yield node, n["skos"].prefLabel, Literal(icd.get_description(child)), g
            yield node, n["skos"].inScheme, scheme, g
            if parent is not None:
                yield node, n["skos"].broader, self._icd_iri(parent), g
            elif icd.is_chapter(child):
                yield node, n["skos"].topConceptOf, scheme, g

    @staticmethod
    def _icd_iri(item: str):
        import simple_icd_10_cm as icd
        from rdflib import URIRef

        # Chapters are numbered ("10"); blocks ("J90-J94") and codes ("J90") are their own names.
        return URIRef(ICD10CM_IRI + ("chapter-" + item if icd.is_chapter(item) else _q(item)))


def write_graph(groups: Iterable[NoteFacts], out: str | Path, fmt: str | None = None, *,
                options: GraphOptions | None = None, notes_per_batch: int = 64) -> dict:
    """Serialise `groups` to `out` in batches of notes; `fmt` nq | ttl | jsonld (default: from the suffix)."""
    out = Path(out)
    fmt = fmt or SUFFIX_FORMAT.get(out.suffix.lower())
    if fmt not in FORMATS:
        raise UsageError(f"graph format must be one of {', '.join(FORMATS)} (or an output ending in "
                         f"{', '.join(SUFFIX_FORMAT)}), got {fmt!r}")
    maker = TripleMaker(options)
    counts: Counter = Counter()
    with atomic_output(out) as f:
        writer = _Writer(f, fmt, maker.ns)
        batch: list[tuple] = []
        for i, nf in enumerate(groups, start=1):
            counts["notes"] += 1
            counts["facts"] += len(nf.facts)
            batch.extend(maker.quads(nf))
            if i % notes_per_batch == 0:
                counts["quads"] += writer.write(batch)
                batch = []
        counts["quads"] += writer.write(batch)
        writer.close()
    return {"out": str(out), "format": fmt, **counts}


class _Writer:
    """Appends batches of quads to an open file in one RDF syntax."""

    def __init__(self, f, fmt: str, ns: dict):
        self.f, self.fmt, self.ns = f, fmt, ns
        self.first = True
        if fmt == "ttl":
            # One prefix block up front; each batch is written without its own.
            f.writelines(f"@prefix {p}: <{iri}> .\n" for p, iri in ns.items())
            f.write("\n")
        elif fmt == "jsonld":
            f.write('{"@context": ' + json.dumps(self._context()) + ',\n"@graph": [')

    def _context(self) -> dict:
        return {p: str(iri) for p, iri in self.ns.items()}

    def _dataset(self, quads):
        from rdflib import Dataset, Graph

        if self.fmt == "nq":
            ds = Dataset()
            for s, p, o, g in quads:
                ds.graph(g).add((s, p, o))
            return ds
        graph = Graph()
        for p, iri in self.ns.items():
            graph.bind(p, iri, override=True, replace=True)
        for s, p, o, _ in quads:
            graph.add((s, p, o))
        return graph

    def write(self, quads: list[tuple]) -> int:
        if not quads:
            return 0
        if self.fmt == "nq":
            row = _nq_row()
            if row is not None:  # rdflib's own N-Quads line writer, without building a store per batch
                self.f.writelines(row((s, p, o), g) for s, p, o, g in quads)
            else:
                self.f.write(self._dataset(quads).serialize(format="nquads"))
            return len(quads)
        data = self._dataset(quads)
        if self.fmt == "ttl":
            text = data.serialize(format="turtle")
            self.f.write("".join(line + "\n" for line in text.splitlines() if not line.startswith("@prefix")))
        else:
            doc = json.loads(data.serialize(format="json-ld", context=self._context(), auto_compact=True))
            nodes = doc.get("@graph", [doc] if "@id" in doc else [])
            for node in nodes:
                node.pop("@context", None)
                self.f.write(("\n" if self.first else ",\n") + json.dumps(node, ensure_ascii=False))
                self.first = False
        return len(quads)

    def close(self) -> None:
        if self.fmt == "jsonld":
            self.f.write("\n]}\n")


def _nq_row():
    try:
        from rdflib.plugins.serializers.nquads import _nq_row as row
    except ImportError:  # a private helper: fall back to the serializer if a release moves it
        return None
    return row


# --- the embedded SPARQL store (pyoxigraph, on disk) ------------------------------------------

def _store(path: str | Path, create: bool):
    import pyoxigraph as ox

    p = Path(path)
    if not create and not p.is_dir():
        raise DataError("no graph store here; make one with `clinqa graph load FILE --store PATH`", source=str(p))
    try:
        return ox.Store(str(p))
    except OSError as exc:
        raise DataError(f"cannot open the graph store: {exc}", source=str(p)) from None


def load_graph(files: Iterable[str | Path], store: str | Path) -> dict:
    """Load N-Quads, Turtle or JSON-LD files into the on-disk store (made if absent), all or
    nothing: every file is parsed to its end before the store is opened, so a syntax error in
    the last file loads none of them and makes no empty store."""
    import pyoxigraph as ox

    formats = {"nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
    checked = []
    for f in files:
        p = Path(f)
        if not p.is_file():
            raise DataError("graph file not found", source=str(p))
        fmt = SUFFIX_FORMAT.get(p.suffix.lower())
        if fmt is None:
            raise DataError(f"cannot tell the RDF syntax from {p.suffix!r}; expected one of "
                            + ", ".join(SUFFIX_FORMAT), source=str(p))
        try:
            for _ in ox.parse(path=str(p), format=formats[fmt]):  # streamed: memory stays flat
                pass
        except (SyntaxError, ValueError) as exc:  # (UnicodeDecodeError is a ValueError)
            raise DataError(f"not valid {fmt}: {reason(exc)}; "
                            "nothing was loaded", source=str(p)) from None
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror or exc}", source=str(p)) from None
        checked.append((p, fmt))
    new_store = not Path(store).exists()
    st = _store(store, create=True)
    loaded = []
    try:
        for p, fmt in checked:
            st.bulk_load(path=str(p), format=formats[fmt])
            loaded.append(str(p))
        st.flush()
    except (SyntaxError, OSError) as exc:
        if new_store:
            del st
            import shutil

            shutil.rmtree(store, ignore_errors=True)
        raise DataError(f"loading failed after {len(loaded)} file(s): {reason(exc)}", source=str(p)) from None
    return {"store": str(store), "files": loaded, "quads": len(st)}


def query_graph(store: str | Path, sparql: str) -> dict:
    """Run a read-only, local SPARQL query over every named graph (their union is the default
    graph); SERVICE and updates are refused before anything runs (export/sparql_guard.py).
    SELECT -> {"vars", "rows"}; ASK -> {"boolean"}; CONSTRUCT/DESCRIBE -> {"triples"}."""
    import pyoxigraph as ox

    from clinqa.export.sparql_guard import check_read_only_local

    check_read_only_local(sparql)
    st = _store(store, create=False)
    try:
        res = st.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise UsageError(f"SPARQL syntax error: {exc}") from None
    if isinstance(res, ox.QueryBoolean):
        return {"boolean": bool(res)}
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = [{k: _plain(sol[k]) for k in names} for sol in res]
        return {"vars": names, "rows": rows}
    return {"triples": [[_plain(t.subject), _plain(t.predicate), _plain(t.object)] for t in res]}


def _plain(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if dt.endswith(("#double", "#decimal", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value
