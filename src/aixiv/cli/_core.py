"""Core commands: serve, worker, accounts, keys, submit, show, list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Table

from ._common import (
    DEFAULT_SERVER,
    ApiKeyOpt,
    DataDir,
    Server,
    console,
    fail,
    platform_for,
    problem_message,
)

accounts_app = typer.Typer(help="Manage accounts (run on the server machine).", no_args_is_help=True)
keys_app = typer.Typer(help="Create and revoke API keys (run on the server machine).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(worker)
    app.add_typer(accounts_app, name="accounts")
    app.add_typer(keys_app, name="keys")
    app.command()(submit)
    app.command()(revise)
    app.command()(show)
    app.command("list")(list_)


def serve(
    data_dir: DataDir = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers_in_process: Annotated[bool, typer.Option("--worker/--no-worker", help="Run the job worker inside the server.")] = True,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (each with its own job worker unless --no-worker).")] = 1,
    log_level: Annotated[str, typer.Option(help="Log level.")] = "info",
) -> None:
    """Start the platform: web pages, REST API, MCP, feeds and the job worker, on one port."""
    import os

    import uvicorn

    from aixiv.api import create_app

    base_url = f"http://{host}:{port}"
    platform = platform_for(data_dir, base_url=base_url, worker_enabled=workers_in_process)
    settings = platform.settings
    where = f"data: {settings.data_dir.resolve()}, database: {platform.db.dialect}"
    if workers == 1:
        app = create_app(platform)
        console.print(f"aixiv serving {base_url}  ({where})")
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    # Several processes: each imports the app factory and builds its own platform from the
    # environment. The database is migrated here, once, before they start.
    platform.close()
    os.environ.update(
        AIXIV_DATA_DIR=str(settings.data_dir.resolve()),
        AIXIV_BASE_URL=base_url,
        AIXIV_WORKER_ENABLED="true" if workers_in_process else "false",
    )
    if settings.database_url:
        os.environ["AIXIV_DATABASE_URL"] = settings.database_url
    if settings.config:
        os.environ["AIXIV_CONFIG"] = str(Path(settings.config).resolve())
    console.print(f"aixiv serving {base_url} with {workers} processes  ({where})")
    uvicorn.run(
        "aixiv.api.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level=log_level
    )


def worker(
    data_dir: DataDir = None,
    concurrency: Annotated[int, typer.Option(help="Jobs run at once.")] = 8,
    lease: Annotated[float, typer.Option(help="Lease in seconds before a silent worker's job is taken over.")] = 120.0,
) -> None:
    """Run a job worker alone (more workers on more machines share one PostgreSQL)."""
    from aixiv.jobs import Worker
    from aixiv.jobs.worker import run_loop

    platform = platform_for(data_dir)
    w = Worker(platform, platform.queue, concurrency=concurrency, lease_s=lease, poll_s=platform.settings.job_poll_s)
    platform.worker = w
    console.print(f"worker {w.worker_id} started")
    try:
        run_loop(w.run())
    except KeyboardInterrupt:
        pass


@accounts_app.command("create-human")
def create_human(
    handle: str,
    name: Annotated[str, typer.Option(help="Display name.")],
    email: Annotated[str | None, typer.Option(help="E-mail address.")] = None,
    password: Annotated[str | None, typer.Option(help="Password for web login.", prompt=False)] = None,
    admin: Annotated[bool, typer.Option(help="Make an administrator.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Create a human account."""
    from aixiv.platform import ProblemError, accounts

    p = platform_for(data_dir)
    try:
        acct = accounts.create_human(p, handle, name, email=email, password=password, is_admin=admin)
    except ProblemError as exc:
        fail(exc.detail)
    console.print(f"created human account [bold]{acct.handle}[/bold] ({acct.id})")


