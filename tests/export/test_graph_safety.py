"""`clinqa graph` stays on this machine and loads all or nothing; `export graph` refuses options
that would write IRIs or files nothing can read back."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from clinqa.cli.main import main
from clinqa.export.graph import load_graph, query_graph, write_graph
from clinqa.export.rows import iter_note_facts
from tests.export.test_fhir import example_rows, write_table


def run(argv, capsys):
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap


@pytest.fixture()
def store(tmp_path):
    table = write_table(tmp_path / "facts.parquet", example_rows())
    write_graph(iter_note_facts([table]), tmp_path / "g.nq")
    load_graph([tmp_path / "g.nq"], tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture()
def listener():
    """A local port that counts connections: a SERVICE clause that got through would show here."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    srv.settimeout(0.2)
    hits, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/sparql", hits
    stop.set()
    t.join()
    srv.close()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x ?y ?z . service   silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}#>\nSELECT * WHERE {{ # a comment\n Service r:x {{ ?s ?p ?o }} }}",
])
def test_federated_queries_are_refused_before_anything_runs(store, listener, query, capsys):
    url, hits = listener
    code, cap = run(["graph", "query", query.format(url=url), "--store", str(store)], capsys)
    assert code == 2 and "SERVICE" in cap.err and "never leaves" in cap.err
    assert len(cap.err.strip().splitlines()) == 1
    assert hits == []  # no connection was attempted


def test_service_inside_strings_iris_comments_and_names_is_no_keyword(store):
    q = ('PREFIX service: <urn:clinqa:vocab#>\nSELECT ?service WHERE { ?service a service:Fact . '
         'FILTER(?service != <http://x/SERVICE> && STR(?service) != "SERVICE <http://h/>" && '
         "STR(?service) != '''SERVICE''') } # SERVICE <http://h/>")
    assert len(query_graph(store, q)["rows"]) == len(example_rows())


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <http://127.0.0.1:9/x>",
                                    "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP GRAPH <urn:g>"])
def test_updates_are_refused_with_what_query_runs(store, update, capsys):
    before = query_graph(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["rows"]
    code, cap = run(["graph", "query", update, "--store", str(store)], capsys)
    assert code == 2 and "updates are refused" in cap.err and "SELECT, ASK, CONSTRUCT or DESCRIBE" in cap.err
    assert query_graph(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["rows"] == before


def test_load_is_all_or_nothing(tmp_path, capsys):
    table = write_table(tmp_path / "facts.parquet", example_rows())
    good = tmp_path / "a.nq"
    write_graph(iter_note_facts([table]), good)
    broken = tmp_path / "broken.nq"
    broken.write_text(good.read_text()[:-200] + "\n<urn:x> <urn:y> broken .\n")
    store = tmp_path / "store"
    code, cap = run(["graph", "load", str(good), str(broken), "--store", str(store)], capsys)
    assert code == 2 and str(broken) in cap.err and "nothing was loaded" in cap.err
    assert not store.exists()  # no empty store either
    assert run(["graph", "load", str(good), "--store", str(store), "--json"], capsys)[0] == 0
    quads = query_graph(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["rows"]
    code, cap = run(["graph", "load", str(good), str(broken), "--store", str(store)], capsys)
    assert code == 2
    assert query_graph(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["rows"] == quads


def test_binary_query_file_is_exit_2_naming_it(store, tmp_path, capsys):
    f = tmp_path / "q.rq"
    f.write_bytes(bytes(range(256)) * 4)
    code, cap = run(["graph", "query", "--file", str(f), "--store", str(store)], capsys)
    assert code == 2 and str(f) in cap.err and len(cap.err.strip().splitlines()) == 1
    f.write_bytes(b"SELECT * WHERE { ?s ?p ?o }\x00\x00")
    code, cap = run(["graph", "query", "--file", str(f), "--store", str(store)], capsys)
    assert code == 2 and str(f) in cap.err and "NUL" in cap.err


def test_export_graph_refuses_a_bad_base_and_a_format_that_contradicts_the_suffix(tmp_path, capsys):
    table = write_table(tmp_path / "facts.parquet", example_rows())
    code, cap = run(["export", "graph", str(table), "--base", "http://x y/", "-o", str(tmp_path / "g.nq")], capsys)
    assert code == 2 and "http://x y/" in cap.err and "' '" in cap.err
    assert len(cap.err.strip().splitlines()) == 1 and not (tmp_path / "g.nq").exists()
    code, cap = run(["export", "graph", str(table), "--to", "ttl", "-o", str(tmp_path / "g.nq")], capsys)
    assert code == 2 and "--to ttl" in cap.err and "g.nq" in cap.err and "nq" in cap.err
    assert not (tmp_path / "g.nq").exists()
    code, cap = run(["export", "graph", str(table), "--to", "ttl", "-o", str(tmp_path / "g.ttl"), "--json"], capsys)
    assert code == 0 and json.loads(cap.out)["format"] == "ttl"
    assert Path(tmp_path / "g.ttl").read_text().startswith("@prefix")
