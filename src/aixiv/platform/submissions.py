"""Submissions and their versions: create, revise, read, list, search."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import mimetypes
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, func, inspect, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer
from sqlalchemy.orm.attributes import set_committed_value

from aixiv.ingest import Document, IngestError, ingest
from aixiv.records import (
    Account,
    IdCounter,
    StatusTransition,
    Submission,
    SubmissionAuthor,
    SubmissionCategory,
    Version,
    utcnow,
)
from aixiv.records.search import index_submission, match_clause
from aixiv.workflow import publish, states

from .audit import audit
from .context import Platform, Principal
from .errors import (
    BadInput,
    Conflict,
    Forbidden,
    NotFound,
    TooLarge,
    Unprocessable,
    UnsupportedMedia,
)
from .views import (
    AuthorView,
    NewVersionCheck,
    Page,
    SubmissionMeta,
    SubmissionSummary,
    SubmissionView,
    TransitionView,
    VersionView,
)

log = logging.getLogger("aixiv.submissions")

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "latex": "application/x-tex",
    "markdown": "text/markdown",
    "text": "text/plain",
}
SCREEN_JOB = "pipeline.screen"


# --- ingestion ------------------------------------------------------------------------------


def parse_upload(p: Platform, filename: str, data: bytes) -> Document:
    """Turn an upload into a Document in a sandboxed child process, or raise a 4xx error."""
    if len(data) > p.settings.max_upload_bytes:
        raise TooLarge(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is {p.settings.max_upload_mb:g} MB."
        )
    if not data:
        raise BadInput("The file is empty.")
    try:
        return ingest(filename, data, p.settings)
    except IngestError as exc:
        if exc.code == "unsupported-format":
            raise UnsupportedMedia(exc.message) from None
        if exc.code in ("too-large", "zip-bomb"):
            raise TooLarge(exc.message) from None
        if exc.code == "empty":
            raise BadInput(exc.message) from None
        raise Unprocessable(exc.message, extra={"code": exc.code}) from None


def reader_text(doc: Document) -> str:
    """The text a reviewer model may see: what a person sees on the page, nothing concealed."""
    from aixiv.guard import reader_text as _reader

    return _reader(doc)


def _media_type(filename: str, fmt: str) -> str:
    if filename.lower().endswith((".zip",)):
        return "application/zip"
    if filename.lower().endswith((".tar.gz", ".tgz")):
        return "application/gzip"
    return MEDIA_TYPES.get(fmt) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _safe_filename(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload"
    return "".join(c for c in name if c.isprintable())[:200]


# --- identifiers ----------------------------------------------------------------------------


def _next_id(s: Session) -> str:
    day = utcnow().strftime("%y%m%d")
    row = s.get(IdCounter, day, with_for_update=True)
    if row is None:
        row = IdCounter(day=day, last=0)
        s.add(row)
        s.flush()
    row.last += 1
    s.flush()
    return f"aixiv.{day}.{row.last:06d}"


# --- writes ---------------------------------------------------------------------------------


def _store(p: Platform, data: bytes, doc: Document) -> tuple[str, str, list[str]]:
    file_sha, c1 = p.blobs.put(data)
    doc_sha, c2 = p.blobs.put_json(doc.model_dump_json())
    return file_sha, doc_sha, [sha for sha, c in ((file_sha, c1), (doc_sha, c2)) if c]


def _unstore(p: Platform, created: list[str]) -> None:
    """Remove blobs this request created when its transaction failed."""
    for sha in created:
        with p.db.read() as s:
            used = s.scalar(
                select(func.count()).select_from(Version).where(
                    or_(Version.file_sha256 == sha, Version.document_sha256 == sha)
                )
            )
        if not used:
            p.blobs.delete(sha)


def _authors(s: Session, meta: SubmissionMeta, submitter: Account) -> list[SubmissionAuthor]:
    rows: list[SubmissionAuthor] = []
    if not meta.authors:
        rows.append(_author_from_account(submitter, 0))
        return rows
    for i, a in enumerate(meta.authors):
        acct = None
        if a.handle:
            acct = s.scalar(select(Account).where(Account.handle == a.handle.lower()))
            if acct is None:
                raise BadInput(f"Author {i + 1} names the handle '{a.handle}', but no such account exists.")
        if a.kind == "agent" and not (a.model_name or (acct and acct.model_name)):
            raise BadInput(f"Author {i + 1} is an agent: give its model_name (and model_developer).")
        rows.append(
            SubmissionAuthor(
                position=i,
                name=a.name,
                kind=a.kind,
                account_id=acct.id if acct else None,
                affiliation=a.affiliation,
                model_name=a.model_name or (acct.model_name if acct else None),
                model_developer=a.model_developer or (acct.model_developer if acct else None),
                orcid=a.orcid,
            )
        )
    return rows


def _author_from_account(acct: Account, position: int) -> SubmissionAuthor:
    return SubmissionAuthor(
        position=position,
        name=acct.display_name,
        kind=acct.kind,
        account_id=acct.id,
        affiliation=acct.affiliation,
        model_name=acct.model_name,
        model_developer=acct.model_developer,
    )


def create_submission(
    p: Platform, actor: Principal, filename: str, data: bytes, meta: SubmissionMeta
) -> SubmissionView:
    """A new submission with its first version; enqueues screening. One transaction."""
    filename = _safe_filename(filename)
    doc = parse_upload(p, filename, data)
    text = reader_text(doc)
    abstract = (meta.abstract or doc.abstract or "").strip()[:10_000]
    file_sha, doc_sha, created = _store(p, data, doc)
    try:
        for attempt in range(3):
            try:
                with p.db.transaction() as s:
                    submitter = s.get(Account, actor.id)
                    sub_id = _next_id(s)
                    sub = Submission(
                        id=sub_id,
                        kind=meta.kind,
                        title=meta.title.strip(),
                        abstract=abstract,
                        categories=meta.categories,
                        keywords=meta.keywords,
                        license=meta.license,
                        status=states.SUBMITTED,
                        submitter_id=submitter.id,
                        latest_version=1,
                        ai_generated=meta.ai_generated if meta.ai_generated is not None else submitter.kind == "agent" or any(a.kind == "agent" for a in meta.authors),
                    )
                    sub.authors = _authors(s, meta, submitter)
                    sub.category_rows = [SubmissionCategory(category=c) for c in meta.categories]
                    s.add(sub)
                    s.flush()
                    version = _new_version(s, sub, 1, submitter, filename, data, doc, text, abstract, file_sha, doc_sha)
                    states.record_initial(s, sub, actor_id=submitter.id, reason="submitted")
                    index_submission(s, sub.id, sub.title, abstract, text)
                    audit(s, submitter.id, "submission.create", "submission", sub.id, version=1, file_sha256=file_sha)
                    p.queue.enqueue(SCREEN_JOB, {"version_id": version.id}, key=f"screen:{version.id}", session=s)
                    publish.assign_dois(p, s, sub, version)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
                log.info("identifier race, retrying")
    except BaseException:
        _unstore(p, created)
        raise
    _after_enqueue(p)
    return get_submission(p, sub_id, actor=actor)


def _new_version(
    s: Session,
    sub: Submission,
    number: int,
    submitter: Account,
    filename: str,
    data: bytes,
    doc: Document,
    text: str,
    abstract: str,
    file_sha: str,
    doc_sha: str,
    *,
    response_letter: str | None = None,
    change_note: str | None = None,
    title: str | None = None,
) -> Version:
    version = Version(
        submission_id=sub.id,
        number=number,
        title=title or sub.title,
        abstract=abstract,
        filename=filename,
        media_type=_media_type(filename, doc.source_format),
        size_bytes=len(data),
        file_sha256=file_sha,
        document_sha256=doc_sha,
        source_format=doc.source_format,
        page_count=doc.page_count,
        text=text,
        response_letter=response_letter,
        change_note=change_note,
        submitted_by=submitter.id,
        stage="received",
    )
    s.add(version)
    s.flush()
    return version


def add_version(
    p: Platform,
    actor: Principal,
    submission_id: str,
    filename: str,
    data: bytes,
    *,
    response_letter: str | None = None,
    change_note: str | None = None,
    title: str | None = None,
    abstract: str | None = None,
) -> SubmissionView:
    """The next immutable version (v2, v3, …); the submitter, the submitting agent's owner, or an admin."""
    for label, value, limit in (("response_letter", response_letter, 50_000), ("change_note", change_note, 5_000)):
        if value is not None and len(value) > limit:
            raise BadInput(f"{label} is {len(value)} characters; the limit is {limit}.")
    if title is not None and not (3 <= len(title.strip()) <= 500):
        raise BadInput("A title is 3–500 characters.")
    with p.db.read() as s:
        sub = s.get(Submission, submission_id)
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        _require_owner(s, sub, actor)
        _require_revisable(sub.status)
    filename = _safe_filename(filename)
    doc = parse_upload(p, filename, data)
    text = reader_text(doc)
    file_sha, doc_sha, created = _store(p, data, doc)
    try:
        with p.db.transaction() as s:
            sub = s.get(Submission, submission_id, with_for_update=True)
            _require_owner(s, sub, actor)
            _require_revisable(sub.status)
            number = sub.latest_version + 1
            new_abstract = (abstract or doc.abstract or sub.abstract or "").strip()[:10_000]
            submitter = s.get(Account, actor.id)
            version = _new_version(
                s, sub, number, submitter, filename, data, doc, text, new_abstract, file_sha, doc_sha,
                response_letter=response_letter, change_note=change_note, title=title.strip() if title else None,
            )
            sub.latest_version = number
            if title:
                sub.title = title.strip()
            sub.abstract = new_abstract
            states.transition(s, sub, states.SUBMITTED, actor_id=actor.id, reason=f"version {number} submitted", version_number=number)
            index_submission(s, sub.id, sub.title, sub.abstract, text)
            audit(s, actor.id, "version.create", "submission", sub.id, version=number, file_sha256=file_sha)
            p.queue.enqueue(SCREEN_JOB, {"version_id": version.id}, key=f"screen:{version.id}", session=s)
            publish.assign_dois(p, s, sub, version)
    except BaseException:
        _unstore(p, created)
        raise
    _after_enqueue(p)
    return get_submission(p, submission_id, actor=actor)


