"""Where every call is accounted: the Ledger protocol and an in-memory ledger."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, Protocol, runtime_checkable

from aixiv.models._spec import LedgerEntry


@runtime_checkable
class Ledger(Protocol):
    def record(self, entry: LedgerEntry) -> None: ...


class MemoryLedger:
    """Keeps entries in a list (CLI, benchmarks, tests)."""

    def __init__(self) -> None:
        self.entries: list[LedgerEntry] = []
        self._lock = threading.Lock()

    def record(self, entry: LedgerEntry) -> None:
        with self._lock:
            self.entries.append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def total_cost(self) -> float:
        return sum(e.cost_usd for e in self.entries)

    def summary(self) -> dict[str, dict[str, Any]]:
        """Per model: calls, failures, cache hits, tokens, cost, mean latency."""
        out: dict[str, dict[str, Any]] = defaultdict(
            lambda: {
                "calls": 0,
                "failed": 0,
                "cache_hits": 0,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "latency_s": 0.0,
            }
        )
        for e in self.entries:
            row = out[e.model]
            row["calls"] += 1
            row["failed"] += 0 if e.ok else 1
            row["cache_hits"] += 1 if e.cache_hit else 0
            row["tokens_in"] += e.tokens_in
            row["tokens_out"] += e.tokens_out
            row["cost_usd"] += e.cost_usd
            row["latency_s"] += e.latency_s
        for row in out.values():
            row["latency_s"] = row["latency_s"] / row["calls"] if row["calls"] else 0.0
        return dict(out)
