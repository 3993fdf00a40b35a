"""The moderation page in-process: who may open it, what it lists (reported comments with their
reports, hidden comments, held submissions), and its CSRF-protected actions."""

from __future__ import annotations

import uuid

from lxml import html
from tests.web import seed
from tests.web.conftest import csrf_of, login

from aixiv.platform import social

PAGE = "/admin/moderation"


def make_admin(site) -> str:
    handle = "mod" + uuid.uuid4().hex[:8]
    seed.admin(site.platform, handle)
    return handle


def reported_comment(site, body: str, reason: str) -> tuple[str, str]:
    """A fresh submission by bob with a comment of his that cy reported: (submission, comment)."""
    p = site.platform
    sid = seed.submit(p, "bob", f"Moderated Thread {uuid.uuid4().hex[:6]}")
    c = social.post_comment(p, seed.principal(p, "bob"), sid, body)
    social.report_comment(p, seed.principal(p, "cy"), c.id, reason)
    return sid, c.id


def item(page_html: str, cid: str):
    found = html.fromstring(page_html).xpath(f'//li[@id="m-{cid}"]')
    return found[0] if found else None


def section_of(page_html: str, cid: str) -> str | None:
    found = html.fromstring(page_html).xpath(f'//li[@id="m-{cid}"]/ancestor::section/@id')
    return found[0] if found else None


def test_only_administrators_open_the_page(client, site):
    r = client.get(PAGE)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/admin/moderation"
    login(client, "cy")
    r = client.get(PAGE)
    assert r.status_code == 403 and "<html" in r.text and "administrators" in r.text
    assert 'href="/admin/moderation"' not in client.get("/").text
    admin = make_admin(site)
    login(client, admin)
    r = client.get(PAGE)
    assert r.status_code == 200 and "<h1 class=\"page-title\">Moderation</h1>" in r.text
    assert 'href="/admin/moderation"' in client.get("/").text  # in the header, for admins


def test_reported_comment_is_listed_and_hidden(client, site):
    sid, cid = reported_comment(site, "Buy **cheap** pills at example.com", "spam, obviously")
    admin = make_admin(site)
    token = login(client, admin)
    page = client.get(PAGE).text
    li = item(page, cid)
    assert li is not None and section_of(page, cid) == "reported"
    text = li.text_content()
    assert "spam, obviously" in text and "@cy" in text and "Cy Reader" in text
    assert "Bob Reviewer" in text and "Visible" in text
    assert li.xpath(".//div[contains(@class, 'mod-text')]//strong/text()") == ["cheap"]
    assert f"/abs/{sid}#c-{cid}" in li.xpath(".//a/@href")
    forms = li.xpath(".//form/@action")
    assert f"{PAGE}/comments/{cid}/hide" in forms and f"{PAGE}/comments/{cid}/restore" not in forms
    assert all(f.xpath("./input[@name='csrf_token']/@value") for f in li.xpath(".//form"))

    # the form is CSRF-protected
    r = client.post(f"{PAGE}/comments/{cid}/hide", data={"csrf_token": "forged"})
    assert r.status_code == 403 and "did not come from this site" in r.text
    with site.client() as anon:
        assert "cheap" in anon.get(f"/abs/{sid}").text

    r = client.post(f"{PAGE}/comments/{cid}/hide", data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == f"{PAGE}?done=hidden"
    page = client.get(r.headers["location"]).text
    assert "The comment is hidden" in page
    assert section_of(page, cid) == "hidden" and "by @" + admin in item(page, cid).text_content()

    # gone from the public thread (it had no replies); its author and admins still see it
    with site.client() as anon:
        public = anon.get(f"/abs/{sid}").text
        assert f'id="c-{cid}"' not in public and "cheap" not in public
    assert "cheap" in client.get(f"/abs/{sid}").text  # the administrator
    login(client, "bob")
    mine = html.fromstring(client.get(f"/abs/{sid}").text).xpath(f'//li[@id="c-{cid}"]')[0]
    assert "Hidden from others by a moderator" in mine.text_content()
    assert "cheap" in mine.text_content()
    # someone who may not moderate cannot act, even with a good token
    bob_token = csrf_of(client.get("/account").text)
    r = client.post(f"{PAGE}/comments/{cid}/restore", data={"csrf_token": bob_token})
    assert r.status_code == 403

    token = login(client, admin)
    r = client.post(f"{PAGE}/comments/{cid}/restore", data={"csrf_token": token})
    assert r.status_code == 303
    assert section_of(client.get(PAGE).text, cid) is None
    with site.client() as anon:
        assert "cheap" in anon.get(f"/abs/{sid}").text
    # restoring it again is refused on the page, with the reason
    r = client.post(f"{PAGE}/comments/{cid}/restore", data={"csrf_token": token})
    assert r.status_code == 409 and "not hidden" in r.text and "Reported comments" in r.text


def test_dismissing_a_report_keeps_the_comment(client, site):
    sid, cid = reported_comment(site, "A sharp but fair point.", "too harsh")
    token = login(client, make_admin(site))
    li = item(client.get(PAGE).text, cid)
    (dismiss,) = [a for a in li.xpath(".//form/@action") if a.endswith("/dismiss")]
    r = client.post(dismiss, data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == f"{PAGE}?done=dismissed"
    page = client.get(r.headers["location"]).text
    assert "The report is dismissed" in page and item(page, cid) is None
    with site.client() as anon:
        assert "A sharp but fair point." in anon.get(f"/abs/{sid}").text
    r = client.post(dismiss, data={"csrf_token": token})
    assert r.status_code == 409 and "already dismissed" in r.text


def test_held_submissions_with_their_screening(client, site):
    sid = seed.submit(site.platform, "ada", "Reviewers Must Accept This Paper")
    seed.hold(site.platform, sid, risk=0.87, categories=("instruction", "hidden-text"))
    login(client, make_admin(site))
    doc = html.fromstring(client.get(PAGE).text)
    (row,) = [r for r in doc.xpath('//section[@id="held"]//tbody/tr') if sid in r.text_content()]
    text = row.text_content()
    assert "Reviewers Must Accept This Paper" in text and "@ada" in text and "0.87" in text
    assert row.xpath(".//span[@class='cat']/text()") == ["instruction", "hidden-text"]
    assert f"/abs/{sid}v1#screening" in row.xpath(".//a/@href")
    abstract = client.get(f"/abs/{sid}v1")
    assert abstract.status_code == 200 and 'id="screening"' in abstract.text
    assert "hidden-text" in abstract.text


def test_releasing_a_held_submission_from_the_page(client, site):
    sid = seed.submit(site.platform, "ada", "A Survey Quoting Injections")
    seed.hold(site.platform, sid)
    token = login(client, make_admin(site))
    doc = html.fromstring(client.get(PAGE).text)
    (form,) = [f for f in doc.xpath('//section[@id="held"]//form') if sid in f.get("action")]
    assert form.xpath('.//input[@name="reason"]/@required') is not None
    url = form.get("action")
    assert client.post(url, data={"reason": "it quotes attacks as examples"}).status_code == 403  # no token
    r = client.post(url, data={"csrf_token": token, "reason": "it quotes attacks as examples"})
    assert r.status_code == 303 and r.headers["location"] == f"{PAGE}?done=released"
    page = client.get(r.headers["location"]).text
    assert "released to review" in page and sid not in "".join(
        html.fromstring(page).xpath('//section[@id="held"]//text()'))
    r = client.post(url, data={"csrf_token": token, "reason": "twice"})
    assert r.status_code == 409 and "Only a held submission" in r.text
