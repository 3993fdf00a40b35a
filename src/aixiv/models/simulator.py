"""A simulated LLM server speaking the OpenAI chat-completions protocol (and Anthropic messages).

Answers any requested JSON schema (``response_format`` json_schema) or tool call (``tools`` +
``tool_choice``) with valid, varied content generated from the schema, deterministic given
(seed, model, request). Text fields start with ``[simulated] `` where they are long enough.
Decision-like fields (``decision``, ``accept``, ``recommendation``, ...) come out accepting with
probability ``accept_rate``, decided per (seed, model, prompt) so a model is consistent.

Faults and scripts, for tests and demos:

* ``fail_rate``: that fraction of requests gets a 500 or 429 (a seeded sequence, so a retry can pass).
* ``latency``: seconds slept per request (asyncio, so concurrent requests overlap).
* ``POST /_script`` ``{"model": "sim-gpt", "responses": [...], "always": {...}, "accept_rate": 1.0}``:
  ``responses`` are used once each, in order, before falling back to ``always`` (if given) and then
  to generated answers. A response is a dict with any of: ``status`` (error status to return),
  ``message``, ``raw`` (string sent verbatim as content/tool arguments, e.g. invalid JSON),
  ``output`` (the exact object to answer), ``override`` (fields replacing generated ones),
  ``text`` (plain text answer), ``accept`` (force the decision), ``delay`` (extra seconds),
  ``echo_auth`` (put the request's credentials into the error message, to test redaction).
* ``GET /_stats`` (request counts, per model), ``POST /_reset``.

In-process use: ``with start_simulator(latency=0.1) as sim: ... sim.base_url ...``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from aixiv.models._sim_wire import (
    answer,
    anthropic_target,
    credential_of,
    gemini_messages,
    gemini_target,
    openai_target,
    tokens,
)
from aixiv.models._spec import FAMILIES


@dataclass
class _ModelScript:
    queue: list[dict[str, Any]] = field(default_factory=list)
    always: dict[str, Any] | None = None
    accept_rate: float | None = None
    latency: float | None = None
    fail_rate: float | None = None


@dataclass
class SimulatorState:
    """Configuration, scripts and counters of one simulator (thread-safe)."""

    latency: float = 0.0
    fail_rate: float = 0.0
    accept_rate: float = 0.5
    seed: int = 0
    scripts: dict[str, _ModelScript] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    log: list[dict[str, Any]] = field(default_factory=list)
    in_flight: Counter[str] = field(default_factory=Counter)
    peak_in_flight: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._fail_rng = random.Random(f"fail:{self.seed}")

    # -- scripting -------------------------------------------------------------------------

    def script(
        self,
        model: str,
        responses: list[dict[str, Any]] | None = None,
        *,
        always: dict[str, Any] | None = None,
        accept_rate: float | None = None,
        latency: float | None = None,
        fail_rate: float | None = None,
    ) -> None:
        """Script answers for one model id (replaces its previous script)."""
        with self._lock:
            self.scripts[model] = _ModelScript(
                queue=[dict(r) for r in responses or []],
                always=dict(always) if always is not None else None,
                accept_rate=accept_rate,
                latency=latency,
                fail_rate=fail_rate,
            )

    def reset(self) -> None:
        with self._lock:
            self.scripts.clear()
            self.counts.clear()
            self.log.clear()
            self.peak_in_flight.clear()
            self._fail_rng = random.Random(f"fail:{self.seed}")

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": sum(self.counts.values()),
                "by_model": dict(self.counts),
                "peak_in_flight": dict(self.peak_in_flight),
            }

    # -- per request -----------------------------------------------------------------------

    def _begin(
        self, model: str, kind: str, info: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, float, float, float]:
        """Count the request; return (scripted response, latency, accept rate, fail draw)."""
        with self._lock:
            self.counts[model] += 1
            self.log.append({"model": model, "api": kind, "t": time.time(), **info})
            del self.log[:-1000]
            self.in_flight[model] += 1
            self.peak_in_flight[model] = max(self.peak_in_flight[model], self.in_flight[model])
            script = self.scripts.get(model)
            scripted = None
            latency, accept_rate, fail_rate = self.latency, self.accept_rate, self.fail_rate
            if script is not None:
                if script.queue:
                    scripted = script.queue.pop(0)
                elif script.always is not None:
                    scripted = dict(script.always)
                latency = script.latency if script.latency is not None else latency
                accept_rate = script.accept_rate if script.accept_rate is not None else accept_rate
                fail_rate = script.fail_rate if script.fail_rate is not None else fail_rate
            fail_draw = self._fail_rng.random()
            if scripted is None and fail_draw < fail_rate:
                scripted = {"status": 500 if self._fail_rng.random() < 0.5 else 429}
            return scripted, latency, accept_rate, fail_draw

    def _end(self, model: str) -> None:
        with self._lock:
            self.in_flight[model] -= 1


# -- the ASGI app -------------------------------------------------------------------------------


def create_app(state: SimulatorState) -> FastAPI:
    """The FastAPI app serving ``state``."""
    app = FastAPI(title="aixiv simulated LLM", docs_url=None, redoc_url=None)

    def error(status: int, message: str, *, api: str = "openai") -> JSONResponse:
        kind = {429: "rate_limit_error", 401: "authentication_error"}.get(status, "api_error")
        if api == "anthropic":
            body: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": message}}
        elif api == "gemini":
            reason = {
                429: "RESOURCE_EXHAUSTED",
                401: "UNAUTHENTICATED",
                400: "INVALID_ARGUMENT",
                503: "UNAVAILABLE",
            }
            body = {
                "error": {
                    "code": status,
                    "message": message,
                    "status": reason.get(status, "INTERNAL"),
                }
            }
        else:
            body = {"error": {"message": message, "type": kind, "code": None, "param": None}}
        headers = {"retry-after": "0"} if status == 429 else {}
        return JSONResponse(body, status_code=status, headers=headers)

    async def prepare(
        request: Request, model: str, kind: str
    ) -> tuple[dict[str, Any] | None, float, JSONResponse | None]:
        body = await request.json()
        credential = credential_of(request)
        config = body.get("generationConfig") or {}
        target = {"anthropic": anthropic_target, "gemini": gemini_target}.get(kind, openai_target)
        info = {
            "temperature": body.get("temperature", config.get("temperature")),
            "max_tokens": body.get(
                "max_tokens", body.get("max_completion_tokens", config.get("maxOutputTokens"))
            ),
            "target": target(body)[0],
            # A fingerprint, so tests can check which key arrived without the simulator keeping it.
            "credential_sha256": hashlib.sha256(credential.encode()).hexdigest()
            if credential
            else None,
        }
        scripted, latency, accept_rate, _ = state._begin(model, kind, info)
        delay = latency + float((scripted or {}).get("delay", 0.0))
        if delay > 0:
            try:
                await asyncio.sleep(delay)
            except BaseException:  # cancelled mid-sleep: the handler's finally never runs
                state._end(model)
                raise
        if scripted and "status" in scripted:
            message = scripted.get("message") or f"simulated error {scripted['status']}"
            if scripted.get("echo_auth"):
                message += f" (credentials received: {credential})"
            return scripted, accept_rate, error(int(scripted["status"]), message, api=kind)
        return scripted, accept_rate, None

    @app.get("/v1/models")
    async def list_models() -> dict[str, Any]:
        ids = [f"sim-{f}" for f in FAMILIES] + [
            m for m in state.scripts if not m.startswith("sim-")
        ]
        return {
            "object": "list",
            "data": [
                {"id": i, "object": "model", "created": 0, "owned_by": "aixiv-simulator"}
                for i in ids
            ],
        }

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Any:
        try:
            body = await request.json()
        except ValueError:
            return error(400, "request body is not JSON")
        model = str(body.get("model", "sim"))
        messages = body.get("messages") or []
        scripted, accept_rate, failure = await prepare(request, model, "openai")
        try:
            if failure is not None:
                return failure
            kind, schema, tool_name = openai_target(body)
            ans = answer(
                state.seed,
                model=model,
                messages=messages,
                system=None,
                schema=schema,
                kind=kind,
                tool_name=tool_name,
                accept_rate=accept_rate,
                scripted=scripted,
            )
            n = sum(state.counts.values())
            if ans.kind == "tool":
                message: dict[str, Any] = {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": f"call_sim_{n}",
                            "type": "function",
                            "function": {"name": ans.tool_name, "arguments": ans.payload},
                        }
                    ],
                }
                finish = "tool_calls"
            else:
                message = {"role": "assistant", "content": ans.payload}
                finish = "stop"
            prompt_tokens = tokens(json.dumps(messages) + json.dumps(body.get("tools") or []))
            completion_tokens = tokens(ans.payload)
            usage = {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            }
            usage.update((scripted or {}).get("usage") or {})
            return {
                "id": f"chatcmpl-sim-{n}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "system_fingerprint": "aixiv-simulator",
                "choices": [
                    {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
                ],
                "usage": usage,
            }
        finally:
            state._end(model)

    @app.post("/v1/messages")
    async def anthropic_messages(request: Request) -> Any:
        try:
            body = await request.json()
        except ValueError:
            return error(400, "request body is not JSON", api="anthropic")
        model = str(body.get("model", "sim"))
        messages = body.get("messages") or []
        scripted, accept_rate, failure = await prepare(request, model, "anthropic")
        try:
            if failure is not None:
                return failure
            kind, schema, tool_name = anthropic_target(body)
            ans = answer(
                state.seed,
                model=model,
                messages=messages,
                system=body.get("system"),
                schema=schema,
                kind=kind,
                tool_name=tool_name,
                accept_rate=accept_rate,
                scripted=scripted,
            )
            n = sum(state.counts.values())
            if ans.kind == "tool":
                try:
                    tool_input = json.loads(ans.payload)
                except ValueError:
                    tool_input = {"_raw": ans.payload}
                content = [
                    {
                        "type": "tool_use",
                        "id": f"toolu_sim_{n}",
                        "name": ans.tool_name,
                        "input": tool_input,
                    }
                ]
                stop = "tool_use"
            else:
                content = [{"type": "text", "text": ans.payload}]
                stop = "end_turn"
            usage = {
                "input_tokens": tokens(
                    json.dumps(messages)
                    + json.dumps(body.get("system") or "")
                    + json.dumps(body.get("tools") or [])
                ),
                "output_tokens": tokens(ans.payload),
            }
            return {
                "id": f"msg_sim_{n}",
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": content,
                "stop_reason": stop,
                "stop_sequence": None,
                "usage": usage,
            }
        finally:
            state._end(model)

    @app.post("/v1beta/models/{target:path}")
    async def gemini_generate(target: str, request: Request) -> Any:
        model, _, method = target.partition(":")
        if method != "generateContent":
            return error(404, f"unsupported method {method!r}", api="gemini")
        try:
            body = await request.json()
        except ValueError:
            return error(400, "request body is not JSON", api="gemini")
        messages, system = gemini_messages(body)
        scripted, accept_rate, failure = await prepare(request, model, "gemini")
        try:
            if failure is not None:
                return failure
            kind, schema, tool_name = gemini_target(body)
            ans = answer(
                state.seed,
                model=model,
                messages=messages,
                system=system,
                schema=schema,
                kind=kind,
                tool_name=tool_name,
                accept_rate=accept_rate,
                scripted=scripted,
            )
            if ans.kind == "tool":
                try:
                    args = json.loads(ans.payload)
                except ValueError:
                    args = {"_raw": ans.payload}
                parts: list[dict[str, Any]] = [
                    {"functionCall": {"name": ans.tool_name, "args": args}}
                ]
            else:
                parts = [{"text": ans.payload}]
            prompt_tokens = tokens(
                json.dumps(body.get("contents") or [])
                + system
                + json.dumps(body.get("tools") or [])
            )
            output_tokens = tokens(ans.payload)
            return {
                "candidates": [
                    {
                        "content": {"role": "model", "parts": parts},
                        "finishReason": "STOP",
                        "index": 0,
                    }
                ],
                "usageMetadata": {
                    "promptTokenCount": prompt_tokens,
                    "candidatesTokenCount": output_tokens,
                    "totalTokenCount": prompt_tokens + output_tokens,
                },
                "modelVersion": model,
                "responseId": f"sim-{sum(state.counts.values())}",
            }
        finally:
            state._end(model)

    @app.post("/_script")
    async def script(request: Request) -> Any:
        body = await request.json()
        if not isinstance(body, dict) or not isinstance(body.get("model"), str):
            return error(400, "expected {'model': str, 'responses': [...], 'always': {...}}")
        state.script(
            body["model"],
            body.get("responses"),
            always=body.get("always"),
            accept_rate=body.get("accept_rate"),
            latency=body.get("latency"),
            fail_rate=body.get("fail_rate"),
        )
        return {"ok": True}

    @app.post("/_reset")
    async def reset() -> dict[str, Any]:
        state.reset()
        return {"ok": True}

    @app.get("/_stats")
    async def stats() -> dict[str, Any]:
        return state.stats()

    return app


# -- running it ---------------------------------------------------------------------------------


class SimulatorHandle:
    """A simulator running in a background thread; ``base_url`` ends in ``/v1``."""

    def __init__(
        self, state: SimulatorState, server: Any, thread: threading.Thread, host: str, port: int
    ):
        self.state = state
        self._server = server
        self._thread = thread
        self.host = host
        self.port = port

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    def script(
        self, model: str, responses: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        """See :meth:`SimulatorState.script`."""
        self.state.script(model, responses, **kwargs)

    def reset(self) -> None:
        self.state.reset()

    @property
    def request_count(self) -> int:
        return sum(self.state.counts.values())

    def requests_for(self, model: str) -> int:
        return self.state.counts.get(model, 0)

    def log(self, model: str | None = None) -> list[dict[str, Any]]:
        """Recent requests (model, api, temperature, max_tokens, target, credential fingerprint)."""
        with self.state._lock:
            return [dict(e) for e in self.state.log if model is None or e["model"] == model]

    def peak_concurrency(self, model: str) -> int:
        """Most requests for ``model`` the server was handling at once (since the last reset)."""
        return self.state.peak_in_flight.get(model, 0)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> SimulatorHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"SimulatorHandle(base_url={self.base_url!r})"


def _server(state: SimulatorState, host: str, port: int, log_level: str = "warning") -> Any:
    import uvicorn

    config = uvicorn.Config(
        create_app(state),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=1,
    )
    return uvicorn.Server(config)


def start_simulator(
    *,
    latency: float = 0.0,
    fail_rate: float = 0.0,
    accept_rate: float = 0.5,
    seed: int = 0,
    host: str = "127.0.0.1",
    port: int = 0,
) -> SimulatorHandle:
    """Start a simulator in a background thread (port 0: a free port) and wait until it listens."""
    state = SimulatorState(latency=latency, fail_rate=fail_rate, accept_rate=accept_rate, seed=seed)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    # Quiet: stopping while scripted slow requests still sleep is expected, not an error.
    server = _server(state, host, bound_port, log_level="critical")
    thread = threading.Thread(
        target=server.run,
        kwargs={"sockets": [sock]},
        name=f"aixiv-simulator-{bound_port}",
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the LLM simulator did not start")
        time.sleep(0.01)
    return SimulatorHandle(state, server, thread, host, bound_port)


def run_simulator(
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    latency: float = 0.0,
    fail_rate: float = 0.0,
    accept_rate: float = 0.5,
    seed: int = 0,
) -> None:
    """Serve in the foreground until interrupted (the ``aixiv simulate-llm`` command)."""
    state = SimulatorState(latency=latency, fail_rate=fail_rate, accept_rate=accept_rate, seed=seed)
    _server(state, host, port).run()
