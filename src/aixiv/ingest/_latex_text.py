"""LaTeX body -> plain text, tolerant of anything: unbalanced braces, unknown macros, deep nesting.

One left-to-right scan with an explicit brace stack (no recursion). Known commands drop,
wrap or copy their arguments; unknown commands vanish and their braced arguments stay as
text, which is what a reader mostly sees. Math and verbatim are kept raw. Section titles
come out as marker lines (``HEADING``) that the caller turns into sections.
"""

from __future__ import annotations

import re
import unicodedata

HEADING = "\x01"  # HEADING + level digit + title + END_HEADING on a line of its own
END_HEADING = "\x02"
_HARD_BREAK = "\x04"

_SECTIONS = {"part": 0, "chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4, "subparagraph": 5}  # fmt: skip
_CITES = {"cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "parencite", "textcite", "autocite", "footcite", "citenum", "Cite", "Citep", "Citet"}  # fmt: skip
_REFS = {"ref", "eqref", "autoref", "cref", "Cref", "pageref", "nameref", "vref", "Autoref"}
# command -> number of mandatory arguments to drop (optional [..] arguments are dropped too)
_DROP = {
    "label": 1, "includegraphics": 1, "vspace": 1, "hspace": 1, "setlength": 2, "addtolength": 2,
    "setcounter": 2, "addtocounter": 2, "bibliographystyle": 1, "bibliography": 1, "addbibresource": 1,
    "usepackage": 1, "RequirePackage": 1, "documentclass": 1, "pagestyle": 1, "thispagestyle": 1,
    "nocite": 1, "input": 1, "include": 1, "includeonly": 1, "color": 1, "pagecolor": 1,
    "definecolor": 3, "newcounter": 1, "title": 1, "date": 1, "author": 1, "affil": 1,
    "affiliation": 1, "email": 1, "address": 1, "institute": 1, "icmlauthor": 2, "icmlaffiliation": 2,
    "icmlcorrespondingauthor": 2, "icmlkeywords": 1, "keywords": 1, "graphicspath": 1,
    "hypersetup": 1, "lstset": 1, "captionsetup": 1, "theoremstyle": 1, "newtheorem": 2,
    "DeclareMathOperator": 2, "renewenvironment": 3, "newenvironment": 3, "resizebox": 2,
    "scalebox": 1, "rule": 2, "raisebox": 1, "phantom": 1, "hphantom": 1, "vphantom": 1,
    "addcontentsline": 3, "markboth": 2, "markright": 1, "linespread": 1, "fontsize": 2,
    "selectfont": 0, "multicolumn": 2, "multirow": 2, "cline": 1, "cmidrule": 1, "adjustbox": 1,
}  # fmt: skip
# command -> (text before, text after) its last argument, whose content stays
_WRAP = {
    "footnote": (" (", ")"), "footnotetext": (" (", ")"), "thanks": (" (", ")"),
    "caption": ("\x04", "\x04"), "subcaption": ("\x04", "\x04"), "textcolor": ("", ""),
    "colorbox": ("", ""), "fcolorbox": ("", ""), "href": ("", ""), "emph": ("", ""),
    "textsuperscript": ("^", ""), "textsubscript": ("_", ""), "mbox": ("", ""),
}  # fmt: skip
_WRAP_SKIP = {"textcolor": 1, "colorbox": 1, "fcolorbox": 2, "href": 1}  # arguments dropped first
_WORDS = {
    "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "ldots": "...", "dots": "...",
    "textellipsis": "...", "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "S": "§", "P": "¶",
    "dag": "†", "ddag": "‡", "copyright": "©", "textregistered": "®", "texttrademark": "™",
    "textendash": "–", "textemdash": "—", "textbackslash": "\\", "textasciitilde": "~",
    "textasciicircum": "^", "textbar": "|", "textless": "<", "textgreater": ">", "quad": " ",
    "qquad": " ", "newline": _HARD_BREAK, "linebreak": _HARD_BREAK, "par": _HARD_BREAK * 2,
    "item": _HARD_BREAK + "- ", "bigskip": _HARD_BREAK, "medskip": _HARD_BREAK,
    "smallskip": _HARD_BREAK, "noindent": "", "centering": "", "maketitle": "", "and": ", ",
    "AND": ", ", "hfill": " ", "today": "", "euro": "€", "textdegree": "°", "pounds": "£",
}  # fmt: skip
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "r": "\u030a", "k": "\u0328", "d": "\u0323", "b": "\u0331", "t": "\u0361"}  # fmt: skip
_SYMBOLS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "-": "", "@": "", "/": "", "\n": " ", "\t": " ", "|": "|"}  # fmt: skip
_RAW_ENVS = {"verbatim", "verbatim*", "lstlisting", "minted", "Verbatim", "alltt", "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "math", "flalign", "flalign*", "alignat", "alignat*", "split"}  # fmt: skip
_ENV_ARGS = {"tabular": 1, "tabular*": 2, "tabularx": 2, "tabulary": 2, "minipage": 1, "thebibliography": 1, "wrapfigure": 2, "subfigure": 1, "multicols": 1, "array": 1, "longtable": 1}  # fmt: skip
_NAME = re.compile(r"[A-Za-z@]+\*?")
_CONTROL = re.compile(r"[\x00\x03\x05-\x08\x0b\x0e-\x1f\x7f]")


class _Scanner:
    def __init__(self, src: str) -> None:
        self.s = src
        self.i = 0
        self.out: list[str] = []
        self.stack: list[str] = []  # what each open brace emits when it closes

    def skip_space(self) -> None:
        s, i = self.s, self.i
        while i < len(s) and s[i] in " \t\n":
            i += 1
        self.i = i

    def group_end(self, start: int) -> int:
        """Index just past the group opening at ``start`` (or the end of the text)."""
        depth, i, s = 0, start, self.s
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(s)

    def skip_optional(self) -> str:
        self.skip_space()
        if self.i < len(self.s) and self.s[self.i] == "[":
            end = self.s.find("]", self.i)
            end = len(self.s) if end < 0 or end - self.i > 2000 else end
            text = self.s[self.i + 1 : end]
            self.i = end + 1
            return text
        return ""

    def take_arg(self) -> str:
        """Consume one argument (a braced group or one token); return its raw text."""
        self.skip_space()
        s, i = self.s, self.i
        if i >= len(s):
            return ""
        if s[i] == "{":
            end = self.group_end(i)
            self.i = end
            return s[i + 1 : end - 1]
        if s[i] == "\\":
            m = _NAME.match(s, i + 1)
            self.i = m.end() if m else i + 2
            return s[i : self.i]
        self.i = i + 1
        return s[i]

    def open_wrap(self, before: str, after: str) -> None:
        self.skip_space()
        self.out.append(before)
        if self.i < len(self.s) and self.s[self.i] == "{":
            self.i += 1
            self.stack.append(after)
        else:
            self.out.append(after)

    def raw_until(self, closing: str) -> str:
        end = self.s.find(closing, self.i)
        end = len(self.s) if end < 0 else end
        text = self.s[self.i : end]
        self.i = end + len(closing)
        return text


def _accent(sc: _Scanner, mark: str) -> None:
    arg = sc.take_arg()
    base = arg.replace("\\i", "i").replace("\\j", "j").strip("{} ") or " "
    sc.out.append(unicodedata.normalize("NFC", base[0] + _ACCENTS[mark] + base[1:]))


def _begin(sc: _Scanner) -> None:
    env = sc.take_arg().strip()
    if env in _RAW_ENVS:
        body = sc.raw_until(f"\\end{{{env}}}")
        if env.startswith(("verbatim", "lstlisting", "minted", "Verbatim", "alltt")):
            body = re.sub(r"^\s*(\[[^\]\n]*\])?(\{[^}\n]*\})?", "", body, count=1)
        else:
            body = f"\\begin{{{env}}}{body}\\end{{{env}}}"
        sc.out.append(f"{_HARD_BREAK}{body.replace(chr(10), _HARD_BREAK)}{_HARD_BREAK}")
        return
    sc.skip_optional()
    for _ in range(_ENV_ARGS.get(env, 0)):
        sc.take_arg()
    sc.skip_optional()
    sc.out.append(_HARD_BREAK)
    if env == "abstract":
        sc.out.append(f"{HEADING}1Abstract{END_HEADING}{_HARD_BREAK}")


def _command(sc: _Scanner, name: str) -> None:
    out = sc.out
    base = name.rstrip("*")
    if base in _SECTIONS:
        sc.skip_optional()
        sc.skip_space()
        out.append(f"{_HARD_BREAK}{HEADING}{_SECTIONS[base]}")
        sc.open_wrap("", f"{END_HEADING}{_HARD_BREAK}")
    elif base in _CITES or base in _REFS:
        sc.skip_optional()
        sc.skip_optional()
        out.append("[" + sc.take_arg().strip() + "]")
    elif base in ("url", "path", "nolinkurl"):
        out.append(sc.take_arg())
    elif base in _WRAP:
        sc.skip_optional()
        for _ in range(_WRAP_SKIP.get(base, 0)):
            sc.take_arg()
        sc.open_wrap(*_WRAP[base])
    elif base in _DROP:
        sc.skip_optional()
        for _ in range(_DROP[base]):
            sc.take_arg()
            sc.skip_optional()
    elif base in ("newcommand", "renewcommand", "providecommand", "def", "gdef", "edef", "let"):
        sc.take_arg()
        if base == "let":
            sc.take_arg()
            return
        start = sc.i
        while sc.i < len(sc.s) and sc.s[sc.i] not in "{\n" and sc.i - start < 200:
            if sc.s[sc.i] == "[":
                sc.skip_optional()
            else:
                sc.i += 1
        sc.take_arg()
    elif base == "begin":
        _begin(sc)
    elif base == "end":
        sc.take_arg()
        out.append(_HARD_BREAK)
    elif base == "bibitem":
        sc.skip_optional()
        out.append(f"{_HARD_BREAK}[{sc.take_arg().strip()}] ")
    elif base == "verb":
        if sc.i < len(sc.s):
            delim = sc.s[sc.i]
            sc.i += 1
            out.append(sc.raw_until(delim))
    elif base in _ACCENTS:
        _accent(sc, base)
    elif base in _WORDS:
        out.append(_WORDS[base])
        if base == "item":
            label = sc.skip_optional()
            out.append(f"{label} " if label else "")
        elif sc.s[sc.i : sc.i + 2] == "{}":
            sc.i += 2


def latex_to_text(src: str) -> str:
    """Plain text of a LaTeX body (comments already removed)."""
    sc = _Scanner(_CONTROL.sub("", src).replace(HEADING, "").replace(END_HEADING, ""))
    s, out = sc.s, sc.out
    n = len(s)
    plain = re.compile(r"[^\\{}$~&`'\-]+")
    while sc.i < n:
        m = plain.match(s, sc.i)
        if m:
            out.append(m.group())
            sc.i = m.end()
            continue
        c = s[sc.i]
        sc.i += 1
        if c == "\\":
            if sc.i >= n:
                break
            m = _NAME.match(s, sc.i)
            if m:
                sc.i = m.end()
                _command(sc, m.group())
                continue
            sym = s[sc.i]
            sc.i += 1
            if sym == "\\":
                sc.skip_optional()
                out.append(_HARD_BREAK)
            elif sym in ("(", "["):
                body = sc.raw_until("\\)" if sym == "(" else "\\]")
                out.append(f"${body}$" if sym == "(" else f"{_HARD_BREAK}$${body}$${_HARD_BREAK}")
            elif sym in _ACCENTS:
                _accent(sc, sym)
            else:
                out.append(_SYMBOLS.get(sym, sym))
        elif c == "{":
            sc.stack.append("")
        elif c == "}":
            if sc.stack:
                out.append(sc.stack.pop())
        elif c == "$":
            closing = "$$" if s.startswith("$", sc.i) else "$"
            sc.i += len(closing) - 1
            out.append(closing + sc.raw_until(closing) + closing)
        elif c == "~":
            out.append(" ")
        elif c == "&":
            out.append(" ")
        elif c == "`":
            out.append("\u201c" if s.startswith("`", sc.i) else "\u2018")
            sc.i += 1 if s.startswith("`", sc.i) else 0
        elif c == "'":
            out.append("\u201d" if s.startswith("'", sc.i) else "'")
            sc.i += 1 if s.startswith("'", sc.i) else 0
        elif c == "-":
            if s.startswith("--", sc.i):
                out.append("\u2014")
                sc.i += 2
            elif s.startswith("-", sc.i):
                out.append("\u2013")
                sc.i += 1
            else:
                out.append("-")
    out.extend(reversed(sc.stack))
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", text)
    joined = "\n\n".join(re.sub(r"[ \t]*\n[ \t]*", " ", p) for p in paragraphs)
    joined = joined.replace(_HARD_BREAK, "\n")
    joined = re.sub(r"[ \t]+", " ", joined)
    joined = re.sub(r" *\n *", "\n", joined).replace(" , ", ", ")
    return re.sub(r"\n{3,}", "\n\n", joined).strip()
