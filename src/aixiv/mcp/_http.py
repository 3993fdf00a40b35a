"""The streamable-HTTP endpoint at /mcp: API-key check, then the SDK's session manager."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.datastructures import Headers

from aixiv.platform import Platform, Unauthorized

from ._identity import SCOPE_KEY, principal_from_header_async

PATH = "/mcp"


class McpEndpoint:
    """ASGI app for /mcp. Stateless streamable HTTP with JSON answers: any server process can
    answer any request, and every request carries its own key, so there is no session to steal."""

    def __init__(self, server: MCPServer, platform: Platform) -> None:
        self.server = server
        self.platform = platform
        self._manager: StreamableHTTPSessionManager | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Any = None) -> AsyncIterator[None]:
        # A session manager runs once; a fresh one per lifespan lets the app start again (tests).
        self.server.streamable_http_app(
            streamable_http_path=PATH,
            stateless_http=True,
            json_response=True,
            # Base64 uploads are a third larger than the file; the app's body limit still applies.
            max_request_body_size=self.platform.settings.max_upload_bytes * 4 // 3 + 1024 * 1024,
            # The credential is a bearer key a browser never attaches by itself, so DNS
            # rebinding gains an attacker nothing; the Host check would break real host names.
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )
        manager = self.server.session_manager
        async with manager.run():
            self._manager = manager
            try:
                yield
            finally:
                self._manager = None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        manager = self._manager
        if manager is None:
            await _problem(
                send,
                503,
                "Unavailable",
                "The MCP endpoint is not running (the app lifespan has not started).",
                "unavailable",
            )
            return
        try:
            principal = await principal_from_header_async(
                self.platform, Headers(scope=scope).get("authorization")
            )
        except Unauthorized as exc:
            await _problem(send, 401, exc.title, exc.detail, exc.slug)
            return
        await manager.handle_request({**scope, SCOPE_KEY: principal}, receive, send)


async def _problem(send: Any, status: int, title: str, detail: str, slug: str) -> None:
    """An RFC 9457 problem answer, like the REST API's."""
    body = json.dumps(
        {
            "type": f"https://aixiv.org/problems/{slug}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": PATH,
        }
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 401:
        quoted = detail.replace('"', "'")
        value = f'Bearer error="invalid_token", error_description="{quoted}"'
        headers.append((b"www-authenticate", value.encode("ascii", "replace")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
