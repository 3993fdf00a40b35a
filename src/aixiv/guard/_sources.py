"""Hidden text in LaTeX and Markdown sources: colour, size, phantom, off-page, layers,
metadata, annotations, comments and alt text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(slots=True)
class Fragment:
    file: str
    line: int
    text: str  # the hidden text, markup removed
    category: str
    concealment: float
    why: str
    location: str = "source"


# ---------------------------------------------------------------- LaTeX

_WHITE_WORDS = {
    "white",
    "bg",
    "background",
    "paper",
    "pagecolor",
    "invisible",
    "hidden",
    "hide",
    "blank",
}


def _near_white(spec: str, model: str | None = None) -> bool:
    spec = spec.strip().lower().replace(" ", "")
    if spec in ("white", "white!100", "white!99", "white!98", "white!95"):
        return True
    if spec.startswith("white!") or spec.startswith("black!0"):
        m = re.match(r"(?:white!(\d+)|black!(\d+))", spec)
        if m and ((m.group(1) and int(m.group(1)) >= 90) or (m.group(2) and int(m.group(2)) <= 5)):
            return True
    nums = re.findall(r"[\d.]+", spec)
    if model and model.lower() == "html" and re.fullmatch(r"[0-9a-f]{6}", spec):
        return all(int(spec[i : i + 2], 16) >= 0xF0 for i in (0, 2, 4))
    if model and model.lower() in ("rgb", "gray", "cmyk", "rgb255") and nums:
        vals = [float(n) for n in nums]
        if model.lower() == "rgb255":
            return all(v >= 240 for v in vals)
        if model.lower() == "cmyk":
            return all(v <= 0.05 for v in vals)
        return all(v >= 0.94 for v in vals)
    return False


def _group(src: str, start: int) -> tuple[str, int] | None:
    """The content of the braced group opening at ``start`` and the index after it."""
    if start >= len(src) or src[start] != "{":
        return None
    depth = 0
    limit = min(len(src), start + 20000)
    for i in range(start, limit):
        c = src[i]
        if c == "\\":
            continue
        if c == "{" and (i == 0 or src[i - 1] != "\\"):
            depth += 1
        elif c == "}" and src[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return src[start + 1 : i], i + 1
    return src[start + 1 : limit], limit


_TEX_CMD = re.compile(r"\\[A-Za-z@]+\*?(?:\[[^\]]*\])?")


def tex_plain(s: str) -> str:
    s = re.sub(r"(?<!\\)%[^\n]*", "", s)
    s = _TEX_CMD.sub(" ", s)
    s = s.replace("{", "").replace("}", "").replace("~", " ").replace("\\\\", " ")
    return re.sub(r"\s+", " ", s).strip()


def _line(src: str, pos: int) -> int:
    return src.count("\n", 0, pos) + 1


_COLOR_CMDS = re.compile(
    r"\\(?:textcolor|color|colorbox)\s*(?:\[(?P<model>[^\]]*)\])?\s*\{(?P<spec>[^{}]*)\}"
)
_DEFINECOLOR = re.compile(
    r"\\definecolor\s*\{(?P<name>[^{}]+)\}\s*\{(?P<model>[^{}]+)\}\s*\{(?P<spec>[^{}]+)\}"
)
_COLORLET = re.compile(r"\\colorlet\s*\{(?P<name>[^{}]+)\}\s*\{(?P<spec>[^{}]+)\}")
_FONTSIZE = re.compile(
    r"\\fontsize\s*\{\s*(?P<size>[\d.]+)\s*(?P<unit>pt|bp|px|mm|sp)?\s*\}\s*\{[^{}]*\}\s*\\selectfont"
)
_SCALE = re.compile(
    r"\\(?:scalebox|resizebox\*?)\s*\{\s*(?P<a>[^{}]*)\}\s*(?:\{\s*[^{}]*\}\s*)?(?=\{)"
)
_PHANTOM = re.compile(r"\\(?:phantom|hphantom|vphantom)\s*(?=\{)")
_RENDER3 = re.compile(
    r"\\(?:pdfliteral|special|pdfextension\s+literal)\s*\{[^{}]*\b[37]\s+Tr\b[^{}]*\}"
)
_OFFPAGE = re.compile(
    r"\\(?:put\s*\(\s*-?\d{4,}[^)]*\)|hspace\*?\s*\{\s*-\s*(?:\d{3,}|[2-9]\d)\s*(?:cm|in|pt)\s*\}|vspace\*?\s*\{\s*-\s*(?:\d{3,}|[3-9]\d)\s*(?:cm|in)\s*\}|"
    r"raisebox\s*\{\s*-?\s*(?:\d{3,}|[3-9]\d)\s*(?:cm|in)\}|begin\{textblock\*?\}\s*\{[^{}]*\}\s*\(\s*-?\d{2,}[^)]*\))"
)
_OCG = re.compile(r"\\begin\{ocg\}(?:\[[^\]]*\])?\s*\{[^{}]*\}\s*\{[^{}]*\}\s*\{\s*0\s*\}")
_PDFMETA = re.compile(r"\\(?:hypersetup|pdfinfo|pdfmetadata|DocumentMetadata)\s*(?=\{)")
_PDFMETA_KEY = re.compile(
    r"\b(pdf(?:title|author|subject|keywords|creator|producer|lang)|/?(?:Title|Author|Subject|Keywords|Creator))\s*(?:=|\s)\s*(\{|\()?"
)
_ANNOT_CMDS = re.compile(
    r"\\(?:pdfcomment|pdfmargincomment|pdftooltip|pdfannot|pdfmarkupcomment)\s*(?:\[[^\]]*\])?\s*(?=\{)"
)
_TRANSPARENT = re.compile(
    r"\\(?:transparent\s*\{\s*0(?:\.0*)?\s*\}|pdfsetopacity|setopacity\s*\{\s*0)"
)
_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\(?P<name>[A-Za-z@]+)\}?\s*\[1\]\s*(?=\{)")


def latex_fragments(name: str, src: str) -> list[Fragment]:
    """Text a LaTeX source hides from the rendered page (comments are handled apart)."""
    out: list[Fragment] = []
    body = re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), src)
    white_names = set()
    for m in _DEFINECOLOR.finditer(body):
        if _near_white(m.group("spec"), m.group("model")):
            white_names.add(m.group("name").strip())
    for m in _COLORLET.finditer(body):
        if _near_white(m.group("spec")) or m.group("spec").strip() in white_names:
            white_names.add(m.group("name").strip())

    def is_white(spec: str, model: str | None) -> bool:
        return _near_white(spec, model) or spec.strip() in white_names

    # \newcommand{\hide}[1]{\textcolor{white}{#1}} and friends: calls of \hide hide their argument.
    hiding_macros: dict[str, tuple[str, float, str]] = {}
    for m in _NEWCOMMAND.finditer(body):
        g = _group(body, m.end())
        if not g or "#1" not in g[0]:
            continue
        definition = g[0]
        kind = _hiding_kind(definition, is_white)
        if kind:
            hiding_macros[m.group("name")] = kind

    for m in _COLOR_CMDS.finditer(body):
        if not is_white(m.group("spec"), m.group("model")):
            continue
        cmd = body[m.start() : m.start() + 10]
        if cmd.startswith("\\colorbox"):
            continue  # a white box behind text hides nothing
        if _on_dark_background(body, m.start(), is_white):
            continue  # white on a black \colorbox, a dark table cell or a dark page reads fine
        if cmd.startswith("\\textcolor"):
            g = _group(body, _skip_ws(body, m.end()))
            text = g[0] if g else ""
        else:  # \color{white}: to the end of the enclosing group
            end = _enclosing_end(body, m.end())
            text = body[m.end() : end]
        if tex_plain(text):
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    tex_plain(text),
                    "white_text",
                    1.0,
                    f"LaTeX colour {m.group('spec').strip()!r} on a white page",
                )
            )
    for m in _FONTSIZE.finditer(body):
        size = float(m.group("size"))
        if m.group("unit") == "sp":
            size /= 65536
        if size < 4:
            end = _enclosing_end(body, m.end())
            text = tex_plain(body[m.end() : end])
            if text:
                out.append(
                    Fragment(
                        name,
                        _line(src, m.start()),
                        text,
                        "small_text",
                        1.0 if size < 2 else 0.9,
                        f"LaTeX \\fontsize of {size:g}pt",
                    )
                )
    for m in _SCALE.finditer(body):
        factor = _scale_factor(m.group("a"))
        if factor is not None and factor < 0.3:
            g = _group(body, m.end())
            if g and tex_plain(g[0]):
                out.append(
                    Fragment(
                        name,
                        _line(src, m.start()),
                        tex_plain(g[0]),
                        "small_text",
                        0.95,
                        f"LaTeX box scaled to {m.group('a').strip()}",
                    )
                )
    for m in _PHANTOM.finditer(body):
        g = _group(body, m.end())
        if g and len(tex_plain(g[0])) > 3:
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    tex_plain(g[0]),
                    "invisible_render",
                    1.0,
                    "LaTeX \\phantom text takes space but is not drawn",
                )
            )
    for rx, cat, why, strength in (
        (_RENDER3, "invisible_render", "PDF text render mode 3 or 7 set from LaTeX", 1.0),
        (_TRANSPARENT, "invisible_render", "zero opacity set from LaTeX", 1.0),
        (_OFFPAGE, "off_page", "text moved far outside the page", 1.0),
        (_OCG, "hidden_layer", "an optional-content layer switched off by default", 1.0),
    ):
        for m in rx.finditer(body):
            end = _enclosing_end(body, m.end(), limit=3000)
            text = tex_plain(body[m.end() : end])
            if text:
                out.append(Fragment(name, _line(src, m.start()), text[:2000], cat, strength, why))
    for m in _PDFMETA.finditer(body):
        g = _group(body, m.end())
        if g:
            for key in _PDFMETA_KEY.finditer(g[0]):
                rest = g[0][key.end() :]
                value = _meta_value(rest, key.group(2))
                if tex_plain(value):
                    out.append(
                        Fragment(
                            name,
                            _line(src, m.start()),
                            tex_plain(value),
                            "metadata",
                            0.85,
                            f"PDF metadata field {key.group(1)} set from LaTeX",
                            f"metadata:{key.group(1).lstrip('/').lower()}",
                        )
                    )
    for m in _ANNOT_CMDS.finditer(body):
        g = _group(body, m.end())
        if g and tex_plain(g[0]):
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    tex_plain(g[0]),
                    "annotation",
                    0.75,
                    "a PDF annotation created from LaTeX",
                    "annotation",
                )
            )
    out.extend(_unused_macros(name, src, body))
    for macro, (cat, strength, why) in hiding_macros.items():
        for m in re.finditer(r"\\" + re.escape(macro) + r"(?![A-Za-z@])\s*(?=\{)", body):
            if (
                body[max(0, m.start() - 20) : m.start()]
                .rstrip()
                .endswith(("newcommand", "newcommand*", "{"))
                and body[m.start() - 1 : m.start()] == "{"
            ):
                continue
            g = _group(body, m.end())
            if g and tex_plain(g[0]):
                out.append(
                    Fragment(
                        name,
                        _line(src, m.start()),
                        tex_plain(g[0]),
                        cat,
                        strength,
                        f"macro \\{macro} {why}",
                    )
                )
    return out


# \newcommand{\note}{...}, \def\note{...}: a macro without arguments
_PLAIN_MACRO = re.compile(
    r"\\(?:(?:re|provide)?newcommand\*?\s*\{?\\(?P<a>[A-Za-z@]+)\}?|[gex]?def\s*\\(?P<b>[A-Za-z@]+))\s*(?=\{)"
)


def _unused_macros(name: str, src: str, body: str) -> list[Fragment]:
    """Prose defined as a macro the document never calls: a model reading the source reads it,
    the rendered page never shows it."""
    out: list[Fragment] = []
    for m in _PLAIN_MACRO.finditer(body):
        macro = m.group("a") or m.group("b")
        g = _group(body, m.end())
        if not g:
            continue
        text = tex_plain(g[0])
        if len(re.findall(r"\w+", text)) < 4 and len(text) < 12:
            continue  # \newcommand{\method}{FooNet}: a name, not prose
        rest = body[: m.start()] + body[g[1] :]
        if re.search(r"\\" + re.escape(macro) + r"(?![A-Za-z@])", rest):
            continue  # called somewhere: the page shows it
        out.append(
            Fragment(
                name,
                _line(src, m.start()),
                text[:2000],
                "source_comment",
                0.95,
                f"text of a macro (\\{macro}) the document never uses",
            )
        )
    return out


# A background behind the text that follows: a box, a cell, a row, a tcolorbox, the page.
_BACKGROUND = re.compile(
    r"\\(?:colorbox|cellcolor|rowcolor|pagecolor)\s*(?:\[(?P<model>[^\]]*)\])?\s*\{(?P<spec>[^{}]*)\}|"
    r"\\fcolorbox\s*(?:\[(?P<model2>[^\]]*)\])?\s*\{[^{}]*\}\s*\{(?P<spec2>[^{}]*)\}|"
    r"\b(?:colback|colbacktitle|bgcolor|backgroundcolor)\s*=\s*(?P<spec3>[\w!.#-]+)"
)


def _on_dark_background(body: str, pos: int, is_white) -> bool:  # type: ignore[no-untyped-def]
    """Whether a (non-white) background is set just before ``pos``, in the same paragraph."""
    start = max(0, pos - 400)
    brk = body.rfind("\n\n", start, pos)
    window = body[brk + 2 if brk >= 0 else start : pos]
    for m in _BACKGROUND.finditer(window):
        spec = m.group("spec") or m.group("spec2") or m.group("spec3") or ""
        model = m.group("model") or m.group("model2")
        if spec.strip() and not is_white(spec, model):
            return True
    page = re.search(r"\\pagecolor\s*(?:\[(?P<model>[^\]]*)\])?\s*\{(?P<spec>[^{}]*)\}", body[:pos])
    return bool(page and not is_white(page.group("spec"), page.group("model")))


def _hiding_kind(definition: str, is_white) -> tuple[str, float, str] | None:  # type: ignore[no-untyped-def]
    for m in _COLOR_CMDS.finditer(definition):
        if is_white(m.group("spec"), m.group("model")) and not definition[m.start() :].startswith(
            "\\colorbox"
        ):
            return ("white_text", 1.0, "colours its argument white")
    m = _FONTSIZE.search(definition)
    if m and float(m.group("size")) < 4:
        return ("small_text", 1.0, "sets its argument in a tiny font")
    if _PHANTOM.search(definition):
        return ("invisible_render", 1.0, "wraps its argument in \\phantom")
    if _RENDER3.search(definition) or _TRANSPARENT.search(definition):
        return ("invisible_render", 1.0, "draws its argument invisibly")
    return None


def _scale_factor(arg: str) -> float | None:
    arg = arg.strip()
    try:
        return float(arg)
    except ValueError:
        pass
    m = re.fullmatch(r"([\d.]+)\s*(pt|bp|mm|px)", arg)
    if m:
        return float(m.group(1)) / 100.0  # an absolute width of a few points is tiny
    return None


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\n":
        i += 1
    return i


def _enclosing_end(s: str, start: int, limit: int = 5000) -> int:
    """Where the group enclosing ``start`` closes (or a paragraph break)."""
    depth = 0
    stop = min(len(s), start + limit)
    i = start
    while i < stop:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return i
            depth -= 1
        elif c == "\n" and s.startswith("\n\n", i) and depth == 0:
            return i
        i += 1
    return stop


def _meta_value(rest: str, opener: str | None) -> str:
    if opener == "{":
        g = _group("{" + rest, 0)
        return g[0] if g else ""
    if opener == "(":
        end = rest.find(")")
        return rest[: end if end >= 0 else 500]
    m = re.match(r"[^,\n}]*", rest)
    return m.group(0) if m else ""


# ---------------------------------------------------------------- Markdown / HTML

_HTML_OPEN = re.compile(
    # attributes stay on the tag: "<i][)]... hidden state ...>" in extracted maths is not HTML
    r"<(?P<tag>span|div|p|font|small|sub|sup|section|em|strong|b|i|a|label|mark|text)(?=[\s>/])(?P<attrs>[^<>]{0,600})>",
    re.I,
)
_STYLE_COLOR = re.compile(
    r"(?:^|;|\s|\")\s*color\s*:\s*(?P<v>#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|[a-z]+)", re.I
)
_LIGHT_NAMES = frozenset(
    "white snow ghostwhite whitesmoke ivory floralwhite seashell mintcream azure aliceblue "
    "honeydew linen oldlace lavenderblush transparent".split()
)


def _light_colour(value: str) -> bool:
    """An HTML/CSS colour a reader cannot tell from a white page."""
    v = value.strip().lower()
    if v in _LIGHT_NAMES:
        return True
    if v.startswith("#"):
        h = v[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h[:3])
        if len(h) == 8 and int(h[6:8], 16) < 0x14:
            return True  # almost fully transparent
        if len(h) < 6:
            return False
        return all(int(h[i : i + 2], 16) >= 0xF0 for i in (0, 2, 4))
    nums = re.findall(r"[\d.]+%?", v)
    if v.startswith("rgb") and len(nums) >= 3:
        vals = [float(n[:-1]) * 2.55 if n.endswith("%") else float(n) for n in nums[:3]]
        alpha = nums[3] if len(nums) > 3 else None
        if alpha is not None and float(alpha.rstrip("%")) <= (5 if alpha.endswith("%") else 0.05):
            return True
        return all(c >= 240 for c in vals)
    return False


def _style_white(attrs: str) -> bool:
    return any(_light_colour(m.group("v")) for m in _STYLE_COLOR.finditer(attrs))


_STYLE_SMALL = re.compile(
    r"font-size\s*:\s*(?:0(?:\.\d+)?|[0-3](?:\.\d+)?)\s*(?:px|pt|em|rem)?\s*(?:;|\"|'|$)|font-size\s*:\s*0\b",
    re.I,
)
_STYLE_NONE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|\"|'|$)|\bhidden\b(?!\s*=\s*[\"']?false)|aria-hidden",
    re.I,
)
_STYLE_OFF = re.compile(
    r"(?:left|top|right|text-indent|margin-left)\s*:\s*-\s*\d{3,}\s*(?:px|pt|em)|clip\s*:\s*rect\(\s*0|(?:height|width)\s*:\s*0(?:px)?\s*;[^\"']*overflow\s*:\s*hidden",
    re.I,
)
# A dark background makes white text readable (table headers, badges).
_DARK_BG = re.compile(
    r"background(?:-color)?\s*:\s*(?:black|navy|darkblue|#[0-5][0-9a-f](?:[0-9a-f]{4})?\b|#[0-5][0-9a-f]{2}\b|rgb\(\s*\d{1,2}\s*,)",
    re.I,
)
_FONT_WHITE = re.compile(r"color\s*=\s*[\"']?(?P<v>#[0-9a-f]{3,8}\b|[a-z]+)", re.I)
_MD_COMMENT_LINK = re.compile(
    r"^\s*\[(?://|comment|_|#)\]:\s*(?:#|<>)\s*\((?P<a>[^)\n]*)\)|^\s*\[(?://|comment|_|#)\]:\s*(?:#|<>)\s*\"(?P<b>[^\"\n]*)\"",
    re.M,
)
_MD_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]\n]{20,})\]\((?P<url>[^)\s]*)(?:\s+\"(?P<title>[^\"\n]*)\")?\)"
)
_MD_LINK_TITLE = re.compile(r"\[[^\]\n]*\]\([^)\s]*\s+\"(?P<title>[^\"\n]{20,})\"\)")
_MATH_WHITE = re.compile(
    r"\\(?:color|textcolor)\s*\{\s*(?:white|#fff|#ffffff)\s*\}\s*\{?(?P<t>[^$}]*)", re.I
)
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<y>.*?)\n(?:---|\.\.\.)\s*\n", re.S)
_INPUT_HIDDEN = re.compile(
    r"<input\b[^>]*type\s*=\s*[\"']?hidden[^>]*value\s*=\s*[\"'](?P<v>[^\"']+)", re.I
)
_TAGS = re.compile(r"<[^>]+>")


def markdown_fragments(name: str, src: str) -> list[Fragment]:
    """Text a Markdown (or HTML) source hides from its rendered page."""
    out: list[Fragment] = []
    low = src.lower()
    if "<" in src and ("style" in low or "<font" in low or "hidden" in low):
        for m in _HTML_OPEN.finditer(src):
            attrs = m.group("attrs")
            kind = None
            if _STYLE_NONE.search(attrs):
                kind = (
                    "invisible_render",
                    1.0,
                    "HTML hidden with display:none, visibility:hidden or opacity 0",
                )
            elif _STYLE_OFF.search(attrs):
                kind = ("off_page", 1.0, "HTML positioned off screen or clipped away")
            elif _STYLE_SMALL.search(attrs):
                kind = ("small_text", 1.0, "HTML font size too small to read")
            elif (
                _style_white(attrs)
                or (
                    m.group("tag").lower() == "font"
                    and any(_light_colour(f.group("v")) for f in _FONT_WHITE.finditer(attrs))
                )
            ) and not _DARK_BG.search(attrs):
                kind = ("white_text", 1.0, "HTML text coloured white")
            if not kind:
                continue
            text = _element_text(src, m)
            if text:
                out.append(Fragment(name, _line(src, m.start()), text, kind[0], kind[1], kind[2]))
        for m in _INPUT_HIDDEN.finditer(src):
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    html.unescape(m.group("v")),
                    "invisible_render",
                    1.0,
                    "a hidden HTML input",
                )
            )
    for m in _MD_COMMENT_LINK.finditer(src):
        text = m.group("a") or m.group("b") or ""
        if text.strip():
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    text.strip(),
                    "source_comment",
                    0.8,
                    "a Markdown comment written as a link definition",
                    "comment",
                )
            )
    if "$" in src or "\\color" in src:
        for m in _MATH_WHITE.finditer(src):
            text = tex_plain(m.group("t"))
            if len(text) > 3:
                out.append(
                    Fragment(
                        name,
                        _line(src, m.start()),
                        text,
                        "white_text",
                        1.0,
                        "math text coloured white",
                    )
                )
    for m in _MD_IMAGE.finditer(src):
        alt = m.group("alt")
        if len(alt.split()) >= 6:
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    alt,
                    "alt_text",
                    0.6,
                    "image alt text: read by models, rarely seen by readers",
                    "alt",
                )
            )
        if m.group("title"):
            out.append(
                Fragment(
                    name,
                    _line(src, m.start()),
                    m.group("title"),
                    "alt_text",
                    0.6,
                    "image title: shown only on hover",
                    "alt",
                )
            )
    for m in _MD_LINK_TITLE.finditer(src):
        out.append(
            Fragment(
                name,
                _line(src, m.start()),
                m.group("title"),
                "alt_text",
                0.6,
                "link title: shown only on hover",
                "alt",
            )
        )
    fm = _FRONT_MATTER.match(src)
    if fm:
        for line in fm.group("y").splitlines():
            key, _, value = line.partition(":")
            if value.strip() and key.strip().lower() not in ("title", "author", "authors", "date"):
                out.append(
                    Fragment(
                        name,
                        _line(src, fm.start("y")),
                        value.strip().strip("'\""),
                        "metadata",
                        0.8,
                        f"front-matter field {key.strip()!r}",
                        f"metadata:{key.strip().lower()}",
                    )
                )
    return out


def _element_text(src: str, m: re.Match[str]) -> str:
    tag = m.group("tag").lower()
    depth = 1
    pos = m.end()
    rx = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    limit = min(len(src), m.end() + 20000)
    while depth and pos < limit:
        t = rx.search(src, pos, limit)
        if not t:
            pos = limit
            break
        depth += -1 if t.group(1) else 1
        pos = t.end() if depth else t.start()
    inner = src[m.end() : pos]
    return re.sub(r"\s+", " ", html.unescape(_TAGS.sub(" ", inner))).strip()
