"""Review standards: versioned YAML rubrics for papers and proposals."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

Kind = Literal["paper", "proposal"]
KINDS: tuple[str, ...] = ("paper", "proposal")
STANDARDS_DIR = Path(__file__).parent / "standards"
DEFAULT_VERSIONS = {"paper": "paper-v1", "proposal": "proposal-v1"}


class Criterion(BaseModel):
    key: str
    name: str
    aspects: list[str] = Field(default_factory=list)


class VoteCriterion(BaseModel):
    key: str
    name: str


class Priority(BaseModel):
    name: str
    aspects: list[str] = Field(default_factory=list)


class Scale(BaseModel):
    min: int
    max: int
    anchors: dict[str, str] = Field(default_factory=dict)


class MetaReviewConfig(BaseModel):
    default_reviewers: int = 3
    min_reviewers: int = 2
    max_reviewers: int = 6


class VotingConfig(BaseModel):
    bar: str
    instructions: list[str] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    criteria: list[VoteCriterion]


class Standard(BaseModel):
    """One rubric: review criteria, scales, meta-review defaults and the voting criteria."""

    id: str  # the rubric version recorded on every result, e.g. "paper-v1"
    kind: Kind
    title: str
    score_scale: Scale
    rating_scale: Scale
    criteria: list[Criterion]
    guidelines: list[str] = Field(default_factory=list)
    meta_review: MetaReviewConfig = Field(default_factory=MetaReviewConfig)
    recommendations: list[str] = Field(default_factory=lambda: ["accept", "reject"])
    voting: VotingConfig

    @property
    def version(self) -> str:
        return self.id

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(key)

    def as_yaml(self) -> str:
        """The standard as the models see it (the spec's "STANDARD YAML")."""
        data = self.model_dump(exclude={"voting"})
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"unknown submission kind {kind!r}: expected one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]


def available_standards() -> list[str]:
    return sorted(p.stem for p in STANDARDS_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=16)
def load_standard(kind: str = "paper", version: str | None = None) -> Standard:
    """The standard for a kind: its default version, or ``version`` (e.g. ``"paper-v1"``)."""
    check_kind(kind)
    name = version or DEFAULT_VERSIONS[kind]
    path = STANDARDS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ValueError(
            f"no review standard {name!r}; available: {', '.join(available_standards())}"
        )
    standard = Standard.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if standard.kind != kind:
        raise ValueError(f"standard {name!r} is for {standard.kind}s, not {kind}s")
    return standard
