"""ModelSpec, CallResult, ModelError, LedgerEntry: the data of the models package."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

T = TypeVar("T")

# Families of the simulated models, in the order simulated registries use them.
FAMILIES = ["gpt", "claude", "gemini", "deepseek", "llama", "qwen", "mistral"]

Provider = Literal["openai", "anthropic", "google", "deepseek", "openai-compatible", "simulated"]

# The environment variable a provider's key usually lives in (used when api_key_env is not set).
DEFAULT_KEY_ENV: dict[str, str] = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google": "GOOGLE_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
}

_FAMILY_HINTS = [
    ("gpt", r"gpt|(^|[/-])o[1-9]|openai|chatgpt"),
    ("claude", r"claude|anthropic"),
    ("gemini", r"gemini|gemma|google"),
    ("deepseek", r"deepseek"),
    ("llama", r"llama"),
    ("qwen", r"qwen|qwq"),
    ("mistral", r"mistral|mixtral|magistral|codestral"),
    ("phi", r"(^|[/-])phi"),
    ("grok", r"grok"),
]
_PROVIDER_FAMILY = {
    "openai": "gpt",
    "anthropic": "claude",
    "google": "gemini",
    "deepseek": "deepseek",
}


def derive_family(provider: str, model_id: str) -> str:
    """A model family from the provider, or from the model id for generic servers."""
    if provider in _PROVIDER_FAMILY:
        return _PROVIDER_FAMILY[provider]
    lowered = model_id.lower().removeprefix("sim-")
    for family, pattern in _FAMILY_HINTS:
        if re.search(pattern, lowered):
            return family
    head = re.split(r"[/:\-_.\s]", lowered.split("/")[-1])[0]
    return head or "unknown"


class ModelSpec(BaseModel):
    """One named model from configuration. Holds the *name* of the key's variable, never the key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100)
    provider: Provider
    model_id: str = Field(min_length=1, max_length=200)
    base_url: str | None = None
    api_key_env: str | None = None
    family: str = ""
    timeout_s: float = Field(default=120, gt=0)
    max_concurrency: int = Field(default=4, ge=1)
    max_retries: int = Field(default=3, ge=0, le=20)
    price_in_per_mtok: float = Field(default=0.0, ge=0)
    price_out_per_mtok: float = Field(default=0.0, ge=0)
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_output_tokens: int = Field(default=4096, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        provider = data.get("provider")
        model_id = data.get("model_id")
        if not data.get("family") and isinstance(provider, str) and isinstance(model_id, str):
            data["family"] = derive_family(provider, model_id)
        if data.get("api_key_env") is None and provider in DEFAULT_KEY_ENV:
            data["api_key_env"] = DEFAULT_KEY_ENV[provider]
        return data

    @model_validator(mode="after")
    def _check(self) -> ModelSpec:
        if self.provider in ("openai-compatible", "simulated") and not self.base_url:
            raise ValueError(f"model {self.name!r}: provider {self.provider!r} needs base_url")
        if self.api_key_env is not None and not re.fullmatch(
            r"[A-Za-z_][A-Za-z0-9_]*", self.api_key_env
        ):
            raise ValueError(
                f"model {self.name!r}: api_key_env must be the NAME of an environment variable"
            )
        return self

    @property
    def simulated(self) -> bool:
        return self.provider == "simulated"

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (
            tokens_in * self.price_in_per_mtok + tokens_out * self.price_out_per_mtok
        ) / 1_000_000


class CallResult(BaseModel, Generic[T]):
    """The validated output of one call plus its accounting."""

    output: T
    model: str
    model_id: str
    provider: str
    family: str
    tokens_in: int
    tokens_out: int
    cost_usd: float
    latency_s: float
    cache_hit: bool
    simulated: bool
    attempts: int
    purpose: str
    prompt_version: str


ErrorKind = Literal[
    "config",
    "auth",
    "rate_limit",
    "server",
    "timeout",
    "connection",
    "invalid_output",
    "rejected",
    "other",
]


class ModelError(Exception):
    """A call failed after retries were exhausted. The message never contains an API key."""

    def __init__(
        self,
        message: str,
        *,
        model: str = "",
        kind: ErrorKind = "other",
        status_code: int | None = None,
        attempts: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.model = model
        self.kind = kind
        self.status_code = status_code
        self.attempts = attempts

    def __repr__(self) -> str:
        return f"ModelError({self.message!r}, model={self.model!r}, kind={self.kind!r})"


class LedgerEntry(BaseModel):
    """One row of accounting per call (success or failure)."""

    model: str
    model_id: str
    provider: str
    purpose: str
    prompt_version: str
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    cache_hit: bool = False
    simulated: bool = False
    ok: bool = True
    error: str | None = None
    attempts: int = 1
    family: str = ""
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
