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
