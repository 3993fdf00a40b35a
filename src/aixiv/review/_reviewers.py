"""Single review and meta review (area chair + parallel domain reviewers + meta review)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from aixiv.ingest.document import Document
from aixiv.literature._types import RelatedWork

from ._budget import Budgets, Manuscript, truncate_sentences
from ._common import (
    ClientLike,
    RetrieverLike,
    ReviewError,
    _retrieve,
    ask_about_submission,
    call_record,
    literature_text,
    manuscript,
    provenance,
)
from ._prompts import fence, render
from ._schemas import (
    CallRecord,
    Conflict,
    CriterionReview,
    CriterionScore,
    DomainReview,
    MetaReview,
    ReviewerSpec,
    SingleReview,
    meta_output,
    planner_output,
    review_output,
)
from ._standards import Standard, check_kind, load_standard

DEFAULT_BUDGETS = Budgets()


def _to_review(output: Any, std: Standard, kind: str, prov: Any) -> SingleReview:
    criteria = []
    for c in std.criteria:
        fb = getattr(output, c.key)
        criteria.append(
            CriterionReview(
                key=c.key,
                name=c.name,
                score=fb.score,
                strengths=list(fb.strengths),
                weaknesses=list(fb.weaknesses),
                suggestions=list(fb.suggestions),
            )
        )
    return SingleReview(
        kind=kind,
        criteria=criteria,
        summary=output.summary,
        major_concerns=list(output.major_concerns),
        minor_issues=list(output.minor_issues),
        questions_for_authors=list(output.questions_for_authors),
        improvement_recommendations=list(output.improvement_recommendations),
        rating=output.rating,
        confidence=output.confidence,
        provenance=prov,
    )


async def single_review(
    client: ClientLike,
    text: str,
    kind: str = "paper",
    *,
    document: Document | None = None,
    retriever: RetrieverLike | None = None,
    related: RelatedWork | None = None,
    standard: Standard | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> SingleReview:
    """One reviewer's review of the reader-view ``text`` under the kind's standard.

    ``related`` (already retrieved) wins over ``retriever``; without either the review is
    written without literature. Raises ``aixiv.models.ModelError`` when the model fails.
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
        client, "single.j2", kind, std, ms, related, submission_tokens=budgets.submission,
        output_type=review_output(std), purpose="review.single", timings=timings, timing_key="review_s",
    )
    call = call_record("reviewer", result)
    prov = provenance(
        final=call,
        calls=[call],
        rubric_version=std.id,
        related=[related],
        started=started,
        timings=timings,
    )
    return _to_review(result.output, std, kind, prov)


# -- meta review ----------------------------------------------------------------------------


