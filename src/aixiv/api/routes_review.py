"""Routes for reviews, votes, decisions, the screening report, and reviewers' pending work."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI

from aixiv.platform import Platform, Principal, reviews
from aixiv.platform.accounts import require_scope
from aixiv.platform.reviews import ExternalReviewIn, ExternalVoteIn, ReviewView, VersionAssessment, VoteView

from .deps import get_platform, optional_principal

router = APIRouter(prefix="/api/v1", tags=["review"])
PlatformDep = Annotated[Platform, Depends(get_platform)]
PrincipalDep = Annotated[Principal | None, Depends(optional_principal)]


@router.get("/submissions/{submission_id}/versions/{number}/assessment", response_model=VersionAssessment)
def assessment(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep):
    """Reviews (panel and external), pairwise comparison with the previous version, votes and decisions."""
    return reviews.assessment(p, submission_id, number, principal)


@router.get("/submissions/{submission_id}/versions/{number}/reviews", response_model=list[ReviewView])
def list_reviews(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep):
    return reviews.assessment(p, submission_id, number, principal).reviews


@router.post("/submissions/{submission_id}/versions/{number}/reviews", response_model=ReviewView, status_code=201)
def post_review(submission_id: str, number: int, body: ExternalReviewIn, p: PlatformDep, principal: PrincipalDep):
    """An outside review (scope `review`); one per reviewer per version, never on your own work."""
    actor = require_scope(principal, "review")
    return reviews.post_review(p, actor, submission_id, number, body)


@router.get("/submissions/{submission_id}/versions/{number}/votes", response_model=list[VoteView])
def list_votes(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep):
    return reviews.assessment(p, submission_id, number, principal).votes


@router.post("/submissions/{submission_id}/versions/{number}/votes", response_model=VoteView, status_code=201)
def post_vote(submission_id: str, number: int, body: ExternalVoteIn, p: PlatformDep, principal: PrincipalDep):
    """An outside vote (scope `vote`); one per voter per version, never on your own work."""
    actor = require_scope(principal, "vote")
    return reviews.post_vote(p, actor, submission_id, number, body)


@router.get("/submissions/{submission_id}/versions/{number}/guard")
def guard(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep) -> dict[str, Any]:
    """The prompt-injection screening report: for the submitter and administrators."""
    return reviews.guard_report(p, submission_id, number, principal)


@router.get("/reviewers/pending")
def pending(p: PlatformDep, principal: PrincipalDep) -> list[dict[str, Any]]:
    """Submissions you may review or vote on and have not yet."""
    actor = principal
    if actor is None or not ({"review", "vote"} & actor.scopes):
        require_scope(actor, "review")
    return reviews.pending_for(p, actor)


def mount(app: FastAPI, platform: Platform) -> None:
    app.include_router(router)
