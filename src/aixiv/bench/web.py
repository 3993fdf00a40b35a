"""`aixiv bench web`: fill a database with N submissions, then load the abstract page and the
listing with concurrent clients against `aixiv serve` running in its own process; prints p50
and p99 latency (target: abstract page p99 < 100 ms). Each page is first loaded, untimed, at
full concurrency (10 requests per client): the figures are the warm server's."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
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

WORDS = (
    "sparse routing entropy curriculum transformer diffusion scaling graph kernel attention "
    "robust calibration benchmark ablation gradient variance optimizer warmup tokenizer soil "
    "moisture sensor protein folding causal inference retrieval memory agent planning"
).split()


def register(bench: typer.Typer) -> None:
    bench.command("web")(web)


def web(
    records: Annotated[int, typer.Option(help="Submissions to fill the database with.")] = 10_000,
    clients: Annotated[int, typer.Option(help="Concurrent clients.")] = 20,
    requests: Annotated[int, typer.Option(help="Requests per measured page.")] = 2000,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: a temporary one; reused if already filled).")] = None,
    database_url: Annotated[str | None, typer.Option(help="Database URL (default: SQLite in the data directory).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (aixiv serve --workers).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Latency of the abstract page and the listing under concurrent clients."""
    data = data_dir or Path(tempfile.mkdtemp(prefix="aixiv-bench-web-"))
    ids = fill(data, records, database_url)
    port = _free_port()
    env = {**os.environ, "AIXIV_DATA_DIR": str(data)}
    if database_url:
        env["AIXIV_DATABASE_URL"] = database_url
    server = subprocess.Popen(
        [sys.executable, "-m", "aixiv.cli", "serve", "--data-dir", str(data), "--port", str(port), "--no-worker",
         "--workers", str(workers), "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_up(base)
        results = asyncio.run(_measure(base, ids, clients, requests))
    finally:
        server.terminate()
        server.wait(15)
    out = {"records": records, "clients": clients, "workers": workers, **results}
    if as_json:
        print(json.dumps(out))
        return
    procs = f", {workers} server processes" if workers > 1 else ""
    table = Table(title=f"aixiv bench web: {records} submissions, {clients} clients{procs}")
    for col in ("page", "requests", "p50 ms", "p99 ms", "req/s", "errors"):
        table.add_column(col, justify="right" if col != "page" else "left")
    for name, r in results.items():
        table.add_row(name, str(r["requests"]), f"{r['p50_ms']:.1f}", f"{r['p99_ms']:.1f}", f"{r['rps']:.0f}", str(r["errors"]))
    console.print(table)
    p99 = results["abstract page"]["p99_ms"]
    console.print(f"abstract page p99 {p99:.1f} ms (target < 100 ms): {'met' if p99 < 100 else 'NOT met'}")


def fill(data: Path, n: int, database_url: str | None) -> list[str]:
    """Insert n submissions (one version each, indexed for search) directly; returns their ids."""
    from sqlalchemy import func, insert, select

    from aixiv.config import Settings, set_settings
    from aixiv.platform import Platform
    from aixiv.records import (
        Account,
        IdCounter,
        Submission,
        SubmissionAuthor,
        SubmissionCategory,
        Version,
    )
    from aixiv.records.search import index_submission

    settings = Settings(data_dir=data, database_url=database_url, worker_enabled=False)
    set_settings(settings)
    p = Platform(settings)
    with p.db.read() as s:
        have = s.scalar(select(func.count()).select_from(Submission)) or 0
    if have < n:
        rng = random.Random(7)
        doc_sha, _ = p.blobs.put_json('{"source_format": "markdown", "text": ""}')
        file_sha, _ = p.blobs.put(b"# benchmark\n")
        with p.db.transaction() as s:
            owner = s.scalar(select(Account).where(Account.handle == "bench-owner"))
            if owner is None:
                owner = Account(kind="human", handle="bench-owner", display_name="Bench Owner")
                s.add(owner)
                s.flush()
        day = dt.datetime.now(dt.UTC).strftime("%y%m%d")
        batch = 500
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(f"filling {n} submissions", total=n - have)
            for start in range(have, n, batch):
                stop = min(n, start + batch)
                with p.db.transaction() as s:
                    subs, vers, auths, cats = [], [], [], []
                    for i in range(start, stop):
                        sid = f"aixiv.{day}.{i + 1:06d}"
                        words = rng.sample(WORDS, 6)
                        title = " ".join(w.capitalize() for w in words[:4]) + f" {i}"
                        abstract = " ".join(rng.choice(WORDS) for _ in range(120)).capitalize() + "."
                        status = rng.choice(["accepted", "provisionally_accepted", "under_review", "rejected"])
                        created = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=n - i)
                        subs.append(dict(id=sid, kind=rng.choice(["paper", "paper", "proposal"]), title=title,
                                         abstract=abstract, categories=["cs.LG"], keywords=words[4:], license="CC-BY-4.0",
                                         status=status, submitter_id=owner.id, latest_version=1, ai_generated=True,
                                         created_at=created, updated_at=created, like_count=0, comment_count=0))
                        vers.append(dict(id=f"v{i:031d}", submission_id=sid, number=1, title=title, abstract=abstract,
                                         filename="paper.md", media_type="text/markdown", size_bytes=12,
                                         file_sha256=file_sha, document_sha256=doc_sha, source_format="markdown",
                                         page_count=8, text=abstract * 4, submitted_by=owner.id, created_at=created,
                                         stage="decided"))
                        auths.append(dict(submission_id=sid, position=0, name=f"Agent {i % 97}", kind="agent",
                                          model_name="model-x", model_developer="Example Labs"))
                        cats.append(dict(submission_id=sid, category="cs.LG"))
                    s.execute(insert(Submission), subs)
                    s.execute(insert(Version), vers)
                    s.execute(insert(SubmissionAuthor), auths)
                    s.execute(insert(SubmissionCategory), cats)
                    for row in subs:
                        index_submission(s, row["id"], row["title"], row["abstract"], row["abstract"])
                    counter = s.get(IdCounter, day)
                    if counter is None:
                        s.add(IdCounter(day=day, last=stop))
                    else:
                        counter.last = max(counter.last, stop)
                bar.update(task, advance=stop - start)
    with p.db.read() as s:
        ids = list(s.scalars(select(Submission.id).order_by(Submission.created_at.desc()).limit(n)))
    p.close()
    return ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(base: str, timeout: float = 60) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not come up")


async def _measure(base: str, ids: list[str], clients: int, n: int) -> dict:
    import aiohttp

    rng = random.Random(11)
    pages = {
        "abstract page": lambda: f"/abs/{rng.choice(ids)}",
        "listing": lambda: "/list",
        "listing API": lambda: "/api/v1/submissions?limit=25",
        "search API": lambda: f"/api/v1/submissions?q={rng.choice(WORDS)}&limit=25",
    }
    results = {}
    # The load comes from aiohttp: under twenty concurrent requests httpx's own connection pool
    # adds stalls of its own (p99 ~300 ms against a server that answers aiohttp at ~50 ms).
    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients)
    async with aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as client:
        for name, make in pages.items():
            times: list[float] = []
            errors = 0

            async def worker(queue: list[str], times: list[float]) -> None:
                nonlocal errors
                while queue:
                    path = queue.pop()
                    t = time.perf_counter()
                    async with client.get(path) as r:
                        await r.read()
                        status = r.status
                    times.append(time.perf_counter() - t)
                    if status != 200:
                        errors += 1

            # Warm up at full concurrency, untimed: a server that just started opens its database
            # connections, fills their caches and starts its threads on the first concurrent burst.
            warm = [make() for _ in range(max(100, 10 * clients))]
            await asyncio.gather(*(worker(warm, []) for _ in range(clients)))
            errors = 0
            queue = [make() for _ in range(n)]
            t0 = time.perf_counter()
            await asyncio.gather(*(worker(queue, times) for _ in range(clients)))
            wall = time.perf_counter() - t0
            times.sort()
            results[name] = {
                "requests": len(times),
                "p50_ms": statistics.median(times) * 1000,
                "p99_ms": times[int(0.99 * (len(times) - 1))] * 1000,
                "rps": len(times) / wall,
                "errors": errors,
            }
    return results
