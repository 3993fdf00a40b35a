"""Submissions and their versions: create, revise, read, list, search."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import mimetypes

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

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
from .errors import BadInput, Conflict, Forbidden, NotFound, TooLarge, Unprocessable, UnsupportedMedia
from .views import (
    AuthorView,
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
    """The next immutable version (v2, v3, …); only the submitter or an admin."""
    for label, value, limit in (("response_letter", response_letter, 50_000), ("change_note", change_note, 5_000)):
        if value is not None and len(value) > limit:
            raise BadInput(f"{label} is {len(value)} characters; the limit is {limit}.")
    if title is not None and not (3 <= len(title.strip()) <= 500):
        raise BadInput("A title is 3–500 characters.")
    with p.db.read() as s:
        sub = s.get(Submission, submission_id)
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        _require_owner(sub, actor)
        if sub.status not in states.REVISABLE:
            raise Conflict(
                f"A new version cannot be added while the submission is {sub.status.replace('_', ' ')}."
            )
    filename = _safe_filename(filename)
    doc = parse_upload(p, filename, data)
    text = reader_text(doc)
    file_sha, doc_sha, created = _store(p, data, doc)
    try:
        with p.db.transaction() as s:
            sub = s.get(Submission, submission_id, with_for_update=True)
            _require_owner(sub, actor)
            if sub.status not in states.REVISABLE:
                raise Conflict(f"A new version cannot be added while the submission is {sub.status}.")
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


def _require_owner(sub: Submission, actor: Principal) -> None:
    if sub.submitter_id != actor.id and not actor.is_admin:
        raise Forbidden("Only the submitter (or an administrator) can change this submission.")


def withdraw(p: Platform, actor: Principal, submission_id: str, reason: str = "") -> SubmissionView:
    with p.db.transaction() as s:
        sub = s.get(Submission, submission_id, with_for_update=True)
        if sub is None:
            raise NotFound(f"No submission '{submission_id}'.")
        _require_owner(sub, actor)
        states.transition(s, sub, states.WITHDRAWN, actor_id=actor.id, reason=reason or "withdrawn by the submitter")
        audit(s, actor.id, "submission.withdraw", "submission", sub.id, reason=reason)
    return get_submission(p, submission_id, actor=actor)


# --- reads ----------------------------------------------------------------------------------


def can_see(sub: Submission, actor: Principal | None, author_ids: set[str] | None = None) -> bool:
    """Held submissions are seen only by their submitter, authors and administrators."""
    if sub.status != states.HELD:
        return True
    if actor is None:
        return False
    return actor.is_admin or actor.id == sub.submitter_id or actor.id in (author_ids or set())


def _load(s: Session, submission_id: str, actor: Principal | None) -> Submission:
    sub = s.scalar(
        select(Submission)
        .where(Submission.id == submission_id)
        .options(selectinload(Submission.authors), selectinload(Submission.versions))
    )
    if sub is None or not can_see(sub, actor, {a.account_id for a in sub.authors if a.account_id}):
        raise NotFound(f"No submission '{submission_id}'.")
    return sub


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


def get_submission(
    p: Platform, submission_id: str, *, version: int | None = None, actor: Principal | None = None
) -> SubmissionView:
    with p.db.read() as s:
        sub = _load(s, submission_id, actor)
        ids = {sub.submitter_id} | {v.submitted_by for v in sub.versions} | {a.account_id for a in sub.authors if a.account_id}
        accts = {a.id: a for a in s.scalars(select(Account).where(Account.id.in_(ids)))}
        owner_ids = {a.owner_id for a in accts.values() if a.owner_id} - set(accts)
        if owner_ids:
            accts.update({a.id: a for a in s.scalars(select(Account).where(Account.id.in_(owner_ids)))})
        handles = {i: a.handle for i, a in accts.items()}
        number = version or sub.latest_version
        v = next((x for x in sub.versions if x.number == number), None)
        if v is None:
            raise NotFound(f"Submission '{submission_id}' has no version {number}.")
        history = s.scalars(
            select(StatusTransition).where(StatusTransition.submission_id == sub.id).order_by(StatusTransition.id)
        ).all()
        authors = []
        for a in sub.authors:
            acct = accts.get(a.account_id) if a.account_id else None
            owner = accts.get(acct.owner_id) if acct and acct.owner_id else None
            authors.append(
                AuthorView(
                    position=a.position, name=a.name, kind=a.kind, handle=acct.handle if acct else None,
                    affiliation=a.affiliation, model_name=a.model_name, model_developer=a.model_developer,
                    initiating_human=owner.display_name if owner else None, orcid=a.orcid,
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


def list_versions(p: Platform, submission_id: str, actor: Principal | None = None) -> list[VersionView]:
    with p.db.read() as s:
        sub = _load(s, submission_id, actor)
        handles = dict(s.execute(select(Account.id, Account.handle).where(Account.id.in_({v.submitted_by for v in sub.versions}))).all())
        return [_version_view(v, handles) for v in sub.versions]


def get_version_row(p: Platform, submission_id: str, number: int, actor: Principal | None = None) -> Version:
    with p.db.read() as s:
        sub = _load(s, submission_id, actor)
        v = next((x for x in sub.versions if x.number == number), None)
        if v is None:
            raise NotFound(f"Submission '{submission_id}' has no version {number}.")
        s.expunge(v)
        return v


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
    with p.db.read() as s:
        stmt = select(Submission).options(selectinload(Submission.authors))
        if kind:
            stmt = stmt.where(Submission.kind == kind)
        if status:
            stmt = stmt.where(Submission.status == status)
        if status != states.HELD and not (actor and actor.is_admin):
            visible = Submission.status != states.HELD
            if actor is not None:
                visible = or_(visible, Submission.submitter_id == actor.id)
            stmt = stmt.where(visible)
        if category:
            stmt = stmt.where(
                Submission.id.in_(select(SubmissionCategory.submission_id).where(SubmissionCategory.category == category))
            )
        if author:
            pattern = f"%{author.strip().lower()}%"
            by_name = select(SubmissionAuthor.submission_id).where(func.lower(SubmissionAuthor.name).like(pattern))
            by_handle = (
                select(SubmissionAuthor.submission_id)
                .join(Account, Account.id == SubmissionAuthor.account_id)
                .where(Account.handle == author.strip().lower())
            )
            stmt = stmt.where(or_(Submission.id.in_(by_name), Submission.id.in_(by_handle)))
        if q:
            clause = match_clause(s, q)
            if clause is not None:
                stmt = stmt.where(clause)
        if cursor:
            c_at, c_id = _decode_cursor(cursor)
            stmt = stmt.where(
                or_(Submission.created_at < c_at, and_(Submission.created_at == c_at, Submission.id < c_id))
            )
        stmt = stmt.order_by(Submission.created_at.desc(), Submission.id.desc()).limit(limit + 1)
        rows = s.scalars(stmt).all()
        items = [
            SubmissionSummary(
                id=r.id, kind=r.kind, title=r.title, abstract=r.abstract[:1000],
                authors=[a.name for a in r.authors], categories=r.categories, status=r.status,
                latest_version=r.latest_version, created_at=r.created_at, updated_at=r.updated_at,
                like_count=r.like_count, comment_count=r.comment_count,
            )
            for r in rows[:limit]
        ]
        nxt = _encode_cursor(rows[limit - 1].created_at, rows[limit - 1].id) if len(rows) > limit else None
    return Page(items=items, next_cursor=nxt)
