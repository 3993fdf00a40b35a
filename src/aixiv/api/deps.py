"""Request dependencies: the platform and the acting principal.

They are ``async`` so that a request without credentials costs no trip to the thread pool (a
sync dependency runs in a worker thread of its own before the route's); checking a key reads
the database, and that runs in the thread pool like any service call.
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from aixiv.platform import Platform, Principal, accounts


async def get_platform(request: Request) -> Platform:
    return request.app.state.platform


async def optional_principal(request: Request) -> Principal | None:
    """The principal from ``Authorization: Bearer <key>``, or None when no key is sent."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        from aixiv.platform import Unauthorized

        raise Unauthorized("Send the API key as 'Authorization: Bearer <key>'.")
    return await run_in_threadpool(accounts.authenticate_key, request.app.state.platform, key)
