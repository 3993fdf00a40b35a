"""Moves that follow from what reviewers post: the upgrade to accepted."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aixiv.platform.audit import audit
from aixiv.records import Review, Submission, Version, Vote

from . import states
from .rules import acceptance_rule


def external_diversity(s: Session, version_id: str) -> list[str]:
    """One diversity key per external reviewer of a version (a review and a vote by the same
    reviewer count once)."""
    keys: dict[str, str] = {}
    for key, fam in s.execute(
        select(Review.reviewer_key, Review.family).where(Review.version_id == version_id, Review.origin == "external")
    ):
        keys[key] = fam or key
    for key, fam in s.execute(
        select(Vote.voter_key, Vote.family).where(Vote.version_id == version_id, Vote.origin == "external")
    ):
        keys.setdefault(key, fam or key)
    return list(keys.values())


def after_external_assessment(p, s: Session, sub: Submission, v: Version, *, actor_id: str | None) -> bool:
    """Accept a provisionally accepted submission once its outside reviews suffice."""
    if sub.status != states.PROVISIONALLY_ACCEPTED or v.number != sub.latest_version:
        return False
    rule = acceptance_rule(p.settings)
    keys = external_diversity(s, v.id)
    if not rule.met(keys):
        return False
    states.transition(
        s, sub, states.ACCEPTED, actor_id=None,
        reason=f"{len(keys)} external reviews from {len(set(keys))} distinct reviewers or model families ({rule.describe()})",
    )
    audit(s, actor_id, "submission.accept", "submission", sub.id, version=v.number)
    from .publish import on_accepted

    on_accepted(p, s, sub, v)
    return True
