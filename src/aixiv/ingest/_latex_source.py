"""LaTeX source handling: comments apart from text, the main file, \\input expansion, BibTeX."""

from __future__ import annotations

import posixpath
import re

from .document import SourceComment

_TOKENS = re.compile(
    r"\\\\|\\%|(?P<comment>%[^\n]*)|(?P<cenv>\\begin\{comment\})|(?P<iffalse>\\iffalse(?![A-Za-z@]))"
    r"|\\begin\{(?P<verb>verbatim\*?|lstlisting|minted|Verbatim|alltt)\}|\\verb\*?(?P<delim>[^A-Za-z\s*])"
)
_CONDITIONAL = re.compile(r"\\(?P<word>if[A-Za-z@]*|else|fi)(?![A-Za-z@])")
_MAIN_NAMES = ("main.tex", "ms.tex", "paper.tex", "article.tex", "manuscript.tex")
_INCLUDE = re.compile(
    r"\\(?:input|include|subfile|InputIfFileExists)\s*\{(?P<a>[^{}\n]*)\}"
    r"|\\input\s+(?P<b>[^\s{}\\%]+)|\\(?:sub)?import\s*\{(?P<dir>[^{}\n]*)\}\s*\{(?P<c>[^{}\n]*)\}"
)
MAX_DEPTH = 12
MAX_EXPANDED = 20 * 1024 * 1024


def _line_of(text: str, pos: int, cache: list[int]) -> int:
    """1-based line number of ``pos`` (``cache`` holds [last_pos, last_line])."""
    last_pos, last_line = cache
    if pos < last_pos:
        last_pos, last_line = 0, 1
    line = last_line + text.count("\n", last_pos, pos)
    cache[:] = [pos, line]
    return line


def _blank(text: str) -> str:
    """Keep only the newlines of ``text`` so line numbers stay right."""
    return "\n" * text.count("\n")


def split_comments(name: str, text: str) -> tuple[str, list[SourceComment]]:
    """The source without comments, and the comments (``%``, comment env, ``\\iffalse``)."""
    out: list[str] = []
    comments: list[SourceComment] = []
    pos = 0
    cache = [0, 1]
    while True:
        m = _TOKENS.search(text, pos)
        if not m:
            out.append(text[pos:])
            break
        out.append(text[pos : m.start()])
        end = m.end()
        kind = m.lastgroup
        if kind == "comment":
            body = m.group()[1:]
            if body.strip():
                comments.append(
                    SourceComment(file=name, line=_line_of(text, m.start(), cache), text=body)
                )
            out.append("")
        elif kind == "cenv":
            close = text.find("\\end{comment}", end)
            stop = len(text) if close < 0 else close
            comments.append(
                SourceComment(
                    file=name,
                    line=_line_of(text, m.start(), cache),
                    text=text[end:stop].strip("\n"),
                )
            )
            out.append(_blank(text[m.start() : stop]))
            end = len(text) if close < 0 else close + len("\\end{comment}")
        elif kind == "iffalse":
            stop, resume = _false_branch_end(text, end)
            comments.append(
                SourceComment(
                    file=name,
                    line=_line_of(text, m.start(), cache),
                    text=text[end:stop].strip("\n"),
                )
            )
            out.append(_blank(text[m.start() : stop]))
            end = resume
        elif kind == "verb" or kind == "delim":
            closing = f"\\end{{{m.group('verb')}}}" if kind == "verb" else m.group("delim")
            close = text.find(closing, end)
            if kind == "delim" and (close < 0 or "\n" in text[end:close]):
                close = end - 1  # not a real \verb: let the scan continue after it
            end = len(text) if close < 0 else close + len(closing)
            out.append(text[m.start() : end])
        else:
            out.append(m.group())
        pos = end
    return "".join(out), comments


def _false_branch_end(text: str, start: int) -> tuple[int, int]:
    """Where the hidden branch after ``\\iffalse`` ends, and where scanning resumes."""
    depth = 1
    for m in _CONDITIONAL.finditer(text, start):
        word = m.group("word")
        if word == "fi":
            depth -= 1
            if depth == 0:
                return m.start(), m.end()
        elif word == "else":
            if depth == 1:
                return m.start(), m.end()  # the \else branch is typeset; its \fi is harmless
        else:
            depth += 1
    return len(text), len(text)


