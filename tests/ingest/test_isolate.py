"""ingest(): parsing in a child process under time and memory limits; the caller survives."""

from __future__ import annotations

import time

import pymupdf
import pytest
from ingest_builders import MAIN_TEX, hidden_text_pdf, paper_pdf, raw_pdf, zip_bytes

from aixiv.config import Settings
from aixiv.ingest import IngestError, ingest, parse_bytes
from aixiv.ingest._isolate import _raise_for_death


def _settings(**kw: float) -> Settings:
    return Settings(data_dir="unused", **kw)


def _refused(name: str, data: bytes, settings: Settings | None = None) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest(name, data, settings or _settings())
    return info.value


def test_child_result_equals_in_process_result() -> None:
    data = hidden_text_pdf()
    assert ingest("specimen.pdf", data, _settings()) == parse_bytes("specimen.pdf", data)
    doc = ingest("paper.md", b"# Title\n\nBody <!-- note -->.", _settings())
    assert doc.title == "Title" and doc.comments[0].text.strip() == "note"


def test_hostile_files_are_refused_and_the_caller_lives_on() -> None:
    locked = pymupdf.open(stream=paper_pdf(pages=1), filetype="pdf").tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw2"
    )
    cases = {
        "encrypted": ("locked.pdf", locked),
        "too-many-pages": ("huge.pdf", raw_pdf(b"BT ET", count=100_000, pages=100_000)),
        "corrupt-pdf": ("cut.pdf", paper_pdf(pages=1)[:300]),
        "zip-bomb": ("bomb.zip", zip_bytes({"main.tex": MAIN_TEX, "z.tex": b"\0" * (3 << 20)})),
        "not-utf8": ("latin.txt", "Ça va".encode("latin-1")),
        "unsupported-format": ("image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
    }
    settings = _settings(max_unpacked_mb=2)
    for code, (name, data) in cases.items():
        assert _refused(name, data, settings).code == code, name
    assert ingest("ok.txt", b"Still here\n\nand parsing.", settings).title == "Still here"


def test_limits_from_settings() -> None:
    assert _refused("empty.pdf", b"").code == "empty"
    big = _refused("big.txt", b"x" * 4096, _settings(max_upload_mb=0.001))
    assert big.code == "too-large" and "limit is 0.001 MB" in big.message
    assert (
        _refused("paper.pdf", paper_pdf(pages=3), _settings(max_pages=2)).code == "too-many-pages"
    )


def test_time_limit_kills_the_child() -> None:
    start = time.perf_counter()
    error = _refused("paper.pdf", paper_pdf(pages=2), _settings(parse_timeout_s=0.05))
    assert error.code == "timeout"
    assert error.message == "Parsing took longer than 0.05 s and was stopped"
    assert time.perf_counter() - start < 5


def test_memory_limit() -> None:
    # 30 MB of address space is less than the interpreter already holds: nothing large fits.
    text = b"A title\n\n" + b"Many words in a long paragraph. " * 300_000
    error = _refused("long.txt", text, _settings(parse_memory_mb=30))
    assert error.code == "memory"
    assert "memory" in error.message


@pytest.mark.parametrize(
    ("returncode", "code"),
    [(-11, "crash"), (-6, "crash"), (-9, "memory"), (-24, "timeout"), (1, "crash")],
)
def test_a_dead_child_becomes_an_ingest_error(returncode: int, code: str) -> None:
    with pytest.raises(IngestError) as info:
        _raise_for_death(returncode, b"Traceback ...\nSomething broke")
    assert info.value.code == code
