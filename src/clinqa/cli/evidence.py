"""`clinqa evidence`: score every sentence of a note for a question and select evidence."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Optional

import typer

from clinqa.cli._common import ID_COLUMN_HELP, JSON_HELP, TEXT_COLUMN_HELP, check_question, emit_json, load_note, status, stdout_console


def evidence(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Note file, or - for stdin.")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file.")] = None,
    config: Annotated[Optional[str], typer.Option(help="Ensemble YAML (as written by tuning); default weights otherwise.")] = None,
    retrievers: Annotated[Optional[str], typer.Option(help="Comma list of retrievers to use with equal weights, e.g. bm25,tfidf.")] = None,
    top_k: Annotated[Optional[int], typer.Option("--top-k", "-k", min=1, help="At most this many sentences selected.")] = None,
    submission: Annotated[Optional[str], typer.Option(help="Also write ArchEHR-QA subtask 2 submission JSON here.")] = None,
    case_id: Annotated[Optional[str], typer.Option(help="case_id for --submission (default: the note id).")] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Rank the note's sentences as evidence for QUESTION with the BM25 + TF-IDF + neural ensemble."""
    from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
    from clinqa.retrieval.cache import sentences_of

    question = check_question(question)
    cfg = EnsembleConfig.from_yaml(config) if config else EnsembleConfig()
    if retrievers:
        names = [r.strip() for r in retrievers.split(",") if r.strip()]
        cfg = dataclasses.replace(cfg, weights={n: 1.0 for n in names})  # re-validated
    if top_k is not None:
        cfg.top_k = top_k
    n = load_note(note, note_id, text_column=text_column, id_column=id_column)
    with status("scoring sentences"):
        sentences = sentences_of(n.text, n.id)
        items = EvidenceRetriever(cfg).score(question, sentences)
    if submission:
        from clinqa.data import Prediction, write_submission

        write_submission([Prediction(case_id or n.id, tuple(e.sentence_id for e in items if e.selected))],
                         submission, 2)
    if json_out:
        emit_json({"question": question, "note_id": n.id, "weights": cfg.weights, "fusion": cfg.fusion,
                   "sentences": items})
        return
    console = stdout_console()
    for e in items:
        mark = "[bold green]*[/bold green]" if e.selected else " "
        comps = " ".join(f"{k}={v:.2f}" for k, v in e.component_scores.items())
        console.print(f"{mark} [{e.sentence_id}] {e.score:5.2f}  {e.text}  [dim]{comps}[/dim]")
