"""Load on the real `clinqa serve` over loopback: a bounded number of requests, first one at a
time (the baseline), then with N concurrent clients (requests batched by the server), same
requests both times; then the same N clients again while one maximum-size note (the server's
note limit, 2,000,000 characters by default) is being read. Prints throughput, p50/p95
latency, the ratio to the baseline, whether any request failed, and what became of the big
note (200, or 504 once it passed the server's timeout and was stopped).

    .venv/bin/python benchmarks/serve_load.py [--requests 48] [--concurrency 8] [--bound 5]

Exits non-zero if a small request failed or the small-request p95 beside the big note is over
--bound seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    ("discharge_summary.txt", "What medications was the patient discharged on?"),
    ("discharge_summary.txt", "What did the chest x-ray show?"),
    ("progress_note.txt", "What is the potassium level?"),
    ("radiology_report.txt", "Is there a pleural effusion?"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def run(url: str, bodies: list[dict], concurrency: int) -> dict:
    import httpx

    latencies, failures = [], 0
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=300) as client:
        async def one(body):
            nonlocal failures
            async with sem:
                t = time.perf_counter()
                r = await client.post(url + "/v1/answer", json=body)
                latencies.append(time.perf_counter() - t)
                failures += r.status_code != 200
        t0 = time.perf_counter()
        await asyncio.gather(*(one(b) for b in bodies))
        wall = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=20)
    return {"throughput": len(bodies) / wall, "p50": statistics.median(latencies), "p95": q[18], "failed": failures}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=48)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--model", default="clinqa-qa-minilm")
    ap.add_argument("--big-chars", type=int, default=2_000_000, help="the big note's length (the default note limit)")
    ap.add_argument("--bound", type=float, default=5.0, help="small-request p95 allowed beside the big note, seconds")
    ap.add_argument("--timeout", type=float, default=60.0, help="the server's --timeout")
    ap.add_argument("--evidence", action="store_true", help="small requests ask for evidence too (the API default)")
    ap.add_argument("--large-window-top-n", type=int, default=None,
                    help="the server's --large-window-top-n (default: the server's; 0 reads every window)")
    args = ap.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CLINQA_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "clinqa.cli.main", "serve", "--port", str(port), "--model", args.model,
                             "--summarize-model", "none", "--max-chars", str(args.big_chars), "--timeout", str(args.timeout),
                             *(["--large-window-top-n", str(args.large_window_top_n)]
                               if args.large_window_top_n is not None else [])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        for _ in range(240):
            try:
                if json.load(urllib.request.urlopen(url + "/healthz", timeout=1))["models_loaded"]:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("server did not start")
        notes = {n: (ROOT / "examples" / n).read_text(encoding="utf-8") for n, _ in QUESTIONS}
        bodies = [{"note": notes[n], "question": q, "with_evidence": args.evidence}
                  for n, q in (QUESTIONS[i % len(QUESTIONS)] for i in range(args.requests))]
        asyncio.run(run(url, bodies[:2], 1))  # warm-up
        base = asyncio.run(run(url, bodies, 1))
        conc = asyncio.run(run(url, bodies, args.concurrency))
        base_note = "\n\n".join(notes.values()) + "\n\n"
        big = {"note": (base_note * (args.big_chars // len(base_note) + 1))[:args.big_chars],
               "question": "What is the potassium level?", "with_evidence": False}
        beside, big_status = asyncio.run(beside_big(url, bodies, args.concurrency, big))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"{args.requests} POST /v1/answer requests ({'with' if args.evidence else 'without'} evidence), "
          f"model {args.model}, server on loopback")
    print(f"{'clients':>8s} {'req/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'failed':>7s} {'ratio':>7s}")
    for name, r in (("1", base), (str(args.concurrency), conc), (f"{args.concurrency}+big", beside)):
        print(f"{name:>8s} {r['throughput']:8.2f} {1000 * r['p50']:8.0f} {1000 * r['p95']:8.0f} {r['failed']:7d} "
              f"{r['throughput'] / base['throughput']:6.2f}x")
    print(f"big note: {args.big_chars:,} characters, HTTP {big_status[0]} after {big_status[1]:.1f} s "
          f"(server timeout {args.timeout:g} s); small-request p95 beside it {beside['p95']:.2f} s, "
          f"bound {args.bound:g} s")
    if base["failed"] or conc["failed"] or beside["failed"]:
        sys.exit("some requests failed")
    if beside["p95"] > args.bound:
        sys.exit(f"small-request p95 {beside['p95']:.2f} s is over the bound of {args.bound:g} s")


async def beside_big(url: str, bodies: list[dict], concurrency: int, big: dict) -> tuple[dict, tuple[int, float]]:
    """The small requests again, while one maximum-size note is in flight."""
    import httpx

    async with httpx.AsyncClient(timeout=600) as client:
        t = time.perf_counter()
        big_task = asyncio.ensure_future(client.post(url + "/v1/answer", json=big))
        await asyncio.sleep(2.0)  # the big note is admitted and being read
        small = await run(url, bodies, concurrency)
        if big_task.done():
            print("note: the big note finished before the small requests did", file=sys.stderr)
        r = await big_task
    return small, (r.status_code, time.perf_counter() - t)


if __name__ == "__main__":
    main()
