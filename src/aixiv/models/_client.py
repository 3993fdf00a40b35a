"""ModelClient: one configured model behind a small protocol.

Every call goes: cache lookup -> (per-model semaphore, per-attempt timeout, provider call with
schema-validated output and repair turns) -> bounded retries with backoff and jitter -> ledger row.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import logging
import os
import random
import re
import time
import weakref
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from aixiv.models._cache import Cache, cache_key
from aixiv.models._ledger import Ledger
from aixiv.models._memo import memoize_schemas
from aixiv.models._spec import CallResult, ErrorKind, LedgerEntry, ModelError, ModelSpec

T = TypeVar("T")
log = logging.getLogger("aixiv.models")

# One adapter module per provider, imported on first use so unused SDKs are never loaded.
ADAPTERS: dict[str, str] = {
    "openai": "aixiv.models._openai",
    "anthropic": "aixiv.models._anthropic",
    "google": "aixiv.models._google",
    "deepseek": "aixiv.models._deepseek",
    "openai-compatible": "aixiv.models._compatible",
    "simulated": "aixiv.models._compatible",
}

RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
# Repair turns inside one attempt when the model's output fails schema validation.
OUTPUT_REPAIRS = 2

# Anything shaped like a key is removed whole ...
_KEY_SHAPES = [
    re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"\bAIza[0-9A-Za-z_\-]{20,}"),
]
# ... and so is whatever follows a credential's label.
_KEY_LABELS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=\-]{6,}"),
    re.compile(
        r"(?i)((?:api[_-]?key|x-api-key|x-goog-api-key|authorization)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]{6,}"
    ),
    re.compile(r"(?i)([?&]key=)[^&\s\"']{6,}"),
]


# Building a TypeAdapter and its JSON schema costs milliseconds; output types are few and
# fixed (the review, vote and pairwise schemas), so keep each one's pair.
_ADAPTERS: dict[Any, tuple[TypeAdapter[Any], dict[str, Any]]] = {}


def _adapter(output_type: Any) -> tuple[TypeAdapter[Any], dict[str, Any]]:
    try:
        return _ADAPTERS[output_type]
    except (KeyError, TypeError):
        pass
    adapter: TypeAdapter[Any] = TypeAdapter(output_type)
    pair = (adapter, adapter.json_schema())
    try:
        if len(_ADAPTERS) < 256:
            _ADAPTERS[output_type] = pair
    except TypeError:  # an unhashable type: not kept
        pass
    return pair


# Subscripting a generic model costs a lookup (and on a miss a class build) on every call.
_AnyResult = CallResult[Any]


def scrub(text: str, *secrets: str | None) -> str:
    """Remove keys (the given ones verbatim, and anything shaped like a key) from a message."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    for pattern in _KEY_SHAPES:
        text = pattern.sub("***", text)
    for pattern in _KEY_LABELS:
        text = pattern.sub(r"\1***", text)
    return text


@dataclass
class _Failure:
    kind: ErrorKind
    message: str
    status_code: int | None = None
    retryable: bool = False
    retry_after: float | None = None


def _classify(exc: BaseException, timeout_s: float) -> _Failure:
    from pydantic_ai import exceptions as x

    if isinstance(exc, TimeoutError | x.ModelRequestTimeout | x.ModelTimeoutError):
        return _Failure("timeout", f"timed out after {timeout_s:g} s", retryable=True)
    if isinstance(exc, x.ModelAPIError):
        status = getattr(exc, "status_code", None)
        retry_after = exc.retry_after
        detail = f"{type(exc).__name__}: {_body_text(exc.body) or exc.message}"
        detail = f"HTTP {status}: {detail}" if status else detail
        if isinstance(exc, x.ModelQuotaExceededError):
            return _Failure("rate_limit", detail, status, retryable=False)
        if isinstance(exc, x.ModelRateLimitError) or status == 429:
            return _Failure("rate_limit", detail, status, True, retry_after)
        if isinstance(exc, x.ModelAuthenticationError) or status in (401, 403):
            return _Failure("auth", detail, status)
        if isinstance(exc, x.ModelRequestRejectedError):
            return _Failure("rejected", detail, status)
        if isinstance(exc, x.ModelConnectionError):
            return _Failure("connection", detail, status, True, retry_after)
        if isinstance(exc, x.ModelUnavailableError | x.ModelServerError) or (
            status is not None and status in RETRY_STATUSES
        ):
            return _Failure("server", detail, status, True, retry_after)
        return _Failure("other", detail, status, retryable=status is None)
    if isinstance(exc, x.UnexpectedModelBehavior):
        return _Failure("invalid_output", f"invalid output: {exc.message}", retryable=True)
    if isinstance(exc, x.UserError | ImportError | ValueError):
        return _Failure("config", f"{type(exc).__name__}: {exc}")
    return _Failure("other", f"{type(exc).__name__}: {exc}", retryable=False)


