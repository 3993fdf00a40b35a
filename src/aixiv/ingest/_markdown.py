"""Markdown -> Document: reader text apart from HTML comments, outline from headings."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ._structure import Line, outline
from .document import Document, SourceComment, SourceFile

_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.S)
_TAG = re.compile(r"<[^>]*>")
_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _comments(name: str, html: str, first_line: int, out: list[SourceComment]) -> str:
    """Record the comments of an HTML fragment; return its visible text."""
    for m in _COMMENT.finditer(html):
        line = first_line + html.count("\n", 0, m.start())
        out.append(SourceComment(file=name, line=line, text=m.group(1).strip("\n")))
    return _TAG.sub("", _COMMENT.sub("", html))


def _inline_text(token: Token, name: str, comments: list[SourceComment]) -> str:
    parts: list[str] = []
    line = (token.map or [0, 0])[0] + 1
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
            line += 1
        elif kind == "image":
            parts.append(child.content)
        elif kind == "html_inline":
            parts.append(_comments(name, child.content, line, comments))
            line += child.content.count("\n")
    return "".join(parts)


def parse_markdown(filename: str, text: str) -> Document:
    name = filename or "upload.md"
    comments: list[SourceComment] = []
    tokens = _md.parse(text)
    lines: list[Line] = []
    out: list[str] = []
    title = ""
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "inline":
            content = _inline_text(token, name, comments).strip()
            if heading_level:
                title = title or (content if heading_level == 1 else "")
                lines.append(Line("#" * heading_level + " " + content.replace("\n", " ")))
                out.append(content)
            elif content:
                lines.append(Line(content.replace("\n", " ")))
                lines.append(Line(""))
                out.append(content)
            heading_level = 0
        elif kind in ("fence", "code_block"):
            out.append(token.content.rstrip("\n"))
            lines.append(Line(token.content.rstrip("\n")))
            lines.append(Line(""))
        elif kind == "html_block":
            visible = _comments(name, token.content, (token.map or [0, 0])[0] + 1, comments).strip()
            if visible:
                out.append(visible)
                lines.append(Line(visible))
                lines.append(Line(""))
    if not title:
        title = next((ln.text.lstrip("#").strip() for ln in lines if ln.text.startswith("#")), "")
    found = outline(lines, title=title)
    return Document(
        source_format="markdown",
        title=found.title,
        abstract=found.abstract,
        sections=found.sections,
        references=found.references,
        text="\n\n".join(p for p in out if p),
        source_files=[SourceFile(name=name, text=text)],
        comments=comments,
    )
