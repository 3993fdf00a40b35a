"""detect_format: content decides, the extension breaks ties; nonsense is refused."""

from __future__ import annotations

import pickle

import pytest
from ingest_builders import MAIN_TEX, raw_pdf, tar_gz_bytes, zip_bytes

from aixiv.ingest import IngestError, detect_format

PDF = raw_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("paper.pdf", PDF, "pdf"),
        ("paper.md", PDF, "pdf"),  # a PDF with the wrong extension is still a PDF
        ("paper", PDF, "pdf"),
        ("paper.tex", MAIN_TEX.encode(), "latex"),
        ("paper.txt", MAIN_TEX.encode(), "latex"),  # a whole LaTeX document, whatever its name
        ("notes.md", b"# Title\n\nSome *text*.", "markdown"),
        ("notes.txt", b"Title\n\nPlain words only.", "text"),
        ("notes", b"# Title\n\n- one\n- two\n", "markdown"),
        ("project.zip", zip_bytes({"main.tex": MAIN_TEX}), "latex-archive"),
        ("project.tar.gz", tar_gz_bytes({"main.tex": MAIN_TEX}), "latex-archive"),
        ("project.pdf.zip", zip_bytes({"main.tex": MAIN_TEX}), "latex-archive"),
        ("utf16.txt", "\ufeffHello".encode("utf-16"), "text"),
    ],
)
def test_formats(name: str, data: bytes, expected: str) -> None:
    assert detect_format(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("paper.pdf", b"", "empty"),
        ("paper.pdf", b"this is not a pdf at all", "corrupt-pdf"),
        ("paper.pdf", b"# Markdown named .pdf", "corrupt-pdf"),
        ("figure.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported-format"),
        ("paper.docx", zip_bytes({"word/document.xml": "<w/>"}), "unsupported-format"),
        ("blob.bin", bytes(range(256)) * 8, "unsupported-format"),
    ],
)
def test_refusals(name: str, data: bytes, code: str) -> None:
    with pytest.raises(IngestError) as info:
        detect_format(name, data)
    assert info.value.code == code
    assert info.value.message  # a sentence for people, not a traceback


def test_errors_pickle_with_code_and_message() -> None:
    error = pickle.loads(
        pickle.dumps(IngestError("zip-bomb", "The archive unpacks to more than 2 MB"))
    )
    assert (error.code, error.message, str(error)) == (
        "zip-bomb",
        "The archive unpacks to more than 2 MB",
        "The archive unpacks to more than 2 MB",
    )
