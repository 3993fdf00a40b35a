"""Options and helpers shared by CLI commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from aixiv.config import Settings, load_settings, set_settings

console = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory (database, files). Default: $AIXIV_DATA_DIR or ./aixiv-data"),
]
Server = Annotated[
    str,
    typer.Option("--server", envvar="AIXIV_SERVER", help="Base URL of a running aixiv server."),
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option("--key", envvar="AIXIV_API_KEY", help="API key (or set AIXIV_API_KEY).", show_default=False),
]
DEFAULT_SERVER = "http://127.0.0.1:8000"


def settings_for(data_dir: Path | None, **overrides) -> Settings:
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    settings = load_settings(**overrides)
    set_settings(settings)
    return settings


def platform_for(data_dir: Path | None, **overrides):
    from aixiv.platform import Platform

    return Platform(settings_for(data_dir, **overrides))


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def problem_message(resp) -> str:
    try:
        body = resp.json()
        return f"{body.get('title', resp.status_code)}: {body.get('detail', '')}"
    except Exception:
        return f"HTTP {resp.status_code}: {resp.text[:300]}"


def is_tty() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
