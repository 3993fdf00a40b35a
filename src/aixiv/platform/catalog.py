"""The public catalogue: counts, category lists, feeds and harvesting (OAI-PMH) of submissions.

Held submissions never appear here: what is harvestable is what anyone may read.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from aixiv.records import Account, Submission, SubmissionCategory, Version
from aixiv.workflow import states

from .context import Platform, Principal
from .errors import BadInput, NotFound

SET_KINDS = ("kind", "category", "status")


class RecordAuthor(BaseModel):
    name: str
    kind: str
    affiliation: str | None = None
    model_name: str | None = None
    model_developer: str | None = None
    orcid: str | None = None


class RecordView(BaseModel):
    """A submission as a catalogue entry: enough for a feed item or a harvested record."""

    id: str
    kind: str
    title: str
    abstract: str
    authors: list[RecordAuthor]
    categories: list[str]
    keywords: list[str]
    license: str
    status: str
    ai_generated: bool
    latest_version: int
    media_type: str
    concept_doi: str | None = None
    doi: str | None = Field(default=None, description="DOI of the latest version, if registered")
    created_at: dt.datetime
    updated_at: dt.datetime
    accepted_at: dt.datetime | None = None

    @property
    def set_specs(self) -> list[str]:
        return [f"kind:{self.kind}", f"status:{self.status}"] + [
            f"category:{c}" for c in self.categories
        ]


def _public(stmt, actor: Principal | None = None):
    if actor is not None and actor.is_admin:
        return stmt
    return stmt.where(Submission.status != states.HELD)


def status_counts(p: Platform, actor: Principal | None = None) -> dict[str, int]:
    """How many submissions are in each status (held ones only for administrators)."""
    with p.db.read() as s:
        stmt = _public(select(Submission.status, func.count()).group_by(Submission.status), actor)
        rows = dict(s.execute(stmt).all())
    return {st: int(rows.get(st, 0)) for st in states.STATUSES if rows.get(st) or st != states.HELD}


def category_counts(p: Platform, limit: int = 100) -> list[tuple[str, int]]:
    """Categories in use, most populated first (held submissions not counted)."""
    with p.db.read() as s:
        conn = s.connection()
        # every row per category (an index scan), less the rows of held submissions (few):
        # much cheaper than joining every category row to its submission
        counts = dict(conn.execute(_ALL_CATEGORIES).all())
        for c, n in conn.execute(_HELD_CATEGORIES):
            counts[c] -= n
    ranked = sorted(((c, int(n)) for c, n in counts.items() if n > 0), key=lambda x: (-x[1], x[0]))
    return ranked[:limit]


_cat, _sub = SubmissionCategory.__table__, Submission.__table__
_ALL_CATEGORIES = select(_cat.c.category, func.count()).group_by(_cat.c.category)
_HELD_CATEGORIES = (
    select(_cat.c.category, func.count())
    .join(_sub, _sub.c.id == _cat.c.submission_id)
    .where(_sub.c.status == states.HELD)
    .group_by(_cat.c.category)
)


def _record(sub: Submission) -> RecordView:
    latest = next((v for v in sub.versions if v.number == sub.latest_version), None)
    return RecordView(
        id=sub.id,
        kind=sub.kind,
        title=sub.title,
        abstract=sub.abstract,
        authors=[
            RecordAuthor(
                name=a.name,
                kind=a.kind,
                affiliation=a.affiliation,
                model_name=a.model_name,
                model_developer=a.model_developer,
                orcid=a.orcid,
            )
            for a in sub.authors
        ],
        categories=list(sub.categories or []),
        keywords=list(sub.keywords or []),
        license=sub.license,
        status=sub.status,
        ai_generated=sub.ai_generated,
        latest_version=sub.latest_version,
        media_type=latest.media_type if latest else "application/octet-stream",
        concept_doi=sub.concept_doi,
        doi=latest.doi if latest and latest.doi_state == "findable" else None,
        created_at=sub.created_at,
        updated_at=sub.updated_at,
        accepted_at=sub.accepted_at,
    )


def _options():
    return (selectinload(Submission.authors), selectinload(Submission.versions))


def recent(
    p: Platform, which: str = "new", *, category: str | None = None, limit: int = 50
) -> list[RecordView]:
    """The newest submissions (``new``) or the most recently accepted ones (``accepted``)."""
    if which not in ("new", "accepted"):
        raise BadInput("A feed is 'new' or 'accepted'.")
    if not 1 <= limit <= 200:
        raise BadInput("limit is between 1 and 200.")
    with p.db.read() as s:
        stmt = _public(select(Submission).options(*_options()))
        if category:
            stmt = stmt.where(
                Submission.id.in_(
                    select(SubmissionCategory.submission_id).where(
                        SubmissionCategory.category == category
                    )
                )
            )
        if which == "accepted":
            stmt = stmt.where(Submission.status == states.ACCEPTED).order_by(
                Submission.accepted_at.desc(), Submission.id.desc()
            )
        else:
            stmt = stmt.order_by(Submission.created_at.desc(), Submission.id.desc())
        return [_record(x) for x in s.scalars(stmt.limit(limit)).all()]


def submitted_by(p: Platform, account_id: str, *, limit: int = 100) -> list[RecordView]:
    """What an account and the agents it owns have submitted (held ones included), newest first."""
    with p.db.read() as s:
        agents = select(Account.id).where(Account.owner_id == account_id)
        stmt = (
            select(Submission)
            .options(*_options())
            .where(or_(Submission.submitter_id == account_id, Submission.submitter_id.in_(agents)))
            .order_by(Submission.created_at.desc(), Submission.id.desc())
            .limit(limit)
        )
        return [_record(x) for x in s.scalars(stmt).all()]


def get_record(p: Platform, submission_id: str) -> RecordView:
    with p.db.read() as s:
        sub = s.scalar(
            _public(select(Submission).options(*_options()).where(Submission.id == submission_id))
        )
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        return _record(sub)


def set_names(p: Platform) -> list[tuple[str, str]]:
    """(setSpec, name) of every set a record may belong to: kinds, statuses, used categories."""
    out: list[tuple[str, str]] = [
        ("kind", "Kind of submission"),
        ("kind:paper", "Papers"),
        ("kind:proposal", "Research proposals"),
        ("status", "Status in the review process"),
    ]
    out += [
        (f"status:{st}", st.replace("_", " ").capitalize())
        for st in states.STATUSES
        if st != states.HELD
    ]
    cats = category_counts(p, limit=1000)
    if cats:
        out.append(("category", "Subject category"))
        out += [(f"category:{c}", c) for c, _ in sorted(cats)]
    return out


class HarvestPage(BaseModel):
    items: list[RecordView]
    next_cursor: str | None = None
    total: int


def _enc(at: dt.datetime, sid: str) -> str:
    raw = json.dumps({"u": at.isoformat(), "i": sid}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _dec(cursor: str) -> tuple[dt.datetime, str]:
    try:
        obj = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return dt.datetime.fromisoformat(obj["u"]), str(obj["i"])
    except Exception:
        raise BadInput("The cursor is not one this server handed out.") from None


def harvest(
    p: Platform,
    *,
    since: dt.datetime | None = None,
    before: dt.datetime | None = None,
    set_spec: str | None = None,
    with_doi: bool = False,
    cursor: str | None = None,
    limit: int = 100,
) -> HarvestPage:
    """Records changed in [since, before), oldest change first, in pages (OAI-PMH lists)."""
    with p.db.read() as s:
        stmt = _public(select(Submission))
        if since is not None:
            stmt = stmt.where(Submission.updated_at >= since)
        if before is not None:
            stmt = stmt.where(Submission.updated_at < before)
        if set_spec:
            head, _, value = set_spec.partition(":")
            if head not in SET_KINDS:
                raise BadInput(f"No set '{set_spec}'.")
            if value:
                if head == "kind":
                    stmt = stmt.where(Submission.kind == value)
                elif head == "status":
                    stmt = stmt.where(Submission.status == value)
                else:
                    stmt = stmt.where(
                        Submission.id.in_(
                            select(SubmissionCategory.submission_id).where(
                                SubmissionCategory.category == value
                            )
                        )
                    )
            elif head == "category":
                stmt = stmt.where(Submission.id.in_(select(SubmissionCategory.submission_id)))
        if with_doi:
            stmt = stmt.where(
                Submission.id.in_(
                    select(Version.submission_id).where(
                        Version.doi.is_not(None), Version.doi_state == "findable"
                    )
                )
            )
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        if cursor:
            at, sid = _dec(cursor)
            stmt = stmt.where(
                or_(
                    Submission.updated_at > at,
                    and_(Submission.updated_at == at, Submission.id > sid),
                )
            )
        rows = s.scalars(
            stmt.options(*_options())
            .order_by(Submission.updated_at, Submission.id)
            .limit(limit + 1)
        ).all()
        items = [_record(x) for x in rows[:limit]]
        nxt = _enc(rows[limit - 1].updated_at, rows[limit - 1].id) if len(rows) > limit else None
        return HarvestPage(items=items, next_cursor=nxt, total=total)


def earliest_datestamp(p: Platform) -> dt.datetime | None:
    with p.db.read() as s:
        return s.scalar(_public(select(func.min(Submission.updated_at))))
