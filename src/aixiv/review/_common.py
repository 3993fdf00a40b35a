"""What every reviewer shares: the client and retriever protocols, retrieval, provenance."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any, Protocol

from aixiv.ingest.document import Document
from aixiv.literature._types import RelatedWork, SourceRef

from ._budget import Manuscript
from ._prompts import fence, render
from ._schemas import CallRecord, Provenance

log = logging.getLogger("aixiv.review")


class ReviewError(Exception):
    """A review could not be produced (for example every domain reviewer failed)."""


class ClientLike(Protocol):
    """What a reviewer needs of ``aixiv.models.ModelClient``."""

    async def generate(
        self, *, system: str, prompt: str, output_type: Any, purpose: str, prompt_version: str
    ) -> Any: ...


class RetrieverLike(Protocol):
    """What a reviewer needs of ``aixiv.literature.Retriever`` (injected; never built here)."""

    async def retrieve(
        self,
        title: str,
        abstract: str = "",
        text: str = "",
        *,
        focus: str | None = None,
        budget_tokens: int | None = None,
    ) -> RelatedWork: ...


def manuscript(text: str, document: Document | None = None) -> Manuscript:
    if not text or not text.strip():
        raise ReviewError("the submission has no text to review")
    return Manuscript.build(text, document)


async def related_work(
    retriever: RetrieverLike | None,
    text: str,
    document: Document | None = None,
    *,
    focus: str | None = None,
    budget_tokens: int = 5000,
) -> RelatedWork | None:
    """Related literature for a submission, or None without a retriever. Never raises."""
    if retriever is None:
        return None
    return await _retrieve(
        retriever, manuscript(text, document), focus=focus, budget_tokens=budget_tokens
    )


async def _retrieve(
    retriever: RetrieverLike, ms: Manuscript, *, focus: str | None, budget_tokens: int
) -> RelatedWork:
    started = time.monotonic()
    try:
        related = await retriever.retrieve(
            ms.title, ms.abstract, ms.text, focus=focus, budget_tokens=budget_tokens
        )
    except Exception as exc:  # a review without literature beats no review
        log.warning("retrieval failed: %s", exc)
        related = RelatedWork(offline=True, errors=[f"{type(exc).__name__}: {exc}"[:500]])
    if not related.seconds:
        related.seconds = time.monotonic() - started
    return related


def literature_text(related: RelatedWork | None) -> str:
    return fence(related.text, "literature") if related and related.text.strip() else ""


def call_record(role: str, result: Any) -> CallRecord:
    return CallRecord(
        role=role,
        model=result.model,
        model_id=getattr(result, "model_id", ""),
        family=getattr(result, "family", ""),
        prompt_version=getattr(result, "prompt_version", ""),
        tokens_in=result.tokens_in,
        tokens_out=result.tokens_out,
        cost_usd=result.cost_usd,
        latency_s=result.latency_s,
        cache_hit=result.cache_hit,
        simulated=result.simulated,
    )


def provenance(
    *,
    final: CallRecord,
    calls: list[CallRecord],
    rubric_version: str,
    related: Iterable[RelatedWork | None] = (),
    started: float,
    timings: dict[str, float] | None = None,
) -> Provenance:
    rel = [r for r in related if r is not None]
    sources: list[SourceRef] = []
    seen: set[tuple[str, str]] = set()
    queries: list[str] = []
    for r in rel:
        for s in r.sources:
            if (s.source, s.external_id) not in seen:
                seen.add((s.source, s.external_id))
                sources.append(s)
        queries.extend(q for q in r.queries if q not in queries)
    return Provenance(
        model=final.model,
        model_id=final.model_id,
        family=final.family,
        prompt_version=final.prompt_version,
        rubric_version=rubric_version,
        calls=calls,
        tokens_in=sum(c.tokens_in for c in calls),
        tokens_out=sum(c.tokens_out for c in calls),
        cost_usd=round(sum(c.cost_usd for c in calls), 8),
        latency_s=round(sum(c.latency_s for c in calls), 4),
        wall_s=round(time.monotonic() - started, 4),
        cache_hit=bool(calls) and all(c.cache_hit for c in calls),
        simulated=any(c.simulated for c in calls),
        literature=sources,
        retrieval_offline=all(r.offline for r in rel) if rel else None,
        retrieval_queries=queries,
        timings={k: round(v, 4) for k, v in (timings or {}).items()},
    )


async def ask_about_submission(
    client: ClientLike,
    template: str,
    kind: str,
    standard: Any,
    ms: Manuscript,
    related: RelatedWork | None,
    *,
    submission_tokens: int,
    output_type: Any,
    purpose: str,
    timings: dict[str, float],
    timing_key: str,
) -> Any:
    """Render a submission-plus-literature prompt, ask the model, and time the call."""
    prompt = render(
        template,
        kind,
        standard=standard,
        submission=fence(ms.render(submission_tokens), "submission"),
        related=literature_text(related),
    )
    t = time.monotonic()
    result = await client.generate(
        system=prompt.system,
        prompt=prompt.user,
        output_type=output_type,
        purpose=purpose,
        prompt_version=prompt.version,
    )
    timings[timing_key] = time.monotonic() - t
    return result
