"""The job queue: an interface, and its embedded implementation in the records database.

A job is claimed under a lease. A worker that dies leaves the lease to expire, and the job
is claimed again; failures are retried with exponential backoff up to ``max_attempts``, then
the job is dead. Handlers must be idempotent: a job may run more than once when a worker
dies after doing the work but before recording it done.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import and_, case, event, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aixiv.config import Settings
from aixiv.records import Database, Job, utcnow


@dataclass(frozen=True)
class JobRecord:
    id: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    worker_id: str | None = None  # the lease holder that claimed it
    # Set once the job was marked done inside a handler's own transaction (and that
    # transaction committed): the worker then has nothing left to record.
    _done: list[bool] = field(default_factory=list, compare=False, repr=False)

    @property
    def completed(self) -> bool:
        return bool(self._done)


class JobQueue(Protocol):
    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        key: str | None = None,
        delay_s: float = 0.0,
        session: Session | None = None,
    ) -> str | None: ...

    def claim(
        self, worker_id: str, kinds: list[str], lease_s: float, priorities: dict[str, int] | None = None
    ) -> JobRecord | None: ...

    def extend(self, job_id: str, worker_id: str, lease_s: float) -> bool: ...

    def complete(self, job_id: str, worker_id: str, result: dict[str, Any] | None = None) -> bool: ...

    def complete_in(self, session: Session, job: JobRecord, result: dict[str, Any] | None = None) -> None: ...

    def fail(self, job_id: str, worker_id: str, error: str, *, retry: bool = True) -> None: ...


class DbJobQueue:
    """Jobs as rows of the ``jobs`` table (SQLite or PostgreSQL)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        key: str | None = None,
        delay_s: float = 0.0,
        session: Session | None = None,
        max_attempts: int | None = None,
    ) -> str | None:
        """Add a job; with ``key`` a second enqueue of the same key is a no-op (returns None).

        With ``session`` the job joins the caller's transaction, so it exists exactly when
        the caller's change does.
        """
        job = Job(
            kind=kind,
            payload=payload,
            idempotency_key=key,
            run_after=utcnow() + dt.timedelta(seconds=delay_s),
            max_attempts=max_attempts or self.settings.job_max_attempts,
        )
        if session is not None:
            if key is not None and session.scalar(select(Job.id).where(Job.idempotency_key == key)):
                return None
            session.add(job)
            session.flush()
            return job.id
        try:
            with self.db.transaction() as s:
                s.add(job)
            return job.id
        except IntegrityError:
            return None

    def claim(
        self, worker_id: str, kinds: list[str], lease_s: float, priorities: dict[str, int] | None = None
    ) -> JobRecord | None:
        """Lease the next ready job: highest priority of its kind first, then oldest.

        Priorities let jobs that wait on remote models start before local CPU work (a vote
        before a DOI sync), so the slow waits overlap the fast work instead of queueing behind it.
        """
        jobs = self.claim_many(worker_id, kinds, lease_s, priorities, limit=1)
        return jobs[0] if jobs else None

    def claim_many(
        self,
        worker_id: str,
        kinds: list[str],
        lease_s: float,
        priorities: dict[str, int] | None = None,
        *,
        limit: int = 1,
    ) -> list[JobRecord]:
        """Lease up to ``limit`` ready jobs in one transaction, in :meth:`claim`'s order."""
        now = utcnow()
        ready = or_(
            and_(Job.status == "queued", Job.run_after <= now),
            and_(Job.status == "running", Job.lease_until < now),
        )
        order = [Job.run_after, Job.id]
        if priorities and len(set(priorities.values())) > 1:
            order.insert(0, case(priorities, value=Job.kind, else_=0).desc())
        candidates = select(Job.id).where(ready, Job.kind.in_(kinds)).order_by(*order).limit(max(1, limit))
        if self.db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        # Two statements in one transaction: the candidates are locked (PostgreSQL: FOR UPDATE
        # SKIP LOCKED, so concurrent workers take different jobs; SQLite: the writer lock), then
        # leased. One UPDATE with an IN (subquery) would, on PostgreSQL, re-check a row another
        # worker took meanwhile and come back empty.
        with self.db.transaction() as s:
            ids = list(s.scalars(candidates))
            if not ids:
                return []
            rows = s.execute(
                update(Job)
                .where(Job.id.in_(ids))
                .values(
                    status="running",
                    worker_id=worker_id,
                    lease_until=now + dt.timedelta(seconds=lease_s),
                    attempts=Job.attempts + 1,
                )
                .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.max_attempts, Job.run_after)
                .execution_options(synchronize_session=False)
            ).all()
        prio = priorities or {}
        rows = sorted(rows, key=lambda r: (-prio.get(r[1], 0), r[5], r[0]))
        return [JobRecord(id=r[0], kind=r[1], payload=r[2] or {}, attempts=r[3], max_attempts=r[4], worker_id=worker_id)
                for r in rows]

    def extend(self, job_id: str, worker_id: str, lease_s: float) -> bool:
        with self.db.transaction() as s:
            res = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.worker_id == worker_id, Job.status == "running")
                .values(lease_until=utcnow() + dt.timedelta(seconds=lease_s))
            )
            return res.rowcount == 1

    def complete(self, job_id: str, worker_id: str, result: dict[str, Any] | None = None) -> bool:
        """Mark done; False when the lease was lost to another worker meanwhile."""
        with self.db.transaction() as s:
            res = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.worker_id == worker_id, Job.status == "running")
                .values(status="done", result=result, lease_until=None, finished_at=utcnow())
            )
            return res.rowcount == 1

    def complete_in(self, session: Session, job: JobRecord, result: dict[str, Any] | None = None) -> None:
        """Mark ``job`` done inside the caller's transaction: it is done exactly when the
        handler's last change commits, and the worker saves a transaction of its own.

        When the lease was lost meanwhile nothing is marked and the worker's own
        :meth:`complete` reports it, as before.
        """
        if job.worker_id is None:
            return
        res = session.execute(
            update(Job)
            .where(Job.id == job.id, Job.worker_id == job.worker_id, Job.status == "running")
            .values(status="done", result=result, lease_until=None, finished_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if res.rowcount == 1:
            event.listen(session, "after_commit", lambda _s: job._done.append(True), once=True)

    def fail(self, job_id: str, worker_id: str, error: str, *, retry: bool = True) -> None:
        with self.db.transaction() as s:
            job = s.get(Job, job_id)
            if job is None or job.worker_id != worker_id or job.status != "running":
                return
            job.last_error = error[:4000]
            job.lease_until = None
            if retry and job.attempts < job.max_attempts:
                backoff = min(300.0, 2.0 ** job.attempts) * (0.5 + random.random() / 2)
                job.status = "queued"
                job.run_after = utcnow() + dt.timedelta(seconds=backoff)
            else:
                job.status = "dead"
                job.finished_at = utcnow()

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.db.read() as s:
            return dict(s.execute(select(Job.status, func.count()).group_by(Job.status)).all())
