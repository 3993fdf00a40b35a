"""The new-version form in-process: offered to the submitter only, errors shown on the form,
and a version added through the same service function as the REST API's."""

from __future__ import annotations

import uuid

from lxml import html
from sqlalchemy import select, update
from tests.manuscripts import markdown_paper
from tests.web import seed
from tests.web.conftest import login

from aixiv.records import AuditEvent, Submission, Version

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fresh(site, handle: str = "bob") -> str:
    return seed.submit(site.platform, handle, f"Revisable Results {uuid.uuid4().hex[:6]}")


def offered(page_html: str, sid: str) -> bool:
    return bool(html.fromstring(page_html).xpath(f'//a[@href="/abs/{sid}/versions/new"]'))


def error_on_form(r) -> str:
    doc = html.fromstring(r.text)
    assert doc.xpath('//form[contains(@class, "version-form")]'), "the form is not shown again"
    return doc.xpath('//p[contains(@class, "notice error")]')[0].text_content()


def test_the_form_is_offered_to_the_submitter_only(client, site):
    sid = fresh(site)
    with site.client() as anon:
        assert not offered(anon.get(f"/abs/{sid}").text, sid)
        r = anon.get(f"/abs/{sid}/versions/new")
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    login(client, "cy")
    assert not offered(client.get(f"/abs/{sid}").text, sid)
    r = client.get(f"/abs/{sid}/versions/new")
    assert r.status_code == 403 and "Only the submitter" in r.text
    login(client, "bob")
    assert offered(client.get(f"/abs/{sid}").text, sid)
    r = client.get(f"/abs/{sid}/versions/new")
    assert r.status_code == 200
    form = html.fromstring(r.text).xpath('//form[contains(@class, "version-form")]')[0]
    assert form.get("action") == f"/abs/{sid}/versions"
    assert form.get("enctype") == "multipart/form-data"
    names = set(form.xpath(".//input/@name") + form.xpath(".//textarea/@name"))
    assert {"csrf_token", "file", "response_letter", "change_note", "title"} <= names
    assert "Add version 2" in r.text
    assert client.get("/abs/aixiv.000000.000000/versions/new").status_code == 404


def test_errors_come_back_on_the_form(client, site, monkeypatch):
    sid = fresh(site)
    token = login(client, "bob")
    data = {"response_letter": "We answer the reviews.", "change_note": "More data.", "csrf_token": token}
    r = client.post(f"/abs/{sid}/versions", data={**data, "csrf_token": "forged"})
    assert r.status_code == 403

    r = client.post(f"/abs/{sid}/versions", data=data)
    assert r.status_code == 400 and "Choose the file" in error_on_form(r)
    r = client.post(f"/abs/{sid}/versions", data=data, files={"file": ("figure.png", PNG)})
    assert r.status_code == 415 and "upload a PDF" in error_on_form(r)
    # what was typed is kept
    assert "We answer the reviews." in html.fromstring(r.text).xpath("//textarea/text()")[0]

    monkeypatch.setattr(site.platform.settings, "max_upload_mb", 0.004)
    big = markdown_paper("Too Long", extra=" padding" * 1000)
    r = client.post(f"/abs/{sid}/versions", data=data, files={"file": ("big.md", big)})
    assert r.status_code == 413 and "the limit is" in error_on_form(r)
    monkeypatch.undo()

    with site.platform.db.transaction() as s:
        s.execute(update(Submission).where(Submission.id == sid).values(status="voting"))
    assert not offered(client.get(f"/abs/{sid}").text, sid)
    notice = html.fromstring(client.get(f"/abs/{sid}/versions/new").text).xpath(
        '//p[contains(@class, "notice warn")]'
    )
    assert "cannot be added while the submission is voting" in notice[0].text_content()
    r = client.post(
        f"/abs/{sid}/versions", data=data, files={"file": ("v2.md", markdown_paper("V2"))}
    )
    assert r.status_code == 409 and "while the submission is voting" in error_on_form(r)
    with site.platform.db.read() as s:
        assert s.scalar(select(Submission.latest_version).where(Submission.id == sid)) == 1


def test_a_new_version_through_the_form(client, site):
    sid = fresh(site)
    token = login(client, "bob")
    letter = "We thank the reviewers.\r\n\r\nWe added a second corpus and report seeds."
    r = client.post(
        f"/abs/{sid}/versions",
        data={"response_letter": letter, "change_note": "Second corpus added.", "csrf_token": token},
        files={"file": ("results-v2.md", markdown_paper("Revisable Results", extra=" A second corpus."))},
    )
    assert r.status_code == 303 and r.headers["location"] == f"/abs/{sid}v2"
    page = client.get(r.headers["location"])
    doc = html.fromstring(page.text)
    assert doc.xpath('//span[@class="ident"]/text()')[0] == f"{sid}v2"
    assert "Second corpus added." in doc.xpath('//p[@class="change-note"]')[0].text_content()
    paragraphs = doc.xpath('//details[@class="letter"]//p/text()')
    assert paragraphs == ["We thank the reviewers.", "We added a second corpus and report seeds."]
    with site.platform.db.read() as s:
        v2 = s.scalar(select(Version).where(Version.submission_id == sid, Version.number == 2))
        assert v2.filename == "results-v2.md" and v2.change_note == "Second corpus added."
        assert v2.response_letter == "We thank the reviewers.\n\nWe added a second corpus and report seeds."
        assert s.get(Submission, sid).status == "submitted"  # back to screening, as through the API
        assert s.scalar(
            select(AuditEvent.id).where(
                AuditEvent.action == "version.create", AuditEvent.target_id == sid
            )
        )
    # the next version is offered again
    assert "Add version 3" in client.get(f"/abs/{sid}/versions/new").text
