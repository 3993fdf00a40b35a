"""The one shape every upload is turned into, whatever its format.

PDF documents keep their layout evidence (spans with font, size, colour, opacity, render
mode, position and drawing order; filled shapes and images; annotations; form fields;
optional-content layers; page boxes; metadata and XMP) because the injection guard must
tell what a reader sees from what a text extractor hands a model. Source formats (LaTeX,
Markdown) keep their raw source and their comments apart from the text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, origin top-left

SourceFormat = Literal["pdf", "latex", "markdown", "text"]


class Span(BaseModel):
    """A run of text drawn with one style (PDF only)."""

    page: int  # 1-based
    text: str
    bbox: Box
    font: str = ""
    size: float = 0.0
    color: str = "#000000"  # fill colour as sRGB hex
    alpha: float = 1.0  # fill opacity 0..1
    render_mode: int = 0  # PDF text render mode: 3 = invisible, 7 = clip only
    seqno: int = 0  # drawing order on the page: a later shape drawn over it may hide it
    layer: str | None = None  # optional-content group name, if any
    flags: int = 0


class Shape(BaseModel):
    """A filled vector shape or an image: may cover text drawn before it (PDF only)."""

    page: int
    bbox: Box
    kind: Literal["fill", "image"] = "fill"
    fill: str | None = None  # sRGB hex of the fill, None for images
    alpha: float = 1.0
    seqno: int = 0
    layer: str | None = None


class Annotation(BaseModel):
    page: int
    type: str
    rect: Box
    contents: str = ""
    title: str = ""
    hidden: bool = False  # PDF annotation flags Hidden / NoView / Invisible
    opacity: float = 1.0


class FormField(BaseModel):
    page: int
    name: str
    value: str = ""
    label: str = ""  # the tooltip (/TU) a viewer shows on hover; screen readers read it
    rect: Box
    hidden: bool = False


class Layer(BaseModel):
    """An optional-content group (OCG) and whether a viewer shows it by default."""

    name: str
    visible: bool = True


class PageInfo(BaseModel):
    number: int  # 1-based
    width: float
    height: float
    mediabox: Box
    cropbox: Box
    rotation: int = 0


class Section(BaseModel):
    title: str
    level: int = 1
    text: str = ""


class SourceComment(BaseModel):
    """A comment in a source file (LaTeX ``%``, ``\\begin{comment}``, HTML ``<!-- -->``)."""

    file: str
    line: int
    text: str


class SourceFile(BaseModel):
    """A text file of a source project, kept for the guard (``\\textcolor{white}``, ``\\tiny``)."""

    name: str
    text: str


class Document(BaseModel):
    source_format: SourceFormat
    filename: str = ""  # as uploaded (base name only)
    title: str = ""
    abstract: str = ""
    sections: list[Section] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    text: str = ""  # full text as a plain extractor would give it (every span, any colour)
    page_count: int = 1
    metadata: dict[str, str] = Field(default_factory=dict)
    xmp: str | None = None
    # PDF layout evidence
    pages: list[PageInfo] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list)
    shapes: list[Shape] = Field(default_factory=list)
    annotations: list[Annotation] = Field(default_factory=list)
    form_fields: list[FormField] = Field(default_factory=list)
    layers: list[Layer] = Field(default_factory=list)
    # Source evidence (LaTeX, Markdown)
    source_files: list[SourceFile] = Field(default_factory=list)
    comments: list[SourceComment] = Field(default_factory=list)
    main_file: str | None = None
    warnings: list[str] = Field(default_factory=list)
