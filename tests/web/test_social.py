"""The social service (comments, reports, likes) on SQLite and PostgreSQL, and its REST routes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.web import seed

from aixiv.api import create_app
from aixiv.platform import BadInput, Conflict, Forbidden, NotFound, Unauthorized, accounts, social
from aixiv.records import AuditEvent, Submission


@pytest.fixture
def sid(platform):
    seed.people(platform)
    return seed.submit(platform, "ada", "Comments Welcome")


def _row(p, sid):
    with p.db.read() as s:
        return s.get(Submission, sid)


def test_comments_threads_reports_and_likes(platform, sid):
    p = platform
    bob, cy, ada = seed.principal(p, "bob"), seed.principal(p, "cy"), seed.principal(p, "ada")
    updated = _row(p, sid).updated_at

    top = social.post_comment(p, bob, sid, "First *thoughts*")
    assert top.html.strip() == "<p>First <em>thoughts</em></p>" and top.author == "bob"
    reply = social.post_comment(p, ada, sid, "Thanks", parent_id=top.id)
    social.post_comment(p, cy, sid, "Another thread")
    tree = social.thread(social.list_comments(p, sid))
    assert [c.body for c in tree] == ["First *thoughts*", "Another thread"]
    assert [r.id for r in tree[0].replies] == [reply.id]
    assert _row(p, sid).comment_count == 3

    with pytest.raises(BadInput, match="empty"):
        social.post_comment(p, bob, sid, "   ")
    with pytest.raises(BadInput, match="at most"):
        social.post_comment(p, bob, sid, "x" * (social.COMMENT_MAX_CHARS + 1))
    with pytest.raises(NotFound):
        social.post_comment(p, bob, sid, "orphan", parent_id="nope")
    with pytest.raises(NotFound):
        social.post_comment(p, bob, "aixiv.000000.000000", "nowhere")

    with pytest.raises(BadInput, match="your own"):
        social.report_comment(p, bob, top.id)
    first = social.report_comment(p, cy, top.id, "rude")
    assert first.report_count == 1 and not first.hidden
    with pytest.raises(Conflict, match="already reported"):
        social.report_comment(p, cy, top.id)
    for i in range(social.HIDE_AFTER_REPORTS - 1):
        handle = f"reader{i}"
        accounts.create_human(p, handle, f"Reader {i}")
        last = social.report_comment(p, seed.principal(p, handle), top.id)
    assert last.hidden and last.report_count == social.HIDE_AFTER_REPORTS
    assert _row(p, sid).comment_count == 2
    public = {c.id: c for c in social.list_comments(p, sid)}
    assert public[top.id].hidden and public[top.id].body is None and public[top.id].html is None
    assert (
        social.list_comments(p, sid, bob)[0].body == "First *thoughts*"
    )  # its author still sees it
    with pytest.raises(Conflict, match="hidden"):
        social.post_comment(p, cy, sid, "late reply", parent_id=top.id)

    assert social.toggle_like(p, bob, sid).model_dump() == {
        "submission_id": sid,
        "liked": True,
        "like_count": 1,
    }
    assert social.set_like(p, bob, sid, True).like_count == 1  # idempotent
    assert social.set_like(p, cy, sid, True).like_count == 2
    assert social.toggle_like(p, bob, sid).like_count == 1
    assert social.set_like(p, bob, sid, False).like_count == 1
    assert social.like_state(p, cy, sid).liked and not social.like_state(p, None, sid).liked
    # counters are not news: the record's datestamp (feeds, OAI-PMH) stays put
    assert _row(p, sid).updated_at == updated
    with p.db.read() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {
        "comment.create",
        "comment.report",
        "comment.hide",
        "like.add",
        "like.remove",
    } <= actions


def test_scope_comment_is_required(platform, sid):
    p = platform
    from aixiv.platform import Principal

    reader = Principal(
        account=accounts.get_account(p, "bob"), scopes=frozenset({"submit"}), via="key"
    )
    with pytest.raises(Forbidden, match="'comment' scope"):
        social.post_comment(p, reader, sid, "hello")
    with pytest.raises(Forbidden):
        social.set_like(p, reader, sid, True)


def test_rest_routes(platform, sid):
    p = platform
    agent_key = accounts.create_key(p, "ada-bot", ["comment"])[1]
    submit_only = accounts.create_key(p, "bob", ["submit"])[1]
    cy_key = accounts.create_key(p, "cy", ["comment"])[1]
    bob_key = accounts.create_key(p, "bob", ["comment"])[1]
    with TestClient(create_app(p, start_worker=False)) as api:
        url = f"/api/v1/submissions/{sid}/comments"
        r = api.post(url, json={"body": "no key"})
        assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
        r = api.post(
            url, json={"body": "wrong scope"}, headers={"Authorization": f"Bearer {submit_only}"}
        )
        assert r.status_code == 403
        r = api.post(
            url,
            json={"body": "An agent's **note** <script>x</script>"},
            headers={"Authorization": f"Bearer {agent_key}"},
        )
        assert r.status_code == 201, r.text
        c = r.json()
        assert (
            c["author"] == "ada-bot" and c["author_kind"] == "agent" and "<script>" not in c["html"]
        )
        r = api.post(
            url,
            json={"body": "reply", "parent_id": c["id"]},
            headers={"Authorization": f"Bearer {cy_key}"},
        )
        assert r.status_code == 201 and r.json()["parent_id"] == c["id"]
        listed = api.get(url).json()
        assert [x["parent_id"] for x in listed] == [None, c["id"]]
        assert (
            api.post(
                url, json={"body": ""}, headers={"Authorization": f"Bearer {cy_key}"}
            ).status_code
            == 422
        )

        rep = api.post(
            f"/api/v1/comments/{c['id']}/report",
            json={"reason": "spam"},
            headers={"Authorization": f"Bearer {cy_key}"},
        )
        assert rep.status_code == 201 and rep.json() == {
            "comment_id": c["id"],
            "report_count": 1,
            "hidden": False,
        }
        again = api.post(
            f"/api/v1/comments/{c['id']}/report", headers={"Authorization": f"Bearer {cy_key}"}
        )
        assert again.status_code == 409
        assert (
            api.post(
                "/api/v1/comments/nope/report", headers={"Authorization": f"Bearer {cy_key}"}
            ).status_code
            == 404
        )

        like = f"/api/v1/submissions/{sid}/like"
        assert api.post(like).status_code == 401
        assert (
            api.post(like, headers={"Authorization": f"Bearer {bob_key}"}).json()["like_count"] == 1
        )
        assert (
            api.post(like, headers={"Authorization": f"Bearer {bob_key}"}).json()["like_count"] == 1
        )
        assert api.get(like, headers={"Authorization": f"Bearer {bob_key}"}).json()["liked"] is True
        assert api.delete(like, headers={"Authorization": f"Bearer {bob_key}"}).json() == {
            "submission_id": sid,
            "liked": False,
            "like_count": 0,
        }
        assert api.get(f"/api/v1/submissions/{sid}").json()["comment_count"] == 2
        assert (
            api.post(
                "/api/v1/submissions/aixiv.000000.000000/like",
                headers={"Authorization": f"Bearer {bob_key}"},
            ).status_code
            == 404
        )


def test_unknown_principal_is_refused(platform, sid):
    with pytest.raises(Unauthorized):
        social.post_comment(platform, None, sid, "anonymous")
