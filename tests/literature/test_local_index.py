"""LocalIndex on SQLite (FTS5) and PostgreSQL (tsvector): one interface, same answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from aixiv.literature import (
    LiteratureDoc,
    LiteratureRecord,
    LocalIndex,
    drop_fts,
    ensure_fts,
    query_terms,
)
from aixiv.records.base import Base
from aixiv.records.db import make_engine

PG_URL = os.environ.get("AIXIV_TEST_LIT_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

DOCS = [
    LiteratureRecord(
        source="corpus",
        external_id="moe",
        title="Load Balancing for Sparse Mixture of Experts",
        abstract="Routing tokens to experts with an auxiliary loss.",
        text="Full text about expert routing and capacity.",
        year=2021,
        venue="ICML",
        url="https://example.org/moe",
    ),
    LiteratureRecord(
        source="corpus",
        external_id="diff",
        title="Denoising Diffusion on Two-Dimensional Data",
        abstract="Diffusion models capture modes of low-dimensional distributions.",
        text="Mode capture with dual experts.",
    ),
    LiteratureRecord(
        source="corpus",
        external_id="gro",
        title="Grokking Modular Arithmetic",
        abstract="Delayed generalisation in small networks.",
        text="Operand reversal augmentation speeds grokking.",
    ),
]


def _create(engine: Engine) -> None:
    Base.metadata.create_all(engine, tables=[LiteratureDoc.__table__])
    ensure_fts(engine)
    ensure_fts(engine)  # idempotent


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'lit.sqlite3'}")
    _create(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A uniquely named schema in the local PostgreSQL, dropped afterwards."""
    try:
        admin = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        pytest.skip(
            f"PostgreSQL at {PG_URL} is not reachable ({type(exc).__name__}); skipping the tsvector path"
        )
    schema = f"lit_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        _create(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def index(request) -> LocalIndex:
    engine = request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
    idx = LocalIndex(engine)
    idx.add(DOCS)
    return idx


def test_query_terms_are_plain_words():
    assert query_terms('The "MoE" & C++ routing; DROP TABLE x -- of') == [
        "moe",
        "routing",
        "drop",
        "table",
    ]
    assert query_terms("the of and") == []


def test_search_ranks_title_matches_first(index):
    hits = index.search("sparse experts routing", limit=5)
    assert hits and hits[0].record.external_id == "moe"
    assert hits[0].record.title == "Load Balancing for Sparse Mixture of Experts"
    assert hits[0].record.year == 2021 and hits[0].record.venue == "ICML"
    assert all(h.score >= hits[-1].score for h in hits)
    assert index.search("grokking", 5)[0].record.external_id == "gro"


def test_search_matches_any_word_and_finds_full_text(index):
    ids = {h.record.external_id for h in index.search("capacity augmentation", 10)}
    assert ids == {"moe", "gro"}


def test_hostile_or_empty_queries_do_not_break(index):
    for q in ['"unbalanced', "NEAR(a b)", "a AND OR NOT", "x' OR '1'='1", "", "***", "é ü ß"]:
        assert isinstance(index.search(q, 5), list)
    assert index.search("", 5) == []


def test_add_updates_in_place_and_reindexes(index):
    assert index.count() == 3
    changed = DOCS[2].model_copy(
        update={"title": "Grokking Through Symmetry", "text": "Completely new words: zebra."}
    )
    assert index.add([changed]) == 1
    assert index.count() == 3 and index.count("corpus") == 3
    assert [h.record.external_id for h in index.search("zebra", 5)] == ["gro"]
    assert index.search("augmentation", 5) == []  # the old text is gone from the index


def test_ensure_creates_missing_table_and_drop_fts_undoes_it(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    idx = LocalIndex(engine)
    idx.ensure()
    idx.add(DOCS[:1])
    assert idx.search("experts", 3)
    drop_fts(engine)
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert "literature_fts" not in names and "literature_docs" in names
    engine.dispose()


def test_search_answers_are_cached_until_the_index_changes(sqlite_engine):
    from aixiv.literature import LiteratureRecord

    engine = sqlite_engine
    idx = LocalIndex(engine)
    idx.add([LiteratureRecord(source="t", external_id="1", title="Sparse attention for protein folding")])
    assert [h.record.external_id for h in idx.search("protein folding")] == ["1"]
    with engine.begin() as conn:  # a change behind the index's back is seen only after the TTL
        from sqlalchemy import text

        conn.execute(text("DELETE FROM literature_docs"))
    assert [h.record.external_id for h in idx.search("protein folding")] == ["1"]
    idx.add([LiteratureRecord(source="t", external_id="2", title="Protein folding with diffusion")])
    assert [h.record.external_id for h in idx.search("protein folding")] == ["2"]
    fresh = LocalIndex(engine, cache_ttl_s=0)
    assert [h.record.external_id for h in fresh.search("protein folding")] == ["2"]
