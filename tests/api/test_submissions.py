"""Submissions through the REST API: create, revise, read back, list, search, permissions."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from aixiv.api import create_app
from aixiv.platform import accounts
from tests.manuscripts import latex_paper, markdown_paper, pdf_paper


@pytest.fixture
def api(platform):
    app = create_app(platform, start_worker=False)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def keys(platform):
    accounts.create_human(platform, "ada", "Ada Lovelace", email="ada@example.org", password="correct horse")
    accounts.create_agent(platform, "ada", "ada-bot", "Ada's Scientist", model_name="sim-1", model_developer="Example Labs")
    accounts.create_human(platform, "bob", "Bob Reviewer")
    out = {}
    out["agent"] = accounts.create_key(platform, "ada-bot", ["submit", "comment"])[1]
    out["bob"] = accounts.create_key(platform, "bob", ["submit", "review", "vote"])[1]
    out["readonly"] = accounts.create_key(platform, "bob", ["comment"])[1]
    return out


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def submit(api, key, data=None, name="paper.md", **meta):
    meta = {"kind": "paper", "title": "Routing Entropy in Sparse Mixtures", **meta}
    return api.post(
        "/api/v1/submissions",
        headers=auth(key),
        files={"file": (name, data if data is not None else markdown_paper())},
        data={"metadata": json.dumps(meta)},
    )


def test_submit_v1_then_v2_and_read_back(api, keys, platform):
    r = submit(api, keys["agent"], categories=["cs.LG"], keywords=["sparse experts"])
    assert r.status_code == 201, r.text
    body = r.json()
    sid = body["id"]
    assert sid.startswith("aixiv.") and len(sid.split(".")[2]) == 6
    assert body["status"] == "submitted" and body["latest_version"] == 1
    assert body["license"] == "CC-BY-4.0" and body["ai_generated"] is True
    author = body["authors"][0]
    assert author["kind"] == "agent" and author["model_name"] == "sim-1"
    assert author["model_developer"] == "Example Labs" and author["initiating_human"] == "Ada Lovelace"

    r2 = api.post(
        f"/api/v1/submissions/{sid}/versions",
        headers=auth(keys["agent"]),
        files={"file": ("v2.pdf", pdf_paper("Routing Entropy, revised"))},
        data={"response_letter": "We addressed every point.", "change_note": "New experiments."},
    )
    assert r2.status_code == 201, r2.text
    assert r2.json()["latest_version"] == 2

    latest = api.get(f"/api/v1/submissions/{sid}").json()
    assert latest["version"]["number"] == 2 and latest["version"]["source_format"] == "pdf"
    assert latest["version"]["response_letter"] == "We addressed every point."
    v1 = api.get(f"/api/v1/submissions/{sid}", params={"version": 1}).json()
    assert v1["version"]["source_format"] == "markdown"
    versions = api.get(f"/api/v1/submissions/{sid}/versions").json()
    assert [v["number"] for v in versions] == [1, 2]
    f1 = api.get(f"/api/v1/submissions/{sid}/versions/1/file")
    assert f1.status_code == 200 and f1.content == markdown_paper()
    f2 = api.get(f"/api/v1/submissions/{sid}/versions/2/file")
    assert f2.content.startswith(b"%PDF") and f2.headers["content-type"] == "application/pdf"
    t1 = api.get(f"/api/v1/submissions/{sid}/versions/1/text")
    assert "routing entropy" in t1.text.lower()
    # every transition is recorded
    assert [h["to_status"] for h in latest["history"]] == ["submitted", "submitted"]
    # the screening jobs are queued, one per version
    from aixiv.records import Job

    with platform.db.read() as s:
        screens = s.query(Job).filter(Job.kind == "pipeline.screen").all()
    assert len(screens) == 2 and {j.status for j in screens} == {"queued"}


def test_all_formats(api, keys):
    for name, data in [("p.tex", latex_paper()), ("p.pdf", pdf_paper()), ("p.md", markdown_paper()), ("p.txt", markdown_paper())]:
        r = submit(api, keys["agent"], data=data, name=name)
        assert r.status_code == 201, (name, r.text)


def test_list_filter_search_and_cursor(api, keys):
    ids = []
    for i in range(5):
        kind = "proposal" if i % 2 else "paper"
        r = submit(api, keys["agent"], title=f"Study number {i} of sparse routing", kind=kind, categories=["cs.LG" if i < 3 else "cs.CL"])
        ids.append(r.json()["id"])
    r = submit(api, keys["bob"], data=markdown_paper("Quantum walks on graphs", extra=" Quantum walks spread faster."), title="Quantum walks on graphs")
    qid = r.json()["id"]

    page = api.get("/api/v1/submissions", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    seen = [it["id"] for it in page["items"]]
    while page["next_cursor"]:
        page = api.get("/api/v1/submissions", params={"limit": 2, "cursor": page["next_cursor"]}).json()
        seen += [it["id"] for it in page["items"]]
    assert sorted(seen) == sorted(ids + [qid]) and len(set(seen)) == 6

    assert {it["kind"] for it in api.get("/api/v1/submissions", params={"kind": "proposal"}).json()["items"]} == {"proposal"}
    cl = api.get("/api/v1/submissions", params={"category": "cs.CL"}).json()["items"]
    assert sorted(it["id"] for it in cl) == sorted(ids[3:])
    found = api.get("/api/v1/submissions", params={"q": "quantum walks"}).json()["items"]
    assert [it["id"] for it in found] == [qid]
    assert api.get("/api/v1/submissions", params={"author": "bob reviewer"}).json()["items"][0]["id"] == qid
    bad = api.get("/api/v1/submissions", params={"cursor": "garbage!"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"


def test_permissions(api, keys):
    r = submit(api, keys["agent"])
    sid = r.json()["id"]
    no_key = api.post("/api/v1/submissions", files={"file": ("a.md", markdown_paper())}, data={"metadata": json.dumps({"kind": "paper", "title": "xyz"})})
    assert no_key.status_code == 401 and "Bearer" in no_key.json()["detail"]
    wrong_scope = submit(api, keys["readonly"])
    assert wrong_scope.status_code == 403 and "'submit' scope" in wrong_scope.json()["detail"]
    bad_key = submit(api, "axk_deadbeef_nothing")
    assert bad_key.status_code == 401
    other = api.post(f"/api/v1/submissions/{sid}/versions", headers=auth(keys["bob"]), files={"file": ("v2.md", markdown_paper())})
    assert other.status_code == 403 and "submitter" in other.json()["detail"]
    missing = api.get("/api/v1/submissions/aixiv.000000.000000")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_revoked_and_expired_keys(api, platform, keys):
    row, key = accounts.create_key(platform, "bob", ["submit"])
    assert submit(api, key).status_code == 201
    accounts.revoke_key(platform, row.prefix)
    r = submit(api, key)
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


@pytest.mark.parametrize(
    "meta, fragment",
    [
        ("not json", "not valid JSON"),
        ('["a list"]', "JSON object"),
        ('{"kind": "poem", "title": "A title"}', "kind"),
        ('{"kind": "paper", "title": "ok title", "license": "WTFPL"}', "license"),
        ('{"kind": "paper", "title": "ok title", "categories": ["bad category!"]}', "category"),
    ],
)
def test_bad_metadata(api, keys, platform, meta, fragment):
    r = api.post("/api/v1/submissions", headers=auth(keys["agent"]), files={"file": ("a.md", markdown_paper())}, data={"metadata": meta})
    assert r.status_code == 400 and fragment in r.json()["detail"]
    assert api.get("/api/v1/submissions").json()["items"] == []
