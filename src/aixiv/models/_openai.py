"""OpenAI (chat completions) adapter."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_ai.models import Model

    from aixiv.models._spec import ModelSpec


def build_model(spec: ModelSpec, api_key: str | None) -> Model:
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider

    provider = OpenAIProvider(base_url=spec.base_url, api_key=api_key or "api-key-not-set")
    return OpenAIChatModel(spec.model_id, provider=provider)
