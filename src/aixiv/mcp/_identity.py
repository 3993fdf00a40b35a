"""Who is calling: one principal for a whole stdio session, or the API key of each HTTP request."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError

from aixiv.platform import (
    Forbidden,
    NotFound,
    Platform,
    Principal,
    ProblemError,
    Unauthorized,
    accounts,
)

# The HTTP endpoint authenticates the key once per request and leaves the principal here,
# in the ASGI scope the SDK hands on to handlers as `ctx.request_context.request`.
SCOPE_KEY = "aixiv.principal"
_UNSET = object()


class Identity:
    """Resolves the acting principal of a tool call, resource read or prompt."""

    def __init__(
        self, platform: Platform, *, fixed: Principal | None = None, stdio: bool = False
    ) -> None:
        self.platform = platform
        self.fixed = fixed
        self.stdio = stdio

    @classmethod
    def for_stdio(cls, platform: Platform, principal: Principal | None) -> Identity:
        return cls(platform, fixed=principal, stdio=True)

    @classmethod
    def for_http(cls, platform: Platform) -> Identity:
        return cls(platform)

    def principal(self, ctx: Context | None) -> Principal | None:
        if self.stdio:
            return self.fixed
        request = _request(ctx)
        if request is None:
            return None
        found = request.scope.get(SCOPE_KEY, _UNSET)
        if found is not _UNSET:
            return found
        # not routed through our endpoint (e.g. an embedded server): read the header here
        return principal_from_header(self.platform, request.headers.get("authorization"))

    def require(self, ctx: Context | None, scope: str) -> Principal:
        principal = self.principal(ctx)
        if principal is None and self.stdio:
            raise Unauthorized(
                f"This needs an API key with the '{scope}' scope: start `aixiv mcp` with --key "
                "or set AIXIV_API_KEY."
            )
        return accounts.require_scope(principal, scope)

    def require_any(self, ctx: Context | None, scopes: tuple[str, ...]) -> Principal:
        """A principal holding at least one of ``scopes``; the error names all of them."""
        principal = self.principal(ctx)
        if principal is not None and set(scopes) & principal.scopes:
            return principal
        wanted = " or ".join(f"'{s}'" for s in scopes)
        if principal is None:
            how = (
                "start `aixiv mcp` with --key or set AIXIV_API_KEY"
                if self.stdio
                else "send 'Authorization: Bearer <key>'"
            )
            raise Unauthorized(f"This needs an API key with the {wanted} scope: {how}.")
        have = ", ".join(sorted(principal.scopes)) or "none"
        raise Forbidden(f"This needs the {wanted} scope; your key has: {have}.")


def _request(ctx: Context | None) -> Any:
    if ctx is None:
        return None
    try:
        return ctx.request_context.request
    except ValueError:  # outside a request
        return None


def principal_from_header(platform: Platform, header: str | None) -> Principal | None:
    """The principal of an ``Authorization: Bearer <key>`` header; None without one."""
    if not header:
        return None
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise Unauthorized("Send the API key as 'Authorization: Bearer <key>'.")
    return accounts.authenticate_key(platform, key)


async def principal_from_header_async(platform: Platform, header: str | None) -> Principal | None:
    if not header:
        return None
    return await anyio.to_thread.run_sync(principal_from_header, platform, header)


# --- errors -----------------------------------------------------------------------------------


def tool_error(exc: ProblemError) -> ToolError:
    """A service error as an MCP tool error the calling model can act on."""
    return ToolError(f"{exc.title} ({exc.status}): {exc.detail}")


def resource_error(exc: ProblemError) -> ResourceError:
    if isinstance(exc, NotFound):
        return ResourceNotFoundError(exc.detail)
    return ResourceError(f"{exc.title} ({exc.status}): {exc.detail}")
