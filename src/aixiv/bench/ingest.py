"""``aixiv bench ingest``: how fast PDFs become Documents, in process and isolated.

Without a directory the benchmark writes its own manuscripts (title, authors, abstract,
numbered sections, an equation, a table, references) and typesets them to multi-page PDFs
with reportlab. With a directory, its .md and .txt files are typeset instead. Typesetting
is not timed; parsing is.
"""

from __future__ import annotations

import io
import os
import random
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pymupdf
import typer
from markdown_it import MarkdownIt
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, Preformatted, SimpleDocTemplate, Spacer, Table, TableStyle
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

TARGET_PAGES_PER_S = 100.0

_WORDS = (
    "model training data loss gradient representation attention layer network sample "
    "distribution noise diffusion encoder decoder baseline benchmark accuracy variance "
    "estimator policy reward objective regularization embedding token sequence kernel "
    "convergence bound theorem parameter optimizer schedule batch dimension feature signal "
    "robustness calibration uncertainty generalization inference posterior prior latent"
).split()
_VERBS = (
    "improves reduces predicts yields requires controls matches exceeds bounds explains".split()
)
_OPENERS = ("We show that", "In practice,", "Notably,", "As expected,", "Our analysis suggests that", "Moreover,")  # fmt: skip
_SECTIONS = ("Introduction", "Related Work", "Background", "Method", "Experimental Setup", "Results", "Ablations", "Discussion", "Limitations", "Conclusion")  # fmt: skip


@dataclass
class Manuscript:
    """A paper as typesetting blocks: (kind, content), kind in title/authors/h1/h2/p/pre/table."""

    name: str
    blocks: list[tuple[str, object]] = field(default_factory=list)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(7, 18))]
    words.insert(rng.randint(2, len(words) - 1), rng.choice(_VERBS))
    text = " ".join(words)
    if rng.random() < 0.3:
        text = f"{rng.choice(_OPENERS)} {text}"
    if rng.random() < 0.2:
        text += f" [{rng.randint(1, 40)}]"
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def synthetic_manuscript(index: int, pages: int) -> Manuscript:
    """A paper-shaped manuscript long enough for about ``pages`` pages."""
    rng = random.Random(index)
    m = Manuscript(name=f"synthetic-{index:03d}.pdf")
    m.blocks.append(
        ("title", " ".join(rng.choice(_WORDS).capitalize() for _ in range(rng.randint(5, 9))))
    )
    m.blocks.append(("authors", f"Author {index}, Institute of Synthetic Studies"))
    m.blocks += [("h1", "Abstract"), ("p", _paragraph(rng, 7))]
    paragraphs_left = max(2, pages - 2) * 5  # the rest is front matter and references
    number = 0
    while paragraphs_left > 0:
        number += 1
        m.blocks.append(("h1", f"{number} {_SECTIONS[(number - 1) % len(_SECTIONS)]}"))
        for sub in range(1, rng.randint(2, 4)):
            m.blocks.append(("h2", f"{number}.{sub} {rng.choice(_WORDS).capitalize()} analysis"))
            for _ in range(rng.randint(2, 4)):
                m.blocks.append(("p", _paragraph(rng)))
                paragraphs_left -= 1
        if number % 3 == 0:
            rows = [["Method", "Acc.", "Loss"]] + [
                [rng.choice(_WORDS), f"{rng.uniform(50, 99):.1f}", f"{rng.uniform(0, 5):.2f}"]
                for _ in range(5)
            ]
            m.blocks.append(("table", rows))
        if number % 2 == 0:
            m.blocks.append(
                ("pre", "L(theta) = E[ || x - f(x + sigma * eps) ||^2 ] + lambda * R(theta)")
            )
    m.blocks.append(("h1", "References"))
    for k in range(1, 31):
        m.blocks.append(
            ("p", f"[{k}] A. {rng.choice(_WORDS).capitalize()} and B. {rng.choice(_WORDS).capitalize()}. "
                  f"{_sentence(rng)} In Proceedings of a Conference, {rng.randint(1995, 2025)}.")
        )  # fmt: skip
    return m


