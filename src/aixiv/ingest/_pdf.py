"""PDF -> Document: every page's layout evidence plus title, abstract, sections, references."""

from __future__ import annotations

import re
from collections import Counter

import pymupdf

from ._pdf_page import read_page
from ._structure import Line, outline
from .document import Document, Layer
from .errors import IngestError

_BAD_META_TITLE = re.compile(
    r"^(?:untitled|title|microsoft word\b.*|.*\.(?:pdf|dvi|tex|docx?|ps))$|^\S*[_/\\]\S*$", re.I
)

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


def _is_memory_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "malloc" in text or "out of memory" in text or "cannot allocate" in text


def _open(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except MemoryError:
        raise
    except Exception as exc:
        if _is_memory_error(exc):
            raise MemoryError(str(exc)) from exc
        raise IngestError("corrupt-pdf", f"The PDF cannot be read ({exc})") from None
    if doc.needs_pass:
        doc.close()
        raise IngestError("encrypted", "The PDF is encrypted and cannot be read without a password")
    return doc


def _page_count(doc: pymupdf.Document, max_pages: int) -> int:
    try:
        count = doc.page_count
    except Exception as exc:
        raise IngestError(
            "corrupt-pdf", f"The PDF's page tree is invalid and cannot be read ({exc})"
        ) from None
    if count > max_pages:
        raise IngestError("too-many-pages", f"The PDF has {count} pages; the limit is {max_pages}")
    if count == 0:
        raise IngestError("corrupt-pdf", "The PDF has no pages (it may be damaged or truncated)")
    return count


def _layers(doc: pymupdf.Document) -> list[Layer]:
    try:
        ocgs = doc.get_ocgs() or {}
    except Exception:
        return []
    return [
        Layer(name=str(v.get("name", "")), visible=bool(v.get("on", True))) for v in ocgs.values()
    ]


def _show_all_layers(doc: pymupdf.Document) -> pymupdf.Document:
    """A copy with every optional-content group switched on, so hidden text is extracted."""
    doc.set_layer(-1, on=list(doc.get_ocgs()), off=[])
    reopened = pymupdf.open(stream=doc.tobytes(), filetype="pdf")
    doc.close()
    return reopened


def parse_pdf(data: bytes, *, max_pages: int) -> Document:
    doc = _open(data)
    try:
        count = _page_count(doc, max_pages)
        result = Document(source_format="pdf", page_count=count)
        if doc.is_repaired:
            result.warnings.append(
                "The PDF was damaged and has been repaired; content may be missing"
            )
        result.layers = _layers(doc)
        if any(not layer.visible for layer in result.layers):
            doc = _show_all_layers(doc)
        lines = _read_pages(doc, result)
        if doc.is_repaired and not result.text.strip():
            # A scan without text is a PDF; a damaged file that yields nothing is not.
            raise IngestError(
                "corrupt-pdf", "The PDF is damaged (truncated?) and nothing could be read from it"
            )
        result.metadata = {
            k: str(v) for k, v in (doc.metadata or {}).items() if isinstance(v, str) and v.strip()
        }
        try:
            result.xmp = doc.get_xml_metadata() or None
        except Exception:
            result.xmp = None
    finally:
        doc.close()
    _add_outline(result, lines)
    return result


def _read_pages(doc: pymupdf.Document, result: Document) -> list[Line]:
    texts: list[str] = []
    lines: list[Line] = []
    failed = 0
    for index in range(result.page_count):
        try:
            read = read_page(doc.load_page(index), doc)
        except MemoryError:
            raise
        except Exception as exc:
            if _is_memory_error(exc):
                raise MemoryError(str(exc)) from exc
            failed += 1
            result.warnings.append(f"Page {index + 1} could not be read ({exc})")
            continue
        result.pages.append(read.info)
        result.spans.extend(read.spans)
        result.shapes.extend(read.shapes)
        result.annotations.extend(read.annotations)
        result.form_fields.extend(read.fields)
        lines.extend(read.lines)
        texts.append(read.text.strip("\n"))
    if failed == result.page_count:
        raise IngestError("corrupt-pdf", "None of the PDF's pages could be read")
    result.text = "\n\n".join(t for t in texts if t)
    if not result.text.strip():
        result.warnings.append("The PDF has no extractable text (a scan without OCR?)")
    return lines


def _title_from_page_one(lines: list[Line], body: float) -> str:
    first = [ln for ln in lines if ln.page == 1 and len(ln.text) >= 3]
    if not first:
        return ""
    top = max(ln.size for ln in first)
    if top < body * 1.1:
        return first[0].text
    parts: list[str] = []
    for ln in first:
        if abs(ln.size - top) < 0.6:
            parts.append(ln.text)
        elif parts:
            break
    return " ".join(parts)[:500]


def _add_outline(result: Document, lines: list[Line]) -> None:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size * 2) / 2] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    meta_title = result.metadata.get("title", "").strip()
    if meta_title and not _BAD_META_TITLE.match(meta_title):
        title = meta_title
    else:
        title = _title_from_page_one(lines, body)
    found = outline(lines, body_size=body, title=title)
    result.title = found.title
    result.abstract = found.abstract
    result.sections = found.sections
    result.references = found.references
