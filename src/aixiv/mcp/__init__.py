"""MCP adapter: the platform's tools, resources and prompts for agents, over stdio and HTTP.

`aixiv mcp` serves one agent over stdio, acting as the principal of its API key, straight on
the local database. `aixiv serve` mounts streamable HTTP at /mcp, where every request sends
its key as ``Authorization: Bearer <key>``. Both run the same server built by `build_server`.
"""

from __future__ import annotations

from typing import Any

from aixiv.platform import Platform, Principal

from ._http import PATH, McpEndpoint
from ._identity import Identity
from ._server import build_server

__all__ = ["PATH", "Identity", "McpEndpoint", "build_server", "mount", "run_stdio"]


def mount(app: Any, platform: Platform) -> None:
    """Serve MCP over streamable HTTP at /mcp of the FastAPI ``app``."""
    from starlette.routing import Route

    endpoint = McpEndpoint(build_server(platform, Identity.for_http(platform)), platform)
    # first, so no catch-all route of another adapter shadows it
    for path in (PATH, PATH + "/"):
        app.router.routes.insert(0, Route(path, endpoint=endpoint, include_in_schema=False))
    app.state.lifespans.append(endpoint.lifespan)
    app.state.mcp = endpoint


async def run_stdio(
    platform: Platform, principal: Principal | None, *, worker: bool = False
) -> None:
    """Serve one client over stdin/stdout until it hangs up; optionally run the job worker too."""
    import anyio

    server = build_server(platform, Identity.for_stdio(platform, principal))
    if not worker:
        await server.run_stdio_async()
        return
    from aixiv.jobs import Worker

    s = platform.settings
    w = Worker(
        platform,
        platform.queue,
        concurrency=s.worker_concurrency,
        lease_s=s.job_lease_s,
        poll_s=s.job_poll_s,
    )
    platform.worker = w
    async with anyio.create_task_group() as tg:
        tg.start_soon(w.run)
        try:
            await server.run_stdio_async()
        finally:
            w.stop()
            platform.worker = None
