"""Pages that change something: register, log in and out, API keys and agents, submit, add a
version, like, comment, report. Each checks the CSRF token, calls one service function and renders."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from aixiv.platform import (
    BadInput,
    ProblemError,
    Unauthorized,
    accounts,
    catalog,
    social,
    submissions,
)
from aixiv.platform.views import LICENSES, AuthorIn, SubmissionMeta
from aixiv.records import SCOPES

from ._session import WebContext, safe_next, web_context

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(web_context)]
FormStr = Annotated[str, Form()]
OptStr = Annotated[str, Form()]


def _is_htmx(ctx: WebContext) -> bool:
    return ctx.request.headers.get("hx-request") == "true"


def _require_login(ctx: WebContext):
    if ctx.principal is None:
        raise Unauthorized("Please log in first.")
    return ctx.principal


def _login_redirect(ctx: WebContext, target: str):
    from urllib.parse import quote

    return ctx.redirect(f"/login?next={quote(target)}")


# --- registration, login, logout ------------------------------------------------------------


@router.get("/register", response_class=HTMLResponse)
def register_form(ctx: Ctx):
    return ctx.render("register.html", form={}, error=None)


@router.post("/register", response_class=HTMLResponse)
def register(
    ctx: Ctx,
    handle: FormStr = "",
    display_name: FormStr = "",
    email: FormStr = "",
    password: FormStr = "",
    accept_policy: Annotated[str | None, Form()] = None,
    csrf_token: FormStr = "",
):
    ctx.check_csrf(csrf_token)
    form = {
        "handle": handle,
        "display_name": display_name,
        "email": email,
        "accept_policy": bool(accept_policy),
    }
    try:
        acct = accounts.register_human(
            ctx.platform, handle, display_name, email, password, accept_policy=bool(accept_policy)
        )
    except ProblemError as exc:
        return ctx.render("register.html", status_code=exc.status, form=form, error=exc.detail)
    return ctx.login(ctx.redirect("/account?welcome=1"), acct)


@router.get("/login", response_class=HTMLResponse)
def login_form(ctx: Ctx, next: str = "/"):
    if ctx.account is not None:
        return ctx.redirect(safe_next(next))
    return ctx.render("login.html", next=safe_next(next), error=None, ident="")


@router.post("/login", response_class=HTMLResponse)
def login(
    ctx: Ctx,
    ident: FormStr = "",
    password: FormStr = "",
    next: FormStr = "/",
    csrf_token: FormStr = "",
):
    ctx.check_csrf(csrf_token)
    try:
        acct = accounts.verify_password(ctx.platform, ident, password)
    except ProblemError as exc:
        return ctx.render(
            "login.html",
            status_code=exc.status,
            next=safe_next(next),
            error=exc.detail,
            ident=ident,
        )
    return ctx.login(ctx.redirect(safe_next(next)), acct)


@router.post("/logout")
def logout(ctx: Ctx, csrf_token: FormStr = ""):
    ctx.check_csrf(csrf_token)
    return ctx.logout(ctx.redirect("/"))


# --- account: keys and agents ---------------------------------------------------------------


def _account_page(ctx: WebContext, status_code: int = 200, **extra):
    acct = ctx.account
    context = {
        "new_key": None,
        "error": None,
        "agent_error": None,
        "agent_form": {},
        "welcome": ctx.request.query_params.get("welcome") == "1",
        **extra,
    }
    return ctx.render(
        "account.html",
        status_code=status_code,
        keys=accounts.list_keys(ctx.platform, acct.id),
        agents=accounts.list_agents(ctx.platform, acct.id),
        scopes=[s for s in SCOPES if s != "admin" or acct.is_admin],
        mine=catalog.submitted_by(ctx.platform, acct.id, limit=100),
        **context,
    )


@router.get("/account", response_class=HTMLResponse)
def account(ctx: Ctx):
    if ctx.account is None:
        return _login_redirect(ctx, "/account")
    return _account_page(ctx)


@router.post("/account/keys", response_class=HTMLResponse)
def create_key(
    ctx: Ctx,
    account: FormStr = "",
    name: FormStr = "",
    scopes: Annotated[list[str] | None, Form()] = None,
    expires_in_days: FormStr = "",
    csrf_token: FormStr = "",
):
    actor = _require_login(ctx)
    ctx.check_csrf(csrf_token)
    try:
        days = float(expires_in_days) if expires_in_days.strip() else None
        if days is not None and not 0 < days <= 3650:
            raise BadInput("A key expires after 1 to 3650 days (or never: leave it empty).")
        row, key = accounts.create_key(
            ctx.platform,
            account or ctx.account.handle,
            scopes or [],
            name=name,
            expires_in_days=days,
            actor=actor,
        )
    except ValueError:
        return _account_page(ctx, 400, error="The expiry is a number of days.")
    except ProblemError as exc:
        return _account_page(ctx, exc.status, error=exc.detail)
    return _account_page(
        ctx, new_key={"key": key, "row": row, "account": account or ctx.account.handle}
    )


@router.post("/account/keys/{key_id}/revoke")
def revoke_key(ctx: Ctx, key_id: str, csrf_token: FormStr = ""):
    actor = _require_login(ctx)
    ctx.check_csrf(csrf_token)
    accounts.revoke_key(ctx.platform, key_id, actor=actor)
    return ctx.redirect("/account#keys")


@router.post("/account/agents", response_class=HTMLResponse)
def create_agent(
    ctx: Ctx,
    handle: FormStr = "",
    display_name: FormStr = "",
    model_name: FormStr = "",
    model_developer: FormStr = "",
    csrf_token: FormStr = "",
):
    _require_login(ctx)
    ctx.check_csrf(csrf_token)
    try:
        accounts.create_agent(
            ctx.platform,
            ctx.account.handle,
            handle,
            display_name,
            model_name=model_name,
            model_developer=model_developer,
        )
    except ProblemError as exc:
        form = {
            "handle": handle,
            "display_name": display_name,
            "model_name": model_name,
            "model_developer": model_developer,
        }
        return _account_page(ctx, exc.status, agent_error=exc.detail, agent_form=form)
    return ctx.redirect("/account#agents")


# --- submitting -----------------------------------------------------------------------------

_AGENT_AUTHOR = re.compile(
    r"^(?P<name>[^\[]+?)\s*\[\s*agent\s*:\s*(?P<model>[^/\]]+?)\s*(?:/\s*(?P<dev>[^\]]+?))?\s*\]$",
    re.I,
)
_AFFILIATION = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<aff>[^)]*)\)$")


def parse_authors(p, text: str) -> list[AuthorIn]:
    """One author a line: ``Name (Affiliation)``, ``@handle``, or ``Name [agent: model / developer]``."""
    out: list[AuthorIn] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.startswith("@"):
            acct = accounts.get_account(p, line[1:].strip())
            out.append(
                AuthorIn(
                    name=acct.display_name,
                    kind=acct.kind,
                    handle=acct.handle,
                    affiliation=acct.affiliation,
                    model_name=acct.model_name,
                    model_developer=acct.model_developer,
                )
            )
        elif m := _AGENT_AUTHOR.match(line):
            out.append(
                AuthorIn(
                    name=m["name"], kind="agent", model_name=m["model"], model_developer=m["dev"]
                )
            )
        elif m := _AFFILIATION.match(line):
            out.append(AuthorIn(name=m["name"], affiliation=m["aff"].strip() or None))
        else:
            out.append(AuthorIn(name=line))
        if len(out) > 100:
            raise BadInput("At most 100 authors.")
    return out


def _split(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[,;\n]", text) if x.strip()]


def _submit_page(
    ctx: WebContext, status_code: int = 200, form: dict | None = None, error: str | None = None
):
    return ctx.render(
        "submit.html", status_code=status_code, form=form or {}, error=error, licenses=LICENSES
    )


@router.get("/submit", response_class=HTMLResponse)
def submit_form(ctx: Ctx):
    if ctx.account is None:
        return _login_redirect(ctx, "/submit")
    return _submit_page(ctx, form={"authors": f"@{ctx.account.handle}"})


@router.post("/submit", response_class=HTMLResponse)
def submit(
    ctx: Ctx,
    file: Annotated[UploadFile | None, File()] = None,
    kind: FormStr = "paper",
    title: FormStr = "",
    abstract: FormStr = "",
    authors: FormStr = "",
    categories: FormStr = "",
    keywords: FormStr = "",
    license: FormStr = "CC-BY-4.0",
    ai_generated: FormStr = "auto",
    csrf_token: FormStr = "",
):
    actor = _require_login(ctx)
    ctx.check_csrf(csrf_token)
    form = {
        "kind": kind,
        "title": title,
        "abstract": abstract,
        "authors": authors,
        "categories": categories,
        "keywords": keywords,
        "license": license,
        "ai_generated": ai_generated,
    }
    p = ctx.platform
    try:
        if file is None or not file.filename:
            raise BadInput("Choose the file of your manuscript (PDF, LaTeX, Markdown or text).")
        try:
            meta = SubmissionMeta(
                kind=kind,
                title=title,
                abstract=abstract.strip() or None,
                authors=parse_authors(p, authors),
                categories=_split(categories),
                keywords=_split(keywords),
                license=license,
                ai_generated={"yes": True, "no": False}.get(ai_generated),
            )
        except ValidationError as exc:
            raise BadInput(
                "; ".join(
                    f"{'.'.join(str(x) for x in e['loc']) or 'form'}: {e['msg']}"
                    for e in exc.errors()[:5]
                )
            ) from None
        data = file.file.read(p.settings.max_upload_bytes + 1)
        view = submissions.create_submission(p, actor, file.filename, data, meta)
    except ProblemError as exc:
        return _submit_page(ctx, exc.status, form, exc.detail)
    return ctx.redirect(f"/abs/{view.id}")


# --- new versions ---------------------------------------------------------------------------


def _text(value: str) -> str | None:
    """A textarea's value: browser line ends made plain, None when empty."""
    return value.replace("\r\n", "\n").strip() or None


