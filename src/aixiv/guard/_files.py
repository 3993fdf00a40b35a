"""Screening files: parse with the ingestion limits (child process), then screen."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ._report import GuardReport
from ._screen import LLMCheck, screen_document

if TYPE_CHECKING:
    from aixiv.config import Settings

# What `aixiv scan` picks up inside a directory.
SCAN_EXTENSIONS = (
    ".pdf",
    ".tex",
    ".ltx",
    ".md",
    ".markdown",
    ".txt",
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
)


def scan_path(
    path: str | Path,
    settings: Settings | None = None,
    *,
    isolate: bool = True,
    llm_check: LLMCheck | None = None,
) -> GuardReport:
    """Screen one file. Parsing runs in a child process with the ingestion time and memory
    limits unless ``isolate`` is False; raises ``aixiv.ingest.IngestError`` if unreadable."""
    from aixiv.ingest import IngestError, ingest, parse_bytes

    if settings is None:
        from aixiv.config import get_settings

        settings = get_settings()
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > settings.max_upload_bytes:
            raise IngestError(
                "too-large",
                f"The file is {size / 1048576:.1f} MB; the limit is {settings.max_upload_mb:g} MB",
            )
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(
            "unreadable", f"The file cannot be read ({exc.strerror or exc})"
        ) from None
    t0 = time.perf_counter()
    if isolate:
        doc = ingest(p.name, data, settings)
    else:
        doc = parse_bytes(
            p.name,
            data,
            max_pages=settings.max_pages,
            max_archive_members=settings.max_archive_members,
            max_unpacked_mb=settings.max_unpacked_mb,
        )
    parse_ms = (time.perf_counter() - t0) * 1000
    report = screen_document(doc, threshold=settings.guard_threshold, llm_check=llm_check)
    report.stats["parse_ms"] = round(parse_ms, 1)
    report.stats["format"] = doc.source_format
    return report


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and the scannable files inside the directories named (sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if (
                    child.is_file()
                    and child.name.lower().endswith(SCAN_EXTENSIONS)
                    and not child.name.startswith(".")
                ):
                    yield child
        else:
            yield p
