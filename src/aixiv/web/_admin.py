"""The moderation page for administrators: reported and hidden comments, held submissions.

Each action checks the CSRF token, calls one function of ``aixiv.platform.moderation`` (the one
the REST API calls) and comes back to the page with what happened.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse

from aixiv.platform import ProblemError, moderation

from ._session import WebContext, web_context

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(web_context)]
FormStr = Annotated[str, Form()]
PAGE = "/admin/moderation"

NOTES = {
    "hidden": "The comment is hidden; its open reports are closed as upheld.",
    "restored": "The comment is shown again; its open reports are dismissed.",
    "dismissed": "The report is dismissed; the comment is unchanged.",
    "released": "The submission is released to review; the reason is in its history.",
}


def _page(ctx: WebContext, status_code: int = 200, error: str | None = None):
    data = moderation.queue(ctx.platform, ctx.principal)
    note = NOTES.get(ctx.request.query_params.get("done", ""))
    return ctx.render(
        "moderation.html",
        status_code=status_code,
        queue=data,
        note=None if error else note,
        error=error,
    )


@router.get(PAGE, response_class=HTMLResponse)
def moderation_page(ctx: Ctx):
    if ctx.principal is None:
        return ctx.redirect(f"/login?next={quote(PAGE)}")
    return _page(ctx)


def _act(ctx: WebContext, csrf_token: str, done: str, action, *args):
    if ctx.principal is None:
        return ctx.redirect(f"/login?next={quote(PAGE)}")
    ctx.check_csrf(csrf_token)
    try:
        action(ctx.platform, ctx.principal, *args)
    except ProblemError as exc:
        if exc.status in (401, 403):
            raise
        return _page(ctx, exc.status, error=exc.detail)
    return ctx.redirect(f"{PAGE}?done={done}")


@router.post(PAGE + "/comments/{cid}/hide", response_class=HTMLResponse)
def hide(ctx: Ctx, cid: str, csrf_token: FormStr = ""):
    return _act(ctx, csrf_token, "hidden", moderation.hide_comment, cid)


@router.post(PAGE + "/comments/{cid}/restore", response_class=HTMLResponse)
def restore(ctx: Ctx, cid: str, csrf_token: FormStr = ""):
    return _act(ctx, csrf_token, "restored", moderation.restore_comment, cid)


@router.post(PAGE + "/reports/{rid}/dismiss", response_class=HTMLResponse)
def dismiss(ctx: Ctx, rid: int, csrf_token: FormStr = ""):
    return _act(ctx, csrf_token, "dismissed", moderation.dismiss_report, rid)


@router.post(PAGE + "/submissions/{sid}/release", response_class=HTMLResponse)
def release(ctx: Ctx, sid: str, csrf_token: FormStr = "", reason: FormStr = ""):
    return _act(ctx, csrf_token, "released", moderation.release_held, sid, reason)
