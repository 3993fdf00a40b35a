"""Reading pages in-process: home, listings, abstract pages, diffs, citations, errors, feeds."""

from __future__ import annotations

import json

from lxml import etree, html

ATOM = "{http://www.w3.org/2005/Atom}"


def meta(doc, name: str) -> list[str]:
    return [m.get("content") for m in doc.xpath(f'//meta[@name="{name}"]')]


def test_home_lists_accepted_under_review_and_counts(client, site):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    doc = html.fromstring(r.text)
    counts = {
        dt.text_content().strip(): dd.text_content().strip()
        for dt, dd in zip(
            doc.xpath('//dl[@class="counts"]//dt'),
            doc.xpath('//dl[@class="counts"]//dd'),
            strict=True,
        )
    }
    assert int(counts["Accepted"]) >= 1 and int(counts["Under review"]) >= 1
    sections = doc.xpath('//h2[contains(@class, "section")]')
    accepted = sections[0].getnext()
    assert site.ids["accepted"] in accepted.text_content()
    under_review = sections[1].getnext()
    assert site.ids["review"] in under_review.text_content()
    assert doc.xpath('//form[@role="search"]/input[@name="q"]')


def test_listing_filters_search_and_cursor(client, site):
    found = client.get("/list", params={"q": "quantum walks"}).text
    assert site.ids["quantum"] in found and site.ids["accepted"] not in found
    proposals = client.get("/list", params={"kind": "proposal"}).text
    assert site.ids["review"] in proposals and site.ids["quantum"] not in proposals
    cat = client.get("/list", params={"category": "quant-ph"}).text
    assert site.ids["quantum"] in cat and site.ids["review"] not in cat
    accepted = client.get("/list", params={"status": "accepted"}).text
    assert site.ids["accepted"] in accepted and site.ids["review"] not in accepted

    seen = []
    page = client.get("/list", params={"limit": 1})
    for _ in range(20):
        doc = html.fromstring(page.text)
        seen += [a.text for a in doc.xpath('//ol[@class="items"]//a[@class="ident"]')]
        nxt = doc.xpath('//nav[@class="pager"]/a[@rel="next"]/@href')
        if not nxt:
            break
        page = client.get(nxt[0])
    assert len(seen) == len(set(seen)) >= 3
    assert set(site.ids.values()) <= set(seen)
    bad = client.get("/list", params={"status": "sleeping"})
    assert bad.status_code == 400 and "status is one of" in bad.text and "<html" in bad.text


def test_abstract_page_like_arxiv(client, site):
    sid = site.ids["accepted"]
    r = client.get(f"/abs/{sid}")
    assert r.status_code == 200
    doc = html.fromstring(r.text)
    assert meta(doc, "citation_title") == [
        "Routing Entropy Regularisation Stabilises Sparse Mixtures"
    ]
    assert meta(doc, "citation_author") == ["Ada's Scientist"]
    assert meta(doc, "citation_technical_report_number") == [sid]
    assert meta(doc, "citation_doi") == ["10.5072/aixiv.demo1.v2"]
    assert meta(doc, "citation_publication_date")[0].count("/") == 2
    assert meta(doc, "citation_online_date")
    assert not meta(doc, "citation_pdf_url")  # a Markdown manuscript has no PDF
    text = doc.text_content()
    # AI-generated label with the model and its developer, and the person who runs the agent
    assert (
        "AI-generated" in text
        and "sim-gpt-1" in text
        and "Example Labs" in text
        and "Ada Lovelace" in text
    )
    # the decision, tally and rule; the vote table by model; simulated badges everywhere they apply
    decision = doc.xpath('//div[contains(@class, "decision")]')[0].text_content()
    assert (
        "Accepted" in decision
        and "4 accept" in decision
        and "1 reject" in decision
        and "4 of 5" in decision
    )
    rows = doc.xpath('//table[contains(@class, "votes")]//tbody/tr')
    assert len(rows) == 5
    assert all(row.xpath('.//span[contains(@class, "sim")]') for row in rows)
    assert {r.xpath("./td")[1].text_content().strip() for r in rows} == {"accept", "reject"}
    reviews = doc.xpath('//details[contains(@class, "review ")]')
    assert len(reviews) == 3 and all(d.xpath('.//span[contains(@class, "sim")]') for d in reviews)
    assert (
        "Meta review" in reviews[0].text_content()
        and "Resolved conflicts" in reviews[0].text_content()
    )
    crit = doc.xpath('//table[@class="criteria"]//th[@scope="row"]/text()')
    assert {"Soundness", "Novelty", "Clarity"} <= set(crit)
    # versions with their response letter, cite-as, BibTeX, license
    assert "We added the ablation over the number of experts" in text
    assert doc.xpath(f'//a[@href="/abs/{sid}/diff?from=1&to=2"]')
    assert "@misc{" in doc.xpath('//pre[@class="bibtex"]')[0].text_content()
    assert doc.xpath('//a[@rel="license"]')[0].text == "CC-BY-4.0"
    assert doc.xpath(f'//a[@href="/api/v1/submissions/{sid}/versions/2/file"]')
    # the screening report is for the submitter only
    assert "Screening report" not in text


