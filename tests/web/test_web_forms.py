"""Forms in-process: CSRF, registration and the use policy, sessions, keys and agents,
submitting, comments (sanitised), reports, likes, and what held submissions show to whom."""

from __future__ import annotations

import uuid

from lxml import html
from sqlalchemy import select, update
from tests.manuscripts import markdown_paper
from tests.web import seed
from tests.web.conftest import csrf_of, login

from aixiv.platform import accounts
from aixiv.records import Account, Comment, Submission


def _handle() -> str:
    return "u" + uuid.uuid4().hex[:10]


def test_csrf_is_required_on_every_form(client, site):
    page = client.get("/login")
    token = csrf_of(page.text)
    assert "aixiv_csrf" in page.headers.get("set-cookie", "")
    for data in (
        {"ident": "ada", "password": seed.PASSWORD},
        {"ident": "ada", "password": seed.PASSWORD, "csrf_token": "forged"},
    ):
        r = client.post("/login", data=data)
        assert r.status_code == 403 and "did not come from this site" in r.text
        assert "aixiv_session" not in r.headers.get("set-cookie", "")
    # a token without its cookie is refused too (another browser's token)
    with site.client() as other:
        r = other.post(
            "/login", data={"ident": "ada", "password": seed.PASSWORD, "csrf_token": token}
        )
        assert r.status_code == 403

    session_token = login(client, "cy")
    sid = site.ids["quantum"]
    before = (
        site.platform.db.read()
        .__enter__()
        .scalar(select(Submission.comment_count).where(Submission.id == sid))
    )
    r = client.post(f"/abs/{sid}/comments", data={"body": "forged comment", "csrf_token": "nope"})
    assert r.status_code == 403
    r = client.post(
        f"/abs/{sid}/comments", data={"body": "forged comment"}, headers={"X-CSRF-Token": "nope"}
    )
    assert r.status_code == 403
    r = client.post(f"/abs/{sid}/like", data={"csrf_token": "nope"})
    assert r.status_code == 403
    r = client.post("/account/keys", data={"scopes": ["comment"], "csrf_token": "nope"})
    assert r.status_code == 403
    with site.platform.db.read() as s:
        assert s.scalar(select(Submission.comment_count).where(Submission.id == sid)) == before
        assert not s.scalars(select(Comment).where(Comment.body == "forged comment")).all()
    # the header form (what htmx sends) is accepted with the right token
    r = client.post(
        f"/abs/{sid}/like", headers={"X-CSRF-Token": session_token, "HX-Request": "true"}
    )
    assert r.status_code == 200 and "like-count" in r.text
    client.post(
        f"/abs/{sid}/like", headers={"X-CSRF-Token": session_token, "HX-Request": "true"}
    )  # undo


