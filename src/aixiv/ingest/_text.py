"""Plain text -> Document, and the strict decoding every text upload goes through."""

from __future__ import annotations

import re

from ._structure import Line, heading, outline
from .document import Document, SourceFile
from .errors import IngestError

_MD_PREFIX = re.compile(r"^#{1,6}\s+")


def decode_text(data: bytes, what: str = "The file") -> str:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(
                "not-utf8", f"{what} starts like UTF-16 but is not valid UTF-16"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError(
                "not-utf8",
                f"{what} is not valid UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                "save it as UTF-8 and upload it again",
            ) from None
    # NUL cannot be stored in PostgreSQL text; it is invisible anyway.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def guess_title(lines: list[str]) -> str:
    for raw in lines[:40]:
        line = _MD_PREFIX.sub("", raw.strip()).strip("*_ ")
        if line:
            if heading(Line(line)) and line.lower().rstrip(".:") in ("abstract", "introduction"):
                return ""
            return line if len(line.split()) <= 30 else ""
    return ""


def parse_text(filename: str, text: str) -> Document:
    raw_lines = text.split("\n")
    title = guess_title(raw_lines)
    lines = [Line(ln.rstrip()) for ln in raw_lines]
    if title and lines:
        first = next(i for i, ln in enumerate(lines) if ln.text.strip())
        lines = lines[first + 1 :]
    found = outline(lines, title=title)
    return Document(
        source_format="text",
        title=found.title,
        abstract=found.abstract,
        sections=found.sections,
        references=found.references,
        text=text.strip(),
        source_files=[SourceFile(name=filename or "upload.txt", text=text)],
    )
