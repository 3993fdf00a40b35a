"""`aixiv bench injection`: make a labelled injection corpus, or measure the guard on one.

Recall per category counts an attack file as caught when the guard flags it; the table
also shows how often the guard named the labelled category. Throughput is reported for
the guard alone (stages 1-2 and 4-5, one process) and end to end with parsing.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import typer


def _load_labels(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise typer.BadParameter(
            f"{path} not found: a corpus needs a labels.jsonl (file, label, categories)"
        )
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"labels.jsonl line {n}: {exc}") from None
        if "file" not in row or row.get("label") not in ("attack", "clean"):
            raise typer.BadParameter(
                f"labels.jsonl line {n}: needs 'file' and 'label' attack|clean"
            )
        if "categories" not in row:
            # a held-out corpus may name one category per file
            one = row.get("category")
            row["categories"] = [one] if one and row["label"] == "attack" else []
        rows.append(row)
    return rows


def _pages(stats: dict[str, Any], fmt: str) -> int:
    """PDF pages; a source file counts one page per 3,000 characters of text."""
    if fmt == "pdf":
        return int(stats.get("pages", 1))
    return max(1, round(int(stats.get("model_chars", 0)) / 3000))


def evaluate(
    directory: Path,
    *,
    labels: Path | None = None,
    threshold: float | None = None,
    isolate: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Run the guard over a labelled corpus and compute the metrics."""
    from rich.progress import Progress

    from aixiv.config import get_settings
    from aixiv.guard import screen_document
    from aixiv.ingest import IngestError, ingest, parse_bytes

    settings = get_settings()
    limit = settings.guard_threshold if threshold is None else threshold
    rows = _load_labels(labels or directory / "labels.jsonl")
    results: list[dict[str, Any]] = []
    guard_s = parse_s = guard_cpu = 0.0
    pages = 0
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("screening", total=len(rows))
        for row in rows:
            path = directory / row["file"]
            item: dict[str, Any] = {
                "file": row["file"],
                "label": row["label"],
                "categories": row.get("categories", []),
            }
            try:
                data = path.read_bytes()
                t0 = time.perf_counter()
                doc = (
                    ingest(path.name, data, settings)
                    if isolate
                    else parse_bytes(path.name, data, max_pages=settings.max_pages)
                )
                t1 = time.perf_counter()
                c1 = time.process_time()
                report = screen_document(doc, threshold=limit)
                guard_cpu += time.process_time() - c1
                t2 = time.perf_counter()
            except (IngestError, OSError) as exc:
                item["error"] = str(exc)
                item["flagged"] = False
                results.append(item)
                bar.advance(task)
                continue
            parse_s += t1 - t0
            guard_s += t2 - t1
            npages = _pages(report.stats, doc.source_format)
            pages += npages
            item.update(
                flagged=report.flagged,
                risk=report.risk,
                found=report.categories,
                pages=npages,
                top=(report.findings[0].why[:160] if report.findings else ""),
            )
            results.append(item)
            bar.advance(task)
    summary = {"threshold": limit, "results": results, **_metrics(results, guard_s, parse_s, pages)}
    summary["guard_pages_per_cpu_s"] = pages / guard_cpu if guard_cpu else None
    return summary


def _metrics(
    results: list[dict[str, Any]], guard_s: float, parse_s: float, pages: int
) -> dict[str, Any]:
    attacks = [r for r in results if r["label"] == "attack"]
    clean = [r for r in results if r["label"] == "clean"]
    tp = sum(r["flagged"] for r in attacks)
    fp = sum(r["flagged"] for r in clean)
    per_cat: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "caught": 0, "named": 0})
    for r in attacks:
        for c in r["categories"] or ["(none)"]:
            per_cat[c]["n"] += 1
            per_cat[c]["caught"] += int(r["flagged"])
            per_cat[c]["named"] += int(r["flagged"] and c in r.get("found", []))
    categories = {
        c: {"n": v["n"], "recall": v["caught"] / v["n"], "named": v["named"] / v["n"]}
        for c, v in sorted(per_cat.items())
    }
    n = len(results)
    return {
        "files": n,
        "attacks": len(attacks),
        "clean": len(clean),
        "errors": sum(1 for r in results if "error" in r),
        "recall": tp / len(attacks) if attacks else None,
        "false_positive_rate": fp / len(clean) if clean else None,
        "accuracy": (tp + len(clean) - fp) / n if n else None,
        "precision": tp / (tp + fp) if tp + fp else None,
        "categories": categories,
        "pages": pages,
        "guard_pages_per_s": pages / guard_s if guard_s else None,
        "end_to_end_pages_per_s": pages / (guard_s + parse_s) if guard_s + parse_s else None,
        "missed": [r["file"] for r in attacks if not r["flagged"]],
        "false_positives": [r["file"] for r in clean if r["flagged"]],
    }


