"""Read-only pages and listings run in a small thread pool of their own.

FastAPI runs a ``def`` route in a pool of 40 threads. Rendering a page is CPU work under the
GIL, so twenty concurrent page views in twenty threads only take turns in 5 ms slices: each
one finishes late, and the slowest very late (on a 2-core machine, abstract page p99 went from
~90 ms to 160–700 ms under 20 clients). ``@reads`` routes share ``read_threads`` threads
(``AIXIV_READ_THREADS``, default 4) instead: requests beyond that wait their turn and then
run with few competitors. Routes that block on something else (an upload's parser process,
password hashing) keep the default pool, so they never hold up page views.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread

F = TypeVar("F", bound=Callable[..., Any])

_limiters: dict[int, anyio.CapacityLimiter] = {}
_size = 4


def configure(threads: int) -> None:
    """Set the pool size (the app calls this with its settings; the last app created wins)."""
    global _size
    _size = max(1, int(threads))
    for lim in _limiters.values():
        lim.total_tokens = _size


def _limiter() -> anyio.CapacityLimiter:
    # one limiter per event loop (tests run several apps, each on its own loop)
    import asyncio

    key = id(asyncio.get_running_loop())
    lim = _limiters.get(key)
    if lim is None:
        if len(_limiters) > 16:
            _limiters.clear()
        lim = _limiters[key] = anyio.CapacityLimiter(_size)
    return lim


def reads(fn: F) -> F:
    """Run the sync route ``fn`` in the read pool; FastAPI sees ``fn``'s own signature."""
    if inspect.iscoroutinefunction(fn):
        raise TypeError("@reads is for sync routes")

    @functools.wraps(fn)
    async def route(*args: Any, **kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=_limiter())

    return route  # type: ignore[return-value]
