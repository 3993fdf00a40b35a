"""Pages for reading: home, listings and search, abstract pages, diffs, citations, policy."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from aixiv.api.reads import reads
from aixiv.platform import (
    BadInput,
    NotFound,
    catalog,
    pages,
    reviews,
    social,
    submissions,
)

from . import _cite
from ._diff import diff_texts
from ._present import guard_shape, review_shape
from ._session import WebContext, web_context

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(web_context)]

_IDENT = re.compile(r"^(?P<id>.+?)(?:v(?P<n>\d{1,6}))?$")
REVIEW_ORDER = {"meta": 0, "single": 1, "domain": 2, "external": 3}


def _wants_json(ctx: WebContext) -> bool:
    """Like datasette: any reading page also answers as JSON with ``?format=json``."""
    return ctx.request.query_params.get("format") == "json"


def parse_ident(ident: str) -> tuple[str, int | None]:
    """``aixiv.250101.000001`` or ``aixiv.250101.000001v2`` -> (id, version or None)."""
    m = _IDENT.match(ident.strip())
    if not m or len(ident) > 64:
        raise NotFound(f"'{ident}' is not an aixiv identifier.")
    return m.group("id"), int(m.group("n")) if m.group("n") else None


@router.get("/", response_class=HTMLResponse)
@reads
def home(ctx: Ctx):
    p, actor = ctx.platform, ctx.principal
    data = {
        "counts": catalog.status_counts(p, actor),
        "accepted": catalog.recent(p, "accepted", limit=5),
        "under_review": submissions.list_submissions(
            p, status="under_review", limit=5, actor=actor
        ).items,
        "newest": submissions.list_submissions(p, limit=8, actor=actor).items,
        "categories": catalog.category_counts(p, limit=24),
    }
    if _wants_json(ctx):
        return JSONResponse(jsonable_encoder(data))
    return ctx.render("home.html", **data)


@router.get("/list", response_class=HTMLResponse)
@reads
def listing(
    ctx: Ctx,
    q: Annotated[str | None, Query(max_length=500)] = None,
    kind: str | None = None,
    category: str | None = None,
    status: str | None = None,
    author: Annotated[str | None, Query(max_length=200)] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
):
    p = ctx.platform
    page = submissions.list_submissions(
        p,
        kind=kind or None,
        status=status or None,
        category=category or None,
        author=author or None,
        q=q or None,
        cursor=cursor or None,
        limit=limit,
        actor=ctx.principal,
    )
    if _wants_json(ctx):
        return JSONResponse(page.model_dump(mode="json"))
    return ctx.render(
        "list.html",
        page=page,
        q=q or "",
        kind=kind or "",
        category=category or "",
        status=status or "",
        author=author or "",
        limit=limit,
        categories=catalog.category_counts(p, limit=40),
        statuses=catalog.status_counts(p, ctx.principal),
    )


@router.get("/policy", response_class=HTMLResponse)
def policy(ctx: Ctx):
    return ctx.render("policy.html")


def _shown(r: reviews.ReviewView) -> set[str]:
    """Body keys the heading of a review already shows."""
    return {
        k for k, v in (("rating", r.rating), ("recommendation", r.recommendation)) if v is not None
    }


@router.get("/abs/{ident}", response_class=HTMLResponse)
@reads
def abstract(ctx: Ctx, ident: str):
    p, actor = ctx.platform, ctx.principal
    sid, n = parse_ident(ident)
    page = pages.abstract_page(p, sid, n, actor)
    sub, versions, assessment, guard = page.submission, page.versions, page.assessment, page.guard
    v = sub.version
    flat_comments = page.comments
    if _wants_json(ctx):
        return JSONResponse(
            {
                "submission": sub.model_dump(mode="json"),
                "versions": [x.model_dump(mode="json") for x in versions],
                "assessment": assessment.model_dump(mode="json"),
                "comments": [c.model_dump(mode="json") for c in flat_comments],
            }
        )
    comments = social.thread(flat_comments)
    base = p.settings.base_url
    registered = [x for x in versions if x.doi and x.doi_state == "findable"]
    public_doi = (
        v.doi if v.doi and v.doi_state == "findable" else (sub.concept_doi if registered else None)
    )
    ordered = sorted(assessment.reviews, key=lambda r: (REVIEW_ORDER.get(r.kind, 9), r.created_at))
    rounds: dict[int, list] = {}
    for vote in assessment.votes:
        rounds.setdefault(vote.round, []).append(vote)
    return ctx.render(
        "abs.html",
        sub=sub,
        v=v,
        versions=versions,
        is_latest=v.number == sub.latest_version,
        assessment=assessment,
        reviews=ordered,
        shapes={r.id: review_shape(r.body, _shown(r)) for r in ordered},
        has_domain=any(r.kind == "domain" for r in ordered),
        vote_rounds=sorted(rounds.items()),
        any_simulated=any(r.simulated for r in assessment.reviews)
        or any(x.simulated for x in assessment.votes),
        guard=guard,
        guard_view=guard_shape(guard.get("report")) if guard else None,
        comments=comments,
        like=page.like,
        cite=_cite.cite_as(sub, v, base),
        bibtex=_cite.bibtex(sub, v, base),
        abs_url=_cite.abs_url(base, sub, v),
        file_url=f"{base.rstrip('/')}/api/v1/submissions/{sub.id}/versions/{v.number}/file",
        public_doi=public_doi,
        may_add_version=submissions.may_add_version(sub, actor),
    )


@router.get("/abs/{ident}/diff", response_class=HTMLResponse)
@reads
def diff(
    ctx: Ctx,
    ident: str,
    from_: Annotated[int | None, Query(alias="from", ge=1)] = None,
    to: Annotated[int | None, Query(ge=1)] = None,
    mode: str = "side",
):
    p, actor = ctx.platform, ctx.principal
    sid, _ = parse_ident(ident)
    sub = submissions.get_submission(p, sid, actor=actor)
    if len(sub.versions) < 2 and (from_ is None or to is None):
        raise BadInput(f"{sid} has only one version: there is nothing to compare yet.")
    new = to or sub.latest_version
    old = from_ or max(1, new - 1)
    if mode not in ("side", "unified"):
        raise BadInput("mode is 'side' or 'unified'.")
    a = submissions.get_version_row(p, sid, old, actor)
    b = submissions.get_version_row(p, sid, new, actor)
    result = diff_texts(a.text, b.text, old_label=f"{sid}v{old}", new_label=f"{sid}v{new}")
    versions = submissions.list_versions(p, sid, actor)
    return ctx.render(
        "diff.html",
        sub=sub,
        versions=versions,
        old=old,
        new=new,
        mode=mode,
        result=result,
        old_version=next(x for x in versions if x.number == old),
        new_version=next(x for x in versions if x.number == new),
    )


@router.get("/abs/{ident}/bibtex", response_class=PlainTextResponse)
def bibtex(ctx: Ctx, ident: str):
    sid, n = parse_ident(ident)
    sub = submissions.get_submission(ctx.platform, sid, version=n, actor=ctx.principal)
    return PlainTextResponse(_cite.bibtex(sub, sub.version, ctx.platform.settings.base_url))


@router.get("/abs/{ident}/datacite.json")
def datacite_json(ctx: Ctx, ident: str):
    sid, n = parse_ident(ident)
    sub = submissions.get_submission(ctx.platform, sid, version=n, actor=ctx.principal)
    return JSONResponse(
        _cite.datacite(sub, sub.version, ctx.platform.settings.base_url),
        media_type="application/vnd.datacite.datacite+json",
    )
