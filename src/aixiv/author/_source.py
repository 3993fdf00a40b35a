"""Markdown and LaTeX sources as headed sections of paragraph blocks, and edits applied to them.

Edits are applied one at a time, each to a fresh parse of the current source, so an edit that
creates a section can be followed by edits into it. Nothing is removed except the paragraph a
``replace_paragraph`` edit names; an edit that cannot be placed safely is skipped with a reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ._schemas import Edit

Format = Literal["markdown", "latex"]

NEW_SECTION_FALLBACK = "Additional Clarifications"


def normalize_format(fmt: str) -> Format:
    f = (fmt or "").strip().lower()
    if f in ("markdown", "md", "text", "txt"):
        return "markdown"
    if f in ("latex", "tex"):
        return "latex"
    raise ValueError(f"the author agent revises Markdown or LaTeX sources only, not {fmt!r}")


@dataclass
class Heading:
    title: str
    level: int
    line: int  # first line of the heading
    body_start: int  # first line of the section's own text
    body_end: int  # exclusive: the next heading or the end of the main text

    @property
    def key(self) -> str:
        return heading_key(self.title)


@dataclass
class Block:
    start: int
    end: int  # exclusive
    text: str
    protected: str | None = None  # why it must not be replaced (a figure, table, code, ...)


@dataclass
class Parsed:
    fmt: Format
    lines: list[str]
    headings: list[Heading]
    main_start: int  # first line after the preamble (LaTeX) or 0
    tail: int  # where a new section goes: before references / bibliography / appendix / the end
    new_level: int  # heading level of a new top-level section
    references: bool = False  # a references/bibliography part exists
    # heading and environment lines: they end blocks and never join one
    structural: set[int] = field(default_factory=set)
    plain_headings: bool = False  # plain text: headings are bare lines, not "#" lines

    def blocks(self, start: int, end: int) -> list[Block]:
        return _blocks(self.lines, start, end, self.fmt, self.structural)


# -- headings -------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:(?:\d+|[A-Z])(?:\.\d+)*\.?|[IVXLC]+\.)\s+")
_REFERENCES = re.compile(r"^(references|bibliography|works cited|literature cited)\b", re.I)
_BACK_MATTER = re.compile(
    r"^(references|bibliography|works cited|literature cited|appendix|appendices|supplementary)\b",
    re.I,
)


def heading_key(title: str) -> str:
    """A heading reduced for comparison: no markup, numbering, punctuation or case."""
    t = title.strip()
    t = re.sub(r"^\s*#{1,6}\s*", "", t)
    m = re.match(
        r"^\\(?:part|chapter|(?:sub)*section|(?:sub)?paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{(.*)\}\s*$",
        t,
        re.S,
    )
    if m:
        t = m.group(1)
    t = re.sub(r"\\[A-Za-z]+\*?", " ", t)  # LaTeX commands (their arguments stay)
    t = re.sub(r"[*_`{}$~\\]", " ", t)
    t = _NUMBERING.sub("", t.strip())
    t = re.sub(r"[^\w\s]", " ", t.lower())
    return re.sub(r"\s+", " ", t).strip()


def find_heading(parsed: Parsed, wanted: str) -> Heading | None:
    """The heading a model meant: exact, then containment, then close spelling (case-insensitive)."""
    key = heading_key(wanted)
    if not key:
        return None
    for h in parsed.headings:
        if h.key == key:
            return h
    # A shortened heading ("Method" for "Method and Setup") matches; a heading inside a long
    # phrase only when it is most of that phrase ("3 Method (revised)", not a sentence about methods).
    contained = [
        h
        for h in parsed.headings
        if h.key
        and (_has_words(h.key, key) or (_has_words(key, h.key) and len(h.key) >= 0.5 * len(key)))
    ]
    if contained:
        return min(contained, key=lambda h: (abs(len(h.key) - len(key)), h.line))
    best, score = None, 0.0
    for h in parsed.headings:
        r = difflib.SequenceMatcher(None, key, h.key).ratio()
        if r > score:
            best, score = h, r
    return best if score >= 0.8 else None


def _has_words(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


# -- parsing --------------------------------------------------------------------------------

_MD_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def parse(source: str, fmt: str) -> Parsed:
    f = normalize_format(fmt)
    lines = source.split("\n")
    return _parse_markdown(lines) if f == "markdown" else _parse_latex(lines)


def _fenced_lines(lines: list[str]) -> set[int]:
    inside: set[int] = set()
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _MD_FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * 3
            inside.add(i)
        elif fence is not None:
            inside.add(i)
            if line.strip().startswith(fence):
                fence = None
    return inside


def _parse_markdown(lines: list[str]) -> Parsed:
    fenced = _fenced_lines(lines)
    heads: list[tuple[str, int, int, int]] = []  # title, level, line, body_start
    for i, line in enumerate(lines):
        if i in fenced:
            continue
        m = _MD_ATX.match(line)
        if m:
            heads.append((m.group(2).strip(), len(m.group(1)), i, i + 1))
            continue
        m = _MD_SETEXT.match(line)
        if (
            m
            and i > 0
            and i - 1 not in fenced
            and lines[i - 1].strip()
            and not _MD_ATX.match(lines[i - 1])
            and (i == 1 or not lines[i - 2].strip())
            and not lines[i - 1].lstrip().startswith(("-", "*", "+", ">", "|"))
        ):
            heads.append((lines[i - 1].strip(), 1 if m.group(1)[0] == "=" else 2, i - 1, i + 1))
    plain = not heads
    if plain:  # plain text: headings are lines that stand alone and look like headings
        heads = [
            (m_title, level, i, i + 1)
            for i, line in enumerate(lines)
            if i not in fenced
            and (i == 0 or not lines[i - 1].strip())
            and (i + 1 == len(lines) or not lines[i + 1].strip())
            for m_title, level in [_plain_heading(line)]
            if m_title
        ]
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    headings = []
    for n, (title, level, line, body_start) in enumerate(heads):
        nxt = heads[n + 1][2] if n + 1 < len(heads) else end
        headings.append(Heading(title, level, line, body_start, max(body_start, nxt)))
    back = next((h for h in headings if _BACK_MATTER.match(heading_key(h.title))), None)
    tail = back.line if back else end
    levels = [h.level for h in headings]
    # "# Title" over "## Sections": new sections take the sections' level.
    if (
        levels
        and levels.count(min(levels)) == 1
        and len(set(levels)) > 1
        and headings[0].level == min(levels)
    ):
        new_level = min(lv for lv in levels if lv > min(levels))
    else:
        new_level = min(levels) if levels else 2
    refs = any(_REFERENCES.match(h.key) for h in headings)
    structural = {ln for h in headings for ln in range(h.line, h.body_start)}
    return Parsed(
        "markdown", lines, headings, 0, tail, new_level, refs, structural, plain and bool(headings)
    )


_PLAIN_NUMBERED = re.compile(r"^\s*((?:\d+(?:\.\d+){0,3}\.?|[A-H]\.)\s+[A-Z][^\n]{0,100})$")
_PLAIN_BOLD = re.compile(r"^\s*\*\*([^*\n]{2,100})\*\*\s*$")
_PLAIN_KNOWN = re.compile(
    r"^\s*(abstract|introduction|related work|background|methods?|methodology|experiments?|results|"
    r"discussion|conclusions?|limitations|references|bibliography|acknowledge?ments?|appendix)\s*$",
    re.I,
)


def _plain_heading(line: str) -> tuple[str, int]:
    """(title, level) when a standalone line of plain text reads as a heading, else ("", 0)."""
    text = line.strip()
    if not text or len(text.split()) > 12 or text.endswith((".", ",", ";", ":")):
        return "", 0
    m = _PLAIN_BOLD.match(text)
    if m:
        inner = m.group(1).strip()
        n = _PLAIN_NUMBERED.match(inner)
        return inner, (n.group(1).split()[0].rstrip(".").count(".") + 2) if n else 2
    m = _PLAIN_NUMBERED.match(text)
    if m:
        return m.group(1).strip(), m.group(1).split()[0].rstrip(".").count(".") + 2
    if _PLAIN_KNOWN.match(text):
        return text, 2
    return "", 0


_TEX_HEAD = re.compile(
    r"^\s*\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{"
)
_TEX_LEVEL = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "subsection": 3,
    "subsubsection": 4,
    "paragraph": 5,
}
_TEX_END_MARKERS = re.compile(
    r"^\s*\\(?:appendix\b|bibliography\s*\{|bibliographystyle\s*\{|printbibliography\b|"
    r"begin\s*\{thebibliography\}|end\s*\{document\})"
)


def _balanced_arg(text: str, open_at: int) -> str:
    """The text inside the brace group starting at ``text[open_at] == '{'``."""
    depth = 0
    for i in range(open_at, len(text)):
        ch = text[i]
        if ch == "\\":
            continue
        if ch == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[open_at + 1 : i]
    return text[open_at + 1 :]


def _parse_latex(lines: list[str]) -> Parsed:
    begin = next(
        (i for i, ln in enumerate(lines) if re.match(r"^\s*\\begin\s*\{document\}", ln)), None
    )
    main_start = begin + 1 if begin is not None else 0
    tail = next(
        (i for i in range(main_start, len(lines)) if _TEX_END_MARKERS.match(lines[i])), len(lines)
    )
    refs = any(
        re.match(r"^\s*\\(?:bibliography\s*\{|printbibliography|begin\s*\{thebibliography\})", ln)
        for ln in lines
    )
    # title, level, line, body_start, fixed end (the abstract environment's)
    heads: list[tuple[str, int, int, int, int | None]] = []
    i = main_start
    while i < tail:
        line = lines[i]
        m = _TEX_HEAD.match(line)
        if m:
            title = _balanced_arg(line, m.end() - 1).strip()
            heads.append((title, _TEX_LEVEL[m.group(1)], i, i + 1, None))
        elif re.match(r"^\s*\\begin\s*\{abstract\}", line):
            end = next(
                (j for j in range(i + 1, tail) if re.match(r"^\s*\\end\s*\{abstract\}", lines[j])),
                None,
            )
            if end is not None:
                heads.append(("Abstract", 2, i, i + 1, end))
                i = end
        i += 1
    headings = []
    for n, (title, level, line, body_start, fixed) in enumerate(heads):
        if fixed is not None:
            body_end = fixed
        else:
            nxt = heads[n + 1][2] if n + 1 < len(heads) else tail
            body_end = nxt
        # Trailing blank lines belong to the gap, not the section.
        while body_end > body_start and not lines[body_end - 1].strip():
            body_end -= 1
        headings.append(Heading(title, level, line, body_start, body_end))
    back = next((h for h in headings if _BACK_MATTER.match(heading_key(h.title))), None)
    if back is not None and back.line < tail:
        tail = back.line
    real = [h.level for h in headings if h.title != "Abstract"]
    new_level = min(real) if real else 2
    refs = refs or any(_REFERENCES.match(h.key) for h in headings)
    structural = {h.line for h in headings} | {
        i
        for i in range(main_start, len(lines))
        if _TEX_END_MARKERS.match(lines[i])
        or re.match(r"^\s*\\(?:end\s*\{abstract\}|maketitle\b)", lines[i])
    }
    return Parsed("latex", lines, headings, main_start, tail, new_level, refs, structural)


# -- paragraph blocks -------------------------------------------------------------------------

_TEX_BEGIN = re.compile(r"\\begin\s*\{([^}]+)\}")
_TEX_END = re.compile(r"\\end\s*\{([^}]+)\}")


def _blocks(
    lines: list[str], start: int, end: int, fmt: Format, structural: set[int]
) -> list[Block]:
    """Blank-line separated blocks; code fences and LaTeX environments are never split, and
    heading lines end a block without joining one."""
    fenced = _fenced_lines(lines) if fmt == "markdown" else set()
    out: list[Block] = []
    cur: list[int] = []
    depth = 0

    def close() -> None:
        if cur:
            text = "\n".join(lines[cur[0] : cur[-1] + 1])
            out.append(Block(cur[0], cur[-1] + 1, text, _protected(text, fmt, cur, fenced)))
            cur.clear()

    for i in range(start, end):
        line = lines[i]
        if i in structural:
            close()
            depth = 0
            continue
        if fmt == "latex":
            code = _strip_tex_comment(line)
            depth += len(_TEX_BEGIN.findall(code)) - len(_TEX_END.findall(code))
            depth = max(depth, 0)
        if not line.strip() and depth == 0 and i not in fenced:
            close()
        else:
            cur.append(i)
    close()
    return out


def _strip_tex_comment(line: str) -> str:
    m = re.search(r"(?<!\\)%", line)
    return line[: m.start()] if m else line


def _protected(text: str, fmt: Format, idx: list[int], fenced: set[int]) -> str | None:
    if fmt == "markdown":
        if any(i in fenced for i in idx):
            return "it is a code block"
        if re.search(r"!\[[^\]]*\]\(", text):
            return "it holds a figure"
        if sum(1 for ln in text.split("\n") if ln.strip().startswith("|")) >= 2:
            return "it is a table"
        if re.match(r"^\s*<", text):
            return "it is raw HTML"
        if _MD_ATX.match(text.split("\n", 1)[0]):
            return "it is a heading"
        return None
    code = "\n".join(_strip_tex_comment(ln) for ln in text.split("\n"))
    if not code.strip():
        return "it is a comment"
    envs = set(_TEX_BEGIN.findall(code)) | set(_TEX_END.findall(code))
    if envs:
        return f"it holds a LaTeX environment ({', '.join(sorted(envs))})"
    if re.search(r"\\(?:maketitle|title|author|date|label|input|include|item)\b", code):
        return "it holds structural LaTeX commands"
    return None


# -- anchors --------------------------------------------------------------------------------


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _anchor_forms(anchor: str) -> list[tuple[str, bool]]:
    a = anchor.strip().strip("\"'“”‘’").strip()
    a = re.sub(r"(?:\.\.\.|…)\s*$", "", a).strip()
    a = re.sub(r"^\s*(?:\.\.\.|…)", "", a).strip()
    forms: list[tuple[str, bool]] = [(_words(a), False)]
    compact = _alnum(a)
    if len(compact) >= 12:
        forms.append((compact, True))
        if len(compact) > 120:  # a long anchor, possibly paraphrased at the end: its opening
            forms.append((compact[:80], True))
    return [f for f in forms if f[0]]


def find_block(parsed: Parsed, anchor: str, within: Heading | None) -> Block | None:
    """The paragraph block containing ``anchor``: in ``within`` first, then anywhere in the main text."""
    forms = _anchor_forms(anchor)
    if not forms:
        return None
    scopes: list[tuple[int, int]] = []
    if within is not None:
        scopes.append((within.body_start, within.body_end))
    scopes.append((parsed.main_start, len(parsed.lines)))
    for lo, hi in scopes:
        blocks = parsed.blocks(lo, hi)
        for form, compact in forms:
            for b in blocks:
                hay = _alnum(b.text) if compact else _words(b.text)
                if form in hay:
                    return b
    return None


# -- text of an edit --------------------------------------------------------------------------

_TEX_FORBIDDEN = re.compile(
    r"\\(?:input|include|includeonly|write|immediate|openout|openin|read|catcode|def|edef|gdef|xdef|let|"
    r"newcommand|renewcommand|providecommand|usepackage|documentclass|begin\s*\{document\}|end\s*\{document\}|"
    r"directlua|special|csname|makeatletter)\b"
)


def prepare_text(text: str, fmt: Format, section_title: str | None) -> tuple[str | None, str]:
    """The text an edit inserts, made safe for the format; (None, reason) when it cannot be."""
    t = (text or "").replace("\r\n", "\n").strip("\n")
    lines = t.split("\n")
    # Models like to repeat the heading of the section they write into.
    if lines and section_title:
        first = lines[0].strip()
        looks_like_heading = (
            first.startswith("#")
            or bool(_TEX_HEAD.match(first))
            or first.rstrip(":").strip() == section_title.strip()
        )
        if looks_like_heading and heading_key(first) == heading_key(section_title):
            lines = lines[1:]
    t = "\n".join(lines).strip()
    if not t:
        return None, "the edit has no text"
    if fmt == "markdown":
        if sum(1 for ln in t.split("\n") if _MD_FENCE.match(ln)) % 2:
            return None, "the text opens a code block it does not close"
        return t, ""
    return _latex_text(t)


def _latex_text(t: str) -> tuple[str | None, str]:
    if _TEX_FORBIDDEN.search(t):
        return (
            None,
            "the text uses a LaTeX command an edit may not add (file input, definitions, packages)",
        )
    begins = _TEX_BEGIN.findall(t)
    ends = _TEX_END.findall(t)
    if sorted(begins) != sorted(ends):
        return None, "the text's \\begin and \\end do not match"
    # Markdown emphasis written into LaTeX.
    t = re.sub(r"\*\*([^*\n]+)\*\*", r"\\textbf{\1}", t)
    out: list[str] = []
    depth = 0
    math: str | None = None
    env_depth = 0
    i = 0
    n = len(t)
    while i < n:
        ch = t[i]
        if ch == "\\":
            m = re.match(r"\\(begin|end)\s*\{[^}]*\}", t[i:])
            if m:
                env_depth += 1 if m.group(1) == "begin" else -1
                out.append(m.group(0))
                i += len(m.group(0))
                continue
            if i + 1 < n and t[i + 1] in "([" and math is None:
                math = ")" if t[i + 1] == "(" else "]"
            elif i + 1 < n and math in (")", "]") and t[i + 1] == math:
                math = None
            out.append(t[i : i + 2])
            i += 2
            continue
        if ch == "$":
            if t.startswith("$$", i):
                math = None if math == "$$" else ("$$" if math is None else math)
                out.append("$$")
                i += 2
                continue
            math = None if math == "$" else ("$" if math is None else math)
            out.append(ch)
        elif ch == "{":
            depth += 1
            out.append(ch)
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return None, "the text's braces do not balance"
            out.append(ch)
        elif ch in "%#" and math is None:
            out.append("\\" + ch)
        elif ch == "&" and math is None and env_depth == 0:
            out.append("\\&")
        elif ch in "_^" and math is None and depth == 0 and env_depth == 0:
            out.append("\\_" if ch == "_" else "\\^{}")
        else:
            out.append(ch)
        i += 1
    if depth != 0:
        return None, "the text's braces do not balance"
    if math in ("$", "$$"):
        # An unclosed dollar is a price or a typo, not mathematics.
        return (
            _latex_text(t.replace("$", "\\$"))
            if "\\$" not in t
            else (None, "the text's math does not close")
        )
    if math is not None:
        return None, "the text's math does not close"
    return "".join(out), ""


# -- applying -----------------------------------------------------------------------------------


@dataclass
class EditOutcome:
    index: int  # 1-based position in the plan
    section: str
    action: str
    applied: bool
    reason: str = ""  # why it was skipped, or how it was placed
    where: str = ""  # the heading the text went under
    text: str = ""  # the text as inserted


@dataclass
class EditReport:
    source: str
    outcomes: list[EditOutcome] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(1 for o in self.outcomes if o.applied)

    @property
    def skipped(self) -> int:
        return sum(1 for o in self.outcomes if not o.applied)


def _new_section_lines(parsed: Parsed, title: str, text: str) -> list[str]:
    fmt, level = parsed.fmt, parsed.new_level
    if fmt == "markdown":
        head = title if parsed.plain_headings else f"{'#' * max(1, min(level, 6))} {title}"
        return [head, "", *text.split("\n")]
    command = {0: "part", 1: "chapter", 2: "section", 3: "subsection", 4: "subsubsection"}.get(
        level, "section"
    )
    safe_title, _ = _latex_text(title)
    return [f"\\{command}{{{safe_title or NEW_SECTION_FALLBACK}}}", *text.split("\n")]


def _splice(lines: list[str], at: int, new: list[str]) -> list[str]:
    """Insert ``new`` as its own blank-line separated block before line ``at``."""
    before = lines[:at]
    after = lines[at:]
    while before and not before[-1].strip():
        before.pop()
    lead = [""] if before else []
    gap = [""] if after and after[0].strip() else []
    return [*before, *lead, *new, *gap, *after]


def _apply_one(source: str, fmt: Format, edit: Edit, index: int) -> tuple[str, EditOutcome]:
    parsed = parse(source, fmt)
    lines = parsed.lines
    out = EditOutcome(index=index, section=edit.section, action=edit.action, applied=False)
    heading = find_heading(parsed, edit.section) if edit.section.strip() else None
    if heading is None and _REFERENCES.match(heading_key(edit.section)):
        out.reason = "the manuscript has no references section to edit" + (
            " (LaTeX references come from the bibliography)" if fmt == "latex" else ""
        )
        return source, out
    text, why = prepare_text(edit.text, fmt, heading.title if heading else edit.section)
    if text is None:
        out.reason = why
        return source, out
    new = text.split("\n")
    if edit.action in ("replace_paragraph", "insert_after"):
        if not (edit.anchor or "").strip():
            if edit.action == "replace_paragraph":
                out.reason = "no anchor names the paragraph to replace"
                return source, out
        else:
            block = find_block(parsed, edit.anchor or "", heading)
            if block is None:
                out.reason = "the anchor sentence was not found in the manuscript"
                return source, out
            owner = _owner(parsed, block.start)
            out.where = owner.title if owner else ""
            if edit.action == "replace_paragraph":
                if block.protected:
                    out.reason = f"the anchored paragraph was kept because {block.protected}"
                    return source, out
                kept = []
                if fmt == "latex":  # the authors' comment lines survive a replacement
                    kept = [
                        ln for ln in lines[block.start : block.end] if ln.strip().startswith("%")
                    ]
                lines = [*lines[: block.start], *new, *kept, *lines[block.end :]]
                out.reason = "replaced the anchored paragraph"
            else:
                lines = _splice(lines, block.end, new)
                out.reason = "inserted after the anchored paragraph"
            out.applied, out.text = True, "\n".join(new)
            return _join(lines), out
        # insert_after without an anchor: the end of the section, as append
    if heading is not None:
        lines = _splice(lines, heading.body_end, new)
        out.where = heading.title
        out.reason = "appended to the section"
    else:
        title = _clean_title(edit.section) or NEW_SECTION_FALLBACK
        lines = _splice(lines, parsed.tail, _new_section_lines(parsed, title, text))
        out.where = title
        out.reason = "added as a new section"
    out.applied, out.text = True, text
    return _join(lines), out


def _owner(parsed: Parsed, line: int) -> Heading | None:
    owner = None
    for h in parsed.headings:
        if h.line <= line:
            owner = h
    return owner


def _clean_title(section: str) -> str:
    t = re.sub(r"^\s*#{1,6}\s*", "", section or "").strip()
    m = re.match(r"^\\[a-z]*section\*?\s*\{(.*)\}\s*$", t)
    if m:
        t = m.group(1)
    t = re.sub(r"\s+", " ", t).strip(" :")
    return t[:120]


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def apply_edits_report(source: str, fmt: str, edits: Sequence[Edit]) -> EditReport:
    """Apply ``edits`` in order; the result and, per edit, whether and where it went."""
    f = normalize_format(fmt)
    crlf = "\r\n" in source
    text = source.replace("\r\n", "\n")
    trailing = text.endswith("\n")
    report = EditReport(source=text)
    for i, edit in enumerate(edits, start=1):
        text, outcome = _apply_one(text, f, edit, i)
        report.outcomes.append(outcome)
    if trailing and not text.endswith("\n"):
        text += "\n"
    report.source = text.replace("\n", "\r\n") if crlf else text
    return report


def apply_edits(source: str, fmt: str, edits: Sequence[Edit]) -> tuple[str, int, int]:
    """Apply ``edits`` to a Markdown or LaTeX source: (new source, edits applied, edits skipped)."""
    report = apply_edits_report(source, fmt, edits)
    return report.source, report.applied, report.skipped
