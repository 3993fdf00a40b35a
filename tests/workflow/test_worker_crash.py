"""A worker killed in the middle of a job: the job is claimed again after its lease and
completes exactly once, with no vote duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from aixiv.models import start_simulator
from aixiv.platform import Platform, accounts, submissions
from aixiv.platform.views import SubmissionMeta
from aixiv.records import Decision, Job, Submission, Vote
from tests.conftest import make_settings
from tests.manuscripts import markdown_paper


def _worker(data_dir, sim_url) -> subprocess.Popen:
    env = {**os.environ, "AIXIV_SIMULATED_LLM": sim_url, "AIXIV_LLM_CACHE": "off", "AIXIV_DATA_DIR": str(data_dir)}
    env.pop("AIXIV_DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "aixiv.cli", "worker", "--data-dir", str(data_dir), "--lease", "3"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _wait(pred, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def test_killed_worker_job_completes_exactly_once(tmp_path):
    settings = make_settings(tmp_path)
    p = Platform(settings)
    accounts.create_human(p, "kim", "Kim")
    actor = accounts.authenticate_key(p, accounts.create_key(p, "kim", ["submit"])[1])
    sub = submissions.create_submission(p, actor, "paper.md", markdown_paper(), SubmissionMeta(kind="paper", title="A crash-safe study"))

    with start_simulator(latency=1.5, accept_rate=1.0) as sim:
        first = _worker(tmp_path, sim.base_url)
        try:
            def vote_running():
                with p.db.read() as s:
                    return s.scalar(select(Job).where(Job.kind == "pipeline.vote", Job.status == "running"))

            _wait(vote_running, 60, "the vote job to start")
            time.sleep(0.5)  # voters are mid-call now
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            if first.poll() is None:
                first.kill()
        with p.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Decision)) == 0
        second = _worker(tmp_path, sim.base_url)
        try:
            def decided():
                with p.db.read() as s:
                    return s.scalar(select(Submission.status).where(Submission.id == sub.id)) == "provisionally_accepted"

            _wait(decided, 90, "the decision after the restart")

            def all_done():
                with p.db.read() as s:
                    return s.scalar(select(func.count()).select_from(Job).where(Job.status != "done")) == 0

            _wait(all_done, 30, "the remaining jobs (DOI publication)")
        finally:
            second.terminate()
            second.wait(10)

    with p.db.read() as s:
        vote_job = s.scalar(select(Job).where(Job.kind == "pipeline.vote"))
        assert vote_job.status == "done" and vote_job.attempts == 2
        assert s.scalar(select(func.count()).select_from(Decision)) == 1
        votes = s.scalars(select(Vote).where(Vote.origin == "panel")).all()
        assert len(votes) == 5 and len({v.voter_key for v in votes}) == 5
        assert s.scalar(select(func.count()).select_from(Job).where(Job.status != "done")) == 0
    p.close()
