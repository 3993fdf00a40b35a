"""`aixiv demo`: the platform's showcase, the whole loop start to finish."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from ._common import console, fail


def register(app: typer.Typer) -> None:
    app.command()(demo)


def demo(
    manuscripts: Annotated[Path | None, typer.Argument(help="A directory of manuscripts (default: the demo manuscripts shipped with aixiv).", exists=True, file_okay=False)] = None,
    simulated: Annotated[bool, typer.Option("--simulated", help="Run against a built-in simulated LLM server (every review and vote labelled simulated).")] = False,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Data directory (default: a new temporary one).")] = None,
    port: Annotated[int, typer.Option(help="Port to serve on (0: any free port).")] = 8000,
    latency: Annotated[float, typer.Option(help="Simulated model latency in seconds.")] = 0.2,
    accept_rate: Annotated[float, typer.Option(help="Simulated voters' base accept rate.")] = 0.45,
    serve: Annotated[bool, typer.Option("--serve/--exit", help="Keep serving after the loop so you can open the pages.")] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each round of the loop.")] = 600.0,
) -> None:
    """Submit, screen, review, vote, revise, re-review, accept and publish — with URLs to open."""
    from aixiv.api import create_app
    from aixiv.demo import ServerThread, collect, free_port
    from aixiv.platform import Platform
    from aixiv.workflow._models import ledger_for

    from ._common import settings_for

    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    data = data_dir or Path(tempfile.mkdtemp(prefix="aixiv-demo-"))
    settings = settings_for(data, base_url=base, worker_enabled=True)
    platform = Platform(settings)
    sim = None
    if simulated:
        from aixiv.models import simulated_registry, start_simulator

        sim = start_simulator(latency=latency, accept_rate=accept_rate)
        platform.registry = simulated_registry(sim.base_url, 5, ledger=ledger_for(platform))
        names = platform.registry.names()
        platform.registry._panels.update({"reviewers": names[:1], "voters": names})
        console.print(f"[yellow]simulated models[/yellow] ({', '.join(names)}) at {sim.base_url}: every review and vote is labelled simulated")
    else:
        from aixiv.workflow._models import registry_for

        reg = registry_for(platform)
        if not reg.has_models():
            fail(
                "no model is configured. Configure models and panels in the settings file "
                "(see `aixiv models list` and the README), or run `aixiv demo --simulated` to run the "
                "same loop against a simulated LLM server.",
                code=2,
            )
    items = collect(manuscripts)
    if not items:
        fail(f"no manuscripts (.md, .tex, .pdf, .txt) in {manuscripts}")
    try:
        with ServerThread(create_app(platform), port):
            console.print(f"aixiv demo serving {base}  (data: {data})")
            asyncio.run(_loop(platform, base, items, timeout, sim))
            if serve:
                console.print(f"\nOpen {base}/ to read them. Ctrl-C to stop.")
                try:
                    while True:
                        import time

                        time.sleep(3600)
                except KeyboardInterrupt:
                    pass
    finally:
        if sim is not None:
            sim.stop()
        platform.close()


async def _loop(platform, base: str, items, timeout: float, sim) -> None:
    import httpx

    from aixiv.demo import outside_review, submit, summary, wait_settled
    from aixiv.platform import accounts

    accounts.create_human(platform, "demo-lab", "Demo Lab PI", affiliation="aixiv demo")
    agent = "demo-scientist"
    model = "simulated" if sim else (platform.registry.names()[0] if platform.registry else "unknown")
    accounts.create_agent(platform, "demo-lab", agent, "Demo AI Scientist", model_name=model, model_developer="aixiv demo")
    key = accounts.create_key(platform, agent, ["submit", "comment"])[1]
    reviewers = []
    for handle, name in (("outside-reviewer-1", "Outside Reviewer One"), ("outside-reviewer-2", "Outside Reviewer Two")):
        accounts.create_human(platform, handle, name)
        reviewers.append((name, accounts.create_key(platform, handle, ["review", "vote"])[1]))

    with httpx.Client(base_url=base, timeout=300) as client:
        for item in items:
            item.submission_id = submit(client, key, item, ["cs.LG"] if item.kind == "paper" else ["cs.AI"])
            console.print(f"submitted {item.submission_id}  [{item.kind}] {item.title[:70]}")
        ids = [i.submission_id for i in items]
        first = _wait(client, ids, timeout, "screening, review and the five-model vote")
        for item in items:
            item.rounds.append(summary(client, first[item.submission_id]))

        to_revise = [i for i in items if first[i.submission_id]["status"] == "rejected"]
        revised = []
        for item in to_revise:
            n = await _revise(platform, base, key, client, item, sim)
            if n:
                revised.append(item)
        if revised:
            again = _wait(client, [i.submission_id for i in revised], timeout, "the revised versions")
            for item in revised:
                item.rounds.append(summary(client, again[item.submission_id]))
        # outside reviews upgrade provisionally accepted submissions to accepted
        for item in items:
            sub = client.get(f"/api/v1/submissions/{item.submission_id}").json()
            if sub["status"] == "provisionally_accepted":
                for who, rkey in reviewers:
                    outside_review(client, rkey, item.submission_id, sub["latest_version"], who)
                item.rounds.append(summary(client, client.get(f"/api/v1/submissions/{item.submission_id}").json()))
        await asyncio.sleep(1.0)  # let the DOI sync jobs finish
        _print(items)


async def _revise(platform, base, key, client, item, sim) -> int | None:
    """Submit the next version with a response letter written by the reference author agent."""
    try:
        from aixiv.author import AuthorAgent
    except ImportError:
        console.print("[red]the author agent is not available[/red]")
        return None
    from aixiv.workflow._models import registry_for

    reg = registry_for(platform)
    model_client = reg.client(reg.names()[0])
    agent = AuthorAgent(base, key, model_client)
    try:
        if item.revision is not None:
            result = await agent.revise_submission(item.submission_id, replacement=item.revision)
        else:
            result = await agent.revise_submission(item.submission_id)
    except Exception as exc:  # a manuscript the agent cannot revise (e.g. a PDF) stays as it is
        console.print(f"[dim]{item.submission_id}: not revised ({exc})[/dim]")
        return None
    console.print(f"revised {item.submission_id} -> v{result.get('version')} with a response letter")
    return result.get("version")


def _wait(client, ids, timeout, what):
    from aixiv.demo import SETTLED, wait_settled

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(what, total=len(ids))
        state = wait_settled(client, ids, timeout, lambda n: bar.update(task, completed=n))
    late = [sid for sid, s in state.items() if s["status"] not in SETTLED]
    if late:
        console.print(f"[yellow]still in progress after the timeout: {', '.join(late)}[/yellow]")
    return state


def _print(items) -> None:
    console.print("\n[bold]aixiv demo: decisions[/bold]")
    for item in items:
        console.print(f"\n[bold]{item.submission_id}[/bold]  [{item.kind}] {item.title}")
        for r in item.rounds:
            sim = " [yellow](simulated)[/yellow]" if r["simulated"] else ""
            line = f"  v{r['version']}{sim}  {r['status'].replace('_', ' ')}  —  panel vote: {r['tally']}"
            if r["pairwise"]:
                line += f"  —  pairwise {r['pairwise']}"
            console.print(line)
        last = item.rounds[-1] if item.rounds else None
        if last:
            doi = f"{last['doi']} ({last['doi_state']})" if last["doi"] else "none"
            console.print(f"  DOI {doi}   open {last['url']}")
