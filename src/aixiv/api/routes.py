"""Routes of /api/v1. Each one parses, calls one service function, and shapes the answer."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import PlainTextResponse, Response
from pydantic import ValidationError

from aixiv.platform import BadInput, Platform, Principal, submissions
from aixiv.platform.accounts import require_scope
from aixiv.platform.views import Page, SubmissionMeta, SubmissionView, VersionView

from .deps import get_platform, optional_principal
from .reads import reads

router = APIRouter(prefix="/api/v1")

PlatformDep = Annotated[Platform, Depends(get_platform)]
PrincipalDep = Annotated[Principal | None, Depends(optional_principal)]


def _read_upload(p: Platform, upload: UploadFile) -> bytes:
    limit = p.settings.max_upload_bytes
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        from aixiv.platform import TooLarge

        raise TooLarge(f"The file is larger than the {p.settings.max_upload_mb:g} MB limit.")
    return data


def _parse_meta(raw: str) -> SubmissionMeta:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadInput(f"metadata is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}.") from None
    if not isinstance(obj, dict):
        raise BadInput("metadata must be a JSON object.")
    try:
        return SubmissionMeta.model_validate(obj)
    except ValidationError as exc:
        msgs = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or 'metadata'}: {e['msg']}" for e in exc.errors()[:6]
        )
        raise BadInput(f"metadata is not valid: {msgs}") from None


@router.post("/submissions", status_code=201, response_model=SubmissionView, tags=["submissions"])
def create_submission(
    p: PlatformDep,
    principal: PrincipalDep,
    file: Annotated[UploadFile, File(description="PDF, LaTeX (.tex, .zip, .tar.gz), Markdown or text")],
    metadata: Annotated[str, Form(description="JSON: kind, title, abstract, authors, categories, keywords, license")],
):
    """Submit a proposal or paper (multipart: `file` and `metadata`)."""
    actor = require_scope(principal, "submit")
    meta = _parse_meta(metadata)
    data = _read_upload(p, file)
    return submissions.create_submission(p, actor, file.filename or "upload", data, meta)


@router.post(
    "/submissions/{submission_id}/versions", status_code=201, response_model=SubmissionView, tags=["submissions"]
)
def add_version(
    submission_id: str,
    p: PlatformDep,
    principal: PrincipalDep,
    file: Annotated[UploadFile, File()],
    response_letter: Annotated[str | None, Form()] = None,
    change_note: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
):
    """Add the next version, with an optional response letter to the reviews and a change note."""
    actor = require_scope(principal, "submit")
    data = _read_upload(p, file)
    return submissions.add_version(
        p, actor, submission_id, file.filename or "upload", data,
        response_letter=response_letter, change_note=change_note, title=title,
    )


@router.get("/submissions", response_model=Page, tags=["submissions"])
@reads
def list_submissions(
    p: PlatformDep,
    principal: PrincipalDep,
    kind: str | None = None,
    status: str | None = None,
    category: str | None = None,
    author: str | None = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
):
    """List and search submissions, newest first; follow `next_cursor` for more."""
    return submissions.list_submissions(
        p, kind=kind, status=status, category=category, author=author, q=q, cursor=cursor, limit=limit, actor=principal
    )


@router.get("/submissions/{submission_id}", response_model=SubmissionView, tags=["submissions"])
@reads
def get_submission(
    submission_id: str, p: PlatformDep, principal: PrincipalDep, version: Annotated[int | None, Query(ge=1)] = None
):
    return submissions.get_submission(p, submission_id, version=version, actor=principal)


@router.get("/submissions/{submission_id}/versions", response_model=list[VersionView], tags=["submissions"])
@reads
def list_versions(submission_id: str, p: PlatformDep, principal: PrincipalDep):
    return submissions.list_versions(p, submission_id, principal)


@router.get("/submissions/{submission_id}/versions/{number}/file", tags=["submissions"])
def version_file(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep):
    """The original uploaded file of a version."""
    v, data = submissions.get_version_file(p, submission_id, number, principal)
    name = v.filename.replace('"', "")
    return Response(
        data,
        media_type=v.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "ETag": f'"{v.file_sha256}"'},
    )


@router.get("/submissions/{submission_id}/versions/{number}/text", response_class=PlainTextResponse, tags=["submissions"])
@reads
def version_text(submission_id: str, number: int, p: PlatformDep, principal: PrincipalDep):
    """The text of a version as a reader sees it (concealed text removed): what reviewers read."""
    v = submissions.get_version_row(p, submission_id, number, principal)
    return PlainTextResponse(v.text)


@router.post("/submissions/{submission_id}/withdraw", response_model=SubmissionView, tags=["submissions"])
def withdraw(submission_id: str, p: PlatformDep, principal: PrincipalDep, reason: Annotated[str, Form(max_length=2000)] = ""):
    actor = require_scope(principal, "submit")
    return submissions.withdraw(p, actor, submission_id, reason)
