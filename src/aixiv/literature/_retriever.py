"""Retriever: queries from a submission -> Semantic Scholar + local index -> related-work text."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter

from ._index import STOPWORDS, LocalIndex
from ._s2 import S2Unavailable, SemanticScholar
from ._types import LiteratureHit, LiteratureRecord, RelatedWork, SourceRef

log = logging.getLogger("aixiv.literature")

CHARS_PER_TOKEN = 4

_CAP_TERM = re.compile(
    r"\b[A-Z][a-z]+(?:-[A-Za-z]+)*(?:\s+(?:of|for|and|in|on|with|to)?\s*[A-Z][a-z]+(?:-[A-Za-z]+)*){1,4}\b"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*s?\b")
_CLAIM_CUE = re.compile(
    r"\b(we (?:propose|introduce|present|show|develop|demonstrate|study|find)|this (?:paper|work|proposal)|"
    r"our (?:method|approach|results?)|novel)\b",
    re.I,
)
_STARTERS = frozenset(
    "The This These That Those We Our In For A An To On As At By From It Its Such When While With "
    "Figure Table Section Appendix Equation Theorem Lemma Definition Proof However Moreover Finally "
    "Let Then Here Given Since Note Thus Hence If Where Each All Both Many Most Some Unlike Following".split()
)
_GENERIC_ACRONYMS = frozenset(
    "AI ML DL NLP CV ICLR ICML NEURIPS NIPS AAAI IJCAI ACL EMNLP CVPR ICCV ECCV KDD II III IV VI PDF URL "
    "GPU GPUS CPU TPU ID OK US USA UK EU PHD MSC TODO FAQ API APIS HTTP JSON CSV SOTA TBD".split()
)
_SECTION_WORDS = frozenset(
    "ABSTRACT INTRODUCTION CONCLUSION CONCLUSIONS REFERENCES APPENDIX METHOD METHODS RESULTS DISCUSSION "
    "EXPERIMENTS BACKGROUND".split()
)


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", title.lower())


def _clean(s: str) -> str:
    s = re.sub(r"[#*_`|\[\]{}<>\\]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _content_words(s: str, n: int) -> str:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]+", s) if w.lower() not in STOPWORDS]
    return " ".join(words[:n])


def key_terms(text: str, limit: int = 6) -> list[str]:
    """Method names and acronyms, most frequent first (capitalized multiword terms, acronyms)."""
    counts: Counter[str] = Counter()
    for line in text.splitlines():
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
            continue  # an all-caps heading or title line: every word would look like an acronym
        for m in _CAP_TERM.finditer(line):
            words = m.group(0).split()
            while words and words[0] in _STARTERS:
                words = words[1:]
            if len(words) >= 2 and all(len(w) >= 3 for w in words if w[0].isupper()):
                counts[" ".join(words)] += 1
        for m in _ACRONYM.finditer(line):
            a = m.group(0)
            bare = a[:-1] if a.endswith("s") and a[:-1].isupper() else a
            if (
                2 <= len(bare) <= 12
                and bare.upper() not in _GENERIC_ACRONYMS
                and bare not in _SECTION_WORDS
            ):
                if sum(c.isupper() for c in bare) >= 2:
                    counts[bare] += 1
    # Multiword names are rarer and more telling than acronyms: they win ties.
    ranked = sorted(counts.items(), key=lambda tc: (-tc[1], -len(tc[0].split())))
    return [t for t, c in ranked if c >= 2][:limit]


def claim_sentence(abstract: str) -> str:
    """The abstract's main claim as a query: the first sentence with a contribution cue."""
    sentences = re.split(r"(?<=[.!?])\s+", _clean(abstract))
    for s in sentences:
        if _CLAIM_CUE.search(s):
            return _content_words(_CLAIM_CUE.sub(" ", s), 12)
    return _content_words(sentences[0], 12) if sentences and sentences[0] else ""


def build_queries(
    title: str,
    abstract: str = "",
    text: str = "",
    *,
    focus: str | None = None,
    max_queries: int = 4,
) -> list[str]:
    """Search queries for a submission: title, reviewer focus, main claim, method names."""
    queries: list[str] = []

    def add(q: str) -> None:
        q = _clean(q)
        if len(q) >= 3 and q.lower() not in (x.lower() for x in queries):
            queries.append(q[:200])

    t = _clean(title)
    if t:
        add(" ".join(t.split()[:20]))
    # The body after the abstract: author blocks and affiliations before it are not methods.
    start = text.find(abstract[:60]) if abstract else -1
    body = text[start + len(abstract) :] if start >= 0 else text
    terms = key_terms(abstract + "\n" + body[:20_000])
    if focus:
        add(f"{_content_words(focus, 8)} {' '.join(terms[:2])}")
    claim = claim_sentence(abstract) if abstract else ""
    if claim:
        add(claim)
    if terms:
        add(" ".join(terms[:4]))
    return queries[:max_queries]


