"""Process-wide run-time settings shared by the CLI, the server and Ray workers: where clinqa
caches what it builds, how many threads torch may use, and cooperative cancellation of long work.

Threads: torch sizes its intra-op pool from the machine's cores, not from the cores this
process may use (CPU affinity, a container's CPU quota); on a busy 2-core machine the extra
OpenMP threads spin against other processes (benchmarks/threads.py measures it). One setting,
in this order: the explicit argument, `CLINQA_THREADS`, `OMP_NUM_THREADS` (Ray sets it per
actor), the cores actually available. Worker processes (`extract`): one per core of that setting,
each with its share of the threads (`worker_setting`, CLINQA_WORKERS).

Cancellation: a thread cannot be killed, so long work checks a token at its natural steps
(each spaCy block, each batch of reader windows) and stops there with `Cancelled`; the server
cancels the token when a request times out or its client goes away.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


# ------------------------------------------------------------------ cache
def cache_root() -> Path:
    """Where clinqa keeps what it builds once per machine (models, ONNX exports, vocabulary
    indexes): `CLINQA_CACHE`, else the user cache folder."""
    env = os.environ.get("CLINQA_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clinqa"))


def write_cache_file(path: Path, text: str | bytes) -> None:
    """Write a file of the cache folder whole or not at all: a unique temporary file beside it,
    renamed onto it (processes may write the same file at once; a reader never sees half of
    one). Raises OSError; callers log it and go on, since a cache that cannot be written only
    costs the next process the work again."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8")) as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def kept_copy(name: str, source: Path, suffix: str) -> Path | None:
    """Where the cache folder keeps a decompressed copy of an installed package's data file:
    `vocabularies/NAME-SIZE-MTIME.SUFFIX`, so that an upgrade (a new file) gets a new copy without
    asking the package's version (importlib.metadata costs more than the read saves). None when
    the source cannot be read."""
    try:
        st = source.stat()
    except OSError:
        return None
    return cache_root() / "vocabularies" / f"{name}-{st.st_size}-{st.st_mtime_ns}{suffix}"


def write_kept_copy(path: Path, data: bytes, family: str) -> None:
    """Write a `kept_copy` whole, then remove the copies of the same file that earlier installs
    (or layouts) left, `FAMILY-*` with its suffix (the language model's is 68 MB). Raises OSError,
    like `write_cache_file`."""
    write_cache_file(path, data)
    for old in path.parent.glob(f"{family}-*{path.suffix}"):
        if old != path:
            old.unlink(missing_ok=True)


# ------------------------------------------------------------------ threads
def available_cores() -> int:
    """Cores this process may run on: CPU affinity, capped by a cgroup v2 CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    try:  # "max 100000" (no quota) or "200000 100000" (2 CPUs)
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cores)


def _positive_env(name: str) -> int | None:
    """The positive integer environment variable `name` sets, None when unset; anything else is
    a UsageError naming it."""
    env = os.environ.get(name, "").strip()
    if not env:
        return None
    if not env.isdigit() or int(env) < 1:
        from clinqa.errors import UsageError

        raise UsageError(f"{name} must be a positive integer, got {env!r}")
    return int(env)


def thread_setting(n: int | None = None, *, share: int = 1) -> int:
    """Intra-op threads to use: `n`, else CLINQA_THREADS, else the available cores divided
    among `share` workers that run inference at the same time (at least 1)."""
    if n is None:
        n = _positive_env("CLINQA_THREADS")
    if n is None:
        # OpenMP's own variable (Ray sets it to an actor's CPUs) is honoured, as torch does
        omp = os.environ.get("OMP_NUM_THREADS", "").strip()
        if omp.isdigit() and int(omp) >= 1:
            n = int(omp)
    if n is None:
        n = max(1, available_cores() // max(1, share))
    return max(1, int(n))


_configured: int | None = None
_lock = threading.Lock()


def configure_threads(n: int | None = None, *, share: int = 1, force: bool = False) -> int:
    """Set torch's intra-op threads once per process (model loaders call this; an explicit
    call with `force` wins over an earlier automatic one)."""
    global _configured
    with _lock:
        if _configured is not None and not force:
            return _configured
        threads = thread_setting(n, share=share)
        import torch

        torch.set_num_threads(threads)
        _configured = threads
        log.debug("torch intra-op threads: %d", threads)
        return threads


_onnx_threads: int | None = None


def set_onnx_threads(n: int | None) -> int:
    """Intra-op threads for ONNX Runtime sessions created from now on (None: `thread_setting`)."""
    global _onnx_threads
    _onnx_threads = thread_setting(n)
    return _onnx_threads


def onnx_threads() -> int:
    """Intra-op threads of an ONNX Runtime session: `set_onnx_threads`'s, else torch's setting
    (`configure_threads`) when one was made, else CLINQA_THREADS, OMP_NUM_THREADS or the
    available cores. The server sets them apart from torch's and does not halve them per lane:
    with all cores per lane, 8 small clients beside a 450,000-character note had a p95 of
    1.99 s vs 2.47-3.29 s with half (benchmarks/serve_load.py, README)."""
    return _onnx_threads if _onnx_threads is not None else current_threads()


def current_threads() -> int:
    """What configure_threads chose, else what it would choose (ONNX Runtime sessions outside
    the server, llama.cpp)."""
    return _configured if _configured is not None else thread_setting()


def available_memory_mb() -> int | None:
    """MemAvailable of /proc/meminfo in MB (None where there is none: not Linux)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


# a local extract worker's peak resident memory with the default reader (about 1.0 GB measured
# with /usr/bin/time on the dev notes), with room for long notes
WORKER_MB = 1500


def worker_setting(n: int | None = None) -> int:
    """Worker processes of `extract`'s engines: `n`, else CLINQA_WORKERS, else one per core
    clinqa may use (`thread_setting`: CLINQA_THREADS or the available cores), no more than the
    free memory holds at WORKER_MB each (at least 1)."""
    if n is None:
        n = _positive_env("CLINQA_WORKERS")
    if n is None:
        n = thread_setting()
        free = available_memory_mb()
        if free is not None:
            n = min(n, free // WORKER_MB)
    return max(1, int(n))


# ------------------------------------------------------------------ cancellation
class Cancelled(Exception):
    """Raised inside cancelled work at its next checkpoint."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason = "cancelled"

    def cancel(self, reason: str = "cancelled") -> None:
        self.reason = reason
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


_token: contextvars.ContextVar[CancelToken | None] = contextvars.ContextVar("clinqa_cancel", default=None)


def checkpoint() -> None:
    """Raise `Cancelled` if the work running in this context was cancelled; cheap otherwise."""
    token = _token.get()
    if token is not None and token.cancelled:
        raise Cancelled(token.reason)


@contextmanager
def cancellable(token: CancelToken):
    reset = _token.set(token)
    try:
        yield token
    finally:
        _token.reset(reset)


def run_cancellable(token: CancelToken, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(*args)` with `token` visible to every `checkpoint()` it reaches (in this thread)."""
    with cancellable(token):
        checkpoint()  # cancelled while it waited in a queue
        return fn(*args)