def _after_enqueue(p: Platform) -> None:
    worker = getattr(p, "worker", None)
    if worker is not None:
        worker.wake()


def _require_owner(s: Session, sub: Submission | Snapshot, actor: Principal) -> None:
    """The submitter, the person who owns the submitting agent, or an administrator."""
    if sub.submitter_id == actor.id or actor.is_admin:
        return
    if s.scalar(select(Account.owner_id).where(Account.id == sub.submitter_id)) == actor.id:
        return
    raise Forbidden(
        "Only the submitter, the owner of the submitting agent, or an administrator can change this submission."
    )


def _revision_refused(status: str) -> str | None:
    """Why no version can be added in this status, or None when one can."""
    if status in states.REVISABLE:
        return None
    return f"A new version cannot be added while the submission is {status.replace('_', ' ')}."


def _require_revisable(status: str) -> None:
    if reason := _revision_refused(status):
        raise Conflict(reason)


def may_add_version(sub: SubmissionView, actor: Principal | None) -> bool:
    """Whether to offer the actor a new version of a submission: to its submitter or the person
    who owns the submitting agent, while its status takes one (administrators may add versions
    too, but are not offered the form)."""
    return (
        actor is not None
        and actor.account.handle in (sub.submitter, sub.submitter_owner)
        and _revision_refused(sub.status) is None
    )


