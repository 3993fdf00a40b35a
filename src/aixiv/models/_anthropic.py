"""Anthropic (messages API) adapter; the SDK is imported only when an Anthropic model is used."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_ai.models import Model

    from aixiv.models._spec import ModelSpec


def build_model(spec: ModelSpec, api_key: str | None) -> Model:
    try:
        from pydantic_ai.models.anthropic import AnthropicModel
        from pydantic_ai.providers.anthropic import AnthropicProvider
    except ImportError as exc:  # pragma: no cover - depends on installed extras
        raise ImportError(
            "Anthropic models need the anthropic extra: pip install 'aixiv[anthropic]'"
        ) from exc
    provider = AnthropicProvider(api_key=api_key or "api-key-not-set", base_url=spec.base_url)
    return AnthropicModel(spec.model_id, provider=provider)
