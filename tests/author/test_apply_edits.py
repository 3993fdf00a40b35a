"""apply_edits on Markdown and LaTeX sources: placement, fuzzy headings, anchors, safety."""

from __future__ import annotations

import pytest

from aixiv.author import Edit, apply_edits, apply_edits_report, parse

MD = """# Sparse Routing at Small Scale

## Abstract

We study sparse routing in small transformers. Routing entropy predicts stability.

## 1 Introduction

Mixture models route tokens to experts. Small models are poorly understood.

Our contribution is a controlled study of forty models.

## 2 Method

We train forty models on synthetic arithmetic. Each model has eight experts.

![Routing diagram](fig1.png)

```python
# not a heading: a comment in code
route(x)
```

## 3 Results

Entropy regularisation stabilises early training. Loss drops by ten percent.

## References

1. A. Author. Sparse experts. 2021.
"""

TEX = r"""\documentclass{article}
\usepackage{amsmath}
\title{Curriculum Schedules for Sparse Experts}
\begin{document}
\maketitle
\begin{abstract}
We study curriculum schedules for sparse experts.
\end{abstract}
\section{Introduction}
Sparse experts scale well. Their training is unstable.
% a note the authors keep
\section*{Related Work}
Prior work studies load balancing \cite{shazeer_2017}.
\section{Method}
\label{sec:method}
We train eight experts with a linear curriculum.

\begin{figure}[t]
\centering
\caption{Loss curves.}
\end{figure}
\subsection{Training details}
We use Adam with learning rate $3\times10^{-4}$.
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


def _section(source: str, heading: str) -> str:
    """The text between a Markdown heading line and the next heading."""
    after = source.split(heading + "\n", 1)[1]
    return after.split("\n#", 1)[0]


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_replace_keeps_everything_else():
    new, applied, skipped = apply_edits(
        MD,
        "markdown",
        [
            Edit(
                section="Introduction",
                action="replace_paragraph",
                anchor="Small models are poorly understood.",
                text="Mixture-of-experts models route each token to a few experts; how this behaves in small models is not known.",
            )
        ],
    )
    assert (applied, skipped) == (1, 0)
    assert "Mixture models route tokens to experts." not in new
    assert "how this behaves in small models is not known." in new
    # only that paragraph changed
    assert (
        new.replace(
            "Mixture-of-experts models route each token to a few experts; how this behaves in small models is not known.",
            "Mixture models route tokens to experts. Small models are poorly understood.",
        )
        == MD
    )


def test_markdown_append_goes_to_the_end_of_the_section():
    new, applied, _ = apply_edits(
        MD,
        "markdown",
        [Edit(section="3 Results", action="append", text="We repeat each run with three seeds.")],
    )
    assert applied == 1
    results = _section(new, "## 3 Results")
    assert results.strip().endswith("We repeat each run with three seeds.")
    assert results.index("Loss drops by ten percent.") < results.index("three seeds")
    assert new.index("three seeds") < new.index("## References")


def test_markdown_insert_after_the_anchored_paragraph():
    new, applied, _ = apply_edits(
        MD,
        "markdown",
        [
            Edit(
                section="Introduction",
                action="insert_after",
                anchor="Mixture models route tokens to experts.",
                text="Inserted paragraph.",
            )
        ],
    )
    assert applied == 1
    intro = _section(new, "## 1 Introduction")
    paragraphs = [p.strip() for p in intro.strip().split("\n\n")]
    assert paragraphs == [
        "Mixture models route tokens to experts. Small models are poorly understood.",
        "Inserted paragraph.",
        "Our contribution is a controlled study of forty models.",
    ]


def test_unknown_section_becomes_a_new_section_before_references():
    new, applied, _ = apply_edits(
        MD,
        "markdown",
        [
            Edit(section="Limitations", action="append", text="We study one synthetic task only."),
            Edit(section="limitations", action="append", text="A second limitation."),
        ],
    )
    assert applied == 2
    assert new.count("## Limitations") == 1  # the second edit found the section the first made
    assert new.index("## 3 Results") < new.index("## Limitations") < new.index("## References")
    lim = _section(new, "## Limitations")
    assert lim.index("one synthetic task") < lim.index("A second limitation.")
    assert "1. A. Author. Sparse experts. 2021." in new


def test_unknown_section_without_references_goes_at_the_end():
    src = "# Title\n\n## Intro\n\nSome text here.\n"
    new, applied, _ = apply_edits(
        src, "markdown", [Edit(section="Ethics Statement", action="append", text="No human data.")]
    )
    assert applied == 1
    assert (
        new == "# Title\n\n## Intro\n\nSome text here.\n\n## Ethics Statement\n\nNo human data.\n"
    )


@pytest.mark.parametrize(
    "wanted", ["Method", "METHOD", "2 Method", "## 2 Method", "2. method", "Methods", "Mehtod"]
)
def test_headings_match_fuzzily(wanted):
    new, applied, _ = apply_edits(
        MD, "markdown", [Edit(section=wanted, action="append", text="Appended to method.")]
    )
    assert applied == 1
    assert "## Methods" not in new and "## Mehtod" not in new
    assert new.index("## 2 Method") < new.index("Appended to method.") < new.index("## 3 Results")


def test_a_sentence_mentioning_a_heading_is_not_that_heading():
    report = apply_edits_report(
        MD,
        "markdown",
        [
            Edit(
                section="A discussion of the method and its limits",
                action="append",
                text="New text.",
            )
        ],
    )
    assert report.outcomes[0].reason == "added as a new section"


def test_anchors_not_found_are_skipped_and_nothing_changes():
    edits = [
        Edit(
            section="Method",
            action="replace_paragraph",
            anchor="This sentence is not in the paper at all.",
            text="x",
        ),
        Edit(
            section="Method",
            action="insert_after",
            anchor="Neither is this one, anywhere.",
            text="y",
        ),
        Edit(section="Method", action="replace_paragraph", anchor=None, text="z"),
    ]
    report = apply_edits_report(MD, "markdown", edits)
    assert (report.applied, report.skipped) == (0, 3)
    assert report.source == MD
    assert "not found" in report.outcomes[0].reason and "no anchor" in report.outcomes[2].reason
    assert apply_edits(MD, "markdown", edits) == (MD, 0, 3)


def test_anchor_matching_tolerates_case_whitespace_quotes_and_ellipses():
    for anchor in (
        "  we TRAIN forty models\non synthetic arithmetic.",
        "\u201cEach model has eight experts.\u201d",
        "We train forty models on synthetic\u2026",
    ):
        new, applied, _ = apply_edits(
            MD,
            "markdown",
            [Edit(section="Method", action="insert_after", anchor=anchor, text="After.")],
        )
        assert applied == 1, anchor
        assert (
            new.index("Each model has eight experts.")
            < new.index("After.")
            < new.index("![Routing")
        )


def test_anchor_in_another_section_is_still_found():
    new, applied, _ = apply_edits(
        MD,
        "markdown",
        [
            Edit(
                section="Method",
                action="insert_after",
                anchor="Loss drops by ten percent.",
                text="After results.",
            )
        ],
    )
    assert applied == 1
    assert (
        new.index("Loss drops by ten percent.")
        < new.index("After results.")
        < new.index("## References")
    )


def test_figures_and_code_are_never_replaced():
    report = apply_edits_report(
        MD,
        "markdown",
        [
            Edit(
                section="Method", action="replace_paragraph", anchor="Routing diagram", text="gone"
            ),
            Edit(section="Method", action="replace_paragraph", anchor="route(x)", text="gone"),
        ],
    )
    assert report.applied == 0 and report.source == MD
    assert "figure" in report.outcomes[0].reason and "code" in report.outcomes[1].reason


def test_code_comments_are_not_headings_and_setext_headings_are():
    assert "not a heading" not in [h.title for h in parse(MD, "markdown").headings]
    src = "Title\n=====\n\nIntro text.\n\nDetails\n-------\n\nMore text.\n"
    assert [h.title for h in parse(src, "markdown").headings] == ["Title", "Details"]
    new, applied, _ = apply_edits(
        src, "markdown", [Edit(section="Details", action="append", text="Added.")]
    )
    assert applied == 1 and new.endswith("More text.\n\nAdded.\n")


def test_plain_text_headings_are_recognised():
    src = (
        "Routing in Sparse Mixtures\n\nAbstract\n\nWe study routing.\n\n1 Introduction\n\nMixtures route tokens.\n\n"
        "**2 Method**\n\nWe train models.\n\n2.1 Setup\n\nEight experts.\n\nReferences\n\n[1] A. 2020.\n"
    )
    assert [(h.title, h.level) for h in parse(src, "markdown").headings] == [
        ("Abstract", 2),
        ("1 Introduction", 2),
        ("2 Method", 2),
        ("2.1 Setup", 3),
        ("References", 2),
    ]
    new, applied, _ = apply_edits(
        src,
        "markdown",
        [
            Edit(section="Method", action="append", text="Added."),
            Edit(section="Limitations", action="append", text="Lim."),
        ],
    )
    assert applied == 2
    assert "We train models.\n\nAdded.\n\n2.1 Setup" in new
    assert "Eight experts.\n\nLimitations\n\nLim.\n\nReferences" in new


def test_repeated_heading_in_text_is_dropped_and_bad_fences_skipped():
    new, applied, skipped = apply_edits(
        MD,
        "markdown",
        [
            Edit(
                section="3 Results", action="append", text="## 3 Results\n\nA new result paragraph."
            ),
            Edit(section="3 Results", action="append", text="```\nunclosed code"),
        ],
    )
    assert (applied, skipped) == (1, 1)
    assert new.count("## 3 Results") == 1 and "A new result paragraph." in new


def test_crlf_and_trailing_newline_survive():
    src = MD.replace("\n", "\r\n")
    new, applied, _ = apply_edits(
        src, "markdown", [Edit(section="Abstract", action="append", text="More.")]
    )
    assert applied == 1 and new.endswith("\r\n") and "\n" not in new.replace("\r\n", "")


# -- LaTeX --------------------------------------------------------------------------------------


def test_latex_sections_and_abstract_are_found():
    p = parse(TEX, "latex")
    assert [h.title for h in p.headings] == [
        "Abstract",
        "Introduction",
        "Related Work",
        "Method",
        "Training details",
    ]
    assert p.lines[p.tail].startswith(r"\bibliographystyle")


def test_latex_append_replace_insert_and_new_section():
    report = apply_edits_report(
        TEX,
        "latex",
        [
            Edit(section="Abstract", action="append", text="We find that linear curricula help."),
            Edit(
                section="introduction",
                action="replace_paragraph",
                anchor="Their training is unstable.",
                text="Sparse experts scale well, but training them is unstable \\cite{fedus_2021}.",
            ),
            Edit(
                section="Related work",
                action="insert_after",
                anchor="Prior work studies load balancing",
                text="We extend it.",
            ),
            Edit(section="Limitations", action="append", text="One task only."),
        ],
    )
    new = report.source
    assert report.applied == 4, [o.reason for o in report.outcomes]
    assert new.index("linear curricula help.") < new.index(r"\end{abstract}")
    assert "Their training is unstable." not in new
    assert "% a note the authors keep" in new  # comment lines survive a replacement
    assert (
        new.index(r"\cite{shazeer_2017}")
        < new.index("We extend it.")
        < new.index(r"\section{Method}")
    )
    # the new section goes after the last section, before the bibliography
    assert (
        new.index("use Adam")
        < new.index(r"\section{Limitations}")
        < new.index(r"\bibliographystyle{plain}")
    )
    assert (
        new.index(r"\section{Limitations}")
        < new.index("One task only.")
        < new.index(r"\bibliography{refs}")
    )
    # nothing else was lost
    for line in TEX.splitlines():
        if "Their training is unstable" not in line:
            assert line in new


def test_latex_special_characters_are_escaped_outside_math():
    new, applied, _ = apply_edits(
        TEX,
        "latex",
        [
            Edit(
                section="Training details",
                action="append",
                text="Accuracy rose by 5% for R&D #2 with batch_size and 2^10 steps; "
                "math $x_i^2 + y_{j}$ and \\(a_b\\) stay, as does 10\\% and \\ref{sec:a_b}.",
            )
        ],
    )
    assert applied == 1
    added = new.split("learning rate $3\\times10^{-4}$.\n\n", 1)[1].split("\n", 1)[0]
    assert added == (
        "Accuracy rose by 5\\% for R\\&D \\#2 with batch\\_size and 2\\^{}10 steps; "
        "math $x_i^2 + y_{j}$ and \\(a_b\\) stay, as does 10\\% and \\ref{sec:a_b}."
    )


def test_latex_unsafe_or_broken_text_is_skipped():
    report = apply_edits_report(
        TEX,
        "latex",
        [
            Edit(section="Method", action="append", text="\\input{/etc/passwd}"),
            Edit(section="Method", action="append", text="\\newcommand{\\x}{y} text"),
            Edit(section="Method", action="append", text="Unbalanced {brace here."),
            Edit(section="Method", action="append", text="\\begin{itemize}\\item one"),
            Edit(section="Method", action="append", text="Costs $5 per run."),
        ],
    )
    assert [o.applied for o in report.outcomes] == [False, False, False, False, True]
    assert "Costs \\$5 per run." in report.source


def test_latex_environments_and_labels_are_not_replaced():
    report = apply_edits_report(
        TEX,
        "latex",
        [
            Edit(section="Method", action="replace_paragraph", anchor="Loss curves.", text="gone"),
            Edit(section="Method", action="replace_paragraph", anchor="sec:method", text="gone"),
        ],
    )
    assert report.applied == 0 and report.source == TEX
    assert "environment" in report.outcomes[0].reason


def test_latex_references_are_not_a_section_to_write():
    report = apply_edits_report(
        TEX, "latex", [Edit(section="References", action="append", text="[1] Someone. 2020.")]
    )
    assert report.applied == 0 and "bibliography" in report.outcomes[0].reason


def test_unsupported_formats_are_refused():
    with pytest.raises(ValueError, match="Markdown or LaTeX"):
        apply_edits("%PDF-1.7", "pdf", [])