def test_registration_requires_the_use_policy(client, site):
    handle = _handle()
    form = {
        "handle": handle,
        "display_name": "Grace Hopper",
        "email": f"{handle}@example.org",
        "password": "compiler-1952",
    }
    token = csrf_of(client.get("/register").text)
    r = client.post("/register", data={**form, "csrf_token": token})
    assert r.status_code == 400 and "accept the use policy" in r.text
    assert html.fromstring(r.text).xpath('//input[@name="handle"]/@value') == [
        handle
    ]  # kept for the retry
    with site.platform.db.read() as s:
        assert s.scalar(select(Account).where(Account.handle == handle)) is None

    r = client.post("/register", data={**form, "accept_policy": "yes", "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"].startswith("/account")
    cookie = r.headers["set-cookie"]
    assert (
        "aixiv_session=" in cookie
        and "HttpOnly" in cookie
        and "SameSite=lax" in cookie.replace("Lax", "lax")
    )
    acct = accounts.get_account(site.platform, handle)
    assert acct.policy_accepted_at is not None and acct.password_hash.startswith("$argon2")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Welcome to aixiv" in page.text

    again = client.post(
        "/register", data={**form, "accept_policy": "yes", "csrf_token": csrf_of(page.text)}
    )
    assert again.status_code == 409 and "already taken" in again.text


def test_login_logout(client, site):
    token = csrf_of(client.get("/login").text)
    bad = client.post(
        "/login", data={"ident": "ada", "password": "wrong password", "csrf_token": token}
    )
    assert bad.status_code == 401 and "Wrong handle" in bad.text
    r = client.post(
        "/login",
        data={
            "ident": "ada@example.org",
            "password": seed.PASSWORD,
            "next": "//evil.example/",
            "csrf_token": token,
        },
    )
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    home = client.get("/")
    assert ">ada</a>" in home.text and "Log out" in home.text
    r = client.post("/logout", data={"csrf_token": csrf_of(home.text)})
    assert r.status_code == 303
    assert "Log in" in client.get("/").text
    assert client.get("/account").status_code == 303


def test_account_agents_and_keys(client, site):
    handle = _handle()
    accounts.create_human(
        site.platform, handle, "Key Owner", email=f"{handle}@example.org", password=seed.PASSWORD
    )
    token = login(client, handle)
    bad = client.post(
        "/account/agents",
        data={
            "handle": f"{handle}-bot",
            "display_name": "Bot",
            "model_name": "m",
            "model_developer": "",
            "csrf_token": token,
        },
    )
    assert bad.status_code == 400 and "model name and the model" in bad.text
    r = client.post(
        "/account/agents",
        data={
            "handle": f"{handle}-bot",
            "display_name": "Bot",
            "model_name": "sim-1",
            "model_developer": "Example Labs",
            "csrf_token": token,
        },
    )
    assert r.status_code == 303
    page = client.get("/account").text
    assert f"@{handle}-bot" in page and "model sim-1" in page

    r = client.post(
        "/account/keys",
        data={
            "account": f"{handle}-bot",
            "name": "cluster",
            "scopes": ["submit", "comment"],
            "expires_in_days": "30",
            "csrf_token": token,
        },
    )
    assert r.status_code == 200
    key = html.fromstring(r.text).xpath('//code[@id="new-key"]/text()')[0]
    assert key.startswith("axk_") and "shown only this once" in r.text
    assert key not in client.get("/account").text  # never shown again
    me = client.get(
        f"/api/v1/submissions/{site.ids['quantum']}/like",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert me.status_code == 200
    assert accounts.authenticate_key(site.platform, key).account.handle == f"{handle}-bot"

    refused = client.post(
        "/account/keys", data={"account": "ada", "scopes": ["comment"], "csrf_token": token}
    )
    assert refused.status_code == 403 and "only for yourself" in refused.text
    none = client.post("/account/keys", data={"scopes": [], "csrf_token": token})
    assert none.status_code == 400

    key_id = next(
        k.id
        for k, a in accounts.list_keys(
            site.platform, accounts.get_account(site.platform, handle).id
        )
        if k.revoked_at is None
    )
    r = client.post(f"/account/keys/{key_id}/revoke", data={"csrf_token": token})
    assert r.status_code == 303
    assert "revoked" in client.get("/account").text
    gone = client.get("/api/v1/submissions", headers={"Authorization": f"Bearer {key}"})
    assert gone.status_code == 401 and "revoked" in gone.json()["detail"]


def test_submit_through_the_form(client, site):
    token = login(client, "bob")
    assert "Submit a manuscript" in client.get("/submit").text
    data = {
        "kind": "proposal",
        "title": "Measuring Curiosity in Agents",
        "authors": "@bob\nAlan Turing (Bletchley)\nHelper [agent: sim-2 / Example Labs]",
        "categories": "cs.AI, cs.LG",
        "keywords": "curiosity; agents",
        "license": "CC-BY-4.0",
        "ai_generated": "auto",
        "csrf_token": token,
    }
    missing = client.post("/submit", data=data)
    assert missing.status_code == 400 and "Choose the file" in missing.text
    bad = client.post(
        "/submit",
        data={**data, "categories": "not ok!"},
        files={"file": ("p.md", markdown_paper("Curiosity"))},
    )
    assert bad.status_code == 400 and "category" in bad.text
    r = client.post(
        "/submit",
        data=data,
        files={"file": ("curiosity.md", markdown_paper("Measuring Curiosity in Agents"))},
    )
    assert r.status_code == 303, r.text
    sid = r.headers["location"].rsplit("/", 1)[-1]
    page = client.get(f"/abs/{sid}").text
    doc = html.fromstring(page)
    assert doc.xpath('//h1[@class="abs-title"]/text()') == ["Measuring Curiosity in Agents"]
    names = [n.text_content().strip() for n in doc.xpath('//span[@class="author-name"]')]
    assert names == ["Bob Reviewer", "Alan Turing", "Helper"]
    assert "AI-generated" in page  # an agent author makes it AI-generated
    assert "Screening report" in page  # the submitter sees the screening report


def test_comments_are_sanitised_threaded_and_reportable(client, site):
    sid = site.ids["review"]
    token = login(client, "bob")
    evil = "Hello <script>alert('x')</script> **bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    r = client.post(
        f"/abs/{sid}/comments",
        data={"body": evil, "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200 and 'id="comments"' in r.text
    page = client.get(f"/abs/{sid}").text
    assert (
        "<script>alert" not in page and 'href="javascript:' not in page and "<img src=x" not in page
    )
    doc = html.fromstring(page)
    body = doc.xpath('//div[contains(@class, "comment-body")]')[-1]
    assert body.xpath(".//strong/text()") == ["bold"] and not body.xpath(
        ".//script | .//img | .//a"
    )
    assert "&lt;script&gt;" in html.tostring(body, encoding="unicode")
    cid = doc.xpath('//li[contains(@class, "comment")]/@id')[-1][2:]

    too_long = client.post(
        f"/abs/{sid}/comments",
        data={"body": "x" * 10_001, "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert "at most 10,000 characters" in too_long.text

    token_cy = login(client, "cy")
    client.post(
        f"/abs/{sid}/comments",
        data={"body": "A reply to Bob", "parent_id": cid, "csrf_token": token_cy},
    )
    doc = html.fromstring(client.get(f"/abs/{sid}").text)
    reply = doc.xpath(f'//li[@id="c-{cid}"]/ol[@class="replies"]/li')
    assert reply and "A reply to Bob" in reply[0].text_content()

    r = client.post(
        f"/comments/{cid}/report",
        data={"reason": "script injection", "sid": sid, "csrf_token": token_cy},
        headers={"HX-Request": "true"},
    )
    assert "has been reported" in r.text
    twice = client.post(
        f"/comments/{cid}/report",
        data={"sid": sid, "csrf_token": token_cy},
        headers={"HX-Request": "true"},
    )
    assert "already reported" in twice.text
    assert "script injection" not in client.get(f"/abs/{sid}").text
    token_ada = login(client, "ada")
    client.post(f"/comments/{cid}/report", data={"sid": sid, "csrf_token": token_ada})
    # two reports (the test threshold) hide it from readers; its replies stay
    with site.client() as anon:
        doc = html.fromstring(anon.get(f"/abs/{sid}").text)
        hidden = doc.xpath(f'//li[@id="c-{cid}"]')[0]
        assert "hidden after several readers reported it" in hidden.text_content()
        assert "bold" not in hidden.xpath("./p | ./div")[0].text_content()
        assert "A reply to Bob" in hidden.text_content()


def test_like_toggle(client, site):
    sid = site.ids["quantum"]
    token = login(client, "ada")
    start = html.fromstring(client.get(f"/abs/{sid}").text).xpath(
        '//span[@class="like-count"]/text()'
    )[0]
    r = client.post(f"/abs/{sid}/like", data={"csrf_token": token}, headers={"HX-Request": "true"})
    assert (
        'aria-pressed="true"' in r.text
        and f'<span class="like-count">{int(start) + 1}</span>' in r.text
    )
    r = client.post(f"/abs/{sid}/like", data={"csrf_token": token})
    assert r.status_code == 303
    after = html.fromstring(client.get(f"/abs/{sid}").text).xpath(
        '//span[@class="like-count"]/text()'
    )[0]
    assert after == start
    with site.client() as anon:
        r = anon.post(f"/abs/{sid}/like", data={})
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_held_submissions_are_hidden_from_others(client, site):
    sid = seed.submit(site.platform, "bob", "Held For Checks", categories=("cs.CR",))
    with site.platform.db.transaction() as s:
        s.execute(update(Submission).where(Submission.id == sid).values(status="held"))
    with site.client() as anon:
        assert anon.get(f"/abs/{sid}").status_code == 404
        assert sid not in anon.get("/list").text and sid not in anon.get("/").text
        assert sid not in anon.get("/feeds/new.atom").text
        assert sid not in anon.get("/list", params={"category": "cs.CR"}).text
        assert anon.get(f"/abs/{sid}v1/bibtex").status_code == 404
        oai = anon.get(
            "/oai",
            params={
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": f"oai:aixiv.local:{sid}",
            },
        )
        assert 'code="idDoesNotExist"' in oai.text
    login(client, "cy")
    assert client.get(f"/abs/{sid}").status_code == 404
    login(client, "bob")
    mine = client.get(f"/abs/{sid}")
    assert mine.status_code == 200 and "Held for checks" in mine.text
    assert sid in client.get("/list").text