def _body_text(body: object) -> str:
    """The provider's error message, not its whole error document."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"][:1000]
        if isinstance(inner, str):
            return inner[:1000]
    return "" if body is None else str(body)[:1000]


class ModelClient:
    """Calls one model. Safe to share; concurrency is bounded per model (and per event loop)."""

    backoff_base_s = 0.25
    backoff_max_s = 8.0

    def __init__(
        self, spec: ModelSpec, *, ledger: Ledger | None = None, cache: Cache | None = None
    ):
        self.spec = spec
        self.ledger = ledger
        self.cache = cache
        self._semaphores: weakref.WeakKeyDictionary[Any, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )
        self._models: weakref.WeakKeyDictionary[Any, tuple[str, Any]] = weakref.WeakKeyDictionary()
        self._agents: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        s = self.spec
        return f"ModelClient(name={s.name!r}, provider={s.provider!r}, model_id={s.model_id!r})"

    # -- plumbing --------------------------------------------------------------------------

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        sem = self._semaphores.get(loop)
        if sem is None:
            sem = self._semaphores[loop] = asyncio.Semaphore(self.spec.max_concurrency)
        return sem

    def _api_key(self) -> str | None:
        """Read at call time, so keys are never stored with the configuration."""
        env = self.spec.api_key_env
        if not env:
            return None
        key = os.environ.get(env) or None
        if key is None and self.spec.provider not in ("openai-compatible", "simulated"):
            raise _ConfigError(f"environment variable {env} is not set")
        return key

    def _model(self, api_key: str | None) -> Any:
        loop = asyncio.get_running_loop()
        fingerprint = hashlib.sha256((api_key or "").encode()).hexdigest()
        cached = self._models.get(loop)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        adapter = importlib.import_module(ADAPTERS[self.spec.provider])
        model = memoize_schemas(adapter.build_model(self.spec, api_key))
        self._models[loop] = (fingerprint, model)
        return model

    async def aclose(self) -> None:
        """Close the HTTP connections this client opened on the running event loop."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        cached = self._models.pop(loop, None)
        if cached is None:
            return
        model = cached[1]
        # Entering and leaving a pydantic-ai model closes the HTTP client its provider created.
        await model.__aenter__()
        await model.__aexit__(None, None, None)
        sdk = getattr(getattr(model, "provider", None), "client", None)
        close = getattr(sdk, "close", None)
        if close is not None and asyncio.iscoroutinefunction(close):
            await close()

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempt - 1))
        delay = delay / 2 + random.uniform(0, delay / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.backoff_max_s))
        return delay

    def _record(self, **fields: Any) -> None:
        if self.ledger is None:
            return
        s = self.spec
        entry = LedgerEntry(
            model=s.name,
            model_id=s.model_id,
            provider=s.provider,
            family=s.family,
            simulated=s.simulated,
            **fields,
        )
        try:
            self.ledger.record(entry)
        except Exception:  # accounting must not turn a good answer into a failure
            log.exception("ledger failed to record a call to %s", s.name)

    # -- the call --------------------------------------------------------------------------

    async def generate(
        self,
        *,
        system: str,
        prompt: str,
        output_type: type[T],
        purpose: str,
        prompt_version: str,
        temperature: float | None = None,
    ) -> CallResult[T]:
        """Ask the model; return output validated against ``output_type`` or raise ModelError."""
        s = self.spec
        temp = s.temperature if temperature is None else temperature
        adapter, schema = _adapter(output_type)
        key = cache_key(
            model_id=s.model_id,
            provider=s.provider,
            base_url=s.base_url,
            system=system,
            prompt=prompt,
            schema=schema,
            temperature=temp,
            prompt_version=prompt_version,
        )
        started = time.monotonic()
        common = {"purpose": purpose, "prompt_version": prompt_version}

        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                try:
                    output = adapter.validate_json(cached)
                except ValidationError:
                    log.warning("ignoring an unreadable cache entry for %s", s.name)
                else:
                    latency = time.monotonic() - started
                    self._record(cache_hit=True, latency_s=latency, attempts=0, **common)
                    return self._result(output, 0, 0, latency, True, 0, purpose, prompt_version)

        tokens_in = tokens_out = requests = 0
        failure: _Failure | None = None
        api_key: str | None = None
        output: Any = None
        try:
            api_key = self._api_key()
        except _ConfigError as exc:
            failure = _Failure("config", str(exc))
        else:
            try:
                for attempt in range(1, s.max_retries + 2):
                    try:
                        async with self._semaphore():
                            outcome = await self._attempt(
                                api_key, system, prompt, output_type, temp
                            )
                    except _AttemptError as err:
                        tokens_in += err.tokens_in
                        tokens_out += err.tokens_out
                        requests += err.requests
                        failure = _classify(err.cause, s.timeout_s)
                        if not failure.retryable or attempt > s.max_retries:
                            break
                        delay = self._backoff(attempt, failure.retry_after)
                        log.info(
                            "model %s: %s; retry %d in %.2f s", s.name, failure.kind, attempt, delay
                        )
                        await asyncio.sleep(delay)
                    else:
                        output, t_in, t_out, n = outcome
                        tokens_in += t_in
                        tokens_out += t_out
                        requests += n
                        failure = None
                        break
            except asyncio.CancelledError:
                self._record(
                    ok=False,
                    error="cancelled",
                    tokens_in=tokens_in,
                    tokens_out=tokens_out,
                    cost_usd=s.cost(tokens_in, tokens_out),
                    latency_s=time.monotonic() - started,
                    attempts=requests,
                    **common,
                )
                raise

        latency = time.monotonic() - started
        cost = s.cost(tokens_in, tokens_out)
        if failure is not None:
            tried = f" after {requests} request(s)" if requests else ""
            message = scrub(
                f"model {s.name!r} ({s.provider}:{s.model_id}) failed{tried}: {failure.message}",
                api_key,
            )
            self._record(
                ok=False,
                error=message[:2000],
                tokens_in=tokens_in,
                tokens_out=tokens_out,
                cost_usd=cost,
                latency_s=latency,
                attempts=requests,
                **common,
            )
            log.warning("%s", message)
            # Raised outside any except block: the provider's exception (which may quote
            # request headers) is not chained to ours.
            raise ModelError(
                message,
                model=s.name,
                kind=failure.kind,
                status_code=failure.status_code,
                attempts=requests,
            )

        if self.cache is not None:
            try:
                self.cache.put(key, adapter.dump_json(output).decode())
            except Exception:
                log.exception("cache write failed for %s", s.name)
        self._record(
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            cost_usd=cost,
            latency_s=latency,
            attempts=requests,
            **common,
        )
        return self._result(
            output, tokens_in, tokens_out, latency, False, requests, purpose, prompt_version
        )

    def _result(
        self,
        output: Any,
        tokens_in: int,
        tokens_out: int,
        latency: float,
        cache_hit: bool,
        attempts: int,
        purpose: str,
        prompt_version: str,
    ) -> CallResult[Any]:
        s = self.spec
        return _AnyResult(
            output=output,
            model=s.name,
            model_id=s.model_id,
            provider=s.provider,
            family=s.family,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            cost_usd=0.0 if cache_hit else s.cost(tokens_in, tokens_out),
            latency_s=latency,
            cache_hit=cache_hit,
            simulated=s.simulated,
            attempts=attempts,
            purpose=purpose,
            prompt_version=prompt_version,
        )

    async def _attempt(
        self, api_key: str | None, system: str, prompt: str, output_type: Any, temperature: float
    ) -> tuple[Any, int, int, int]:
        """One attempt (with repair turns for invalid output); raises _AttemptError with usage so far."""
        from pydantic_ai import Agent, capture_run_messages
        from pydantic_ai.messages import ModelResponse

        s = self.spec
        with capture_run_messages() as messages:
            try:
                model = self._model(api_key)
                # An Agent is reusable across runs; building one costs a JSON-schema
                # generation, so keep the recent ones (same model, output type, system text).
                # keyed by event loop (the model and its HTTP client belong to one loop)
                agents = self._agents.setdefault(asyncio.get_running_loop(), {})
                key = (id(model), output_type, system)
                if agents and next(iter(agents))[0] != id(model):
                    agents.clear()  # the model was rebuilt (another key): drop agents bound to the old one
                agent = agents.get(key)
                if agent is None:
                    agent = Agent(
                        model,
                        output_type=output_type,
                        instructions=system or None,
                        retries={"output": OUTPUT_REPAIRS, "tools": 0},
                    )
                    agents[key] = agent
                    while len(agents) > 64:
                        agents.pop(next(iter(agents)))
                async with asyncio.timeout(s.timeout_s):
                    run = await agent.run(
                        prompt,
                        model_settings={
                            "temperature": temperature,
                            "max_tokens": s.max_output_tokens,
                            "timeout": s.timeout_s,
                            "max_retries": 0,
                        },
                    )
            except Exception as exc:
                responses = [m for m in messages if isinstance(m, ModelResponse)]
                t_in = sum(r.usage.input_tokens for r in responses)
                t_out = sum(r.usage.output_tokens for r in responses)
                from pydantic_ai.exceptions import UnexpectedModelBehavior

                # A failed HTTP request left no response behind; invalid output did.
                sent = len(responses) + (0 if isinstance(exc, UnexpectedModelBehavior) else 1)
                raise _AttemptError(exc, t_in, t_out, sent) from None
        usage = run.usage
        return run.output, usage.input_tokens, usage.output_tokens, max(usage.requests, 1)


class _ConfigError(Exception):
    pass


class _AttemptError(Exception):
    def __init__(self, cause: BaseException, tokens_in: int, tokens_out: int, requests: int):
        super().__init__(type(cause).__name__)
        self.cause = cause
        self.tokens_in = tokens_in
        self.tokens_out = tokens_out
        self.requests = requests
