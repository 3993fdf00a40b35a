"""The jobs that move a version through the pipeline: screen -> review -> vote -> decide.

Each handler is idempotent: it looks at the version's recorded stage and does nothing when
its work is already recorded, so a job that runs twice (a worker died after the work but
before marking the job done) changes nothing the second time.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import func, select

from aixiv.jobs import handler
from aixiv.jobs.queue import JobRecord
from aixiv.jobs.worker import LOCAL
from aixiv.platform.audit import audit
from aixiv.records import Decision, PairwiseResult, Review, Submission, Version, Vote

from . import states

log = logging.getLogger("aixiv.workflow")

REVIEW_JOB = "pipeline.review"


def _load(platform, s, version_id: str) -> tuple[Version, Submission] | None:
    v = s.get(Version, version_id)
    if v is None:
        return None
    sub = s.get(Submission, v.submission_id)
    return v, sub


@handler("pipeline.screen", priority=10, lane=LOCAL)
async def screen(platform, job: JobRecord) -> dict:
    """Stage 1: the injection guard. Flagged versions are held and go no further."""
    version_id = job.payload["version_id"]
    with platform.db.transaction() as s:
        loaded = _load(platform, s, version_id)
        if loaded is None:
            return {"skipped": "version gone"}
        v, sub = loaded
        if v.stage not in ("received", "screening"):
            return {"skipped": f"already {v.stage}"}
        if sub.latest_version != v.number or sub.status == states.WITHDRAWN:
            v.stage = "superseded" if sub.latest_version != v.number else v.stage
            return {"skipped": "superseded or withdrawn"}
        if sub.status == states.SUBMITTED:
            states.transition(s, sub, states.SCREENING, actor_id=None, reason="injection screening started")
        v.stage = "screening"
    with platform.db.read() as s:
        v = s.get(Version, version_id)
        s.expunge(v)
    from aixiv.guard import screen_document
    from aixiv.platform.submissions import get_document

    doc = await asyncio.to_thread(get_document, platform, v)
    report = await asyncio.to_thread(screen_document, doc, threshold=platform.settings.guard_threshold)
    check = _guard_llm(platform)
    if check is not None:
        from aixiv.guard import refine_with_llm

        report = await refine_with_llm(report, doc, llm_check=check, threshold=platform.settings.guard_threshold)
    with platform.db.transaction() as s:
        v, sub = _load(platform, s, version_id)
        if v.stage != "screening":
            return {"skipped": f"already {v.stage}"}
        v.guard_report = report.model_dump(mode="json")
        v.guard_flagged = report.flagged
        v.guard_risk = report.risk
        if sub.status != states.SCREENING or sub.latest_version != v.number:
            v.stage = "screened"
            return {"flagged": report.flagged, "note": "submission moved on meanwhile"}
        if report.flagged:
            v.stage = "held"
            cats = ", ".join(report.categories) or "unspecified"
            states.transition(
                s, sub, states.HELD, actor_id=None,
                reason=f"prompt-injection screening flagged this version (risk {report.risk:.2f}; {cats})",
            )
            audit(s, None, "guard.hold", "submission", sub.id, version=v.number, risk=report.risk)
        else:
            v.stage = "screened"
            states.transition(s, sub, states.UNDER_REVIEW, actor_id=None, reason=f"screening passed (risk {report.risk:.2f})")
            platform.queue.enqueue(REVIEW_JOB, {"version_id": v.id}, key=f"review:{v.id}", session=s)
        result = {"flagged": report.flagged, "risk": report.risk}
        platform.queue.complete_in(s, job, result)
    return result


def _guard_llm(platform):
    """The guard's optional LLM check: the first model of the ``guard`` panel, when configured
    (``[panels] guard = ["name"]``); the guard decides alone otherwise."""
    from ._models import panel_or_default, registry_for

    reg = registry_for(platform)
    if not reg.has_models():
        return None
    names = panel_or_default(reg, "guard", [])
    if not names:
        return None
    from aixiv.guard import make_llm_check

    return make_llm_check(reg.client(names[0]))


def pending_versions(platform, stage: str) -> list[str]:
    with platform.db.read() as s:
        return list(s.scalars(select(Version.id).where(Version.stage == stage)))


# --- review ---------------------------------------------------------------------------------

VOTE_JOB = "pipeline.vote"


class RetryLater(Exception):
    """Not decidable now (e.g. below quorum); the job is retried with backoff."""


def _review_row(v: Version, key: str, kind: str, result, *, body: dict) -> Review:
    prov = result.provenance
    return Review(
        version_id=v.id, kind=kind, origin="panel", reviewer_key=key, model=prov.model, family=prov.family,
        prompt_version=prov.prompt_version, rubric_version=prov.rubric_version,
        rating=float(result.rating) if getattr(result, "rating", None) is not None else None,
        recommendation=getattr(result, "recommendation", None), body=body,
        provenance=prov.model_dump(mode="json"), simulated=prov.simulated,
    )


def _store(platform, row) -> bool:
    """Insert one result in its own transaction; False when it was already there (a rerun)."""
    from sqlalchemy.exc import IntegrityError

    try:
        with platform.db.transaction() as s:
            s.add(row)
        return True
    except IntegrityError:
        return False


def retriever_for(platform):
    from ._models import retriever_for as _retriever_for

    return _retriever_for(platform)


# Review and vote jobs share the main lane at one priority, so they run in the order they became
# ready: a batch's reviews (each with a vote still to follow) go before the votes queued behind
# them, which is what keeps every model slot busy to the end of the batch; a stream is served
# first come, first served.
@handler(REVIEW_JOB, priority=20)
async def review_stage(platform, job: JobRecord) -> dict:
    """Stage 2: the review panel (single or meta mode) and, for v2+, pairwise against the previous version."""
    from aixiv import review as rv
    from aixiv.models import ModelError
    from aixiv.platform.submissions import get_document

    from ._models import panel_or_default, registry_for

    version_id = job.payload["version_id"]
    with platform.db.read() as s:
        loaded = _load(platform, s, version_id)
        if loaded is None:
            return {"skipped": "version gone"}
        v, sub = loaded
        if sub.status != states.UNDER_REVIEW or sub.latest_version != v.number or v.stage not in ("screened", "reviewing"):
            return {"skipped": f"submission {sub.status}, version {v.stage}"}
        kind = sub.kind
        previous = s.scalar(select(Version).where(Version.submission_id == sub.id, Version.number == v.number - 1))
        done = set(s.scalars(select(Review.reviewer_key).where(Review.version_id == v.id)))
        have_pair = s.scalar(select(PairwiseResult.id).where(PairwiseResult.version_id == v.id)) is not None
        for row in (v, previous):
            if row is not None:
                s.expunge(row)
    reg = registry_for(platform)
    if not reg.has_models():
        with platform.db.transaction() as s:
            row = s.get(Version, version_id)
            row.stage = "awaiting_reviews"
            audit(s, None, "review.skipped", "submission", row.submission_id, reason="no review model configured")
        return {"skipped": "no review model configured; waiting for external reviews"}
    with platform.db.transaction() as s:
        s.get(Version, version_id).stage = "reviewing"
    mode = str(platform.settings.section("review").get("mode", "single"))
    reviewers = panel_or_default(reg, "reviewers", reg.names()[:1])
    doc = await asyncio.to_thread(get_document, platform, v)
    retriever = retriever_for(platform)
    text = v.text
    tasks = []

    async def run_single(name: str) -> None:
        key = f"panel:single:{name}"
        if key in done:
            return
        result = await rv.single_review(reg.client(name), text, kind, document=doc, retriever=retriever)
        body = result.model_dump(mode="json", exclude={"provenance"})
        await asyncio.to_thread(_store, platform, _review_row(v, key, "single", result, body=body))

    async def run_meta() -> None:
        key = f"panel:meta:{reviewers[0]}"
        if key in done:
            return
        n = platform.settings.section("review").get("domain_reviewers")
        result = await rv.meta_review(
            reg.client(reviewers[0]), text, kind, document=doc, retriever=retriever,
            reviewer_clients=[reg.client(r) for r in reviewers], n_reviewers=int(n) if n else None,
        )
        body = result.model_dump(mode="json", exclude={"provenance"})
        await asyncio.to_thread(_store, platform, _review_row(v, key, "meta", result, body=body))

    async def run_pairwise() -> None:
        if previous is None or have_pair:
            return
        name = reviewers[0]
        result = await rv.pairwise(
            reg.client(name), text, previous.text, kind, retriever=retriever, response_letter_a=v.response_letter
        )
        preferred = {"A": "new", "B": "old"}.get(result.preferred, "tie")
        row = PairwiseResult(
            version_id=v.id, against_version_id=previous.id, model=result.provenance.model, preferred=preferred,
            orders_agree=result.orders_agree, body=result.model_dump(mode="json"), simulated=result.provenance.simulated,
        )
        await asyncio.to_thread(_store, platform, row)

    if mode == "meta":
        tasks.append(run_meta())
    else:
        tasks.extend(run_single(name) for name in reviewers)
    tasks.append(run_pairwise())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]

    def count_stored(s) -> int:
        return s.scalar(select(func.count()).select_from(Review).where(Review.version_id == version_id, Review.origin == "panel"))

    if errors:
        with platform.db.read() as s:
            stored = count_stored(s)
        if not stored or job.attempts < job.max_attempts - 1:
            # some reviewer failed: retry the job (stored reviews are kept, only the missing run again)
            if not isinstance(errors[0], ModelError | rv.ReviewError):
                raise errors[0]
            raise RetryLater(f"{len(errors)} review call(s) failed: {errors[0]}")
    with platform.db.transaction() as s:
        stored = count_stored(s)
        v2, sub2 = _load(platform, s, version_id)
        if sub2.status != states.UNDER_REVIEW or v2.stage != "reviewing":
            return {"skipped": "moved on meanwhile"}
        v2.stage = "reviewed"
        states.transition(s, sub2, states.VOTING, actor_id=None, reason=f"{stored} panel review(s) written ({mode} mode)")
        platform.queue.enqueue(VOTE_JOB, {"version_id": version_id, "round": 1}, key=f"vote:{version_id}:1", session=s)
        result = {"reviews": stored, "errors": len(errors)}
        platform.queue.complete_in(s, job, result)
    return result


# --- vote and decision --------------------------------------------------------------------------


@handler(VOTE_JOB, priority=20)  # the review jobs' priority: see there
async def vote_stage(platform, job: JobRecord) -> dict:
    """Stage 3: each panel voter votes (in parallel); k of n accepts -> provisionally accepted."""
    from aixiv import review as rv
    from aixiv.platform.submissions import get_document

    from ._models import panel_or_default, registry_for
    from .rules import vote_rule

    version_id, rnd = job.payload["version_id"], int(job.payload.get("round", 1))
    with platform.db.read() as s:
        loaded = _load(platform, s, version_id)
        if loaded is None:
            return {"skipped": "version gone"}
        v, sub = loaded
        if sub.status != states.VOTING or sub.latest_version != v.number:
            return {"skipped": f"submission {sub.status}"}
        kind = sub.kind
        settled = set(s.scalars(select(Vote.voter_key).where(
            Vote.version_id == v.id, Vote.round == rnd, Vote.origin == "panel", Vote.decision != "abstain")))
        s.expunge(v)
    reg = registry_for(platform)
    voters = panel_or_default(reg, "voters", reg.names())
    rule = vote_rule(platform.settings)
    doc = await asyncio.to_thread(get_document, platform, v)
    retriever = retriever_for(platform)
    related = await rv.related_work(retriever, v.text, doc) if retriever is not None else None

    async def one(name: str) -> tuple[str, dict] | None:
        key = f"panel:{name}"
        if key in settled:
            return None
        client = reg.client(name)
        try:
            res = await rv.vote(client, v.text, kind, document=doc, related=related)
            fields = dict(
                model=res.provenance.model, family=res.provenance.family, decision=res.decision.lower(),
                confidence=res.confidence, reasons=res.reasons, scores=res.scores,
                prompt_version=res.provenance.prompt_version, rubric_version=res.provenance.rubric_version,
                cost_usd=res.provenance.cost_usd, error=None, simulated=res.provenance.simulated,
            )
        except Exception as exc:  # a voter that still fails after its retries abstains
            fields = dict(
                model=client.spec.name, family=client.spec.family, decision="abstain", confidence=None,
                reasons=[], scores={}, error=f"{type(exc).__name__}: {str(exc)[:500]}",
                simulated=client.spec.provider == "simulated",
            )
        return key, fields

    answers = [a for a in await asyncio.gather(*(one(n) for n in voters)) if a is not None]
    # The round's votes and its decision are stored in one transaction: a rerun of this job
    # (a worker died mid-round) asks again only the voters with no settled vote, and the unique
    # (version, round, voter) key turns a concurrent second run into a retry, never a second vote.
    with platform.db.transaction() as s:
        v2, sub2 = _load(platform, s, version_id)
        if sub2.status != states.VOTING:
            return {"skipped": "decided meanwhile"}
        votes = {x.voter_key: x for x in s.scalars(
            select(Vote).where(Vote.version_id == version_id, Vote.round == rnd, Vote.origin == "panel"))}
        for key, fields in answers:
            row = votes.get(key)
            if row is None:
                votes[key] = row = Vote(version_id=version_id, round=rnd, origin="panel", voter_key=key, **fields)
                s.add(row)
            elif row.decision == "abstain":  # a rerun fills in an abstention
                for k, val in fields.items():
                    setattr(row, k, val)
        accepts = sum(x.decision == "accept" for x in votes.values())
        rejects = sum(x.decision == "reject" for x in votes.values())
        abstains = sum(x.decision == "abstain" for x in votes.values())
        outcome = rule.decide(accepts, rejects)
        if outcome is None:
            audit(s, None, "vote.below_quorum", "submission", sub2.id, version=v2.number, accepts=accepts, rejects=rejects, abstains=abstains)
            raise_later = True
        else:
            raise_later = False
            s.add(Decision(version_id=version_id, round=rnd, outcome=outcome, accepts=accepts, rejects=rejects,
                           abstains=abstains, rule=rule.describe()))
            v2.stage = "decided"
            states.transition(
                s, sub2, outcome, actor_id=None,
                reason=f"panel vote: {accepts} accept, {rejects} reject, {abstains} abstain ({rule.describe()})",
            )
            audit(s, None, "decision", "submission", sub2.id, version=v2.number, outcome=outcome)
            if outcome == states.PROVISIONALLY_ACCEPTED:
                from .publish import on_provisionally_accepted

                on_provisionally_accepted(platform, s, sub2, v2)
            result = {"outcome": outcome, "accepts": accepts, "rejects": rejects, "abstains": abstains}
            platform.queue.complete_in(s, job, result)
    if raise_later:
        raise RetryLater(
            f"only {accepts + rejects} non-abstaining vote(s), quorum is {rule.quorum}: not decided, retrying later"
        )
    return result
