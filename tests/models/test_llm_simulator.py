"""The simulated LLM server, spoken to over HTTP as any OpenAI-compatible client would."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest
from llm_support import Review, Vote
from pydantic import TypeAdapter

REVIEW_SCHEMA = TypeAdapter(Review).json_schema()


_http = httpx.Client(timeout=10)


@pytest.fixture(scope="module", autouse=True)
def _close_http():
    yield
    _http.close()


def chat(sim, model="sim-gpt", prompt="Paper: X", **body):
    payload = {
        "model": model,
        "messages": [{"role": "system", "content": "Review."}, {"role": "user", "content": prompt}],
        **body,
    }
    return _http.post(f"{sim.base_url}/chat/completions", json=payload)


def json_schema_format(schema=REVIEW_SCHEMA):
    return {
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "Review", "schema": schema},
        }
    }


def test_models_endpoint(sim):
    data = _http.get(f"{sim.base_url}/models").json()
    ids = [m["id"] for m in data["data"]]
    assert {"sim-gpt", "sim-claude", "sim-gemini", "sim-deepseek", "sim-llama"} <= set(ids)


def test_json_schema_answer_with_usage(sim):
    response = chat(sim, **json_schema_format())
    assert response.status_code == 200
    body = response.json()
    message = body["choices"][0]["message"]
    review = Review.model_validate_json(message["content"])
    assert review.summary.startswith("[simulated] ")
    usage = body["usage"]
    request_chars = len(
        json.dumps(
            [{"role": "system", "content": "Review."}, {"role": "user", "content": "Paper: X"}]
        )
    )
    assert usage["prompt_tokens"] == pytest.approx(request_chars / 4, abs=2)
    assert usage["completion_tokens"] == pytest.approx(len(message["content"]) / 4, abs=2)
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_tool_call_answer(sim):
    tools = [
        {
            "type": "function",
            "function": {
                "name": "lookup",
                "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
            },
        },
        {
            "type": "function",
            "function": {"name": "submit_vote", "parameters": TypeAdapter(Vote).json_schema()},
        },
    ]
    body = chat(
        sim, tools=tools, tool_choice={"type": "function", "function": {"name": "submit_vote"}}
    ).json()
    [call] = body["choices"][0]["message"]["tool_calls"]
    assert (
        call["function"]["name"] == "submit_vote"
        and body["choices"][0]["finish_reason"] == "tool_calls"
    )
    Vote.model_validate_json(call["function"]["arguments"])


def test_deterministic_per_seed_and_request(sim):
    a = chat(sim, **json_schema_format()).json()["choices"][0]["message"]["content"]
    b = chat(sim, **json_schema_format()).json()["choices"][0]["message"]["content"]
    c = chat(sim, prompt="Paper: Y", **json_schema_format()).json()["choices"][0]["message"][
        "content"
    ]
    d = chat(sim, model="sim-claude", **json_schema_format()).json()["choices"][0]["message"][
        "content"
    ]
    assert a == b and a != c and a != d
    sim.state.seed = 99
    assert chat(sim, **json_schema_format()).json()["choices"][0]["message"]["content"] != a


def test_accept_rate(sim):
    def decisions(model):
        return [
            json.loads(
                chat(sim, model=model, prompt=f"paper {i}", **json_schema_format()).json()[
                    "choices"
                ][0]["message"]["content"]
            )["decision"]
            for i in range(80)
        ]

    sim.state.accept_rate = 0.25
    share = decisions("sim-gpt").count("ACCEPT") / 80
    assert 0.1 <= share <= 0.4
    sim.state.accept_rate = 1.0
    assert set(decisions("sim-llama")) == {"ACCEPT"}


def test_fail_rate_and_scripts_over_http(sim):
    sim.state.fail_rate = 1.0
    statuses = {chat(sim).status_code for _ in range(12)}
    assert statuses == {500, 429}
    sim.state.fail_rate = 0.0

    script = {
        "model": "sim-x",
        "responses": [{"status": 503}, {"output": {"accept": True, "rationale": "ok"}}],
        "always": {"status": 500},
    }
    assert _http.post(f"{sim.root_url}/_script", json=script).json() == {"ok": True}
    first = chat(sim, model="sim-x", **json_schema_format(TypeAdapter(Vote).json_schema()))
    second = chat(sim, model="sim-x", **json_schema_format(TypeAdapter(Vote).json_schema()))
    third = chat(sim, model="sim-x")
    assert first.status_code == 503 and "error" in first.json()
    assert json.loads(second.json()["choices"][0]["message"]["content"]) == {
        "accept": True,
        "rationale": "ok",
    }
    assert third.status_code == 500
    stats = _http.get(f"{sim.root_url}/_stats").json()
    assert stats["by_model"]["sim-x"] == 3 and stats["requests"] == 15
    assert _http.post(f"{sim.root_url}/_script", json={"responses": []}).status_code == 400
    _http.post(f"{sim.root_url}/_reset")
    assert sim.request_count == 0


async def test_latency_overlaps_for_concurrent_requests(sim):
    sim.state.latency = 0.3
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10) as client:
        payload = {"model": "sim-gpt", "messages": [{"role": "user", "content": "hi"}]}
        responses = await asyncio.gather(
            *(client.post(f"{sim.base_url}/chat/completions", json=payload) for _ in range(6))
        )
    elapsed = time.monotonic() - started
    assert all(r.status_code == 200 for r in responses)
    assert 0.3 <= elapsed < 1.2  # six requests one after another would take 1.8 s


def test_bad_request_body(sim):
    response = _http.post(
        f"{sim.base_url}/chat/completions",
        content=b"{nope",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400


def test_anthropic_messages_endpoint(sim):
    body = {
        "model": "sim-claude",
        "max_tokens": 500,
        "system": "Review.",
        "messages": [{"role": "user", "content": "Paper: X"}],
        "tools": [{"name": "final_result", "input_schema": TypeAdapter(Vote).json_schema()}],
        "tool_choice": {"type": "tool", "name": "final_result"},
    }
    data = _http.post(f"{sim.root_url}/v1/messages", json=body).json()
    [block] = data["content"]
    assert block["type"] == "tool_use" and data["stop_reason"] == "tool_use"
    Vote.model_validate(block["input"])
    assert data["usage"]["input_tokens"] > 0
