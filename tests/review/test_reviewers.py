"""Single, meta, pairwise and vote reviewers against the simulated LLM server (real HTTP)."""

from __future__ import annotations

import time

import pytest
from review_helpers import make_paper

from aixiv.literature import LiteratureDoc, LiteratureRecord, LocalIndex, Retriever, ensure_fts
from aixiv.models import MemoryCache, ModelError, simulated_registry
from aixiv.records.base import Base
from aixiv.records.db import make_engine
from aixiv.review import (
    ReviewError,
    load_standard,
    meta_review,
    pairwise,
    related_work,
    single_review,
    vote,
)


@pytest.fixture
def retriever(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'lit.sqlite3'}")
    Base.metadata.create_all(engine, tables=[LiteratureDoc.__table__])
    ensure_fts(engine)
    index = LocalIndex(engine)
    index.add(
        [
            LiteratureRecord(
                source="test",
                external_id="p1",
                title="Load Balancing for Sparse Mixture of Experts",
                abstract="Routing tokens to experts with an auxiliary load-balancing loss.",
                year=2021,
            ),
            LiteratureRecord(
                source="test",
                external_id="p2",
                title="Entropy Regularisation in Transformer Training",
                abstract="Entropy penalties stabilise early training of transformer language models.",
            ),
            LiteratureRecord(
                source="test",
                external_id="p3",
                title="Protein Folding with Graphs",
                abstract="Unrelated.",
            ),
        ]
    )
    yield Retriever(index=index)
    engine.dispose()


async def test_single_review_has_every_criterion_and_provenance(registry, paper):
    review = await single_review(registry.client("gpt"), paper, "paper")
    std = load_standard("paper")
    assert [c.key for c in review.criteria] == [c.key for c in std.criteria]
    assert all(0 <= c.score <= 4 for c in review.criteria)
    assert 1 <= review.rating <= 10 and 1 <= review.confidence <= 5
    assert review.summary.startswith("[simulated]")
    p = review.provenance
    assert (p.model, p.family, p.prompt_version, p.rubric_version) == (
        "gpt",
        "gpt",
        "paper-single-v1",
        "paper-v1",
    )
    assert p.tokens_in > 1000 and p.tokens_out > 0 and p.simulated and not p.cache_hit
    assert p.retrieval_offline is None and p.literature == []
    assert [c.role for c in p.calls] == ["reviewer"]


async def test_proposal_review_uses_the_proposal_rubric(registry, paper):
    review = await single_review(registry.client("claude"), paper, "proposal")
    assert [c.key for c in review.criteria] == ["methodology", "novelty", "clarity", "feasibility"]
    assert review.provenance.prompt_version == "proposal-single-v1"
    assert review.provenance.family == "claude"


async def test_single_review_with_retrieval_records_literature(registry, paper, retriever):
    review = await single_review(registry.client("gpt"), paper, "paper", retriever=retriever)
    p = review.provenance
    assert p.retrieval_offline is True  # local index only
    titles = [s.title for s in p.literature]
    assert "Load Balancing for Sparse Mixture of Experts" in titles
    assert p.retrieval_queries and "retrieval_s" in p.timings


async def test_cached_review_costs_nothing_the_second_time(sim, paper):
    registry = simulated_registry(sim.base_url, 1, cache=MemoryCache())
    first = await single_review(registry.client("gpt"), paper)
    n = sim.request_count
    second = await single_review(registry.client("gpt"), paper)
    assert sim.request_count == n
    assert second.provenance.cache_hit and not first.provenance.cache_hit
    assert second.provenance.cost_usd == 0
    assert second.summary == first.summary


async def test_empty_text_and_model_failure_are_clear_errors(sim, paper):
    registry = simulated_registry(sim.base_url, 1, max_retries=0)
    with pytest.raises(ReviewError, match="no text"):
        await single_review(registry.client("gpt"), "   ", "paper")
    sim.script("sim-gpt", always={"status": 400, "message": "bad request"})
    with pytest.raises(ModelError):
        await single_review(registry.client("gpt"), paper, "paper")


async def test_meta_review_runs_domain_reviewers_in_parallel(sim, paper, retriever):
    latency = 0.4
    sim.state.latency = latency
    registry = simulated_registry(sim.base_url, 5)
    panel = [registry.client(n) for n in registry.panel("reviewers")]
    started = time.monotonic()
    meta = await meta_review(
        registry.client("gpt"),
        paper,
        "paper",
        retriever=retriever,
        reviewer_clients=panel,
        n_reviewers=4,
    )
    wall = time.monotonic() - started
    # planner + one reviewer round + meta: about 3 latencies, far from the 6 of a sequential run
    assert wall >= 3 * latency
    assert len(meta.reviewers) == 4 and all(d.review is not None for d in meta.reviewers)
    assert [d.review.provenance.model for d in meta.reviewers] == [
        "gpt",
        "claude",
        "gemini",
        "deepseek",
    ]
    assert all(d.review.provenance.prompt_version == "paper-domain-v1" for d in meta.reviewers)
    assert all(d.review.provenance.retrieval_offline is True for d in meta.reviewers)
    p = meta.provenance
    assert p.prompt_version == "paper-meta-v1" and p.rubric_version == "paper-v1"
    assert [c.role for c in p.calls] == [
        "planner",
        "domain-1",
        "domain-2",
        "domain-3",
        "domain-4",
        "meta",
    ]
    assert {"planner_s", "reviewers_s", "meta_s", "retrieval_s"} <= set(p.timings)
    # the four reviewers overlap: their round costs one latency (plus retrieval), not four
    assert p.timings["reviewers_s"] - p.timings["retrieval_s"] < 2 * latency, p.timings
    # and nothing else runs in series: the wall time is the three stages
    assert wall < p.timings["planner_s"] + p.timings["reviewers_s"] + p.timings["meta_s"] + 0.5
    assert p.tokens_in == sum(c.tokens_in for c in p.calls)
    assert [c.key for c in meta.criteria] == ["clarity", "originality", "soundness", "significance"]
    assert meta.recommendation in load_standard("paper").recommendations
    assert 1 <= meta.rating <= 10 and meta.subfields
    assert p.literature  # the reviewers' own retrieved papers


