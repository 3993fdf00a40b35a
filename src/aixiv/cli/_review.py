"""``aixiv review``: review a file or a submission of a running server (single, meta, pairwise)."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from aixiv.cli._common import (
    DEFAULT_SERVER,
    ApiKeyOpt,
    DataDir,
    Server,
    fail,
    problem_message,
    settings_for,
)

console = Console()
SUBMISSION_ID = re.compile(r"^(aixiv\.\d{6}\.\d{6})(?:v(\d+))?$")


class Mode(StrEnum):
    single = "single"
    meta = "meta"
    pairwise = "pairwise"


class KindOpt(StrEnum):
    paper = "paper"
    proposal = "proposal"


@dataclass
class Target:
    label: str
    text: str
    kind: str | None
    document: Any = None


def load_target(ref: str, *, server: str, key: str | None, version: int | None) -> Target:
    """A file (parsed with aixiv.ingest) or a submission id fetched from a running server."""
    m = SUBMISSION_ID.match(ref)
    path = Path(ref)
    if m and not path.exists():
        return _fetch(
            m.group(1), int(m.group(2)) if m.group(2) else version, server=server, key=key
        )
    if not path.is_file():
        fail(f"{ref} is neither a readable file nor a submission id like aixiv.250101.000001")
    from aixiv.guard import reader_text
    from aixiv.ingest import parse_bytes
    from aixiv.ingest.errors import IngestError

    try:
        doc = parse_bytes(path.name, path.read_bytes())
    except IngestError as exc:
        fail(f"cannot read {path}: {exc}")
    text = reader_text(doc)
    if not text.strip():
        fail(f"{path} has no text a reader can see")
    return Target(label=str(path), text=text, kind=None, document=doc)


def _fetch(sid: str, version: int | None, *, server: str, key: str | None) -> Target:
    import httpx

    headers = {"Authorization": f"Bearer {key}"} if key else {}
    base = server.rstrip("/") + "/api/v1"
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
            meta = http.get(f"/submissions/{sid}", params={"version": version} if version else None)
            if meta.status_code != 200:
                fail(f"cannot fetch {sid} from {server}: {problem_message(meta)}")
            info = meta.json()
            n = version or int(info.get("latest_version") or 1)
            resp = http.get(f"/submissions/{sid}/versions/{n}/text")
            if resp.status_code != 200:
                fail(f"cannot fetch the text of {sid}v{n} from {server}: {problem_message(resp)}")
    except httpx.HTTPError as exc:
        fail(f"cannot reach the aixiv server at {server}: {type(exc).__name__}: {exc}")
    return Target(label=f"{sid}v{n}", text=resp.text, kind=info.get("kind"))


@contextlib.contextmanager
def model_clients(
    model: str | None, simulated: bool, settings: Any, panel: str = "reviewers"
) -> Iterator[tuple[Any, list[Any]]]:
    """(main client, panel clients): simulated models on a private simulator, or the configured ones."""
    from aixiv.models import ModelRegistry, simulated_registry, start_simulator

    sim = start_simulator() if simulated else None
    try:
        if sim is not None:
            registry = simulated_registry(sim.base_url, 5)
        else:
            try:
                registry = ModelRegistry.from_settings(settings)
            except ValueError as exc:
                fail(f"invalid model configuration: {exc}", 2)
            if not registry.has_models():
                fail(
                    "no models configured: add [models.NAME] tables to the settings file, "
                    "set AIXIV_SIMULATED_LLM, or pass --simulated",
                    2,
                )
        names = registry.panel(panel) if panel in registry.panels() else registry.names()
        name = model or (names[0] if names else registry.names()[0])
        try:
            main = registry.client(name)
        except KeyError as exc:
            fail(str(exc.args[0]), 2)
        others = [registry.client(n) for n in names] or [main]
        yield main, others
    finally:
        if sim is not None:
            sim.stop()


def make_retriever(settings: Any, *, offline: bool, enabled: bool = True) -> Any:
    """Local index (when the database has one) plus Semantic Scholar (unless offline)."""
    if not enabled:
        return None
    from sqlalchemy import inspect

    from aixiv.literature import LiteratureDoc, LocalIndex, Retriever, SemanticScholar
    from aixiv.records.db import make_engine

    index = None
    url = settings.db_url
    exists = not url.startswith("sqlite") or Path(url.split("///", 1)[-1]).is_file()
    if exists:
        try:
            engine = make_engine(url)
            if inspect(engine).has_table(LiteratureDoc.__tablename__):
                index = LocalIndex(engine)
        except Exception:  # noqa: BLE001 - no index is a smaller loss than no review
            index = None
    s2 = None if offline else SemanticScholar.from_settings(settings)
    return Retriever(s2=s2, index=index) if (index or s2) else None


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review(
        target: str = typer.Argument(
            ..., help="A file (PDF, LaTeX, Markdown, text) or a submission id."
        ),
        mode: Mode = typer.Option(
            Mode.single, "--mode", help="single, meta (area chair + panel) or pairwise."
        ),
        against: str | None = typer.Option(
            None, "--against", help="Pairwise: the other file or id (B)."
        ),
        kind: KindOpt | None = typer.Option(
            None, "--kind", help="paper or proposal (default: the submission's, else paper)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
        model: str | None = typer.Option(
            None, "--model", help="Model name (default: first of the reviewers panel)."
        ),
        simulated: bool = typer.Option(
            False, "--simulated", help="Use simulated models on a private local simulator."
        ),
        reviewers: int | None = typer.Option(
            None, "--reviewers", min=2, max=6, help="Meta: number of domain reviewers."
        ),
        version: int | None = typer.Option(
            None, "--version", min=1, help="Version of a submission id (default: latest)."
        ),
        offline: bool = typer.Option(
            False, "--offline", help="Do not ask Semantic Scholar; local index only."
        ),
        literature: bool = typer.Option(
            True, "--literature/--no-literature", help="Retrieve related work."
        ),
        server: Server = DEFAULT_SERVER,
        key: ApiKeyOpt = None,
        data_dir: DataDir = None,
    ) -> None:
        """Review a submission with LLM reviewers and print the review."""
        from aixiv.review import ReviewError, meta_review, pairwise, single_review

        settings = settings_for(data_dir)
        if mode is Mode.pairwise and not against:
            fail("--mode pairwise needs --against FILE_OR_ID")
        a = load_target(target, server=server, key=key, version=version)
        b = (
            load_target(against, server=server, key=key, version=None)
            if mode is Mode.pairwise and against
            else None
        )
        k = kind.value if kind else (a.kind if a.kind in ("paper", "proposal") else "paper")
        retriever = make_retriever(settings, offline=offline, enabled=literature)

        async def run(main: Any, panel: list[Any]) -> Any:
            if mode is Mode.single:
                return await single_review(
                    main, a.text, k, document=a.document, retriever=retriever
                )
            if mode is Mode.meta:
                return await meta_review(
                    main,
                    a.text,
                    k,
                    document=a.document,
                    retriever=retriever,
                    reviewer_clients=panel,
                    n_reviewers=reviewers,
                )
            assert b is not None
            return await pairwise(
                main,
                a.text,
                b.text,
                k,
                document_a=a.document,
                document_b=b.document,
                retriever=retriever,
            )

        from aixiv.models import ModelError

        with model_clients(model, simulated, settings) as (main, panel):
            try:
                with console.status(f"{mode.value} review of {a.label} ...", spinner="dots"):
                    result = asyncio.run(run(main, panel))
            except (ModelError, ReviewError) as exc:
                fail(str(exc))
        if as_json:
            typer.echo(result.model_dump_json(indent=2))
            return
        show(result, a.label, b.label if b else None)


# -- display ----------------------------------------------------------------------------------


def _bullets(items: list[str], limit: int = 6) -> str:
    return "\n".join(f"- {escape(x)}" for x in items[:limit]) or "-"


def _provenance_line(p: Any) -> str:
    lit = (
        f"{len(p.literature)} related papers"
        if p.retrieval_offline is not None
        else "no literature"
    )
    if p.retrieval_offline:
        lit += " (offline: local index only)"
    return (
        f"model {p.model} ({p.family}) | prompt {p.prompt_version} | rubric {p.rubric_version} | "
        f"tokens {p.tokens_in}+{p.tokens_out} | ${p.cost_usd:.4f} | {p.wall_s:.1f} s | {lit}"
        + (" | cache hit" if p.cache_hit else "")
        + (" | [yellow]SIMULATED[/]" if p.simulated else "")
    )


def show(result: Any, label: str, against: str | None = None) -> None:
    from aixiv.review import MetaReview, PairwiseComparison, SingleReview

    if isinstance(result, SingleReview):
        table = Table(title=escape(f"Review of {label} ({result.kind})"))
        for col in ("criterion", "score", "strengths", "weaknesses", "suggestions"):
            table.add_column(col, overflow="fold")
        for c in result.criteria:
            table.add_row(
                c.name,
                f"{c.score}/4",
                _bullets(c.strengths, 3),
                _bullets(c.weaknesses, 3),
                _bullets(c.suggestions, 3),
            )
        console.print(table)
        console.print(
            Panel(
                escape(result.summary),
                title=f"Summary - rating {result.rating}/10, confidence {result.confidence}/5",
            )
        )
        console.print(Panel(_bullets(result.major_concerns), title="Major concerns"))
        console.print(Panel(_bullets(result.minor_issues), title="Minor issues"))
        console.print(
            Panel(_bullets(result.questions_for_authors), title="Questions for the authors")
        )
        console.print(Panel(_bullets(result.improvement_recommendations), title="Recommendations"))
    elif isinstance(result, MetaReview):
        console.print(f"[bold]Subfields:[/] {escape(', '.join(result.subfields)) or '-'}")
        rt = Table(title="Domain reviewers")
        for col in ("reviewer", "subfield", "model", "rating", "scores"):
            rt.add_column(col, overflow="fold")
        for d in result.reviewers:
            if d.review is None:
                rt.add_row(
                    escape(d.reviewer.name),
                    escape(d.reviewer.subfield),
                    "-",
                    "[red]failed[/]",
                    escape(d.error or ""),
                )
            else:
                scores = ", ".join(f"{c.key} {c.score}" for c in d.review.criteria)
                rt.add_row(
                    escape(d.reviewer.name),
                    escape(d.reviewer.subfield),
                    d.review.provenance.model,
                    str(d.review.rating),
                    scores,
                )
        console.print(rt)
        ct = Table(title=escape(f"Meta review of {label} ({result.kind})"))
        for col in ("criterion", "score", "justification"):
            ct.add_column(col, overflow="fold")
        for c in result.criteria:
            ct.add_row(c.name, f"{c.score}/4", escape(c.justification))
        console.print(ct)
        console.print(Panel(escape(result.summary), title="Summary"))
        if result.resolved_conflicts:
            console.print(
                Panel(
                    "\n".join(
                        f"- {escape(c.issue)}: {escape(c.resolution)}"
                        for c in result.resolved_conflicts
                    ),
                    title="Resolved conflicts",
                )
            )
        console.print(
            Panel(
                escape(result.justification),
                title=f"Recommendation: {result.recommendation} - rating {result.rating}/10",
            )
        )
    elif isinstance(result, PairwiseComparison):
        names = {"A": label, "B": against or "B", "tie": "no clear preference (orders disagree)"}
        table = Table(title=escape(f"Pairwise ({result.kind}): A = {label}, B = {against}"))
        for col in ("order", "preferred", "confidence", "reasons"):
            table.add_column(col, overflow="fold")
        for j in (result.forward, result.reverse):
            table.add_row(j.order, j.preferred, f"{j.confidence:.2f}", _bullets(j.reasons, 3))
        console.print(table)
        agree = "both orders agree" if result.orders_agree else "[yellow]the orders disagree[/]"
        console.print(
            f"[bold]Preferred:[/] {escape(names[result.preferred])} ({agree}; score {result.score:+.2f})"
        )
    console.print(f"[dim]{_provenance_line(result.provenance)}[/]")
