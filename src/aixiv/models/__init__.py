"""LLM providers behind one small protocol: structured output, retries, timeouts, concurrency
limits, a content-hash cache and token/cost accounting. Knows nothing about reviews.

Configuration is documented in :mod:`aixiv.models._registry` and ``README.md`` next to this file.
"""

from __future__ import annotations

from typing import Any

from aixiv.models._cache import Cache, DiskCache, MemoryCache, NullCache, cache_key
from aixiv.models._client import ModelClient, scrub
from aixiv.models._ledger import Ledger, MemoryLedger
from aixiv.models._registry import ModelRegistry, simulated_registry, simulated_specs
from aixiv.models._spec import (
    FAMILIES,
    CallResult,
    LedgerEntry,
    ModelError,
    ModelSpec,
    derive_family,
)

__all__ = [
    "FAMILIES",
    "Cache",
    "CallResult",
    "DiskCache",
    "Ledger",
    "LedgerEntry",
    "MemoryCache",
    "MemoryLedger",
    "ModelClient",
    "ModelError",
    "ModelRegistry",
    "ModelSpec",
    "NullCache",
    "SimulatorHandle",
    "cache_key",
    "derive_family",
    "scrub",
    "simulated_registry",
    "simulated_specs",
    "start_simulator",
]


def __getattr__(name: str) -> Any:
    # The simulator pulls in FastAPI/uvicorn; load it only when asked for.
    if name in ("start_simulator", "SimulatorHandle"):
        from aixiv.models import simulator

        return getattr(simulator, name)
    raise AttributeError(f"module 'aixiv.models' has no attribute {name!r}")
