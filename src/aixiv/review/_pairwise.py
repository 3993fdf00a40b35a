"""Pairwise review: which of two submissions (or versions) is better, asked in both orders."""

from __future__ import annotations

import asyncio
import time

from aixiv.ingest.document import Document
from aixiv.literature._types import RelatedWork

from ._budget import Budgets, truncate_sentences
from ._common import (
    ClientLike,
    RetrieverLike,
    _retrieve,
    call_record,
    literature_text,
    manuscript,
    provenance,
)
from ._prompts import fence, render
from ._schemas import PairwiseComparison, PairwiseJudgement, pairwise_output
from ._standards import Standard, check_kind, load_standard

DEFAULT_BUDGETS = Budgets()
LETTER_BUDGET = 1500  # tokens of a response letter shown beside its version


async def pairwise(
    client: ClientLike,
    text_a: str,
    text_b: str,
    kind: str = "paper",
    *,
    document_a: Document | None = None,
    document_b: Document | None = None,
    retriever: RetrieverLike | None = None,
    related_a: RelatedWork | None = None,
    related_b: RelatedWork | None = None,
    standard: Standard | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
    response_letter_a: str | None = None,
    response_letter_b: str | None = None,
) -> PairwiseComparison:
    """Compare A and B under the kind's rubric in both orders, concurrently.

    ``preferred`` is A or B when both orders agree and "tie" when they do not (position bias);
    ``score`` > 0 favours A, weighting each order by the model's confidence. Each text gets the
    full submission budget, each related-work block half the related budget. A revision's
    response letter to the reviews (``response_letter_a``/``_b``) is shown beside its text
    within a budget of its own.
    """
    started = time.monotonic()
    kind = check_kind(kind)
    std = standard or load_standard(kind)
    ms_a, ms_b = manuscript(text_a, document_a), manuscript(text_b, document_b)
    timings: dict[str, float] = {}
    if retriever is not None and (related_a is None or related_b is None):
        half = budgets.related // 2
        t = time.monotonic()
        ra, rb = await asyncio.gather(
            _retrieve(retriever, ms_a, focus=None, budget_tokens=half)
            if related_a is None
            else _same(related_a),
            _retrieve(retriever, ms_b, focus=None, budget_tokens=half)
            if related_b is None
            else _same(related_b),
        )
        related_a, related_b = ra, rb
        timings["retrieval_s"] = time.monotonic() - t
    sub_a = fence(ms_a.render(budgets.submission), "submission")
    sub_b = fence(ms_b.render(budgets.submission), "submission")
    lit_a, lit_b = literature_text(related_a), literature_text(related_b)
    letter_a = fence(truncate_sentences(response_letter_a, LETTER_BUDGET), "letter") if response_letter_a else ""
    letter_b = fence(truncate_sentences(response_letter_b, LETTER_BUDGET), "letter") if response_letter_b else ""
    label = "Paper" if kind == "paper" else "Proposal"
    output_type = pairwise_output(std)

    async def ask(order: str) -> PairwiseJudgement:
        first, second = ("A", "B") if order == "AB" else ("B", "A")
        texts = {"A": (sub_a, lit_a, letter_a), "B": (sub_b, lit_b, letter_b)}
        prompt = render(
            "pairwise.j2",
            kind,
            standard=std,
            label=label,
            submission_1=texts[first][0],
            related_1=texts[first][1],
            submission_2=texts[second][0],
            related_2=texts[second][1],
            letter_1=texts[first][2],
            letter_2=texts[second][2],
        )
        result = await client.generate(
            system=prompt.system,
            prompt=prompt.user,
            output_type=output_type,
            purpose="review.pairwise",
            prompt_version=prompt.version,
        )
        out = result.output
        slot = {"1": first, "2": second, "tie": "tie"}
        return PairwiseJudgement(
            order=order,  # type: ignore[arg-type]
            preferred=first if out.better == 1 else second,  # type: ignore[arg-type]
            criteria={c.key: slot[getattr(out.criteria, c.key)] for c in std.criteria},  # type: ignore[misc]
            confidence=out.confidence,
            reasons=list(out.reasons),
            call=call_record(f"pairwise-{order}", result),
        )

    t = time.monotonic()
    forward, reverse = await asyncio.gather(ask("AB"), ask("BA"))
    timings["compare_s"] = time.monotonic() - t
    agree = forward.preferred == reverse.preferred
    score = (
        sum((j.confidence if j.preferred == "A" else -j.confidence) for j in (forward, reverse)) / 2
    )
    reasons: list[str] = []
    for r in forward.reasons + reverse.reasons:
        if r not in reasons:
            reasons.append(r)
    calls = [forward.call, reverse.call]
    return PairwiseComparison(
        kind=kind,
        preferred=forward.preferred if agree else "tie",
        orders_agree=agree,
        score=round(score, 4),
        forward=forward,
        reverse=reverse,
        reasons=reasons[:12],
        provenance=provenance(
            final=forward.call,
            calls=calls,
            rubric_version=std.id,
            related=[related_a, related_b],
            started=started,
            timings=timings,
        ),
    )


async def _same(related: RelatedWork) -> RelatedWork:
    return related
