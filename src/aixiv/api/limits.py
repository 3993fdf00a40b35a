"""Refuse oversize request bodies before they are read into memory or spooled to disk."""

from __future__ import annotations

import html
import json


class BodyLimit:
    """ASGI middleware: 413 when a request body exceeds ``limit`` bytes (declared or streamed)."""

    def __init__(self, app, limit: int, file_limit_mb: float | None = None) -> None:
        self.app = app
        self.limit = limit
        self.file_limit_mb = file_limit_mb  # what a person is told (the body also carries form fields)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._reject(scope, send)
        seen = 0
        started = False

        async def guarded_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(scope, send)

    async def _reject(self, scope, send):
        mb = self.limit / (1024 * 1024)
        headers = dict(scope.get("headers") or [])
        path = scope.get("path", "")
        if not path.startswith(("/api/", "/mcp")) and b"text/html" in headers.get(b"accept", b""):
            # a form in a browser: a page to read, with the way back
            back = headers.get(b"referer", b"").decode("latin-1")
            if not back.startswith(("http://", "https://", "/")):
                back = "/"
            body = _PAGE.format(mb=f"{self.file_limit_mb or mb:g}", back=html.escape(back, quote=True)).encode()
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps(
                {
                    "type": "https://aixiv.org/problems/too-large",
                    "title": "Upload too large",
                    "status": 413,
                    "detail": f"The request body is larger than the {mb:.0f} MB limit.",
                    "instance": path,
                }
            ).encode()
            content_type = b"application/problem+json"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Upload too large — aixiv</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/aixiv.css"></head>
<body><main id="main" class="wrap"><h1 class="page-title">Upload too large</h1>
<p class="lede">The file is larger than the {mb} MB limit, so nothing was stored.
Compress its figures or split the supplementary material, then try again.</p>
<p><a href="{back}">Back to the form</a> · <a href="/">aixiv home</a></p>
</main></body></html>
"""
