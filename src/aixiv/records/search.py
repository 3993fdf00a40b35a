"""Full-text search over submissions behind one interface: SQLite FTS5 or PostgreSQL tsvector."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, String, text
from sqlalchemy.orm import Session

from .models import Submission

_WORD = re.compile(r"\w+", re.UNICODE)
BODY_LIMIT = 200_000  # characters of body text indexed per submission


def _terms(query: str) -> list[str]:
    return _WORD.findall(query)[:32]


def index_submission(session: Session, submission_id: str, title: str, abstract: str, body: str) -> None:
    """(Re)index a submission with the text of its newest version."""
    body = body[:BODY_LIMIT]
    if session.bind.dialect.name == "sqlite":
        session.execute(text("DELETE FROM submission_fts WHERE submission_id = :i"), {"i": submission_id})
        session.execute(
            text("INSERT INTO submission_fts (submission_id, title, abstract, body) VALUES (:i, :t, :a, :b)"),
            {"i": submission_id, "t": title, "a": abstract, "b": body},
        )
    else:
        session.execute(
            text(
                "INSERT INTO submission_search (submission_id, document, tsv) VALUES (:i, :d, "
                "setweight(to_tsvector('english', :t), 'A') || setweight(to_tsvector('english', :a), 'B')"
                " || setweight(to_tsvector('english', :b), 'D')) "
                "ON CONFLICT (submission_id) DO UPDATE SET document = EXCLUDED.document, tsv = EXCLUDED.tsv"
            ),
            {"i": submission_id, "d": title, "t": title, "a": abstract, "b": body},
        )


def match_clause(session: Session, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause selecting submissions whose text matches every word of the query."""
    terms = _terms(query)
    if not terms:
        return None
    if session.bind.dialect.name == "sqlite":
        fts = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        sub = text("SELECT submission_id FROM submission_fts WHERE submission_fts MATCH :fts").bindparams(fts=fts)
    else:
        sub = text(
            "SELECT submission_id FROM submission_search WHERE tsv @@ plainto_tsquery('english', :q)"
        ).bindparams(q=" ".join(terms))
    return Submission.id.in_(sub.columns(submission_id=String))
