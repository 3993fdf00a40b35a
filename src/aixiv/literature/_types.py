"""The data of retrieval: literature records, hits, and the related-work block given to reviewers."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LiteratureRecord(BaseModel):
    """One paper from any source (Semantic Scholar, an imported corpus, the platform itself)."""

    source: str  # "semantic_scholar", "iclr2022", "aixiv", ...
    external_id: str
    title: str
    abstract: str = ""
    text: str = ""
    year: int | None = None
    venue: str = ""
    url: str = ""
    authors: list[str] = Field(default_factory=list)


class LiteratureHit(BaseModel):
    """A search result: the record, its rank score (higher is better) and a snippet."""

    record: LiteratureRecord
    score: float = 0.0
    snippet: str = ""


class SourceRef(BaseModel):
    """What provenance keeps of a paper a reviewer was shown."""

    source: str
    external_id: str
    title: str
    year: int | None = None
    url: str = ""


class RelatedWork(BaseModel):
    """Related literature for one submission, formatted within a token budget."""

    text: str = ""
    sources: list[SourceRef] = Field(default_factory=list)
    queries: list[str] = Field(default_factory=list)
    offline: bool = True  # True when only the local index could be asked
    tokens: int = 0
    seconds: float = 0.0
    errors: list[str] = Field(default_factory=list)