def plot(summary: dict[str, Any], out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = summary["categories"]
    names = list(cats)
    recall = [cats[c]["recall"] for c in names]
    named = [cats[c]["named"] for c in names]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [4, 1]})
    x = range(len(names))
    ax.bar([i - 0.2 for i in x], recall, width=0.4, label="recall (flagged)", color="#2b6cb0")
    ax.bar(
        [i + 0.2 for i in x], named, width=0.4, label="flagged with this category", color="#90cdf4"
    )
    ax.axhline(0.75, color="#c53030", linestyle="--", linewidth=1, label="per-category target 0.75")
    ax.set_xticks(list(x))
    ax.set_xticklabels(
        [f"{c}\n(n={cats[c]['n']})" for c in names], rotation=45, ha="right", fontsize=8
    )
    ax.set_ylim(0, 1.18)
    ax.set_ylabel("fraction of attack files")
    ax.set_title("Injection recall per category")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=3, framealpha=0.9)
    overall = [
        summary["recall"] or 0,
        summary["accuracy"] or 0,
        summary["false_positive_rate"] or 0,
    ]
    bars = ax2.bar(["recall", "accuracy", "FPR"], overall, color=["#2b6cb0", "#2f855a", "#c53030"])
    for b, v in zip(bars, overall, strict=True):
        ax2.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.3f}", ha="center", fontsize=8)
    ax2.set_ylim(0, 1.05)
    speed = summary.get("guard_pages_per_s") or 0
    ax2.set_title(f"overall ({summary['files']} files)\nguard {speed:.0f} pages/s", fontsize=10)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def _print(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Injection detection (threshold {summary['threshold']})")
    table.add_column("category")
    table.add_column("n", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("named", justify="right")
    for c, v in summary["categories"].items():
        style = "red" if v["recall"] < 0.75 else ""
        table.add_row(c, str(v["n"]), f"{v['recall']:.3f}", f"{v['named']:.3f}", style=style)
    console.print(table)

    def f(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    console.print(
        f"files {summary['files']} (attack {summary['attacks']}, clean {summary['clean']}, errors {summary['errors']})  "
        f"recall {f(summary['recall'])}  FPR {f(summary['false_positive_rate'])}  accuracy {f(summary['accuracy'])}  "
        f"precision {f(summary['precision'])}"
    )
    gp, ep = summary["guard_pages_per_s"], summary["end_to_end_pages_per_s"]
    cp = summary.get("guard_pages_per_cpu_s")
    console.print(
        f"pages {summary['pages']}  guard {gp or 0:.0f} pages/s wall ({cp or 0:.0f} per CPU-second)  "
        f"end-to-end with parsing {ep or 0:.0f} pages/s"
    )
    if summary["missed"]:
        console.print("missed: " + ", ".join(summary["missed"][:30]))
    if summary["false_positives"]:
        console.print("false positives: " + ", ".join(summary["false_positives"][:30]))


def register(bench: typer.Typer) -> None:
    @bench.command("injection")
    def injection(
        directory: Path = typer.Argument(
            None, help="A corpus directory with labels.jsonl to evaluate."
        ),
        make_corpus: Path = typer.Option(
            None, "--make-corpus", help="Write a synthetic labelled corpus to this directory."
        ),
        papers: Path = typer.Option(
            None, "--papers", help="Directory of Markdown/text papers to build the corpus from."
        ),
        per_category: int = typer.Option(
            10, "--per-category", min=1, help="Attack files per category group."
        ),
        clean: int = typer.Option(
            60, "--clean", min=0, help="Clean files (plain and hard negatives)."
        ),
        seed: int = typer.Option(7, "--seed"),
        threshold: float = typer.Option(
            None, "--threshold", help="Override Settings.guard_threshold."
        ),
        isolate: bool = typer.Option(
            False, "--isolate", help="Parse each file in a child process with limits."
        ),
        plot_path: Path = typer.Option(
            None, "--plot", help="Where to save the bar chart (default DIR/injection-bench.png)."
        ),
        labels_path: Path = typer.Option(
            None,
            "--labels",
            help="labels.jsonl kept outside DIR (a held-out corpus); results are written beside it.",
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    ) -> None:
        """Synthesize a labelled injection corpus (--make-corpus) or measure the guard on DIR."""
        if make_corpus is None and directory is None:
            raise typer.BadParameter("give a corpus DIR to evaluate, or --make-corpus DIR")
        if make_corpus is not None:
            from aixiv.guard._corpus import make_corpus as build

            if papers is not None and not papers.is_dir():
                raise typer.BadParameter(f"--papers {papers} is not a directory")
            labels = build(
                make_corpus, papers_dir=papers, seed=seed, per_category=per_category, clean=clean
            )
            n = sum(1 for _ in labels.open())
            typer.echo(f"wrote {n} files and {labels}")
            if directory is None:
                return
        assert directory is not None
        summary = evaluate(
            directory,
            labels=labels_path,
            threshold=threshold,
            isolate=isolate,
            progress=not as_json,
        )
        where = labels_path.parent if labels_path is not None else directory
        out = plot(summary, plot_path or where / "injection-bench.png")
        (where / "injection-bench.json").write_text(
            json.dumps(summary, indent=2, ensure_ascii=False), "utf-8"
        )
        if as_json:
            slim = {k: v for k, v in summary.items() if k != "results"}
            typer.echo(json.dumps(slim, indent=2, ensure_ascii=False))
        else:
            _print(summary)
            typer.echo(f"chart: {out}")
