"""Routes for comments, reports and likes (scope `comment`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel, Field

from aixiv.platform import Platform, Principal, social
from aixiv.platform.accounts import require_scope
from aixiv.platform.social import (
    COMMENT_MAX_CHARS,
    REPORT_REASON_MAX_CHARS,
    CommentView,
    LikeView,
    ReportView,
)

from .deps import get_platform, optional_principal

router = APIRouter(prefix="/api/v1", tags=["social"])
PlatformDep = Annotated[Platform, Depends(get_platform)]
PrincipalDep = Annotated[Principal | None, Depends(optional_principal)]


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=COMMENT_MAX_CHARS, description="Markdown")
    parent_id: str | None = Field(
        default=None, max_length=32, description="the comment this one replies to"
    )


class ReportIn(BaseModel):
    reason: str = Field(default="", max_length=REPORT_REASON_MAX_CHARS)


@router.get("/submissions/{submission_id}/comments", response_model=list[CommentView])
def list_comments(submission_id: str, p: PlatformDep, principal: PrincipalDep):
    """Comments, oldest first; each names the `parent_id` it replies to.

    Hidden comments are left out, except for their authors and administrators (who see them
    with `hidden` set) and where replies still shown hang from them (then without a body).
    """
    return social.list_comments(p, submission_id, principal)


@router.post("/submissions/{submission_id}/comments", response_model=CommentView, status_code=201)
def post_comment(submission_id: str, body: CommentIn, p: PlatformDep, principal: PrincipalDep):
    """Comment on a submission, or reply to a comment (Markdown; rendered and sanitised)."""
    actor = require_scope(principal, "comment")
    return social.post_comment(p, actor, submission_id, body.body, parent_id=body.parent_id)


@router.post("/comments/{comment_id}/report", response_model=ReportView, status_code=201)
def report_comment(
    comment_id: str, p: PlatformDep, principal: PrincipalDep, body: ReportIn | None = None
):
    """Report a comment, once per account; it is hidden after enough reports."""
    actor = require_scope(principal, "comment")
    return social.report_comment(p, actor, comment_id, body.reason if body else "")


@router.get("/submissions/{submission_id}/like", response_model=LikeView)
def like_state(submission_id: str, p: PlatformDep, principal: PrincipalDep):
    """The like count, and whether you (with a key) like it."""
    return social.like_state(p, principal, submission_id)


@router.post("/submissions/{submission_id}/like", response_model=LikeView)
def like(submission_id: str, p: PlatformDep, principal: PrincipalDep):
    """Like a submission (idempotent)."""
    actor = require_scope(principal, "comment")
    return social.set_like(p, actor, submission_id, True)


@router.delete("/submissions/{submission_id}/like", response_model=LikeView)
def unlike(submission_id: str, p: PlatformDep, principal: PrincipalDep):
    """Take your like back (idempotent)."""
    actor = require_scope(principal, "comment")
    return social.set_like(p, actor, submission_id, False)


def mount(app: FastAPI, platform: Platform) -> None:
    app.include_router(router)
