"""The embedded job queue: idempotent enqueue, leases, reclaim after a worker dies, backoff."""

from __future__ import annotations

import time

from sqlalchemy import update

from aixiv.records import Job, utcnow


def test_enqueue_is_idempotent_by_key(platform):
    q = platform.queue
    first = q.enqueue("pipeline.screen", {"version_id": "x"}, key="screen:x")
    assert first is not None
    assert q.enqueue("pipeline.screen", {"version_id": "x"}, key="screen:x") is None
    with platform.db.transaction() as s:
        assert q.enqueue("pipeline.screen", {"version_id": "x"}, key="screen:x", session=s) is None
    assert q.counts() == {"queued": 1}


def test_claim_lease_expiry_and_reclaim(platform):
    q = platform.queue
    job_id = q.enqueue("k", {"n": 1})
    a = q.claim("worker-a", ["k"], lease_s=30)
    assert a is not None and a.id == job_id and a.attempts == 1
    assert q.claim("worker-b", ["k"], lease_s=30) is None  # leased to a
    # worker a dies: its lease runs out
    with platform.db.transaction() as s:
        s.execute(update(Job).where(Job.id == job_id).values(lease_until=utcnow()))
    time.sleep(0.01)
    b = q.claim("worker-b", ["k"], lease_s=30)
    assert b is not None and b.id == job_id and b.attempts == 2
    # a comes back and tries to finish: refused, b owns it now
    assert q.complete(job_id, "worker-a") is False
    assert q.complete(job_id, "worker-b", {"ok": True}) is True
    assert q.counts() == {"done": 1}


def test_failures_back_off_then_die(platform):
    q = platform.queue
    job_id = q.enqueue("k", {}, max_attempts=2)
    j = q.claim("w", ["k"], 30)
    q.fail(j.id, "w", "boom")
    with platform.db.read() as s:
        job = s.get(Job, job_id)
        assert job.status == "queued" and job.run_after > utcnow() and job.last_error == "boom"
    assert q.claim("w", ["k"], 30) is None  # not before its backoff
    with platform.db.transaction() as s:
        s.execute(update(Job).where(Job.id == job_id).values(run_after=utcnow()))
    j = q.claim("w", ["k"], 30)
    q.fail(j.id, "w", "boom again")
    with platform.db.read() as s:
        assert s.get(Job, job_id).status == "dead"


def test_claims_are_exclusive_under_contention(platform):
    import concurrent.futures as cf

    q = platform.queue
    ids = {q.enqueue("k", {"i": i}) for i in range(20)}
    with cf.ThreadPoolExecutor(4) as ex:
        def drain(w):
            got = []
            while (j := q.claim(w, ["k"], 30)) is not None:
                got.append(j.id)
                q.complete(j.id, w)
            return got

        results = list(ex.map(drain, [f"w{i}" for i in range(4)]))
    claimed = [j for r in results for j in r]
    assert sorted(claimed) == sorted(ids) and len(claimed) == 20


def test_claim_many_takes_higher_priority_first_and_respects_the_limit(platform):
    q = platform.queue
    low = [q.enqueue("low", {"n": i}) for i in range(3)]
    high = [q.enqueue("high", {"n": i}) for i in range(2)]
    prio = {"low": 0, "high": 10}
    got = q.claim_many("w", ["low", "high"], 30, prio, limit=3)
    assert [j.id for j in got] == high + low[:1]  # both high ones, then the oldest low one
    assert all(j.attempts == 1 for j in got)
    rest = q.claim_many("w", ["low", "high"], 30, prio, limit=10)
    assert [j.id for j in rest] == low[1:]
    assert q.claim_many("w", ["low", "high"], 30, prio, limit=10) == []
    assert q.counts() == {"running": 5}


def test_a_local_job_runs_while_every_main_slot_is_busy(platform):
    """Short local work (screening, DOI sync) has a lane of its own: it never waits for model jobs."""
    import asyncio

    from aixiv.jobs import Worker, handler
    from aixiv.jobs.worker import LOCAL, lane_kinds

    order: list[str] = []
    release = asyncio.Event()

    @handler("test.slow_main")
    async def slow(_platform, job):
        order.append("main started")
        await release.wait()
        return {}

    @handler("test.local", lane=LOCAL)
    async def local(_platform, job):
        order.append("local ran")
        release.set()
        return {}

    assert "test.local" in lane_kinds(LOCAL) and "test.slow_main" not in lane_kinds(LOCAL)
    q = platform.queue
    q.enqueue("test.slow_main", {})
    q.enqueue("test.slow_main", {})  # waits for the single main slot
    q.enqueue("test.local", {})

    async def run() -> None:
        w = Worker(platform, q, concurrency=1, local_concurrency=1, poll_s=0.02, lease_s=30)
        task = asyncio.create_task(w.run())
        try:
            async with asyncio.timeout(20):
                while q.counts().get("done", 0) < 3:
                    await asyncio.sleep(0.02)
        finally:
            w.stop()
            await task

    asyncio.run(run())
    # A main job can finish only after the local job ran; with one main slot the second main job
    # starts after the first finished. So the local job ran while a main job held the only slot
    # (or before any started): it never waited for a main slot.
    assert order.count("main started") == 2
    assert order.index("local ran") < [i for i, x in enumerate(order) if x == "main started"][1]


def test_a_job_marked_done_in_the_handlers_transaction_is_done_exactly_when_it_commits(platform):
    import pytest

    from aixiv.records import AuditEvent

    q = platform.queue
    job_id = q.enqueue("k", {"n": 1})
    job = q.claim("w", ["k"], lease_s=30)
    # the handler's transaction fails after marking: nothing is done, the worker still owns it
    with pytest.raises(RuntimeError):
        with platform.db.transaction() as s:
            s.add(AuditEvent(actor_id=None, action="test", target_type="t", target_id="1", data={}))
            q.complete_in(s, job, {"ok": False})
            raise RuntimeError("handler failed before its commit")
    assert not job.completed
    assert q.counts() == {"running": 1}
    # it commits: the job is done with the handler's change, and the flag tells the worker so
    with platform.db.transaction() as s:
        s.add(AuditEvent(actor_id=None, action="test", target_type="t", target_id="1", data={}))
        q.complete_in(s, job, {"ok": True})
    assert job.completed
    with platform.db.read() as s:
        row = s.get(Job, job_id)
        assert (row.status, row.result) == ("done", {"ok": True})
        assert s.query(AuditEvent).filter_by(action="test").count() == 1
    # a lease lost meanwhile: nothing is marked, the worker's own complete() reports it
    other_id = q.enqueue("k", {"n": 2})
    mine = q.claim("w", ["k"], lease_s=30)
    with platform.db.transaction() as s:
        s.execute(update(Job).where(Job.id == other_id).values(worker_id="someone-else"))
    with platform.db.transaction() as s:
        q.complete_in(s, mine, {"ok": True})
    assert not mine.completed
    assert q.complete(other_id, "w") is False
