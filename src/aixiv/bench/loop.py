"""`aixiv bench loop`: submissions through screening, review and the vote, against the simulator.

Prints the wall time, the ideal and their ratio. Each submission needs two model rounds (the
review job, then the vote job whose five voters run in parallel), each taking the simulated
latency; the worker runs ``--concurrency`` jobs at once. The ideal is therefore
``max(2, ceil(2 * submissions / concurrency)) * latency``: what perfect scheduling with no
overhead would take. With ``--kill-after S`` the worker runs as a separate process that is
killed after S seconds and restarted; the run then checks that no job was lost and no vote
duplicated.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

console = Console()


def register(bench: typer.Typer) -> None:
    bench.command("loop")(loop)


def loop(
    submissions: Annotated[int, typer.Option(help="How many submissions.")] = 50,
    latency: Annotated[float, typer.Option(help="Simulated model latency, seconds per call.")] = 1.0,
    concurrency: Annotated[int, typer.Option(help="Jobs the worker runs at once.")] = 16,
    kill_after: Annotated[float | None, typer.Option(help="Run the worker as a process, kill it after this many seconds, restart it.")] = None,
    accept_rate: Annotated[float, typer.Option(help="Simulated voters' accept rate.")] = 0.5,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: a temporary one).")] = None,
    database_url: Annotated[str | None, typer.Option(help="Database URL (default: SQLite in the data directory).")] = None,
    warm_up: Annotated[bool, typer.Option(help="First run one extra submission through the loop, untimed (in-process mode).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Measure the decision loop's throughput against the ideal set by latency and concurrency."""
    from aixiv.config import Settings, set_settings
    from aixiv.jobs.worker import run_loop
    from aixiv.models import NullCache, simulated_registry
    from aixiv.platform import Platform, accounts
    from aixiv.platform import submissions as subs
    from aixiv.platform.views import SubmissionMeta
    from aixiv.workflow._models import ledger_for

    data = data_dir or Path(tempfile.mkdtemp(prefix="aixiv-bench-loop-"))
    settings = Settings(data_dir=data, database_url=database_url, worker_enabled=False, worker_concurrency=concurrency,
                        job_poll_s=0.05, job_lease_s=max(10.0, 6 * latency))
    set_settings(settings)
    platform = Platform(settings)
    accounts.create_human(platform, "bench", "Bench Runner")
    actor = accounts.authenticate_key(platform, accounts.create_key(platform, "bench", ["submit"])[1])
    manuscript = (Path(__file__).resolve().parents[1] / "demo" / "manuscripts" / "warmup-paper.md").read_bytes()

    def submit_all() -> float:
        t0 = time.monotonic()
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("submitting", total=submissions)
            for i in range(submissions):
                subs.create_submission(platform, actor, f"paper-{i}.md", manuscript + f"\n\nRun {i}.\n".encode(),
                                       SubmissionMeta(kind="paper", title=f"Benchmark submission {i}"))
                bar.update(task, advance=1)
        return time.monotonic() - t0

    def submit_warm_up() -> None:
        subs.create_submission(platform, actor, "warm-up.md", manuscript + b"\n\nWarm-up.\n",
                               SubmissionMeta(kind="paper", title="Benchmark warm-up submission"))

    # The simulated models run in a process of their own, as remote models would: they must
    # not compete with the worker for this interpreter.
    warm = warm_up and kill_after is None
    cpu_s = None
    with _simulator(latency, accept_rate) as sim:
        _warm_up()
        if kill_after is None:
            platform.registry = simulated_registry(sim.base_url, 5, cache=NullCache(), ledger=ledger_for(platform),
                                                   max_concurrency=10_000)
            names = platform.registry.names()
            platform.registry._panels.update({"reviewers": names[:1], "voters": names})
            submit_s, wall, cpu_s = run_loop(_run_in_process(platform, concurrency, submit_all,
                                                             submit_warm_up if warm else None))
            kills = 0
        else:
            submit_s = submit_all()
            wall, kills = _run_with_kill(platform, data, sim.base_url, concurrency, kill_after, submissions, latency)
    ideal = max(2, math.ceil(2 * submissions / concurrency)) * latency
    check = _check(platform, submissions + (1 if warm else 0))
    result = {
        "submissions": submissions, "latency_s": latency, "concurrency": concurrency, "warmed_up": warm,
        "submit_s": round(submit_s, 2), "wall_s": round(wall, 2), "ideal_s": round(ideal, 2),
        "ratio": round(wall / ideal, 3), "worker_cpu_s": None if cpu_s is None else round(cpu_s, 2),
        "worker_kills": kills, **check,
    }
    platform.close()
    if as_json:
        print(json.dumps(result))
        return
    table = Table(title="aixiv bench loop")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for k, v in result.items():
        table.add_row(k, str(v))
    console.print(table)
    console.print(f"wall {wall:.2f} s vs ideal {ideal:.2f} s: ratio {wall / ideal:.2f} (target <= 1.3)")


