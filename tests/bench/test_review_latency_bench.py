"""``aixiv bench review-latency``: a meta review's wall time stays near its critical path."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aixiv.bench.review_latency import synthetic_manuscript
from aixiv.cli import app
from aixiv.review import Manuscript


def test_synthetic_manuscript_has_sections():
    ms = Manuscript.build(synthetic_manuscript())
    assert ms.abstract and len(ms.sections) >= 7


def test_meta_review_wall_time_is_about_three_latencies():
    latency, reviewers = 0.5, 5
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "review-latency",
            "--latency",
            str(latency),
            "--reviewers",
            str(reviewers),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert r["reviews_ok"] == reviewers
    assert r["ideal_s"] >= 3 * latency
    assert r["wall_s"] >= 3 * latency
    # one reviewer round, not five: generous slack for a loaded machine, far below sequential
    assert r["reviewers_s"] - r["retrieval_s"] < 2 * latency, r
    assert r["wall_s"] < r["sequential_s"] - 1.5, r
