"""Moderation in the service layer (on SQLite and PostgreSQL) and its REST routes: reported
comments hidden, restored and dismissed by administrators, hidden comments gone from the
public thread, held submissions in the queue, and migration 0004."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select
from tests.web import seed

from aixiv.api import create_app
from aixiv.platform import (
    Conflict,
    Forbidden,
    NotFound,
    Principal,
    Unauthorized,
    accounts,
    moderation,
    social,
)
from aixiv.records import AuditEvent, CommentReport, Submission


def admin_of(p, handle: str = "mod") -> Principal:
    seed.admin(p, handle)
    return seed.principal(p, handle)


@pytest.fixture
def sid(platform):
    seed.people(platform)
    return seed.submit(platform, "ada", "Moderation Welcome")


def _count(p, sid) -> int:
    with p.db.read() as s:
        return s.get(Submission, sid).comment_count


def test_only_administrators_moderate(platform, sid):
    p = platform
    admin = admin_of(p)
    top = social.post_comment(p, seed.principal(p, "bob"), sid, "hello")
    with pytest.raises(Unauthorized):
        moderation.queue(p, None)
    for who in (
        seed.principal(p, "cy"),
        # an administrator's key without the admin scope does not moderate either
        Principal(account=admin.account, scopes=frozenset({"comment"}), via="key"),
        # nor does a key that claims the scope for an account that is not an administrator
        Principal(account=seed.principal(p, "cy").account, scopes=frozenset({"admin"}), via="key"),
    ):
        with pytest.raises(Forbidden):
            moderation.queue(p, who)
        with pytest.raises(Forbidden):
            moderation.hide_comment(p, who, top.id)
    assert moderation.queue(p, admin).reported == []


def test_hide_restore_and_dismiss(platform, sid):
    p = platform
    admin = admin_of(p)
    bob, cy, ada = (seed.principal(p, h) for h in ("bob", "cy", "ada"))
    top = social.post_comment(p, bob, sid, "Rude *remark*")
    reply = social.post_comment(p, ada, sid, "Please keep it civil.", parent_id=top.id)
    leaf = social.post_comment(p, cy, sid, "Buy cheap pills")
    assert _count(p, sid) == 3

    social.report_comment(p, cy, top.id, "rude")
    social.report_comment(p, bob, leaf.id, "spam")
    q = moderation.queue(p, admin)
    assert [m.comment.id for m in q.reported] == [leaf.id, top.id]  # newest report first
    first = q.reported[1]
    assert first.submission_id == sid and first.submission_title == "Moderation Welcome"
    assert first.comment.body == "Rude *remark*" and not first.comment.hidden
    assert [(r.reporter, r.reason, r.resolution) for r in first.reports] == [("cy", "rude", None)]

    hidden = moderation.hide_comment(p, admin, top.id)
    assert hidden.hidden and hidden.hidden_reason == "moderator" and hidden.body == "Rude *remark*"
    assert _count(p, sid) == 2
    with pytest.raises(Conflict, match="already hidden"):
        moderation.hide_comment(p, admin, top.id)
    q = moderation.queue(p, admin)
    assert [m.comment.id for m in q.reported] == [leaf.id]
    assert [(m.comment.id, m.hidden_by) for m in q.hidden] == [(top.id, "mod")]
    with p.db.read() as s:
        report = s.scalar(select(CommentReport).where(CommentReport.comment_id == top.id))
        assert report.resolution == "upheld" and report.resolved_by == admin.id

    # readers: the hidden comment keeps its place for the reply, without its text or author
    public = {c.id: c for c in social.list_comments(p, sid)}
    assert set(public) == {top.id, reply.id, leaf.id}
    assert public[top.id].body is None and public[top.id].hidden_reason == "moderator"
    assert social.thread(list(public.values()))[0].replies[0].id == reply.id
    assert {c.id: c.body for c in social.list_comments(p, sid, bob)}[top.id] == "Rude *remark*"
    with pytest.raises(Conflict, match="hidden"):
        social.post_comment(p, cy, sid, "late", parent_id=top.id)

    # a hidden comment without replies leaves the public thread; its author and admins see it
    moderation.hide_comment(p, admin, leaf.id)
    assert leaf.id not in {c.id for c in social.list_comments(p, sid)}
    assert leaf.id not in {c.id for c in social.list_comments(p, sid, bob)}
    assert leaf.id in {c.id for c in social.list_comments(p, sid, cy)}
    assert leaf.id in {c.id for c in social.list_comments(p, sid, admin)}

    restored = moderation.restore_comment(p, admin, top.id)
    assert not restored.hidden and restored.hidden_reason is None
    assert _count(p, sid) == 2
    assert social.list_comments(p, sid)[0].body == "Rude *remark*"
    with pytest.raises(Conflict, match="not hidden"):
        moderation.restore_comment(p, admin, top.id)
    with pytest.raises(NotFound):
        moderation.hide_comment(p, admin, "nope")

    # dismissing a report leaves the comment as it is
    rep = social.report_comment(p, cy, reply.id, "off-topic")
    assert not rep.hidden
    (item,) = moderation.queue(p, admin).reported
    dismissed = moderation.dismiss_report(p, admin, item.reports[0].id)
    assert dismissed.resolution == "dismissed" and dismissed.resolved_by == "mod"
    assert moderation.queue(p, admin).reported == []
    assert not social.list_comments(p, sid)[1].hidden
    with pytest.raises(Conflict, match="already dismissed"):
        moderation.dismiss_report(p, admin, item.reports[0].id)
    with pytest.raises(NotFound):
        moderation.dismiss_report(p, admin, 999_999)
    with pytest.raises(Conflict, match="already reported"):
        social.report_comment(p, cy, reply.id)  # a dismissed report still counts as made

    with p.db.read() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"comment.hide", "comment.restore", "comment.report.dismiss"} <= actions


def test_only_open_reports_hide_a_comment(platform, sid):
    p = platform
    admin = admin_of(p)
    c = social.post_comment(p, seed.principal(p, "bob"), sid, "Contested")
    readers = []
    for i in range(social.HIDE_AFTER_REPORTS + 1):
        accounts.create_human(p, f"reader{i}", f"Reader {i}")
        readers.append(seed.principal(p, f"reader{i}"))
    for r in readers[: social.HIDE_AFTER_REPORTS]:
        last = social.report_comment(p, r, c.id, "wrong")
    assert last.hidden
    q = moderation.queue(p, admin)
    assert q.reported[0].comment.hidden_reason == "reports" and q.reported[0].hidden_by is None
    moderation.restore_comment(p, admin, c.id)
    # the restored comment's reports were dismissed: one more report does not hide it again
    assert not social.report_comment(p, readers[-1], c.id, "still wrong").hidden
    assert [len(m.reports) for m in moderation.queue(p, admin).reported] == [1]


def test_held_submissions_are_queued(platform, sid):
    p = platform
    admin = admin_of(p)
    assert moderation.queue(p, admin).held == []
    seed.hold(p, sid)
    (h,) = moderation.queue(p, admin).held
    assert (h.id, h.version, h.submitter, h.title) == (sid, 1, "ada", "Moderation Welcome")
    assert h.risk == pytest.approx(0.91) and h.threshold == 0.5
    assert h.categories == ["instruction", "concealed"]
    assert "risk 0.91" in h.reason and h.held_at is not None


def test_rest_routes(platform, sid):
    p = platform
    admin_of(p)
    admin_key = accounts.create_key(p, "mod", ["admin", "comment"])[1]
    plain_key = accounts.create_key(p, "mod", ["comment"])[1]
    cy_key = accounts.create_key(p, "cy", ["comment"])[1]
    c = social.post_comment(p, seed.principal(p, "bob"), sid, "Off-topic rant")
    social.report_comment(p, seed.principal(p, "cy"), c.id, "rant")
    seed.hold(p, seed.submit(p, "bob", "Ignore Previous Instructions"))
    admin = {"Authorization": f"Bearer {admin_key}"}
    with TestClient(create_app(p, start_worker=False)) as api:
        assert api.get("/api/v1/moderation").status_code == 401
        for key in (plain_key, cy_key):
            r = api.get("/api/v1/moderation", headers={"Authorization": f"Bearer {key}"})
            assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
        q = api.get("/api/v1/moderation", headers=admin).json()
        (item,) = q["reported"]
        assert item["comment"]["body"] == "Off-topic rant" and item["reports"][0]["reason"] == "rant"
        assert [h["title"] for h in q["held"]] == ["Ignore Previous Instructions"]

        r = api.post(f"/api/v1/moderation/comments/{c.id}/hide", headers=admin)
        assert r.status_code == 200 and r.json()["hidden"] and r.json()["hidden_reason"] == "moderator"
        assert api.get(f"/api/v1/submissions/{sid}/comments").json() == []
        assert api.post(f"/api/v1/moderation/comments/{c.id}/hide", headers=admin).status_code == 409
        r = api.post(f"/api/v1/moderation/comments/{c.id}/restore", headers=admin)
        assert r.status_code == 200 and not r.json()["hidden"]
        assert [x["id"] for x in api.get(f"/api/v1/submissions/{sid}/comments").json()] == [c.id]

        social.report_comment(p, seed.principal(p, "ada"), c.id, "second look")
        rid = api.get("/api/v1/moderation", headers=admin).json()["reported"][0]["reports"][0]["id"]
        r = api.post(f"/api/v1/moderation/reports/{rid}/dismiss", headers=admin)
        assert r.status_code == 200 and r.json()["resolution"] == "dismissed"
        assert api.post(f"/api/v1/moderation/reports/{rid}/dismiss", headers=admin).status_code == 409
        r = api.post(
            f"/api/v1/moderation/comments/{c.id}/hide", headers={"Authorization": f"Bearer {cy_key}"}
        )
        assert r.status_code == 403


def test_migration_0004_round_trip(platform):
    """Down to 0003 and up again with comments and reports in the tables."""
    from alembic import command

    from aixiv.records.db import alembic_config

    p = platform
    seed.people(p)
    sid = seed.submit(p, "ada", "Migrations Keep Comments")
    c = social.post_comment(p, seed.principal(p, "bob"), sid, "kept")
    social.report_comment(p, seed.principal(p, "cy"), c.id, "kept too")
    cfg = alembic_config(p.db.url)

    def migrate(step, target: str) -> None:
        with p.db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            step(cfg, target)

    def columns(table: str) -> set[str]:
        with p.db.engine.connect() as conn:
            return {col["name"] for col in inspect(conn).get_columns(table)}

    try:
        migrate(command.downgrade, "0003")
        assert not {"hidden_at", "hidden_by"} & columns("comments")
        assert not {"resolved_at", "resolved_by", "resolution"} & columns("comment_reports")
    finally:
        migrate(command.upgrade, "head")
    assert {"hidden_at", "hidden_by"} <= columns("comments")
    assert {"resolved_at", "resolved_by", "resolution"} <= columns("comment_reports")
    (item,) = moderation.queue(p, admin_of(p)).reported  # the old report is open
    assert item.comment.body == "kept" and item.reports[0].reason == "kept too"


def test_an_administrator_releases_a_held_submission_to_review(platform, sid):
    from aixiv.platform import BadInput
    from aixiv.records import Job, StatusTransition

    p = platform
    admin = admin_of(p)
    with pytest.raises(Conflict, match="Only a held submission"):
        moderation.release_held(p, admin, sid, "nothing to release")
    seed.hold(p, sid)
    with pytest.raises(Forbidden):
        moderation.release_held(p, seed.principal(p, "ada"), sid, "my own paper is fine")
    with pytest.raises(BadInput):
        moderation.release_held(p, admin, sid, "  ")
    with pytest.raises(NotFound):
        moderation.release_held(p, admin, "nope", "a quoted example")
    out = moderation.release_held(p, admin, sid, "the flagged sentence is a quoted example")
    assert (out.status, out.version, out.released_by) == ("under_review", 1, "mod")
    assert moderation.queue(p, admin).held == []
    with p.db.read() as s:
        last = s.scalars(select(StatusTransition).where(StatusTransition.submission_id == sid)
                         .order_by(StatusTransition.id.desc())).first()
        assert (last.from_status, last.to_status, last.actor_id) == ("held", "under_review", admin.id)
        assert "quoted example" in last.reason
        assert s.scalar(select(Job).where(Job.idempotency_key.like("review:%"))) is not None
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "guard.release")) is not None
    with pytest.raises(Conflict):  # released once
        moderation.release_held(p, admin, sid, "again")


def test_release_over_rest(platform, sid):
    p = platform
    admin_of(p)
    admin = {"Authorization": f"Bearer {accounts.create_key(p, 'mod', ['admin'])[1]}"}
    ada = {"Authorization": f"Bearer {accounts.create_key(p, 'ada', ['submit'])[1]}"}
    seed.hold(p, sid)
    url = f"/api/v1/moderation/submissions/{sid}/release"
    with TestClient(create_app(p, start_worker=False)) as api:
        assert api.post(url, json={"reason": "quoted example"}, headers=ada).status_code == 403
        assert api.post(url, json={"reason": ""}, headers=admin).status_code == 422
        r = api.post(url, json={"reason": "quoted example in a survey"}, headers=admin)
        assert r.status_code == 200 and r.json()["status"] == "under_review"
        assert api.post(url, json={"reason": "again"}, headers=admin).status_code == 409


def test_a_hidden_comment_kept_as_a_placeholder_names_nobody(platform, sid):
    p = platform
    admin = admin_of(p)
    parent = social.post_comment(p, seed.principal(p, "bob"), sid, "Rude remark")
    social.post_comment(p, seed.principal(p, "cy"), sid, "A civil reply", parent_id=parent.id)
    moderation.hide_comment(p, admin, parent.id)
    with TestClient(create_app(p, start_worker=False)) as api:
        placeholder, reply = api.get(f"/api/v1/submissions/{sid}/comments").json()  # flat, oldest first
    assert placeholder["id"] == parent.id and placeholder["hidden"] and placeholder["body"] is None
    assert placeholder["author"] is None and placeholder["author_name"] is None
    assert (reply["parent_id"], reply["author"]) == (parent.id, "cy")
    # its author and the administrators still see who wrote it
    assert social.list_comments(p, sid, admin)[0].author == "bob"
