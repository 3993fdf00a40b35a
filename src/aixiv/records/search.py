"""Full-text search over submissions behind one interface: SQLite FTS5 or PostgreSQL tsvector.

On SQLite the FTS5 table ``submission_fts`` holds the text; ``submission_fts_ids`` maps the
rowid of each submission's entry to the submission. A search never reads the FTS table's
columns (that reads every matching document's stored text): it takes the matching rowids and
maps them through the narrow table, or, when most submissions match and the caller walks them
newest first anyway, asks the index about each candidate by rowid.
"""

from __future__ import annotations

import math
import re

from sqlalchemy import ColumnElement, String, bindparam, literal_column, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import column, table

from .models import Submission

_WORD = re.compile(r"\w+", re.UNICODE)
BODY_LIMIT = 200_000  # characters of body text indexed per submission

_fts = table("submission_fts", column("rowid"))
_ids = table("submission_fts_ids", column("id"), column("submission_id", String))
_MATCH = literal_column("submission_fts").op("MATCH")(bindparam("fts", type_=String))
_MATCHING_ROWIDS = select(_fts.c.rowid).where(_MATCH)
# When the index holds at least _DENSE_MIN_TOTAL submissions and more than
# sqrt(_DENSE_FACTOR * total) of them match, a newest-first walk checks candidates one by one
# (see match_clause and _dense).
_DENSE_MIN_TOTAL = 1000
_DENSE_FACTOR = 700


def _terms(query: str) -> list[str]:
    return _WORD.findall(query)[:32]


def index_submission(session: Session, submission_id: str, title: str, abstract: str, body: str) -> None:
    """(Re)index a submission with the text of its newest version."""
    body = body[:BODY_LIMIT]
    if session.bind.dialect.name == "sqlite":
        key = session.scalar(
            text("SELECT id FROM submission_fts_ids WHERE submission_id = :i"), {"i": submission_id}
        )
        if key is None:
            key = session.execute(
                text("INSERT INTO submission_fts_ids (submission_id) VALUES (:i)"), {"i": submission_id}
            ).lastrowid
        else:
            session.execute(text("DELETE FROM submission_fts WHERE rowid = :k"), {"k": key})
        session.execute(
            text(
                "INSERT INTO submission_fts (rowid, submission_id, title, abstract, body) "
                "VALUES (:k, :i, :t, :a, :b)"
            ),
            {"k": key, "i": submission_id, "t": title, "a": abstract, "b": body},
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


def match_clause(
    session: Session, query: str, id_column: ColumnElement[str] | None = None, *, newest_first: bool = False
) -> ColumnElement[bool] | None:
    """A WHERE clause selecting submissions whose text matches every word of the query.

    ``id_column`` is the submission id the clause tests (``Submission.id`` by default).
    ``newest_first`` says the caller walks all visible submissions newest first with no other
    filter, so when most of them match it meets matching ones early: then each candidate is
    checked against the index by rowid instead of listing every match. (With other filters
    SQLite may walk those filters' indexes instead, so the list is the safe plan.)
    """
    terms = _terms(query)
    if not terms:
        return None
    col = Submission.id if id_column is None else id_column
    if session.bind.dialect.name != "sqlite":
        sub = text(
            "SELECT submission_id FROM submission_search WHERE tsv @@ plainto_tsquery('english', :q)"
        ).bindparams(q=" ".join(terms))
        return col.in_(sub.columns(submission_id=String))
    fts = " ".join('"' + t.replace('"', "") + '"' for t in terms)
    if newest_first and _dense(session, fts):
        probe = (
            select(literal_column("1"))
            .select_from(_ids.join(_fts, _fts.c.rowid == _ids.c.id))
            .where(_ids.c.submission_id == col, _MATCH)
            .params(fts=fts)
        )
        return probe.exists()
    keys = select(_ids.c.submission_id).where(_ids.c.id.in_(_MATCHING_ROWIDS))
    return col.in_(keys.params(fts=fts))


def _dense(session: Session, fts: str) -> bool:
    """True when so many submissions match that walking them newest first and asking the index
    about each is cheaper than listing the matches: listing costs about a microsecond a match,
    a check some tens; a walk checks about (page size x total / matches) candidates."""
    total = session.scalar(text("SELECT max(id) FROM submission_fts_ids")) or 0
    if total < _DENSE_MIN_TOTAL:
        return False
    cap = int(math.sqrt(_DENSE_FACTOR * total))
    found = session.scalar(
        select(literal_column("count(*)")).select_from(_MATCHING_ROWIDS.limit(cap + 1).subquery()),
        {"fts": fts},
    )
    return (found or 0) > cap
