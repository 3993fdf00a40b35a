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


class PermanentError(Exception):
    """A job failure that retrying cannot fix."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the coroutine that runs jobs of ``kind``; it gets (platform, job)."""

    def wrap(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn

    return wrap


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


class Worker:
    def __init__(
        self,
        platform: Any,
        queue: JobQueue,
        *,
        concurrency: int = 8,
        lease_s: float = 120.0,
        poll_s: float = 0.5,
        worker_id: str | None = None,
    ) -> None:
        self.platform = platform
        self.queue = queue
        self.concurrency = concurrency
        self.lease_s = lease_s
        self.poll_s = poll_s
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()

    def wake(self) -> None:
        """Tell the worker new jobs are waiting (saves a poll interval)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    async def run(self) -> None:
        import aixiv.workflow.pipeline  # noqa: F401  (registers the pipeline handlers)
        import aixiv.workflow.publish  # noqa: F401

        slots = asyncio.Semaphore(self.concurrency)
        kinds = registered_kinds()
        while not self._stop.is_set():
            await slots.acquire()
            try:
                job = await asyncio.to_thread(self.queue.claim, self.worker_id, kinds, self.lease_s)
            except Exception:  # database briefly unavailable: log and poll again
                log.exception("claiming a job failed")
                job = None
            if job is None:
                slots.release()
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_s)
                except TimeoutError:
                    pass
                continue
            task = asyncio.create_task(self._run_one(job, slots))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._flush_ledger()

    async def _flush_ledger(self) -> None:
        """Model-call ledger entries are written in the background; store them before returning."""
        ledger = getattr(self.platform, "_ledger", None)
        if ledger is not None:
            await asyncio.to_thread(ledger.flush)

    async def run_until_idle(self, timeout: float = 60.0) -> None:
        """Work until no job is ready (tests, the demo, benchmarks)."""
        import aixiv.workflow.pipeline  # noqa: F401
        import aixiv.workflow.publish  # noqa: F401

        kinds = registered_kinds()
        deadline = asyncio.get_running_loop().time() + timeout
        slots = asyncio.Semaphore(self.concurrency)
        while asyncio.get_running_loop().time() < deadline:
            await slots.acquire()
            job = await asyncio.to_thread(self.queue.claim, self.worker_id, kinds, self.lease_s)
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
            await asyncio.to_thread(self.queue.complete, job.id, self.worker_id, result)
        finally:
            beat.cancel()
            slots.release()