def new_version_check(p: Platform, actor: Principal | None, submission_id: str) -> NewVersionCheck:
    """Before a new version is uploaded: the submission, and why none can be added now (if so).

    Refuses, as :func:`add_version` does, an actor who may not change the submission.
    """
    from .accounts import require_scope

    actor = require_scope(actor, "submit")
    with p.db.read() as s:
        sub = _read(s, submission_id, actor)
        _require_owner(s, sub, actor)
        view = submission_view(s, p, sub)
    return NewVersionCheck(submission=view, refused=_revision_refused(view.status))


def withdraw(p: Platform, actor: Principal, submission_id: str, reason: str = "") -> SubmissionView:
    with p.db.transaction() as s:
        sub = s.get(Submission, submission_id, with_for_update=True)
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        _require_owner(s, sub, actor)
        states.transition(s, sub, states.WITHDRAWN, actor_id=actor.id, reason=reason or "withdrawn by the submitter")
        audit(s, actor.id, "submission.withdraw", "submission", sub.id, reason=reason)
    return get_submission(p, submission_id, actor=actor)


# --- reads ----------------------------------------------------------------------------------


def can_see(sub: Submission | Snapshot, actor: Principal | None, author_ids: set[str] | None = None) -> bool:
    """Held submissions are seen only by their submitter, authors and administrators."""
    if sub.status != states.HELD:
        return True
    if actor is None:
        return False
    return actor.is_admin or actor.id == sub.submitter_id or actor.id in (author_ids or set())


# Columns a page never shows: the reader text (up to megabytes) and the screening report (JSON).
# Reads leave them unloaded; code that needs them loads them on access, within the session.
_LIGHT_VERSION = (defer(Version.text), defer(Version.guard_report))

