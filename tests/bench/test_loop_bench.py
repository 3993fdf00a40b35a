"""``aixiv bench loop``: every submission decided once, five votes each, no job left behind,
in-process and with the worker killed mid-run and restarted."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from aixiv.cli import app


def _run(*extra: str, latency: float = 0.2) -> dict:
    result = CliRunner().invoke(
        app, ["bench", "loop", "--submissions", "6", "--latency", str(latency), "--concurrency", "4", "--json", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_loop_decides_every_submission_once(tmp_path):
    r = _run("--data-dir", str(tmp_path / "d"))
    assert r["ok"] and r["decisions"] == 7  # six timed plus the untimed warm-up
    assert r["warmed_up"] is True and r["jobs_not_done"] == 0 and r["max_votes_per_version"] == 5
    assert r["ideal_s"] == pytest.approx(3 * 0.2)  # ceil(2 * 6 / 4) model rounds
    assert r["wall_s"] >= r["ideal_s"] and r["worker_cpu_s"] > 0


def test_killing_the_worker_loses_no_job_and_duplicates_no_vote(tmp_path):
    # the worker process needs a few seconds to start; at 0.8 s a model round the work outlasts the kill
    r = _run("--kill-after", "3", "--data-dir", str(tmp_path / "d"), latency=0.8)
    assert r["worker_kills"] == 1
    assert r["ok"] and r["decisions"] == 6 and r["jobs_not_done"] == 0 and r["max_votes_per_version"] == 5