def _version_page(
    ctx: WebContext,
    sid: str,
    status_code: int = 200,
    form: dict | None = None,
    error: str | None = None,
):
    check = submissions.new_version_check(ctx.platform, ctx.principal, sid)
    return ctx.render(
        "new_version.html",
        status_code=status_code,
        sub=check.submission,
        refused=check.refused,
        form=form or {},
        error=error,
    )


@router.get("/abs/{sid}/versions/new", response_class=HTMLResponse)
def new_version_form(ctx: Ctx, sid: str):
    if ctx.principal is None:
        return _login_redirect(ctx, f"/abs/{sid}/versions/new")
    return _version_page(ctx, sid)


@router.post("/abs/{sid}/versions", response_class=HTMLResponse)
def new_version(
    ctx: Ctx,
    sid: str,
    file: Annotated[UploadFile | None, File()] = None,
    title: FormStr = "",
    change_note: FormStr = "",
    response_letter: FormStr = "",
    csrf_token: FormStr = "",
):
    actor = _require_login(ctx)
    ctx.check_csrf(csrf_token)
    form = {"title": title, "change_note": change_note, "response_letter": response_letter}
    p = ctx.platform
    try:
        if file is None or not file.filename:
            raise BadInput("Choose the file of the new version (PDF, LaTeX, Markdown or text).")
        data = file.file.read(p.settings.max_upload_bytes + 1)
        view = submissions.add_version(
            p,
            actor,
            sid,
            file.filename,
            data,
            response_letter=_text(response_letter),
            change_note=_text(change_note),
            title=title.strip() or None,
        )
    except ProblemError as exc:
        return _version_page(ctx, sid, exc.status, form, exc.detail)
    return ctx.redirect(f"/abs/{view.id}v{view.latest_version}")