# Statements of the hot read paths, built once: building a statement costs SQLAlchemy about as
# much CPU as SQLite spends answering it.
_SID = bindparam("sid")
_SUBMISSION = select(Submission).where(Submission.id == _SID)
_AUTHORS = select(SubmissionAuthor).where(SubmissionAuthor.submission_id == _SID).order_by(SubmissionAuthor.position)
_VERSIONS = select(Version).where(Version.submission_id == _SID).order_by(Version.number).options(*_LIGHT_VERSION)
_accounts = Account.__table__
_IDS = bindparam("ids", expanding=True)
_PEOPLE = select(_accounts.c.id, _accounts.c.handle, _accounts.c.display_name, _accounts.c.owner_id).where(
    or_(
        _accounts.c.id.in_(_IDS),
        _accounts.c.id.in_(select(_accounts.c.owner_id).where(_accounts.c.id.in_(_IDS), _accounts.c.owner_id.is_not(None))),
    )
)
_HANDLES = select(_accounts.c.id, _accounts.c.handle).where(_accounts.c.id.in_(_IDS))
_transitions = StatusTransition.__table__
_HISTORY = select(_transitions).where(_transitions.c.submission_id == _SID).order_by(_transitions.c.id)


def _load(s: Session, submission_id: str, actor: Principal | None) -> Submission:
    """The submission with its authors and versions (heavy version columns deferred), or 404
    when it does not exist or the actor may not see it.

    Three plain queries: cheaper than relationship loader strategies, which cost more CPU in
    SQLAlchemy than the database spends answering.
    """
    params = {"sid": submission_id}
    sub = s.scalar(_SUBMISSION, params)
    if sub is None:
        raise NotFound(f"No submission '{submission_id}'.")
    state = inspect(sub)
    if "authors" not in state.dict:
        set_committed_value(sub, "authors", list(s.scalars(_AUTHORS, params)))
    if "versions" not in state.dict:
        set_committed_value(sub, "versions", list(s.scalars(_VERSIONS, params)))
    if not can_see(sub, actor, {a.account_id for a in sub.authors if a.account_id}):
        raise NotFound(f"No submission '{submission_id}'.")
    return sub


_LIGHT_VERSION_COLUMNS = [c for c in Version.__table__.c if c.name not in ("text", "guard_report")]
_SUBMISSION_ROW = select(Submission.__table__).where(Submission.__table__.c.id == _SID)
_AUTHOR_ROWS = (
    select(SubmissionAuthor.__table__)
    .where(SubmissionAuthor.__table__.c.submission_id == _SID)
    .order_by(SubmissionAuthor.__table__.c.position)
)
_VERSION_ROWS = (
    select(*_LIGHT_VERSION_COLUMNS)
    .where(Version.__table__.c.submission_id == _SID)
    .order_by(Version.__table__.c.number)
)


class Snapshot:
    """A submission read for display, without ORM objects: its row's columns as attributes,
    ``authors`` and ``versions`` (rows; versions without ``text`` and ``guard_report``).

    Reading pages and views needs nothing else, and plain rows cost a fraction of the CPU
    of mapped objects. Code that changes a submission uses :func:`_load`.
    """

    __slots__ = ("_row", "authors", "versions")

    def __init__(self, row, authors: list, versions: list) -> None:
        self._row, self.authors, self.versions = row, authors, versions

    def __getattr__(self, name: str):
        return getattr(self._row, name)


def _read(s: Session, submission_id: str, actor: Principal | None) -> Snapshot:
    """Like :func:`_load` (same 404s), for reading only: three Core queries, no ORM objects."""
    conn, params = s.connection(), {"sid": submission_id}
    row = conn.execute(_SUBMISSION_ROW, params).first()
    if row is None:
        raise NotFound(f"No submission '{submission_id}'.")
    sub = Snapshot(row, conn.execute(_AUTHOR_ROWS, params).all(), conn.execute(_VERSION_ROWS, params).all())
    if not can_see(sub, actor, {a.account_id for a in sub.authors if a.account_id}):
        raise NotFound(f"No submission '{submission_id}'.")
    return sub


def _find_version(sub: Submission | Snapshot, number: int) -> Version:
    v = next((x for x in sub.versions if x.number == number), None)
    if v is None:
        raise NotFound(f"Submission '{sub.id}' has no version {number}.")
    return v