def file_manuscript(path: Path) -> Manuscript:
    """Headings and paragraphs of a Markdown or text file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    m = Manuscript(name=path.with_suffix(".pdf").name)
    if path.suffix.lower() not in (".md", ".markdown"):
        m.blocks = [("p", p.strip()) for p in text.split("\n\n") if p.strip()]
        return m
    level = 0
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "heading_open":
            level = int(token.tag[1])
        elif token.type == "inline" and token.content.strip():
            kind = (
                "p"
                if not level
                else "title"
                if level == 1 and not m.blocks
                else "h1"
                if level <= 2
                else "h2"
            )
            m.blocks.append((kind, token.content))
            level = 0
        elif token.type in ("fence", "code_block"):
            m.blocks.append(("pre", token.content))
    return m


def _footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.grey)
    canvas.drawString(72, letter[1] - 50, "Preprint. Under review.")
    canvas.line(72, letter[1] - 54, letter[0] - 72, letter[1] - 54)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(letter[0] / 2, 40, str(doc.page))
    canvas.restoreState()


def render_pdf(manuscript: Manuscript, max_pages: int) -> bytes:
    """Typeset the manuscript on US-letter pages with running headers; keep at most max_pages."""
    styles = getSampleStyleSheet()
    style = {"title": styles["Title"], "authors": styles["Italic"], "h1": styles["Heading2"],
             "h2": styles["Heading3"], "p": styles["BodyText"]}  # fmt: skip
    story: list[object] = []
    for kind, content in manuscript.blocks:
        if kind == "table":
            table = Table(content)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))  # fmt: skip
            story += [table, Spacer(1, 8)]
        elif kind == "pre":
            story.append(Preformatted(str(content), styles["Code"]))
        else:
            story.append(Paragraph(escape(str(content)), style[kind]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=letter, title=manuscript.name).build(
        story, onFirstPage=_footer, onLaterPages=_footer
    )
    doc = pymupdf.open(stream=buffer.getvalue(), filetype="pdf")
    if doc.page_count > max_pages:
        doc.select(list(range(max_pages)))
    data = doc.tobytes(garbage=1, deflate=True)
    doc.close()
    return data


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def run_benchmark(
    directory: Path | None, pages_per_doc: int, docs: int, isolated: int, console: Console
) -> dict[str, float]:
    from aixiv.config import get_settings
    from aixiv.ingest import IngestError, ingest, parse_bytes

    if directory is not None:
        paths = sorted(
            p for p in directory.iterdir() if p.suffix.lower() in (".md", ".markdown", ".txt")
        )
        if not paths:
            raise typer.BadParameter(f"no .md or .txt files in {directory}")
        manuscripts = [file_manuscript(p) for p in paths[:docs]]
    else:
        manuscripts = [synthetic_manuscript(i, pages_per_doc) for i in range(docs)]
    pdfs: list[tuple[str, bytes]] = []
    with _progress(console) as progress:
        task = progress.add_task("rendering PDFs", total=len(manuscripts))
        for m in manuscripts:
            pdfs.append((m.name, render_pdf(m, pages_per_doc)))
            progress.advance(task)
    limit = max(get_settings().max_pages, pages_per_doc)
    parse_bytes(*pdfs[0], max_pages=limit)  # warm caches (fonts, imports) outside the timing
    pages = spans = 0
    wall = cpu = 0.0
    with _progress(console) as progress:
        task = progress.add_task("parse_bytes (in process)", total=len(pdfs))
        for name, data in pdfs:
            start, start_cpu = time.perf_counter(), time.process_time()
            doc = parse_bytes(name, data, max_pages=limit)
            wall += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            pages += doc.page_count
            spans += len(doc.spans)
            progress.advance(task)
    settings = get_settings().model_copy(update={"max_pages": limit})
    iso_pages, iso_wall, failures = 0, 0.0, 0
    chosen = pdfs[: max(0, isolated)]
    children_before = _children_cpu()
    with _progress(console) as progress:
        task = progress.add_task("ingest (isolated child)", total=len(chosen), visible=bool(chosen))
        for name, data in chosen:
            start = time.perf_counter()
            try:
                iso_pages += ingest(name, data, settings).page_count
            except IngestError as exc:
                failures += 1
                console.print(f"[red]{name}: {exc.message}")
            iso_wall += time.perf_counter() - start
            progress.advance(task)
    iso_cpu = _children_cpu() - children_before
    result = {
        "documents": len(pdfs),
        "pages": pages,
        "spans_per_page": spans / max(pages, 1),
        "in_process_s": wall,
        "in_process_pages_per_s": pages / wall if wall else 0.0,
        "in_process_cpu_pages_per_s": pages / cpu if cpu else 0.0,
        "isolated_documents": len(chosen),
        "isolated_pages": iso_pages,
        "isolated_s": iso_wall,
        "isolated_pages_per_s": iso_pages / iso_wall if iso_wall else 0.0,
        "isolated_cpu_pages_per_s": iso_pages / iso_cpu if iso_cpu else 0.0,
        "isolated_failures": failures,
    }
    _report(result, console)
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _report(r: dict[str, float], console: Console) -> None:
    table = RichTable(title="PDF ingestion")
    for column in ("path", "documents", "pages", "wall s", "pages/s (wall)", "pages/s (CPU)"):
        table.add_column(column, justify="right" if column != "path" else "left")
    table.add_row(
        "parse_bytes (in process)", f"{r['documents']:.0f}", f"{r['pages']:.0f}",
        f"{r['in_process_s']:.2f}", f"{r['in_process_pages_per_s']:.1f}", f"{r['in_process_cpu_pages_per_s']:.1f}",
    )  # fmt: skip
    if r["isolated_documents"]:
        table.add_row(
            "ingest (isolated child)", f"{r['isolated_documents']:.0f}", f"{r['isolated_pages']:.0f}",
            f"{r['isolated_s']:.2f}", f"{r['isolated_pages_per_s']:.1f}", f"{r['isolated_cpu_pages_per_s']:.1f}",
        )  # fmt: skip
    console.print(table)
    ok = r["in_process_pages_per_s"] >= TARGET_PAGES_PER_S
    verdict = "[green]meets" if ok else "[red]misses"
    console.print(
        f"{verdict}[/] the target of {TARGET_PAGES_PER_S:.0f} pages/s in process, wall clock "
        f"({r['spans_per_page']:.0f} spans per page; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs)"
    )
    if r["isolated_documents"]:
        per_doc = r["isolated_s"] / r["isolated_documents"]
        console.print(f"isolated ingest: {per_doc:.2f} s per document, child startup included")


def register(bench: typer.Typer) -> None:
    @bench.command("ingest")
    def ingest_command(
        directory: Path | None = typer.Argument(
            None,
            exists=True,
            file_okay=False,
            help="Render these .md/.txt files instead of synthetic papers.",
        ),
        pages_per_doc: int = typer.Option(
            12, "--pages-per-doc", min=1, help="Pages per rendered PDF (at most)."
        ),
        docs: int = typer.Option(20, "--docs", min=1, help="How many PDFs to render and parse."),
        isolated: int = typer.Option(
            5, "--isolated", min=0, help="How many of them also go through ingest()."
        ),
    ) -> None:
        """Measure PDF ingestion speed (pages per second), in process and isolated."""
        run_benchmark(directory, pages_per_doc, docs, isolated, Console())
