"""Feeds for machines: Atom feeds of new and accepted submissions, and an OAI-PMH 2.0 endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from aixiv.api.deps import get_platform
from aixiv.platform import BadInput, Platform, catalog
from aixiv.platform.views import CATEGORY

from ._atom import atom_feed
from ._oai import Repository

ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
router = APIRouter(include_in_schema=True, tags=["feeds"])
PlatformDep = Annotated[Platform, Depends(get_platform)]


def _feed(p: Platform, which: str, category: str | None, limit: int) -> Response:
    if category is not None and not CATEGORY.match(category):
        raise BadInput(f"'{category}' is not a category name (like cs.LG or q-bio.NC).")
    base = p.settings.base_url.rstrip("/")
    records = catalog.recent(p, which, category=category, limit=limit)
    label = "Accepted" if which == "accepted" else "New"
    where = f" in {category}" if category else ""
    self_url = f"{base}/feeds/{which}.atom" + (f"?category={category}" if category else "")
    alt = (
        f"{base}/list?"
        + ("status=accepted" if which == "accepted" else "")
        + (f"&category={category}" if category else "")
    )
    body = atom_feed(
        records,
        title=f"aixiv: {label.lower()} submissions{where}",
        subtitle=f"{label} proposals and papers{where} on aixiv, newest first.",
        self_url=self_url,
        alt_url=alt,
        base_url=base,
        which=which,
    )
    return Response(body, media_type=ATOM_TYPE)


@router.get("/feeds/new.atom", summary="Atom feed of new submissions")
def new_feed(
    p: PlatformDep, category: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50
):
    return _feed(p, "new", category, limit)


@router.get("/feeds/accepted.atom", summary="Atom feed of accepted submissions")
def accepted_feed(
    p: PlatformDep, category: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50
):
    return _feed(p, "accepted", category, limit)


@router.get("/feeds/category/{category}.atom", summary="Atom feed of new submissions in a category")
def category_feed(category: str, p: PlatformDep, limit: Annotated[int, Query(ge=1, le=200)] = 50):
    return _feed(p, "new", category, limit)


@router.get("/oai", summary="OAI-PMH 2.0 endpoint")
def oai_get(request: Request, p: PlatformDep):
    return Response(
        Repository(p).handle(list(request.query_params.multi_items())), media_type=XML_TYPE
    )


@router.post("/oai", summary="OAI-PMH 2.0 endpoint (form-encoded POST)")
async def oai_post(request: Request, p: PlatformDep):
    form = await request.form()
    pairs = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    body = await run_in_threadpool(Repository(p).handle, pairs)
    return Response(body, media_type=XML_TYPE)


def mount(app: FastAPI, platform: Platform) -> None:
    app.include_router(router)


__all__ = ["mount"]