async def _run_in_process(platform, concurrency: int, submit_all, submit_warm_up) -> tuple[float, float, float]:
    """(submit seconds, wall seconds, worker CPU seconds) for the timed batch.

    With ``submit_warm_up`` one submission first goes through the whole loop on the same event
    loop, untimed: a running platform has its models' HTTP clients, agents, prompt templates
    and lazily imported modules ready, and the benchmark measures that steady state.
    """
    from aixiv.jobs import Worker

    def worker() -> Worker:
        return Worker(platform, platform.queue, concurrency=concurrency, lease_s=platform.settings.job_lease_s, poll_s=0.05)

    if submit_warm_up is not None:
        await asyncio.to_thread(submit_warm_up)
        w = worker()
        task = asyncio.create_task(w.run())
        try:
            while await asyncio.to_thread(_undecided, platform) > 0:
                await asyncio.sleep(0.05)
            while await asyncio.to_thread(_pending_jobs, platform) > 0:  # its DOI sync too
                await asyncio.sleep(0.05)
        finally:
            w.stop()
            await task
    submit_s = await asyncio.to_thread(submit_all)
    w = worker()
    t0, c0 = time.monotonic(), time.process_time()
    task = asyncio.create_task(w.run())
    try:
        while _undecided(platform) > 0:
            await asyncio.sleep(0.05)
        wall, cpu = time.monotonic() - t0, time.process_time() - c0
        deadline = time.monotonic() + 60  # let the follow-up jobs (DOI syncs) finish before the check
        while await asyncio.to_thread(_pending_jobs, platform) > 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return submit_s, wall, cpu
    finally:
        w.stop()
        await task


def _pending_jobs(platform) -> int:
    from sqlalchemy import func, select

    from aixiv.records import Job

    with platform.db.read() as s:
        return s.scalar(select(func.count()).select_from(Job).where(Job.status.in_(["queued", "running"]))) or 0


class _SimProcess:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url


@contextlib.contextmanager
def _simulator(latency: float, accept_rate: float):
    import httpx

    from aixiv.demo import free_port

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aixiv.cli", "simulate-llm", "--port", str(port), "--latency", str(latency),
         "--accept-rate", str(accept_rate)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the simulated LLM server did not start")
            time.sleep(0.1)
        yield _SimProcess(base)
    finally:
        proc.terminate()
        proc.wait(10)


def _warm_up() -> None:
    """Import what the pipeline imports on first use, so the clock measures the loop only."""
    import pydantic_ai  # noqa: F401
    import pydantic_ai.models.openai  # noqa: F401

    import aixiv.guard  # noqa: F401
    import aixiv.literature  # noqa: F401
    import aixiv.review  # noqa: F401
    import aixiv.workflow.pipeline  # noqa: F401


def _undecided(platform) -> int:
    from sqlalchemy import func, select

    from aixiv.records import Submission

    with platform.db.read() as s:
        return s.scalar(select(func.count()).select_from(Submission).where(
            Submission.status.not_in(["provisionally_accepted", "rejected", "held"]))) or 0


def _write_panel_config(data: Path, sim_url: str) -> None:
    """The worker process's models: the in-process run's panel (one reviewer, five voters),
    unthrottled, as ``<data_dir>/aixiv.toml``."""
    from aixiv.models import simulated_specs

    specs = simulated_specs(sim_url, 5)
    lines = []
    for spec in specs:
        lines += [f"[models.{spec.name}]", 'provider = "simulated"', f"model_id = {json.dumps(spec.model_id)}",
                  f"base_url = {json.dumps(spec.base_url)}", f"family = {json.dumps(spec.family)}",
                  "max_concurrency = 10000", "timeout_s = 30", "max_retries = 3", ""]
    names = [s.name for s in specs]
    lines += ["[panels]", f"reviewers = {json.dumps(names[:1])}", f"voters = {json.dumps(names)}", ""]
    (data / "aixiv.toml").write_text("\n".join(lines), encoding="utf-8")


def _spawn(data: Path, sim_url: str, concurrency: int) -> subprocess.Popen:
    _write_panel_config(data, sim_url)
    env = {k: v for k, v in os.environ.items() if k not in ("AIXIV_SIMULATED_LLM", "AIXIV_CONFIG")}
    env.update({"AIXIV_LLM_CACHE": "off", "AIXIV_JOB_POLL_S": "0.05"})
    return subprocess.Popen([sys.executable, "-m", "aixiv.cli", "worker", "--data-dir", str(data),
                             "--concurrency", str(concurrency), "--lease", "5"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _run_with_kill(platform, data, sim_url, concurrency, kill_after, n, latency) -> tuple[float, int]:
    t0 = time.monotonic()
    proc = _spawn(data, sim_url, concurrency)
    kills = 0
    try:
        while _undecided(platform) > 0:
            if kills == 0 and time.monotonic() - t0 > kill_after:
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
                kills = 1
                proc = _spawn(data, sim_url, concurrency)
            time.sleep(0.05)
        wall = time.monotonic() - t0
        deadline = time.monotonic() + 60  # let the follow-up jobs (DOI syncs) finish before the check
        while _pending_jobs(platform) > 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        return wall, kills
    finally:
        proc.terminate()
        proc.wait(10)


def _check(platform, n: int) -> dict:
    """No job lost, no vote duplicated, one decision per submission."""
    from sqlalchemy import func, select

    from aixiv.records import Decision, Job, Vote

    with platform.db.read() as s:
        jobs = dict(s.execute(select(Job.status, func.count()).group_by(Job.status)).all())
        decisions = s.scalar(select(func.count()).select_from(Decision)) or 0
        per_version = s.execute(select(Vote.version_id, Vote.round, func.count()).where(Vote.origin == "panel")
                                .group_by(Vote.version_id, Vote.round)).all()
    return {
        "decisions": decisions,
        "jobs_not_done": sum(v for k, v in jobs.items() if k != "done"),
        "max_votes_per_version": max((c for *_, c in per_version), default=0),
        "ok": decisions == n and all(c == 5 for *_, c in per_version)
        and not any(v for k, v in jobs.items() if k != "done"),
    }
