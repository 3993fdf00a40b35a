"""`aixiv scan`: screen files or directories for prompt injection, without a server."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("scan")
    def scan(
        paths: list[Path] = typer.Argument(
            ..., help="Files or directories (searched recursively)."
        ),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per file per line."),
        threshold: float = typer.Option(
            None, "--threshold", min=0.0, max=1.0, help="Override Settings.guard_threshold."
        ),
        findings: int = typer.Option(
            5, "--findings", min=0, help="How many findings to show per file."
        ),
        fail_on_flag: bool = typer.Option(
            False, "--fail-on-flag", help="Exit with status 1 if any file is flagged."
        ),
        llm: str = typer.Option(
            None, "--llm", help="A configured model (aixiv models list) asked about uncertain findings."
        ),
    ) -> None:
        """Screen manuscripts for hidden or manipulative instructions aimed at AI reviewers.

        Each file is parsed in a child process under the ingestion time and memory limits;
        an unreadable file gets a line with an ``error`` and the run goes on.
        """
        from aixiv.config import get_settings
        from aixiv.guard import iter_files, scan_path
        from aixiv.ingest import IngestError

        settings = get_settings()
        if threshold is not None:
            settings = settings.model_copy(update={"guard_threshold": threshold})
        check = None
        if llm:
            from aixiv.guard import make_llm_check
            from aixiv.models import ModelRegistry

            registry = ModelRegistry.from_settings(settings)
            if llm not in registry.names():
                raise typer.BadParameter(f"no model {llm!r} is configured (aixiv models list)", param_hint="--llm")
            check = make_llm_check(registry.client(llm))
        flagged_any = False
        for path in iter_files(paths):
            try:
                report = scan_path(path, settings, llm_check=check)
            except IngestError as exc:
                _emit_error(path, exc.code, exc.message, as_json)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
                _emit_error(path, "guard-error", f"{type(exc).__name__}: {exc}", as_json)
                continue
            flagged_any |= report.flagged
            if as_json:
                row = {
                    "path": str(path),
                    "flagged": report.flagged,
                    "risk": report.risk,
                    "threshold": report.threshold,
                    "categories": report.categories,
                    "findings": [
                        f.model_dump(mode="json")
                        for f in report.findings[: max(findings, 0) or None]
                    ],
                    "stats": report.stats,
                    "guard_version": report.guard_version,
                }
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                _emit_text(path, report, findings)
        if fail_on_flag and flagged_any:
            raise typer.Exit(1)


def _emit_error(path: Path, code: str, message: str, as_json: bool) -> None:
    if as_json:
        typer.echo(
            json.dumps({"path": str(path), "error": message, "code": code}, ensure_ascii=False)
        )
    else:
        typer.secho(f"ERROR    {path}: {message}", fg=typer.colors.YELLOW, err=False)


def _emit_text(path: Path, report, limit: int) -> None:  # type: ignore[no-untyped-def]
    if report.flagged:
        typer.secho(
            f"FLAGGED  {report.risk:.2f}  {path}  [{', '.join(report.categories)}]",
            fg=typer.colors.RED,
            bold=True,
        )
    else:
        typer.secho(f"clean    {report.risk:.2f}  {path}", fg=typer.colors.GREEN)
    shown = [f for f in report.findings if f.risk >= 0.2][:limit] if report.flagged else []
    for f in shown:
        where = f"p{f.page}" if f.page else f.location
        typer.echo(f"         {f.risk:.2f} {f.category:<16} {where:<10} {f.snippet[:90]!r}")
        typer.echo(f"              {f.why[:140]}")
