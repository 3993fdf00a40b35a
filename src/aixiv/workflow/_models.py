"""The platform's model registry (configured or simulated), with the ledger in the database."""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from aixiv.records import LlmCall

log = logging.getLogger("aixiv.models.ledger")


class SqlLedger:
    """Writes every model call to the ``llm_calls`` table.

    ``record`` is called from inside model calls on the event loop, so it only queues the
    entry; a writer thread stores queued entries in batches. ``flush`` waits until everything
    queued so far is stored.
    """

    def __init__(self, db) -> None:
        self.db = db
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def record(self, entry: Any) -> None:
        self._queue.put(entry)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drain, name="llm-ledger", daemon=True)
                self._thread.start()

    def flush(self, timeout: float = 10.0) -> None:
        done = threading.Event()
        self._queue.put(done)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drain, name="llm-ledger", daemon=True)
                self._thread.start()
        done.wait(timeout)

    def _drain(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=5.0)
            except queue.Empty:
                return
            batch, markers = [], []
            while True:
                (markers if isinstance(item, threading.Event) else batch).append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if batch:
                try:
                    self._write(batch)
                except Exception:  # accounting must never stop the pipeline
                    log.exception("could not store %d ledger entries", len(batch))
            for m in markers:
                m.set()

    def _write(self, entries: list[Any]) -> None:
        with self.db.transaction() as s:
            s.add_all(
                LlmCall(
                    model=e.model, model_id=e.model_id, provider=e.provider, purpose=e.purpose,
                    prompt_version=e.prompt_version, tokens_in=e.tokens_in, tokens_out=e.tokens_out,
                    cost_usd=e.cost_usd, latency_s=e.latency_s, cache_hit=e.cache_hit,
                    simulated=e.simulated, ok=e.ok, error=e.error,
                )
                for e in entries
            )


def ledger_for(platform) -> SqlLedger:
    led = getattr(platform, "_ledger", None)
    if led is None:
        led = SqlLedger(platform.db)
        platform._ledger = led
    return led


def registry_for(platform) -> Any:
    """The registry the pipeline uses: one set on the platform (tests, demo) or from settings."""
    reg = getattr(platform, "registry", None)
    if reg is None:
        from aixiv.models import ModelRegistry

        reg = ModelRegistry.from_settings(platform.settings, ledger=ledger_for(platform))
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
