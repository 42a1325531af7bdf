"""Rows -> RDF (Turtle, N-Quads, JSON-LD) -> pyoxigraph store -> SPARQL gives back the same facts,
offsets and assertions; negated findings stay negated; the ICD-10-CM hierarchy answers chapter queries."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from clinqa.errors import DataError, UsageError
from clinqa.export.graph import GraphOptions, load_graph, query_graph, write_graph
from clinqa.export.rows import fact_status, iter_note_facts
from tests.cli.test_main import run_json
from tests.export.test_fhir import NOTE, example_rows, row, write_table

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = """PREFIX cq: <urn:clinqa:vocab#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
FACTS = PREFIXES + """SELECT ?note ?concept ?status ?answer ?start ?end ?assertion ?code ?model WHERE {
  ?f a cq:Fact ; cq:note/<http://purl.org/dc/terms/identifier> ?note ; cq:concept ?concept ; cq:status ?status ;
     prov:wasAttributedTo/<http://www.w3.org/2000/01/rdf-schema#label> ?model .
  OPTIONAL { ?f cq:answer ?answer }
  OPTIONAL { ?f cq:assertion ?assertion }
  OPTIONAL { ?f cq:code/skos:notation ?code }
  OPTIONAL { ?a oa:hasBody ?f ; oa:hasTarget ?t . ?t oa:hasSelector ?sel . ?sel a oa:TextPositionSelector ;
             oa:start ?start ; oa:end ?end }
} ORDER BY ?note ?concept"""


@pytest.fixture
def table(tmp_path):
    rows = example_rows() + [replace(r, note_id="n2") for r in example_rows()[:3]]
    return write_table(tmp_path / "facts.parquet", rows), rows


def expected(rows):
    out = []
    for r in sorted(rows, key=lambda r: (r.note_id, r.concept_id)):
        has_span = r.answer is not None and r.end > r.start
        out.append({"note": r.note_id, "concept": r.concept_id, "status": "urn:clinqa:vocab#" + fact_status(r),
                    "answer": r.answer, "start": r.start if has_span else None, "end": r.end if has_span else None,
                    "assertion": r.assertion, "code": r.code, "model": r.model})
    return out


@pytest.mark.parametrize("fmt", ["nq", "ttl", "jsonld"])
def test_parquet_to_rdf_to_sparql_gives_the_same_facts(table, tmp_path, fmt):
    path, rows = table
    out = tmp_path / f"graph.{fmt}"
    result = write_graph(iter_note_facts([path], batch_rows=4), out, notes_per_batch=1)
    assert result["notes"] == 2 and result["facts"] == len(rows)
    load_graph([out], tmp_path / "store")
    got = query_graph(tmp_path / "store", FACTS)["rows"]
    assert got == expected(rows)
    start, end = NOTE.text.index("3.2 mmol/L"), NOTE.text.index("3.2 mmol/L") + len("3.2 mmol/L")
    potassium = next(r for r in got if r["concept"] == "potassium" and r["note"] == NOTE.id)
    assert (potassium["start"], potassium["end"]) == (start, end)


def test_negated_findings_are_never_asserted(table, tmp_path):
    path, _ = table
    write_graph(iter_note_facts([path]), tmp_path / "g.nq")
    load_graph([tmp_path / "g.nq"], tmp_path / "store")
    present = query_graph(tmp_path / "store", PREFIXES + """
        SELECT DISTINCT ?concept WHERE { ?f cq:status cq:present ; cq:concept ?concept } ORDER BY ?concept""")
    names = [r["concept"] for r in present["rows"]]
    assert "pleural_effusion" not in names and "principal_diagnosis" not in names  # yes/no "no", negated span
    assert "family_cancer" not in names  # a relative's illness is not the patient's
    assert names == ["allergies", "discharge_medications", "potassium"]
    negated = query_graph(tmp_path / "store", PREFIXES + """
        SELECT ?concept WHERE { ?f cq:status cq:negated ; cq:concept ?concept ; cq:note ?n } ORDER BY ?concept""")
    assert {r["concept"] for r in negated["rows"]} == {"pleural_effusion", "principal_diagnosis"}


def test_icd_hierarchy_finds_codes_by_chapter_and_block(table, tmp_path):
    path, _ = table
    write_graph(iter_note_facts([path]), tmp_path / "g.ttl")
    load_graph([tmp_path / "g.ttl"], tmp_path / "store")
    chapter = query_graph(tmp_path / "store", PREFIXES + """
        SELECT DISTINCT ?code ?chapter WHERE { ?f cq:code ?c . ?c skos:notation ?code ; skos:broader+ ?ch .
          ?ch cq:level "chapter" ; skos:prefLabel ?chapter }""")
    assert {(r["code"], r["chapter"].split(" (")[0]) for r in chapter["rows"]} == {
        ("J90", "Diseases of the respiratory system"), ("C50.919", "Neoplasms")}
    block = query_graph(tmp_path / "store", PREFIXES + """
        ASK { ?c skos:notation "J90" ; cq:level "category" ; skos:broader ?b . ?b skos:notation "J90-J94" ;
              cq:level "block" ; skos:broader ?ch . ?ch cq:level "chapter" }""")
    assert block == {"boolean": True}
    write_graph(iter_note_facts([path]), tmp_path / "flat.nq", options=GraphOptions(icd_hierarchy=False))
    assert "skos/core#broader" not in (tmp_path / "flat.nq").read_text()


