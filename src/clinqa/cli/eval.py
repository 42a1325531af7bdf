"""`clinqa eval <task>`: standard metrics on named data, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, WINDOW_TOKENS_HELP, WINDOW_TOP_N_HELP, emit_json, stdout_console

app = typer.Typer(help="Evaluate models: qa (SQuAD EM/F1 + categories), evidence (ArchEHR-QA subtask 2), "
                       "summarize (ROUGE/BLEU, finding F1, safety rates), generate (ArchEHR-QA subtask 3).",
                  no_args_is_help=True)


@app.command("qa")
def eval_qa_cmd(
    data: Annotated[list[str], typer.Option("--data", "-d", help="SQuAD/emrQA file(s): FILE, FILE#heldout or FILE#train.")],
    model: Annotated[str, typer.Option(help="default (the packaged default reader, clinqa-qa-multilingual), clinqa-qa-minilm, a clinqa folder, or any *ForQuestionAnswering folder/hub id.")] = "default",
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Folder for predictions.jsonl, metrics.json, confusion.png.")] = None,
    max_examples: Annotated[Optional[int], typer.Option(help="Score only the first N questions.")] = None,
    window_top_n: Annotated[Optional[int], typer.Option(help=WINDOW_TOP_N_HELP)] = None,
    window_tokens: Annotated[Optional[int], typer.Option(help=WINDOW_TOKENS_HELP)] = None,
    tune_null: Annotated[Optional[bool], typer.Option("--tune-null/--no-tune-null", help="Tune the no-answer threshold on this data (default: when it has unanswerable questions).")] = None,
    batch_size: Annotated[int, typer.Option(help="Windows per forward pass.")] = 16,
    by_file: Annotated[bool, typer.Option("--by-file", help="Score each --data file on its own (e.g. one XQuAD language each) and report the average.")] = False,
    save_calibration: Annotated[Optional[str], typer.Option(help="Write the tuned abstention threshold to this file or model folder "
                                                                 "(clinqa_calibration.json), where ask/extract/serve read it.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Exact match and F1 (official SQuAD definitions), HasAns/NoAns, the abstention threshold
    used, yes/no verdict accuracy, category accuracy and macro-F1; every question goes through
    the same answer policy as `clinqa ask`."""
    from rich.progress import Progress

    from clinqa.data.splits import read_qa_spec
    from clinqa.evaluate.classification import save_confusion_png
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.routing import load_answerer, reader_options

    reader = load_answerer(model, **reader_options(window_top_n, window_tokens), batch_size=batch_size)
    if by_file:
        per_file = {}
        for spec in data:
            exs = read_qa_spec(spec)[: max_examples or None]
            with Progress(transient=True, console=_stderr()) as bar:
                task = bar.add_task(f"answering {spec}", total=len(exs))
                ev = evaluate_reader(reader, exs, tune_null=tune_null, progress=lambda n: bar.advance(task, n))
            per_file[spec] = {"exact": ev.squad.exact, "f1": ev.squad.f1, "questions": len(exs)}
        avg = {k: sum(v[k] for v in per_file.values()) / len(per_file) for k in ("exact", "f1")}
        result = {"model": getattr(reader, "name", model), "per_file": per_file, "average": avg}
        if json_out:
            emit_json(result)
        else:
            c = stdout_console()
            for spec, v in per_file.items():
                c.print(f"{spec:60s} EM {v['exact']:6.2f}  F1 {v['f1']:6.2f}  ({v['questions']} q)")
            c.print(f"{'average':60s} EM {avg['exact']:6.2f}  F1 {avg['f1']:6.2f}")
        return
    examples = [ex for spec in data for ex in read_qa_spec(spec)]
    if max_examples:
        examples = examples[:max_examples]
    with Progress(transient=True, console=_stderr()) as bar:
        task = bar.add_task("answering", total=len(examples))
        ev = evaluate_reader(reader, examples, tune_null=tune_null, progress=lambda n: bar.advance(task, n))
    result = {"model": getattr(reader, "name", model), "data": data, "questions": len(examples), **ev.to_dict()}
    if save_calibration:
        from clinqa.errors import UsageError
        from clinqa.qa.policy import Calibration

        if ev.abstention.get("min_score") is None or not ev.abstention["source"].startswith("tuned"):
            raise UsageError("--save-calibration needs data with unanswerable questions to tune on (and --tune-null)")
        cal = Calibration(min_score=ev.abstention["min_score"], null_threshold=ev.abstention["null_threshold"],
                          source=f"tuned on {', '.join(data)}", tuned={"questions": len(examples),
                                                                          "f1": ev.squad.f1})
        result["calibration_file"] = str(cal.save(save_calibration))
    if ev.category is not None and ev.category_gold == "weak-labeler":
        result["category_note"] = "gold categories from the weak labeler (the data has none)"
    if out:
        o = Path(out)
        o.mkdir(parents=True, exist_ok=True)
        with (o / "predictions.jsonl").open("w", encoding="utf-8") as f:
            for rec in ev.predictions:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        (o / "metrics.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        result["files"] = {"predictions": str(o / "predictions.jsonl"), "metrics": str(o / "metrics.json")}
        if ev.category is not None:
            result["files"]["confusion_matrix"] = str(save_confusion_png(ev.category, o / "confusion.png"))
    if json_out:
        emit_json(result)
        return
    c = stdout_console()
    c.print(f"[bold]{result['model']}[/bold] on {', '.join(data)}: {len(examples)} questions")
    c.print(f"  EM {ev.squad.exact:.2f}   F1 {ev.squad.f1:.2f}")
    sq = ev.squad.to_dict()
    for part in ("HasAns", "NoAns"):
        if part in sq:
            c.print(f"  {part}: EM {sq[part]['exact']:.2f}   F1 {sq[part]['f1']:.2f}   ({sq[part]['total']} q)")
    ab = ev.abstention
    thr = "none" if ab.get("min_score") is None else f"{ab['min_score']:.4f}"
    c.print(f"  abstention threshold {thr} ({ab.get('source')}); abstained on {ab.get('abstained')} of {ab.get('questions')}")
    if ab.get("precision") is not None or ab.get("recall") is not None:
        c.print(f"  abstentions on unanswerable questions: {ab['on_unanswerable']} of {ab['abstained']} abstentions "
                f"(precision {ab['precision'] if ab['precision'] is not None else '-'}%), of {ab['unanswerable']} "
                f"unanswerable (recall {ab['recall'] if ab['recall'] is not None else '-'}%)")
    if ab.get("confidently_wrong") is not None:
        c.print(f"  confidently wrong: {ab['answered_wrong']} of the answers have F1 0 ({ab['confidently_wrong']}%)")
    if ev.verdicts:
        v = ev.verdicts
        c.print(f"  yes/no verdicts: {v['right']} right, {v['wrong']} wrong, {v['abstained']} abstained of "
                f"{v['questions']}; 'yes' for a finding not present: {v['yes_for_not_present']}")
    if ev.category:
        c.print(f"  category accuracy {ev.category['accuracy']:.1f}   macro-F1 {ev.category['macro_f1']:.1f}"
                f"   (gold: {ev.category_gold})")


@app.command("evidence")
def eval_evidence_cmd(
    key: Annotated[Optional[str], typer.Option(help="ArchEHR-QA key JSON (case_id, answers[sentence_id, relevance]).")] = None,
    submission: Annotated[Optional[str], typer.Option(help="Subtask 2 submission JSON to score against --key.")] = None,
    data: Annotated[Optional[list[str]], typer.Option("--data", "-d", help="Instead of a submission: run the ensemble on SQuAD-format FILE[#part] (proxy) or ArchEHR-QA XML (+ --key).")] = None,
    config: Annotated[Optional[str], typer.Option(help="Ensemble YAML for --data (as written by `clinqa tune evidence`).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Strict and lenient micro/macro P/R/F1 of evidence sentence ids (ArchEHR-QA 2026 subtask 2)."""
    from clinqa.data.archehr import read_key, read_submission
    from clinqa.errors import UsageError
    from clinqa.evaluate.evidence import score_evidence

    if data:
        from clinqa.cli.tune import load_cases, scored_table
        from clinqa.retrieval.ensemble import EnsembleConfig
        from clinqa.train.tune import evaluate_config

        cfg = EnsembleConfig.from_yaml(config) if config else EnsembleConfig()
        cases = load_cases(data, key)
        table = scored_table(cases, list(cfg.weights), cfg, "cases")
        result = {"cases": len(cases), "data": data, "config": config or "defaults", **evaluate_config(table, cfg)}
    else:
        if not (key and submission):
            raise UsageError("give --key and --submission, or --data (with --config)")
        gold = read_key(key)
        preds = {p.case_id: p.prediction for p in read_submission(submission, 2)}
        scores = score_evidence(preds, gold)
        result = {"cases": len(gold), **{mode: {avg: prf.scaled() for avg, prf in v.items()} for mode, v in scores.items()}}
    if json_out:
        emit_json(result)
        return
    c = stdout_console()
    for mode in ("strict", "lenient"):
        m = result[mode]["micro"]
        c.print(f"{mode:8s} micro P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f}")


def _stderr():
    from clinqa.cli._common import stderr_console

    return stderr_console()


@app.command("summarize")
def eval_summarize_cmd(
    data: Annotated[str, typer.Option("--data", "-d", help="Findings/impression pairs: FILE or FILE#heldout (Indiana CSV split by report id), or a prompt/impressions file.")],
    model: Annotated[Optional[list[str]], typer.Option("--model", "-m", help="Models to compare side by side (repeat); default: the base SmolLM2 and the shipped adapter.")] = None,
    samples: Annotated[Optional[int], typer.Option("--samples", "-n", help="Random pairs to score (fixed seed); all when omitted.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the random sample.")] = 42,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Generation limit (the seed used 128).")] = 128,
    batch_size: Annotated[int, typer.Option(min=1, help="Reports per generation batch.")] = 8,
    consistency: Annotated[str, typer.Option(help="The summarizer's consistency check: extractive, regenerate or off; when on, each model is also scored without it from the same run.")] = "extractive",
    predictions: Annotated[Optional[list[str]], typer.Option("--predictions", "-p", help="Score impressions already written by `clinqa summarize --input ... --output FILE` (repeat), matched by id, instead of generating; their `draft` column gives the no-check row.")] = None,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Folder for metrics.json, report.md and predictions.jsonl.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """ROUGE-1/2/L/Lsum, BLEU, finding F1 (rule-based CheXpert labeler) and the normal-for-abnormal and
    dropped-finding rates of base vs fine-tuned summarizers, on all reports and the abnormal ones."""
    from rich.progress import Progress

    from clinqa.data.radiology import read_pairs_spec
    from clinqa.summarize.evaluation import evaluate_summarizers, markdown_report, sample_pairs, write_report
    from clinqa.summarize.model import ADAPTER_MODEL, BASE_MODEL, SummarizerConfig

    pairs = sample_pairs(read_pairs_spec(data), samples, seed)
    if predictions:
        from clinqa.errors import UsageError
        from clinqa.summarize.evaluation import read_predictions, score_predictions

        if model:
            raise UsageError("give --model (generate now) or --predictions (score what was written), not both")
        files = [read_predictions(path, pairs) for path in predictions]
        # every file is scored on the reports they all have, so the rows stay comparable
        ids = set.intersection(*({x.id for x in kept} for _, _, _, kept in files))
        scored = [x for x in pairs if x.id in ids]
        preds, changed = {}, {}
        for name, named, _, kept in files:
            pos = {x.id: i for i, x in enumerate(kept)}
            preds.update({m: [t[pos[x.id]] for x in scored] for m, t in named.items()})
            if len(named) > 1:  # counted on the scored reports only
                changed[name] = sum(a != b for a, b in zip(preds[f"{name} (no check)"], preds[name]))
        ev = score_predictions(preds, scored, data=data, seed=seed, changed=changed)
        result = ev.to_dict(examples=3)
        result["missing_predictions"] = len(pairs) - len(scored)
    else:
        models = model or [BASE_MODEL, ADAPTER_MODEL]
        cfg = SummarizerConfig(max_new_tokens=max_new_tokens, batch_size=batch_size, consistency=consistency)
        with Progress(transient=True, console=_stderr()) as bar:
            task = bar.add_task("summarizing", total=len(pairs) * len(models))
            ev = evaluate_summarizers(models, pairs, data=data, seed=seed, config=cfg,
                                      progress=lambda n: bar.advance(task, n))
        result = ev.to_dict(examples=3)
    if out:
        result["files"] = write_report(ev, out)
    if json_out:
        emit_json(result)
        return
    stdout_console().print(markdown_report(ev, examples=0))


@app.command("generate")
def eval_generate_cmd(
    data: Annotated[str, typer.Option("--data", "-d", help="Cases: ArchEHR-QA .xml (+ --key), SQuAD .json[#part], reference answers .jsonl (notes/ beside it) or the Indiana CSV[#heldout].")],
    model: Annotated[Optional[list[str]], typer.Option("--model", "-m", help="Generators to compare (repeat): extractive (no LM, the default), or an LM for generate mode: named, LoRA adapter folder, folder or hub id.")] = None,
    reader: Annotated[str, typer.Option(help="Extractive reader whose answer sentence joins the plan: default (the packaged default reader, clinqa-qa-multilingual), a packaged name, a folder, or none.")] = "default",
    key: Annotated[Optional[str], typer.Option(help="ArchEHR-QA key JSON, for .xml data.")] = None,
    max_cases: Annotated[Optional[int], typer.Option(help="Score only the first N cases.")] = None,
    bertscore_model: Annotated[str, typer.Option(help="Encoder for BERTScore (named, folder or hub id); none turns it off.")] = "minilm",
    align_model: Annotated[Optional[str], typer.Option(help="AlignScore-compatible or NLI sequence-classification model; without it AlignScore is reported unavailable.")] = None,
    quickumls: Annotated[Optional[str], typer.Option(help="QuickUMLS index folder: official-style MEDCON instead of the licence-free variant.")] = None,
    max_new_tokens: Annotated[int, typer.Option(min=8, help="Generation limit in tokens.")] = 160,
    batch_size: Annotated[int, typer.Option(min=1, help="Cases per generation batch.")] = 4,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Folder for metrics.json and predictions.jsonl.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """ArchEHR-QA subtask 3 metrics (BLEU, ROUGE-Lsum, SARI, BERTScore, AlignScore-style, MEDCON) and citation F1."""
    from rich.progress import Progress

    from clinqa.generate.cases import read_cases
    from clinqa.generate.evaluation import evaluate_generator
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig

    cases = read_cases(data, key=key, max_cases=max_cases)
    qa = None
    if reader.lower() != "none":
        from clinqa.qa.reader import ExtractiveReader

        qa = ExtractiveReader.load(reader)
    results = []
    evidence = None  # one evidence ensemble for all generators: they plan from the same scores
    for m in model or ["extractive"]:
        cfg = (GeneratorConfig(mode="extractive") if m == "extractive" else
               GeneratorConfig(model=m, mode="generate", max_new_tokens=max_new_tokens, batch_size=batch_size))
        gen = AnswerGenerator(cfg, reader=qa, evidence_retriever=evidence)
        with Progress(transient=True, console=_stderr()) as bar:
            task = bar.add_task(f"answering with {m}", total=len(cases))
            ev = evaluate_generator(gen, cases, progress=lambda n: bar.advance(task, n),
                                    bertscore_model=None if bertscore_model.lower() == "none" else bertscore_model,
                                    align_model=align_model, quickumls_path=quickumls)
        results.append(ev)
        evidence = gen.evidence_retriever
    doc = {"data": data, "cases": len(cases), "results": [ev.to_dict() for ev in results]}
    if out:
        o = Path(out)
        o.mkdir(parents=True, exist_ok=True)
        (o / "metrics.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        with (o / "predictions.jsonl").open("w", encoding="utf-8") as f:
            for ev in results:
                for p in ev.predictions:
                    f.write(json.dumps({"model": ev.model, **p}, ensure_ascii=False) + "\n")
        doc["files"] = {"metrics": str(o / "metrics.json"), "predictions": str(o / "predictions.jsonl")}
    if json_out:
        emit_json(doc)
        return
    c = stdout_console()
    for ev in results:
        shown = ", ".join(f"{k} {v:.2f}" if v is not None else f"{k} n/a" for k, v in ev.metrics.items())
        c.print(f"[bold]{ev.model}[/bold] ({ev.cases} cases): {shown}")
        c.print(f"  overall {ev.overall:.2f} ({ev.overall_of})" if ev.overall is not None else "  overall n/a")
        if ev.citations:
            c.print(f"  citations strict micro-F1 {ev.citations['strict']['f1']:.2f}")
        g = ev.grounding
        c.print(f"  unsupported content words {g['unsupported_content_word_rate']}%, assertion conflicts "
                f"{g['assertion_conflict_rate']}%, supported sentences {g['supported_sentence_rate']}%")
