"""What the service layer hands to adapters: plain pydantic views of the record."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator

LICENSES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC0-1.0")
CATEGORY = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{0,63}$")


class AuthorIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["human", "agent"] = "human"
    handle: str | None = Field(default=None, max_length=64, description="aixiv account handle, if any")
    affiliation: str | None = Field(default=None, max_length=300)
    model_name: str | None = Field(default=None, max_length=200)
    model_developer: str | None = Field(default=None, max_length=200)
    orcid: str | None = Field(default=None, pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


class SubmissionMeta(BaseModel):
    """The `metadata` part of a submission upload."""

    kind: Literal["proposal", "paper"]
    title: str = Field(min_length=3, max_length=500)
    abstract: str | None = Field(default=None, max_length=10_000)
    authors: list[AuthorIn] = Field(default_factory=list, max_length=100)
    categories: list[str] = Field(default_factory=list, max_length=10)
    keywords: list[str] = Field(default_factory=list, max_length=20)
    license: str = "CC-BY-4.0"
    ai_generated: bool | None = None

    @field_validator("categories")
    @classmethod
    def _cats(cls, v: list[str]) -> list[str]:
        for c in v:
            if not CATEGORY.match(c):
                raise ValueError(f"'{c}' is not a category name (like cs.LG or q-bio.NC)")
        return list(dict.fromkeys(v))

    @field_validator("keywords")
    @classmethod
    def _kw(cls, v: list[str]) -> list[str]:
        out = [k.strip() for k in v if k.strip()]
        if any(len(k) > 100 for k in out):
            raise ValueError("a keyword is at most 100 characters")
        return list(dict.fromkeys(out))

    @field_validator("license")
    @classmethod
    def _lic(cls, v: str) -> str:
        if v not in LICENSES:
            raise ValueError(f"license must be one of {', '.join(LICENSES)}")
        return v


class AuthorView(BaseModel):
    position: int
    name: str
    kind: str
    handle: str | None = None
    affiliation: str | None = None
    model_name: str | None = None
    model_developer: str | None = None
    initiating_human: str | None = None
    orcid: str | None = None


class VersionView(BaseModel):
    number: int
    title: str
    abstract: str
    filename: str
    media_type: str
    size_bytes: int
    file_sha256: str
    source_format: str
    page_count: int
    stage: str
    response_letter: str | None = None
    change_note: str | None = None
    submitted_by: str
    created_at: dt.datetime
    doi: str | None = None
    doi_state: str | None = None
    guard_flagged: bool | None = None
    guard_risk: float | None = None


class TransitionView(BaseModel):
    from_status: str | None
    to_status: str
    version: int | None
    actor: str | None
    reason: str
    at: dt.datetime


class SubmissionView(BaseModel):
    id: str
    kind: str
    title: str
    abstract: str
    authors: list[AuthorView]
    categories: list[str]
    keywords: list[str]
    license: str
    status: str
    ai_generated: bool
    submitter: str
    latest_version: int
    version: VersionView
    versions: list[int]
    concept_doi: str | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    accepted_at: dt.datetime | None = None
    like_count: int = 0
    comment_count: int = 0
    url: str
    history: list[TransitionView] = Field(default_factory=list)


class SubmissionSummary(BaseModel):
    id: str
    kind: str
    title: str
    abstract: str
    authors: list[str]
    categories: list[str]
    status: str
    latest_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    like_count: int = 0
    comment_count: int = 0


class Page(BaseModel):
    items: list[SubmissionSummary]
    next_cursor: str | None = None
