"""Uploads (PDF, LaTeX source or archive, Markdown, text) -> Document.

``ingest`` is what the pipeline calls: it parses in a separate process under time and
memory limits. ``parse_bytes`` parses in this process (the child, tests, benchmarks).
"""

from ._detect import detect_format
from ._isolate import ingest
from ._parse import parse_bytes
from .document import (
    Annotation,
    Document,
    FormField,
    Layer,
    PageInfo,
    Section,
    Shape,
    SourceComment,
    SourceFile,
    Span,
)
from .errors import IngestError

__all__ = [
    "Annotation",
    "Document",
    "FormField",
    "IngestError",
    "Layer",
    "PageInfo",
    "Section",
    "Shape",
    "SourceComment",
    "SourceFile",
    "Span",
    "detect_format",
    "ingest",
    "parse_bytes",
]