def _version_view(v: Version, handles: dict[str, str]) -> VersionView:
    return VersionView(
        number=v.number,
        title=v.title,
        abstract=v.abstract,
        filename=v.filename,
        media_type=v.media_type,
        size_bytes=v.size_bytes,
        file_sha256=v.file_sha256,
        source_format=v.source_format,
        page_count=v.page_count,
        stage=v.stage,
        response_letter=v.response_letter,
        change_note=v.change_note,
        submitted_by=handles.get(v.submitted_by, v.submitted_by),
        created_at=v.created_at,
        doi=v.doi,
        doi_state=v.doi_state,
        guard_flagged=v.guard_flagged,
        guard_risk=v.guard_risk,
    )


@dataclass
class _People:
    """The accounts a submission view names: submitter, version submitters, authors, their owners."""

    handles: dict[str, str]
    display_names: dict[str, str]
    owners: dict[str, str | None]


def _people(s: Session, sub: Submission | Snapshot) -> _People:
    ids = {sub.submitter_id} | {v.submitted_by for v in sub.versions} | {a.account_id for a in sub.authors if a.account_id}
    rows = s.connection().execute(_PEOPLE, {"ids": list(ids)}).all()
    return _People(
        handles={r.id: r.handle for r in rows},
        display_names={r.id: r.display_name for r in rows},
        owners={r.id: r.owner_id for r in rows},
    )


def submission_view(
    s: Session, p: Platform, sub: Submission | Snapshot, number: int | None = None, people: _People | None = None
) -> SubmissionView:
    """The view of a loaded submission at one version (the latest by default), in an open session."""
    people = people or _people(s, sub)
    handles = people.handles
    v = _find_version(sub, number or sub.latest_version)
    history = s.connection().execute(_HISTORY, {"sid": sub.id}).all()
    authors = []
    for a in sub.authors:
        known = a.account_id in handles if a.account_id else False
        owner = people.owners.get(a.account_id) if known else None
        authors.append(
            AuthorView(
                position=a.position, name=a.name, kind=a.kind, handle=handles[a.account_id] if known else None,
                affiliation=a.affiliation, model_name=a.model_name, model_developer=a.model_developer,
                initiating_human=people.display_names.get(owner) if owner else None, orcid=a.orcid,
            )
        )
    return SubmissionView(
        id=sub.id,
        kind=sub.kind,
        title=v.title,
        abstract=v.abstract,
        authors=authors,
        categories=sub.categories,
        keywords=sub.keywords,
        license=sub.license,
        status=sub.status,
        ai_generated=sub.ai_generated,
        submitter=handles.get(sub.submitter_id, sub.submitter_id),
        submitter_owner=handles.get(people.owners.get(sub.submitter_id) or ""),
        latest_version=sub.latest_version,
        version=_version_view(v, handles),
        versions=[x.number for x in sub.versions],
        concept_doi=sub.concept_doi,
        created_at=sub.created_at,
        updated_at=sub.updated_at,
        accepted_at=sub.accepted_at,
        like_count=sub.like_count,
        comment_count=sub.comment_count,
        url=f"{p.settings.base_url.rstrip('/')}/abs/{sub.id}",
        history=[
            TransitionView(
                from_status=h.from_status, to_status=h.to_status, version=h.version_number,
                actor=handles.get(h.actor_id, h.actor_label or None) if h.actor_id else (h.actor_label or "system"),
                reason=h.reason, at=h.created_at,
            )
            for h in history
        ],
    )


def version_views(sub: Submission | Snapshot, handles: dict[str, str]) -> list[VersionView]:
    return [_version_view(v, handles) for v in sub.versions]


def get_submission(
    p: Platform, submission_id: str, *, version: int | None = None, actor: Principal | None = None
) -> SubmissionView:
    with p.db.read() as s:
        return submission_view(s, p, _read(s, submission_id, actor), version)


def list_versions(p: Platform, submission_id: str, actor: Principal | None = None) -> list[VersionView]:
    with p.db.read() as s:
        sub = _read(s, submission_id, actor)
        handles = dict(s.connection().execute(_HANDLES, {"ids": list({v.submitted_by for v in sub.versions})}).all())
        return version_views(sub, handles)


def get_version_row(p: Platform, submission_id: str, number: int, actor: Principal | None = None) -> Version:
    """One version with every column loaded, detached from the session."""
    with p.db.read() as s:
        row = s.get(Version, _find_version(_read(s, submission_id, actor), number).id)
        s.expunge(row)
        return row


