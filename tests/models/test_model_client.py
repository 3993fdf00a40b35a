"""ModelClient end to end: real HTTP to the simulator through pydantic-ai and the OpenAI SDK."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from llm_support import Review, Vote, make_client

from aixiv.models import DiskCache, MemoryCache, ModelError
from aixiv.models._client import OUTPUT_REPAIRS


async def ask(client, prompt: str = "Paper: on the sample complexity of things.", **kw):
    return await client.generate(
        system="You are a careful reviewer.",
        prompt=prompt,
        output_type=kw.pop("output_type", Review),
        purpose=kw.pop("purpose", "review"),
        prompt_version=kw.pop("prompt_version", "review-v1"),
        **kw,
    )


async def test_nested_structured_output(sim, ledger):
    client = make_client(sim, ledger=ledger, price_in_per_mtok=2.0, price_out_per_mtok=8.0)
    result = await ask(client)
    review = result.output
    assert isinstance(review, Review)
    assert 1 <= len(review.strengths) <= 3 and len(review.weaknesses) <= 4
    assert review.summary.startswith("[simulated] ")
    assert all(p.text.startswith("[simulated] ") for p in review.weaknesses)
    assert (result.model, result.model_id, result.provider, result.family) == (
        "gpt",
        "sim-gpt",
        "simulated",
        "gpt",
    )
    assert result.simulated and not result.cache_hit and result.attempts == 1
    assert result.tokens_in > 50 and result.tokens_out > 20
    assert result.cost_usd == pytest.approx((result.tokens_in * 2 + result.tokens_out * 8) / 1e6)
    assert (result.purpose, result.prompt_version) == ("review", "review-v1")
    assert sim.request_count == 1
    [entry] = ledger.entries
    assert entry.ok and entry.error is None and entry.model == "gpt" and entry.purpose == "review"
    assert (entry.tokens_in, entry.tokens_out, entry.cost_usd) == (
        result.tokens_in,
        result.tokens_out,
        result.cost_usd,
    )


async def test_settings_reach_the_request(sim):
    client = make_client(sim, max_output_tokens=321, temperature=0.2)
    await ask(client, output_type=Vote)
    await ask(client, "another paper", output_type=Vote, temperature=0.9)
    first, second = sim.log("sim-gpt")
    assert first["temperature"] == 0.2 and second["temperature"] == 0.9
    assert first["max_tokens"] == 321
    assert first["target"] == "tool"


async def test_plain_text_output(sim):
    result = await ask(make_client(sim), output_type=str)
    assert isinstance(result.output, str) and result.output.startswith("[simulated]")


async def test_retries_after_server_errors(sim, ledger):
    sim.script("sim-gpt", [{"status": 500}, {"status": 429}, {"status": 503}])
    result = await ask(make_client(sim, ledger=ledger, max_retries=3))
    assert isinstance(result.output, Review)
    assert result.attempts == 4 and sim.request_count == 4
    [entry] = ledger.entries
    assert entry.ok and entry.attempts == 4


async def test_gives_up_after_bounded_retries(sim, ledger):
    sim.script("sim-gpt", always={"status": 502, "message": "bad gateway"})
    with pytest.raises(ModelError) as info:
        await ask(make_client(sim, ledger=ledger, max_retries=2))
    err = info.value
    assert err.kind == "server" and err.status_code == 502 and err.model == "gpt"
    assert "HTTP 502" in str(err) and "bad gateway" in str(err) and "after 3 request(s)" in str(err)
    assert sim.request_count == 3
    [entry] = ledger.entries
    assert not entry.ok and "502" in entry.error and entry.attempts == 3


async def test_client_errors_are_not_retried(sim, ledger):
    sim.script("sim-gpt", [{"status": 400, "message": "context too long"}])
    with pytest.raises(ModelError) as info:
        await ask(make_client(sim, ledger=ledger, max_retries=3))
    assert info.value.kind == "rejected" and sim.request_count == 1
    assert not ledger.entries[0].ok


async def test_repairs_invalid_json(sim, ledger):
    sim.script("sim-gpt", [{"raw": "{this is not json"}])
    result = await ask(make_client(sim, ledger=ledger))
    assert isinstance(result.output, Review)
    assert sim.request_count == 2 and result.attempts == 2
    assert ledger.entries[0].ok


async def test_repairs_output_that_breaks_the_bounds(sim):
    too_many = {
        "summary": "fine",
        "strengths": ["a", "b", "c", "d", "e"],  # max_length=3
        "weaknesses": [],
        "soundness": 9,  # le=4
        "confidence": 0.5,
        "decision": "MAYBE",  # not in the enum
    }
    sim.script("sim-gpt", [{"output": too_many}])
    result = await ask(make_client(sim))
    assert len(result.output.strengths) <= 3 and 1 <= result.output.soundness <= 4
    assert sim.request_count == 2


async def test_invalid_output_exhausts_retries(sim, ledger):
    sim.script("sim-gpt", always={"raw": "I refuse to answer in JSON."})
    with pytest.raises(ModelError) as info:
        await ask(make_client(sim, ledger=ledger, max_retries=1))
    assert info.value.kind == "invalid_output"
    # Each attempt makes the first request plus the repair turns; then one retry of all that.
    assert sim.request_count == 2 * (1 + OUTPUT_REPAIRS)
    assert not ledger.entries[0].ok and ledger.entries[0].tokens_in > 0


async def test_timeout(sim, ledger):
    sim.script("sim-gpt", [{"delay": 3}])
    started = time.monotonic()
    with pytest.raises(ModelError) as info:
        await ask(make_client(sim, ledger=ledger, timeout_s=0.3, max_retries=0))
    assert time.monotonic() - started < 2
    assert info.value.kind == "timeout" and "timed out" in str(info.value)
    assert not ledger.entries[0].ok


async def test_timeout_then_retry_succeeds(sim):
    sim.script("sim-gpt", [{"delay": 3}])
    result = await ask(make_client(sim, timeout_s=0.5, max_retries=1))
    assert isinstance(result.output, Review) and result.attempts == 2


async def test_concurrency_limit_per_model(sim):
    sim.script("sim-limited", latency=0.3)
    limited = make_client(sim, "limited", max_concurrency=2)
    started = time.monotonic()
    await asyncio.gather(*(ask(limited, f"paper {i}", output_type=Vote) for i in range(8)))
    limited_s = time.monotonic() - started
    assert limited_s >= 4 * 0.3 - 0.05  # 8 calls, 2 at a time: at least 4 rounds
    assert sim.peak_concurrency("sim-limited") == 2

    sim.reset()
    sim.script("sim-wide", latency=0.3)
    wide = make_client(sim, "wide", max_concurrency=8)
    started = time.monotonic()
    await asyncio.gather(*(ask(wide, f"paper {i}", output_type=Vote) for i in range(8)))
    assert time.monotonic() - started < limited_s * 0.75
    assert sim.peak_concurrency("sim-wide") == 8


async def test_disk_cache_hit_makes_no_request(sim, ledger, tmp_path):
    cache = DiskCache(tmp_path / "llm-cache.sqlite3")
    client = make_client(
        sim, ledger=ledger, cache=cache, price_in_per_mtok=1.0, price_out_per_mtok=1.0
    )
    first = await ask(client)
    second = await ask(client)
    assert sim.request_count == 1
    assert second.cache_hit and second.cost_usd == 0 and second.output == first.output
    assert [e.cache_hit for e in ledger.entries] == [False, True]
    assert ledger.entries[1].cost_usd == 0 and ledger.entries[1].ok

    # Persisted: a new cache object on the same file still hits.
    again = make_client(sim, cache=DiskCache(tmp_path / "llm-cache.sqlite3"))
    assert (await ask(again)).cache_hit and sim.request_count == 1

    # Anything that can change the answer is part of the key.
    await ask(client, prompt_version="review-v2")
    await ask(client, temperature=0.5)
    await ask(client, output_type=Vote)
    await ask(client, "a different paper")
    assert sim.request_count == 5


async def test_failures_are_not_cached(sim):
    cache = MemoryCache()
    sim.script("sim-gpt", [{"status": 400}])
    with pytest.raises(ModelError):
        await ask(make_client(sim, cache=cache))
    assert cache.data == {}
    assert not (await ask(make_client(sim, cache=cache))).cache_hit


async def test_random_faults_are_absorbed(sim, ledger):
    sim.state.fail_rate = 0.4
    client = make_client(sim, ledger=ledger, max_retries=8)
    results = await asyncio.gather(
        *(ask(client, f"paper {i}", output_type=Vote) for i in range(10))
    )
    assert len(results) == 10 and all(e.ok for e in ledger.entries)
    assert sim.request_count > 10  # some requests failed and were retried
    assert sum(r.attempts for r in results) == sim.request_count


async def test_api_key_never_leaks(sim, ledger, monkeypatch, caplog):
    secret = "sk-test-THIS-IS-A-SECRET-0123456789"
    monkeypatch.setenv("AIXIV_TEST_OPENAI_KEY", secret)
    client = make_client(
        sim, ledger=ledger, provider="openai", api_key_env="AIXIV_TEST_OPENAI_KEY", max_retries=0
    )
    # A server that quotes the credentials it received in its error message.
    sim.script("sim-gpt", [{"status": 401, "echo_auth": True, "message": f"invalid key {secret}"}])
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ModelError) as info:
        await ask(client)
    err = info.value
    assert err.kind == "auth"
    assert "credentials received: ***" in str(err)  # the key was sent, and was redacted
    for text in (
        str(err),
        repr(err),
        ledger.entries[0].error,
        caplog.text,
        repr(client),
        client.spec.model_dump_json(),
    ):
        assert secret not in text
    assert err.__cause__ is None and err.__context__ is None
    # The same key works when the server is happy, and arrived as sent.
    result = await ask(client)
    assert isinstance(result.output, Review)
    import hashlib

    assert (
        sim.log("sim-gpt")[-1]["credential_sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    )


async def test_missing_key_fails_before_any_request(sim, ledger, monkeypatch):
    monkeypatch.delenv("AIXIV_TEST_ABSENT_KEY", raising=False)
    client = make_client(sim, ledger=ledger, provider="openai", api_key_env="AIXIV_TEST_ABSENT_KEY")
    with pytest.raises(ModelError) as info:
        await ask(client)
    assert info.value.kind == "config" and "AIXIV_TEST_ABSENT_KEY is not set" in str(info.value)
    assert sim.request_count == 0 and not ledger.entries[0].ok


async def test_accept_rate_and_scripted_decisions(sim):
    sim.state.accept_rate = 0.0
    sim.script("sim-claude", accept_rate=1.0)
    sim.script("sim-gemini", always={"override": {"accept": False}})
    gpt, claude, gemini = (make_client(sim, n) for n in ("gpt", "claude", "gemini"))
    prompts = [f"paper {i}" for i in range(6)]
    gpt_votes = await asyncio.gather(*(ask(gpt, p, output_type=Vote) for p in prompts))
    claude_votes = await asyncio.gather(*(ask(claude, p, output_type=Vote) for p in prompts))
    gemini_votes = await asyncio.gather(*(ask(gemini, p, output_type=Vote) for p in prompts))
    assert not any(v.output.accept for v in gpt_votes)
    assert all(v.output.accept for v in claude_votes)
    assert not any(v.output.accept for v in gemini_votes)


async def test_cancelled_call_is_recorded(sim, ledger):
    sim.script("sim-gpt", [{"delay": 2}])
    task = asyncio.create_task(ask(make_client(sim, ledger=ledger)))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    [entry] = ledger.entries
    assert not entry.ok and entry.error == "cancelled"


def test_scrub_removes_key_shapes():
    from aixiv.models import scrub

    text = (
        "bad key sk-proj-abcdefghijklmnop, Authorization: Bearer tok_1234567890abcdef, "
        "x-goog-api-key=AIzaSyA1234567890abcdefghijklmnop, url?key=zzzzzzzzzz&alt=json, mine: hunter2-secret"
    )
    out = scrub(text, "hunter2-secret")
    for secret in (
        "sk-proj-abcdefghijklmnop",
        "tok_1234567890abcdef",
        "AIzaSyA1234567890",
        "zzzzzzzzzz",
        "hunter2-secret",
    ):
        assert secret not in out
    assert "bad key" in out and "alt=json" in out
