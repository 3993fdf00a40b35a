"""Voting: one model's ACCEPT/REJECT decision on a submission (appendix A.6 / A.7)."""

from __future__ import annotations

import time

from aixiv.ingest.document import Document
from aixiv.literature._types import RelatedWork

from ._budget import Budgets
from ._common import (
    ClientLike,
    RetrieverLike,
    _retrieve,
    ask_about_submission,
    call_record,
    literature_text,
    manuscript,
    provenance,
)
from ._schemas import VoteResult, vote_output
from ._standards import Standard, check_kind, load_standard

DEFAULT_BUDGETS = Budgets()


async def vote(
    client: ClientLike,
    text: str,
    kind: str = "paper",
    *,
    document: Document | None = None,
    retriever: RetrieverLike | None = None,
    related: RelatedWork | None = None,
    standard: Standard | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> VoteResult:
    """ACCEPT or REJECT with confidence, reasons and a 0-10 score per voting criterion.

    Proposals face the strict bar, papers the workshop-level one (see the standards). For a
    panel, retrieve once (:func:`related_work`) and pass ``related`` to every voter.
    """
    started = time.monotonic()
    kind = check_kind(kind)
    std = standard or load_standard(kind)
    ms = manuscript(text, document)
    timings: dict[str, float] = {}
    if related is None and retriever is not None:
        related = await _retrieve(retriever, ms, focus=None, budget_tokens=budgets.related)
        timings["retrieval_s"] = related.seconds
    result = await ask_about_submission(
        client, f"vote_{kind}.j2", kind, std, ms, related, submission_tokens=budgets.submission,
        output_type=vote_output(std), purpose="vote", timings=timings, timing_key="vote_s",
    )
    out = result.output
    call = call_record("voter", result)
    return VoteResult(
        kind=kind,
        decision="ACCEPT" if out.decision == "accept" else "REJECT",
        confidence=out.confidence,
        reasons=list(out.reasons),
        scores={c.key: getattr(out.scores, c.key) for c in std.voting.criteria},
        used_literature=bool(literature_text(related)),
        provenance=provenance(
            final=call,
            calls=[call],
            rubric_version=std.id,
            related=[related],
            started=started,
            timings=timings,
        ),
    )
