"""DeepSeek adapter: the OpenAI chat-completions path with DeepSeek's base URL and profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_ai.models import Model

    from aixiv.models._spec import ModelSpec

DEFAULT_BASE_URL = "https://api.deepseek.com"


def build_model(spec: ModelSpec, api_key: str | None) -> Model:
    from openai import AsyncOpenAI
    from pydantic_ai.models import create_async_httpx2_client
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.deepseek import DeepSeekProvider

    client = AsyncOpenAI(
        base_url=spec.base_url or DEFAULT_BASE_URL,
        api_key=api_key or "api-key-not-set",
        http_client=create_async_httpx2_client(),
    )
    return OpenAIChatModel(spec.model_id, provider=DeepSeekProvider(openai_client=client))
