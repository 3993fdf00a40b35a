"""Semantic Scholar client against a local Graph API stand-in: mapping, key, cache, rate limit, 429."""

from __future__ import annotations

import json
import time

import pytest

from aixiv.literature import S2Error, S2Unavailable, SemanticScholar


def client(stub, tmp_path, **kw) -> SemanticScholar:
    kw.setdefault("min_interval_s", 0.0)
    kw.setdefault("backoff_s", 0.01)
    return SemanticScholar(stub.base_url, cache_dir=tmp_path / "s2", **kw)


async def test_search_maps_papers_and_sends_the_key_header(s2_stub, tmp_path, monkeypatch):
    monkeypatch.setenv("S2_API_KEY", "test-key-123")
    recs = await client(s2_stub, tmp_path).search("sparse mixture experts", limit=5)
    assert [r.title for r in recs] == [
        "Load Balancing for Sparse Mixture of Experts"
    ]  # untitled entry dropped
    r = recs[0]
    assert (r.source, r.external_id, r.year, r.venue, r.authors) == (
        "semantic_scholar",
        "s2-moe",
        2021,
        "ICML",
        ["A. Router"],
    )
    req = s2_stub.requests[0]
    assert req["key"] == "test-key-123" and req["limit"] == "5" and "abstract" in req["fields"]
    monkeypatch.delenv("S2_API_KEY")
    await client(s2_stub, tmp_path / "other").search("entropy")
    assert s2_stub.requests[-1]["key"] is None


async def test_answers_are_cached_on_disk_without_the_key(s2_stub, tmp_path):
    c = client(s2_stub, tmp_path, api_key="secret-key-xyz")
    first = await c.search("entropy transformer")
    second = await client(s2_stub, tmp_path, api_key="secret-key-xyz").search("entropy transformer")
    assert first == second and s2_stub.hits() == 1
    files = list((tmp_path / "s2").glob("*.json"))
    assert len(files) == 1 and "secret-key-xyz" not in files[0].read_text()
    assert json.loads(files[0].read_text())["data"]["data"][0]["paperId"] == "s2-entropy"


async def test_requests_are_spaced_by_the_rate_limit(s2_stub, tmp_path):
    c = client(s2_stub, tmp_path, min_interval_s=0.3)
    for q in ("sparse", "entropy", "experts"):
        await c.search(q)
    times = [r["t"] for r in s2_stub.requests]
    # three requests need two full intervals between the first and the last (arrival times
    # jitter on a loaded machine, so look at the span rather than each gap)
    assert len(times) == 3 and times[-1] - times[0] >= 0.5, times


async def test_429_retry_after_is_honoured(s2_stub, tmp_path):
    s2_stub.faults.append({"status": 429, "headers": {"Retry-After": "1"}})
    started = time.monotonic()
    recs = await client(s2_stub, tmp_path).search("entropy")
    assert time.monotonic() - started >= 0.95
    assert recs and s2_stub.hits() == 2


async def test_server_errors_are_retried_and_client_errors_are_not(s2_stub, tmp_path):
    s2_stub.faults.append({"status": 503})
    assert await client(s2_stub, tmp_path).search("entropy")
    assert s2_stub.hits() == 2
    s2_stub.faults.append({"status": 400, "message": "bad query"})
    with pytest.raises(S2Error, match="HTTP 400"):
        await client(s2_stub, tmp_path).search("sparse")
    s2_stub.faults.extend([{"status": 500}] * 3)
    with pytest.raises(S2Error, match="after 3 attempts"):
        await client(s2_stub, tmp_path, max_retries=2).search("experts")


async def test_unreachable_api_is_reported_and_remembered(closed_port_url, tmp_path):
    c = SemanticScholar(closed_port_url, cache_dir=tmp_path, min_interval_s=0)
    with pytest.raises(S2Unavailable):
        await c.search("anything")
    assert not c.reachable
    with pytest.raises(S2Unavailable, match="moments ago"):
        await c.search("anything else")


def test_settings_can_disable_or_point_the_client(tmp_path):
    from aixiv.config import Settings

    s = Settings(data_dir=tmp_path, extra={"literature": {"s2_enabled": False}})
    assert SemanticScholar.from_settings(s) is None
    s = Settings(
        data_dir=tmp_path,
        extra={"literature": {"s2_base_url": "http://127.0.0.1:9/", "s2_min_interval_s": 2}},
    )
    c = SemanticScholar.from_settings(s)
    assert (
        c.base_url == "http://127.0.0.1:9"
        and c.min_interval_s == 2
        and c.cache_dir.is_relative_to(tmp_path)
    )


async def test_identical_concurrent_searches_share_one_request(s2_stub, tmp_path):
    import asyncio

    c = SemanticScholar(s2_stub.base_url, cache_dir=None, min_interval_s=0.2)
    results = await asyncio.gather(
        *(c.search("sparse experts") for _ in range(5)), c.search("entropy")
    )
    assert all(r == results[0] for r in results[:5])
    assert s2_stub.hits() == 2 and c.requests == 2
