"""Cold starts of the CLI, each in a fresh process: `--help`, an input error, one question on
the example discharge summary with the reader on torch (weights loaded and hashed) and on the
ONNX export recorded for these model files (qa/onnx.py: no torch weights built), one question
whose category needs the ICD-10-CM and drug vocabularies, and 20 questions in one call; and
the reader's load alone (after the imports the CLI does anyway) on each backend. Wall seconds and the child's CPU seconds (user + system: on a shared
machine the wall time includes waiting for a core), medians of --repeat runs, plus the
import-time of the heavy libraries for one question (`python -X importtime`).

    python benchmarks/cold_start.py [--repeat 3] [--note examples/discharge_summary.txt] [--baseline REV]

With --baseline, the two one-question commands also run on the code of REV (its `src` from `git
archive`, on this checkout's environment, each variant with its own recorded export), runs of the
two interleaved so both see the same machine, and their ratios are printed.

clinqa's own modules are compiled to bytecode first, as pip does when it installs a package.

Prints one JSON document. Issue 29: --help <= 1.5 s; one question cold <= 6 s; 20 questions in
one call <= 2x one question.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "What medications was the patient discharged on?", "Why was the patient admitted?", "What is the potassium level?",
    "Does the patient have diabetes?", "What did the chest x-ray show?", "What was the heart rate?",
    "Is the patient allergic to penicillin?", "What antibiotics were given?", "What is the follow-up plan?",
    "Was there a pleural effusion?", "What was the white blood cell count?", "What is the creatinine?",
    "Does the patient smoke?", "What was the blood pressure?", "What dose of levofloxacin?",
    "Was the patient intubated?", "What is the diagnosis?", "Does the patient have chest pain?",
    "What was the oxygen saturation?", "Who is the primary care physician?",
]
HEAVY = ("torch", "spacy", "medspacy", "nltk", "transformers", "onnxruntime", "sklearn", "simple_icd_10_cm",
         "drug_named_entity_recognition")


def clinqa(*args: str, env: dict | None = None, src: Path | None = None) -> tuple[float, float, int, str]:
    """(wall s, CPU s, exit code, stderr) of `python -m clinqa.cli.main ARGS` in a fresh process
    (on the code under `src` when given)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    env = {**os.environ, **(env or {}), **({"PYTHONPATH": str(src)} if src else {})}
    r = subprocess.run([sys.executable, "-m", "clinqa.cli.main", *args], check=False, cwd=ROOT, capture_output=True,
                       env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.returncode, r.stderr.decode("utf-8", "replace")


def timed(repeat: int, *args: str, env: dict | None = None, code: int = 0) -> dict:
    return summary([clinqa(*args, env=env) for _ in range(repeat)], args, code)


def summary(runs: list, args, code: int = 0) -> dict:
    bad = [(c, err) for _, _, c, err in runs if c != code]
    if bad:
        sys.exit(f"clinqa {' '.join(args[:3])}... exited {bad[0][0]}, expected {code}: {bad[0][1][-500:]}")
    return {"wall_s": round(statistics.median(r[0] for r in runs), 2),
            "cpu_s": round(statistics.median(r[1] for r in runs), 2)}


def against_baseline(rev: str, repeat: int, commands: dict[str, list[str]], tmp: Path) -> dict:
    """Each command on REV's code and on the working tree, runs interleaved; medians and ratios."""
    import compileall
    import tarfile

    archive = tmp / "base.tar"
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), rev, "src"], cwd=ROOT, check=True)
    with tarfile.open(archive) as t:
        t.extractall(tmp / "base", filter="data")
    base = tmp / "base" / "src"
    compileall.compile_dir(str(base), quiet=1)
    env = {"CLINQA_BACKEND": "onnx"}
    for args in commands.values():  # each variant's own export and caches, made before timing
        clinqa(*args, env=env, src=base)
        clinqa(*args, env=env)
    out: dict = {"rev": rev}
    for name, args in commands.items():
        runs: dict[str, list] = {"baseline": [], "working_tree": []}
        for _ in range(repeat):
            runs["baseline"].append(clinqa(*args, src=base))
            runs["working_tree"].append(clinqa(*args))
        b, w = summary(runs["baseline"], args), summary(runs["working_tree"], args)
        out[name] = {"baseline": b, "working_tree": w, "wall_ratio": round(w["wall_s"] / b["wall_s"], 2),
                     "cpu_ratio": round(w["cpu_s"] / b["cpu_s"], 2)}
    return out


