"""`clinqa ask`: answer a question about one note, with offsets and the sentence around it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import (ID_COLUMN_HELP, JSON_HELP, LEXICON_HELP, TEXT_COLUMN_HELP, WINDOW_TOKENS_HELP,
                                 WINDOW_TOP_N_HELP, check_question, emit_json, load_note, status, stderr_console, stdout_console,
                                 use_lexicon)


def ask(
    note: Annotated[str, typer.Option("--note", "-n", help="Note file (.txt, .csv, .jsonl, .parquet, FHIR .json, or - for stdin).")],
    question: Annotated[Optional[str], typer.Argument(help="The question, in quotes (or use -q / --questions).")] = None,
    more: Annotated[Optional[list[str]], typer.Option("--question", "-q", help="A question; repeat for several (one start-up, one reading of the note).")] = None,
    questions_file: Annotated[Optional[str], typer.Option("--questions", help="A text file of questions, one per line (blank lines and # comments skipped).")] = None,
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file (default: the first).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format (txt, csv, jsonl, parquet, noteevents, fhir).")] = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=50, help="How many answers to return.")] = 1,
    max_chars: Annotated[Optional[int], typer.Option(help="Largest note accepted, in characters.")] = None,
    model: Annotated[str, typer.Option(help="auto (the packaged default reader, clinqa-qa-multilingual, for every "
                                             "language), clinqa-qa-minilm (English, faster), a clinqa "
                                             "model folder, any *ForQuestionAnswering folder or hub id, or lexical-baseline.")] = "auto",
    window_top_n: Annotated[Optional[int], typer.Option(help=WINDOW_TOP_N_HELP)] = None,
    window_tokens: Annotated[Optional[int], typer.Option(help=WINDOW_TOKENS_HELP)] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    lexicon: Annotated[Optional[list[str]], typer.Option("--lexicon", help=LEXICON_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Answer QUESTION from a clinical note; every answer carries character offsets. Yes/no
    questions get a verdict (yes, no, uncertain, not_mentioned) with the supporting span; when
    the note does not answer, the answer is null with the reason. With `--model auto` the note's
    and question's languages pick the reader (qa/routing.py). Several questions (`-q` repeated,
    `--questions FILE`) share one start-up and one reading of the note; with --json they come back
    as one document, `{"note_id", "questions": [one result per question]}`."""
    from clinqa.qa.policy import AnswerPolicy, answer_questions
    from clinqa.qa.routing import choose_reader, load_answerer, reader_options
    from clinqa.retrieval.cache import sentences_of

    asked = _questions(question, more, questions_file)
    use_lexicon(lexicon)
    options = reader_options(window_top_n, window_tokens)  # bad values fail before the note is read
    n = load_note(note, note_id, fmt, max_chars, text_column=text_column, id_column=id_column)
    choices = [choose_reader(n.text, q, model) for q in asked]
    for reason in dict.fromkeys(c.reason for c in choices if "not installed" in c.reason):
        stderr_console().print(f"[yellow]note:[/yellow] {reason}")
    with status("reading the note"):
        sentences = sentences_of(n.text, n.id)
    by_id = {s.id: s for s in sentences}
    results: list[dict] = [{}] * len(asked)
    for name in dict.fromkeys(c.model for c in choices):  # each reader loads once, answers its questions at once
        idx = [i for i, c in enumerate(choices) if c.model == name]
        with status("loading the model"):
            answerer = load_answerer(name, **options)
        policy = AnswerPolicy.for_reader(answerer)
        with status("answering"):
            decisions = answer_questions(answerer, policy, [(n, asked[i], None) for i in idx],
                                         [sentences] * len(idx), top_k=top_k)
        for i, decision in zip(idx, decisions):
            results[i] = _result(n, asked[i], choices[i], answerer, policy, decision, by_id)
    if json_out:
        emit_json(results[0] if len(results) == 1 else {"note_id": n.id, "questions": results})
        return
    console = stdout_console()
    for r in results:
        _print(console, r, by_id)


def _questions(question: str | None, more: list[str] | None, path: str | None) -> list[str]:
    """Every question asked, in order: the argument, each -q, then the file's lines."""
    from pathlib import Path

    from clinqa.errors import DataError, UsageError

    qs = ([question] if question is not None else []) + list(more or [])
    if path:
        p = Path(path)
        if not p.is_file():
            raise DataError("questions file not found", source=path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise DataError("not a UTF-8 text file (one question per line)", source=path) from None
        qs += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not qs:
        raise UsageError("give a question: an argument in quotes, -q QUESTION (repeatable) or --questions FILE")
    return [check_question(q) for q in qs]


def _result(n, question: str, choice, answerer, policy, decision, by_id) -> dict:
    from clinqa.qa.routing import BASELINES

    model = choice.model
    if model == "lexical-baseline":
        note_text = "lexical baseline: the best-matching sentence by BM25, not a trained reader"
    elif model in BASELINES:
        note_text = "multilingual sentence baseline: the closest sentence by multilingual-e5-small, not a trained reader"
    else:
        note_text = f"extractive reader {answerer.name}: span, category (the question, else the head), ConText assertion"
    answers = decision.answers
    for a in answers:
        a.check(n)  # offsets must point at the answer in the original text
    return {
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


def _print(console, result: dict, by_id) -> None:
    console.print(f"[bold]Q:[/bold] {result['question']}   [dim]({result['method_note']})[/dim]")
    v = result["verdict"]
    if v is not None:
        colour = {"yes": "green", "no": "red", "uncertain": "yellow"}.get(v["verdict"], "white")
        console.print(f"[bold {colour}]{v['verdict'].upper().replace('_', ' ')}[/bold {colour}]  [dim]{v['reason']}[/dim]")
    for i, a in enumerate(result["answers"], 1):
        if a["text"] is None:
            if v is None:
                console.print(f"[yellow]The note does not answer this:[/yellow] {a.get('reason') or 'no answer found'}")
            continue
        console.print(f"[bold green]{i}.[/bold green] {a['text']}")
        section = by_id[a["sentence_id"]].section if a.get("sentence_id") in by_id else None
        console.print(f"   [dim]chars {a['start']}-{a['end']} · sentence {a['sentence_id']} · section {section or '-'} · "
                      f"category {a.get('category') or '-'}{_source(a.get('category_source'))} · assertion "
                      f"{a.get('assertion')} · score {a['score']:.2f}[/dim]")


def _source(source: str | None) -> str:
    # "question: asks ..." is long; the rich view names only who decided, --json has the rule
    return f" ({source.split(':')[0]})" if source else ""


def _sentence(s):
    if s is None:
        return None
    return {"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section}
