"""`clinqa ask`: answer a question about one note, with offsets and the sentence around it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import (ID_COLUMN_HELP, JSON_HELP, LEXICON_HELP, TEXT_COLUMN_HELP, WINDOW_TOKENS_HELP,
                                 check_question, emit_json, load_note, status, stderr_console, stdout_console,
                                 use_lexicon)


def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Note file (.txt, .csv, .jsonl, .parquet, FHIR .json, or - for stdin).")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file (default: the first).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format (txt, csv, jsonl, parquet, noteevents, fhir).")] = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=50, help="How many answers to return.")] = 1,
    max_chars: Annotated[Optional[int], typer.Option(help="Largest note accepted, in characters.")] = None,
    model: Annotated[str, typer.Option(help="auto (the packaged reader for the note's language: clinqa-qa-minilm for "
                                             "English, clinqa-qa-multilingual otherwise), a packaged name, a clinqa "
                                             "model folder, any *ForQuestionAnswering folder or hub id, or lexical-baseline.")] = "auto",
    window_top_n: Annotated[Optional[int], typer.Option(help="Read only the N note windows BM25 ranks highest (faster on long notes).")] = None,
    window_tokens: Annotated[Optional[int], typer.Option(help=WINDOW_TOKENS_HELP)] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    lexicon: Annotated[Optional[list[str]], typer.Option("--lexicon", help=LEXICON_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Answer QUESTION from a clinical note; every answer carries character offsets. Yes/no
    questions get a verdict (yes, no, uncertain, not_mentioned) with the supporting span; when
    the note does not answer, the answer is null with the reason. With `--model auto` the note's
    and question's languages pick the reader (qa/routing.py)."""
    from clinqa.qa.routing import BASELINES, choose_reader, load_answerer, reader_options
    from clinqa.qa.policy import AnswerPolicy, answer_questions
    from clinqa.text import segment

    question = check_question(question)
    use_lexicon(lexicon)
    options = reader_options(window_top_n, window_tokens)  # bad values fail before the note is read
    n = load_note(note, note_id, fmt, max_chars, text_column=text_column, id_column=id_column)
    choice = choose_reader(n.text, question, model)
    if "not installed" in choice.reason:
        stderr_console().print(f"[yellow]note:[/yellow] {choice.reason}")
    model = choice.model
    with status("loading the model"):
        answerer = load_answerer(model, **options)
    if model == "lexical-baseline":
        note_text = "lexical baseline: the best-matching sentence by BM25, not a trained reader"
    elif model in BASELINES:
        note_text = "multilingual sentence baseline: the closest sentence by multilingual-e5-small, not a trained reader"
    else:
        note_text = f"extractive reader {answerer.name}: span, category (the question, else the head), ConText assertion"
    policy = AnswerPolicy.for_reader(answerer)
    with status("reading the note"):
        sentences = segment(n.text, n.id)
        decision = answer_questions(answerer, policy, [(n, question, None)], [sentences], top_k=top_k)[0]
    answers = decision.answers
    by_id = {s.id: s for s in sentences}
    for a in answers:
        a.check(n)  # offsets must point at the answer in the original text
    result = {
        "question": question,
        "note_id": n.id,
        "model": model,
        "languages": {"note": choice.note_language.code,
                      "question": choice.question_language.code if choice.question_language else None},
        "routing": choice.reason,
        "method": answers[0].method.split("+")[0],  # the reader; each answer says how the policy chose it
        "method_note": note_text,
        "answer_type": decision.asked.answer_type,
        "verdict": decision.verdict.to_dict() if decision.verdict else None,
        "reason": decision.reason,
        "abstention": {"min_score": policy.calibration.min_score, "null_threshold": policy.calibration.null_threshold,
                       "source": policy.calibration.source},
        "answers": [
            {**a.to_dict(), "sentence": _sentence(by_id.get(a.sentence_id))} for a in answers
        ],
    }
    if json_out:
        emit_json(result)
        return
    console = stdout_console()
    console.print(f"[bold]Q:[/bold] {question}   [dim]({result['method_note']})[/dim]")
    v = decision.verdict
    if v is not None:
        colour = {"yes": "green", "no": "red", "uncertain": "yellow"}.get(v.verdict, "white")
        console.print(f"[bold {colour}]{v.verdict.upper().replace('_', ' ')}[/bold {colour}]  [dim]{v.reason}[/dim]")
    for i, a in enumerate(answers, 1):
        if a.is_no_answer:
            if v is None:
                console.print(f"[yellow]The note does not answer this:[/yellow] {a.reason or 'no answer found'}")
            continue
        console.print(f"[bold green]{i}.[/bold green] {a.text}")
        section = by_id[a.sentence_id].section if a.sentence_id in by_id else None
        console.print(f"   [dim]chars {a.start}-{a.end} · sentence {a.sentence_id} · section {section or '-'} · "
                      f"category {a.category or '-'}{_source(a.category_source)} · assertion {a.assertion} · "
                      f"score {a.score:.2f}[/dim]")


def _source(source: str | None) -> str:
    # "question: asks ..." is long; the rich view names only who decided, --json has the rule
    return f" ({source.split(':')[0]})" if source else ""


def _sentence(s):
    if s is None:
        return None
    return {"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section}
