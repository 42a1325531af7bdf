"""`clinqa ask`: answer a question about one note, with offsets and the sentence around it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, check_question, emit_json, load_note, status, stdout_console


def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Note file (.txt, .csv, .jsonl, .parquet, FHIR .json, or - for stdin).")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file (default: the first).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format (txt, csv, jsonl, parquet, noteevents, fhir).")] = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=50, help="How many answers to return.")] = 1,
    max_chars: Annotated[Optional[int], typer.Option(help="Largest note accepted, in characters.")] = None,
    model: Annotated[str, typer.Option(help="Answerer: 'lexical-baseline' (the only one in this version).")] = "lexical-baseline",
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Answer QUESTION from a clinical note; every answer carries character offsets."""
    from clinqa.qa.baseline import LexicalAnswerer
    from clinqa.text import segment

    question = check_question(question)
    if model != "lexical-baseline":
        from clinqa.errors import UsageError
        from clinqa.models import load_tokenizer

        # Unknown names, missing folders and unreachable hub ids fail here with the loader's message.
        load_tokenizer(model)
        raise UsageError(f"--model {model!r}: trained extractive QA models are not available in this "
                         "version yet; use the default lexical-baseline")
    n = load_note(note, note_id, fmt, max_chars)
    with status("reading the note"):
        sentences = segment(n.text, n.id)
        answers = LexicalAnswerer(top_k=top_k).answer(n, question, sentences)
    by_id = {s.id: s for s in sentences}
    for a in answers:
        a.check(n)  # offsets must point at the answer in the original text
    result = {
        "question": question,
        "note_id": n.id,
        "method": answers[0].method,
        "method_note": "lexical baseline: the best-matching sentence by BM25, not a trained reader",
        "answers": [
            {**a.to_dict(), "sentence": _sentence(by_id.get(a.sentence_id))} for a in answers
        ],
    }
    if json_out:
        emit_json(result)
        return
    console = stdout_console()
    console.print(f"[bold]Q:[/bold] {question}   [dim]({result['method_note']})[/dim]")
    for i, a in enumerate(answers, 1):
        if a.is_no_answer:
            console.print("[yellow]No answer found in the note.[/yellow]")
            continue
        console.print(f"[bold green]{i}.[/bold green] {a.text}")
        console.print(f"   [dim]chars {a.start}-{a.end} · sentence {a.sentence_id} · "
                      f"section {by_id[a.sentence_id].section or '-'} · assertion {a.assertion} · score {a.score:.2f}[/dim]")


def _sentence(s):
    if s is None:
        return None
    return {"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section}
