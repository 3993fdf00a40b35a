"""Retriever: queries from a submission, Semantic Scholar + local index, dedup, budget, offline."""

from __future__ import annotations

import pytest

from aixiv.literature import (
    LiteratureDoc,
    LiteratureRecord,
    LocalIndex,
    Retriever,
    SemanticScholar,
    build_queries,
    claim_sentence,
    ensure_fts,
    key_terms,
)
from aixiv.records.base import Base
from aixiv.records.db import make_engine

TITLE = "Sparse Mixture Routing for Small Transformers"
ABSTRACT = (
    "Mixture models are popular. We propose Sparse Mixture Routing (SMR), a routing rule that balances "
    "expert load without an auxiliary loss. SMR lowers validation loss on three corpora."
)
BODY = (
    "**Jane Doe**\nOxford University\nUnited Kingdom\n\n"
    + ABSTRACT
    + "\n\n1 INTRODUCTION\n\n"
    + "Sparse Mixture Routing builds on Mixture of Experts (MoE) layers. SMR and MoE differ in load balancing. "
    * 3
)


@pytest.fixture
def index(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'lit.sqlite3'}")
    Base.metadata.create_all(engine, tables=[LiteratureDoc.__table__])
    ensure_fts(engine)
    idx = LocalIndex(engine)
    idx.add(
        [
            LiteratureRecord(source="local", external_id="self", title=TITLE, abstract=ABSTRACT),
            LiteratureRecord(
                source="local",
                external_id="moe",
                title="Load Balancing for Sparse Mixture of Experts",
                abstract="A local copy of the same paper S2 also knows.",
            ),
            LiteratureRecord(
                source="local",
                external_id="route",
                title="Hash Routing Layers",
                abstract="Routing tokens by hashing. "
                + "It is a long abstract sentence about routing experts. " * 40,
            ),
        ]
    )
    yield idx
    engine.dispose()


def test_queries_come_from_title_claim_and_method_names():
    assert "SMR" in key_terms(ABSTRACT + "\n" + BODY)
    assert "Sparse Mixture Routing" in key_terms(ABSTRACT + "\n" + BODY)
    assert claim_sentence(ABSTRACT).startswith("Sparse Mixture Routing SMR")
    queries = build_queries(TITLE, ABSTRACT, BODY, focus="optimisation theory")
    assert queries[0] == TITLE
    assert any(q.startswith("optimisation theory") for q in queries)
    assert not any(
        "Oxford" in q or "Kingdom" in q for q in queries
    )  # author blocks are not methods
    assert len(queries) <= 4


async def test_s2_and_local_results_are_merged_and_deduplicated(s2_stub, tmp_path, index):
    s2 = SemanticScholar(s2_stub.base_url, cache_dir=tmp_path / "c", min_interval_s=0)
    related = await Retriever(s2=s2, index=index).retrieve(TITLE, ABSTRACT, BODY)
    assert related.offline is False and related.errors == []
    titles = [s.title for s in related.sources]
    assert titles.count("Load Balancing for Sparse Mixture of Experts") == 1  # in both: kept once
    assert TITLE not in titles  # the submission itself is not its own related work
    assert {s.source for s in related.sources} == {"semantic_scholar", "local"}
    assert "[1] " in related.text and related.tokens <= 5000
    assert s2_stub.hits() <= 2  # Semantic Scholar only gets the best queries


async def test_unreachable_s2_means_offline_local_results(closed_port_url, tmp_path, index):
    s2 = SemanticScholar(closed_port_url, cache_dir=tmp_path / "c", min_interval_s=0)
    related = await Retriever(s2=s2, index=index).retrieve(TITLE, ABSTRACT, BODY)
    assert related.offline is True and related.errors
    assert related.sources and all(s.source == "local" for s in related.sources)
    assert (await Retriever(index=index).retrieve(TITLE, ABSTRACT, BODY)).offline is True


async def test_related_work_fits_the_budget_at_sentence_ends(index):
    for budget in (60, 150, 400):
        related = await Retriever(index=index).retrieve(TITLE, ABSTRACT, BODY, budget_tokens=budget)
        assert related.tokens <= budget, budget
    small = await Retriever(index=index).retrieve(
        "Hash Routing", "routing experts", "", budget_tokens=150
    )
    for line in small.text.splitlines():
        if line.startswith("    "):
            assert line.rstrip().endswith((".", "...")), line


async def test_nothing_to_ask_gives_empty_offline_result():
    related = await Retriever().retrieve(TITLE, ABSTRACT, BODY)
    assert related.text == "" and related.sources == [] and related.offline is True
