"""Heuristics shared by every format: headings, abstract, sections, reference entries.

Input is a list of lines, optionally with a font size and a bold flag (PDF). A paper's
outline is recognised from numbering ("3.2 Results"), well-known section names, capitals,
and, when fonts are known, from a size above the body text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .document import Section

_NUMBERED = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?|(?P<roman>[IVX]{1,5})\.|"
    r"(?P<letter>[A-H](?:\.\d{1,2}){0,3})[.:]?)\s+(?P<title>[^\W\d_].*)$"
)
_KNOWN = {
    "abstract", "introduction", "related work", "related works", "background", "preliminaries",
    "method", "methods", "methodology", "approach", "experiments", "experimental setup",
    "experimental results", "evaluation", "results", "discussion", "analysis", "conclusion",
    "conclusions", "conclusion and future work", "limitations", "future work",
    "broader impact", "broader impacts", "ethics statement", "reproducibility statement",
    "acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "appendix",
    "appendices", "supplementary material", "references", "bibliography", "summary",
}  # fmt: skip
_REFERENCES = re.compile(
    r"^(?:references?|bibliography|works cited|literature cited|references and notes|citations)$",
    re.I,
)
_ABSTRACT_INLINE = re.compile(r"^abstract\s*(?:[.:\u2014\u2013-]+)\s*(?P<rest>.+)$", re.I)
_REF_BRACKET = re.compile(r"^\s*\[[^\]\s]{1,12}\]\s")
_REF_NUMBER = re.compile(r"^\s*\d{1,3}\.\s+\S")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass
class Line:
    text: str
    size: float = 0.0
    bold: bool = False
    page: int = 1
    x0: float = 0.0
    column: int = 0


@dataclass
class Outline:
    title: str = ""
    abstract: str = ""
    sections: list[Section] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip("#*_ ").rstrip(":")).strip()


def is_references_heading(title: str) -> bool:
    return bool(_REFERENCES.match(_clean_title(title)))


def _wordy(text: str) -> bool:
    """Mostly letters: a heading, not a formula or a table row."""
    letters = len(_LETTERS.findall(text))
    return letters >= 3 and letters >= 0.6 * len(re.sub(r"[\s\d.]", "", text)) and "_ _" not in text


def heading(line: Line, body_size: float = 0.0) -> tuple[int, str] | None:
    """(level, title) if the line looks like a section heading."""
    text = line.text.strip()
    md = _MD_HEADING.match(text)
    if md:
        title = _clean_title(md.group(2))
        return (len(md.group(1)), title) if _wordy(title) else None
    if len(text) > 120 or len(text.split()) > 14 or not _wordy(text):
        return None
    larger = body_size > 0 and line.size >= body_size * 1.12
    emphasised = larger or line.bold
    fonts_known = body_size > 0
    bare = _clean_title(text)
    if bare.lower().rstrip(".") in _KNOWN:
        if (fonts_known and not emphasised and not bare.isupper()) or not bare[0].isupper():
            return None
        return 1, bare.rstrip(".")
    m = _NUMBERED.match(text)
    if m:
        title = _clean_title(m.group("title"))
        if (
            title.endswith((",", ";"))
            or len(title.split()) > 12
            or title.endswith(".")
            and len(title.split()) > 6
        ):
            return None
        if fonts_known and not emphasised:
            return None
        if not fonts_known and not (title[0].isupper() and len(title.split()) <= 10):
            return None
        if m.group("num"):
            num = m.group("num")
            if int(num.split(".")[0]) > 30 and not larger:
                return None
            return num.count(".") + 1, f"{num} {title}"
        if m.group("roman"):
            return 1, f"{m.group('roman')}. {title}"
        letter = m.group("letter")
        if not emphasised and not title.isupper():
            return None
        return letter.count(".") + 1, f"{letter} {title}"
    if larger and len(text.split()) <= 12 and not text.endswith((".", ",")):
        return 1, bare
    if not fonts_known and bare.isupper() and len(bare) >= 4 and len(bare.split()) <= 8:
        return 1, bare
    return None


def split_references(lines: list[Line]) -> list[str]:
    """Reference entries from the lines after a References heading."""
    texts = [ln.text.strip() for ln in lines]
    if not any(texts):
        return []
    nonblank = [t for t in texts if t]
    for pattern in (_REF_BRACKET, _REF_NUMBER):
        if sum(1 for t in nonblank if pattern.match(t)) >= max(2, len(nonblank) // 8):
            return _join_entries(texts, lambda i, t, p=pattern: bool(p.match(t)))
    if "" in texts and sum(1 for t in texts if not t) >= len(nonblank) // 6:
        return _join_entries(texts, lambda i, t: i == 0 or not texts[i - 1])
    indents = [ln.x0 for ln in lines]
    if any(indents):
        lefts: dict[tuple[int, int], float] = {}
        for ln in lines:
            key = (ln.page, ln.column)
            lefts[key] = min(lefts.get(key, ln.x0), ln.x0)
        hanging = [ln.x0 - lefts[(ln.page, ln.column)] for ln in lines]
        if any(h > 3 for h in hanging):
            return _join_entries(texts, lambda i, t: hanging[i] <= 3)
    return _join_entries(
        texts, lambda i, t: i == 0 or texts[i - 1].endswith(".") and t[:1].isupper()
    )


def _join_entries(texts: list[str], starts: Callable[[int, str], bool]) -> list[str]:
    entries: list[list[str]] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        if not entries or starts(i, text):
            entries.append([text])
        else:
            entries[-1].append(text)
    return [_unwrap(parts) for parts in entries][:2000]


def _unwrap(parts: list[str]) -> str:
    """Lines of one paragraph as one string, rejoining words hyphenated at a line end."""
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        if joined.endswith("-") and part[:1].islower():
            joined = joined[:-1] + part
        else:
            joined = f"{joined} {part}"
    return joined


def outline(lines: list[Line], body_size: float = 0.0, title: str = "") -> Outline:
    """Split lines into abstract, sections and references by headings."""
    result = Outline(title=title)
    blocks: list[tuple[int, str, list[Line]]] = [(0, "", [])]
    for line in lines:
        found = heading(line, body_size)
        inline = _ABSTRACT_INLINE.match(line.text.strip())
        if inline and not result.abstract and len(line.text) > 40:
            blocks.append((1, "Abstract", [Line(inline.group("rest"))]))
        elif found and len(blocks) == 1 and title and found[1] in _clean_title(title):
            continue  # the title itself (or one of its lines)
        elif found and _continues_title(result.title, found[1], blocks):
            result.title = f"{result.title} {found[1]}"
        elif found:
            blocks.append((found[0], found[1], []))
        else:
            blocks[-1][2].append(line)
    for level, name, body in blocks:
        # PDF lines are layout, not paragraphs: unwrap them. Text files keep their lines.
        lines_of = [ln.text.strip() for ln in body if ln.text.strip()]
        text = _unwrap(lines_of) if body_size else "\n".join(ln.text for ln in body).strip()
        lowered = name.lower().rstrip(".")
        if not name:
            continue
        if lowered == "abstract" and not result.abstract:
            result.abstract = _abstract_body(text)
        elif is_references_heading(name):
            result.references.extend(split_references(body))
        else:
            result.sections.append(Section(title=name, level=level, text=text))
    if not result.abstract and not body_size:
        result.abstract = _first_paragraph(blocks[0][2])
    return result


def _continues_title(title: str, candidate: str, blocks: list[tuple[int, str, list[Line]]]) -> bool:
    """A capitalised title broken over two heading lines ("# A LONG TITLE" / "# ON TWO LINES")."""
    if len(blocks) > 1 or any(ln.text.strip() for ln in blocks[0][2]) or not title.isupper():
        return False
    return (
        candidate.isupper() and not _NUMBERED.match(candidate) and candidate.lower() not in _KNOWN
    )


def _abstract_body(text: str) -> str:
    """Skip short paragraphs (an author block extracted out of order) before the abstract."""
    paragraphs = re.split(r"\n\s*\n", text)
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph.split()) >= 20:
            return "\n\n".join(paragraphs[i:]).strip()
    return text


def _first_paragraph(lines: list[Line]) -> str:
    """The first paragraph of at least 40 words before any heading (a common abstract)."""
    paragraph: list[str] = []
    for line in lines + [Line("")]:
        if line.text.strip():
            paragraph.append(line.text.strip())
            continue
        if len(" ".join(paragraph).split()) >= 40:
            return " ".join(paragraph)
        paragraph = []
    return ""
