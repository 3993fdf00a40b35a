"""Import a directory of plain-text papers into the local index."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ._index import LocalIndex
from ._types import LiteratureRecord

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ABSTRACT_HEAD = re.compile(r"^\s*[#*\s]*abstract[*:\s]*$", re.I | re.M)
_NEXT_HEAD = re.compile(r"^\s*[#*\s]*(?:1\.?|I\.)?\s*introduction\b|^\s*#{1,6}\s+\S", re.I | re.M)


def corpus_files(directory: Path) -> list[Path]:
    """``DIR/papers/*.txt`` if there is such a folder, else ``DIR/*.txt``."""
    papers = directory / "papers"
    base = papers if papers.is_dir() else directory
    return sorted(p for p in base.glob("*.txt") if p.is_file())


def title_of(text: str) -> str:
    for line in text.splitlines():
        t = re.sub(r"[#*_`]+", " ", line)
        t = re.sub(r"\s+", " ", t).strip()
        if t:
            return t[:500]
    return ""


def abstract_of(text: str, max_chars: int = 3000) -> str:
    """The text between an "Abstract" heading and the next heading (or the introduction)."""
    m = _ABSTRACT_HEAD.search(text)
    if not m:
        inline = re.search(r"^\s*[*#]*abstract[*.:]*\s+(\S.*)$", text, re.I | re.M)
        if not inline:
            return ""
        start = inline.start(1)
    else:
        start = m.end()
    rest = text[start : start + 20_000]
    end = _NEXT_HEAD.search(rest)
    body = rest[: end.start()] if end else rest[:max_chars]
    # Author blocks sometimes land after the heading in parsed PDFs: drop bold-only lines.
    lines = [ln for ln in body.splitlines() if not re.fullmatch(r"\s*\*\*[^*]{1,80}\*\*\s*", ln)]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()[:max_chars]


def read_corpus(directory: Path, source: str | None = None) -> Iterator[LiteratureRecord]:
    """One record per text file: title = its first line, id = its file name."""
    src = source or directory.resolve().name or "corpus"
    for path in corpus_files(directory):
        text = _CONTROL.sub(" ", path.read_text(encoding="utf-8", errors="replace"))
        title = title_of(text)
        if not title:
            continue
        yield LiteratureRecord(
            source=src, external_id=path.stem, title=title, abstract=abstract_of(text), text=text
        )


def import_corpus(
    index: LocalIndex,
    directory: Path,
    *,
    source: str | None = None,
    batch: int = 50,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add every paper of ``directory`` to ``index`` in batches; returns how many were added."""
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a directory")
    total = 0
    pending: list[LiteratureRecord] = []
    for rec in read_corpus(directory, source):
        pending.append(rec)
        if len(pending) >= batch:
            total += index.add(pending)
            if progress:
                progress(len(pending))
            pending = []
    if pending:
        total += index.add(pending)
        if progress:
            progress(len(pending))
    return total
