"""The platform's model registry (configured or simulated), with the ledger in the database."""

from __future__ import annotations

from typing import Any

from aixiv.records import LlmCall


class SqlLedger:
    """Writes every model call to the ``llm_calls`` table."""

    def __init__(self, db) -> None:
        self.db = db

    def record(self, entry: Any) -> None:
        with self.db.transaction() as s:
            s.add(
                LlmCall(
                    model=entry.model, model_id=entry.model_id, provider=entry.provider, purpose=entry.purpose,
                    prompt_version=entry.prompt_version, tokens_in=entry.tokens_in, tokens_out=entry.tokens_out,
                    cost_usd=entry.cost_usd, latency_s=entry.latency_s, cache_hit=entry.cache_hit,
                    simulated=entry.simulated, ok=entry.ok, error=entry.error,
                )
            )


def registry_for(platform) -> Any:
    """The registry the pipeline uses: one set on the platform (tests, demo) or from settings."""
    reg = getattr(platform, "registry", None)
    if reg is None:
        from aixiv.models import ModelRegistry

        reg = ModelRegistry.from_settings(platform.settings, ledger=SqlLedger(platform.db))
        platform.registry = reg
    return reg


def panel_or_default(reg, name: str, fallback: list[str] | None = None) -> list[str]:
    try:
        return reg.panel(name)
    except KeyError:
        return fallback if fallback is not None else reg.names()


def retriever_for(platform) -> Any:
    """The literature retriever: the local index always, Semantic Scholar unless disabled.

    ``[literature] s2_enabled = false`` turns Semantic Scholar off (see
    ``aixiv.literature.SemanticScholar.from_settings`` for its other keys); offline, the local
    index alone serves and reviews record that retrieval was offline.
    """
    if platform.retriever is None:
        from aixiv.literature import LocalIndex, Retriever, SemanticScholar

        platform.retriever = Retriever(s2=SemanticScholar.from_settings(platform.settings), index=LocalIndex(platform.db.engine))
    return platform.retriever
