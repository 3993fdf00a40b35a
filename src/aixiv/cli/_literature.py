"""``aixiv literature import|search``: the local literature index (and Semantic Scholar)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from aixiv.cli._common import DataDir, fail, is_tty, settings_for

console = Console()


def open_index(settings):  # noqa: ANN001, ANN201 - settings: aixiv.config.Settings
    """The local index of the configured database, migrated and with its table in place."""
    from aixiv.literature import LocalIndex
    from aixiv.records.db import Database

    db = Database(settings.db_url)  # runs the migrations
    index = LocalIndex(db.engine)
    index.ensure()  # until a migration creates literature_docs, create it here
    return index


def register(app: typer.Typer) -> None:
    lit = typer.Typer(
        help="Literature for reviewers: the local full-text index and Semantic Scholar.",
        no_args_is_help=True,
    )
    app.add_typer(lit, name="literature")

    @lit.command("import")
    def import_(
        directory: Path = typer.Argument(
            ..., help="A folder of .txt papers (DIR/papers/*.txt or DIR/*.txt); title = first line."
        ),
        source: str | None = typer.Option(
            None, "--source", help="Source name stored with each paper (default: the folder name)."
        ),
        data_dir: DataDir = None,
    ) -> None:
        """Import a folder of plain-text papers into the local index."""
        from aixiv.literature import corpus_files, import_corpus

        if not directory.is_dir():
            fail(f"{directory} is not a directory")
        files = corpus_files(directory)
        if not files:
            fail(f"no .txt files in {directory} or {directory / 'papers'}")
        index = open_index(settings_for(data_dir))
        name = source or directory.resolve().name
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not is_tty(),
        ) as progress:
            task = progress.add_task("import", total=len(files))
            n = import_corpus(
                index, directory, source=name, progress=lambda k: progress.advance(task, k)
            )
        console.print(
            f"Imported {n} papers as source [bold]{escape(name)}[/]; the index holds {index.count()} documents."
        )

    @lit.command("search")
    def search(
        query: str = typer.Argument(..., help="Search words."),
        limit: int = typer.Option(10, "--limit", "-n", min=1, max=100),
        s2: bool = typer.Option(False, "--s2", help="Also ask Semantic Scholar."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
        data_dir: DataDir = None,
    ) -> None:
        """Search the local index (and, with --s2, Semantic Scholar)."""
        from aixiv.literature import S2Error, SemanticScholar

        settings = settings_for(data_dir)
        hits = [
            {
                "source": h.record.source,
                "id": h.record.external_id,
                "title": h.record.title,
                "year": h.record.year,
                "score": round(h.score, 4),
                "snippet": h.snippet,
                "url": h.record.url,
            }
            for h in open_index(settings).search(query, limit)
        ]
        if s2:
            client = SemanticScholar.from_settings(settings)
            if client is None:
                fail(
                    "Semantic Scholar is disabled in the settings ([literature] s2_enabled = false)"
                )
            try:
                recs = asyncio.run(client.search(query, limit))
            except S2Error as exc:
                fail(str(exc))
            hits += [
                {
                    "source": r.source,
                    "id": r.external_id,
                    "title": r.title,
                    "year": r.year,
                    "score": None,
                    "snippet": r.abstract[:300],
                    "url": r.url,
                }
                for r in recs
            ]
        if as_json:
            typer.echo(json.dumps(hits, indent=2))
            return
        if not hits:
            console.print("No matches.")
            return
        table = Table(title=f"Literature matching {query!r}")
        for col in ("source", "id", "title", "year", "score", "snippet"):
            table.add_column(col, overflow="fold")
        for h in hits:
            table.add_row(
                escape(h["source"]),
                escape(h["id"]),
                escape(h["title"]),
                str(h["year"] or ""),
                "" if h["score"] is None else f"{h['score']:.3f}",
                escape((h["snippet"] or "")[:200]),
            )
        console.print(table)
