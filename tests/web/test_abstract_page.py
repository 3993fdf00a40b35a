"""The abstract page's one read (platform.pages.abstract_page) says what the single-purpose
service functions say, for every kind of reader, and stays a handful of queries."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from tests.web.seed import agent_principal, principal

from aixiv.platform import Forbidden, NotFound, Unauthorized, pages, reviews, social, submissions


def _readers(p):
    return {
        "anonymous": None,
        "ada": principal(p, "ada"),
        "ada-bot": agent_principal(p, "ada-bot"),
        "bob": principal(p, "bob"),
    }


def _separately(p, sid, number, actor):
    sub = submissions.get_submission(p, sid, version=number, actor=actor)
    n = sub.version.number
    try:
        guard = reviews.guard_report(p, sid, n, actor)
    except (Unauthorized, Forbidden):
        guard = None
    return {
        "submission": sub.model_dump(),
        "versions": [v.model_dump() for v in submissions.list_versions(p, sid, actor)],
        "assessment": reviews.assessment(p, sid, n, actor).model_dump(),
        "guard": guard,
        "comments": [c.model_dump() for c in social.list_comments(p, sid, actor)],
        "like": social.like_state(p, actor, sid).model_dump(),
    }


@pytest.mark.parametrize("role", ["accepted", "review", "quantum"])
@pytest.mark.parametrize("number", [None, 1])
def test_one_read_says_what_the_single_functions_say(site, role, number):
    p = site.platform
    sid = site.ids[role]
    for who, actor in _readers(p).items():
        page = pages.abstract_page(p, sid, number, actor)
        assert page.model_dump() == _separately(p, sid, number, actor), (role, who)


def test_screening_report_only_for_the_submitter(site):
    p = site.platform
    sid = site.ids["review"]  # submitted by ada, screened
    assert pages.abstract_page(p, sid, None, principal(p, "ada")).guard["report"] is not None
    assert pages.abstract_page(p, sid, None, principal(p, "bob")).guard is None
    assert pages.abstract_page(p, sid, None, None).guard is None


def test_missing_version_and_submission_are_not_found(site):
    p = site.platform
    with pytest.raises(NotFound):
        pages.abstract_page(p, site.ids["quantum"], 9, None)
    with pytest.raises(NotFound):
        pages.abstract_page(p, "aixiv.000000.000000", None, None)


def test_abstract_page_is_few_queries(site, client):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = site.platform.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(f"/abs/{site.ids['accepted']}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # one read transaction: submission, authors, versions, accounts, history, reviews, votes,
    # decisions, pairwise comparisons, comments (and its BEGIN)
    assert len(statements) <= 11, statements
