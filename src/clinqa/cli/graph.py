"""`clinqa graph load|query`: an embedded SPARQL store (pyoxigraph) on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console

app = typer.Typer(help="Load exported graphs into an on-disk SPARQL store and query it.", no_args_is_help=True)
STORE_HELP = "Store folder (made on first load)."


@app.command("load")
def load(
    files: Annotated[list[str], typer.Argument(help="Graph files from `clinqa export graph` (.nq, .ttl, .jsonld).")],
    store: Annotated[str, typer.Option("--store", "-s", help=STORE_HELP)] = "clinqa-graph",
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Add graph files to the store."""
    from clinqa.export.graph import load_graph

    result = load_graph(files, store)
    if json_out:
        emit_json(result)
    else:
        stdout_console().print(f"{len(result['files'])} file(s) loaded; the store holds {result['quads']} statements")


@app.command("query")
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query (or use --file).")] = None,
    file: Annotated[Optional[str], typer.Option("--file", "-f", help="Read the query from this file.")] = None,
    store: Annotated[str, typer.Option("--store", "-s", help=STORE_HELP)] = "clinqa-graph",
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query over the store; every named graph is part of
    the default graph. Read-only and local: updates and SERVICE (federated queries) are refused."""
    from clinqa.errors import DataError, UsageError
    from clinqa.export.graph import query_graph

    if (sparql is None) == (file is None):
        raise UsageError("give the query as an argument or with --file, not both")
    if file is not None:
        if not Path(file).is_file():
            raise DataError("query file not found", source=file)
        from clinqa.data.checks import decode_bytes

        sparql = decode_bytes(Path(file).read_bytes(), file)  # strict UTF-8: a binary file is exit 2 naming it
        if "\x00" in sparql:
            raise DataError("holds a NUL character: a binary file, not a SPARQL query; pass a text file", source=file)
    result = query_graph(store, sparql)
    if json_out:
        emit_json(result)
        return
    if "rows" in result:
        # Plain aligned columns, never wrapped: the output can be read, diffed and pasted as is.
        cells = [result["vars"]] + [["" if r[v] is None else " ".join(str(r[v]).split()) for v in result["vars"]]
                                    for r in result["rows"]]
        widths = [max(len(row[i]) for row in cells) for i in range(len(result["vars"]))]
        for row in cells:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        print(f"({len(result['rows'])} row{'s' if len(result['rows']) != 1 else ''})")
    elif "boolean" in result:
        print(str(result["boolean"]).lower())
    else:
        for t in result["triples"]:
            print(" ".join(map(str, t)))
