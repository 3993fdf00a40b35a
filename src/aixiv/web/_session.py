"""Who is looking at a page: the session cookie, the CSRF token, and rendering with both."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aixiv.platform import Forbidden, Platform, Principal, accounts
from aixiv.records import Account, WebSession

from ._render import render_template

SESSION_COOKIE = "aixiv_session"
ANON_CSRF_COOKIE = "aixiv_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass
class WebContext:
    request: Request
    platform: Platform
    account: Account | None = None
    session: WebSession | None = None
    principal: Principal | None = None
    csrf_token: str = ""
    _new_anon_token: bool = False
    extra_cookies: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def secure(self) -> bool:
        return self.request.url.scheme == "https" or self.platform.settings.base_url.startswith(
            "https://"
        )

    def check_csrf(self, submitted: str | None) -> None:
        """Refuse a state-changing request whose token does not match this browser's."""
        sent = submitted or self.request.headers.get(CSRF_HEADER) or ""
        expected = self.csrf_token if not self._new_anon_token else ""
        if not expected or not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
            raise Forbidden(
                "This form has expired or did not come from this site. Reload the page and try again."
            )

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = render_template(template, **self.template_context(), **context)
        return self.finish(HTMLResponse(html, status_code=status_code))

    def template_context(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "user": self.account,
            "csrf_token": self.csrf_token,
            "settings": self.platform.settings,
            "path": self.request.url.path,
            "query": self.request.query_params,
        }

    def redirect(self, url: str) -> RedirectResponse:
        return self.finish(RedirectResponse(url, status_code=303))  # type: ignore[return-value]

    def finish(self, response: Response) -> Response:
        if self._new_anon_token:
            response.set_cookie(
                ANON_CSRF_COOKIE,
                self.csrf_token,
                httponly=True,
                samesite="lax",
                secure=self.secure,
                path="/",
            )
        return response

    def login(self, response: Response, account: Account) -> Response:
        ws = accounts.open_session(self.platform, account.id)
        days = 14
        response.set_cookie(
            SESSION_COOKIE,
            ws.id,
            max_age=days * 86400,
            httponly=True,
            samesite="lax",
            secure=self.secure,
            path="/",
        )
        # a fresh anonymous token for the next login form: the old one has been used
        response.delete_cookie(ANON_CSRF_COOKIE, path="/")
        return response

    def logout(self, response: Response) -> Response:
        if self.session is not None:
            accounts.close_session(self.platform, self.session.id)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response


async def web_context(request: Request) -> WebContext:
    """Dependency: the signed-in account (if any) and the CSRF token for this browser.

    Anonymous requests need no database and no worker thread; a session cookie is looked up
    in the thread pool.
    """
    if request.cookies.get(SESSION_COOKIE):
        return await run_in_threadpool(web_context_sync, request)
    return web_context_sync(request)


def web_context_sync(request: Request) -> WebContext:
    """:func:`web_context` for callers outside the dependency system (error pages)."""
    p: Platform = request.app.state.platform
    ctx = WebContext(request=request, platform=p)
    sid = request.cookies.get(SESSION_COOKIE)
    found = accounts.session_account(p, sid) if sid else None
    if found is not None:
        ctx.account, ctx.session = found
        ctx.principal = accounts.principal_for_session_account(ctx.account)
        ctx.csrf_token = ctx.session.csrf_token
    else:
        token = request.cookies.get(ANON_CSRF_COOKIE, "")
        if len(token) < 20:
            token = secrets.token_urlsafe(24)
            ctx._new_anon_token = True
        ctx.csrf_token = token
    return ctx


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after a form (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