async def test_meta_review_default_reviewer_count_comes_from_the_standard(registry, paper):
    meta = await meta_review(registry.client("gpt"), paper, "proposal")
    std = load_standard("proposal")
    assert std.meta_review.min_reviewers <= len(meta.reviewers) <= std.meta_review.max_reviewers
    assert meta.provenance.prompt_version == "proposal-meta-v1"
    with pytest.raises(ValueError, match="between 2 and 6"):
        await meta_review(registry.client("gpt"), paper, "paper", n_reviewers=7)


async def test_meta_review_survives_a_failed_reviewer_but_not_all(sim, paper):
    registry = simulated_registry(sim.base_url, 5, max_retries=0)
    sim.script("sim-claude", always={"status": 400, "message": "no"})
    panel = [registry.client(n) for n in ("gpt", "claude")]
    meta = await meta_review(
        registry.client("gpt"), paper, "paper", reviewer_clients=panel, n_reviewers=3
    )
    failed = [d for d in meta.reviewers if d.review is None]
    assert len(failed) == 1 and "ModelError" in failed[0].error
    assert len(meta.provenance.calls) == 1 + 2 + 1
    with pytest.raises(ReviewError, match="every domain reviewer failed"):
        await meta_review(
            registry.client("gpt"),
            paper,
            "paper",
            reviewer_clients=[registry.client("claude")],
            n_reviewers=2,
        )


async def test_pairwise_runs_both_orders_and_exposes_position_bias(sim, registry):
    a, b = make_paper("Routing A"), make_paper("Routing B", repeat=2)
    sim.script("sim-gpt", always={"override": {"better": 1}})  # always prefers whatever comes first
    r = await pairwise(registry.client("gpt"), a, b, "paper")
    assert (r.forward.order, r.reverse.order) == ("AB", "BA")
    assert (r.forward.preferred, r.reverse.preferred) == ("A", "B")
    assert r.preferred == "tie" and not r.orders_agree
    assert set(r.forward.criteria) == {"clarity", "originality", "soundness", "significance"}
    assert r.provenance.prompt_version == "paper-pairwise-v2"
    assert [c.role for c in r.provenance.calls] == ["pairwise-AB", "pairwise-BA"]


async def test_pairwise_agreeing_orders_give_a_preference(sim, registry):
    a, b = make_paper("Routing A"), make_paper("Routing B", repeat=2)
    # whichever order is asked first hears "1", the other "2": the same paper wins both times
    sim.script(
        "sim-gpt",
        [
            {"override": {"better": 1, "confidence": 0.8}},
            {"override": {"better": 2, "confidence": 0.6}},
        ],
    )
    r = await pairwise(registry.client("gpt"), a, b, "proposal")
    assert r.orders_agree and r.preferred in ("A", "B")
    assert r.forward.preferred == r.reverse.preferred == r.preferred
    assert abs(r.score) == pytest.approx(0.7)
    assert (r.score > 0) == (r.preferred == "A")


async def test_vote_follows_the_model_and_scores_the_voting_criteria(
    sim, registry, paper, retriever
):
    sim.script("sim-gpt", always={"accept": True})
    sim.script("sim-claude", always={"accept": False})
    related = await related_work(retriever, paper)
    yes = await vote(registry.client("gpt"), paper, "proposal", related=related)
    no = await vote(registry.client("claude"), paper, "paper")
    assert yes.decision == "ACCEPT" and no.decision == "REJECT"
    assert set(yes.scores) == {"novelty", "soundness", "impact", "clarity", "feasibility"}
    assert set(no.scores) == {"clarity", "originality", "soundness", "significance", "rating"}
    assert all(0 <= v <= 10 for v in yes.scores.values())
    assert 0 <= yes.confidence <= 1 and yes.reasons
    assert (
        yes.used_literature
        and yes.provenance.literature
        and yes.provenance.retrieval_offline is True
    )
    assert not no.used_literature and no.provenance.retrieval_offline is None
    assert (yes.provenance.prompt_version, no.provenance.prompt_version) == (
        "proposal-vote-v1",
        "paper-vote-v1",
    )


def test_pairwise_prompt_shows_the_response_letter_beside_its_version():
    from aixiv.review import load_standard, render

    std = load_standard("paper")
    args = dict(standard=std, label="Paper", submission_1="old text", related_1="", submission_2="new text", related_2="")
    with_letter = render("pairwise.j2", "paper", letter_1="", letter_2="We added the missing ablation.", **args)
    assert "We added the missing ablation." in with_letter.user
    assert with_letter.user.index("new text") < with_letter.user.index("We added the missing ablation.")
    without = render("pairwise.j2", "paper", letter_1="", letter_2="", **args)
    assert "response letter" not in without.user
