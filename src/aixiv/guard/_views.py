"""Stage 1: the model view (everything an extractor hands a model) and the reader view
(what a person sees on the rendered page), as segments with their concealment evidence."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._sources import Fragment, latex_fragments, markdown_fragments
from ._text import clean

if TYPE_CHECKING:
    from aixiv.ingest.document import Document, Shape, Span

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Piece:
    """Where a stretch of a segment's text came from."""

    offset: int  # into Segment.text
    page: int | None
    bbox: Box | None
    category: str | None = None
    strength: float = 0.0
    why: str = ""


@dataclass(slots=True)
class Segment:
    text: str  # normalised (what the scanners read)
    raw: str  # as extracted (what the invisible-character scan reads)
    source: str  # page | hidden | metadata | xmp | annotation | form | comment | fragment
    location: str
    concealment: float = 0.0  # 0 = a reader sees it
    category: str | None = None
    why: str = ""
    page: int | None = None
    bbox: Box | None = None
    pieces: list[Piece] = field(default_factory=list)

    def piece_at(self, pos: int) -> Piece | None:
        if not self.pieces:
            return None
        lo, hi = 0, len(self.pieces) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.pieces[mid].offset <= pos:
                lo = mid
            else:
                hi = mid - 1
        return self.pieces[lo]

    def pieces_in(self, start: int, end: int) -> list[Piece]:
        first = self.piece_at(start)
        out = [first] if first else []
        for p in self.pieces:
            if start < p.offset < end:
                out.append(p)
        return out


@dataclass(slots=True)
class Views:
    segments: list[Segment]
    reader_pages: list[str]  # visible text, one entry per page (or one for sources)
    stats: dict[str, int | float]


# ------------------------------------------------------------------ colour helpers

_SINGLE_NL = re.compile(r"(?<!\n)\n(?!\n)")


def flat(text: str) -> str:
    """Line wraps become spaces (same length, so offsets hold); paragraph breaks stay."""
    return _SINGLE_NL.sub(" ", text) if "\n" in text else text


def _rgb(hexcolor: str | None) -> tuple[float, float, float] | None:
    if not hexcolor or not hexcolor.startswith("#") or len(hexcolor) != 7:
        return None
    try:
        v = int(hexcolor[1:], 16)
    except ValueError:
        return None
    return ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0


