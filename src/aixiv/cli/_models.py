"""``aixiv simulate-llm`` and ``aixiv models ...``: the LLM side of the command line."""

from __future__ import annotations

import asyncio
import json
import os

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table


def register(app: typer.Typer) -> None:
    models_app = typer.Typer(help="Configured LLMs and panels.", no_args_is_help=True)
    app.add_typer(models_app, name="models")

    @app.command("simulate-llm")
    def simulate_llm(
        port: int = typer.Option(8001, "--port", "-p", min=0, max=65535, help="Port to listen on."),
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
        latency: float = typer.Option(
            0.0, "--latency", min=0.0, help="Seconds to wait per request."
        ),
        fail_rate: float = typer.Option(
            0.0, "--fail-rate", min=0.0, max=1.0, help="Fraction of requests answered 500/429."
        ),
        accept_rate: float = typer.Option(
            0.5, "--accept-rate", min=0.0, max=1.0, help="Probability a decision field says accept."
        ),
        seed: int = typer.Option(
            0, "--seed", help="Seed; same seed and request give the same answer."
        ),
    ) -> None:
        """Serve a simulated OpenAI-compatible LLM (/v1/chat/completions) for tests and demos."""
        console = Console()
        from aixiv.models.simulator import run_simulator

        console.print(
            f"[bold]aixiv simulated LLM[/] on http://{host}:{port}/v1 "
            f"(latency {latency:g} s, fail rate {fail_rate:g}, accept rate {accept_rate:g}, seed {seed})\n"
            f"Use it with: AIXIV_SIMULATED_LLM=http://{host}:{port}/v1"
        )
        run_simulator(
            host=host,
            port=port,
            latency=latency,
            fail_rate=fail_rate,
            accept_rate=accept_rate,
            seed=seed,
        )

    @models_app.command("list")
    def list_models(
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    ) -> None:
        """Show the configured models and panels (key variable names only, never keys)."""
        console = Console()
        from aixiv.models import ModelRegistry, NullCache

        try:
            registry = ModelRegistry.from_settings(cache=NullCache())
        except ValueError as exc:
            console.print(f"[red]Invalid model configuration:[/] {escape(str(exc))}")
            raise typer.Exit(2) from None
        specs = registry.specs()
        if as_json:
            rows = [
                {
                    **spec.model_dump(),
                    "key_set": bool(spec.api_key_env and os.environ.get(spec.api_key_env)),
                }
                for spec in specs
            ]
            typer.echo(json.dumps({"models": rows, "panels": registry.panels()}, indent=2))
            return
        if not specs:
            console.print(
                "No models configured. Add \\[models.NAME] tables to the settings file, or set "
                "AIXIV_SIMULATED_LLM to the URL of `aixiv simulate-llm`."
            )
            return
        if os.environ.get("AIXIV_SIMULATED_LLM"):
            console.print("[yellow]AIXIV_SIMULATED_LLM is set: using simulated models.[/]")
        table = Table(title="Models")
        for col in ("name", "provider", "model id", "family", "base url", "key", "$/Mtok in/out"):
            table.add_column(col, overflow="fold")
        table.add_column("conc/timeout/retries", no_wrap=True)
        for s in specs:
            if s.api_key_env:
                key = f"{s.api_key_env} ({'set' if os.environ.get(s.api_key_env) else 'missing'})"
            else:
                key = "-"
            table.add_row(
                s.name,
                s.provider,
                s.model_id,
                s.family,
                s.base_url or "-",
                key,
                f"{s.price_in_per_mtok:g} / {s.price_out_per_mtok:g}",
                f"{s.max_concurrency} / {s.timeout_s:g}s / {s.max_retries}",
            )
        console.print(table)
        panels = Table(title="Panels")
        panels.add_column("panel")
        panels.add_column("models")
        for name, members in registry.panels().items():
            panels.add_row(name, ", ".join(members))
        console.print(panels)

    @models_app.command("ping")
    def ping(
        name: str = typer.Argument(..., help="Model name from the settings."),
        prompt: str = typer.Option("Say hello in one short sentence.", "--prompt"),
    ) -> None:
        """Send one small structured request to a model and show the answer and its cost."""
        console = Console()
        from pydantic import BaseModel, Field

        from aixiv.models import CallResult, MemoryLedger, ModelError, ModelRegistry, NullCache

        class Pong(BaseModel):
            answer: str = Field(max_length=500)

        ledger = MemoryLedger()
        try:
            registry = ModelRegistry.from_settings(ledger=ledger, cache=NullCache())
            client = registry.client(name)
        except (ValueError, KeyError) as exc:
            console.print(f"[red]{escape(str(exc.args[0] if exc.args else exc))}[/]")
            raise typer.Exit(2) from None

        async def call() -> CallResult[Pong]:
            async with registry:
                return await client.generate(
                    system="You are a terse assistant.",
                    prompt=prompt,
                    output_type=Pong,
                    purpose="ping",
                    prompt_version="ping-1",
                )

        try:
            result = asyncio.run(call())
        except ModelError as exc:
            console.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1) from None
        console.print(escape(result.output.answer))
        console.print(
            f"[dim]{result.model} ({result.provider}:{result.model_id}) "
            f"{result.tokens_in}+{result.tokens_out} tokens, ${result.cost_usd:.6f}, "
            f"{result.latency_s:.2f} s, {result.attempts} request(s)[/]"
        )
