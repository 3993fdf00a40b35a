"""``aixiv author revise``: the reference author agent against a running server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aixiv.cli._common import (
    DEFAULT_SERVER,
    ApiKeyOpt,
    DataDir,
    Server,
    err,
    fail,
    is_tty,
    settings_for,
)

SUBMISSION_ID = re.compile(r"^(aixiv\.\d{6}\.\d{6})(?:v(\d+))?$")


@contextlib.contextmanager
def _simulator(url: str | None) -> Iterator[str | None]:
    """``--simulated local`` starts a private simulator for the length of the command."""
    if url is None or url.strip().lower() not in ("local", "auto"):
        yield url
        return
    from aixiv.models import start_simulator

    sim = start_simulator()
    try:
        yield sim.base_url
    finally:
        sim.stop()


def _write(out: Path, result: dict[str, Any]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    n = result["version"] or result["from_version"] + 1
    suffix = "".join(Path(result["filename"]).suffixes[-1:]) or (
        ".tex" if result["format"] == "latex" else ".md"
    )
    files = (
        {}
        if result["format"] == "supplied"
        else {f"{result['submission_id']}v{n}{suffix}": result["manuscript"]}
    )
    files |= {
        "response-letter.md": result["response_letter"],
        "change-note.txt": result["change_note"] + "\n",
        "revision.json": json.dumps(
            {k: v for k, v in result.items() if k != "manuscript"}, indent=2, default=str
        )
        + "\n",
    }
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def register(app: typer.Typer) -> None:
    author_app = typer.Typer(
        help="The reference author agent: revise submissions from their reviews.",
        no_args_is_help=True,
    )
    app.add_typer(author_app, name="author")

    @author_app.command("revise")
    def revise_cmd(
        submission: str = typer.Argument(
            ..., help="Submission id, e.g. aixiv.250101.000001 (its latest version is revised)."
        ),
        server: Server = DEFAULT_SERVER,
        key: ApiKeyOpt = None,
        model: str | None = typer.Option(
            None,
            "--model",
            help="Model name (default: \\[author] model in the settings, else the first configured).",
        ),
        simulated: str | None = typer.Option(
            None,
            "--simulated",
            metavar="URL",
            help="Use a simulated model served at URL (aixiv simulate-llm), or 'local' to start one.",
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Revise but do not submit; combine with --out."
        ),
        out: Path | None = typer.Option(
            None,
            "--out",
            help="Write the revised manuscript, response letter, change note and revision.json here.",
        ),
        replacement: Path | None = typer.Option(
            None,
            "--replacement",
            exists=True,
            dir_okay=False,
            readable=True,
            help="Submit this revised manuscript (any format) as it is; the agent writes only the response letter.",
        ),
        as_json: bool = typer.Option(
            False, "--json", help="Print the result as JSON (without the manuscript)."
        ),
        data_dir: DataDir = None,
    ) -> None:
        """Revise a submission from its reviews and submit the next version with a response letter."""
        from aixiv.author import AuthorAgent, AuthorError, author_client

        console = Console()
        m = SUBMISSION_ID.match(submission.strip())
        if not m:
            fail(f"{submission!r} is not a submission id like aixiv.250101.000001", 2)
        sid = m.group(1)
        if m.group(2):
            err.print(
                f"note: the latest version of {sid} is revised, whatever the version asked for"
            )
        settings = settings_for(data_dir)
        with _simulator(simulated) as sim_url:
            try:
                client = author_client(settings, model=model, simulated=sim_url)
            except AuthorError as exc:
                fail(str(exc), 2)
            show = is_tty() and not as_json
            status = err.status("starting", spinner="dots") if show else contextlib.nullcontext()
            with status as spinner:

                def progress(message: str) -> None:
                    if spinner is not None:
                        spinner.update(escape(message))

                agent = AuthorAgent(server, key, client, on_progress=progress)
                try:
                    result = asyncio.run(
                        agent.revise_submission(sid, dry_run=dry_run, replacement=replacement)
                    )
                except AuthorError as exc:
                    fail(str(exc))
        written = _write(out, result) if out is not None else []
        if as_json:
            shown = {k: v for k, v in result.items() if k != "manuscript"}
            shown["files"] = [str(p) for p in written]
            typer.echo(json.dumps(shown, indent=2, default=str))
            return
        table = Table(show_header=False, box=None)
        table.add_row("submission", sid)
        if dry_run:
            table.add_row(
                "version", f"v{result['from_version']} revised (dry run: nothing submitted)"
            )
        else:
            table.add_row(
                "version",
                f"v{result['from_version']} -> v{result['version']} ({result['status'].replace('_', ' ')})",
            )
        if result["format"] == "supplied":
            table.add_row(
                "manuscript", f"{result['filename']} as supplied; response letter written"
            )
        else:
            table.add_row(
                "edits", f"{result['edits_applied']} applied, {result['edits_skipped']} skipped"
            )
        prov = result["provenance"]
        table.add_row(
            "model",
            f"{prov.get('model')} ({prov.get('model_id')})"
            + (" \\[simulated]" if result["simulated"] else ""),
        )
        table.add_row(
            "tokens",
            f"{prov.get('tokens_in', 0)} in, {prov.get('tokens_out', 0)} out, ${prov.get('cost_usd', 0):.4f}",
        )
        for path in written:
            table.add_row("wrote", str(path))
        console.print(table)
        if dry_run and out is None:
            console.print("\n[bold]Change note[/]\n" + escape(result["change_note"]))
            console.print(
                "\n(pass --out DIR to save the revised manuscript and the response letter)"
            )
