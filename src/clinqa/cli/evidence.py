"""`clinqa evidence`: score every sentence of a note for a question."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, check_question, emit_json, load_note, status, stdout_console


def evidence(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Note file, or - for stdin.")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file.")] = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, help="Sentences to select.")] = 3,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Rank the note's sentences as evidence for QUESTION (BM25 only for now)."""
    from clinqa.retrieval import BM25Scorer
    from clinqa.text import segment
    from clinqa.types import Evidence

    question = check_question(question)
    n = load_note(note, note_id)
    with status("scoring sentences"):
        sentences = segment(n.text, n.id)
        scores = BM25Scorer().fit([s.text for s in sentences]).score(question) if sentences else []
    order = sorted(range(len(sentences)), key=lambda i: -float(scores[i]))
    chosen = {i for i in order[:top_k] if scores[i] > 0}
    items = [
        Evidence(sentence_id=s.id, start=s.start, end=s.end, text=s.text, score=float(scores[i]),
                 selected=i in chosen, component_scores={"bm25": float(scores[i])})
        for i, s in enumerate(sentences)
    ]
    if json_out:
        emit_json({"question": question, "note_id": n.id, "method": "bm25", "sentences": items})
        return
    console = stdout_console()
    for e in items:
        mark = "[bold green]*[/bold green]" if e.selected else " "
        console.print(f"{mark} [{e.sentence_id}] {e.score:6.2f}  {e.text}")
