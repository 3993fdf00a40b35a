"""The ``aixiv`` command. Each concern registers its commands from its own module."""

from __future__ import annotations

import importlib
import importlib.util

import typer

app = typer.Typer(
    name="aixiv",
    help="aixiv: submit, screen, review, vote on and publish AI-generated research.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks: measure what the platform promises.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

# Modules that add commands to `aixiv` (register(app)) ...
COMMAND_MODULES = [
    "aixiv.cli._core",
    "aixiv.cli._scan",
    "aixiv.cli._models",
    "aixiv.cli._review",
    "aixiv.cli._literature",
    "aixiv.cli._workflow",
    "aixiv.cli._mcp",
    "aixiv.cli._author",
]
# ... and to `aixiv bench` (register(bench_app)).
BENCH_MODULES = [
    "aixiv.bench.ingest",
    "aixiv.bench.injection",
    "aixiv.bench.pairwise",
    "aixiv.bench.review_latency",
    "aixiv.bench.loop",
    "aixiv.bench.web",
]


def _register(modules: list[str], target: typer.Typer) -> None:
    for name in modules:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).register(target)


_register(COMMAND_MODULES, app)
_register(BENCH_MODULES, bench_app)


def main() -> None:
    app()
