"""``aixiv bench pairwise``: does the pairwise reviewer prefer accepted over rejected papers?

Reads ``DIR/labels.tsv`` (paper_id, ratings..., decision) and ``DIR/papers/<id>.txt``, pairs
each accepted paper with the unused rejected paper closest in length, removes what leaks the
decision (everything before the abstract, author names and "Anonymous authors", venue
headers, acknowledgments and funding, references and appendices, links), fits both papers of
a pair to the same token budget, and asks the model in both orders. A length-only baseline is
always reported beside the model.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from aixiv.review import estimate_tokens, fit_text, truncate_sentences
from aixiv.review._budget import sentences

console = Console()

# -- dataset ------------------------------------------------------------------------------------


@dataclass
class Paper:
    id: str
    accepted: bool
    ratings: list[float]
    raw: str
    text: str = ""  # normalized

    @property
    def mean_rating(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


def read_labels(directory: Path) -> list[tuple[str, list[float], bool]]:
    """(paper_id, ratings, accepted) rows of ``labels.tsv``; the decision is the last column."""
    path = directory / "labels.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip():
            continue
        decision = cells[-1].strip()
        ratings = []
        for c in cells[1:-1]:
            try:
                ratings.append(float(c))
            except ValueError:
                continue
        if decision.lower().startswith("accept"):
            rows.append((cells[0].strip(), ratings, True))
        elif decision.lower().startswith("reject"):
            rows.append((cells[0].strip(), ratings, False))
    return rows


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ABSTRACT = re.compile(r"^[ \t#*_]*abstract[ \t*_:.]*$", re.I | re.M)
_ABSTRACT_INLINE = re.compile(r"^[ \t#*_]*abstract[*_:.]*[ \t]+(?=\S)", re.I | re.M)
_VENUE_LINE = re.compile(
    r"^.*(?:under review as a|published as a|accepted (?:at|to|as)|to appear in|camera[- ]ready|"
    r"paper under double-blind review|anonymous authors?|double[- ]blind).*$",
    re.I | re.M,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@])[\w.-]+\.[a-z]{2,6}/\S*", re.I)
_BOLD_LINE = re.compile(r"^\s*\*\*[^*\n]{1,100}\*\*\s*$")
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s+\S.*|\**\s*(?:\d+(?:\.\d+)*\.?|[A-H](?:\.\d+)*)\s+[A-Z][A-Za-z].{0,100}|[A-Z][A-Z0-9 ,:&\-]{3,80})\s*\**\s*$"
)
_ACK_HEAD = re.compile(
    r"^[ \t#*_]*(?:\d+\.?\s+|[A-Z]\.?\s+)?(acknowledge?ments?|funding|financial disclosure|author contributions?)\b",
    re.I,
)
_REFS_HEAD = re.compile(r"^[ \t#*_]*(?:\d+\.?\s+)?(references|bibliography)[ \t*_:]*$", re.I)
# Sentences that tell the anonymous submission from the camera-ready version.
_TELLTALE = re.compile(
    r"\banonym\w*|(?:supported|funded|sponsored) (?:in part )?by|\bgrants?\b|\bwe (?:would like to )?thank|"
    r"grateful|gratefully|acknowledge (?:the )?(?:support|funding|financial)|camera[- ]ready",
    re.I,
)


def normalize_paper(raw: str) -> str:
    """The paper without what leaks its decision or its authors (see the module docstring)."""
    text = _CONTROL.sub(" ", raw).replace("\r\n", "\n")
    m = _ABSTRACT.search(text) or _ABSTRACT_INLINE.search(text)
    if m:
        text = "Abstract\n\n" + text[m.end() :].lstrip("\n")
    text = _VENUE_LINE.sub("", text)
    lines = text.split("\n")
    out: list[str] = []
    skipping = False  # inside acknowledgments / funding
    in_front = True  # before the first section heading after the abstract: author blocks live here
    for i, line in enumerate(lines):
        if _REFS_HEAD.match(line):
            break  # references and everything after (appendices) go
        if _ACK_HEAD.match(line):
            skipping = True
            continue
        is_heading = bool(_HEADING.match(line)) and i > 0
        if skipping and is_heading:
            skipping = False
        if skipping:
            continue
        if in_front and is_heading and not _ABSTRACT.match(line):
            in_front = False
        if in_front and (_BOLD_LINE.match(line) or _EMAIL.search(line)):
            continue
        out.append(line)
    text = "\n".join(out)
    # Author blocks after the abstract heading: paragraphs of short lines, no sentence in sight.
    paragraphs = re.split(r"\n\s*\n", text)
    kept = []
    for j, para in enumerate(paragraphs):
        plines = [ln for ln in para.splitlines() if ln.strip()]
        if (
            0 < j < 12
            and plines
            and all(len(ln) < 60 for ln in plines)
            and len(para.split()) < 15
            and not para.rstrip().endswith(".")
        ):
            if not any(_HEADING.match(ln) for ln in plines):
                continue
        if j == 0 and para.startswith("Abstract"):
            kept.append(para)
            continue
        if _TELLTALE.search(para):
            para = "".join(x for x in sentences(para) if not _TELLTALE.search(x)).strip()
            if not para:
                continue
        kept.append(para)
    text = "\n\n".join(kept)
    text = _EMAIL.sub("[email]", text)
    text = _URL.sub("[link]", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def load_papers(directory: Path, *, exclude_borderline: bool = False) -> list[Paper]:
    papers = []
    for pid, ratings, accepted in read_labels(directory):
        path = directory / "papers" / f"{pid}.txt"
        if not path.is_file():
            continue
        p = Paper(pid, accepted, ratings, path.read_text(encoding="utf-8", errors="replace"))
        if exclude_borderline and p.mean_rating is not None and 5.0 <= p.mean_rating <= 6.0:
            continue
        p.text = normalize_paper(p.raw)
        if estimate_tokens(p.text) >= 50:
            papers.append(p)
    return papers


def match_pairs(papers: list[Paper], n: int, seed: int = 0) -> list[tuple[Paper, Paper]]:
    """(accepted, rejected) pairs, each accepted paper with the closest-length unused reject."""
    rng = random.Random(seed)
    acc = [p for p in papers if p.accepted]
    rej = [p for p in papers if not p.accepted]
    rng.shuffle(acc)
    used: set[str] = set()
    pairs = []
    for a in acc:
        la = len(a.text)
        best = min(
            (r for r in rej if r.id not in used), key=lambda r: abs(len(r.text) - la), default=None
        )
        if best is None:
            break
        used.add(best.id)
        pairs.append((a, best))
        if len(pairs) >= n:
            break
    return pairs


def equalize(a: str, b: str, budget_tokens: int) -> tuple[str, str, int]:
    """Both texts fitted to one budget, then both trimmed at a sentence end a little under the
    shorter one, so which ends up longer is down to where sentences end, not to the paper."""
    budget = min(budget_tokens, estimate_tokens(a), estimate_tokens(b))
    fa, fb = fit_text(a, budget), fit_text(b, budget)
    tokens = int(min(estimate_tokens(fa), estimate_tokens(fb)) * 0.98)
    return truncate_sentences(fa, tokens), truncate_sentences(fb, tokens), tokens


# -- run ----------------------------------------------------------------------------------------


@dataclass
class PairOutcome:
    accepted_id: str
    rejected_id: str
    accepted_is: str  # "A" or "B"
    budget_tokens: int
    forward_correct: bool | None = None
    reverse_correct: bool | None = None
    orders_agree: bool | None = None
    first_preferred: int = 0  # of the two judgements, how many preferred the first-shown text
    length_raw_correct: float = 0.5
    length_norm_correct: float = 0.5
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    cache_hits: int = 0
    simulated: bool = False
    error: str | None = None


def _longer(a: str, b: str) -> float:
    """1 if a is longer, 0 if b is, 0.5 on a tie."""
    return 1.0 if len(a) > len(b) else 0.0 if len(a) < len(b) else 0.5


@dataclass
class Summary:
    pairs: int
    scored: int
    failed: int
    accuracy: float | None
    strict_accuracy: float | None
    position_consistency: float | None
    first_position_rate: float | None
    length_baseline_raw: float | None
    length_baseline_normalized: float | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    cache_hits: int
    wall_s: float
    model: str
    kind: str
    simulated: bool
    outcomes: list[PairOutcome] = field(default_factory=list)


def summarize(outcomes: list[PairOutcome], *, wall_s: float, model: str, kind: str) -> Summary:
    ok = [o for o in outcomes if o.error is None]

    def mean(xs: list[float]) -> float | None:
        return round(sum(xs) / len(xs), 4) if xs else None

    return Summary(
        pairs=len(outcomes),
        scored=len(ok),
        failed=len(outcomes) - len(ok),
        accuracy=mean([(o.forward_correct + o.reverse_correct) / 2 for o in ok]),
        strict_accuracy=mean([float(o.forward_correct and o.reverse_correct) for o in ok]),
        position_consistency=mean([float(bool(o.orders_agree)) for o in ok]),
        first_position_rate=mean([o.first_preferred / 2 for o in ok]),
        length_baseline_raw=mean([o.length_raw_correct for o in outcomes]),
        length_baseline_normalized=mean([o.length_norm_correct for o in outcomes]),
        tokens_in=sum(o.tokens_in for o in outcomes),
        tokens_out=sum(o.tokens_out for o in outcomes),
        cost_usd=round(sum(o.cost_usd for o in outcomes), 6),
        cache_hits=sum(o.cache_hits for o in outcomes),
        wall_s=round(wall_s, 3),
        model=model,
        kind=kind,
        simulated=any(o.simulated for o in outcomes),
        outcomes=outcomes,
    )


async def run_pairs(
    client: Any,
    pairs: list[tuple[Paper, Paper]],
    *,
    kind: str,
    budget_tokens: int,
    concurrency: int,
    seed: int,
    retriever: Any = None,
    on_done: Any = None,
) -> list[PairOutcome]:
    from aixiv.review import pairwise

    rng = random.Random(seed)
    sem = asyncio.Semaphore(concurrency)
    sides = [rng.choice("AB") for _ in pairs]

    async def one(pair: tuple[Paper, Paper], acc_is: str) -> PairOutcome:
        acc, rej = pair
        ta, tb, budget = equalize(acc.text, rej.text, budget_tokens)
        a_text, b_text = (ta, tb) if acc_is == "A" else (tb, ta)
        o = PairOutcome(
            accepted_id=acc.id,
            rejected_id=rej.id,
            accepted_is=acc_is,
            budget_tokens=budget,
            length_raw_correct=_longer(acc.raw, rej.raw),
            length_norm_correct=_longer(ta, tb),
        )
        async with sem:
            try:
                r = await pairwise(client, a_text, b_text, kind, retriever=retriever)
            except Exception as exc:  # noqa: BLE001 - a failed pair is counted, not fatal
                o.error = f"{type(exc).__name__}: {exc}"[:500]
            else:
                o.forward_correct = r.forward.preferred == acc_is
                o.reverse_correct = r.reverse.preferred == acc_is
                o.orders_agree = r.orders_agree
                # forward shows A first, reverse shows B first
                o.first_preferred = int(r.forward.preferred == "A") + int(
                    r.reverse.preferred == "B"
                )
                p = r.provenance
                o.tokens_in, o.tokens_out, o.cost_usd = p.tokens_in, p.tokens_out, p.cost_usd
                o.cache_hits = sum(c.cache_hit for c in p.calls)
                o.simulated = p.simulated
        if on_done:
            on_done()
        return o

    return list(await asyncio.gather(*(one(p, s) for p, s in zip(pairs, sides, strict=True))))


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.1%}"


def print_summary(s: Summary, dataset: str) -> None:
    title = f"Pairwise alignment: {dataset} ({s.kind}s), model {s.model}" + (
        " [SIMULATED]" if s.simulated else ""
    )
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    rows = [
        ("pairs (scored / failed)", f"{s.pairs} ({s.scored} / {s.failed})"),
        ("accuracy (mean of both orders)", _fmt(s.accuracy)),
        ("accuracy (both orders right)", _fmt(s.strict_accuracy)),
        ("position consistency (orders agree)", _fmt(s.position_consistency)),
        ("first-position preference", _fmt(s.first_position_rate)),
        ("length-only baseline, raw texts", _fmt(s.length_baseline_raw)),
        ("length-only baseline, normalized texts", _fmt(s.length_baseline_normalized)),
        ("tokens in / out", f"{s.tokens_in:,} / {s.tokens_out:,}"),
        ("cost (USD)", f"{s.cost_usd:.4f}"),
        ("cache hits (calls)", str(s.cache_hits)),
        ("wall time (s)", f"{s.wall_s:.1f}"),
    ]
    for k, v in rows:
        table.add_row(k, v)
    console.print(table)
    if s.simulated:
        console.print(
            "[yellow]Simulated models answer at random: ~50% accuracy is the expected result.[/]"
        )


def save_plot(s: Summary, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ["model", "model (strict)", "length raw", "length normalized"]
    values = [s.accuracy, s.strict_accuracy, s.length_baseline_raw, s.length_baseline_normalized]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar(labels, [v or 0 for v in values], color=["#1f77b4", "#1f77b4", "#aaaaaa", "#aaaaaa"])
    ax.axhline(0.5, color="red", linestyle="--", linewidth=1, label="chance")
    ax.set_ylim(0, 1)
    ax.set_ylabel("pairwise accuracy")
    ax.set_title(f"{s.model} on {s.pairs} pairs" + (" (simulated)" if s.simulated else ""))
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def register(bench: typer.Typer) -> None:
    @bench.command("pairwise")
    def pairwise_bench(
        dataset: Path = typer.Option(
            ..., "--dataset", help="Folder with labels.tsv and papers/<id>.txt."
        ),
        pairs: int = typer.Option(20, "--pairs", min=1, help="Number of accept-vs-reject pairs."),
        model: str | None = typer.Option(
            None, "--model", help="Model name (default: first of the reviewers panel)."
        ),
        simulated: bool = typer.Option(
            False, "--simulated", help="Use simulated models on a private local simulator."
        ),
        kind: str = typer.Option("paper", "--kind", help="Rubric: paper or proposal."),
        budget: int = typer.Option(
            8000, "--budget", min=200, help="Token budget per paper (both get the same)."
        ),
        concurrency: int = typer.Option(4, "--concurrency", min=1, help="Pairs compared at once."),
        seed: int = typer.Option(0, "--seed", help="Seed for pairing and presentation order."),
        exclude_borderline: bool = typer.Option(
            False, "--exclude-borderline", help="Drop papers with mean rating 5-6."
        ),
        rag: bool = typer.Option(
            False, "--rag", help="Give related work from the local literature index."
        ),
        out: Path | None = typer.Option(None, "--out", help="Write per-pair results as JSON."),
        plot: Path | None = typer.Option(None, "--plot", help="Save a bar chart (PNG)."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    ) -> None:
        """Accuracy of pairwise review on accepted-vs-rejected pairs, with a length-only baseline."""
        from aixiv.cli._common import fail, is_tty, settings_for
        from aixiv.cli._review import make_retriever, model_clients

        if kind not in ("paper", "proposal"):
            fail("--kind must be paper or proposal")
        try:
            papers = load_papers(dataset, exclude_borderline=exclude_borderline)
        except FileNotFoundError as exc:
            fail(str(exc))
        chosen = match_pairs(papers, pairs, seed)
        if not chosen:
            fail(f"no accept-vs-reject pairs in {dataset}")
        settings = settings_for(None)
        retriever = make_retriever(settings, offline=True) if rag else None
        with model_clients(model, simulated, settings) as (client, _panel):
            with Progress(
                TextColumn("pairs"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                disable=not is_tty() or as_json,
            ) as progress:
                task = progress.add_task("pairs", total=len(chosen))
                started = time.monotonic()
                outcomes = asyncio.run(
                    run_pairs(
                        client,
                        chosen,
                        kind=kind,
                        budget_tokens=budget,
                        concurrency=concurrency,
                        seed=seed,
                        retriever=retriever,
                        on_done=lambda: progress.advance(task),
                    )
                )
                wall = time.monotonic() - started
            name = client.spec.name if hasattr(client, "spec") else str(model)
        summary = summarize(outcomes, wall_s=wall, model=name, kind=kind)
        if out:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(asdict(summary), indent=2), encoding="utf-8")
        if plot:
            save_plot(summary, plot)
        if as_json:
            data = asdict(summary)
            data.pop("outcomes")
            typer.echo(json.dumps(data, indent=2))
            return
        print_summary(summary, dataset.name)
        if plot:
            console.print(f"Plot saved to {plot}")
