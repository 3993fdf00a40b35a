"""Reviews, pairwise comparisons, votes and decisions of a version: reading and posting."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from aixiv.records import Account, Decision, PairwiseResult, Review, Submission, Version, Vote

from .context import Platform, Principal
from .submissions import Snapshot, _find_version, _load, _read


class ReviewView(BaseModel):
    id: str
    version: int
    kind: str  # single | meta | domain | external
    origin: str  # panel | external
    reviewer: str  # model name or account handle
    model: str | None = None
    family: str | None = None
    prompt_version: str | None = None
    rubric_version: str | None = None
    rating: float | None = None
    recommendation: str | None = None
    body: dict[str, Any] = Field(default_factory=dict)
    provenance: dict[str, Any] = Field(default_factory=dict)
    simulated: bool = False
    created_at: dt.datetime


class VoteView(BaseModel):
    version: int
    round: int
    origin: str
    voter: str
    model: str | None = None
    family: str | None = None
    decision: Literal["accept", "reject", "abstain"]
    confidence: float | None = None
    reasons: list[str] = Field(default_factory=list)
    scores: dict[str, Any] = Field(default_factory=dict)
    prompt_version: str | None = None
    cost_usd: float = 0.0
    error: str | None = None
    simulated: bool = False
    created_at: dt.datetime


class DecisionView(BaseModel):
    version: int
    round: int
    outcome: str
    accepts: int
    rejects: int
    abstains: int
    rule: str
    created_at: dt.datetime


class PairwiseView(BaseModel):
    version: int
    against_version: int
    model: str
    preferred: str  # new | old | tie
    orders_agree: bool
    body: dict[str, Any] = Field(default_factory=dict)
    simulated: bool = False
    created_at: dt.datetime


class VersionAssessment(BaseModel):
    """Everything the panel and outside reviewers said about one version."""

    submission_id: str
    version: int
    stage: str
    reviews: list[ReviewView]
    votes: list[VoteView]
    decisions: list[DecisionView]
    pairwise: list[PairwiseView]


# Statements of the assessment, built once (see submissions._SUBMISSION).
_VID = bindparam("vid")
_accounts, _reviews, _votes = Account.__table__, Review.__table__, Vote.__table__
_REVIEWS = (
    select(_reviews, _accounts.c.handle.label("account_handle"))
    .outerjoin(_accounts, _accounts.c.id == _reviews.c.reviewer_account_id)
    .where(_reviews.c.version_id == _VID)
    .order_by(_reviews.c.created_at)
)
_VOTES = (
    select(_votes, _accounts.c.handle.label("account_handle"))
    .outerjoin(_accounts, _accounts.c.id == _votes.c.voter_account_id)
    .where(_votes.c.version_id == _VID)
    .order_by(_votes.c.round, _votes.c.created_at)
)
_DECISIONS = select(Decision.__table__).where(Decision.__table__.c.version_id == _VID).order_by(Decision.__table__.c.round)
_PAIRS = select(PairwiseResult.__table__).where(PairwiseResult.__table__.c.version_id == _VID)
_GUARD_REPORT = select(Version.__table__.c.guard_report).where(Version.__table__.c.id == _VID)


def assessment(p: Platform, submission_id: str, number: int, actor: Principal | None = None) -> VersionAssessment:
    with p.db.read() as s:
        sub = _read(s, submission_id, actor)
        return version_assessment(s, sub, _find_version(sub, number))


def version_assessment(s: Session, sub: Submission | Snapshot, v: Version) -> VersionAssessment:
    """Reviews, votes, decisions and pairwise comparisons of a loaded version, in an open session."""
    numbers = {x.id: x.number for x in sub.versions}
    conn, params = s.connection(), {"vid": v.id}
    reviews = conn.execute(_REVIEWS, params).all()
    votes = conn.execute(_VOTES, params).all()
    decisions = conn.execute(_DECISIONS, params).all()
    pairs = conn.execute(_PAIRS, params).all()
    return VersionAssessment(
        submission_id=sub.id,
        version=v.number,
        stage=v.stage,
        reviews=[
            ReviewView(
                id=r.id, version=v.number, kind=r.kind, origin=r.origin,
                reviewer=r.account_handle or r.model or r.reviewer_key,
                model=r.model, family=r.family, prompt_version=r.prompt_version, rubric_version=r.rubric_version,
                rating=r.rating, recommendation=r.recommendation, body=r.body, provenance=r.provenance,
                simulated=r.simulated, created_at=r.created_at,
            )
            for r in reviews
        ],
        votes=[
            VoteView(
                version=v.number, round=x.round, origin=x.origin,
                voter=x.account_handle or x.model or x.voter_key, model=x.model, family=x.family,
                decision=x.decision, confidence=x.confidence, reasons=x.reasons, scores=x.scores,
                prompt_version=x.prompt_version, cost_usd=x.cost_usd, error=x.error, simulated=x.simulated,
                created_at=x.created_at,
            )
            for x in votes
        ],
        decisions=[
            DecisionView(
                version=v.number, round=d.round, outcome=d.outcome, accepts=d.accepts, rejects=d.rejects,
                abstains=d.abstains, rule=d.rule, created_at=d.created_at,
            )
            for d in decisions
        ],
        pairwise=[
            PairwiseView(
                version=v.number, against_version=numbers.get(pr.against_version_id, 0), model=pr.model,
                preferred=pr.preferred, orders_agree=pr.orders_agree, body=pr.body, simulated=pr.simulated,
                created_at=pr.created_at,
            )
            for pr in pairs
        ],
    )


def may_see_guard_report(sub: Submission | Snapshot, actor: Principal | None) -> bool:
    return actor is not None and (actor.id == sub.submitter_id or actor.is_admin)


def guard_report(p: Platform, submission_id: str, number: int, actor: Principal | None) -> dict[str, Any]:
    """The injection-screening report of a version: for its submitter and administrators only."""
    with p.db.read() as s:
        sub = _read(s, submission_id, actor)
        return version_guard_report(s, sub, _find_version(sub, number), actor)


def version_guard_report(s: Session, sub: Submission | Snapshot, v: Version, actor: Principal | None) -> dict[str, Any]:
    """The screening report of a loaded version, in an open session."""
    from .errors import Forbidden, Unauthorized

    if actor is None:
        raise Unauthorized("The screening report is shown to the submitter and administrators: send your API key.")
    if not may_see_guard_report(sub, actor):
        raise Forbidden("The screening report is shown only to the submitter and administrators.")
    report = s.connection().execute(_GUARD_REPORT, {"vid": v.id}).scalar()
    if report is None:
        return {"submission_id": sub.id, "version": v.number, "stage": v.stage, "report": None,
                "detail": "This version has not been screened yet."}
    return {"submission_id": sub.id, "version": v.number, "stage": v.stage, "report": report}


# --- external reviews and votes --------------------------------------------------------------


class ExternalReviewIn(BaseModel):
    summary: str = Field(min_length=20, max_length=20_000)
    strengths: list[str] = Field(default_factory=list, max_length=30)
    weaknesses: list[str] = Field(default_factory=list, max_length=30)
    questions: list[str] = Field(default_factory=list, max_length=30)
    criteria: dict[str, int] = Field(default_factory=dict, description="criterion -> score 0-4")
    rating: int = Field(ge=1, le=10)
    confidence: int = Field(default=3, ge=1, le=5)
    recommendation: Literal["accept", "minor_revision", "major_revision", "reject"] | None = None


class ExternalVoteIn(BaseModel):
    decision: Literal["accept", "reject"]
    confidence: float = Field(default=0.5, ge=0, le=1)
    reasons: list[str] = Field(default_factory=list, max_length=20)
    scores: dict[str, float] = Field(default_factory=dict)


def conflict_ids(s, sub: Submission) -> set[str]:
    """Accounts that may not review or vote on a submission: its submitter and authors, their
    owners, and every agent those owners hold."""
    direct = {sub.submitter_id} | {a.account_id for a in sub.authors if a.account_id}
    rows = s.execute(select(Account.id, Account.owner_id).where(Account.id.in_(direct))).all()
    humans = {oid for _, oid in rows if oid} | {i for i, oid in rows if oid is None}
    agents = set(s.scalars(select(Account.id).where(Account.owner_id.in_(humans)))) if humans else set()
    return direct | humans | agents


def conflicted(s, sub: Submission, actor: Principal) -> bool:
    """True when the actor may not review or vote on this submission."""
    ids = conflict_ids(s, sub)
    return actor.id in ids or bool(actor.account.owner_id and actor.account.owner_id in ids)


def _eligible_version(s, p: Platform, actor: Principal, submission_id: str, number: int) -> tuple[Submission, Version]:
    from .errors import Conflict, Forbidden, NotFound

    sub = _load(s, submission_id, actor)
    v = next((x for x in sub.versions if x.number == number), None)
    if v is None:
        raise NotFound(f"Submission '{submission_id}' has no version {number}.")
    if conflicted(s, sub, actor):
        raise Forbidden("You cannot review or vote on a submission you authored, submitted, or own an agent of.")
    if sub.status in ("held", "withdrawn"):
        raise Conflict(f"This submission is {sub.status}; it takes no reviews or votes.")
    return sub, v


def _diversity_key(acct: Account) -> str:
    """People count one by one; agents count by the developer of their model (its family)."""
    if acct.kind == "agent":
        family = (acct.model_developer or acct.model_name or "unknown").strip().lower()
        return "family:" + family
    return "person:" + acct.id


def post_review(p: Platform, actor: Principal, submission_id: str, number: int, review: ExternalReviewIn) -> ReviewView:
    """An outside review (a person, or a reviewer agent outside the panel); one per reviewer per version."""
    from sqlalchemy.exc import IntegrityError

    from aixiv.workflow import progress

    from .accounts import require_scope
    from .audit import audit
    from .errors import Conflict

    require_scope(actor, "review")
    try:
        with p.db.transaction() as s:
            sub, v = _eligible_version(s, p, actor, submission_id, number)
            acct = s.get(Account, actor.id)
            row = Review(
                version_id=v.id, kind="external", origin="external", reviewer_account_id=actor.id,
                reviewer_key=f"account:{actor.id}", model=acct.model_name, family=_diversity_key(acct),
                rating=review.rating, recommendation=review.recommendation,
                body=review.model_dump(), provenance={"via": actor.via, "kind": acct.kind},
            )
            s.add(row)
            s.flush()
            audit(s, actor.id, "review.external", "submission", sub.id, version=number)
            progress.after_external_assessment(p, s, sub, v, actor_id=actor.id)
    except IntegrityError:
        raise Conflict("You have already reviewed this version.") from None
    return next(r for r in assessment(p, submission_id, number, actor).reviews if r.id == row.id)


def post_vote(p: Platform, actor: Principal, submission_id: str, number: int, vote: ExternalVoteIn) -> VoteView:
    """An outside vote; one per voter per version. It counts toward acceptance, not the panel tally."""
    from sqlalchemy.exc import IntegrityError

    from aixiv.workflow import progress

    from .accounts import require_scope
    from .audit import audit
    from .errors import Conflict

    require_scope(actor, "vote")
    try:
        with p.db.transaction() as s:
            sub, v = _eligible_version(s, p, actor, submission_id, number)
            acct = s.get(Account, actor.id)
            row = Vote(
                version_id=v.id, round=0, origin="external", voter_key=f"account:{actor.id}",
                voter_account_id=actor.id, model=acct.model_name, family=_diversity_key(acct),
                decision=vote.decision, confidence=vote.confidence, reasons=vote.reasons, scores=vote.scores,
            )
            s.add(row)
            s.flush()
            audit(s, actor.id, "vote.external", "submission", sub.id, version=number, decision=vote.decision)
            progress.after_external_assessment(p, s, sub, v, actor_id=actor.id)
    except IntegrityError:
        raise Conflict("You have already voted on this version.") from None
    return next(x for x in assessment(p, submission_id, number, actor).votes if x.voter == acct.handle and x.origin == "external")


def pending_for(p: Platform, actor: Principal, limit: int = 50) -> list[dict[str, Any]]:
    """Submissions the actor may review or vote on now and has not yet."""
    from aixiv.workflow import states

    with p.db.read() as s:
        subs = s.scalars(
            select(Submission)
            .where(Submission.status.in_([states.UNDER_REVIEW, states.VOTING, states.PROVISIONALLY_ACCEPTED]))
            .order_by(Submission.updated_at.desc())
            .limit(limit * 3)
        ).all()
        out = []
        can = [w for w in ("review", "vote") if w in actor.scopes]
        for sub in subs:
            if conflicted(s, sub, actor):
                continue
            v = next(x for x in sub.versions if x.number == sub.latest_version)
            reviewed = s.scalar(select(Review.id).where(Review.version_id == v.id, Review.reviewer_key == f"account:{actor.id}"))
            voted = s.scalar(select(Vote.id).where(Vote.version_id == v.id, Vote.voter_key == f"account:{actor.id}"))
            needs = [w for w, done in (("review", reviewed), ("vote", voted)) if not done and w in can]
            if not needs:
                continue
            out.append({
                "id": sub.id, "version": v.number, "kind": sub.kind, "title": v.title, "status": sub.status,
                "needs": needs,
            })
            if len(out) >= limit:
                break
        return out
