"""Semantic Scholar Graph API client: paper search, rate limited, answers cached on disk.

The key (optional) comes from the ``S2_API_KEY`` environment variable and is sent as the
``x-api-key`` header; it is never part of a cache key, a log line or an error message.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from ._types import LiteratureRecord

log = logging.getLogger("aixiv.literature")

DEFAULT_BASE_URL = "https://api.semanticscholar.org"
SEARCH_FIELDS = "title,abstract,year,venue,url,externalIds,authors"
KEY_ENV = "S2_API_KEY"
UNREACHABLE_PAUSE_S = (
    60.0  # after a failed connection, go straight to the local index for this long
)


class S2Error(Exception):
    """Semantic Scholar could not answer (after retries)."""


class S2Unavailable(S2Error):
    """Semantic Scholar cannot be reached at all (offline, DNS, refused): do not retry soon."""


class _Limiter:
    """At most one request per ``interval`` seconds per API, across threads and event loops."""

    _all: dict[str, _Limiter] = {}
    _guard = threading.Lock()

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.unreachable_until = 0.0  # shared: every client of this API learns it is down

    @classmethod
    def for_api(cls, key: str) -> _Limiter:
        with cls._guard:
            return cls._all.setdefault(key, cls())

    def reserve(self, interval: float) -> float:
        """Seconds to wait before this request may go."""
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_at)
            self.next_at = slot + interval
            return slot - now

    def push_back(self, seconds: float) -> None:
        with self.lock:
            self.next_at = max(self.next_at, time.monotonic() + seconds)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class SemanticScholar:
    """Async client of the Graph API's paper search (``GET /graph/v1/paper/search``)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        api_key: str | None = None,
        min_interval_s: float = 1.0,
        cache_dir: Path | str | None = None,
        cache_ttl_s: float = 7 * 86400,
        timeout_s: float = 20.0,
        max_retries: int = 3,
        max_retry_after_s: float = 60.0,
        backoff_s: float = 0.5,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key if api_key is not None else (os.environ.get(KEY_ENV) or None)
        self.min_interval_s = min_interval_s
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.cache_ttl_s = cache_ttl_s
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.max_retry_after_s = max_retry_after_s
        self.backoff_s = backoff_s
        self._transport = transport
        self._limiter = _Limiter.for_api(self.base_url)
        self.requests = 0  # HTTP requests actually sent (cache hits excluded)
        self._inflight: dict[str, asyncio.Task[Any]] = {}
        self.cache_hits = 0

    @classmethod
    def from_settings(cls, settings: Any = None, **overrides: Any) -> SemanticScholar | None:
        """From the ``[literature]`` settings table; None when ``s2_enabled = false``."""
        from aixiv.config import get_settings

        settings = settings or get_settings()
        table = settings.section("literature")
        if not table.get("s2_enabled", True):
            return None
        kwargs: dict[str, Any] = {
            "base_url": table.get("s2_base_url", DEFAULT_BASE_URL),
            "min_interval_s": float(table.get("s2_min_interval_s", 1.0)),
            "timeout_s": float(table.get("s2_timeout_s", 20.0)),
            "cache_dir": Path(settings.data_dir) / "cache" / "semantic-scholar",
        }
        kwargs.update(overrides)
        return cls(**kwargs)

    @property
    def has_key(self) -> bool:
        return bool(self._api_key)

    @property
    def reachable(self) -> bool:
        """False for a while after the API could not be reached at all."""
        return time.monotonic() >= self._limiter.unreachable_until

    # -- cache ------------------------------------------------------------------------------

    def _cache_path(self, path: str, params: dict[str, Any]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([self.base_url, path, sorted(params.items())], default=str)
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _cache_get(self, p: Path | None) -> Any:
        if p is None or not p.is_file():
            return None
        try:
            entry = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if time.time() - float(entry.get("t", 0)) > self.cache_ttl_s:
            return None
        return entry.get("data")

    def _cache_put(self, p: Path | None, data: Any) -> None:
        if p is None:
            return
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps({"t": time.time(), "data": data}), encoding="utf-8")
            tmp.replace(p)
        except OSError as exc:  # a cache that cannot be written is only slower
            log.warning("cannot write the Semantic Scholar cache: %s", exc)

    # -- requests ---------------------------------------------------------------------------

    async def get_json(self, path: str, params: dict[str, Any]) -> Any:
        """GET a Graph API path (cached, rate limited, 429 and 5xx retried).

        Identical requests in flight at the same time (reviewers of one submission asking the
        same title query) share one HTTP request.
        """
        cache_path = self._cache_path(path, params)
        cached = self._cache_get(cache_path)
        if cached is not None:
            self.cache_hits += 1
            return cached
        loop = asyncio.get_running_loop()
        key = json.dumps([id(loop), path, sorted(params.items())], default=str)
        task = self._inflight.get(key)
        if task is None:
            task = loop.create_task(self._fetch(path, params, cache_path))
            self._inflight[key] = task
            task.add_done_callback(lambda _t: self._inflight.pop(key, None))
        return await asyncio.shield(task)

    async def _fetch(self, path: str, params: dict[str, Any], cache_path: Path | None) -> Any:
        if not self.reachable:
            raise S2Unavailable(f"Semantic Scholar at {self.base_url} was unreachable moments ago")
        headers = {"User-Agent": "aixiv-literature/1"}
        if self._api_key:
            headers["x-api-key"] = self._api_key
        timeout = httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 3.0))
        last = ""
        async with httpx.AsyncClient(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=self._transport
        ) as http:
            for attempt in range(self.max_retries + 1):
                await self._wait(self._limiter.reserve(self.min_interval_s))
                if not self.reachable:  # found down while this request waited for its slot
                    raise S2Unavailable(
                        f"Semantic Scholar at {self.base_url} was unreachable moments ago"
                    )
                self.requests += 1
                try:
                    resp = await http.get(path, params=params)
                except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
                    self._limiter.unreachable_until = time.monotonic() + UNREACHABLE_PAUSE_S
                    raise S2Unavailable(
                        f"cannot reach Semantic Scholar at {self.base_url}: {type(exc).__name__}"
                    ) from None
                except httpx.TransportError as exc:
                    last = f"{type(exc).__name__}"
                    await asyncio.sleep(min(8.0, self.backoff_s * 2**attempt))
                    continue
                if resp.status_code == 200:
                    data = resp.json()
                    self._cache_put(cache_path, data)
                    return data
                last = f"HTTP {resp.status_code}"
                if resp.status_code == 429:
                    wait = _retry_after(resp.headers.get("retry-after"))
                    wait = min(
                        self.max_retry_after_s, wait if wait is not None else 2.0 * 2**attempt
                    )
                    self._limiter.push_back(wait)
                    continue
                if resp.status_code >= 500:
                    await asyncio.sleep(min(8.0, self.backoff_s * 2**attempt))
                    continue
                detail = resp.text[:200].replace("\n", " ")
                raise S2Error(f"Semantic Scholar answered {last} for {path}: {detail}")
        raise S2Error(f"Semantic Scholar failed after {self.max_retries + 1} attempts ({last})")

    async def _wait(self, seconds: float) -> None:
        """Sleep until a rate-limit slot, but stop early once the API is known to be down."""
        deadline = time.monotonic() + seconds
        while self.reachable:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            await asyncio.sleep(min(left, 0.1))

    async def search(self, query: str, limit: int = 10) -> list[LiteratureRecord]:
        """Papers matching ``query`` (relevance order)."""
        query = " ".join(query.split())[:300]
        if not query:
            return []
        data = await self.get_json(
            "/graph/v1/paper/search",
            {"query": query, "limit": max(1, min(limit, 100)), "fields": SEARCH_FIELDS},
        )
        return [r for r in (_record(p) for p in (data or {}).get("data") or []) if r is not None]


def _record(p: dict[str, Any]) -> LiteratureRecord | None:
    if not isinstance(p, dict) or not p.get("title"):
        return None
    pid = str(p.get("paperId") or "")
    ext = p.get("externalIds") or {}
    url = p.get("url") or (f"https://www.semanticscholar.org/paper/{pid}" if pid else "")
    year = p.get("year")
    return LiteratureRecord(
        source="semantic_scholar",
        external_id=pid or str(ext.get("DOI") or ext.get("ArXiv") or p["title"])[:200],
        title=str(p["title"]),
        abstract=str(p.get("abstract") or ""),
        year=int(year) if isinstance(year, int | float) else None,
        venue=str(p.get("venue") or ""),
        url=str(url),
        authors=[
            str(a.get("name"))
            for a in p.get("authors") or []
            if isinstance(a, dict) and a.get("name")
        ][:20],
    )
