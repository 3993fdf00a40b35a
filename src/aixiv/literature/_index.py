"""LocalIndex: full-text search over ``literature_docs``, one interface for SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable

from sqlalchemy import Engine, func, inspect, or_, select, text
from sqlalchemy.orm import Session

from ._tables import TEXT_LIMIT, LiteratureDoc, ensure_fts
from ._types import LiteratureHit, LiteratureRecord

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that match nearly every paper: they only slow the OR-query down.
STOPWORDS = frozenset(
    """a an and are as at be by can do for from has have how in into is it its of on or our
    that the their this to using via we what when which with without towards toward based new
    paper study approach method methods model models results show propose proposed""".split()
)
MAX_TERMS = 24
# A search's answer is kept this long: a review and the vote on the same version ask the same
# queries seconds apart. Writes through this index clear it; other processes' writes show
# after at most this delay, which related-work retrieval tolerates.
SEARCH_TTL_S = 60.0
SEARCH_CACHE_SIZE = 512


def query_terms(query: str) -> list[str]:
    """Distinct search words of a query, lower-cased, stopwords dropped, at most MAX_TERMS."""
    terms: list[str] = []
    for w in _WORD.findall(query.lower()):
        if (len(w) > 1 or w.isdigit()) and w not in STOPWORDS and w not in terms:
            terms.append(w)
    return terms[:MAX_TERMS]


def _record(doc: LiteratureDoc) -> LiteratureRecord:
    return LiteratureRecord(
        source=doc.source,
        external_id=doc.external_id,
        title=doc.title,
        abstract=doc.abstract or "",
        text=doc.text or "",
        year=doc.year,
        venue=doc.venue or "",
        url=doc.url or "",
    )


class LocalIndex:
    """Add and search literature documents (ranked OR-match of the query's words)."""

    def __init__(self, engine: Engine, *, cache_ttl_s: float = SEARCH_TTL_S) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.cache_ttl_s = cache_ttl_s
        self._cache: dict[tuple, tuple[float, list[LiteratureHit]]] = {}
        self._cache_lock = threading.Lock()

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def ensure(self) -> None:
        """Create the table and its index if missing (for databases no migration has touched)."""
        if not inspect(self.engine).has_table(LiteratureDoc.__tablename__):
            LiteratureDoc.__table__.create(self.engine, checkfirst=True)
        ensure_fts(self.engine)

    def add(self, docs: Iterable[LiteratureRecord]) -> int:
        """Insert or update (by source and external id); returns how many were written."""
        n = 0
        with Session(self.engine) as session, session.begin():
            for rec in docs:
                row = session.scalar(
                    select(LiteratureDoc).where(
                        LiteratureDoc.source == rec.source,
                        LiteratureDoc.external_id == rec.external_id,
                    )
                )
                values = {
                    "title": rec.title[:2000],
                    "abstract": rec.abstract[:20_000],
                    "text": rec.text[:TEXT_LIMIT],
                    "year": rec.year,
                    "venue": rec.venue[:300],
                    "url": rec.url[:1000],
                }
                if row is None:
                    session.add(
                        LiteratureDoc(source=rec.source, external_id=rec.external_id, **values)
                    )
                else:
                    for k, v in values.items():
                        setattr(row, k, v)
                n += 1
        self.clear_cache()
        return n

    def count(self, source: str | None = None) -> int:
        with Session(self.engine) as session:
            q = select(func.count()).select_from(LiteratureDoc)
            if source:
                q = q.where(LiteratureDoc.source == source)
            return int(session.scalar(q) or 0)

    def search(self, query: str, limit: int = 10) -> list[LiteratureHit]:
        """Documents ranked by relevance to ``query`` (best first)."""
        terms = query_terms(query)
        if not terms or limit <= 0:
            return []
        key = (tuple(terms), limit)
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.cache_ttl_s:
            return list(hit[1])
        if self.dialect == "sqlite":
            found = self._search_sqlite(terms, limit)
        elif self.dialect == "postgresql":
            found = self._search_pg(terms, limit)
        else:
            found = self._search_like(terms, limit)
        if self.cache_ttl_s > 0:
            with self._cache_lock:
                if len(self._cache) >= SEARCH_CACHE_SIZE:
                    self._cache.clear()
                self._cache[key] = (now, found)
        return list(found)

    def _hits(
        self, session: Session, ranked: list[tuple[int, float]], terms: list[str]
    ) -> list[LiteratureHit]:
        if not ranked:
            return []
        ids = [r[0] for r in ranked]
        docs = {
            d.id: d for d in session.scalars(select(LiteratureDoc).where(LiteratureDoc.id.in_(ids)))
        }
        return [
            LiteratureHit(
                record=_record(docs[i]), score=score, snippet=snippet(docs[i].text or "", terms)
            )
            for i, score in ranked
            if i in docs
        ]

    def _search_sqlite(self, terms: list[str], limit: int) -> list[LiteratureHit]:
        match = " OR ".join(f'"{t}"' for t in terms)
        sql = text(
            "SELECT rowid, -bm25(literature_fts, 10.0, 4.0, 1.0) AS score FROM literature_fts "
            "WHERE literature_fts MATCH :q ORDER BY bm25(literature_fts, 10.0, 4.0, 1.0) LIMIT :n"
        )
        with Session(self.engine) as session:
            rows = session.execute(sql, {"q": match, "n": limit}).all()
            return self._hits(session, [(int(r[0]), float(r[1])) for r in rows], terms)

    def _search_pg(self, terms: list[str], limit: int) -> list[LiteratureHit]:
        # Terms are plain words (see query_terms), so joining them with | is a safe tsquery.
        sql = text(
            "SELECT id, ts_rank_cd(tsv, q) AS score FROM literature_docs, to_tsquery('english', :q) AS q "
            "WHERE tsv @@ q ORDER BY score DESC, id LIMIT :n"
        )
        with Session(self.engine) as session:
            rows = session.execute(sql, {"q": " | ".join(terms), "n": limit}).all()
            return self._hits(session, [(int(r[0]), float(r[1])) for r in rows], terms)

    def _search_like(self, terms: list[str], limit: int) -> list[LiteratureHit]:
        with Session(self.engine) as session:
            cond = or_(
                *[
                    LiteratureDoc.title.ilike(f"%{t}%") | LiteratureDoc.abstract.ilike(f"%{t}%")
                    for t in terms
                ]
            )
            docs = session.scalars(select(LiteratureDoc).where(cond).limit(limit * 5)).all()
            scored = sorted(
                (
                    (sum((d.title + " " + d.abstract).lower().count(t) for t in terms), d)
                    for d in docs
                ),
                key=lambda x: -x[0],
            )[:limit]
            return [
                LiteratureHit(
                    record=_record(d), score=float(s), snippet=snippet(d.text or "", terms)
                )
                for s, d in scored
            ]


def snippet(text: str, terms: list[str], width: int = 300) -> str:
    """About ``width`` characters of ``text`` around the first query word it contains."""
    lowered = text.lower()
    pos = min((p for p in (lowered.find(t) for t in terms) if p >= 0), default=-1)
    if pos < 0:
        return ""
    start = max(0, pos - width // 3)
    piece = re.sub(r"\s+", " ", text[start : start + width]).strip()
    return ("... " if start else "") + piece + " ..."
