"""Which model writes revisions: ``[author] model = NAME`` in the settings, else the first one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._revise import AuthorError

if TYPE_CHECKING:
    from aixiv.config import Settings
    from aixiv.models import ModelClient


def author_client(
    settings: Settings | None = None, *, model: str | None = None, simulated: str | None = None
) -> ModelClient:
    """The model client of the author agent.

    ``simulated`` is the base URL of an LLM simulator (``aixiv simulate-llm``): the agent then
    uses a simulated model named ``model`` (default ``gpt``) and says so in what it writes.
    """
    from aixiv.config import get_settings
    from aixiv.models import ModelRegistry, simulated_registry

    if simulated:
        registry = simulated_registry(simulated, [model or "gpt"])
        return registry.client(registry.names()[0])
    settings = settings or get_settings()
    try:
        registry = ModelRegistry.from_settings(settings)
    except ValueError as exc:
        raise AuthorError(f"invalid model configuration: {exc}") from None
    if not registry.has_models():
        raise AuthorError(
            "no model is configured for the author agent: add a [models.NAME] table to the settings file "
            '(and optionally [author] model = "NAME"), or pass --simulated URL to use a simulated model'
        )
    configured = settings.section("author").get("model")
    name = model or (str(configured) if configured else registry.names()[0])
    try:
        return registry.client(name)
    except KeyError as exc:
        raise AuthorError(str(exc.args[0])) from None
