"""Where the server's inference runs: lanes of worker threads, admitted by note size.

- Notes up to `large_chars` go to the small lane (where concurrent questions are batched);
  longer ones to the large lane, so one huge note never queues in front of small requests.
- Each lane has its own threads and a bounded queue; a full lane answers 503 with Retry-After
  (its recent mean job time times the queue ahead) instead of letting requests pile up.
- A request has one deadline for all its jobs. When it passes, or the client goes away, the
  job's `CancelToken` is set: the worker stops at its next checkpoint (each spaCy block, each
  batch of reader windows), and the lane's slot is freed only when the thread really stops,
  so admission counts the CPU actually in use.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from clinqa.runtime import CancelToken, run_cancellable


class Busy(Exception):
    """The lane's queue is full."""

    def __init__(self, lane: str, retry_after_s: int):
        super().__init__(f"the {lane} queue is full; retry in {retry_after_s} s")
        self.lane, self.retry_after_s = lane, retry_after_s


class Expired(Exception):
    """The request's deadline passed (or its client left) before its work finished."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class YieldingToken(CancelToken):
    """A large-lane job's token: at each checkpoint (each spaCy block, each batch of windows,
    before and after the reader) the work first pauses while `busy()` (the small lane has work),
    in naps of `nap_s`, but only until the monotonic time `until`. On 2 cores the two lanes
    otherwise split the CPU and the GIL, and short questions beside one huge note wait several
    times longer; after `until` the huge note runs on, so it still ends within its deadline."""

    def __init__(self, busy: Callable[[], bool], until: float, nap_s: float = 0.01):
        super().__init__()
        self.busy, self.until, self.nap_s = busy, until, nap_s
        self.yielded_s = 0.0

    @property
    def cancelled(self) -> bool:
        while not super().cancelled and time.monotonic() < self.until and self.busy():
            time.sleep(self.nap_s)
            self.yielded_s += self.nap_s
        return super().cancelled


class Lane:
    def __init__(self, name: str, workers: int = 1, queue: int = 16,
                 token: Callable[[float], CancelToken] = lambda deadline: CancelToken()):
        self.name, self.workers, self.capacity = name, workers, workers + queue
        self.token = token  # a job's cancel token, given its deadline (the large lane's yields)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"clinqa-{name}")
        self.in_flight = 0  # admitted jobs whose thread has not finished (queued or running)
        self.mean_s = 1.0  # moving mean of job seconds, for Retry-After

    def admit(self) -> None:
        if self.in_flight >= self.capacity:
            ahead = math.ceil(self.in_flight / self.workers)
            raise Busy(self.name, max(1, math.ceil(ahead * self.mean_s)))

    def submit(self, token: CancelToken, fn: Callable, *args: Any) -> Future:
        """Start `fn(*args)` on a worker; the slot is held until the thread is done with it."""
        loop = asyncio.get_running_loop()
        self.in_flight += 1
        started = time.perf_counter()

        def done(_f):
            self.in_flight -= 1
            self.mean_s = 0.8 * self.mean_s + 0.2 * (time.perf_counter() - started)

        fut = self.pool.submit(run_cancellable, token, fn, *args)
        fut.add_done_callback(lambda f: loop.call_soon_threadsafe(done, f))
        return fut

    async def execute(self, fn: Callable, *args: Any) -> Any:
        """Run on this lane without admission or deadline (the batcher's own calls)."""
        return await asyncio.wrap_future(self.submit(CancelToken(), fn, *args))

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class Job:
    """One request's work: its lane, its deadline and how to tell that its client has gone."""

    lane: Lane
    deadline: float
    disconnected: Callable[[], Awaitable[bool]] | None = None
    poll_s: float = 0.2
    admitted: bool = False

    def admit(self) -> None:
        """Checked once per request: a request already at work is never turned away midway."""
        if not self.admitted:
            self.lane.admit()
            self.admitted = True

    async def run(self, fn: Callable, *args: Any) -> Any:
        self.admit()
        token = self.lane.token(self.deadline)
        fut = self.lane.submit(token, fn, *args)
        waiter = asyncio.wrap_future(fut)
        try:
            return await self.wait(waiter, token)
        finally:
            if not fut.done():
                fut.cancel()  # not started yet: it never will; running: the token stops it

    async def wait(self, waiter: asyncio.Future, token: CancelToken | None = None) -> Any:
        """Await `waiter` until the deadline, watching the client; on either, cancel `token`."""
        try:
            while True:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    raise Expired("timeout")
                done, _ = await asyncio.wait({waiter}, timeout=min(self.poll_s, left))
                if done:
                    return waiter.result()
                if self.disconnected is not None and await self.disconnected():
                    raise Expired("client disconnected")
        except (Expired, asyncio.CancelledError) as exc:
            if token is not None:
                token.cancel(getattr(exc, "reason", "cancelled"))
            waiter.cancel()
            raise


class Scheduler:
    def __init__(self, *, large_chars: int = 50_000, small_queue: int = 64, large_queue: int = 1,
                 workers: int = 1, large_reserve_s: float | None = None):
        """`large_reserve_s`: a large-lane job pauses for small-lane work (YieldingToken) only
        while more than this many seconds are left before its deadline; None never pauses."""
        self.large_chars = large_chars
        self.small = Lane("small", workers=workers, queue=small_queue)
        small = self.small

        def large_token(deadline: float) -> CancelToken:
            if large_reserve_s is None:
                return CancelToken()
            return YieldingToken(lambda: small.in_flight > 0, deadline - large_reserve_s)

        self.large = Lane("large", workers=1, queue=large_queue, token=large_token)
        # summarization (a generative model, seconds per request) never holds up questions
        self.summarize = Lane("summarize", workers=1, queue=4)

    def lane_for(self, chars: int) -> Lane:
        return self.large if chars > self.large_chars else self.small

    def lanes(self) -> tuple[Lane, ...]:
        return self.small, self.large, self.summarize

    def shutdown(self) -> None:
        for lane in self.lanes():
            lane.shutdown()
