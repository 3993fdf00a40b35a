"""Hostile or broken PDFs: refused with a clear code before they can cost much."""

from __future__ import annotations

import time

import pymupdf
import pytest
from ingest_builders import paper_pdf, raw_pdf

from aixiv.ingest import IngestError, parse_bytes


def _code(name: str, data: bytes, **kw: int) -> IngestError:
    with pytest.raises(IngestError) as info:
        parse_bytes(name, data, **kw)
    return info.value


def test_encrypted_pdf_needs_a_password() -> None:
    doc = pymupdf.open(stream=paper_pdf(pages=1), filetype="pdf")
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    error = _code("locked.pdf", locked)
    assert error.code == "encrypted"
    assert "password" in error.message


def test_owner_password_only_is_readable() -> None:
    doc = pymupdf.open(stream=paper_pdf(pages=1), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="owner")
    assert "Routing Entropy" in parse_bytes("open.pdf", data).text


def test_page_limit_is_checked_before_any_page_is_read() -> None:
    # A real page tree with 100 000 pages (7 MB); only the count is looked at.
    data = raw_pdf(b"BT /F1 12 Tf 72 700 Td (x) Tj ET", count=100_000, pages=100_000)
    start = time.perf_counter()
    error = _code("huge.pdf", data, max_pages=300)
    assert error.code == "too-many-pages"
    assert error.message == "The PDF has 100000 pages; the limit is 300"
    assert time.perf_counter() - start < 5


def test_page_tree_claiming_more_pages_than_the_file_holds() -> None:
    error = _code("liar.pdf", raw_pdf(b"BT ET", count=100_000, pages=1))
    assert error.code == "corrupt-pdf"


def test_truncated_pdf_with_pages_left_is_repaired_with_a_warning() -> None:
    data = paper_pdf(pages=2)
    doc = parse_bytes("cut.pdf", data[: int(len(data) * 0.97)])
    assert doc.warnings and "repaired" in doc.warnings[0]
    assert doc.page_count >= 1


def test_truncated_pdf_with_nothing_left_is_refused() -> None:
    error = _code("stub.pdf", paper_pdf(pages=2)[:200])
    assert error.code == "corrupt-pdf"
    assert error.message


def test_repaired_pdf_without_any_content_is_refused() -> None:
    # No cross-reference table and no content stream: MuPDF rebuilds a page with nothing on it.
    data = raw_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    start = data.index(b"3 0 obj")
    end = data.index(b"endobj", start) + len(b"endobj")
    error = _code("hollow.pdf", data[:start] + data[end : data.index(b"xref")])
    assert error.code == "corrupt-pdf" and "nothing could be read" in error.message
    # The same file with its content stream is repaired and read, with a warning.
    doc = parse_bytes("repaired.pdf", data[: data.index(b"xref")])
    assert doc.text == "Hello" and "repaired" in doc.warnings[0]


def test_garbage_after_a_pdf_header() -> None:
    assert _code("junk.pdf", b"%PDF-1.7\n" + b"\x13\x37" * 500).code == "corrupt-pdf"
