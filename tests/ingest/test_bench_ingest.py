"""`aixiv bench ingest` runs end to end on a tiny workload."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from aixiv.bench.ingest import register, render_pdf, synthetic_manuscript
from aixiv.ingest import parse_bytes


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Benchmarks."""

    register(app)
    return app


def test_synthetic_manuscripts_parse_back() -> None:
    doc = parse_bytes("s.pdf", render_pdf(synthetic_manuscript(7, 4), 10))
    assert doc.page_count >= 3
    assert doc.abstract and len(doc.sections) >= 3
    assert len(doc.references) == 30


def test_bench_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["ingest", "--docs", "2", "--pages-per-doc", "3", "--isolated", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "pages/s" in result.output and "parse_bytes" in result.output
    (tmp_path / "a.md").write_text("# A Title\n\n## 1 Intro\n\n" + "Words and more words. " * 200)
    (tmp_path / "b.txt").write_text("Plain title\n\n" + "Some text here. " * 300)
    result = CliRunner().invoke(_app(), ["ingest", str(tmp_path), "--isolated", "0"])
    assert result.exit_code == 0, result.output
    assert "ingest (isolated child)" not in result.output
