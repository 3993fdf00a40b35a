"""parse_bytes: any upload -> Document, in this process (the child of ``ingest`` runs it)."""

from __future__ import annotations

import posixpath

from ._archive import read_archive
from ._detect import detect_format
from ._latex import parse_latex_files
from ._markdown import parse_markdown
from ._pdf import parse_pdf
from ._text import decode_text, parse_text
from .document import Document
from .errors import IngestError


def _decode_member(name: str, data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name} is not UTF-8; it was read as Latin-1")
        return data.decode("latin-1")


def parse_bytes(
    filename: str,
    data: bytes,
    *,
    max_pages: int = 300,
    max_archive_members: int = 2000,
    max_unpacked_mb: float = 200.0,
) -> Document:
    """Parse an upload in this process; raises IngestError for anything unreadable."""
    base = posixpath.basename(filename.replace("\\", "/")) or "upload"
    fmt = detect_format(base, data)
    if fmt == "pdf":
        doc = parse_pdf(data, max_pages=max_pages)
    elif fmt == "latex-archive":
        archive = read_archive(
            data,
            base,
            max_members=max_archive_members,
            max_unpacked_bytes=int(max_unpacked_mb * 1024 * 1024),
        )
        warnings = list(archive.warnings)
        files = {name: _decode_member(name, raw, warnings) for name, raw in archive.files.items()}
        doc = parse_latex_files(files, warnings)
    elif fmt == "latex":
        doc = parse_latex_files({base: decode_text(data)})
    elif fmt == "markdown":
        doc = parse_markdown(base, decode_text(data))
    else:
        doc = parse_text(base, decode_text(data))
    if fmt != "pdf" and not doc.text.strip():
        raise IngestError("no-text", "The file holds no readable text")
    doc.filename = base
    return doc
