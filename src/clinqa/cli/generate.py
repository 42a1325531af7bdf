"""`clinqa generate`: a short patient-friendly answer grounded in the note, every sentence
citing note sentence ids that exist."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from clinqa.cli._common import ID_COLUMN_HELP, JSON_HELP, TEXT_COLUMN_HELP, check_question, emit_json, load_note, status, stdout_console


def generate(
    note: Annotated[str, typer.Option("--note", "-n", help="Note file (.txt, .csv, .jsonl, .parquet, FHIR .json, or - for stdin).")],
    question: Annotated[str, typer.Option("--question", "-q", help="The clinician's (or patient's) question.")],
    narrative: Annotated[str, typer.Option(help="The patient's own message, when there is one.")] = "",
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file (default: the first).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format.")] = None,
    mode: Annotated[Optional[str], typer.Option(help="extractive (each evidence sentence in plain language; the default without --model) or generate (an LM rewrites the evidence; every sentence checked).")] = None,
    model: Annotated[Optional[str], typer.Option(help="For --mode generate: smollm2-135m-instruct (offline default), qwen2.5-coder-1.5b-instruct (optional GGUF, `make model-llm`), a LoRA adapter folder from `train generate`, a model folder or hub id with a chat template.")] = None,
    runtime: Annotated[str, typer.Option(help="For GGUF models (qwen2.5-coder-1.5b-instruct): auto (llama.cpp when installed, else transformers), llama.cpp or transformers.")] = "auto",
    reader: Annotated[str, typer.Option(help="Extractive reader whose answer sentence joins the plan: default (the packaged default reader, clinqa-qa-multilingual), a packaged name, a folder, or none.")] = "default",
    evidence_config: Annotated[Optional[str], typer.Option(help="Evidence ensemble YAML (default: the built-in ensemble).")] = None,
    max_new_tokens: Annotated[int, typer.Option(min=8, max=1024, help="Generation limit in tokens.")] = 160,
    max_chars: Annotated[Optional[int], typer.Option(help="Largest note accepted, in characters.")] = None,
    device: Annotated[Optional[str], typer.Option(help="cpu or cuda (default: cuda when present).")] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Answer QUESTION about a note in at most 75 words, one sentence per line, each citing |ids|,
    planned from the evidence sentences; generated sentences that the note does not support are
    replaced by the evidence sentence in plain language (listed under changes)."""
    from clinqa.generate.citations import cited_lines
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig
    from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
    from clinqa.text import segment
    from clinqa.types import to_jsonable

    question = check_question(question)
    n = load_note(note, note_id, fmt, max_chars, text_column=text_column, id_column=id_column)
    retriever = EvidenceRetriever(EnsembleConfig.from_yaml(evidence_config) if evidence_config else EnsembleConfig())
    cfg = GeneratorConfig(model=model, mode=mode, max_new_tokens=max_new_tokens, device=device, runtime=runtime)
    qa = None
    if reader.lower() != "none":
        from clinqa.qa.reader import ExtractiveReader

        with status("loading the reader"):
            qa = ExtractiveReader.load(reader)
    gen = AnswerGenerator(cfg, evidence_retriever=retriever, reader=qa)
    sentences = segment(n.text, n.id)
    with status("loading the model"):
        gen.load()
    with status("writing the answer"):
        ans = gen.answer(n, question, narrative=narrative, sentences=sentences)
    result = {"question": question, "note_id": n.id, "mode": ans.mode, "model": ans.model, "answer": ans.text,
              "sentences": cited_lines(ans.text, n.text, sentences),
              "changes": to_jsonable(list(ans.changes)), "repairs": list(ans.warnings),
              "method_note": METHOD_NOTES[ans.mode]}
    if json_out:
        emit_json(result)
        return
    c = stdout_console()
    c.print(ans.text, markup=False, highlight=False)
    for ch in ans.changes:
        print(f"clinqa: replaced {ch.original!r} -> {ch.replacement!r}: {'; '.join(ch.reasons)}", file=sys.stderr)
    for w in ans.warnings:
        print(f"clinqa: note: {w}", file=sys.stderr)


METHOD_NOTES = {
    "extractive": "the answer policy's answer first, then the supporting evidence; each sentence is a cited note "
                  "sentence in plain language (abbreviations expanded, headers and list markers dropped, "
                  "de-identification placeholders as readable stand-ins); nothing is generated. When the note "
                  "does not hold what was asked, one uncited sentence says so",
    "generate": "a small instruction LM rewrote the planned evidence sentences; every sentence was checked for "
                "support, assertion, numbers and drug names, and failing ones were replaced (see changes)",
}

