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
    """The literature retriever: the local index always, Semantic Scholar when enabled.

    ``[literature] semantic_scholar = true`` (optional ``s2_url``) turns on the Semantic Scholar
    Graph API (key from ``S2_API_KEY`` when set); answers are cached under the data directory.
    """
    if platform.retriever is None:
        from aixiv.literature import LocalIndex, Retriever, SemanticScholar

        cfg = platform.settings.section("literature")
        s2 = None
        if cfg.get("semantic_scholar", False):
            kwargs = {"cache_dir": platform.settings.data_dir / "s2-cache"}
            if cfg.get("s2_url"):
                kwargs["base_url"] = str(cfg["s2_url"])
            s2 = SemanticScholar(**kwargs)
        platform.retriever = Retriever(s2=s2, index=LocalIndex(platform.db.engine))
    return platform.retriever
