"""Token budgets and section-aware truncation.

Tokens are estimated as characters / 4: no tokenizer can be downloaded where this runs, and
budgets only need to be right to within a few percent. Truncation keeps the abstract, the
introduction and the conclusion, drops references and appendices first, shortens the other
sections at sentence boundaries (never mid-sentence) and marks every cut.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from aixiv.ingest.document import Document

CHARS_PER_TOKEN = 4
CUT_MARK = "[... shortened for length ...]"


@dataclass(frozen=True)
class Budgets:
    """Token budgets of the review prompts (the spec's numbers by default)."""

    submission: int = 8000
    related: int = 5000
    planner: int = 3000
    reviews: int = 8000


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


# A sentence ends with . ! ? (optionally closed by a quote or bracket) before whitespace and a
# likely sentence start; a blank line ends a paragraph.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9(\[\"'])|\n\s*\n")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Eq|Sec|Tab|No|Dr|Mr|Ms|resp)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Split text into sentences, keeping each sentence's trailing whitespace."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text[start : m.start()]):
            continue
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def truncate_sentences(text: str, max_tokens: int, *, mark: bool = True) -> str:
    """The longest prefix of whole sentences within ``max_tokens`` (empty if none fits)."""
    if estimate_tokens(text) <= max_tokens:
        return text
    limit = max(0, max_tokens * CHARS_PER_TOKEN - (len(CUT_MARK) + 2 if mark else 0))
    kept: list[str] = []
    used = 0
    for s in sentences(text):
        if used + len(s) > limit:
            break
        kept.append(s)
        used += len(s)
    out = "".join(kept).rstrip()
    if mark and out:
        out += " " + CUT_MARK
    return out


@dataclass
class Section:
    title: str
    text: str
    level: int = 1

    def render(self) -> str:
        if not self.title:
            return self.text.strip()
        return (
            f"## {self.title}\n\n{self.text.strip()}" if self.text.strip() else f"## {self.title}"
        )


@dataclass
class Manuscript:
    """What a reviewer reads: title, abstract and sections of the reader-view text."""

    title: str = ""
    abstract: str = ""
    sections: list[Section] = field(default_factory=list)
    text: str = ""

    @classmethod
    def build(cls, text: str, document: Document | None = None) -> Manuscript:
        """Split the reader-view ``text`` into sections; ``document`` lends title and headings.

        Only the text is reviewed: a document's own fields may hold text a reader never sees.
        """
        known = [s.title for s in document.sections] if document else []
        sections = split_sections(text, known_titles=known)
        title = (document.title if document and document.title else "") or _guess_title(text)
        abstract = ""
        for s in sections:
            if _is_role(s.title, "abstract"):
                abstract = s.text.strip()
                break
        if not abstract and document and document.abstract and document.abstract[:80] in text:
            abstract = document.abstract
        if not abstract and sections:
            abstract = truncate_sentences(sections[0].text.strip(), 250, mark=False)
        return cls(title=title.strip(), abstract=abstract, sections=sections, text=text)

    def render(self, max_tokens: int | None = None) -> str:
        """The manuscript as prompt text, fitted to ``max_tokens`` section by section."""
        if max_tokens is None or estimate_tokens(self.text) <= max_tokens:
            return self.text.strip()
        return fit_sections(self.sections, max_tokens)


_ROLES = {
    "abstract": re.compile(r"^abstract\b", re.I),
    "introduction": re.compile(
        r"^(introduction|motivation|background and motivation|overview)\b", re.I
    ),
    "conclusion": re.compile(
        r"^(conclusions?|concluding remarks|summary|discussion and conclusions?|conclusions? and future work)\b",
        re.I,
    ),
    "references": re.compile(r"^(references|bibliography|works cited)\b", re.I),
    "appendix": re.compile(r"^(appendix|appendices|supplementary)\b", re.I),
}


def _clean_heading(title: str) -> str:
    t = re.sub(r"[#*_`\u00ab\u00bb]+", " ", title)
    t = re.sub(r"^\s*(?:[A-Z]\.|\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", t.strip())
    return re.sub(r"\s+", " ", t).strip()


def _is_role(title: str, role: str) -> bool:
    return bool(_ROLES[role].match(_clean_heading(title)))


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
# "1 INTRODUCTION", "3.2 Method details", "A APPENDIX", "ABSTRACT", "**2 Related Work**"
_NUM_HEADING = re.compile(
    r"^\s*\**\s*((?:\d+(?:\.\d+){0,3}\.?|[A-H](?:\.\d+)*)\s+[A-Z][^\n]{0,100}?)\s*\**\s*$"
)
_CAPS_HEADING = re.compile(r"^\s*\**\s*([A-Z][A-Z0-9 ,:&/\-]{2,80}?)\s*\**\s*$")
_KNOWN_PLAIN = re.compile(
    r"^\s*\**\s*(abstract|introduction|related work|background|method(?:s|ology)?|experiments?|results|"
    r"discussion|conclusions?|limitations|references|acknowledge?ments?|appendix)\s*\**\s*:?\s*$",
    re.I,
)


def _heading_of(line: str, known: set[str]) -> tuple[str, int] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return None
    m = _MD_HEADING.match(line)
    if m:
        return m.group(2).strip(" *"), len(m.group(1))
    if stripped.lower() in known:
        return stripped, 1
    if _KNOWN_PLAIN.match(line):
        return stripped.strip(" *:"), 1
    m = _NUM_HEADING.match(line)
    if m and not stripped.endswith((".", ",", ";")) and len(stripped.split()) <= 12:
        level = m.group(1).split()[0].rstrip(".").count(".") + 1
        return m.group(1).strip(), level
    m = _CAPS_HEADING.match(line)
    if m and len(m.group(1).split()) <= 8 and sum(ch.isalpha() for ch in m.group(1)) >= 4:
        return m.group(1).strip(), 1
    return None


def split_sections(text: str, known_titles: list[str] | None = None) -> list[Section]:
    """Sections of a plain text by its headings; text before the first heading is untitled."""
    known = {t.strip().lower() for t in known_titles or [] if t.strip()}
    sections: list[Section] = []
    current = Section(title="", text="")
    lines: list[str] = []
    for line in text.splitlines():
        head = _heading_of(line, known)
        if head is not None:
            current.text = "\n".join(lines).strip("\n")
            if current.title or current.text.strip():
                sections.append(current)
            current = Section(title=head[0], text="", level=head[1])
            lines = []
        else:
            lines.append(line)
    current.text = "\n".join(lines).strip("\n")
    if current.title or current.text.strip():
        sections.append(current)
    return sections


def _guess_title(text: str) -> str:
    for line in text.splitlines()[:5]:
        t = line.strip().strip("#* ").strip()
        if t and not _is_role(t, "abstract") and not _is_role(t, "introduction"):
            return t[:300]
        if t:
            break  # the text starts with a section: it has no title line
    return ""


def fit_sections(sections: list[Section], max_tokens: int) -> str:
    """Render sections within ``max_tokens``: key sections kept, others shortened evenly."""

    # Priority 0 = keep whole if at all possible; 1 = shorten; 2 = drop first.
    def priority(s: Section, i: int) -> int:
        if i == 0 and not s.title:  # the title block
            return 0
        if any(_is_role(s.title, r) for r in ("abstract", "introduction", "conclusion")):
            return 0
        if any(_is_role(s.title, r) for r in ("references", "appendix")):
            return 2
        return 1

    prios = [priority(s, i) for i, s in enumerate(sections)]
    # Everything after the references or the first appendix heading is back matter.
    for i, p in enumerate(prios):
        if p == 2:
            prios[i:] = [2] * (len(prios) - i)
            break
    headers = [estimate_tokens(Section(s.title, "").render()) + 1 for s in sections]
    bodies = [estimate_tokens(s.text.strip()) for s in sections]
    n_dropped = prios.count(2)
    note = (
        f"[omitted for length: references and back matter, {n_dropped} section(s)]"
        if n_dropped
        else ""
    )
    budget = max_tokens - sum(h for h, p in zip(headers, prios, strict=True) if p < 2)
    budget -= estimate_tokens(note) + 2 * len(sections) + 8  # separators and rounding
    alloc = [0] * len(sections)
    keep_ids = [i for i, p in enumerate(prios) if p == 0]
    mid_ids = [i for i, p in enumerate(prios) if p == 1]
    need_keep = sum(bodies[i] for i in keep_ids)
    if need_keep <= budget:
        for i in keep_ids:
            alloc[i] = bodies[i]
        _waterfill(alloc, mid_ids, bodies, budget - need_keep)
    else:  # even the key sections do not fit: shorten them too, nothing else
        _waterfill(alloc, keep_ids, bodies, budget)
    parts: list[str] = []
    for i, s in enumerate(sections):
        if prios[i] == 2:
            continue
        body = s.text.strip()
        if alloc[i] < bodies[i]:
            body = truncate_sentences(body, alloc[i]) if alloc[i] > 0 else ""
            body = body or CUT_MARK
        parts.append(Section(s.title, body).render())
    if note:
        parts.append(note)
    out = "\n\n".join(p for p in parts if p)
    # Headings alone can exceed a tiny budget: then cut the whole at a sentence boundary.
    return out if estimate_tokens(out) <= max_tokens else truncate_sentences(out, max_tokens)


def _waterfill(alloc: list[int], ids: list[int], need: list[int], budget: int) -> None:
    """Share ``budget`` among ``ids``: small sections whole, the rest an equal share each."""
    remaining = sorted(ids, key=lambda i: need[i])
    budget = max(0, budget)
    while remaining:
        share = budget // len(remaining)
        i = remaining[0]
        if need[i] <= share:
            alloc[i] = need[i]
            budget -= need[i]
            remaining.pop(0)
        else:
            for j in remaining:
                alloc[j] = share
            return


def fit_text(text: str, max_tokens: int, document: Document | None = None) -> str:
    """Convenience: a plain text fitted to ``max_tokens`` with section-aware truncation."""
    return Manuscript.build(text, document).render(max_tokens)