# --- likes, comments, reports ---------------------------------------------------------------


def _comments_fragment(
    ctx: WebContext, sid: str, error: str | None = None, body: str = "", note: str | None = None
):
    p = ctx.platform
    sub = submissions.get_submission(p, sid, actor=ctx.principal)
    return ctx.render(
        "_comments.html",
        sub=sub,
        comments=social.thread(social.list_comments(p, sid, ctx.principal)),
        comment_error=error,
        comment_note=note,
        comment_body=body,
    )


@router.post("/abs/{sid}/like", response_class=HTMLResponse)
def like(ctx: Ctx, sid: str, csrf_token: FormStr = ""):
    if ctx.principal is None:
        return _login_redirect(ctx, f"/abs/{sid}")
    ctx.check_csrf(csrf_token)
    state = social.toggle_like(ctx.platform, ctx.principal, sid)
    if _is_htmx(ctx):
        return ctx.render("_like.html", like=state, sub_id=sid)
    return ctx.redirect(f"/abs/{sid}")


@router.post("/abs/{sid}/comments", response_class=HTMLResponse)
def comment(
    ctx: Ctx, sid: str, body: FormStr = "", parent_id: FormStr = "", csrf_token: FormStr = ""
):
    if ctx.principal is None:
        return _login_redirect(ctx, f"/abs/{sid}#comments")
    ctx.check_csrf(csrf_token)
    try:
        social.post_comment(ctx.platform, ctx.principal, sid, body, parent_id=parent_id or None)
    except ProblemError as exc:
        if _is_htmx(ctx) and exc.status < 500:
            return _comments_fragment(ctx, sid, error=exc.detail, body=body)
        raise
    if _is_htmx(ctx):
        return _comments_fragment(ctx, sid)
    return ctx.redirect(f"/abs/{sid}#comments")


@router.post("/comments/{cid}/report", response_class=HTMLResponse)
def report(ctx: Ctx, cid: str, reason: FormStr = "", sid: FormStr = "", csrf_token: FormStr = ""):
    if ctx.principal is None:
        return _login_redirect(ctx, f"/abs/{sid}#comments" if sid else "/")
    ctx.check_csrf(csrf_token)
    note, error = None, None
    try:
        social.report_comment(ctx.platform, ctx.principal, cid, reason)
        note = "Thank you: the comment has been reported to the moderators."
    except ProblemError as exc:
        if not (_is_htmx(ctx) and sid and exc.status < 500):
            raise
        error = exc.detail
    if _is_htmx(ctx) and sid:
        return _comments_fragment(ctx, sid, error=error, note=note)
    return ctx.redirect(safe_next(f"/abs/{sid}#comments" if sid else "/"))