def _fit(text: str, max_chars: int) -> str:
    """At most ``max_chars``, cut at a sentence end (or a word, when no sentence fits)."""
    text = _clean(text)
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end > max_chars // 3:
        return cut[: end + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + " ..."


class Retriever:
    """Related literature for a submission from Semantic Scholar (when configured and reachable)
    and the local index, deduplicated and formatted within a token budget."""

    def __init__(
        self,
        *,
        s2: SemanticScholar | None = None,
        index: LocalIndex | None = None,
        per_query: int = 6,
        max_queries: int = 4,
        s2_queries: int = 2,
        max_items: int = 12,
        budget_tokens: int = 5000,
    ) -> None:
        self.s2 = s2
        self.index = index
        self.per_query = per_query
        self.max_queries = max_queries
        self.s2_queries = s2_queries  # S2 allows ~1 request/s: ask it the best queries only
        self.max_items = max_items
        self.budget_tokens = budget_tokens

    async def retrieve(
        self,
        title: str,
        abstract: str = "",
        text: str = "",
        *,
        focus: str | None = None,
        budget_tokens: int | None = None,
    ) -> RelatedWork:
        started = time.monotonic()
        budget = budget_tokens or self.budget_tokens
        queries = build_queries(title, abstract, text, focus=focus, max_queries=self.max_queries)
        errors: list[str] = []
        s2_used = False

        async def from_s2(q: str) -> list[LiteratureRecord]:
            nonlocal s2_used
            assert self.s2 is not None
            try:
                recs = await self.s2.search(q, limit=self.per_query)
            except S2Unavailable as exc:
                errors.append(str(exc))
                return []
            except Exception as exc:  # noqa: BLE001 - any S2 failure leaves the local index
                errors.append(f"semantic scholar: {type(exc).__name__}: {exc}"[:300])
                return []
            s2_used = True
            return recs

        async def from_index(q: str) -> list[LiteratureHit]:
            assert self.index is not None
            try:
                return await asyncio.to_thread(self.index.search, q, self.per_query)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"local index: {type(exc).__name__}: {exc}"[:300])
                return []

        tasks: list[asyncio.Future] = []
        if self.s2 is not None and self.s2.reachable:
            tasks += [asyncio.ensure_future(from_s2(q)) for q in queries[: self.s2_queries]]
        if self.index is not None:
            tasks += [asyncio.ensure_future(from_index(q)) for q in queries]
        results = await asyncio.gather(*tasks) if tasks else []

        lists: list[list[tuple[LiteratureRecord, str]]] = []
        for res in results:
            lists.append(
                [(h.record, h.snippet) if isinstance(h, LiteratureHit) else (h, "") for h in res]
            )
        picked = self._merge(lists, exclude=_norm_title(title))
        text_out, sources = self._format(picked, budget)
        return RelatedWork(
            text=text_out,
            sources=sources,
            queries=queries,
            offline=not s2_used,
            tokens=(len(text_out) + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN,
            seconds=time.monotonic() - started,
            errors=errors,
        )

    def _merge(
        self, lists: list[list[tuple[LiteratureRecord, str]]], exclude: str
    ) -> list[tuple[LiteratureRecord, str]]:
        """Round-robin over the result lists (best of each first), deduplicated by title."""
        seen = {exclude} if exclude else set()
        out: list[tuple[LiteratureRecord, str]] = []
        depth = max((len(x) for x in lists), default=0)
        for rank in range(depth):
            for lst in lists:
                if rank < len(lst):
                    rec, snip = lst[rank]
                    key = _norm_title(rec.title)
                    if key and key not in seen:
                        seen.add(key)
                        out.append((rec, snip))
                        if len(out) >= self.max_items:
                            return out
        return out

    def _format(
        self, picked: list[tuple[LiteratureRecord, str]], budget_tokens: int
    ) -> tuple[str, list[SourceRef]]:
        budget = budget_tokens * CHARS_PER_TOKEN
        if not picked or budget <= 0:
            return "", []
        share = budget // len(picked)
        entries: list[str] = []
        sources: list[SourceRef] = []
        used = 0
        for i, (rec, snip) in enumerate(picked, 1):
            meta = ", ".join(x for x in (rec.venue, str(rec.year) if rec.year else "") if x)
            head = f"[{i}] {_clean(rec.title)}" + (f" ({meta})" if meta else "")
            body_src = rec.abstract or snip or rec.text[:3000]
            room = min(share, budget - used) - len(head) - 4
            if room < 80 and entries:
                break
            body = _fit(body_src, max(0, room)) if body_src else ""
            entry = head + (f"\n    {body}" if body else "")
            if used + len(entry) + 2 > budget:
                break
            entries.append(entry)
            used += len(entry) + 2
            sources.append(
                SourceRef(
                    source=rec.source,
                    external_id=rec.external_id,
                    title=rec.title,
                    year=rec.year,
                    url=rec.url,
                )
            )
        return "\n\n".join(entries), sources