async def plan_reviewers(
    client: ClientLike,
    ms: Manuscript,
    kind: str,
    std: Standard,
    *,
    n_reviewers: int | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> tuple[list[str], list[ReviewerSpec], CallRecord]:
    """The area chair names the subfields and creates the domain reviewers."""
    cfg = std.meta_review
    if n_reviewers is not None:
        if not cfg.min_reviewers <= n_reviewers <= cfg.max_reviewers:
            raise ValueError(
                f"n_reviewers must be between {cfg.min_reviewers} and {cfg.max_reviewers}, got {n_reviewers}"
            )
        lo = hi = n_reviewers
    else:
        lo, hi = cfg.min_reviewers, cfg.max_reviewers
    prompt = render(
        "planner.j2",
        kind,
        standard=std,
        standard_yaml=std.as_yaml(),
        n_reviewers=n_reviewers,
        submission=fence(ms.render(budgets.planner), "submission"),
    )
    result = await client.generate(
        system=prompt.system,
        prompt=prompt.user,
        output_type=planner_output(lo, hi),
        purpose="review.meta.plan",
        prompt_version=prompt.version,
    )
    out = result.output
    specs = [
        ReviewerSpec(
            name=r.name.strip() or f"Reviewer {i + 1}",
            subfield=r.subfield,
            expertise=r.expertise,
            focus=r.focus,
            instructions=r.instructions,
        )
        for i, r in enumerate(out.reviewers)
    ]
    subfields = [s for s in out.subfields if s.strip()] or [
        s.subfield for s in specs if s.subfield.strip()
    ]
    return subfields, specs, call_record("planner", result)


def _reviews_digest(reviews: list[DomainReview], budget_tokens: int) -> str:
    """The domain reports as compact text for the area chair, each within an equal share."""
    done = [d for d in reviews if d.review is not None]
    share = max(200, budget_tokens // max(1, len(done)))
    blocks = []
    for i, d in enumerate(done, 1):
        r = d.review
        assert r is not None
        lines = [
            f"### Reviewer {i}: {d.reviewer.name} ({d.reviewer.subfield})",
            f"Rating {r.rating}/10, confidence {r.confidence}/5.",
            f"Summary: {r.summary}",
        ]
        for c in r.criteria:
            lines.append(f"- {c.name}: score {c.score}/4.")
            lines += [f"  + {s}" for s in c.strengths[:3]]
            lines += [f"  - {w}" for w in c.weaknesses[:3]]
        if r.major_concerns:
            lines.append("Major concerns: " + " | ".join(r.major_concerns[:5]))
        if r.minor_issues:
            lines.append("Minor issues: " + " | ".join(r.minor_issues[:4]))
        blocks.append(truncate_sentences("\n".join(lines), share))
    return fence("\n\n".join(blocks), "reviews")


async def meta_review(
    client: ClientLike,
    text: str,
    kind: str = "paper",
    *,
    document: Document | None = None,
    retriever: RetrieverLike | None = None,
    reviewer_clients: Sequence[ClientLike] | None = None,
    n_reviewers: int | None = None,
    standard: Standard | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> MetaReview:
    """Area chair plans 2-6 domain reviewers, they review in parallel, the chair writes the meta review.

    ``client`` is the area chair; domain reviewers use ``reviewer_clients`` round-robin (default:
    the chair's client). Each reviewer retrieves its own literature for its subfield. Wall time
    is about planner + retrieval + one reviewer round + meta review.
    """
    started = time.monotonic()
    kind = check_kind(kind)
    std = standard or load_standard(kind)
    ms = manuscript(text, document)
    pool = list(reviewer_clients or [client])
    timings: dict[str, float] = {}

    t = time.monotonic()
    subfields, specs, plan_call = await plan_reviewers(
        client, ms, kind, std, n_reviewers=n_reviewers, budgets=budgets
    )
    timings["planner_s"] = time.monotonic() - t
    submission = fence(ms.render(budgets.submission), "submission")

    async def one(
        i: int, spec: ReviewerSpec
    ) -> tuple[DomainReview, CallRecord | None, RelatedWork | None, float]:
        related = None
        retrieval_s = 0.0
        try:
            if retriever is not None:
                focus = " ".join(x for x in (spec.subfield, spec.expertise) if x)
                related = await _retrieve(
                    retriever, ms, focus=focus or None, budget_tokens=budgets.related
                )
                retrieval_s = related.seconds
            prompt = render(
                "domain.j2",
                kind,
                standard=std,
                reviewer=spec,
                submission=submission,
                related=literature_text(related),
            )
            result = await pool[i % len(pool)].generate(
                system=prompt.system,
                prompt=prompt.user,
                output_type=review_output(std),
                purpose="review.meta.domain",
                prompt_version=prompt.version,
            )
        except Exception as exc:  # one failed reviewer does not sink the panel
            return (
                DomainReview(reviewer=spec, error=f"{type(exc).__name__}: {exc}"[:1000]),
                None,
                related,
                retrieval_s,
            )
        call = call_record(f"domain-{i + 1}", result)
        prov = provenance(
            final=call, calls=[call], rubric_version=std.id, related=[related], started=started
        )
        return (
            DomainReview(reviewer=spec, review=_to_review(result.output, std, kind, prov)),
            call,
            related,
            retrieval_s,
        )

    t = time.monotonic()
    outcomes = await asyncio.gather(*(one(i, s) for i, s in enumerate(specs)))
    timings["reviewers_s"] = time.monotonic() - t
    timings["retrieval_s"] = max((o[3] for o in outcomes), default=0.0)
    domain = [o[0] for o in outcomes]
    calls = [plan_call] + [o[1] for o in outcomes if o[1] is not None]
    if not any(d.review for d in domain):
        errors = "; ".join(d.error or "" for d in domain)
        raise ReviewError(f"every domain reviewer failed: {errors}"[:2000])

    prompt = render(
        "meta.j2",
        kind,
        standard=std,
        standard_yaml=std.as_yaml(),
        submission=fence(ms.render(budgets.planner), "submission"),
        reviews=_reviews_digest(domain, budgets.reviews),
    )
    t = time.monotonic()
    result = await client.generate(
        system=prompt.system,
        prompt=prompt.user,
        output_type=meta_output(std),
        purpose="review.meta.summary",
        prompt_version=prompt.version,
    )
    timings["meta_s"] = time.monotonic() - t
    meta_call = call_record("meta", result)
    calls.append(meta_call)
    out = result.output
    prov = provenance(
        final=meta_call,
        calls=calls,
        rubric_version=std.id,
        related=[o[2] for o in outcomes],
        started=started,
        timings=timings,
    )
    return MetaReview(
        kind=kind,
        subfields=subfields,
        reviewers=domain,
        summary=out.summary,
        strengths=list(out.strengths),
        weaknesses=list(out.weaknesses),
        resolved_conflicts=[
            Conflict(issue=c.issue, positions=c.positions, resolution=c.resolution)
            for c in out.resolved_conflicts
        ],
        criteria=[
            CriterionScore(
                key=c.key,
                name=c.name,
                score=getattr(out.criteria, c.key).score,
                justification=getattr(out.criteria, c.key).justification,
            )
            for c in std.criteria
        ],
        rating=out.rating,
        recommendation=out.recommendation,
        justification=out.justification,
        provenance=prov,
    )
