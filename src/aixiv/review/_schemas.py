"""Output schemas: what models must answer (every list and string bounded) and our results.

The models' schemas name each criterion of a standard as its own field, built from the
standard, so a model cannot skip or invent a criterion. Results are plain, static shapes.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from aixiv.literature._types import SourceRef

from ._standards import Standard

# Bounds for model output: generous enough for a real review, tight enough to stop runaways.
ITEM = 600  # one bullet
NAME = 200
TEXT = 3000  # a paragraph: summary, justification
ITEMS = 10

Item = Annotated[str, Field(max_length=ITEM)]


def _items(description: str, n: int = ITEMS, min_n: int = 0) -> Any:
    if min_n > 0:  # required: a default would stand in for a missing answer unvalidated
        return Field(min_length=min_n, max_length=n, description=description)
    return Field(default_factory=list, max_length=n, description=description)


def _per_standard(build: Any) -> Any:
    """Build a schema once per standard id (standards are not hashable)."""
    cache: dict[str, Any] = {}

    @functools.wraps(build)
    def get(standard: Standard) -> Any:
        if standard.id not in cache:
            cache[standard.id] = build(standard)
        return cache[standard.id]

    return get


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


# -- model outputs: single and domain reviews ---------------------------------------------


class CriterionFeedbackOut(_Out):
    strengths: list[Item] = _items("specific strengths", 8)
    weaknesses: list[Item] = _items("specific weaknesses", 8)
    suggestions: list[Item] = _items("concrete, actionable suggestions", 8)
    score: int = Field(ge=0, le=4, description="0-4, see the scale")


class _ReviewBase(_Out):
    summary: str = Field(max_length=TEXT, description="brief summary and overall assessment")
    major_concerns: list[Item] = _items("major concerns")
    minor_issues: list[Item] = _items("minor issues")
    questions_for_authors: list[Item] = _items("questions for the authors")
    improvement_recommendations: list[Item] = _items("recommendations for the revision")
    rating: int = Field(ge=1, le=10, description="overall rating 1-10")
    confidence: int = Field(ge=1, le=5, description="reviewer confidence 1-5")


# -- model outputs: meta review -----------------------------------------------------------


class ReviewerSpecOut(_Out):
    name: str = Field(max_length=NAME, description="short role title of the reviewer")
    subfield: str = Field(max_length=NAME)
    expertise: str = Field(max_length=ITEM)
    focus: str = Field(max_length=ITEM, description="which parts and claims to scrutinise")
    instructions: str = Field(max_length=TEXT, description="the complete prompt for this reviewer")


def planner_output(min_reviewers: int = 2, max_reviewers: int = 6) -> type[_Out]:
    return _planner_output(max(1, min_reviewers), max(min_reviewers, max_reviewers))


@functools.lru_cache(maxsize=16)
def _planner_output(lo: int, hi: int) -> type[_Out]:
    return create_model(
        "ReviewPlanOut",
        __base__=_Out,
        subfields=(
            list[Annotated[str, Field(max_length=NAME)]],
            _items("subfields and key topics", 8, 1),
        ),
        reviewers=(list[ReviewerSpecOut], _items("the domain reviewers", hi, lo)),
    )


class CriterionScoreOut(_Out):
    score: int = Field(ge=0, le=4)
    justification: str = Field(max_length=ITEM * 2)


class ConflictOut(_Out):
    issue: str = Field(max_length=ITEM)
    positions: str = Field(max_length=ITEM * 2, description="what the reviewers said")
    resolution: str = Field(max_length=ITEM * 2, description="your resolution and why")


@_per_standard
def review_output(standard: Standard) -> type[_Out]:
    fields: dict[str, Any] = {
        c.key: (CriterionFeedbackOut, Field(description=c.name)) for c in standard.criteria
    }
    return create_model(f"Review_{_ident(standard.id)}", __base__=_ReviewBase, **fields)


@_per_standard
def meta_output(standard: Standard) -> type[_Out]:
    criteria = create_model(
        f"MetaScores_{_ident(standard.id)}",
        __base__=_Out,
        **{c.key: (CriterionScoreOut, Field(description=c.name)) for c in standard.criteria},
    )
    return create_model(
        f"MetaReview_{_ident(standard.id)}",
        __base__=_Out,
        summary=(str, Field(max_length=TEXT)),
        strengths=(list[Item], _items("consensus strengths")),
        weaknesses=(list[Item], _items("consensus weaknesses")),
        resolved_conflicts=(list[ConflictOut], _items("disagreements between reviewers", 8)),
        criteria=(criteria, Field(description="per-criterion scores")),
        rating=(int, Field(ge=1, le=10)),
        recommendation=(Literal[tuple(standard.recommendations)], Field()),  # type: ignore[misc]
        justification=(str, Field(max_length=TEXT)),
    )


# -- model outputs: pairwise and vote -----------------------------------------------------


@_per_standard
def pairwise_output(standard: Standard) -> type[_Out]:
    per = create_model(
        f"PairwiseCriteria_{_ident(standard.id)}",
        __base__=_Out,
        **{c.key: (Literal["1", "2", "tie"], Field(description=c.name)) for c in standard.criteria},
    )
    return create_model(
        f"Pairwise_{_ident(standard.id)}",
        __base__=_Out,
        better=(Literal[1, 2], Field(description="1 or 2: the better submission")),
        criteria=(per, Field(description="which is better on each criterion")),
        confidence=(float, Field(ge=0.0, le=1.0)),
        reasons=(list[Item], _items("the main reasons", 6, 1)),
    )


@_per_standard
def vote_output(standard: Standard) -> type[_Out]:
    scores = create_model(
        f"VoteScores_{_ident(standard.id)}",
        __base__=_Out,
        **{c.key: (int, Field(ge=0, le=10, description=c.name)) for c in standard.voting.criteria},
    )
    return create_model(
        f"Vote_{_ident(standard.id)}",
        __base__=_Out,
        decision=(Literal["accept", "reject"], Field()),
        confidence=(float, Field(ge=0.0, le=1.0)),
        reasons=(list[Annotated[str, Field(max_length=400)]], _items("short reasons", 8, 1)),
        scores=(scores, Field()),
    )


def _ident(s: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in s)


# -- results ------------------------------------------------------------------------------


class CallRecord(BaseModel):
    """Accounting of one model call inside a review."""

    role: str  # "reviewer", "planner", "domain-1", "meta", "pairwise-AB", "voter"
    model: str
    model_id: str = ""
    family: str = ""
    prompt_version: str
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    cache_hit: bool = False
    simulated: bool = False


class Provenance(BaseModel):
    """Where a result came from: models, prompt and rubric versions, cost, literature used."""

    model: str  # the model that wrote the final answer
    model_id: str = ""
    family: str = ""
    prompt_version: str
    rubric_version: str
    calls: list[CallRecord] = Field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0  # sum over calls
    wall_s: float = 0.0
    cache_hit: bool = False  # every call answered from the cache
    simulated: bool = False  # any call went to a simulated model
    literature: list[SourceRef] = Field(default_factory=list)
    retrieval_offline: bool | None = None  # None: no retrieval was asked for
    retrieval_queries: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)


class CriterionReview(BaseModel):
    key: str
    name: str
    score: int
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)


class SingleReview(BaseModel):
    kind: str
    criteria: list[CriterionReview]
    summary: str
    major_concerns: list[str] = Field(default_factory=list)
    minor_issues: list[str] = Field(default_factory=list)
    questions_for_authors: list[str] = Field(default_factory=list)
    improvement_recommendations: list[str] = Field(default_factory=list)
    rating: int
    confidence: int
    provenance: Provenance

    def scores(self) -> dict[str, int]:
        return {c.key: c.score for c in self.criteria}


class ReviewerSpec(BaseModel):
    name: str
    subfield: str = ""
    expertise: str = ""
    focus: str = ""
    instructions: str = ""


class DomainReview(BaseModel):
    reviewer: ReviewerSpec
    review: SingleReview | None = None
    error: str | None = None


class Conflict(BaseModel):
    issue: str
    positions: str = ""
    resolution: str = ""


class CriterionScore(BaseModel):
    key: str
    name: str
    score: int
    justification: str = ""


class MetaReview(BaseModel):
    kind: str
    subfields: list[str]
    reviewers: list[DomainReview]
    summary: str
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    resolved_conflicts: list[Conflict] = Field(default_factory=list)
    criteria: list[CriterionScore]
    rating: int
    recommendation: str
    justification: str
    provenance: Provenance

    def scores(self) -> dict[str, int]:
        return {c.key: c.score for c in self.criteria}


class PairwiseJudgement(BaseModel):
    """One order of a pairwise comparison, mapped back to the caller's A and B."""

    order: Literal["AB", "BA"]
    preferred: Literal["A", "B"]
    criteria: dict[str, Literal["A", "B", "tie"]] = Field(default_factory=dict)
    confidence: float = 0.5
    reasons: list[str] = Field(default_factory=list)
    call: CallRecord


class PairwiseComparison(BaseModel):
    kind: str
    preferred: Literal["A", "B", "tie"]  # "tie" when the two orders disagree
    orders_agree: bool
    score: float  # in [-1, 1]; > 0 favours A (confidence-weighted over both orders)
    forward: PairwiseJudgement  # A shown first
    reverse: PairwiseJudgement  # B shown first
    reasons: list[str] = Field(default_factory=list)
    provenance: Provenance


class VoteResult(BaseModel):
    kind: str
    decision: Literal["ACCEPT", "REJECT"]
    confidence: float
    reasons: list[str] = Field(default_factory=list)
    scores: dict[str, int] = Field(default_factory=dict)
    used_literature: bool = False
    provenance: Provenance
