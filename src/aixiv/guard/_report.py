"""What the guard reports: findings with their evidence, a risk score and a decision."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

GUARD_VERSION = "guard-1.0"

# The spec's six categories (Table 2) first, then the concealment channels.
CATEGORIES: dict[str, str] = {
    "white_text": "text in white or the colour of its background",
    "metadata": "instructions in document metadata or XMP",
    "invisible_chars": "zero-width, bidi-control, tag or other invisible Unicode characters",
    "mixed_language": "instructions in another language or script, or look-alike characters",
    "encoded": "base64, hex, URL-encoded, ROT13, reversed or leetspeak payloads",
    "contextual": "visible text that addresses reviewers or models and asks for a verdict",
    "small_text": "text too small to read",
    "invisible_render": "text drawn invisibly (render mode 3/7, zero opacity, phantom, display:none)",
    "off_page": "text outside the visible page area",
    "occluded": "text covered by a shape or image drawn after it",
    "hidden_layer": "text in an optional-content layer that viewers hide",
    "annotation": "instructions in annotations or form fields",
    "source_comment": "instructions in LaTeX or Markdown comments",
    "alt_text": "instructions in image alt text or link titles of a source file",
}

Box = tuple[float, float, float, float]


class Finding(BaseModel):
    """One piece of evidence: where it is, what it says, and why it matters."""

    category: str
    severity: float = Field(ge=0, le=1)  # how manipulative the content is
    concealment: float = Field(ge=0, le=1)  # how well it is hidden from a human reader
    location: str  # body, metadata:<key>, xmp, annotation, form, comment, source:<file>
    page: int | None = None
    bbox: Box | None = None
    snippet: str
    why: str
    risk: float = Field(default=0.0, ge=0, le=1)
    also: list[str] = Field(default_factory=list)  # further categories of the same evidence
    language: str | None = None


class Verdict(BaseModel):
    """An optional LLM's opinion of one snippet."""

    injection: bool
    confidence: float = Field(default=0.5, ge=0, le=1)
    reason: str = Field(default="", max_length=500)


class GuardReport(BaseModel):
    flagged: bool
    risk: float = Field(ge=0, le=1)
    threshold: float
    categories: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    stats: dict[str, Any] = Field(default_factory=dict)
    guard_version: str = GUARD_VERSION
