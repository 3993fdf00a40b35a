"""ModelRegistry: the configured models and panels.

Settings file (TOML, ``AIXIV_CONFIG`` or ``<data_dir>/aixiv.toml``)::

    [models.gpt]
    provider = "openai"              # openai | anthropic | google | deepseek | openai-compatible | simulated
    model_id = "gpt-4.1"
    api_key_env = "OPENAI_API_KEY"   # the NAME of the variable holding the key (default per provider)
    price_in_per_mtok = 2.0          # USD per million input tokens (cost accounting)
    price_out_per_mtok = 8.0
    # optional: base_url, family, timeout_s (120), max_concurrency (4), max_retries (3),
    #           temperature (0.0), max_output_tokens (4096)

    [models.local]
    provider = "openai-compatible"
    base_url = "http://127.0.0.1:8001/v1"
    model_id = "llama-3"

    [panels]
    reviewers = ["gpt"]
    voters = ["gpt", "claude", "gemini", "deepseek", "local"]

A panel may also be written as a table: ``[panels.voters]`` with ``models = [...]``. Panels
``reviewers`` and ``voters`` default to every configured model.

``AIXIV_SIMULATED_LLM=<url>`` replaces the configured models with simulated ones of
``AIXIV_SIMULATED_LLM_FAMILIES`` (default 5) families, all served by ``aixiv simulate-llm`` at
that URL. ``AIXIV_LLM_CACHE`` = ``off`` disables the answer cache, or names its SQLite file
(default ``<data_dir>/llm-cache.sqlite3``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aixiv.models._cache import Cache, DiskCache
from aixiv.models._client import ModelClient
from aixiv.models._ledger import Ledger
from aixiv.models._spec import FAMILIES, ModelSpec

if TYPE_CHECKING:
    from aixiv.config import Settings

DEFAULT_PANELS = ("reviewers", "voters")


class ModelRegistry:
    """Named model clients and named panels (lists of model names)."""

    def __init__(
        self,
        specs: Iterable[ModelSpec],
        panels: Mapping[str, list[str]] | None = None,
        *,
        ledger: Ledger | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.ledger = ledger
        self.cache = cache
        self._clients: dict[str, ModelClient] = {}
        for spec in specs:
            if spec.name in self._clients:
                raise ValueError(f"model {spec.name!r} is configured twice")
            self._clients[spec.name] = ModelClient(spec, ledger=ledger, cache=cache)
        self._panels: dict[str, list[str]] = {}
        for name, members in (panels or {}).items():
            unknown = [m for m in members if m not in self._clients]
            if unknown:
                raise ValueError(
                    f"panel {name!r} names unknown model(s) {unknown}; configured: {self.names()}"
                )
            self._panels[name] = list(members)
        if self._clients:
            for name in DEFAULT_PANELS:
                self._panels.setdefault(name, self.names())

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        ledger: Ledger | None = None,
        cache: Cache | None = None,
    ) -> ModelRegistry:
        """Models and panels from the settings file, or simulated ones if AIXIV_SIMULATED_LLM is set.

        ``cache=None`` means the default disk cache (see module docstring); pass
        ``NullCache()`` to disable caching.
        """
        from aixiv.config import get_settings

        settings = settings or get_settings()
        if cache is None:
            cache = default_cache(settings.data_dir)
        simulated = os.environ.get("AIXIV_SIMULATED_LLM")
        if simulated:
            families = int(os.environ.get("AIXIV_SIMULATED_LLM_FAMILIES", "5"))
            return simulated_registry(simulated, families, ledger=ledger, cache=cache)
        return cls.from_tables(
            settings.section("models"), settings.section("panels"), ledger=ledger, cache=cache
        )

    @classmethod
    def from_tables(
        cls,
        models: Mapping[str, Any],
        panels: Mapping[str, Any] | None = None,
        *,
        ledger: Ledger | None = None,
        cache: Cache | None = None,
    ) -> ModelRegistry:
        """From the ``[models]`` and ``[panels]`` tables of a settings file (already parsed)."""
        specs = []
        for name, table in models.items():
            if not isinstance(table, Mapping):
                raise ValueError(f"[models.{name}] must be a table, got {type(table).__name__}")
            if "api_key" in table:
                raise ValueError(
                    f"[models.{name}] has api_key: keys never go in the settings file; put the key "
                    "in an environment variable and name it with api_key_env"
                )
            try:
                specs.append(ModelSpec(name=name, **table))
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'model'}: {e['msg']}"
                    for e in exc.errors()
                )
                raise ValueError(f"[models.{name}] is invalid: {problems}") from None
        parsed: dict[str, list[str]] = {}
        for name, value in (panels or {}).items():
            if isinstance(value, Mapping):
                value = value.get("models")
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"[panels] {name} must be a list of model names")
            parsed[name] = value
        return cls(specs, parsed, ledger=ledger, cache=cache)

    # -- queries ---------------------------------------------------------------------------

    def names(self) -> list[str]:
        return list(self._clients)

    def specs(self) -> list[ModelSpec]:
        return [c.spec for c in self._clients.values()]

    def client(self, name: str) -> ModelClient:
        try:
            return self._clients[name]
        except KeyError:
            raise KeyError(
                f"no model named {name!r}; configured models: {self.names() or 'none'}"
            ) from None

    def panel(self, name: str) -> list[str]:
        try:
            return list(self._panels[name])
        except KeyError:
            raise KeyError(
                f"no panel named {name!r}; configured panels: {sorted(self._panels) or 'none'} "
                "(define it under [panels] in the settings file)"
            ) from None

    def panels(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._panels.items()}

    def has_models(self) -> bool:
        return bool(self._clients)

    async def aclose(self) -> None:
        """Close HTTP connections opened on the running event loop (e.g. before asyncio.run ends)."""
        for client in self._clients.values():
            await client.aclose()

    async def __aenter__(self) -> ModelRegistry:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"ModelRegistry(models={self.names()}, panels={sorted(self._panels)})"


def default_cache(data_dir: Path) -> Cache | None:
    """The disk cache under the data dir, unless AIXIV_LLM_CACHE says otherwise."""
    setting = os.environ.get("AIXIV_LLM_CACHE", "").strip()
    if setting.lower() in ("off", "0", "false", "no", "none"):
        return None
    return DiskCache(Path(setting) if setting else Path(data_dir) / "llm-cache.sqlite3")


def simulated_specs(
    base_url: str, families: int | list[str] = 5, **overrides: Any
) -> list[ModelSpec]:
    """Specs of simulated models named after families (``gpt`` -> model id ``sim-gpt``)."""
    url = base_url.rstrip("/")
    if not url.endswith("/v1"):
        url += "/v1"
    if isinstance(families, int):
        if families < 1:
            raise ValueError("families must be at least 1")
        names = [FAMILIES[i] if i < len(FAMILIES) else f"model{i + 1}" for i in range(families)]
    else:
        names = list(families)
    return [
        ModelSpec(
            name=name,
            provider="simulated",
            model_id=f"sim-{name}",
            base_url=url,
            family=name,
            **{"timeout_s": 30, "max_retries": 3, **overrides},
        )
        for name in names
    ]


def simulated_registry(
    base_url: str,
    families: int | list[str] = 5,
    *,
    ledger: Ledger | None = None,
    cache: Cache | None = None,
    **spec_overrides: Any,
) -> ModelRegistry:
    """A registry of simulated models of different families, all served by one simulator.

    Panels ``reviewers`` and ``voters`` hold every model. ``spec_overrides`` (e.g.
    ``max_concurrency=2``, ``timeout_s=1``) apply to every spec. No cache unless given.
    """
    specs = simulated_specs(base_url, families, **spec_overrides)
    return ModelRegistry(specs, ledger=ledger, cache=cache)
