"""The asyncio worker that runs inside ``aixiv serve`` (or alone as ``aixiv worker``)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import traceback
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from .queue import JobQueue, JobRecord

log = logging.getLogger("aixiv.jobs")

Handler = Callable[[Any, JobRecord], Awaitable[dict[str, Any] | None]]
_HANDLERS: dict[str, Handler] = {}
_PRIORITIES: dict[str, int] = {}
_LANES: dict[str, str] = {}

# Lanes: jobs that wait on remote models run in the main lane (``concurrency`` at once); short
# local CPU work (screening, DOI bookkeeping) runs in a small lane of its own, so it neither
# takes a model job's slot nor waits behind a queue of model jobs.
MAIN, LOCAL = "main", "local"


class PermanentError(Exception):
    """A job failure that retrying cannot fix."""


def handler(kind: str, *, priority: int = 0, lane: str = MAIN) -> Callable[[Handler], Handler]:
    """Register the coroutine that runs jobs of ``kind``; it gets (platform, job).

    Ready jobs of a higher ``priority`` are claimed first within their ``lane`` (``MAIN`` for
    jobs that wait on remote services, ``LOCAL`` for short work on this machine).
    """
    if lane not in (MAIN, LOCAL):
        raise ValueError(f"unknown lane {lane!r}")

    def wrap(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        _PRIORITIES[kind] = priority
        _LANES[kind] = lane
        return fn

    return wrap


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


def priorities() -> dict[str, int]:
    return dict(_PRIORITIES)


def lane_kinds(lane: str) -> list[str]:
    return sorted(k for k in _HANDLERS if _LANES.get(k, MAIN) == lane)


def _roomy_executor(concurrency: int) -> None:
    """Give the loop enough threads for every running job's database and parsing calls.

    Handlers hand blocking work to ``asyncio.to_thread``; the default pool (cores + 4 threads)
    would make sixteen concurrent jobs queue for six threads.
    """
    from concurrent.futures import ThreadPoolExecutor

    loop = asyncio.get_running_loop()
    wanted = max(32, 2 * concurrency + 4)
    current = getattr(loop, "_default_executor", None)
    if current is None or getattr(current, "_max_workers", 0) < wanted:
        loop.set_default_executor(ThreadPoolExecutor(max_workers=wanted, thread_name_prefix="aixiv-worker"))


class Worker:
    def __init__(
        self,
        platform: Any,
        queue: JobQueue,
        *,
        concurrency: int = 8,
        local_concurrency: int | None = None,
        lease_s: float = 120.0,
        poll_s: float = 0.5,
        worker_id: str | None = None,
    ) -> None:
        self.platform = platform
        self.queue = queue
        self.concurrency = concurrency
        self.local_concurrency = local_concurrency or max(2, min(4, os.cpu_count() or 2))
        self.lease_s = lease_s
        self.poll_s = poll_s
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._stop = asyncio.Event()
        self._wakes: dict[str, asyncio.Event] = {MAIN: asyncio.Event(), LOCAL: asyncio.Event()}
        self._tasks: set[asyncio.Task] = set()

    def wake(self) -> None:
        """Tell the worker new jobs are waiting (saves a poll interval)."""
        for event in self._wakes.values():
            event.set()

    def stop(self) -> None:
        self._stop.set()
        self.wake()

    async def run(self) -> None:
        import aixiv.workflow.pipeline  # noqa: F401  (registers the pipeline handlers)
        import aixiv.workflow.publish  # noqa: F401

        _roomy_executor(self.concurrency + self.local_concurrency)
        prio = priorities()
        lanes = [(MAIN, lane_kinds(MAIN), self.concurrency), (LOCAL, lane_kinds(LOCAL), self.local_concurrency)]
        await asyncio.gather(*(self._lane(name, kinds, n, prio) for name, kinds, n in lanes if kinds))
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._flush_ledger()

    async def _lane(self, name: str, kinds: list[str], concurrency: int, prio: dict[str, int]) -> None:
        """Claim jobs of ``kinds`` while a slot of this lane is free, until stopped."""
        slots = asyncio.Semaphore(concurrency)
        wake = self._wakes[name]
        many = getattr(self.queue, "claim_many", None)
        while not self._stop.is_set():
            await slots.acquire()
            free = 1
            while many is not None and not slots.locked():  # take every free slot: one claim for all
                await slots.acquire()
                free += 1
            try:
                if many is not None:
                    jobs = await asyncio.to_thread(many, self.worker_id, kinds, self.lease_s, prio, limit=free)
                else:
                    job = await asyncio.to_thread(self.queue.claim, self.worker_id, kinds, self.lease_s, prio)
                    jobs = [job] if job is not None else []
            except Exception:  # database briefly unavailable: log and poll again
                log.exception("claiming a job failed")
                jobs = []
            for _ in range(free - len(jobs)):
                slots.release()
            for job in jobs:
                task = asyncio.create_task(self._run_one(job, slots))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            if not jobs:
                wake.clear()
                try:
                    await asyncio.wait_for(wake.wait(), timeout=self.poll_s)
                except TimeoutError:
                    pass

    async def _flush_ledger(self) -> None:
        """Model-call ledger entries are written in the background; store them before returning."""
        ledger = getattr(self.platform, "_ledger", None)
        if ledger is not None:
            await asyncio.to_thread(ledger.flush)

    async def run_until_idle(self, timeout: float = 60.0) -> None:
        """Work until no job is ready (tests, the demo, benchmarks)."""
        import aixiv.workflow.pipeline  # noqa: F401
        import aixiv.workflow.publish  # noqa: F401

        _roomy_executor(self.concurrency)
        kinds, prio = registered_kinds(), priorities()
        deadline = asyncio.get_running_loop().time() + timeout
        slots = asyncio.Semaphore(self.concurrency)
        while asyncio.get_running_loop().time() < deadline:
            await slots.acquire()
            job = await asyncio.to_thread(self.queue.claim, self.worker_id, kinds, self.lease_s, prio)
            if job is None:
                slots.release()
                if not self._tasks:
                    await self._flush_ledger()
                    return
                await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
                continue
            task = asyncio.create_task(self._run_one(job, slots))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        raise TimeoutError("jobs still pending after timeout")

    async def _heartbeat(self, job: JobRecord) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            await asyncio.to_thread(self.queue.extend, job.id, self.worker_id, self.lease_s)

    async def _run_one(self, job: JobRecord, slots: asyncio.Semaphore) -> None:
        beat = asyncio.create_task(self._heartbeat(job))
        try:
            fn = _HANDLERS[job.kind]
            result = await fn(self.platform, job)
        except PermanentError as exc:
            await asyncio.to_thread(self.queue.fail, job.id, self.worker_id, str(exc), retry=False)
        except Exception as exc:
            log.warning("job %s (%s) failed: %s", job.id, job.kind, exc)
            detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"
            await asyncio.to_thread(self.queue.fail, job.id, self.worker_id, detail)
        else:
            if not job.completed:  # else the handler's last transaction marked it done
                await asyncio.to_thread(self.queue.complete, job.id, self.worker_id, result)
        finally:
            beat.cancel()
            slots.release()


def run_loop(coro: Awaitable[Any]) -> Any:
    """Run ``coro`` to completion on uvloop when it is installed (it comes with
    ``uvicorn[standard]``; ``aixiv serve`` runs on it too), else on asyncio's own loop.

    The worker spends much of its CPU in event-loop bookkeeping (hundreds of model calls in
    flight, a thread hand-off per database call); uvloop does that work in C.
    """
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop ships with the platform's dependencies
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)
