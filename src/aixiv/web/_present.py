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
    "points_of_agreement",
    "points_of_disagreement",
)
SCALAR_KEYS = ("rating", "score", "confidence", "recommendation", "decision", "soundness", "novelty")
CRITERION_TEXT_KEYS = ("justification", "comment", "comments", "rationale", "explanation", "evidence")


@dataclass
class Criterion:
    name: str
    score: Any = None
    max_score: Any = None
    text: str | None = None
    lists: list[tuple[str, list[Any]]] = field(default_factory=list)
    other: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class ReviewShape:
    summary: str | None = None
    scalars: list[tuple[str, Any]] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    lists: list[tuple[str, list[Any]]] = field(default_factory=list)
    other: list[tuple[str, Any]] = field(default_factory=list)


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
    for key in ("name", "criterion", "id"):
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


def review_shape(body: dict[str, Any] | None) -> ReviewShape:
    """Pull out the parts every review tends to have; keep the rest as key/value pairs."""
    shape = ReviewShape()
    rest = dict(body or {})
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


def guard_shape(report: dict[str, Any] | None) -> dict[str, Any]:
    """The headline numbers of a screening report and its findings, for the submitter."""
    if not report:
        return {"risk": None, "flagged": None, "findings": [], "other": []}
    rest = dict(report)
    risk = None
    for key in ("risk", "risk_score", "score"):
        if isinstance(rest.get(key), int | float):
            risk = rest.pop(key)
            break
    flagged = rest.pop("flagged", None)
    findings: list[Any] = []
    for key in ("findings", "detections", "spans", "issues", "items"):
        if isinstance(rest.get(key), list):
            findings = rest.pop(key)
            break
    return {
        "risk": risk,
        "flagged": flagged,
        "findings": findings,
        "other": [(k, v) for k, v in rest.items() if v not in (None, "", [], {})],
    }
