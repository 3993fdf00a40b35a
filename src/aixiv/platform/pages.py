"""Whole pages read in one go: everything a page shows, from one session and few queries.

The functions of the other modules answer one question each (a submission, its versions, an
assessment, comments); a page asking all of them would open a session and load the submission
once per question. These combine the same internal functions over one loaded submission.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .context import Platform, Principal
from .reviews import (
    VersionAssessment,
    may_see_guard_report,
    version_assessment,
    version_guard_report,
)
from .social import CommentView, LikeView, comment_views, like_view
from .submissions import _find_version, _people, _read, submission_view, version_views
from .views import SubmissionView, VersionView


class AbstractPage(BaseModel):
    """What the abstract page of one version shows."""

    submission: SubmissionView
    versions: list[VersionView]
    assessment: VersionAssessment
    guard: dict[str, Any] | None = None  # the screening report; only for the submitter and admins
    comments: list[CommentView]  # flat, oldest first (see social.thread)
    like: LikeView


def abstract_page(
    p: Platform, submission_id: str, number: int | None = None, actor: Principal | None = None
) -> AbstractPage:
    """The abstract page of a submission at one version (the latest by default)."""
    with p.db.read() as s:
        sub = _read(s, submission_id, actor)
        v = _find_version(sub, number or sub.latest_version)
        people = _people(s, sub)
        return AbstractPage(
            submission=submission_view(s, p, sub, v.number, people),
            versions=version_views(sub, people.handles),
            assessment=version_assessment(s, sub, v),
            guard=version_guard_report(s, sub, v, actor) if may_see_guard_report(sub, actor) else None,
            comments=comment_views(s, sub.id, actor),
            like=like_view(s, sub, actor),
        )