LOAD = """
import sys, time
import spacy, torch, transformers  # what the CLI imports anyway
from clinqa.qa.reader import ExtractiveReader
t, c = time.perf_counter(), time.process_time()
r = ExtractiveReader.load("clinqa-qa-minilm")
print(time.perf_counter() - t, time.process_time() - c, r._model is None)
"""


def reader_load(repeat: int, backend: str) -> dict:
    """Seconds `ExtractiveReader.load` takes in a fresh process, imports excluded."""
    runs = []
    for _ in range(repeat):
        r = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "CLINQA_BACKEND": backend})
        wall, cpu, no_torch = r.stdout.split()
        runs.append((float(wall), float(cpu), no_torch == "True"))
    return {"wall_s": round(statistics.median(w for w, _, _ in runs), 2),
            "cpu_s": round(statistics.median(c for _, c, _ in runs), 2), "torch_model_built": not runs[0][2]}


def import_times(note: str, env: dict) -> dict:
    """Cumulative import seconds of the heavy libraries for one question (first importer wins)."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "clinqa.cli.main", "ask", "--note", note,
                        QUESTIONS[0], "--json"], check=False, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env})
    out = {}
    for line in r.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() in HEAVY and parts[1].strip().isdigit():
            out.setdefault(parts[2].strip(), round(int(parts[1]) / 1e6, 2))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--note", default=str(ROOT / "examples" / "discharge_summary.txt"))
    ap.add_argument("--baseline", help="a revision whose code to time beside the working tree's")
    args = ap.parse_args()
    ask = ["ask", "--note", args.note, "What is the potassium level?", "--json"]
    # Bytecode as an installed clinqa has it (pip compiles on install): in an editable checkout
    # under PYTHONDONTWRITEBYTECODE (this sandbox sets it), every process would otherwise compile
    # each module edited since its .pyc was written again, about 1.5 s of a cold question.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "clinqa"), quiet=1)
    clinqa(*ask, env={"CLINQA_BACKEND": "onnx"})  # exports once if needed and records the export: not timed
    with tempfile.TemporaryDirectory() as tmp:
        qfile = Path(tmp) / "questions.txt"
        qfile.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
        out = {
            "help": timed(args.repeat, "--help"),
            "ask_help": timed(args.repeat, "ask", "--help"),
            "input_error": timed(args.repeat, "ask", "--note", str(Path(tmp) / "missing.txt"), "q", code=2),
            "one_question_torch": timed(args.repeat, *ask, env={"CLINQA_BACKEND": "torch"}),
            "one_question_onnx": timed(args.repeat, *ask, env={"CLINQA_BACKEND": "auto"}),
            "one_question_icd_and_drug_vocabularies": timed(args.repeat, "ask", "--note", args.note, QUESTIONS[0],
                                                            "--json", env={"CLINQA_BACKEND": "auto"}),
            "twenty_questions_onnx": timed(args.repeat, "ask", "--note", args.note, "--questions", str(qfile), "--json",
                                           env={"CLINQA_BACKEND": "auto"}),
        }
    out["reader_load_torch"] = reader_load(args.repeat, "torch")
    out["reader_load_onnx"] = reader_load(args.repeat, "auto")
    one, torch_one = out["one_question_onnx"], out["one_question_torch"]
    out["ratios"] = {
        "onnx_vs_torch_wall": round(one["wall_s"] / torch_one["wall_s"], 2),
        "onnx_vs_torch_cpu": round(one["cpu_s"] / torch_one["cpu_s"], 2),
        "reader_load_onnx_vs_torch_wall": round(out["reader_load_onnx"]["wall_s"] / out["reader_load_torch"]["wall_s"], 2),
        "twenty_vs_one_wall": round(out["twenty_questions_onnx"]["wall_s"] / one["wall_s"], 2),
        "twenty_vs_one_cpu": round(out["twenty_questions_onnx"]["cpu_s"] / one["cpu_s"], 2),
    }
    out["import_s_one_question"] = import_times(args.note, {"CLINQA_BACKEND": "auto"})
    if args.baseline:
        with tempfile.TemporaryDirectory() as tmp:
            out["against_baseline"] = against_baseline(args.baseline, args.repeat, {
                "one_question": ask, "one_question_icd_and_drug_vocabularies":
                    ["ask", "--note", args.note, QUESTIONS[0], "--json"]}, Path(tmp))
    out["repeat"] = args.repeat
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
