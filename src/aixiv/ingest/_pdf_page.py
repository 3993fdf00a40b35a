"""Layout evidence of one PDF page: styled spans, covering shapes, annotations, fields, text.

Spans come from one structured-text pass (``TextPage.extractDICT``): MuPDF splits a span
wherever font, size, colour, opacity or fill/stroke state change, and it infers word
spaces from glyph positions. What that pass lacks, drawing order (seqno) and the
optional-content layer, comes from the bounding-box log, whose n-th entry is the n-th
drawing operation: each span takes the earliest text operation it overlaps, so text
merged from several operations is compared with shapes drawn after its first part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pymupdf

from ._structure import Line
from .document import Annotation, Box, FormField, PageInfo, Shape, Span

# Annotation flags that keep an annotation off the screen (PDF 32000-1, 12.5.3).
_HIDING_FLAGS = (
    pymupdf.PDF_ANNOT_IS_HIDDEN | pymupdf.PDF_ANNOT_IS_NO_VIEW | pymupdf.PDF_ANNOT_IS_INVISIBLE
)
# A filled shape thinner than this (a table rule, an underline) cannot hide a glyph.
_MIN_SHAPE_SIDE = 1.0
_IMAGE_OPS = {"fill-image", "fill-imgmask"}
_SHADE_OPS = {"fill-shade"}


def hex_color(color: Any) -> str:
    """sRGB hex of a MuPDF colour: an int 0xRRGGBB, or gray / RGB / CMYK floats."""
    if isinstance(color, int):
        return f"#{color & 0xFFFFFF:06x}"
    if not color:
        return "#000000"
    c = [min(1.0, max(0.0, float(v))) for v in color]
    if len(c) == 1:
        r = g = b = c[0]
    elif len(c) == 4:
        k = c[3]
        r, g, b = ((1 - c[0]) * (1 - k), (1 - c[1]) * (1 - k), (1 - c[2]) * (1 - k))
    else:
        r, g, b = c[0], c[1], c[2]
    return "#{:02x}{:02x}{:02x}".format(*(round(v * 255) for v in (r, g, b)))


def _box(rect: Any) -> Box:
    x0, y0, x1, y1 = rect
    return (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))


def page_info(page: pymupdf.Page) -> PageInfo:
    rect = page.rect
    return PageInfo(
        number=page.number + 1,
        width=round(rect.width, 2),
        height=round(rect.height, 2),
        mediabox=_box(page.mediabox),
        cropbox=_box(page.cropbox),
        rotation=page.rotation,
    )


# No TEXT_PRESERVE_LIGATURES ("ﬁ" becomes "fi", so words match), no media-box clip (text
# placed off the page is a way to hide it): the "plain extractor" view of every glyph.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
_FILLED = 16
_STROKED = 32
_CLIPPED = 64
_BUCKET = 24.0
# NUL cannot be stored in PostgreSQL text, lone surrogates cannot be encoded as UTF-8.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


_SPAN_DEFAULTS = {n: f.get_default() for n, f in Span.model_fields.items() if not f.is_required()}
_SPAN_FIELDS = frozenset(Span.model_fields)


def _span(values: dict[str, Any]) -> Span:
    """Span.model_construct for trusted values, without its per-field bookkeeping.

    A busy page has hundreds of spans; model_construct costs more than reading them."""
    span = Span.__new__(Span)
    object.__setattr__(span, "__dict__", {**_SPAN_DEFAULTS, **values})
    object.__setattr__(span, "__pydantic_fields_set__", set(_SPAN_FIELDS))
    object.__setattr__(span, "__pydantic_extra__", None)
    object.__setattr__(span, "__pydantic_private__", None)
    return span


@dataclass
class PageRead:
    info: PageInfo
    text: str = ""
    spans: list[Span] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)


class _TextOps:
    """Text operations of the bounding-box log, found by position."""

    def __init__(self, log: list[tuple[str, Any, str]]) -> None:
        self.ops: list[tuple[int, tuple[float, float, float, float], str]] = []
        self.buckets: dict[int, list[int]] = {}
        self.wide: list[int] = []
        for seqno, (op, rect, layer) in enumerate(log):
            if "text" not in op:
                continue
            x0, y0, x1, y1 = rect
            index = len(self.ops)
            self.ops.append((seqno, (x0 - 2, y0 - 2, x1 + 2, y1 + 2), layer))
            first, last = int(y0 // _BUCKET), int(y1 // _BUCKET)
            if last - first > 64:
                self.wide.append(index)
                continue
            for b in range(first, last + 1):
                self.buckets.setdefault(b, []).append(index)

    def match(self, bbox: tuple[float, float, float, float]) -> tuple[int, str | None]:
        """(earliest seqno, layer) of the text operations under a span."""
        x0, y0, x1, y1 = bbox
        cy = (y0 + y1) / 2
        need = min(1.0, 0.25 * (x1 - x0))
        seqno, layer, fit = -1, None, -1.0
        candidates = self.buckets.get(int(cy // _BUCKET), [])
        if self.wide:
            candidates = candidates + self.wide
        area = max(1e-6, (x1 - x0) * (y1 - y0))
        for index in candidates:
            op_seqno, (ox0, oy0, ox1, oy1), op_layer = self.ops[index]
            if oy0 <= cy <= oy1 and min(x1, ox1 - 2) - max(x0, ox0 + 2) > need:
                # The span belongs to the operation it fits best: a large rotated watermark
                # in a layer of its own overlaps many lines of body text, and a block of body
                # text may span a box drawn later with white text over it. Near ties go to
                # the earlier operation.
                inter = max(0.0, min(x1, ox1) - max(x0, ox0)) * max(0.0, min(y1, oy1) - max(y0, oy0))
                union = area + (ox1 - ox0) * (oy1 - oy0) - inter
                op_fit = inter / union if union > 0 else 0.0
                if op_fit > fit + 0.05 or (abs(op_fit - fit) <= 0.05 and op_seqno < seqno):
                    if op_fit > fit:
                        fit = op_fit
                    seqno, layer = op_seqno, op_layer or None
        return max(seqno, 0), layer

    def overlaps(self, rect: tuple[float, float, float, float]) -> bool:
        """Whether any text operation overlaps ``rect`` (a shape elsewhere hides nothing)."""
        x0, y0, x1, y1 = rect
        first, last = int(y0 // _BUCKET), int(y1 // _BUCKET)
        if last - first > 64:
            candidates: list[int] = list(range(len(self.ops)))
        else:
            candidates = [
                i for b in range(first, last + 1) for i in self.buckets.get(b, ())
            ] + self.wide
        for index in candidates:
            ox0, oy0, ox1, oy1 = self.ops[index][1]
            if ox0 <= x1 and ox1 >= x0 and oy0 <= y1 and oy1 >= y0:
                return True
        return False


def _render_mode(char_flags: int, alpha: int) -> int:
    """The PDF text render mode, as far as structured text tells it (0 fill ... 7 clip only)."""
    filled, stroked = bool(char_flags & _FILLED), bool(char_flags & _STROKED)
    if char_flags & _CLIPPED:  # text that (also) becomes a clipping path
        return 7 if alpha == 0 else 4 + (2 if filled and stroked else 1 if stroked else 0)
    if not (filled or stroked):
        return 3
    return 2 if filled and stroked else 1 if stroked else 0


def read_text(page: pymupdf.Page, ops: _TextOps, result: PageRead) -> None:
    """Spans, lines and plain text of a page from one structured-text pass."""
    number = page.number + 1
    textpage = page.get_textpage(flags=TEXT_FLAGS, clip=pymupdf.INFINITE_RECT())
    half = result.info.width / 2 - 10
    spans = result.spans
    for block in textpage.extractDICT()["blocks"]:
        for line in block.get("lines", ()):
            line_spans = line["spans"]
            if not line_spans:
                continue
            parts: list[str] = []
            bold = True
            sizes: dict[float, int] = {}
            for raw in line_spans:
                text = raw["text"]
                parts.append(text)
                if text.isspace():
                    continue
                if "\x00" in text or not text.isascii():
                    text = _UNSAFE.sub("\ufffd", text)
                    parts[-1] = text
                bbox = _box(raw["bbox"])
                seqno, layer = ops.match(bbox)
                char_flags = raw.get("char_flags", _FILLED)
                alpha = raw.get("alpha", 255)
                spans.append(
                    _span(
                        {
                            "page": number,
                            "text": text,
                            "bbox": bbox,
                            "font": raw["font"],
                            "size": round(raw["size"], 2),
                            "color": f"#{raw['color'] & 0xFFFFFF:06x}",
                            "alpha": round(alpha / 255, 3),
                            "render_mode": _render_mode(char_flags, alpha),
                            "seqno": seqno,
                            "layer": layer,
                            "flags": raw["flags"],
                        }
                    )
                )
                bold = bold and bool(raw["flags"] & 16 or "bold" in raw["font"].lower())
                size = round(raw["size"] * 2) / 2
                sizes[size] = sizes.get(size, 0) + len(text)
            x0, y0, x1, y1 = line["bbox"]
            if line["dir"][0] < 0.99:
                continue  # rotated or vertical text (an arXiv stamp) is no part of the outline
            joined = "".join(parts).strip()
            if joined:
                size = max(sizes, key=sizes.__getitem__)
                column = 0 if x0 < half else 1
                result.lines.append(
                    Line(joined, size=size, bold=bold, page=number, x0=x0, column=column)
                )
    result.text = textpage.extractText()


_MARKUP_ANNOTS = (
    pymupdf.PDF_ANNOT_HIGHLIGHT,
    pymupdf.PDF_ANNOT_UNDERLINE,
    pymupdf.PDF_ANNOT_SQUIGGLY,
    pymupdf.PDF_ANNOT_STRIKE_OUT,
    pymupdf.PDF_ANNOT_TEXT,
)


def _within(rect: Any, outer: tuple[float, float, float, float], slack: float = 1.0) -> bool:
    x0, y0, x1, y1 = rect
    return (
        x0 >= outer[0] - slack
        and y0 >= outer[1] - slack
        and x1 <= outer[2] + slack
        and y1 <= outer[3] + slack
    )


def page_shapes(page: pymupdf.Page, log: list[tuple[str, Any, str]], ops: _TextOps) -> list[Shape]:
    """Filled areas and images over or under text: what could hide a glyph, or be its background."""
    number = page.number + 1
    shapes: list[Shape] = []
    fills: set[int] = set()
    # The bounding-box log lists every drawing operation in order: its index is the seqno.
    for seqno, (op, rect, layer) in enumerate(log):
        if rect[2] - rect[0] < _MIN_SHAPE_SIDE or rect[3] - rect[1] < _MIN_SHAPE_SIDE:
            continue
        if op == "fill-path":
            if ops.overlaps(rect):
                fills.add(seqno)
        elif (op in _IMAGE_OPS or op in _SHADE_OPS) and ops.overlaps(rect):
            kind = "image" if op in _IMAGE_OPS else "fill"
            shapes.append(
                Shape(page=number, bbox=_box(rect), kind=kind, seqno=seqno, layer=layer or None)
            )
    if fills:
        # Markup annotations (highlights, underlines) and note icons are drawn with the page:
        # a viewer blends a highlight with the text under it, so they hide nothing.
        marks = [
            tuple(a.rect)
            for a in page.annots(types=_MARKUP_ANNOTS)  # type: ignore[arg-type]
        ]
        # Fill colours are not in the log: ask for the drawings only when some can matter.
        for path in page.get_cdrawings():
            seqno = int(path.get("seqno", -1))
            if seqno not in fills or path.get("fill") is None:
                continue
            if marks and any(_within(path["rect"], m) for m in marks):
                continue
            shapes.append(
                Shape(
                    page=number,
                    bbox=_box(path["rect"]),
                    kind="fill",
                    fill=hex_color(path["fill"]),
                    alpha=round(float(path.get("fill_opacity") or 1.0), 3),
                    seqno=seqno,
                    layer=path.get("layer") or None,
                )
            )
    shapes.sort(key=lambda s: s.seqno)
    return shapes


def page_annotations(page: pymupdf.Page) -> list[Annotation]:
    number = page.number + 1
    found: list[Annotation] = []
    for annot in page.annots():
        info = annot.info
        opacity = annot.opacity
        found.append(
            Annotation(
                page=number,
                type=annot.type[1],
                rect=_box(annot.rect),
                contents=info.get("content", "") or "",
                title=info.get("title", "") or "",
                hidden=bool(annot.flags & _HIDING_FLAGS),
                opacity=1.0 if opacity is None or opacity < 0 else round(opacity, 3),
            )
        )
    return found


def page_fields(page: pymupdf.Page, doc: pymupdf.Document) -> list[FormField]:
    number = page.number + 1
    found: list[FormField] = []
    for widget in page.widgets():
        flags = 0
        try:
            flags = int(doc.xref_get_key(widget.xref, "F")[1] or 0)
        except (ValueError, RuntimeError):
            flags = 0
        value = widget.field_value
        label = widget.field_label
        found.append(
            FormField(
                page=number,
                name=widget.field_name or "",
                value="" if value in (None, False) else str(value),
                label="" if not label or label == widget.field_name else str(label),
                rect=_box(widget.rect),
                hidden=bool(flags & _HIDING_FLAGS),
            )
        )
    return found


def read_page(page: pymupdf.Page, doc: pymupdf.Document) -> PageRead:
    """Everything the Document keeps about one page."""
    result = PageRead(info=page_info(page))
    log = page.get_bboxlog(layers=True)
    ops = _TextOps(log)
    read_text(page, ops, result)
    result.shapes = page_shapes(page, log, ops)
    result.annotations = page_annotations(page)
    result.fields = page_fields(page, doc)
    return result
