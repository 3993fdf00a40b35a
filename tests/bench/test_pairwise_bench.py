"""``aixiv bench pairwise`` on a tiny synthetic accept/reject dataset, against simulated models."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aixiv.bench.pairwise import equalize, load_papers, match_pairs, normalize_paper, read_labels
from aixiv.cli import app
from aixiv.review import estimate_tokens

runner = CliRunner()

BODY = " ".join(
    f"Sentence {i} explains one step of the sparse routing method and its evaluation on held-out data."
    for i in range(40)
)


def camera_ready(title: str, n: int = 3) -> str:
    return "\n\n".join(
        [
            f"# {title.upper()}",
            "Published as a conference paper at ICLR 2022",
            "**Jane Doe**\nOxford University\njane@example.org",
            "ABSTRACT",
            "**John Roe**\nSomewhere Institute",
            f"We propose a method for {title}. It works well on three benchmarks.",
            "1 INTRODUCTION",
            BODY,
            "2 METHOD",
            (BODY + " ") * n + "Code is at https://github.com/jane/routing.",
            "ACKNOWLEDGMENTS",
            "We thank the reviewers. This work was supported by grant 1234 from a foundation.",
            "REFERENCES",
            "A. Author. A paper. 2020.",
            "A APPENDIX",
            "Extra material.",
        ]
    )


def submitted(title: str, n: int = 3) -> str:
    return "\n\n".join(
        [
            f"# {title.upper()}",
            "**Anonymous authors**\nPaper under double-blind review",
            "ABSTRACT",
            f"We propose a method for {title}. It works well on two benchmarks.",
            "1 INTRODUCTION",
            BODY,
            "2 METHOD",
            (BODY + " ") * n + "Our code is available at an anonymous link for reviewers.",
            "REFERENCES",
            "B. Author. Another paper. 2019.",
        ]
    )


def write_dataset(root, accepted: int = 4, rejected: int = 5):
    (root / "papers").mkdir(parents=True)
    rows = ["paper_id\t0\t1\t2\tdecision"]
    for i in range(accepted):
        (root / "papers" / f"acc{i}.txt").write_text(
            camera_ready(f"accepted topic {i}", 2 + i), encoding="utf-8"
        )
        rows.append(f"acc{i}\t6.0\t8.0\t8.0\tAccept ({'Poster' if i % 2 else 'Oral'})")
    for i in range(rejected):
        (root / "papers" / f"rej{i}.txt").write_text(
            submitted(f"rejected topic {i}", 1 + i), encoding="utf-8"
        )
        rows.append(f"rej{i}\t3.0\t5.0\t\tReject")
    rows.append("ghost\t5.0\t\t\tReject")  # no text file: skipped
    (root / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_normalization_removes_what_leaks_the_decision():
    text = normalize_paper(camera_ready("routing"))
    assert text.startswith("Abstract")
    for leak in (
        "Jane",
        "John",
        "Oxford",
        "jane@",
        "ICLR",
        "Published",
        "github",
        "We thank",
        "grant",
        "REFERENCES",
        "Extra material",
    ):
        assert leak not in text, leak
    assert "We propose a method for routing." in text and "Sentence 39 explains" in text
    anon = normalize_paper(submitted("routing"))
    assert "Anonymous" not in anon and "double-blind" not in anon and "anonymous link" not in anon


def test_labels_pairs_and_equal_budgets(tmp_path):
    root = write_dataset(tmp_path / "ds")
    labels = read_labels(root)
    assert sum(acc for *_, acc in labels) == 4 and len(labels) == 10
    papers = load_papers(root)
    assert len(papers) == 9
    pairs = match_pairs(papers, 10)
    assert len(pairs) == 4 and all(a.accepted and not r.accepted for a, r in pairs)
    assert len({r.id for _, r in pairs}) == 4
    for a, r in pairs:
        ta, tb, budget = equalize(a.text, r.text, 300)
        assert estimate_tokens(ta) <= budget and estimate_tokens(tb) <= budget
        assert abs(len(ta) - len(tb)) < 0.2 * max(len(ta), len(tb))


def test_bench_pairwise_cli_reports_accuracy_and_baselines(tmp_path):
    root = write_dataset(tmp_path / "ds")
    out, plot = tmp_path / "out.json", tmp_path / "plot.png"
    result = runner.invoke(
        app,
        [
            "bench",
            "pairwise",
            "--dataset",
            str(root),
            "--pairs",
            "3",
            "--simulated",
            "--json",
            "--budget",
            "2000",
            "--out",
            str(out),
            "--plot",
            str(plot),
        ],
    )
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert s["pairs"] == 3 and s["scored"] == 3 and s["failed"] == 0 and s["simulated"] is True
    assert 0 <= s["accuracy"] <= 1 and 0 <= s["position_consistency"] <= 1
    assert s["length_baseline_raw"] is not None and s["length_baseline_normalized"] is not None
    assert s["tokens_in"] > 0 and s["model"] == "gpt"
    rows = json.loads(out.read_text())["outcomes"]
    assert len(rows) == 3 and all(r["forward_correct"] is not None for r in rows)
    assert plot.stat().st_size > 1000
    table = runner.invoke(
        app, ["bench", "pairwise", "--dataset", str(root), "--pairs", "2", "--simulated"]
    )
    assert table.exit_code == 0 and "length-only baseline" in table.output


def test_bench_pairwise_needs_a_dataset(tmp_path):
    result = runner.invoke(app, ["bench", "pairwise", "--dataset", str(tmp_path), "--simulated"])
    assert result.exit_code != 0 and "does not exist" in " ".join(result.output.split())
