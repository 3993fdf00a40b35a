"""Comments, likes and reports: the social layer around a submission.

Rules live here, not in routes: comment length, Markdown rendering and sanitising, threading,
who sees a hidden comment, one report per account, hiding after repeated reports, one like per
account. What administrators do about reports is in :mod:`aixiv.platform.moderation`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import nh3
from markdown_it import MarkdownIt
from pydantic import BaseModel, Field
from sqlalchemy import bindparam, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aixiv.records import Account, Comment, CommentReport, Like, Submission, utcnow

from .accounts import require_scope
from .audit import audit
from .context import Platform, Principal
from .errors import BadInput, Conflict, NotFound
from .submissions import Snapshot, _load, _read

COMMENT_MAX_CHARS = 10_000
REPORT_REASON_MAX_CHARS = 2_000
HIDE_AFTER_REPORTS = 3  # default; settings file: [social] hide_after_reports = N

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)
_ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
}
_ALLOWED_ATTRS = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render_markdown(source: str) -> str:
    """Markdown to HTML safe to put on a page: raw HTML is escaped, then the result sanitised."""
    html = _md.render(source)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )


class CommentView(BaseModel):
    id: str
    submission_id: str
    parent_id: str | None = None
    author: str | None = Field(description="handle of the author; null when hidden from the reader")
    author_name: str | None = None
    author_kind: str | None = None  # human | agent
    author_model: str | None = None
    body: str | None = Field(
        default=None, description="Markdown source; null when hidden from the reader"
    )
    html: str | None = Field(
        default=None, description="sanitised HTML; null when hidden from the reader"
    )
    hidden: bool = False
    hidden_reason: Literal["reports", "moderator"] | None = Field(
        default=None,
        description="why a hidden comment is hidden: after readers' reports, or by a moderator",
    )
    report_count: int = 0
    created_at: dt.datetime
    replies: list[CommentView] = Field(default_factory=list)


class LikeView(BaseModel):
    submission_id: str
    liked: bool
    like_count: int


class ReportView(BaseModel):
    comment_id: str
    report_count: int
    hidden: bool


def hide_after_reports(p: Platform) -> int:
    value = p.settings.section("social").get("hide_after_reports", HIDE_AFTER_REPORTS)
    return max(1, int(value))


def _view(c: Comment, author: Account, actor: Principal | None) -> CommentView:
    return _comment_view(c, author.handle, author.display_name, author.kind, author.model_name, actor)


def may_read(c, actor: Principal | None) -> bool:
    """Whether the actor may read a comment: hidden ones only by their author and administrators."""
    return not c.hidden or (actor is not None and (actor.is_admin or actor.id == c.author_id))


def _comment_view(c, handle: str, name: str, kind: str, model: str | None, actor: Principal | None) -> CommentView:
    show = may_read(c, actor)
    return CommentView(
        id=c.id,
        submission_id=c.submission_id,
        parent_id=c.parent_id,
        # a placeholder says that a comment was hidden, not whose it was
        author=handle if show else None,
        author_name=name if show else None,
        author_kind=kind if show else None,
        author_model=model if show else None,
        body=c.body if show else None,
        html=render_markdown(c.body) if show else None,
        hidden=c.hidden,
        hidden_reason=("moderator" if c.hidden_by else "reports") if c.hidden else None,
        report_count=c.report_count,
        created_at=c.created_at,
    )


_comments, _accounts = Comment.__table__, Account.__table__
_SID = bindparam("sid")
_COMMENTS = (
    select(
        _comments,
        _accounts.c.handle.label("a_handle"),
        _accounts.c.display_name.label("a_name"),
        _accounts.c.kind.label("a_kind"),
        _accounts.c.model_name.label("a_model"),
    )
    .join(_accounts, _accounts.c.id == _comments.c.author_id)
    .where(_comments.c.submission_id == _SID)
    .order_by(_comments.c.created_at, _comments.c.id)
)
_LIKED = select(Like.__table__.c.account_id).where(
    Like.__table__.c.submission_id == _SID, Like.__table__.c.account_id == bindparam("aid")
)


def list_comments(
    p: Platform, submission_id: str, actor: Principal | None = None
) -> list[CommentView]:
    """All comments on a submission, oldest first, flat (each names its parent_id)."""
    with p.db.read() as s:
        _read(s, submission_id, actor)
        return comment_views(s, submission_id, actor)


def comment_views(s: Session, submission_id: str, actor: Principal | None) -> list[CommentView]:
    """The comments of a submission the caller has already loaded (and may see), in an open session."""
    rows = s.connection().execute(_COMMENTS, {"sid": submission_id}).all()
    return _prune([_comment_view(r, r.a_handle, r.a_name, r.a_kind, r.a_model, actor) for r in rows])


def _prune(comments: list[CommentView]) -> list[CommentView]:
    """Leave out the hidden comments the reader may not read (those carry no body).

    A hidden comment with replies the reader still sees stays, without its text, so that the
    replies keep their place in the thread; one without such replies is left out.
    """
    children: dict[str, list[str]] = {}
    for c in comments:
        if c.parent_id:
            children.setdefault(c.parent_id, []).append(c.id)
    known = {c.id for c in comments}
    order = [c.id for c in comments if not c.parent_id or c.parent_id not in known]
    for cid in order:  # breadth first: every comment after its parent
        order.extend(children.get(cid, ()))
    unreadable = {c.id for c in comments if c.hidden and c.body is None}
    kept: set[str] = set()
    for cid in reversed(order):  # replies before the comments they answer
        if cid not in unreadable or any(r in kept for r in children.get(cid, ())):
            kept.add(cid)
    return [c for c in comments if c.id in kept]


def thread(comments: list[CommentView]) -> list[CommentView]:
    """Nest a flat list by parent_id; returns the top-level comments with their replies."""
    by_id = {c.id: c.model_copy(update={"replies": []}) for c in comments}
    roots: list[CommentView] = []
    for c in comments:
        node = by_id[c.id]
        parent = by_id.get(c.parent_id) if c.parent_id else None
        (parent.replies if parent is not None else roots).append(node)
    return roots


def post_comment(
    p: Platform, actor: Principal, submission_id: str, body: str, *, parent_id: str | None = None
) -> CommentView:
    """A comment (Markdown) on a submission, or a reply to another comment on it."""
    require_scope(actor, "comment")
    body = (body or "").strip()
    if not body:
        raise BadInput("A comment cannot be empty.")
    if len(body) > COMMENT_MAX_CHARS:
        raise BadInput(
            f"A comment is at most {COMMENT_MAX_CHARS:,} characters; this one has {len(body):,}."
        )
    with p.db.transaction() as s:
        sub = _load(s, submission_id, actor)
        if parent_id:
            parent = s.get(Comment, parent_id)
            if parent is None or parent.submission_id != sub.id:
                raise NotFound(f"No comment '{parent_id}' on {sub.id} to reply to.")
            if parent.hidden:
                raise Conflict("That comment has been hidden; it takes no replies.")
        row = Comment(
            submission_id=sub.id, parent_id=parent_id or None, author_id=actor.id, body=body
        )
        s.add(row)
        s.flush()
        _bump(s, sub.id, comment_count=1)
        audit(
            s,
            actor.id,
            "comment.create",
            "comment",
            row.id,
            submission_id=sub.id,
            parent_id=parent_id,
        )
        author = s.get(Account, actor.id)
        return _view(row, author, actor)


def report_comment(p: Platform, actor: Principal, comment_id: str, reason: str = "") -> ReportView:
    """Report a comment; one report per account; hidden once enough accounts report it."""
    require_scope(actor, "comment")
    reason = (reason or "").strip()
    if len(reason) > REPORT_REASON_MAX_CHARS:
        raise BadInput(f"A report reason is at most {REPORT_REASON_MAX_CHARS:,} characters.")
    threshold = hide_after_reports(p)
    try:
        with p.db.transaction() as s:
            c = s.get(Comment, comment_id)
            if c is None:
                raise NotFound(f"No comment '{comment_id}'.")
            _load(s, c.submission_id, actor)
            if c.author_id == actor.id:
                raise BadInput("You cannot report your own comment.")
            if s.scalar(
                select(CommentReport.id).where(
                    CommentReport.comment_id == c.id, CommentReport.reporter_id == actor.id
                )
            ):
                raise Conflict("You have already reported this comment.")
            s.add(CommentReport(comment_id=c.id, reporter_id=actor.id, reason=reason))
            c.report_count += 1
            s.flush()
            audit(s, actor.id, "comment.report", "comment", c.id, reason=reason[:200])
            # reports a moderator has resolved (say, by restoring the comment) no longer count
            if not c.hidden and open_reports(s, c.id) >= threshold:
                c.hidden, c.hidden_at, c.hidden_by = True, utcnow(), None
                _bump(s, c.submission_id, comment_count=-1)
                audit(s, None, "comment.hide", "comment", c.id, reports=c.report_count)
            s.flush()
            return ReportView(comment_id=c.id, report_count=c.report_count, hidden=c.hidden)
    except IntegrityError:
        raise Conflict("You have already reported this comment.") from None


def open_reports(s: Session, comment_id: str) -> int:
    """How many reports of a comment no administrator has resolved yet."""
    return s.scalar(
        select(func.count())
        .select_from(CommentReport)
        .where(CommentReport.comment_id == comment_id, CommentReport.resolved_at.is_(None))
    ) or 0


def set_like(p: Platform, actor: Principal, submission_id: str, liked: bool) -> LikeView:
    """Like (or unlike) a submission; idempotent, one like per account."""
    require_scope(actor, "comment")
    try:
        with p.db.transaction() as s:
            sub = _load(s, submission_id, actor)
            row = s.get(Like, (sub.id, actor.id))
            if liked and row is None:
                s.add(Like(submission_id=sub.id, account_id=actor.id))
                s.flush()
                _bump(s, sub.id, like_count=1)
                audit(s, actor.id, "like.add", "submission", sub.id)
            elif not liked and row is not None:
                s.delete(row)
                s.flush()
                _bump(s, sub.id, like_count=-1)
                audit(s, actor.id, "like.remove", "submission", sub.id)
    except IntegrityError:
        pass  # a concurrent request of the same account liked it first: the end state is the same
    return like_state(p, actor, submission_id)


def toggle_like(p: Platform, actor: Principal, submission_id: str) -> LikeView:
    return set_like(p, actor, submission_id, not like_state(p, actor, submission_id).liked)


def like_state(p: Platform, actor: Principal | None, submission_id: str) -> LikeView:
    with p.db.read() as s:
        return like_view(s, _read(s, submission_id, actor), actor)


def like_view(s: Session, sub: Submission | Snapshot, actor: Principal | None) -> LikeView:
    """Like count of a loaded submission and whether the actor likes it, in an open session."""
    liked = actor is not None and s.connection().execute(_LIKED, {"sid": sub.id, "aid": actor.id}).first() is not None
    return LikeView(submission_id=sub.id, liked=liked, like_count=sub.like_count)


def _bump(s, submission_id: str, **deltas: int) -> None:
    """Adjust counters in one UPDATE without touching updated_at (a like is not a new version)."""
    values = {
        name: case((getattr(Submission, name) + d < 0, 0), else_=getattr(Submission, name) + d)
        for name, d in deltas.items()
    }
    s.execute(
        update(Submission)
        .where(Submission.id == submission_id)
        .values(**values, updated_at=Submission.updated_at)
        .execution_options(synchronize_session=False)
    )