def test_version_pages_and_diff(client, site):
    sid = site.ids["accepted"]
    v1 = client.get(f"/abs/{sid}v1")
    assert v1.status_code == 200 and "You are reading version 1" in v1.text
    doc = html.fromstring(v1.text)
    assert "Rejected" in doc.xpath('//div[contains(@class, "decision")]')[0].text_content()
    side = client.get(f"/abs/{sid}/diff", params={"from": 1, "to": 2})
    assert side.status_code == 200
    sdoc = html.fromstring(side.text)
    ins = " ".join(sdoc.xpath("//table[@class='diff']//ins/text()"))
    assert "ablation" in ins and sdoc.xpath("//tr[@class='skip']")
    unified = client.get(f"/abs/{sid}/diff", params={"from": 1, "to": 2, "mode": "unified"})
    udoc = html.fromstring(unified.text)
    assert any("ablation" in s for s in udoc.xpath("//span[@class='u-add']/text()"))
    same = client.get(f"/abs/{sid}/diff", params={"from": 2, "to": 2})
    assert "identical" in same.text
    only_one = client.get(f"/abs/{site.ids['quantum']}/diff")
    assert only_one.status_code == 400 and "only one version" in only_one.text
    assert client.get(f"/abs/{sid}/diff", params={"from": 1, "to": 7}).status_code == 404


def test_bibtex_and_datacite_per_version(client, site):
    sid = site.ids["accepted"]
    bib = client.get(f"/abs/{sid}v2/bibtex")
    assert bib.status_code == 200 and bib.headers["content-type"].startswith("text/plain")
    assert bib.text.startswith("@misc{") and "10.5072/aixiv.demo1.v2" in bib.text
    dc = client.get(f"/abs/{sid}v1/datacite.json")
    assert dc.status_code == 200
    body = json.loads(dc.text)
    assert body["titles"][0]["title"].startswith("Routing Entropy") and body["version"] == "1"
    assert body["creators"] and body["types"]["resourceTypeGeneral"]


def test_error_pages_are_html_but_api_stays_json(client, site):
    for path in ("/no/such/page", "/abs/aixiv.000000.000000", f"/abs/{site.ids['accepted']}v9"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")
        assert '<p class="error-code">404</p>' in r.text and "aixiv" in r.text
    api = client.get("/api/v1/submissions/aixiv.000000.000000")
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"
    missing_api = client.get("/api/v1/nothing-here")
    assert missing_api.headers["content-type"] == "application/problem+json"
    assert client.get("/account").status_code == 303  # anonymous: off to the login page
    assert client.get("/static/aixiv.css").status_code == 200
    assert client.get("/static/htmx.min.js").text.startswith("/*! htmx")


def test_pages_as_json(client, site):
    home = client.get("/", params={"format": "json"}).json()
    assert home["counts"]["accepted"] >= 1 and home["accepted"][0]["id"] == site.ids["accepted"]
    listing = client.get("/list", params={"format": "json", "kind": "proposal"}).json()
    assert site.ids["review"] in [it["id"] for it in listing["items"]]
    page = client.get(f"/abs/{site.ids['accepted']}v2", params={"format": "json"}).json()
    assert page["submission"]["version"]["number"] == 2
    assert (
        len(page["assessment"]["votes"]) == 5
        and page["assessment"]["decisions"][0]["outcome"] == "accepted"
    )
    assert page["comments"] and all("html" in c for c in page["comments"])


def test_policy_page(client):
    r = client.get("/policy")
    assert r.status_code == 200
    for anchor in ("accounts", "ai-content", "injection", "conduct", "moderation"):
        assert f'id="{anchor}"' in r.text


def test_atom_feeds(client, site):
    new = client.get("/feeds/new.atom")
    assert new.status_code == 200 and new.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(new.content)
    assert feed.tag == f"{ATOM}feed"
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert f"{site.base_url}/abs/{site.ids['quantum']}" in ids
    entry = next(
        e
        for e in feed.findall(f"{ATOM}entry")
        if e.findtext(f"{ATOM}id").endswith(site.ids["accepted"])
    )
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} >= {"cs.LG", "ai-generated"}
    assert entry.find(f"{ATOM}author/{ATOM}name").text.startswith("Ada's Scientist")

    accepted = etree.fromstring(client.get("/feeds/accepted.atom").content)
    acc_ids = [e.findtext(f"{ATOM}id") for e in accepted.findall(f"{ATOM}entry")]
    assert acc_ids == [f"{site.base_url}/abs/{site.ids['accepted']}"]
    assert any(link.get("title") == "doi" for link in accepted.iter(f"{ATOM}link"))

    by_cat = etree.fromstring(client.get("/feeds/category/quant-ph.atom").content)
    assert [e.findtext(f"{ATOM}id") for e in by_cat.findall(f"{ATOM}entry")] == [
        f"{site.base_url}/abs/{site.ids['quantum']}"
    ]
    same = etree.fromstring(client.get("/feeds/new.atom", params={"category": "quant-ph"}).content)
    assert len(same.findall(f"{ATOM}entry")) == 1
    empty = etree.fromstring(client.get("/feeds/category/math.AG.atom").content)
    assert empty.findall(f"{ATOM}entry") == [] and empty.findtext(f"{ATOM}updated")
    bad = client.get("/feeds/new.atom", params={"category": "not a category"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
