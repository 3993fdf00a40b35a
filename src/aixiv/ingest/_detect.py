"""Which parser an upload needs: content first, the file name's extension second."""

from __future__ import annotations

import re

from .errors import IngestError

Format = str  # "pdf" | "latex" | "latex-archive" | "markdown" | "text"

_PDF_EXT = (".pdf",)
_LATEX_EXT = (".tex", ".ltx", ".latex")
_MARKDOWN_EXT = (".md", ".markdown", ".mdown", ".mkd")
_ARCHIVE_EXT = (".zip", ".tar", ".tar.gz", ".tgz", ".gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_TEXT_EXT = (".txt", ".text", "")
_OFFICE_EXT = (".docx", ".odt", ".pptx", ".xlsx", ".epub", ".pages", ".key")
# Magic numbers of formats we read as archives, and of common formats we do not read.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_OTHER_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"%!PS": "a PostScript file",
    b"\x7fELF": "an executable",
    b"MZ": "an executable",
}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_LATEX_SIGNS = re.compile(rb"\\documentclass|\\begin\{document\}")
_MARKDOWN_SIGNS = re.compile(rb"(?m)^(?:#{1,6} \S|```|\s*[-*] \S.*\n\s*[-*] \S)|\]\([^)\s]+\)")


def _ext(filename: str) -> str:
    name = filename.lower().rsplit("/", 1)[-1]
    for double in (".tar.gz", ".tar.bz2", ".tar.xz"):
        if name.endswith(double):
            return double
    return "." + name.rsplit(".", 1)[1] if "." in name else ""


def _is_tar(data: bytes) -> bool:
    return len(data) > 262 and data[257:262] == b"ustar"


def _looks_binary(head: bytes) -> bool:
    """Text extracted from PDFs may hold a stray NUL; binary files hold many control bytes."""
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 20)


def detect_format(filename: str, data: bytes) -> str:
    """Return "pdf", "latex", "latex-archive", "markdown" or "text"; raise IngestError if none."""
    if not data:
        raise IngestError("empty", "The file is empty")
    ext = _ext(filename)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if ext in _PDF_EXT:
        raise IngestError(
            "corrupt-pdf", f"The file {filename!r} is named .pdf but does not contain a PDF"
        )
    if data.startswith(_ARCHIVE_MAGIC) or _is_tar(data):
        if ext in _OFFICE_EXT:
            raise IngestError(
                "unsupported-format",
                f"{ext} files are not supported; upload a PDF, LaTeX source, Markdown or text",
            )
        return "latex-archive"
    for magic, what in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(
                "unsupported-format",
                f"The file looks like {what}; upload a PDF, LaTeX source (.tex or .zip/.tar.gz), Markdown or text",
            )
    if _looks_binary(data[:8192]) and not data.startswith(_BOMS[1:]):
        raise IngestError(
            "unsupported-format",
            "The file is binary; upload a PDF, LaTeX source (.tex or .zip/.tar.gz), Markdown or text",
        )
    if ext in _LATEX_EXT:
        return "latex"
    if ext in _MARKDOWN_EXT:
        return "markdown"
    sample = data[:65536]
    if _LATEX_SIGNS.search(sample) and b"\\begin{document}" in data:
        return "latex"
    if ext in _TEXT_EXT and ext:
        return "text"
    if ext in _ARCHIVE_EXT:
        # An archive name over plain text content: read it by its content.
        return "markdown" if _MARKDOWN_SIGNS.search(sample) else "text"
    return "markdown" if _MARKDOWN_SIGNS.search(sample) else "text"
