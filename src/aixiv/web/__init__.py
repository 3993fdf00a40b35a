"""Server-rendered pages for people: Jinja2 templates, a little htmx, no build chain.

Every route parses its input, calls one service function of ``aixiv.platform`` and renders
the result; errors on these pages are HTML pages, while /api keeps its JSON problems.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from aixiv.platform import Platform, ProblemError

from ._render import STATIC

# Paths that belong to machine interfaces and keep their own error shapes.
MACHINE_PREFIXES = (
    "/api/",
    "/mcp",
    "/oai",
    "/feeds/",
    "/docs",
    "/redoc",
    "/openapi.json",
    "/static/",
)


def is_web_path(path: str) -> bool:
    return not (path == "/api" or path.startswith(MACHINE_PREFIXES))


def _error_page(request: Request, status: int, title: str, detail: str):
    from ._session import web_context_sync

    try:
        ctx = web_context_sync(request)
    except Exception:  # noqa: BLE001 - an error page must render even when the database is down
        from fastapi.responses import HTMLResponse

        from ._render import render_template

        return HTMLResponse(
            render_template(
                "error.html",
                status=status,
                title=title,
                detail=detail,
                user=None,
                csrf_token="",
                path=request.url.path,
                query=request.query_params,
            ),
            status_code=status,
        )
    response = ctx.render(
        "error.html", status_code=status, status=status, title=title, detail=detail
    )
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Cookie realm="aixiv"'
    return response


def _install_errors(app: FastAPI) -> None:
    json_problem = app.exception_handlers.get(ProblemError)
    json_http = app.exception_handlers.get(StarletteHTTPException)
    json_invalid = app.exception_handlers.get(RequestValidationError)

    async def problem(request: Request, exc: ProblemError):
        if is_web_path(request.url.path) or json_problem is None:
            return _error_page(request, exc.status, exc.title, exc.detail)
        return await json_problem(request, exc)

    async def http(request: Request, exc: StarletteHTTPException):
        if is_web_path(request.url.path) or json_http is None:
            if exc.status_code == 404:
                detail = f"There is no page at {request.url.path}."
            else:
                detail = exc.detail if isinstance(exc.detail, str) else "The request failed."
            titles = {404: "Page not found", 405: "Method not allowed"}
            return _error_page(
                request, exc.status_code, titles.get(exc.status_code, "Error"), detail
            )
        return await json_http(request, exc)

    async def invalid(request: Request, exc: RequestValidationError):
        if is_web_path(request.url.path) or json_invalid is None:
            msgs = []
            for e in exc.errors()[:5]:
                loc = ".".join(
                    str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "form")
                )
                msgs.append(f"{loc}: {e.get('msg', '')}" if loc else e.get("msg", ""))
            return _error_page(
                request, 400, "Bad request", "; ".join(msgs) or "The request is not valid."
            )
        return await json_invalid(request, exc)

    app.add_exception_handler(ProblemError, problem)
    app.add_exception_handler(StarletteHTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)


def mount(app: FastAPI, platform: Platform) -> None:
    """Add the web pages, their static files and HTML error pages to the app."""
    from ._admin import router as admin_router
    from ._forms import router as forms_router
    from ._pages import router as pages_router

    app.include_router(pages_router)
    app.include_router(forms_router)
    app.include_router(admin_router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _install_errors(app)


__all__ = ["is_web_path", "mount"]