def has_document(text: str) -> bool:
    return "\\documentclass" in text and "\\begin{document}" in text


def find_main(stripped: dict[str, str]) -> str | None:
    """The root file: \\documentclass and \\begin{document}; known names, then shallow, then large."""
    candidates = [
        n for n, t in stripped.items() if n.lower().endswith((".tex", ".ltx")) and has_document(t)
    ]
    if not candidates:
        candidates = [
            n
            for n, t in stripped.items()
            if n.lower().endswith((".tex", ".ltx")) and "\\begin{document}" in t
        ]
    if not candidates:
        return None

    def rank(name: str) -> tuple[int, int, int]:
        base = posixpath.basename(name).lower()
        return (0 if base in _MAIN_NAMES else 1, name.count("/"), -len(stripped[name]))

    return min(candidates, key=rank)


def expand(main: str, stripped: dict[str, str], warnings: list[str]) -> str:
    """The main file with \\input / \\include / \\import replaced by the files they name."""
    used = [0]

    def resolve(target: str, base_dir: str) -> str | None:
        target = target.strip().strip('"')
        if not target:
            return None
        if target.startswith("/") or re.match(r"^[A-Za-z]:", target):
            warnings.append(f"An \\input names an absolute path ({target}); it was not followed")
            return None
        for directory in (posixpath.dirname(main), base_dir):
            joined = posixpath.normpath(posixpath.join(directory, target))
            if joined.startswith("../") or joined == "..":
                warnings.append(f"An \\input leaves the project ({target}); it was not followed")
                return None
            for candidate in (joined, joined + ".tex"):
                if candidate in stripped:
                    return candidate
        warnings.append(f"An included file was not found: {target}")
        return None

    def walk(name: str, depth: int, stack: tuple[str, ...]) -> str:
        text = stripped[name]
        base_dir = posixpath.dirname(name)

        def replace(m: re.Match[str]) -> str:
            target = m.group("a") or m.group("b") or ""
            if m.group("c") is not None:
                target = posixpath.join(m.group("dir") or "", m.group("c"))
            found = resolve(target, base_dir)
            if found is None:
                return ""
            if found in stack or depth >= MAX_DEPTH:
                warnings.append(
                    f"\\input of {found} is nested too deeply or circular; it was not followed"
                )
                return ""
            if used[0] + len(stripped[found]) > MAX_EXPANDED:
                warnings.append("The included files are too large in total; some were not followed")
                return ""
            used[0] += len(stripped[found])
            return "\n" + walk(found, depth + 1, stack + (found,)) + "\n"

        return _INCLUDE.sub(replace, text)

    return walk(main, 0, (main,))


_BIB_ENTRY = re.compile(r"@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]+)\s*,")
_BIB_FIELD = re.compile(r"(?P<name>\w+)\s*=\s*")


def _bib_value(text: str, i: int) -> tuple[str, int]:
    if i >= len(text):
        return "", i
    if text[i] == "{":
        depth, j = 0, i
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1 : j], j + 1
            j += 1
        return text[i + 1 :], len(text)
    if text[i] == '"':
        j = text.find('"', i + 1)
        j = len(text) if j < 0 else j
        return text[i + 1 : j], j + 1
    m = re.match(r"[^,}\s]+", text[i:])
    return (m.group(), i + m.end()) if m else ("", i)


def bib_entries(text: str) -> dict[str, dict[str, str]]:
    """BibTeX entries by key: field name -> raw value (string macros left as they are)."""
    entries: dict[str, dict[str, str]] = {}
    for m in _BIB_ENTRY.finditer(text):
        if m.group("type").lower() in ("string", "comment", "preamble"):
            continue
        fields: dict[str, str] = {}
        i = m.end()
        while i < len(text):
            while i < len(text) and text[i] in " \t\r\n,":
                i += 1
            fm = _BIB_FIELD.match(text, i)
            if not fm:
                break
            value, i = _bib_value(text, fm.end())
            fields[fm.group("name").lower()] = re.sub(r"\s+", " ", value).strip()
            if len(fields) > 60:
                break
        entries[m.group("key")] = fields
    return entries
