"""The ``literature_docs`` table and its full-text index (SQLite FTS5 or PostgreSQL tsvector).

The migration creates the table from this metadata and then calls :func:`ensure_fts`; tests can
do the same with ``Base.metadata.create_all`` on a scratch database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from aixiv.records.base import Base, UTCDateTime, utcnow

TEXT_LIMIT = 200_000  # characters of full text stored and indexed per document


class LiteratureDoc(Base):
    __tablename__ = "literature_docs"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    # An integer key, so SQLite FTS5 can index the table as external content by rowid.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(64), index=True)
    external_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    abstract: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer)
    venue: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS literature_fts USING fts5("
    "title, abstract, text, content='literature_docs', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS literature_docs_ai AFTER INSERT ON literature_docs BEGIN "
    "INSERT INTO literature_fts(rowid, title, abstract, text) "
    "VALUES (new.id, new.title, new.abstract, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS literature_docs_ad AFTER DELETE ON literature_docs BEGIN "
    "INSERT INTO literature_fts(literature_fts, rowid, title, abstract, text) "
    "VALUES ('delete', old.id, old.title, old.abstract, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS literature_docs_au AFTER UPDATE ON literature_docs BEGIN "
    "INSERT INTO literature_fts(literature_fts, rowid, title, abstract, text) "
    "VALUES ('delete', old.id, old.title, old.abstract, old.text); "
    "INSERT INTO literature_fts(rowid, title, abstract, text) "
    "VALUES (new.id, new.title, new.abstract, new.text); END",
]

# A generated column keeps the tsvector in step with every write, whoever writes.
_PG_FTS = [
    "ALTER TABLE literature_docs ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(abstract, '')), 'B') || "
    "setweight(to_tsvector('english', left(coalesce(text, ''), 200000)), 'D')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_literature_docs_tsv ON literature_docs USING GIN (tsv)",
]


def ensure_fts(bind: Engine | Connection) -> None:
    """Create the full-text index objects for ``literature_docs`` (idempotent).

    Accepts an engine or a connection (inside a migration: ``ensure_fts(op.get_bind())``).
    """
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            _ensure(conn)
    else:
        _ensure(bind)


def _ensure(conn: Connection) -> None:
    dialect = conn.dialect.name
    statements = _SQLITE_FTS if dialect == "sqlite" else _PG_FTS if dialect == "postgresql" else []
    for sql in statements:
        conn.execute(text(sql))


def drop_fts(bind: Engine | Connection) -> None:
    """Undo :func:`ensure_fts` (for a migration's downgrade)."""

    def run(conn: Connection) -> None:
        if conn.dialect.name == "sqlite":
            for name in ("literature_docs_ai", "literature_docs_ad", "literature_docs_au"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            conn.execute(text("DROP TABLE IF EXISTS literature_fts"))
        elif conn.dialect.name == "postgresql":
            conn.execute(text("DROP INDEX IF EXISTS ix_literature_docs_tsv"))
            conn.execute(text("ALTER TABLE literature_docs DROP COLUMN IF EXISTS tsv"))

    if isinstance(bind, Engine):
        with bind.begin() as conn:
            run(conn)
    else:
        run(bind)
