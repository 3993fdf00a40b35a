"""Synthetic manuscripts for the review tests (written here, never copied from a dataset)."""

from __future__ import annotations

SENTENCES = [
    "We propose Sparse Mixture Routing (SMR), a routing rule for small transformer language models.",
    "SMR balances expert load without an auxiliary loss.",
    "Experiments on three synthetic arithmetic corpora show that SMR lowers validation loss.",
    "We analyse why entropy regularisation stabilises early training.",
    "Ablations isolate the contribution of each component of Sparse Mixture Routing.",
    "The method adds little computational cost and is simple to implement.",
]


def make_paper(
    title: str = "Sparse Mixture Routing for Small Transformers", repeat: int = 3
) -> str:
    para = " ".join(SENTENCES)
    parts = [f"# {title}", "", "## Abstract", "", para, ""]
    for name in ("1 Introduction", "2 Related Work", "3 Method", "4 Experiments", "5 Conclusion"):
        parts += [f"## {name}", ""] + [para, ""] * repeat
    parts += ["## References", "", "[1] A. Author. Some paper. 2020.", ""]
    return "\n".join(parts)