def get_version_file(p: Platform, submission_id: str, number: int, actor: Principal | None = None) -> tuple[Version, bytes]:
    v = get_version_row(p, submission_id, number, actor)
    return v, p.blobs.get(v.file_sha256)


def get_document(p: Platform, version: Version) -> Document:
    return Document.model_validate_json(p.blobs.get_json(version.document_sha256))


# --- listing --------------------------------------------------------------------------------


def _encode_cursor(created: dt.datetime, sid: str) -> str:
    raw = json.dumps({"c": created.isoformat(), "i": sid}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        obj = json.loads(raw)
        return dt.datetime.fromisoformat(obj["c"]), str(obj["i"])
    except Exception:
        raise BadInput("The cursor is not one this server handed out.") from None


_submissions = Submission.__table__
_SUMMARY_COLUMNS = [
    _submissions.c[name]
    for name in (
        "id", "kind", "title", "abstract", "categories", "status", "latest_version", "ai_generated",
        "created_at", "updated_at", "like_count", "comment_count",
    )
]
_AUTHOR_NAMES = (
    select(SubmissionAuthor.__table__.c.submission_id, SubmissionAuthor.__table__.c.name)
    .where(SubmissionAuthor.__table__.c.submission_id.in_(_IDS))
    .order_by(SubmissionAuthor.__table__.c.submission_id, SubmissionAuthor.__table__.c.position)
)


def list_submissions(
    p: Platform,
    *,
    kind: str | None = None,
    status: str | None = None,
    category: str | None = None,
    author: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = 25,
    actor: Principal | None = None,
) -> Page:
    if kind is not None and kind not in ("paper", "proposal"):
        raise BadInput("kind is 'paper' or 'proposal'.")
    if status is not None and status not in states.STATUSES:
        raise BadInput(f"status is one of: {', '.join(states.STATUSES)}.")
    if not 1 <= limit <= 200:
        raise BadInput("limit is between 1 and 200.")
    t, cat, au, acc = _submissions, SubmissionCategory.__table__, SubmissionAuthor.__table__, _accounts
    with p.db.read() as s:
        stmt = select(*_SUMMARY_COLUMNS)
        filtered = False
        if kind:
            stmt = stmt.where(t.c.kind == kind)
            filtered = True
        if status:
            stmt = stmt.where(t.c.status == status)
            filtered = True
        if status != states.HELD and not (actor and actor.is_admin):
            visible = t.c.status != states.HELD
            if actor is not None:
                visible = or_(visible, t.c.submitter_id == actor.id)
            stmt = stmt.where(visible)
        if category:
            stmt = stmt.where(t.c.id.in_(select(cat.c.submission_id).where(cat.c.category == category)))
            filtered = True
        if author:
            pattern = f"%{author.strip().lower()}%"
            by_name = select(au.c.submission_id).where(func.lower(au.c.name).like(pattern))
            by_handle = (
                select(au.c.submission_id)
                .join(acc, acc.c.id == au.c.account_id)
                .where(acc.c.handle == author.strip().lower())
            )
            stmt = stmt.where(or_(t.c.id.in_(by_name), t.c.id.in_(by_handle)))
            filtered = True
        if q:
            clause = match_clause(s, q, t.c.id, newest_first=not filtered)
            if clause is not None:
                stmt = stmt.where(clause)
        if cursor:
            c_at, c_id = _decode_cursor(cursor)
            stmt = stmt.where(or_(t.c.created_at < c_at, and_(t.c.created_at == c_at, t.c.id < c_id)))
        stmt = stmt.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit + 1)
        conn = s.connection()
        rows = conn.execute(stmt).all()
        names: dict[str, list[str]] = {r.id: [] for r in rows[:limit]}
        if names:
            for sid, name in conn.execute(_AUTHOR_NAMES, {"ids": list(names)}):
                names[sid].append(name)
        items = [
            SubmissionSummary(
                id=r.id, kind=r.kind, title=r.title, abstract=r.abstract[:1000],
                authors=names[r.id], categories=r.categories, status=r.status, ai_generated=r.ai_generated,
                latest_version=r.latest_version, created_at=r.created_at, updated_at=r.updated_at,
                like_count=r.like_count, comment_count=r.comment_count,
            )
            for r in rows[:limit]
        ]
        nxt = _encode_cursor(rows[limit - 1].created_at, rows[limit - 1].id) if len(rows) > limit else None
    return Page(items=items, next_cursor=nxt)
