"""Crash- and race-safe output files, shared by every writer of results (extract, export, report,
summarize batches, `write_table`).

- A file is written under a unique temporary name in its own folder (`.NAME.XXXXXXXX.tmp`, from
  `tempfile.mkstemp`: two writers never share one) and renamed onto NAME when complete, so a
  reader sees the old file or the whole new one, never a truncated one.
- A temporary file is removed when the writer fails, on SIGTERM (turned into SystemExit so that
  `finally` blocks run) and at interpreter exit. Only SIGKILL or a power cut leave one behind:
  the next writer of the same output removes it once it holds the output's lock, so a killed
  export's copy of the notes never lingers beside the output.
- One writer per output: `output_lock` takes an exclusive, non-blocking `flock` on `NAME.lock`;
  a second writer fails at once (DataError, exit 2) naming the output instead of interleaving
  with the first. The kernel drops the lock when its holder dies, so a stale lock file never
  blocks; it is removed on release (the inode check below keeps that race-free).
"""

from __future__ import annotations

import atexit
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TextIO

from clinqa.errors import DataError

# Temporary files this process still owns; removed at exit if a failure path missed one.
_LIVE: set[str] = set()


def _key(path: str | Path) -> str:
    return os.path.abspath(path)  # "./.x.tmp" and ".x.tmp" are one file


def _remove_live() -> None:
    for name in list(_LIVE):
        discard(Path(name))


atexit.register(_remove_live)


def lock_path(out: Path) -> Path:
    return out.with_name(out.name + ".lock")


def _temp_pattern(out: Path) -> re.Pattern:
    # mkstemp's random part is 8 characters of [a-z0-9_]: ".a.XXXXXXXX.tmp" is a temporary file of
    # "a", while ".a.b.XXXXXXXX.tmp" belongs to "a.b" and is left alone.
    return re.compile(re.escape("." + out.name + ".") + r"[a-z0-9_]{8}\.tmp")


def new_temp(out: Path, folder: Path | None = None) -> Path:
    """A new empty file with a unique name for `out`'s content, in `folder` (default: beside `out`,
    so that the final rename stays on one file system)."""
    folder = Path(folder) if folder is not None else out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix="." + out.name + ".", suffix=".tmp")
    except OSError as exc:
        raise DataError(f"cannot write here: {exc.strerror or exc}; choose a writable output folder",
                        source=str(out)) from None
    os.close(fd)
    _LIVE.add(_key(name))
    return Path(name)


def discard(tmp: Path) -> None:
    """Remove a temporary file this process still owns (after `replace` it is the output: kept)."""
    if _key(tmp) in _LIVE:
        _LIVE.discard(_key(tmp))
        _unlink(tmp)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # gone already, or a read-only folder: nothing more to do than report the first error


def remove_stale_temps(out: Path, folder: Path | None = None) -> int:
    """Temporary files of `out` that no live writer owns (call with the lock held): left by a
    writer killed with SIGKILL. Returns how many were removed."""
    folder = Path(folder) if folder is not None else out.parent
    pattern = _temp_pattern(out)
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for f in entries:
        if pattern.fullmatch(f.name) and _key(f) not in _LIVE:
            _unlink(f)
            removed += 1
    return removed


def replace(tmp: Path, out: Path) -> None:
    """Rename a finished temporary file onto `out` (atomic on POSIX). mkstemp makes it owner-only
    while it fills; the finished file gets the permissions the user's umask gives any new file."""
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as exc:
        raise DataError(f"cannot write: {exc.strerror or exc}", source=str(out)) from None
    _LIVE.discard(_key(tmp))


def _umask() -> int:
    mask = os.umask(0o077)  # read by setting: the stricter value meanwhile only errs on the safe side
    os.umask(mask)
    return mask


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM's default action ends the process without running `finally`: while an output is
    being written it raises SystemExit instead, so temporary files are removed. A handler some
    other part installed (a server's) is left in place, and only the main thread can set one."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _acquire(out: Path) -> int:
    path = lock_path(out)
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DataError(f"output folder is not writable: {exc.strerror or exc}", source=str(out)) from None
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataError(f"another clinqa process is writing this output (it holds {path.name}); wait for "
                            "it to finish, or write to another file", source=str(out)) from None
        # The holder before us unlinks the lock file when it releases: if we opened that old
        # file, our lock guards nothing, so open the current one again.
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def _release(out: Path, fd: int) -> None:
    try:
        lock_path(out).unlink()
    except OSError:
        pass
    os.close(fd)


@contextmanager
def output_lock(out: str | Path, *, folders: tuple[Path, ...] = ()) -> Iterator[None]:
    """Hold `out`'s exclusive lock for the block: stale temporary files of `out` (beside it and in
    `folders`) are removed first, SIGTERM raises SystemExit inside. A DataError at once when
    another process holds it."""
    out = Path(out)
    fd = _acquire(out)
    try:
        for folder in (out.parent, *folders):
            remove_stale_temps(out, folder)
        with _sigterm_exits():
            yield
    finally:
        _release(out, fd)


@contextmanager
def atomic_path(out: str | Path, *, lock: bool = True) -> Iterator[Path]:
    """A temporary path to write `out`'s content to (any library that takes a path: pyarrow,
    matplotlib); renamed onto `out` when the block ends without an error, removed otherwise."""
    out = Path(out)
    with output_lock(out) if lock else nullcontext():
        tmp = new_temp(out)
        try:
            yield tmp
            replace(tmp, out)
        finally:
            discard(tmp)


class _Output:
    """The open temporary file: a write error names the output, not a temporary name. Errors of
    the caller's own work (reading a corpus) pass through unchanged, so they name their input."""

    def __init__(self, f: TextIO, out: Path):
        self._f, self._out = f, out

    def _fail(self, exc: OSError):
        raise DataError(f"cannot write: {exc.strerror or exc}", source=str(self._out)) from None

    def write(self, s: str) -> int:
        try:
            return self._f.write(s)
        except OSError as exc:
            self._fail(exc)

    def writelines(self, lines) -> None:
        try:
            self._f.writelines(lines)
        except OSError as exc:
            self._fail(exc)


@contextmanager
def atomic_text(out: str | Path, *, lock: bool = True, newline: str | None = None) -> Iterator[_Output]:
    """A text file (UTF-8) written under a temporary name and renamed onto `out` when complete."""
    out = Path(out)
    with atomic_path(out, lock=lock) as tmp:
        try:
            f = tmp.open("w", encoding="utf-8", newline=newline)
        except OSError as exc:
            raise DataError(f"cannot write: {exc.strerror or exc}", source=str(out)) from None
        with f:
            yield _Output(f, out)
            try:
                f.flush()
                os.fsync(f.fileno())
            except OSError as exc:
                raise DataError(f"cannot write: {exc.strerror or exc}", source=str(out)) from None
