"""``aixiv bench web``: a filled database served by ``aixiv serve``, measured without errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aixiv.cli import app


def test_web_bench_measures_every_page(tmp_path):
    result = CliRunner().invoke(
        app,
        ["bench", "web", "--records", "60", "--clients", "4", "--requests", "40", "--data-dir", str(tmp_path), "--json"],
    )
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout.strip().splitlines()[-1])
    assert r["records"] == 60
    pages = {k: v for k, v in r.items() if isinstance(v, dict)}
    assert set(pages) == {"abstract page", "listing", "listing API", "search API"}
    for name, m in pages.items():
        assert m["requests"] == 40 and m["errors"] == 0, name
        assert 0 < m["p50_ms"] <= m["p99_ms"], name
