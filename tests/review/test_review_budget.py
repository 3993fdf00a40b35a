"""Token budgets and section-aware truncation."""

from __future__ import annotations

import re

from aixiv.ingest import Document, Section
from aixiv.review import (
    CUT_MARK,
    Manuscript,
    estimate_tokens,
    fit_text,
    split_sections,
    truncate_sentences,
)


def _long_paper() -> str:
    def para(tag: str, n: int) -> str:
        return " ".join(
            f"Sentence {i} of the {tag} section states one complete thought." for i in range(n)
        )

    return "\n\n".join(
        [
            "# Dual Routing for Sparse Experts",
            "## Abstract",
            para("abstract", 6),
            "## 1 Introduction",
            para("introduction", 30),
            "## 2 Method",
            para("method", 400),
            "## 3 Experiments",
            para("experiments", 400),
            "## 4 Conclusion",
            para("conclusion", 10),
            "## References",
            para("references", 300),
            "## A Appendix",
            para("appendix", 300),
        ]
    )


def test_estimate_is_chars_over_four():
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2


def test_truncate_sentences_never_cuts_mid_sentence():
    text = "First sentence here. Second one, e.g. with an abbreviation, ends here. Third sentence is long."
    out = truncate_sentences(text, 15)
    assert out.endswith(CUT_MARK)
    body = out.removesuffix(CUT_MARK).strip()
    assert body in (
        "First sentence here.",
        "First sentence here. Second one, e.g. with an abbreviation, ends here.",
    )
    assert truncate_sentences(text, 1000) == text
    assert truncate_sentences("One enormous sentence without an end " * 50, 10) == ""


def test_sections_are_found_in_plain_and_markdown_text():
    text = "TITLE OF PAPER\n\nABSTRACT\n\nWe do things.\n\n1 INTRODUCTION\n\nIntro text.\n\n## 2 Method\n\nMethod text."
    titles = [s.title for s in split_sections(text)]
    assert titles == ["TITLE OF PAPER", "ABSTRACT", "1 INTRODUCTION", "2 Method"]


def test_fit_keeps_abstract_intro_conclusion_and_drops_back_matter():
    text = _long_paper()
    assert estimate_tokens(text) > 20_000
    out = fit_text(text, 3000)
    assert estimate_tokens(out) <= 3000
    # key sections survive whole, long ones are shortened, references and appendix go first
    assert "Sentence 5 of the abstract section" in out
    assert "Sentence 29 of the introduction section" in out
    assert "Sentence 9 of the conclusion section" in out
    assert "Sentence 399 of the method section" not in out
    assert "Sentence 0 of the method section" in out
    assert "references section" not in out and "appendix section" not in out
    assert "omitted for length" in out
    # every kept sentence is whole
    for line in out.splitlines():
        if line.startswith("Sentence"):
            assert re.fullmatch(
                r"(Sentence \d+ of the \w+ section states one complete thought\. ?)+(\[\.\.\. shortened for length \.\.\.\])?",
                line.strip(),
            )


def test_fit_within_budget_for_many_budgets():
    text = _long_paper()
    for budget in (50, 200, 1000, 3000, 8000, 50_000):
        assert estimate_tokens(fit_text(text, budget)) <= budget


def test_short_text_is_untouched_and_document_lends_title():
    doc = Document(source_format="markdown", title="Real Title", sections=[Section(title="Method")])
    ms = Manuscript.build("Method\n\nWe route tokens. It works.", doc)
    assert ms.title == "Real Title"
    assert ms.render(8000) == "Method\n\nWe route tokens. It works."
