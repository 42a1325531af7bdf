"""`clinqa tune evidence`: fit the ensemble's weights, normalisation, threshold and top-k on dev
data and write them to a YAML config that `clinqa evidence --config` reads."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console

app = typer.Typer(help="Tune settings on dev data: evidence (ensemble weights and threshold).", no_args_is_help=True)


def load_cases(data: list[str], key: Optional[str]):
    """ArchEHR-QA XML (+ key) or SQuAD-format files turned into the evidence proxy."""
    from clinqa.data import read_archehr
    from clinqa.data.splits import read_qa_spec
    from clinqa.errors import UsageError
    from clinqa.retrieval.proxy import evidence_cases

    cases = []
    for spec in data:
        if spec.lower().endswith(".xml"):
            if not key:
                raise UsageError(f"{spec}: ArchEHR-QA XML needs --key with the relevance labels")
            cases += [c for c in read_archehr(spec, key) if c.relevance]
        else:
            cases += list(evidence_cases(read_qa_spec(spec)))
    if not cases:
        raise UsageError("no evidence cases with labels in " + ", ".join(data))
    return cases


def default_retrievers() -> list[str]:
    from clinqa.models.registry import PACKAGED_DIR

    have_cross = (PACKAGED_DIR / "clinqa-cross-minilm" / "adapter_model.safetensors").is_file()
    return ["bm25", "tfidf", "dense"] + (["cross"] if have_cross else [])


def scored_table(cases, retrievers, base, label: str):
    from rich.progress import Progress

    from clinqa.cli._common import stderr_console
    from clinqa.train.tune import component_table

    with Progress(transient=True, console=stderr_console()) as bar:
        task = bar.add_task(f"scoring {label}", total=len(cases))
        return component_table(cases, retrievers, base, progress=lambda n: bar.advance(task, n))


@app.command("evidence")
def tune_evidence_cmd(
    data: Annotated[list[str], typer.Option("--data", "-d", help="Dev data: SQuAD-format FILE[#part] (proxy) or ArchEHR-QA XML.")],
    key: Annotated[Optional[str], typer.Option(help="ArchEHR-QA key JSON for XML data.")] = None,
    test: Annotated[Optional[list[str]], typer.Option("--test", help="Held-out data to report the tuned settings on (never tuned on).")] = None,
    test_key: Annotated[Optional[str], typer.Option(help="Key JSON for XML --test data.")] = None,
    retrievers: Annotated[Optional[str], typer.Option(help="Comma list (default: bm25,tfidf,dense and cross when the packaged cross-encoder is present).")] = None,
    cross_model: Annotated[str, typer.Option(help="Cross-encoder for 'cross': clinqa-cross-minilm, a folder or hub id.")] = "clinqa-cross-minilm",
    dense_model: Annotated[str, typer.Option(help="Bi-encoder for 'dense': minilm, multilingual-e5-small (with its "
                                                  "query:/passage: prefixes), a folder or hub id.")] = "minilm",
    step: Annotated[float, typer.Option(min=0.05, max=0.5, help="Weight grid step.")] = 0.1,
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the tuned YAML config.")] = "evidence.yaml",
    max_cases: Annotated[Optional[int], typer.Option(help="Use only the first N cases of --data and of --test.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Grid-search ensemble weights, normalisation, threshold and top-k for strict micro-F1."""
    from clinqa.retrieval.ensemble import EnsembleConfig
    from clinqa.train.tune import evaluate_config, tune

    names = [r.strip() for r in retrievers.split(",")] if retrievers else default_retrievers()
    base = EnsembleConfig(weights={n: 1.0 for n in names}, cross_model=cross_model if "cross" in names else None,
                          dense_model=dense_model)
    dev = scored_table(load_cases(data, key)[:max_cases], names, base, "dev")
    res = tune(dev, names, base, step)
    cfg = res["config"]
    result = {"dev": {"cases": len(dev), "ensemble": res["ensemble"], "rrf": res["rrf"], "singles": res["singles"]},
              "config": out}
    if test:
        held = scored_table(load_cases(test, test_key)[:max_cases], names, base, "test")
        singles = {}
        for r, best in res["singles"].items():
            single = EnsembleConfig(weights={r: 1.0}, normalisation=best["normalisation"], threshold=best["threshold"],
                                    top_k=best["top_k"], min_k=1, cross_model=base.cross_model,
                                    dense_model=dense_model)
            singles[r] = evaluate_config(held, single)
        rrf = EnsembleConfig(weights={n: 1.0 for n in names}, fusion="rrf", threshold=res["rrf"]["threshold"],
                             top_k=res["rrf"]["top_k"], min_k=1, cross_model=base.cross_model, dense_model=dense_model)
        result["test"] = {"cases": len(held), "ensemble": evaluate_config(held, cfg), "rrf": evaluate_config(held, rrf),
                          "singles": singles}
    cfg.to_yaml(out, extra={"dev_data": data, "dev_strict_micro_f1": round(100 * res["ensemble"]["f1"], 2),
                            "retrievers": names, "grid_step": step})
    if json_out:
        emit_json(result)
        return
    c = stdout_console()
    c.print(f"tuned on {len(dev)} dev cases -> {out}: weights {cfg.weights}, {cfg.normalisation}, "
            f"threshold {cfg.threshold}, top_k {cfg.top_k}")
    for r, b in res["singles"].items():
        c.print(f"  dev {r:6s} strict micro-F1 {100 * b['f1']:.2f}")
    c.print(f"  dev ensemble strict micro-F1 {100 * res['ensemble']['f1']:.2f}")
    if test:
        t = result["test"]
        for r, s in t["singles"].items():
            c.print(f"  test {r:6s} strict micro-F1 {s['strict']['micro']['f1']:.2f}")
        c.print(f"  test ensemble strict micro-F1 {t['ensemble']['strict']['micro']['f1']:.2f}")
