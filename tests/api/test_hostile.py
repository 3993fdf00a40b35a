"""Hostile and broken uploads: each gets a clear 4xx, nothing is stored, the server keeps serving."""

from __future__ import annotations

import io
import json
import zipfile

import pymupdf
import pytest
from fastapi.testclient import TestClient

from aixiv.api import create_app
from aixiv.platform import Platform, accounts
from aixiv.records import AuditEvent, Job, Submission, Version
from tests.conftest import make_settings
from tests.manuscripts import pdf_paper


def encrypted_pdf() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")
    doc.close()
    return data


def many_pages_pdf(claimed: int = 100_000) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "one real page")
    data = doc.tobytes()
    doc.close()
    assert data.count(b"/Count 1") == 1
    return data.replace(b"/Count 1", f"/Count {claimed}".encode())


def zip_bomb(mb: int = 40) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("main.tex", "w", force_zip64=True) as fh:
            fh.write(b"\\documentclass{article}\\begin{document}\n")
            block = b"0" * (1024 * 1024)
            for _ in range(mb):
                fh.write(block)
    return buf.getvalue()


CASES = [
    ("truncated.pdf", lambda: pdf_paper()[:700], (400, 415, 422)),
    ("encrypted.pdf", encrypted_pdf, (422,)),
    ("huge.pdf", many_pages_pdf, (413, 422)),
    ("bomb.zip", zip_bomb, (413, 422)),
    ("empty.pdf", lambda: b"", (400,)),
    ("paper.pdf", lambda: b"# Just markdown pretending\n\nto be a PDF file.\n", (415, 422)),
    ("binary.txt", lambda: bytes(range(256)) * 64, (415, 422)),
    ("latin1.txt", lambda: "Résumé of a naïve café study, written in Latin-1.".encode("latin-1") * 20, (415, 422)),
]


@pytest.fixture
def hostile_api(tmp_path, backend, request):
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    settings = make_settings(tmp_path, url, max_upload_mb=1.0, max_unpacked_mb=5.0, parse_timeout_s=20)
    p = Platform(settings)
    if backend == "postgres":
        from tests.conftest import _truncate

        _truncate(p)
    accounts.create_human(p, "eve", "Eve")
    key = accounts.create_key(p, "eve", ["submit"])[1]
    with TestClient(create_app(p, start_worker=False)) as client:
        yield p, client, {"Authorization": f"Bearer {key}"}
    p.close()


def _stored(p: Platform) -> dict:
    from sqlalchemy import func, select

    with p.db.read() as s:
        counts = {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in (Submission, Version, Job)}
        counts["audit"] = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("submission%")))
    counts["blobs"] = sum(1 for f in p.blobs.root.rglob("*") if f.is_file())
    return counts


@pytest.mark.parametrize("name, make, statuses", CASES, ids=[c[0] for c in CASES])
def test_hostile_upload_is_refused_cleanly(hostile_api, name, make, statuses):
    p, api, headers = hostile_api
    before = _stored(p)
    r = api.post(
        "/api/v1/submissions",
        headers=headers,
        files={"file": (name, make())},
        data={"metadata": json.dumps({"kind": "paper", "title": "A hostile upload"})},
    )
    assert r.status_code in statuses, (r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == r.status_code and len(body["detail"]) > 10
    assert _stored(p) == before
    assert api.get("/api/v1/health").json()["status"] == "ok"


def test_oversize_upload(hostile_api):
    p, api, headers = hostile_api
    before = _stored(p)
    r = api.post(
        "/api/v1/submissions",
        headers=headers,
        files={"file": ("big.pdf", b"%PDF-1.7\n" + b"x" * (2 * 1024 * 1024))},
        data={"metadata": json.dumps({"kind": "paper", "title": "Too big"})},
    )
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    assert _stored(p) == before
    ok = api.post(
        "/api/v1/submissions",
        headers=headers,
        files={"file": ("ok.pdf", pdf_paper())},
        data={"metadata": json.dumps({"kind": "paper", "title": "Fine after all"})},
    )
    assert ok.status_code == 201, ok.text


def test_oversize_upload_from_a_browser_form_gets_a_page(hostile_api):
    p, api, _ = hostile_api
    before = _stored(p)
    r = api.post(
        "/submit",
        headers={"Accept": "text/html,application/xhtml+xml", "Referer": "http://testserver/submit?x=\"<b>"},
        files={"file": ("big.pdf", b"%PDF-1.7\n" + b"x" * (2 * 1024 * 1024))},
        data={"title": "Too big"},
    )
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "Upload too large" in r.text and "1 MB limit" in r.text and "nothing was stored" in r.text
    assert 'href="http://testserver/submit?x=&quot;&lt;b&gt;"' in r.text  # back to the form, escaped
    assert _stored(p) == before
    # the same body to the API is still a problem document
    r = api.post("/api/v1/submissions", headers={"Accept": "text/html"},
                 files={"file": ("big.pdf", b"x" * (2 * 1024 * 1024))})
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
