"""Shape review bodies and screening reports for display, whatever keys they carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUMMARY_KEYS = ("summary", "meta_review", "metareview", "overview", "assessment", "text")
LIST_KEYS = (
    "strengths",
    "weaknesses",
    "major_concerns",
    "minor_concerns",
    "concerns",
    "questions",
    "suggestions",
    "required_changes",
    "missing_references",
    "limitations",
    "ethics_concerns",
    "minor_issues",
    "questions_for_authors",
    "improvement_recommendations",
    "resolved_conflicts",
    "points_of_agreement",
    "points_of_disagreement",
)
SCALAR_KEYS = (
    "rating",
    "score",
    "confidence",
    "recommendation",
    "decision",
    "soundness",
    "novelty",
)
CRITERION_TEXT_KEYS = (
    "justification",
    "comment",
    "comments",
    "rationale",
    "explanation",
    "evidence",
)


@dataclass
class Criterion:
    name: str
    score: Any = None
    max_score: Any = None
    text: str | None = None
    lists: list[tuple[str, list[Any]]] = field(default_factory=list)
    other: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Nested:
    """A reviewer's review carried inside another (a domain review inside a meta review)."""

    label: str
    detail: str = ""
    shape: ReviewShape | None = None
    error: str | None = None


@dataclass
class ReviewShape:
    summary: str | None = None
    justification: str | None = None
    scalars: list[tuple[str, Any]] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    lists: list[tuple[str, list[Any]]] = field(default_factory=list)
    other: list[tuple[str, Any]] = field(default_factory=list)
    nested: list[Nested] = field(default_factory=list)
    literature: list[Any] = field(default_factory=list)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str) and value.strip():
        return [value]
    return []


def _criterion(name: str, value: Any) -> Criterion:
    if not isinstance(value, dict):
        return Criterion(name=name, score=value)
    c = Criterion(name=str(value.get("name") or value.get("criterion") or name))
    rest = dict(value)
    for key in ("name", "criterion", "id", "key"):
        rest.pop(key, None)
    for key in ("score", "rating", "value"):
        if key in rest and c.score is None:
            c.score = rest.pop(key)
    for key in ("max", "max_score", "scale_max", "out_of"):
        if key in rest and c.max_score is None:
            c.max_score = rest.pop(key)
    for key in CRITERION_TEXT_KEYS:
        if isinstance(rest.get(key), str) and c.text is None:
            c.text = rest.pop(key)
    for key in list(rest):
        if isinstance(rest[key], list):
            c.lists.append((key, _as_list(rest.pop(key))))
    c.other = [(k, v) for k, v in rest.items() if v not in (None, "", [], {})]
    return c


def _criteria(value: Any) -> list[Criterion]:
    if isinstance(value, dict):
        return [_criterion(str(k), v) for k, v in value.items()]
    if isinstance(value, list):
        return [_criterion(f"Criterion {i + 1}", v) for i, v in enumerate(value)]
    return []


def review_shape(
    body: dict[str, Any] | None, shown: set[str] | frozenset[str] = frozenset()
) -> ReviewShape:
    """Pull out the parts every review tends to have; keep the rest as key/value pairs.

    ``shown`` names keys the page already shows elsewhere (e.g. the rating in the heading).
    """
    shape = ReviewShape()
    rest = {k: v for k, v in (body or {}).items() if k not in shown}
    if isinstance(rest.get("subfields"), list):
        shape.scalars.append(("subfields", ", ".join(str(x) for x in rest.pop("subfields"))))
    rest.pop("kind", None)  # the rubric's kind (paper | proposal): the page already says it
    provenance = rest.pop("provenance", None)
    if isinstance(provenance, dict) and isinstance(provenance.get("literature"), list):
        shape.literature = provenance["literature"]
    if isinstance(rest.get("justification"), str):
        shape.justification = rest.pop("justification")
    if isinstance(rest.get("reviewers"), list):
        shape.nested = [_nested(x) for x in rest.pop("reviewers")]
    for key in SUMMARY_KEYS:
        if isinstance(rest.get(key), str) and shape.summary is None:
            shape.summary = rest.pop(key)
    for key in SCALAR_KEYS:
        if key in rest and not isinstance(rest[key], dict | list):
            shape.scalars.append((key, rest.pop(key)))
    for key in ("criteria", "scores", "rubric", "criterion_scores"):
        if key in rest and isinstance(rest[key], dict | list) and not shape.criteria:
            shape.criteria = _criteria(rest.pop(key))
    for key in LIST_KEYS:
        if key in rest:
            items = _as_list(rest.pop(key))
            if items:
                shape.lists.append((key, items))
    shape.other = [(k, v) for k, v in rest.items() if v not in (None, "", [], {})]
    return shape


def _nested(item: Any) -> Nested:
    if not isinstance(item, dict):
        return Nested(label=str(item))
    who = item.get("reviewer") if isinstance(item.get("reviewer"), dict) else {}
    label = str(who.get("name") or item.get("name") or "Reviewer")
    detail = ", ".join(str(who[k]) for k in ("subfield", "expertise") if who.get(k))
    review = item.get("review")
    if review is None and "summary" in item:
        review = item
    return Nested(
        label=label,
        detail=detail,
        shape=review_shape(review) if isinstance(review, dict) else None,
        error=item.get("error"),
    )


def guard_shape(report: dict[str, Any] | None) -> dict[str, Any]:
    """The headline numbers of a screening report and its findings, for the submitter."""
    if not report:
        return {
            "risk": None,
            "flagged": None,
            "threshold": None,
            "categories": [],
            "findings": [],
            "tabular": False,
            "other": [],
        }
    rest = dict(report)
    risk = None
    for key in ("risk", "risk_score", "score"):
        if isinstance(rest.get(key), int | float):
            risk = rest.pop(key)
            break
    flagged = rest.pop("flagged", None)
    threshold = rest.pop("threshold", None)
    categories = rest.pop("categories", None) or []
    findings: list[Any] = []
    for key in ("findings", "detections", "spans", "issues", "items"):
        if isinstance(rest.get(key), list):
            findings = rest.pop(key)
            break
    return {
        "risk": risk,
        "flagged": flagged,
        "threshold": threshold,
        "categories": categories if isinstance(categories, list) else [categories],
        "findings": findings,
        "tabular": bool(findings) and all(isinstance(f, dict) and "snippet" in f for f in findings),
        "other": [(k, v) for k, v in rest.items() if v not in (None, "", [], {})],
    }
