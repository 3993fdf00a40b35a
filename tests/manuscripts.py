"""Manuscripts the tests write themselves: Markdown, LaTeX and PDF."""

from __future__ import annotations

import pymupdf

PARAGRAPH = (
    "We study how sparse mixture routing interacts with curriculum schedules in small "
    "transformer language models. Our experiments train forty models on a synthetic "
    "arithmetic corpus and measure validation loss, routing entropy and expert load. "
)


def markdown_paper(title: str = "Routing Entropy in Sparse Mixtures", extra: str = "") -> bytes:
    body = f"""# {title}

## Abstract

{PARAGRAPH}We find that entropy regularisation stabilises early training.

## 1 Introduction

{PARAGRAPH * 3}

## 2 Method

{PARAGRAPH * 2}{extra}

## 3 Results

{PARAGRAPH * 2}

## References

1. A. Author. Sparse experts. 2021.
2. B. Author. Curriculum learning revisited. 2023.
"""
    return body.encode()


def latex_paper(title: str = "Curriculum Schedules for Sparse Experts") -> bytes:
    return (
        r"""\documentclass{article}
\title{%s}
\begin{document}
\maketitle
\begin{abstract}
%s
\end{abstract}
\section{Introduction}
%s
%% a private note the authors left
\section{Method}
%s
\end{document}
"""
        % (title, PARAGRAPH, PARAGRAPH * 2, PARAGRAPH)
    ).encode()


def pdf_paper(title: str = "Expert Load Balancing at Small Scale", pages: int = 3, hidden: str | None = None) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        y = 72
        if i == 0:
            page.insert_text((72, y), title, fontsize=16)
            y += 30
            page.insert_text((72, y), "Abstract", fontsize=12)
            y += 18
        for line in range(30):
            page.insert_text((72, y), f"{PARAGRAPH[:80]} ({i + 1}.{line})", fontsize=9)
            y += 14
        if hidden and i == 0:
            page.insert_text((72, 780), hidden, fontsize=1, color=(1, 1, 1))
    doc.set_metadata({"title": title, "author": "Test Author"})
    data = doc.tobytes()
    doc.close()
    return data
