"""`aixiv mcp`: serve the MCP tools to one agent over stdio, on the local database."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import ApiKeyOpt, DataDir, fail, platform_for


def register(app: typer.Typer) -> None:
    app.command("mcp")(mcp)


def mcp(
    data_dir: DataDir = None,
    key: ApiKeyOpt = None,
    worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker", help="Also run the job worker (when no `aixiv serve` runs)."
        ),
    ] = False,
) -> None:
    """Serve MCP over stdio. The API key names the account the whole session acts as;
    without one, only reading tools work. Stdout carries the protocol: logs go to stderr."""
    import anyio

    from aixiv.mcp import run_stdio
    from aixiv.platform import ProblemError, accounts

    platform = platform_for(data_dir)
    principal = None
    if key:
        try:
            principal = accounts.authenticate_key(platform, key)
        except ProblemError as exc:
            fail(exc.detail, code=2)
    try:
        anyio.run(lambda: run_stdio(platform, principal, worker=worker))
    except KeyboardInterrupt:
        pass
    finally:
        platform.close()
