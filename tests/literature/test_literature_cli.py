"""``aixiv literature import DIR`` and ``aixiv literature search Q`` on a temporary data dir."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aixiv.cli import app
from aixiv.literature import abstract_of, read_corpus, title_of

runner = CliRunner()

PAPERS = {
    "p1": "# Sparse Mixture Routing\n\n**Anonymous authors**\n\nABSTRACT\n\nWe balance experts without a loss.\n\n1 INTRODUCTION\n\nRouting matters.",
    "p2": "Grokking Through Symmetry\n\nAbstract: Operand reversal speeds up grokking.\n\n## 1 Introduction\n\nDelayed generalisation.",
    "p3": "Diffusion With Two Experts\n\nNo abstract heading here, only text about mode capture.",
}


def _corpus(tmp_path):
    d = tmp_path / "corpus"
    (d / "papers").mkdir(parents=True)
    for pid, text in PAPERS.items():
        (d / "papers" / f"{pid}.txt").write_text(text, encoding="utf-8")
    (d / "labels.tsv").write_text("paper_id\tdecision\n", encoding="utf-8")  # ignored
    return d


def test_reading_a_corpus_takes_titles_and_abstracts(tmp_path):
    recs = {r.external_id: r for r in read_corpus(_corpus(tmp_path), "mine")}
    assert recs["p1"].title == "Sparse Mixture Routing" and recs["p1"].source == "mine"
    assert recs["p1"].abstract == "We balance experts without a loss."
    assert recs["p2"].abstract.startswith("Operand reversal speeds up grokking.")
    assert recs["p3"].abstract == ""
    assert title_of("\n\n  ## A *Title*  \nbody") == "A Title"
    assert (
        abstract_of("ABSTRACT\n\n**Jane Doe**\nText of it.\n\n1 INTRODUCTION\nx") == "Text of it."
    )


def test_import_then_search(tmp_path):
    corpus = _corpus(tmp_path)
    data = tmp_path / "data"
    result = runner.invoke(
        app, ["literature", "import", str(corpus), "--source", "iclr-test", "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 3 papers" in _flat(result.output)
    # importing again updates in place
    result = runner.invoke(
        app, ["literature", "import", str(corpus), "--source", "iclr-test", "--data-dir", str(data)]
    )
    assert "the index holds 3 documents" in _flat(result.output)
    result = runner.invoke(
        app, ["literature", "search", "grokking symmetry", "--json", "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "p2" and hits[0]["source"] == "iclr-test"
    result = runner.invoke(app, ["literature", "search", "experts", "--data-dir", str(data)])
    assert (
        result.exit_code == 0
        and "Literature matching 'experts'" in result.output
        and "p1" in result.output
    )
    result = runner.invoke(
        app, ["literature", "search", "nothingmatcheszzz", "--data-dir", str(data)]
    )
    assert "No matches" in _flat(result.output)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_import_of_a_missing_or_empty_folder_fails_clearly(tmp_path):
    result = runner.invoke(
        app, ["literature", "import", str(tmp_path / "nope"), "--data-dir", str(tmp_path)]
    )
    assert result.exit_code != 0 and "is not a directory" in _flat(result.output)
    (tmp_path / "empty").mkdir()
    result = runner.invoke(
        app, ["literature", "import", str(tmp_path / "empty"), "--data-dir", str(tmp_path)]
    )
    assert result.exit_code != 0 and "no .txt files" in _flat(result.output)
