"""Any OpenAI-compatible server (vLLM, Ollama, llama.cpp, the aixiv simulator)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_ai.models import Model

    from aixiv.models._spec import ModelSpec


def build_model(spec: ModelSpec, api_key: str | None) -> Model:
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai_compatible import OpenAICompatibleProvider

    if not spec.base_url:
        raise ValueError(f"model {spec.name!r} needs base_url")
    provider = OpenAICompatibleProvider(spec.provider, base_url=spec.base_url, api_key=api_key)
    return OpenAIChatModel(spec.model_id, provider=provider)
