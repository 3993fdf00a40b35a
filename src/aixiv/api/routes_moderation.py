"""Routes for moderators (scope `admin`, administrator accounts): the queue of reported comments
and held submissions, hiding and restoring comments, dismissing reports, releasing a held
submission to review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel, Field

from aixiv.platform import Platform, Principal, moderation
from aixiv.platform.moderation import ModerationQueue, ReleasedSubmission, ReportItem
from aixiv.platform.social import CommentView

from .deps import get_platform, optional_principal

router = APIRouter(prefix="/api/v1/moderation", tags=["moderation"])
PlatformDep = Annotated[Platform, Depends(get_platform)]
PrincipalDep = Annotated[Principal | None, Depends(optional_principal)]


@router.get("", response_model=ModerationQueue)
def queue(p: PlatformDep, principal: PrincipalDep):
    """Comments with open reports, hidden comments, and submissions held by screening."""
    return moderation.queue(p, principal)


@router.post("/comments/{comment_id}/hide", response_model=CommentView)
def hide_comment(comment_id: str, p: PlatformDep, principal: PrincipalDep):
    """Hide a comment from everyone but its author and administrators; upholds its open reports."""
    return moderation.hide_comment(p, principal, comment_id)


@router.post("/comments/{comment_id}/restore", response_model=CommentView)
def restore_comment(comment_id: str, p: PlatformDep, principal: PrincipalDep):
    """Show a hidden comment again; dismisses its open reports."""
    return moderation.restore_comment(p, principal, comment_id)


@router.post("/reports/{report_id}/dismiss", response_model=ReportItem)
def dismiss_report(report_id: int, p: PlatformDep, principal: PrincipalDep):
    """Close a report without acting on its comment."""
    return moderation.dismiss_report(p, principal, report_id)


class ReleaseBody(BaseModel):
    reason: str = Field(min_length=3, max_length=500, description="why the screening was wrong")


@router.post("/submissions/{submission_id}/release", response_model=ReleasedSubmission)
def release_held(submission_id: str, body: ReleaseBody, p: PlatformDep, principal: PrincipalDep):
    """Send a held submission on to review (the screening was a false alarm); the reason is kept."""
    return moderation.release_held(p, principal, submission_id, body.reason)


def mount(app: FastAPI, platform: Platform) -> None:
    app.include_router(router)