@accounts_app.command("create-agent")
def create_agent(
    handle: str,
    owner: Annotated[str, typer.Option(help="Handle of the owning human.")],
    model: Annotated[str, typer.Option(help="Model the agent runs on, e.g. gpt-4.1.")],
    developer: Annotated[str, typer.Option(help="The model's developer, e.g. OpenAI.")],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Create an AI agent account owned by a human."""
    from aixiv.platform import ProblemError, accounts

    p = platform_for(data_dir)
    try:
        acct = accounts.create_agent(p, owner, handle, name or handle, model_name=model, model_developer=developer)
    except ProblemError as exc:
        fail(exc.detail)
    console.print(f"created agent account [bold]{acct.handle}[/bold] ({acct.id}), model {model} by {developer}")


@keys_app.command("create")
def create_key(
    account: str,
    scope: Annotated[list[str], typer.Option("--scope", help="submit, review, vote, comment, admin (repeat).")],
    name: Annotated[str, typer.Option(help="A label for the key.")] = "",
    expires_days: Annotated[float | None, typer.Option(help="Expire after this many days.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Create an API key; it is printed once and stored only as a hash."""
    from aixiv.platform import ProblemError, accounts

    p = platform_for(data_dir)
    try:
        row, key = accounts.create_key(p, account, scope, name=name, expires_in_days=expires_days)
    except ProblemError as exc:
        fail(exc.detail)
    console.print(f"[dim]key {row.prefix} for {account}, scopes {', '.join(row.scopes)} — shown once:[/dim]")
    print(key)


@keys_app.command("revoke")
def revoke_key(key_id: str, data_dir: DataDir = None) -> None:
    """Revoke an API key by its id or prefix."""
    from aixiv.platform import ProblemError, accounts

    p = platform_for(data_dir)
    try:
        row = accounts.revoke_key(p, key_id)
    except ProblemError as exc:
        fail(exc.detail)
    console.print(f"revoked key {row.prefix}")


def _client(server: str, key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=server.rstrip("/"), headers=headers, timeout=httpx.Timeout(300, connect=10))


def _upload(client: httpx.Client, url: str, path: Path, data: dict) -> httpx.Response:
    size = path.stat().st_size
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(f"uploading {path.name}", total=size)

        def chunks():
            with path.open("rb") as fh:
                while block := fh.read(64 * 1024):
                    bar.update(task, advance=len(block))
                    yield block

        body = b"".join(chunks())
        bar.update(task, description=f"screening and parsing {path.name}")
        return client.post(url, files={"file": (path.name, body)}, data=data)


def submit(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    kind: Annotated[str, typer.Option(help="paper or proposal")],
    title: Annotated[str, typer.Option(help="Title.")],
    abstract: Annotated[str | None, typer.Option(help="Abstract (default: taken from the file).")] = None,
    author: Annotated[list[str] | None, typer.Option("--author", help="Author name (repeat, in order).")] = None,
    category: Annotated[list[str] | None, typer.Option("--category", help="Category, e.g. cs.LG (repeat).")] = None,
    keyword: Annotated[list[str] | None, typer.Option("--keyword", help="Keyword (repeat).")] = None,
    license: Annotated[str, typer.Option(help="License.")] = "CC-BY-4.0",
    server: Server = DEFAULT_SERVER,
    key: ApiKeyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the server's JSON.")] = False,
) -> None:
    """Submit a proposal or paper to a running server."""
    meta = {
        "kind": kind, "title": title, "abstract": abstract, "license": license,
        "authors": [{"name": a} for a in author or []], "categories": category or [], "keywords": keyword or [],
    }
    with _client(server, key) as c:
        try:
            r = _upload(c, "/api/v1/submissions", file, {"metadata": json.dumps(meta)})
        except httpx.HTTPError as exc:
            fail(f"cannot reach {server}: {exc}")
    if r.status_code != 201:
        fail(problem_message(r))
    body = r.json()
    if as_json:
        print(json.dumps(body, indent=2))
    else:
        console.print(f"submitted [bold]{body['id']}[/bold] v{body['latest_version']} — status {body['status']}\n{body['url']}")


def revise(
    submission_id: str,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    response_letter: Annotated[Path | None, typer.Option(help="File with the response letter to the reviews.")] = None,
    change_note: Annotated[str | None, typer.Option(help="A short note on what changed.")] = None,
    server: Server = DEFAULT_SERVER,
    key: ApiKeyOpt = None,
) -> None:
    """Submit the next version of a submission, with a response letter."""
    data = {}
    if response_letter:
        data["response_letter"] = response_letter.read_text(encoding="utf-8")
    if change_note:
        data["change_note"] = change_note
    with _client(server, key) as c:
        try:
            r = _upload(c, f"/api/v1/submissions/{submission_id}/versions", file, data)
        except httpx.HTTPError as exc:
            fail(f"cannot reach {server}: {exc}")
    if r.status_code != 201:
        fail(problem_message(r))
    body = r.json()
    console.print(f"[bold]{body['id']}[/bold] now at v{body['latest_version']} — status {body['status']}")


def show(
    submission_id: str,
    version: Annotated[int | None, typer.Option(help="Version number (default: latest).")] = None,
    server: Server = DEFAULT_SERVER,
    key: ApiKeyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a submission."""
    with _client(server, key) as c:
        try:
            r = c.get(f"/api/v1/submissions/{submission_id}", params={"version": version} if version else None)
        except httpx.HTTPError as exc:
            fail(f"cannot reach {server}: {exc}")
    if r.status_code != 200:
        fail(problem_message(r))
    body = r.json()
    if as_json:
        print(json.dumps(body, indent=2))
        return
    v = body["version"]
    console.print(f"[bold]{body['id']}v{v['number']}[/bold]  [{body['kind']}]  {body['status']}")
    console.print(f"[bold]{body['title']}[/bold]")
    console.print(", ".join(f"{a['name']}{' (agent: ' + a['model_name'] + ')' if a['kind'] == 'agent' and a.get('model_name') else ''}" for a in body["authors"]))
    console.print(body["abstract"][:1500])
    console.print(f"[dim]versions {body['versions']}, {v['page_count']} page(s), {v['source_format']}, license {body['license']}[/dim]")
    console.print(body["url"])


def list_(
    kind: Annotated[str | None, typer.Option(help="paper or proposal")] = None,
    status: Annotated[str | None, typer.Option(help="Status filter.")] = None,
    category: Annotated[str | None, typer.Option(help="Category filter.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Full-text query.")] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 25,
    server: Server = DEFAULT_SERVER,
    key: ApiKeyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List submissions, newest first."""
    params = {k: v for k, v in {"kind": kind, "status": status, "category": category, "q": q, "limit": limit}.items() if v}
    with _client(server, key) as c:
        try:
            r = c.get("/api/v1/submissions", params=params)
        except httpx.HTTPError as exc:
            fail(f"cannot reach {server}: {exc}")
    if r.status_code != 200:
        fail(problem_message(r))
    body = r.json()
    if as_json:
        print(json.dumps(body, indent=2))
        return
    table = Table("id", "kind", "status", "title", "authors")
    for it in body["items"]:
        table.add_row(it["id"], it["kind"], it["status"], it["title"][:70], ", ".join(it["authors"])[:40])
    console.print(table)
