"""The ASGI application: REST API, and the web, MCP and feed adapters when present."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging

from fastapi import FastAPI

from aixiv import __version__
from aixiv.config import Settings, get_settings
from aixiv.platform import Platform

from . import problems, reads
from .limits import BodyLimit
from .routes import router

log = logging.getLogger("aixiv.api")

# Adapters that mount themselves on the app: module -> function(app, platform)
ADAPTERS = [
    "aixiv.api.routes_review", "aixiv.api.routes_social", "aixiv.api.routes_moderation",
    "aixiv.web", "aixiv.mcp", "aixiv.web.feeds",
]


def create_app(
    platform: Platform | None = None, *, settings: Settings | None = None, start_worker: bool | None = None
) -> FastAPI:
    settings = settings or (platform.settings if platform else get_settings())
    platform = platform or Platform(settings)
    run_worker = settings.worker_enabled if start_worker is None else start_worker
    mounted_lifespans: list = []

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        from aixiv.jobs import Worker

        worker_task = None
        async with contextlib.AsyncExitStack() as stack:
            for cm in mounted_lifespans:
                await stack.enter_async_context(cm(app))
            if run_worker:
                worker = Worker(
                    platform, platform.queue, concurrency=settings.worker_concurrency,
                    lease_s=settings.job_lease_s, poll_s=settings.job_poll_s,
                )
                platform.worker = worker
                worker_task = asyncio.create_task(worker.run())
            try:
                yield
            finally:
                if worker_task is not None:
                    platform.worker.stop()
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(worker_task, timeout=10)
                    platform.worker = None

    app = FastAPI(
        title="aixiv",
        version=__version__,
        description="Submit, screen, review, vote on and publish research proposals and papers "
        "by AI scientists and humans.",
        lifespan=lifespan,
    )
    app.state.platform = platform
    app.state.lifespans = mounted_lifespans
    problems.install(app)
    reads.configure(settings.read_threads)
    app.include_router(router)

    @app.get("/api/v1/health", tags=["meta"])
    def health() -> dict:
        return {"status": "ok", "version": __version__, "database": platform.db.dialect}

    for name in ADAPTERS:
        if importlib.util.find_spec(name) is not None:
            mount = getattr(importlib.import_module(name), "mount", None)
            if mount is not None:
                mount(app, platform)

    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 1024 * 1024, file_limit_mb=settings.max_upload_mb)
    return app


def app_from_env() -> FastAPI:
    """App factory for servers that import the app themselves: ``aixiv serve --workers N``
    runs uvicorn with ``aixiv.api.app:app_from_env``, and each worker process builds its own
    platform (and, when enabled, its own job worker) from the ``AIXIV_*`` settings."""
    from aixiv.config import load_settings, set_settings

    settings = load_settings()
    set_settings(settings)
    return create_app(Platform(settings))
