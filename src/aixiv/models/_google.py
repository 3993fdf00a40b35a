"""Google Gemini adapter; the SDK is imported only when a Gemini model is used."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_ai.models import Model

    from aixiv.models._spec import ModelSpec


def build_model(spec: ModelSpec, api_key: str | None) -> Model:
    try:
        from pydantic_ai.models.google import GoogleModel
        from pydantic_ai.providers.google import GoogleProvider
    except ImportError as exc:  # pragma: no cover - depends on installed extras
        raise ImportError(
            "Gemini models need the google extra: pip install 'aixiv[google]'"
        ) from exc
    provider = GoogleProvider(api_key=api_key or "api-key-not-set", base_url=spec.base_url)
    return GoogleModel(spec.model_id, provider=provider)