def _lum(rgb: tuple[float, float, float]) -> float:
    def ch(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = _lum(a), _lum(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


_WHITE = (1.0, 1.0, 1.0)


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _cover(outer: Box, inner: Box) -> float:
    """Fraction of ``inner`` inside ``outer``."""
    a = _area(inner)
    if a <= 0:
        return 0.0
    x0, y0 = max(outer[0], inner[0]), max(outer[1], inner[1])
    x1, y1 = min(outer[2], inner[2]), min(outer[3], inner[3])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return (x1 - x0) * (y1 - y0) / a


# ------------------------------------------------------------------ PDF pages

_ROW = 40.0  # grid row height for the shape index


class _PageShapes:
    """Shapes of one page indexed by rows, for background and occlusion checks."""

    def __init__(self, shapes: list[Shape], hidden_layers: set[str], page_area: float) -> None:
        self.rows: dict[int, list[Shape]] = {}
        self.big_image: Box | None = None
        for s in shapes:
            if s.layer and s.layer in hidden_layers:
                continue
            if _area(s.bbox) < 12.0:
                continue
            if s.kind == "image" and page_area and _area(s.bbox) > 0.5 * page_area:
                self.big_image = s.bbox
            for r in range(int(s.bbox[1] // _ROW), int(s.bbox[3] // _ROW) + 1):
                self.rows.setdefault(r, []).append(s)

    def around(self, bbox: Box) -> list[Shape]:
        return self.rows.get(int(((bbox[1] + bbox[3]) / 2) // _ROW), [])


def _classify(
    span: Span, shapes: _PageShapes, crop: Box | None, hidden_layers: set[str]
) -> tuple[float, str, str]:
    """(strength, category, why) of a span's concealment; strength 0 means visible."""
    best = (0.0, "", "")

    def consider(strength: float, cat: str, why: str) -> None:
        nonlocal best
        if strength > best[0]:
            best = (strength, cat, why)

    bbox = span.bbox
    ocr = False
    if span.render_mode in (3, 7):
        if span.render_mode == 3 and shapes.big_image and _cover(shapes.big_image, bbox) > 0.8:
            # A scan: the picture shows these words; the invisible text is its OCR layer.
            ocr = True
            consider(0.3, "invisible_render", "invisible text over a page-sized image (OCR layer)")
        else:
            consider(1.0, "invisible_render", f"text render mode {span.render_mode} draws nothing")
    if span.alpha <= 0.05 and not ocr:
        consider(1.0, "invisible_render", f"text opacity {span.alpha:g}")
    if span.layer and span.layer in hidden_layers:
        consider(
            1.0, "hidden_layer", f"in optional-content layer {span.layer!r}, hidden by default"
        )
    if crop is not None:
        inside = _cover(crop, bbox)
        if inside < 0.5:
            consider(1.0 if inside < 0.05 else 0.9, "off_page", "outside the visible page area")
    size = span.size
    height = bbox[3] - bbox[1]
    n = len(span.text.strip())
    if size < 1.5 or (0 < height < 1.2 and n >= 3):
        consider(1.0, "small_text", f"{size:.2g}pt text")
    elif size < 3.0:
        consider(0.95, "small_text", f"{size:.2g}pt text")
    elif size < 4.0:
        consider(0.7, "small_text", f"{size:.2g}pt text")
    if n >= 6 and size > 0 and (bbox[2] - bbox[0]) < 0.12 * size * n and height < 2 * size:
        consider(0.9, "small_text", "text squeezed horizontally to a sliver")
    if best[0] >= 1.0 or ocr:
        return best
    # Background: the last opaque fill drawn before the text under it, else the white page.
    background: tuple[float, float, float] | None = _WHITE
    for s in shapes.around(bbox):
        if s.seqno < span.seqno:
            if _cover(s.bbox, bbox) >= 0.8:
                if s.kind == "image" or s.fill is None:
                    background = None  # text over a picture: its colour proves nothing
                elif s.alpha >= 0.5:
                    background = _rgb(s.fill) or background
        elif (
            s.seqno > span.seqno
            and (s.kind == "image" or s.alpha >= 0.8)
            and _cover(s.bbox, bbox) >= 0.85
        ):
            what = "an image" if s.kind == "image" else f"a {s.fill} shape"
            consider(0.95, "occluded", f"covered by {what} drawn after it")
    color = _rgb(span.color)
    if background is not None and color is not None:
        a = span.alpha
        seen = (
            tuple(a * c + (1 - a) * b for c, b in zip(color, background, strict=True))
            if a < 1
            else color
        )
        ratio = contrast(seen, background)  # type: ignore[arg-type]
        if ratio < 1.25:
            consider(1.0, "white_text", f"{span.color} text on a {_hex(background)} background")
        elif ratio < 1.5:
            consider(
                0.85,
                "white_text",
                f"{span.color} text barely differs from its {_hex(background)} background",
            )
    return best


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in rgb))


def _sep(prev: Span | None, span: Span) -> str:
    if prev is None:
        return ""
    if prev.page != span.page:
        return "\n"
    size = max(span.size, prev.size, 1.0)
    if abs(prev.bbox[3] - span.bbox[3]) < 0.5 * size and span.bbox[0] >= prev.bbox[0]:
        gap = span.bbox[0] - prev.bbox[2]
        if gap > 0.14 * size and not prev.text.endswith(" ") and not span.text.startswith(" "):
            return " "
        return ""
    return "\n"


def _apart(prev: Span, span: Span) -> bool:
    """Two hidden spans too far apart to be one run of text (figure labels, tick marks)."""
    if prev.page != span.page:
        return True
    size = max(span.size, prev.size, 0.5)
    same_line = abs(prev.bbox[3] - span.bbox[3]) < 0.5 * size
    if same_line:
        return span.bbox[0] - prev.bbox[2] > 3 * size or span.bbox[0] < prev.bbox[0] - size
    # a following line of the same block: just below, not far to the side
    gap = span.bbox[1] - prev.bbox[3]
    return gap > 1.5 * size or gap < -2 * size or abs(span.bbox[0] - prev.bbox[0]) > 40 * size


def _pdf(doc: Document) -> tuple[list[Segment], list[str], dict[str, int | float]]:
    hidden_layers = {layer.name for layer in doc.layers if not layer.visible}
    pages = {p.number: p for p in doc.pages}
    by_page: dict[int, list[Span]] = {}
    for span in doc.spans:
        by_page.setdefault(span.page, []).append(span)
    shapes_by_page: dict[int, list[Shape]] = {}
    for shape in doc.shapes:
        shapes_by_page.setdefault(shape.page, []).append(shape)
    segments: list[Segment] = []
    reader_pages: list[str] = []
    concealed_chars = 0
    for number in sorted(by_page):
        info = pages.get(number)
        crop = (0.0, 0.0, info.width, info.height) if info else None
        page_area = info.width * info.height if info else 0.0
        index = _PageShapes(shapes_by_page.get(number, []), hidden_layers, page_area)
        vis_parts: list[str] = []
        vis_raw: list[str] = []
        vis_pieces: list[Piece] = []
        vis_len = 0
        hid_parts: list[str] = []
        hid_raw: list[str] = []
        hid_pieces: list[Piece] = []
        hid_len = 0
        prev_vis: Span | None = None
        prev_hid: Span | None = None
        prev_span: Span | None = None
        for span in by_page[number]:
            strength, cat, why = _classify(span, index, crop, hidden_layers)
            # a soft hyphen in a PDF is a drawn glyph: some producers map their hyphen to U+00AD
            raw = span.text
            if "\xad" in raw and raw.count("\xad") * 6 <= sum(ch.isalpha() for ch in raw):
                raw = raw.replace("\xad", "-")  # (one between most letters hides a word)
            text = clean(raw)
            if strength >= 0.5:
                sep = _sep(prev_hid, span)
                if sep == "" and prev_hid is not None and prev_hid is not prev_span:
                    sep = " "  # hidden words with visible text between them
                if prev_hid is not None and _apart(prev_hid, span):
                    sep = "\n\n"  # scattered labels of a figure are not one sentence
                hid_parts.append(sep + text)
                hid_raw.append(sep + raw)
                hid_pieces.append(Piece(hid_len + len(sep), number, span.bbox, cat, strength, why))
                hid_len += len(sep) + len(text)
                concealed_chars += len(text)
                prev_hid = span
                prev_span = span
            else:
                sep = _sep(prev_vis, span)
                vis_parts.append(sep + text)
                vis_raw.append(sep + raw)
                vis_pieces.append(
                    Piece(vis_len + len(sep), number, span.bbox, cat or None, strength, why)
                )
                vis_len += len(sep) + len(text)
                prev_vis = span
                prev_span = span
        visible = "".join(vis_parts)
        reader_pages.append(visible)
        if visible.strip():
            segments.append(
                Segment(
                    flat(visible), "".join(vis_raw), "page", "body", page=number, pieces=vis_pieces
                )
            )
        if hid_parts:
            segments.append(
                Segment(
                    flat("".join(hid_parts)),
                    "".join(hid_raw),
                    "hidden",
                    "body",
                    concealment=1.0,
                    page=number,
                    pieces=hid_pieces,
                )
            )
    return (
        segments,
        reader_pages,
        {"concealed_chars": concealed_chars, "spans": len(doc.spans), "shapes": len(doc.shapes)},
    )


def _annotations(doc: Document, visible_text: str) -> list[Segment]:
    out: list[Segment] = []
    pages = {p.number: p for p in doc.pages}
    for a in doc.annotations:
        text = " ".join(t for t in (a.contents, a.title) if t and t.strip())
        if not text.strip():
            continue
        w, h = a.rect[2] - a.rect[0], a.rect[3] - a.rect[1]
        info = pages.get(a.page)
        outside = (
            info is not None
            and _cover((0.0, 0.0, info.width, info.height), a.rect) < 0.05
            and _area(a.rect) > 0
        )
        if a.hidden or a.opacity <= 0.05:
            conc, why = 1.0, f"{a.type} annotation flagged hidden or fully transparent"
        elif outside:
            conc, why = 1.0, f"{a.type} annotation placed outside the page"
        elif w < 3 or h < 3:
            conc, why = 0.95, f"{a.type} annotation only {w:.1f}x{h:.1f}pt large"
        elif a.type == "FreeText":
            conc, why = 0.5, "text box annotation shown on the page"
        else:
            conc, why = 0.75, f"{a.type} annotation: its text shows only in a popup"
        out.append(
            Segment(
                clean(text),
                text,
                "annotation",
                "annotation",
                conc,
                "annotation",
                why,
                a.page,
                a.rect,
            )
        )
    for f in doc.form_fields:
        parts = [
            (f.value, (1.0, "hidden form field") if f.hidden else (0.6, "form field value")),
            # the tooltip shows only while a pointer rests on the field
            (f.label, (1.0, "tooltip of a hidden form field") if f.hidden else (0.75, "form field tooltip")),
        ]
        for raw, (conc, why) in parts:
            text = (raw or "").strip()
            if not text:
                continue
            out.append(
                Segment(
                    clean(text),
                    text,
                    "form",
                    f"form:{f.name}"[:80],
                    conc,
                    "annotation",
                    why,
                    f.page,
                    f.rect,
                )
            )
    return out


_SKIP_META = {
    "format",
    "creationdate",
    "moddate",
    "trapped",
    "encryption",
    "creationDate",
    "modDate",
}
_XMP_TEXT = re.compile(r">([^<>]{3,})<")


def _metadata(doc: Document, visible_text: str) -> list[Segment]:
    out: list[Segment] = []
    head = " ".join(visible_text[:5000].lower().split())
    for key, value in (doc.metadata or {}).items():
        if key in _SKIP_META or not value or not value.strip():
            continue
        conc = 0.85
        why = f"document metadata field {key!r}"
        if key.lower() == "title" and " ".join(value.lower().split())[:60] in head:
            conc, why = 0.3, "metadata title (also on the page)"
            words = value.split()
            shown = min(len(words), 200)  # (bounded: a hostile title can be very long)
            while shown > 0 and " ".join(words[:shown]).lower() not in head:
                shown -= 1
            rest = " ".join(words[shown:])
            if len(rest.split()) >= 4 or len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", rest)) >= 8:
                # a real title with words appended that the page does not show
                out.append(
                    Segment(
                        clean(rest),
                        rest,
                        "metadata",
                        f"metadata:{key}",
                        0.85,
                        "metadata",
                        "metadata title: words after the title shown on the page",
                    )
                )
                value = " ".join(words[:shown])
        out.append(
            Segment(clean(value), value, "metadata", f"metadata:{key}", conc, "metadata", why)
        )
    if doc.xmp:
        parts = [html.unescape(m.group(1)).strip() for m in _XMP_TEXT.finditer(doc.xmp[:500_000])]
        known = {v.strip() for v in (doc.metadata or {}).values()}
        parts = [p for p in parts if p and p not in known]
        if parts:
            text = "\n\n".join(parts)  # each item its own unit: a keyword is not a sentence
            out.append(
                Segment(clean(text), text, "xmp", "xmp", 0.9, "metadata", "XMP metadata packet")
            )
    return out


def _remove_fragment(text: str, fragment: str) -> str:
    """``text`` with the first whitespace-insensitive occurrence of ``fragment`` cut out."""
    words = fragment.split()
    if not words:
        return text
    pattern = r"\s*".join(re.escape(w) for w in words[:200])
    m = re.search(pattern, text)
    if not m:
        return text
    return text[: m.start()] + text[m.end() :]


def _sources(doc: Document) -> tuple[list[Segment], list[str]]:
    fragments: list[Fragment] = []
    files = doc.source_files
    if doc.source_format == "latex":
        for f in files:
            fragments.extend(latex_fragments(f.name, f.text))
    elif doc.source_format in ("markdown", "text"):
        if files:
            for f in files:
                fragments.extend(markdown_fragments(f.name, f.text))
        elif doc.source_format == "markdown":
            fragments.extend(markdown_fragments("upload.md", doc.text))
    segments: list[Segment] = []
    visible = doc.text
    for fr in fragments:
        visible = _remove_fragment(visible, fr.text)
        loc = fr.location if fr.location != "source" else f"source:{fr.file}:{fr.line}"
        segments.append(
            Segment(
                flat(clean(fr.text)), fr.text, "fragment", loc, fr.concealment, fr.category, fr.why
            )
        )
    for c in _merged_comments(doc.comments):
        if not c.text.strip():
            continue
        visible = (
            _remove_fragment(visible, c.text)
            if len(c.text) > 20 and c.text.strip() in visible
            else visible
        )
        segments.append(
            Segment(
                flat(clean(c.text)),
                c.text,
                "comment",
                f"comment:{c.file}:{c.line}",
                0.8,
                "source_comment",
                "a source comment: never rendered, read by models given the source",
            )
        )
    return segments, [visible]


# A separate note on the next line ("TODO: ...", "JM: ...", "FIXME ..."), or a new sentence.
_NOTE_MARKER_RE = re.compile(r"\s*(?:[A-Za-z][\w.-]{0,15}\s*(?:\([^)]*\))?\s*:|TODO|FIXME|XXX|NB\b|[-*•]\s)")
_CONTINUES_RE = re.compile(r"\s*[a-zäöüéèàçñа-я]")


def _merged_comments(comments: list) -> list:  # type: ignore[type-arg]
    """Comments on consecutive lines of a file read as one text (a sentence may run over
    several ``%`` lines)."""
    out: list = []  # type: ignore[type-arg]
    for c in comments:
        if out:
            prev = out[-1]
            if (
                prev.file == c.file
                and c.line == prev.line + prev.text.count("\n") + 1
                and len(prev.text) < 20_000
                and not prev.text.rstrip().endswith((".", "!", "?", "。", "！", "？"))
                and not _NOTE_MARKER_RE.match(c.text)
                and not _NOTE_MARKER_RE.match(prev.text.rsplit("\n", 1)[-1])
                or prev.file == c.file
                and c.line == prev.line + prev.text.count("\n") + 1
                and _CONTINUES_RE.match(c.text)
            ):
                out[-1] = prev.model_copy(update={"text": prev.text + "\n" + c.text})
                continue
        out.append(c)
    return out


def build_views(doc: Document) -> Views:
    """Split a document into what a reader sees and what only a model gets."""
    if doc.spans or doc.source_format == "pdf":
        segments, reader_pages, stats = _pdf(doc)
    else:
        source_segments, reader_pages = _sources(doc)
        visible = reader_pages[0] if reader_pages else ""
        segments = []
        if visible.strip():
            segments.append(Segment(flat(clean(visible)), visible, "page", "body"))
        segments.extend(source_segments)
        stats = {
            "concealed_chars": sum(len(s.text) for s in source_segments),
            "spans": 0,
            "shapes": 0,
        }
    visible_text = "\n".join(reader_pages)
    segments.extend(_metadata(doc, visible_text))
    segments.extend(_annotations(doc, visible_text))
    return Views(segments, [clean(p) for p in reader_pages], stats)


def reader_text(doc: Document) -> str:
    """What a person sees: visible page text only, no source comments, no hidden text."""
    views = build_views(doc)
    return "\n\n".join(p.strip() for p in views.reader_pages if p.strip())


def model_text(doc: Document) -> str:
    """Everything a text extractor would hand a model, hidden channels included."""
    views = build_views(doc)
    parts = [doc.text]
    for s in views.segments:
        if s.source not in ("page", "hidden"):
            parts.append(f"[{s.location}] {s.raw}")
    return "\n\n".join(p for p in parts if p)
