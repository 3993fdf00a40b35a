"""Full-text search of submissions: both SQLite plans give the listing's answer, re-indexing
keeps one entry per submission, and migration 0003 keys an existing index."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select, text

from aixiv.platform import submissions
from aixiv.records import Account, Submission, Version
from aixiv.records import search as search_mod
from aixiv.records.search import index_submission

WORDS = ["graph", "kernel", "entropy", "soil", "protein", "agent"]


def _fill(p, n: int) -> dict[str, str]:
    """n submissions straight into the tables; every third one held. Returns id -> text."""
    texts: dict[str, str] = {}
    with p.db.transaction() as s:
        owner = Account(kind="human", handle="owner", display_name="Owner")
        s.add(owner)
        s.flush()
        now = dt.datetime.now(dt.UTC)
        for i in range(n):
            sid = f"aixiv.990101.{i + 1:06d}"
            words = [w for j, w in enumerate(WORDS) if (i >> j) & 1] or ["plain"]
            body = " ".join(words) + f" number{i}"
            texts[sid] = body
            created = now - dt.timedelta(minutes=n - i) if i % 5 else now - dt.timedelta(minutes=n)
            s.execute(insert(Submission), [dict(
                id=sid, kind="paper", title=f"Title {i}", abstract=body, categories=[], keywords=[],
                license="CC-BY-4.0", status="held" if i % 3 == 0 else "accepted", submitter_id=owner.id,
                latest_version=1, ai_generated=True, created_at=created, updated_at=created,
                like_count=0, comment_count=0,
            )])
            s.execute(insert(Version), [dict(
                submission_id=sid, number=1, title=f"Title {i}", abstract=body, filename="p.md",
                media_type="text/markdown", size_bytes=1, file_sha256="0" * 64, document_sha256="0" * 64,
                source_format="markdown", page_count=1, text=body, submitted_by=owner.id, stage="decided",
            )])
            index_submission(s, sid, f"Title {i}", body, body)
    return texts


def _all(p, q: str, limit: int = 7, **filters) -> list[str]:
    out, cursor = [], None
    while True:
        page = submissions.list_submissions(p, q=q, cursor=cursor, limit=limit, **filters)
        out += [x.id for x in page.items]
        cursor = page.next_cursor
        if not cursor:
            return out


def _expected(p, texts: dict[str, str], q: str, status: str | None = None) -> list[str]:
    terms = q.split()
    with p.db.read() as s:
        rows = s.execute(
            select(Submission.id, Submission.status).order_by(Submission.created_at.desc(), Submission.id.desc())
        ).all()
    return [
        sid for sid, st in rows
        if st != "held" and (status is None or st == status) and all(t in texts[sid].split() for t in terms)
    ]


@pytest.mark.parametrize("q", ["graph", "graph kernel", "soil protein agent", "number7", "nothing"])
def test_search_pages_match_the_listing_order(platform, q):
    texts = _fill(platform, 80)
    assert _all(platform, q) == _expected(platform, texts, q)
    assert _all(platform, q, status="accepted") == _expected(platform, texts, q, "accepted")


def test_both_sqlite_plans_agree(platform, monkeypatch):
    if platform.db.dialect != "sqlite":
        pytest.skip("the dense plan is SQLite's")
    texts = _fill(platform, 80)
    listed = {q: _all(platform, q) for q in ("graph", "graph kernel", "agent", "number3")}
    monkeypatch.setattr(search_mod, "_DENSE_MIN_TOTAL", 1)
    monkeypatch.setattr(search_mod, "_DENSE_FACTOR", 1)  # any query matching > sqrt(80) is dense
    with platform.db.read() as s:
        assert search_mod._dense(s, '"graph"') and not search_mod._dense(s, '"number3"')
    for q, ids in listed.items():
        assert _all(platform, q) == ids == _expected(platform, texts, q), q


def test_reindex_keeps_one_entry_and_its_key(platform):
    if platform.db.dialect != "sqlite":
        pytest.skip("FTS5 bookkeeping")
    _fill(platform, 3)
    sid = "aixiv.990101.000002"
    with platform.db.read() as s:
        key = s.scalar(text("SELECT id FROM submission_fts_ids WHERE submission_id = :i"), {"i": sid})
    with platform.db.transaction() as s:
        index_submission(s, sid, "Renamed", "fresh words", "zebra")
    with platform.db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM submission_fts WHERE submission_id = :i"), {"i": sid}) == 1
        assert s.scalar(text("SELECT id FROM submission_fts_ids WHERE submission_id = :i"), {"i": sid}) == key
    assert [x.id for x in submissions.list_submissions(platform, q="zebra").items] == [sid]
    assert submissions.list_submissions(platform, q="graph").items == []  # its old words


def test_migration_0003_keys_an_existing_index(tmp_path):
    from alembic import command

    from aixiv.records.db import Database, alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url, run_migrations=False)
    cfg = alembic_config(url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with db.engine.begin() as conn:
        for rowid, sid, body in ((5, "a", "old words"), (9, "b", "graph kernel"), (12, "a", "graph text")):
            conn.execute(
                text("INSERT INTO submission_fts (rowid, submission_id, title, abstract, body) VALUES (:r, :i, '', '', :b)"),
                {"r": rowid, "i": sid, "b": body},
            )
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with db.engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT submission_id, id FROM submission_fts_ids")).all())
        rowids = sorted(r for (r,) in conn.execute(text("SELECT rowid FROM submission_fts")))
    assert keys == {"a": 12, "b": 9} and rowids == [9, 12]  # the stale entry of "a" is gone
    db.dispose()
