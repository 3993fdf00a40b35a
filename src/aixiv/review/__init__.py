"""Review: standards (rubrics), prompt templates, and the reviewers built on them.

Reviewers get a model client and, optionally, a retriever injected; they never touch HTTP or
the database themselves. Every result carries its provenance (models, prompt and rubric
versions, tokens, cost, latency, cache hits, literature used, whether retrieval was offline).
"""

from ._budget import (
    CUT_MARK,
    Budgets,
    Manuscript,
    estimate_tokens,
    fit_text,
    split_sections,
    truncate_sentences,
)
from ._common import ClientLike, RetrieverLike, ReviewError, related_work
from ._pairwise import pairwise
from ._prompts import Prompt, render, template_version
from ._reviewers import meta_review, plan_reviewers, single_review
from ._schemas import (
    CallRecord,
    Conflict,
    CriterionReview,
    CriterionScore,
    DomainReview,
    MetaReview,
    PairwiseComparison,
    PairwiseJudgement,
    Provenance,
    ReviewerSpec,
    SingleReview,
    VoteResult,
)
from ._standards import KINDS, Criterion, Standard, available_standards, load_standard
from ._vote import vote

__all__ = [
    "CUT_MARK",
    "KINDS",
    "Budgets",
    "CallRecord",
    "ClientLike",
    "Conflict",
    "Criterion",
    "CriterionReview",
    "CriterionScore",
    "DomainReview",
    "Manuscript",
    "MetaReview",
    "PairwiseComparison",
    "PairwiseJudgement",
    "Prompt",
    "Provenance",
    "RetrieverLike",
    "ReviewError",
    "ReviewerSpec",
    "SingleReview",
    "Standard",
    "VoteResult",
    "available_standards",
    "estimate_tokens",
    "fit_text",
    "load_standard",
    "meta_review",
    "pairwise",
    "plan_reviewers",
    "related_work",
    "render",
    "single_review",
    "split_sections",
    "template_version",
    "truncate_sentences",
    "vote",
]