def test_patients_come_from_the_corpus(tmp_path):
    from clinqa.data import write_notes
    from clinqa.types import Note

    corpus = tmp_path / "notes.jsonl"
    write_notes([Note(NOTE.id, NOTE.text, {"SUBJECT_ID": 42}), Note("n2", "Other note.", {"SUBJECT_ID": 42})], corpus)
    path = write_table(tmp_path / "facts.parquet", [row("a"), replace(row("b"), note_id="n2")])
    from clinqa.data import read_notes

    write_graph(iter_note_facts([path], lambda: read_notes(corpus)), tmp_path / "g.nq")
    load_graph([tmp_path / "g.nq"], tmp_path / "store")
    res = query_graph(tmp_path / "store", PREFIXES + """
        SELECT ?id (COUNT(?n) AS ?notes) WHERE { ?n cq:patient ?p . ?p a cq:Patient ;
          <http://purl.org/dc/terms/identifier> ?id } GROUP BY ?id""")
    assert res["rows"] == [{"id": "42", "notes": 2}]


def test_export_and_query_cli(table, tmp_path, capsys):
    path, rows = table
    store = str(tmp_path / "store")
    code, cap = run_json(["export", "graph", str(path), "--to", "ttl", "--json"], capsys)
    assert code == 0, cap.err
    ttl = json.loads(cap.out)["out"]
    assert ttl == str(path.with_suffix(".ttl"))
    code, cap = run_json(["graph", "load", ttl, "--store", store, "--json"], capsys)
    assert code == 0 and json.loads(cap.out)["quads"] > 100
    code, cap = run_json(["graph", "query", FACTS, "--store", store, "--json"], capsys)
    assert code == 0 and json.loads(cap.out)["rows"] == expected(rows)
    code, cap = run_json(["graph", "query", "SELEKT nothing", "--store", store], capsys)
    assert code == 2 and "SPARQL syntax error" in cap.err
    code, cap = run_json(["graph", "query", "ASK {}", "--store", str(tmp_path / "none")], capsys)
    assert code == 2 and "clinqa graph load" in cap.err
    code, cap = run_json(["export", "graph", str(path), "--to", "xml"], capsys)
    assert code == 2 and "ttl" in cap.err


def test_bad_options_and_files_are_clear_errors(tmp_path):
    with pytest.raises(UsageError, match="--base"):
        GraphOptions(base="clinqa")
    (tmp_path / "g.rdf").write_text("<x/>")
    with pytest.raises(DataError, match="RDF syntax"):
        load_graph([tmp_path / "g.rdf"], tmp_path / "store")
    assert not (tmp_path / "store").exists()  # nothing loaded, no empty store left behind
    (tmp_path / "g.ttl").write_text("this is not turtle")
    with pytest.raises(DataError, match="not valid ttl"):
        load_graph([tmp_path / "g.ttl"], tmp_path / "store")


def test_readme_queries_run_on_the_shipped_example_graph(tmp_path):
    """The README's three queries, on the committed example tables, give the results it shows."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Linked data: FHIR and knowledge graph", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r'query --file (examples/linked/\S+\.rq)', section)
    assert len(queries) == 3
    tables = sorted((ROOT / "examples" / "linked").glob("*.parquet"))
    write_graph(iter_note_facts(tables), tmp_path / "g.nq")
    load_graph([tmp_path / "g.nq"], tmp_path / "store")
    for q in queries:
        result = query_graph(tmp_path / "store", (ROOT / q).read_text())
        assert result["rows"], q
        shown = section.split(f"query --file {q}", 1)[1].split("```")[2]  # the output block after the command
        for r in result["rows"]:
            assert all(" ".join(str(v).split()) in shown for v in r.values() if v is not None), (q, r)


@pytest.mark.parametrize("command", ["export fhir", "export graph", "export questionnaire", "graph load", "graph query"])
def test_new_commands_have_help_and_json(command, capsys):
    from clinqa.cli.main import main

    assert main([*command.split(), "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_export_questionnaire_reads_back(tmp_path, capsys):
    out = tmp_path / "q.json"
    code, cap = run_json(["export", "questionnaire", "radiology-report", "-o", str(out), "--json"], capsys)
    from clinqa.questionnaire import load_questionnaire

    assert code == 0 and json.loads(cap.out)["items"] == len(load_questionnaire("radiology-report").concepts)

    assert load_questionnaire(out).concepts == load_questionnaire("radiology-report").concepts
