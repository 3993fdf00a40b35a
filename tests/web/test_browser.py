"""The site in real Chromium against a live server: register, agents and keys, submit, like,
comment and reply, report, read reviews and votes, compare versions, moderate a reported
comment, add a version through the form."""

from __future__ import annotations

import re
import uuid

import pytest
from tests.web import seed

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live):
    context = browser.new_context(base_url=live, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    p = context.new_page()
    yield p
    context.close()


def _login(page, handle: str) -> None:
    page.goto("/login")
    page.fill("input[name=ident]", handle)
    page.fill("input[name=password]", seed.PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector(f"nav.top a:text-is('{handle}')")


def test_register_agent_key_submit_like_comment(page, tmp_path):
    handle = "b" + uuid.uuid4().hex[:8]
    page.goto("/register")
    page.fill("input[name=handle]", handle)
    page.fill("input[name=display_name]", "Barbara Liskov")
    page.fill("input[name=email]", f"{handle}@example.org")
    page.fill("input[name=password]", "substitution-1987")
    page.click("form.stack button[type=submit]")
    # the policy box was left unticked: the form comes back with the reason
    page.wait_for_selector("p.notice.error")
    assert "use policy" in page.inner_text("p.notice.error")
    page.fill("input[name=password]", "substitution-1987")
    page.check("input[name=accept_policy]")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/account\?welcome=1$"))
    assert "Welcome to aixiv" in page.inner_text("main")

    agents = page.locator("#agents form")
    agents.locator("input[name=handle]").fill(f"{handle}-bot")
    agents.locator("input[name=display_name]").fill("Liskov's Scientist")
    agents.locator("input[name=model_name]").fill("sim-gpt-2")
    agents.locator("input[name=model_developer]").fill("Example Labs")
    agents.locator("button[type=submit]").click()
    page.wait_for_selector(f"#agents li:has-text('@{handle}-bot')")

    keys = page.locator("form.key-form")
    keys.locator("select[name=account]").select_option(f"{handle}-bot")
    keys.locator("input[name=name]").fill("lab cluster")
    keys.locator("button[type=submit]").click()
    key = page.inner_text("#new-key").strip()
    assert key.startswith("axk_") and "shown only this once" in page.inner_text(".new-key")
    page.goto("/account")
    assert key not in page.content() and f"@{handle}-bot" in page.inner_text("table.keys")

    manuscript = tmp_path / "liskov.md"
    manuscript.write_text(
        "# Behavioural Subtyping for Agents\n\n## Abstract\n\nWe ask when one agent may stand in for another "
        "without surprising its callers, and propose a substitution test for tool-using agents.\n\n"
        "## 1 Introduction\n\n" + "Substitutability matters for agent pipelines. " * 20 + "\n"
    )
    page.click("nav.top a:text-is('Submit')")
    page.set_input_files("input[name=file]", str(manuscript))
    page.fill("input[name=title]", "Behavioural Subtyping for Agents")
    page.fill("textarea[name=authors]", f"@{handle}\n@{handle}-bot")
    page.fill("input[name=categories]", "cs.SE, cs.AI")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/abs/aixiv\.\d{6}\.\d{6}$"), timeout=60_000)
    assert page.inner_text("h1.abs-title") == "Behavioural Subtyping for Agents"
    assert "sim-gpt-2" in page.inner_text(".attribution") and "Barbara Liskov" in page.inner_text(
        ".attribution"
    )
    assert page.is_visible(".ai-notice")
    assert page.is_visible("#screening")  # the submitter sees the screening report
    url = page.url

    page.click("button.like")
    page.wait_for_selector("button.like.liked")
    assert page.inner_text("button.like .like-count") == "1" and page.url == url  # htmx: no reload

    page.fill("#comment-body", "A first comment with `code` and **emphasis**.")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector(".thread .comment-body code")
    assert page.inner_text(".thread .comment-body strong") == "emphasis"
    page.click(".thread details.reply summary")
    page.fill(".thread details.reply textarea", "And a reply to it.")
    page.click(".thread details.reply button[type=submit]")
    page.wait_for_selector(".replies .comment-body:has-text('And a reply to it.')")
    assert "2 comments" in page.inner_text("#comments-h")

    page.click("nav.top button:text-is('Log out')")
    page.wait_for_selector("nav.top a:text-is('Log in')")
    page.goto(url)
    assert page.is_visible("a.like") and not page.is_visible("#screening")


def test_reviews_votes_and_diff(page, site):
    sid = site.ids["accepted"]
    page.goto(f"/abs/{sid}")
    decision = page.inner_text(".decision")
    assert "Accepted" in decision and "4 accept" in decision and "1 reject" in decision
    rows = page.locator("table.votes tbody tr")
    assert rows.count() == 5
    assert page.locator("table.votes .badge.sim").count() == 5 and page.is_visible(".sim-notice")
    domain = page.locator("details.review-domain").first
    assert not domain.locator("table.criteria").is_visible()
    domain.locator("summary").click()
    assert domain.locator("table.criteria").is_visible()
    assert "Soundness" in domain.inner_text() and domain.locator(".badge.sim").is_visible()

    page.select_option("form.compare select[name=from]", "1")
    page.select_option("form.compare select[name=to]", "2")
    page.click("form.compare button[type=submit]")
    page.wait_for_url(re.compile(r"/diff\?from=1&to=2"))
    assert "ablation" in page.inner_text("table.diff ins")
    page.select_option("form.compare select[name=mode]", "unified")
    page.click("form.compare button[type=submit]")
    page.wait_for_selector("pre.unified .u-add")


def test_report_a_comment(page, site):
    sid = site.ids["accepted"]
    _login(page, "cy")
    page.goto(f"/abs/{sid}")
    comment = page.locator(".thread > li.comment").first
    report = comment.locator(":scope > .comment-actions > details.report")
    report.locator("summary").click()
    report.locator("input[name=reason]").fill("off-topic")
    report.locator("button[type=submit]").click()
    page.wait_for_selector("#comments .notice")
    note = page.inner_text("#comments .notice")
    assert "has been reported" in note or "already reported" in note


def test_admin_hides_a_reported_comment(page, site):
    from tests.web.test_web_moderation import make_admin, reported_comment

    sid, cid = reported_comment(site, "Visit my *totally relevant* shop.", "advertising")
    admin = make_admin(site)
    _login(page, admin)
    page.click("nav.top a:text-is('Moderation')")
    page.wait_for_url(re.compile(r"/admin/moderation$"))
    item = page.locator(f"#reported li#m-{cid}")
    assert "advertising" in item.inner_text() and "@cy" in item.inner_text()
    assert item.locator(".mod-text em").inner_text() == "totally relevant"
    item.locator("button:text-is('Hide comment')").click()
    page.wait_for_selector("p.notice.ok")
    assert "is hidden" in page.inner_text("p.notice.ok")
    assert page.locator(f"#reported li#m-{cid}").count() == 0
    assert f"by @{admin}" in page.inner_text(f"#hidden li#m-{cid}")

    page.click(f"#hidden li#m-{cid} a[href='/abs/{sid}#c-{cid}']")
    page.wait_for_selector(f"li#c-{cid} .badge.hidden")  # the admin still sees it, marked
    page.click("nav.top button:text-is('Log out')")
    page.wait_for_selector("nav.top a:text-is('Log in')")
    page.goto(f"/abs/{sid}")
    assert page.locator(f"li#c-{cid}").count() == 0
    assert "totally relevant" not in page.inner_text("#comments")


def test_owner_submits_a_new_version(page, site, tmp_path, monkeypatch):
    sid = seed.submit(site.platform, "bob", "Sparse Experts Revisited")
    _login(page, "bob")
    page.goto(f"/abs/{sid}")
    assert page.locator("#versions a:text-is('Add version 2')").is_visible()
    page.click(".actions-bar a:text-is('Add a new version')")
    page.wait_for_url(re.compile(rf"/abs/{re.escape(sid)}/versions/new$"))

    # a file over the limit is refused in the browser, before it is sent
    monkeypatch.setattr(site.platform.settings, "max_upload_mb", 0.001)
    page.reload()
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "words " * 1000)
    page.set_input_files("input[name=file]", str(big))
    message = page.eval_on_selector("input[name=file]", "el => el.validationMessage")
    assert message.startswith("The file is") and "the limit is" in message
    page.click("form.version-form button[type=submit]")  # the browser keeps it
    assert page.url.endswith("/versions/new") and page.locator("p.notice.error").count() == 0
    monkeypatch.undo()
    page.reload()

    wrong = tmp_path / "figure.png"
    wrong.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.set_input_files("input[name=file]", str(wrong))
    page.fill("textarea[name=response_letter]", "We thank the reviewers.\n\nWe added seeds.")
    page.click("form.version-form button[type=submit]")
    page.wait_for_selector("p.notice.error")
    assert "upload a PDF" in page.inner_text("p.notice.error")
    assert page.input_value("textarea[name=response_letter]").startswith("We thank the reviewers.")

    manuscript = tmp_path / "revisited-v2.md"
    manuscript.write_text(
        "# Sparse Experts Revisited\n\n## Abstract\n\nA second look at sparse experts, now with "
        "three seeds per setting.\n\n## 1 Introduction\n\n" + "Seeds matter. " * 40 + "\n"
    )
    page.set_input_files("input[name=file]", str(manuscript))
    page.fill("input[name=change_note]", "Three seeds per setting.")
    page.click("form.version-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/abs/{re.escape(sid)}v2$"), timeout=60_000)
    assert page.inner_text(".abs-ident .ident") == f"{sid}v2"
    assert "Three seeds per setting." in page.inner_text("#versions .version.current")
    page.click("#versions .version.current details.letter summary")
    assert page.inner_text("#versions .version.current .letter-text p >> nth=1") == "We added seeds."
