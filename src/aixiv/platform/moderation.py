"""Moderation, for administrators: reported comments and submissions held by screening
(released to review when the screening was wrong).

Rules live here: only administrators moderate; a report stays on the record when it is dealt
with (resolved: who, when, and whether it was ``dismissed`` or ``upheld``), so a reader still
reports a comment once and the queue shows open reports only. Hiding a comment upholds its open
reports; restoring one dismisses them, so only new reports count toward hiding it again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, defer

from aixiv.records import (
    Account,
    Comment,
    CommentReport,
    StatusTransition,
    Submission,
    Version,
    utcnow,
)
from aixiv.workflow import states

from .accounts import require_scope
from .audit import audit
from .context import Platform, Principal
from .errors import BadInput, Conflict, Forbidden, NotFound
from .social import CommentView, _bump, _comment_view

QUEUE_LIMIT = 100


class ReportItem(BaseModel):
    id: int
    comment_id: str
    reporter: str = Field(description="handle of the reporter")
    reporter_name: str
    reason: str
    created_at: dt.datetime
    resolution: str | None = Field(default=None, description="dismissed | upheld; null while open")
    resolved_by: str | None = Field(default=None, description="handle of the administrator")
    resolved_at: dt.datetime | None = None


class ModeratedComment(BaseModel):
    """A comment as its moderators see it: text included, the submission it is on, open reports."""

    comment: CommentView
    submission_id: str
    submission_title: str
    hidden_at: dt.datetime | None = None
    hidden_by: str | None = Field(default=None, description="handle; null when hidden after reports")
    reports: list[ReportItem] = Field(default_factory=list, description="open reports, oldest first")


class HeldSubmission(BaseModel):
    """A submission the prompt-injection screening held, with the headline of its report."""

    id: str
    kind: str
    title: str
    submitter: str
    version: int
    risk: float | None = None
    threshold: float | None = None
    categories: list[str] = Field(default_factory=list)
    held_at: dt.datetime | None = None
    reason: str = ""


class ModerationQueue(BaseModel):
    reported: list[ModeratedComment] = Field(description="comments with open reports, newest report first")
    hidden: list[ModeratedComment] = Field(description="hidden comments without open reports, newest first")
    held: list[HeldSubmission] = Field(description="held submissions, most recently held first")


def require_admin(actor: Principal | None) -> Principal:
    """The actor, when it is an administrator acting with the admin scope; else 401/403."""
    if actor is not None and not actor.account.is_admin:
        raise Forbidden("Moderation is for administrators only.")
    return require_scope(actor, "admin")  # an administrator's key needs the scope too


# --- reading the queue ------------------------------------------------------------------------

_author, _reporter, _hider = (aliased(Account) for _ in range(3))


def _comments(s: Session, actor: Principal, where, limit: int, *order) -> list[ModeratedComment]:
    stmt = (
        select(Comment, _author, Submission.title, _hider.handle)
        .join(_author, _author.id == Comment.author_id)
        .join(Submission, Submission.id == Comment.submission_id)
        .outerjoin(_hider, _hider.id == Comment.hidden_by)
        .where(where)
        .order_by(*order)
    )
    return [
        ModeratedComment(
            comment=_comment_view(c, a.handle, a.display_name, a.kind, a.model_name, actor),
            submission_id=c.submission_id,
            submission_title=title,
            hidden_at=c.hidden_at,
            hidden_by=hider,
        )
        for c, a, title, hider in s.execute(stmt.limit(limit)).all()
    ]


def _report_item(r: CommentReport, reporter: Account, resolver: str | None) -> ReportItem:
    return ReportItem(
        id=r.id,
        comment_id=r.comment_id,
        reporter=reporter.handle,
        reporter_name=reporter.display_name,
        reason=r.reason,
        created_at=r.created_at,
        resolution=r.resolution,
        resolved_by=resolver,
        resolved_at=r.resolved_at,
    )


def _open_reports(s: Session, comment_ids: list[str]) -> dict[str, list[ReportItem]]:
    out: dict[str, list[ReportItem]] = {cid: [] for cid in comment_ids}
    if not comment_ids:
        return out
    rows = s.execute(
        select(CommentReport, _reporter)
        .join(_reporter, _reporter.id == CommentReport.reporter_id)
        .where(CommentReport.comment_id.in_(comment_ids), CommentReport.resolved_at.is_(None))
        .order_by(CommentReport.created_at, CommentReport.id)
    ).all()
    for r, reporter in rows:
        out[r.comment_id].append(_report_item(r, reporter, None))
    return out


def _held(s: Session, limit: int) -> list[HeldSubmission]:
    rows = s.execute(
        select(Submission, Version, Account.handle)
        .join(
            Version,
            (Version.submission_id == Submission.id) & (Version.number == Submission.latest_version),
        )
        .join(Account, Account.id == Submission.submitter_id)
        .where(Submission.status == states.HELD)
        .order_by(Submission.updated_at.desc(), Submission.id.desc())
        .options(defer(Version.text))
        .limit(limit)
    ).all()
    holds: dict[str, StatusTransition] = {}
    if rows:
        for t in s.scalars(
            select(StatusTransition)
            .where(
                StatusTransition.submission_id.in_([sub.id for sub, _, _ in rows]),
                StatusTransition.to_status == states.HELD,
            )
            .order_by(StatusTransition.id)
        ):
            holds[t.submission_id] = t  # the latest hold of each
    out = []
    for sub, v, handle in rows:
        report: dict[str, Any] = v.guard_report or {}
        cats = report.get("categories") or []
        threshold = report.get("threshold")
        hold = holds.get(sub.id)
        out.append(
            HeldSubmission(
                id=sub.id,
                kind=sub.kind,
                title=v.title,
                submitter=handle,
                version=v.number,
                risk=v.guard_risk,
                threshold=threshold if isinstance(threshold, int | float) else None,
                categories=[str(c) for c in (cats if isinstance(cats, list) else [cats])],
                held_at=hold.created_at if hold else None,
                reason=hold.reason if hold else "",
            )
        )
    return out


def queue(p: Platform, actor: Principal | None, *, limit: int = QUEUE_LIMIT) -> ModerationQueue:
    """What waits for a moderator: reported comments, hidden comments, held submissions."""
    actor = require_admin(actor)
    with p.db.read() as s:
        newest_open = (
            select(CommentReport.comment_id, CommentReport.created_at)
            .where(CommentReport.resolved_at.is_(None))
            .order_by(CommentReport.created_at.desc())
        )
        order: list[str] = []
        for cid, _ in s.execute(newest_open):
            if cid not in order:
                order.append(cid)
            if len(order) >= limit:
                break
        found = {m.comment.id: m for m in _comments(s, actor, Comment.id.in_(order), limit)}
        reports = _open_reports(s, order)
        reported = []
        for cid in order:
            if cid in found:
                found[cid].reports = reports[cid]
                reported.append(found[cid])
        has_open = select(CommentReport.id).where(
            CommentReport.comment_id == Comment.id, CommentReport.resolved_at.is_(None)
        )
        hidden = _comments(
            s,
            actor,
            Comment.hidden.is_(True) & ~has_open.exists(),
            limit,
            Comment.hidden_at.is_(None),  # those hidden before moderation recorded when: last
            Comment.hidden_at.desc(),
            Comment.created_at.desc(),
        )
        return ModerationQueue(reported=reported, hidden=hidden, held=_held(s, limit))


# --- acting -------------------------------------------------------------------------------------


def _resolve_open(s: Session, comment_id: str, actor: Principal, resolution: str) -> int:
    now, n = utcnow(), 0
    for r in s.scalars(
        select(CommentReport).where(
            CommentReport.comment_id == comment_id, CommentReport.resolved_at.is_(None)
        )
    ):
        r.resolved_at, r.resolved_by, r.resolution = now, actor.id, resolution
        n += 1
    return n


def _moderated(s: Session, c: Comment, actor: Principal) -> CommentView:
    s.flush()
    a = s.get(Account, c.author_id)
    return _comment_view(c, a.handle, a.display_name, a.kind, a.model_name, actor)


def _comment_for_update(s: Session, comment_id: str) -> Comment:
    c = s.get(Comment, comment_id, with_for_update=True)
    if c is None:
        raise NotFound(f"No comment '{comment_id}'.")
    return c


def hide_comment(p: Platform, actor: Principal | None, comment_id: str) -> CommentView:
    """Hide a comment from everyone but its author and administrators; upholds its open reports.

    A comment hidden automatically after reports may be hidden again: the decision becomes the
    moderator's (and its reports leave the queue).
    """
    actor = require_admin(actor)
    with p.db.transaction() as s:
        c = _comment_for_update(s, comment_id)
        upheld = _resolve_open(s, c.id, actor, "upheld")
        if c.hidden and c.hidden_by and not upheld:
            raise Conflict("This comment is already hidden by a moderator.")
        if not c.hidden:
            _bump(s, c.submission_id, comment_count=-1)
            c.hidden_at = utcnow()
        c.hidden, c.hidden_by = True, actor.id
        audit(s, actor.id, "comment.hide", "comment", c.id, reports_upheld=upheld)
        return _moderated(s, c, actor)


def restore_comment(p: Platform, actor: Principal | None, comment_id: str) -> CommentView:
    """Show a hidden comment to everyone again; dismisses its open reports."""
    actor = require_admin(actor)
    with p.db.transaction() as s:
        c = _comment_for_update(s, comment_id)
        if not c.hidden:
            raise Conflict("This comment is not hidden.")
        dismissed = _resolve_open(s, c.id, actor, "dismissed")
        c.hidden, c.hidden_at, c.hidden_by = False, None, None
        _bump(s, c.submission_id, comment_count=1)
        audit(s, actor.id, "comment.restore", "comment", c.id, reports_dismissed=dismissed)
        return _moderated(s, c, actor)


def dismiss_report(p: Platform, actor: Principal | None, report_id: int) -> ReportItem:
    """Close one report without acting on the comment (which stays as it is, hidden or not)."""
    actor = require_admin(actor)
    with p.db.transaction() as s:
        r = s.get(CommentReport, report_id, with_for_update=True)
        if r is None:
            raise NotFound(f"No report {report_id}.")
        if r.resolved_at is not None:
            raise Conflict(f"This report was already {r.resolution}.")
        r.resolved_at, r.resolved_by, r.resolution = utcnow(), actor.id, "dismissed"
        audit(s, actor.id, "comment.report.dismiss", "comment", r.comment_id, report=r.id)
        s.flush()
        return _report_item(r, s.get(Account, r.reporter_id), actor.account.handle)


class ReleasedSubmission(BaseModel):
    id: str
    version: int
    status: str
    released_by: str = Field(description="handle of the administrator")
    reason: str


def release_held(p: Platform, actor: Principal | None, submission_id: str, reason: str) -> ReleasedSubmission:
    """Send a held version on to review after an administrator has read its screening report
    and judged it a false alarm. The report stays on the version; the release, with who and
    why, goes into the submission's history and the audit log."""
    from aixiv.workflow.pipeline import REVIEW_JOB

    actor = require_admin(actor)
    reason = " ".join((reason or "").split())
    if len(reason) < 3:
        raise BadInput("Say why the screening was wrong (at least a few words): the reason is kept in the history.")
    reason = reason[:500]
    with p.db.transaction() as s:
        sub = s.get(Submission, submission_id, with_for_update=True)
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        if sub.status != states.HELD:
            raise Conflict(f"Only a held submission can be released; this one is {sub.status.replace('_', ' ')}.")
        v = s.scalar(select(Version).where(Version.submission_id == sub.id, Version.number == sub.latest_version))
        if v is None or v.stage != "held":
            raise Conflict("The held version is not waiting for a decision.")
        v.stage = "screened"
        states.transition(
            s, sub, states.UNDER_REVIEW, actor_id=actor.id,
            reason=f"released by an administrator after screening held it: {reason}",
        )
        p.queue.enqueue(REVIEW_JOB, {"version_id": v.id}, key=f"review:{v.id}", session=s)
        audit(s, actor.id, "guard.release", "submission", sub.id, version=v.number, risk=v.guard_risk, reason=reason)
        return ReleasedSubmission(
            id=sub.id, version=v.number, status=sub.status, released_by=actor.account.handle, reason=reason
        )
