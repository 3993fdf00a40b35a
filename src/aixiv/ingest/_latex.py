"""LaTeX source (one file or a project) -> Document."""

from __future__ import annotations

import re

from ._latex_source import bib_entries, expand, find_main, has_document, split_comments
from ._latex_text import END_HEADING, HEADING, latex_to_text
from ._structure import is_references_heading
from .document import Document, Section, SourceComment, SourceFile
from .errors import IngestError

_COMMENTED = (".tex", ".ltx", ".sty", ".cls", ".bbl", ".clo", ".cfg", ".def")
_CITED = re.compile(r"\\(?:no)?cite\w*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^}]*)\}")
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{[^}]*\}")
_HEADING_LINE = re.compile(f"{HEADING}(\\d)(.*?){END_HEADING}")


def _argument(src: str, command: str) -> str | None:
    """Raw text of the first braced argument of ``\\command`` (after optional [..])."""
    m = re.search(rf"\\{command}\*?\s*(?:\[[^\]]*\]\s*)?\{{", src)
    if not m:
        return None
    depth, i = 1, m.end()
    while i < len(src) and depth:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        depth += 1 if c == "{" else -1 if c == "}" else 0
        i += 1
    return src[m.end() : i - 1]


def _bibitems(text: str) -> list[str]:
    parts = _BIBITEM.split(text)[1:]
    out = []
    for part in parts:
        part = part.split("\\end{thebibliography}")[0]
        entry = re.sub(r"\s+", " ", latex_to_text(part)).strip()
        if entry:
            out.append(entry)
    return out


def _format_bib(fields: dict[str, str]) -> str:
    parts = [fields.get("author", ""), fields.get("title", "")]
    venue = (
        fields.get("journal")
        or fields.get("booktitle")
        or fields.get("publisher")
        or fields.get("howpublished", "")
    )
    parts.append(", ".join(p for p in (venue, fields.get("year", "")) if p))
    text = ". ".join(p.strip().rstrip(".") for p in parts if p.strip())
    return re.sub(r"\s+", " ", latex_to_text(text)).strip() + "." if text else ""


def _references(body: str, stripped: dict[str, str], main: str) -> list[str]:
    if "\\bibitem" in body:
        return _bibitems(body[body.find("\\bibitem") :])
    stem = main.rsplit(".", 1)[0]
    bbls = sorted(
        (n for n in stripped if n.lower().endswith(".bbl")),
        key=lambda n: n.rsplit(".", 1)[0] != stem,
    )
    for name in bbls:
        if "\\bibitem" in stripped[name]:
            return _bibitems(stripped[name][stripped[name].find("\\bibitem") :])
    entries: dict[str, dict[str, str]] = {}
    for name, text in stripped.items():
        if name.lower().endswith(".bib"):
            entries.update(bib_entries(text))
    if not entries:
        return []
    cited: list[str] = []
    for group in _CITED.findall(body):
        cited.extend(k.strip() for k in group.split(",") if k.strip())
    keys = (
        list(entries)
        if "*" in cited or not cited
        else [k for k in dict.fromkeys(cited) if k in entries]
    )
    return [entry for k in keys if (entry := _format_bib(entries[k]))][:2000]


def _sections(text: str) -> tuple[str, list[Section], str]:
    """Turn heading markers into sections; return (clean text, sections, abstract)."""
    sections: list[Section] = []
    abstract = ""
    pieces = _HEADING_LINE.split(text)
    clean = [pieces[0]]
    for k in range(1, len(pieces) - 2, 3):
        level, title, body = int(pieces[k]), pieces[k + 1].strip(), pieces[k + 2].strip()
        clean.append(f"\n{title}\n{pieces[k + 2]}" if title else pieces[k + 2])
        if not title:
            continue
        if title.lower() == "abstract":
            abstract = abstract or body
        elif not is_references_heading(title):
            sections.append(Section(title=title, level=max(1, level), text=body))
    return re.sub(r"\n{3,}", "\n\n", "".join(clean)).strip(), sections, abstract


def parse_latex_files(files: dict[str, str], warnings: list[str] | None = None) -> Document:
    """A LaTeX project: file path -> decoded text."""
    warnings = list(warnings or [])
    stripped: dict[str, str] = {}
    comments: list[SourceComment] = []
    for name, text in files.items():
        if name.lower().endswith(_COMMENTED):
            stripped[name], found = split_comments(name, text)
            comments.extend(found)
        else:
            stripped[name] = text
    main = find_main(stripped)
    if main is None:
        tex = [n for n in stripped if n.lower().endswith((".tex", ".ltx"))]
        if not tex:
            raise IngestError(
                "no-main-file",
                "The upload holds no LaTeX file (.tex) with \\documentclass and \\begin{document}",
            )
        main = max(tex, key=lambda n: len(stripped[n]))
        warnings.append(
            f"No file has \\documentclass and \\begin{{document}}; {main} is read as the body"
        )
    elif not has_document(stripped[main]):
        warnings.append(f"{main} has no \\documentclass")
    main_text = stripped[main]
    end = main_text.find("\\end{document}")
    if end >= 0 and main_text[end + 14 :].strip():
        line = main_text.count("\n", 0, end) + 1
        comments.append(SourceComment(file=main, line=line, text=main_text[end + 14 :].strip("\n")))
    source = expand(main, stripped, warnings)
    begin = source.find("\\begin{document}")
    preamble, body = (source[:begin], source[begin + 16 :]) if begin >= 0 else ("", source)
    body = body.split("\\end{document}")[0]
    title_src = _argument(preamble, "title") or _argument(body, "title") or ""
    author_src = _argument(preamble, "author") or _argument(body, "author") or ""
    title = re.sub(r"\s+", " ", latex_to_text(title_src)).strip()
    authors = re.sub(r"\s+", " ", latex_to_text(author_src)).strip()
    text, sections, abstract = _sections(latex_to_text(body))
    env = re.search(r"\\begin\{abstract\}(.*?)\\end\{abstract\}", body, re.S)
    if env:
        abstract = latex_to_text(env.group(1))
    if not abstract:
        abstract_src = _argument(body, "abstract") or _argument(preamble, "abstract")
        abstract = latex_to_text(abstract_src) if abstract_src else ""
    head = "\n".join(p for p in (title, authors) if p)
    return Document(
        source_format="latex",
        title=title,
        abstract=abstract,
        sections=sections,
        references=_references(body, stripped, main),
        text=f"{head}\n\n{text}".strip() if head else text,
        source_files=[SourceFile(name=n, text=t) for n, t in files.items()],
        comments=comments,
        main_file=main,
        warnings=warnings,
    )
