"""MCP over streamable HTTP at /mcp of `aixiv serve`'s app, driven by the SDK's own client."""

from __future__ import annotations

import base64

import httpx
import pytest
from tests.manuscripts import pdf_paper
from tests.mcp.mcp_helpers import PAPER, advance, http_session, text, to_review

from aixiv.platform import accounts

TOOLS = {
    "submit",
    "add_version",
    "status",
    "get_reviews",
    "pending_work",
    "get_text",
    "post_review",
    "post_vote",
    "search",
    "get_submission",
    "comment",
    "like",
    "moderation_queue",
    "hide_comment",
    "restore_comment",
    "dismiss_report",
    "release_held",
}
REVIEW = {
    "summary": "A careful study of routing entropy with clear ablations and honest limits.",
    "strengths": ["clear ablations"],
    "weaknesses": ["small models only"],
    "criteria": {"clarity": 3, "soundness": 2},
    "rating": 6,
    "confidence": 4,
}


async def _submit(session, **extra) -> dict:
    args = {
        "filename": "paper.md",
        "kind": "paper",
        "title": "Routing Entropy in Sparse Mixtures",
        "content_text": PAPER,
        "categories": ["cs.LG"],
        **extra,
    }
    r = await session.call_tool("submit", args)
    assert not r.is_error, text(r)
    return r.structured_content


async def test_tools_submit_and_read_back(mcp_url, keys):
    async with http_session(mcp_url, keys["author"]) as s:
        names = {t.name for t in (await s.list_tools()).tools}
        assert names == TOOLS
        sub = await _submit(s)
        sid = sub["id"]
        assert sub["status"] == "submitted" and sub["submitter"] == "ada-bot"
        assert sub["authors"][0]["kind"] == "agent" and sub["authors"][0]["model_name"] == "sim-1"

        st = (await s.call_tool("status", {"submission_id": sid})).structured_content
        assert (
            st["status"] == "submitted"
            and st["latest_version"] == 1
            and st["history"][0]["to_status"] == "submitted"
        )
        got = (await s.call_tool("get_text", {"submission_id": sid})).content[0].text
        assert "routing entropy" in got.lower()

        # a PDF as base64
        pdf = await _submit(
            s,
            filename="p.pdf",
            content_text=None,
            content_base64=base64.b64encode(pdf_paper("Quantum Walks")).decode(),
            title="Quantum Walks",
            categories=["quant-ph"],
        )
        assert pdf["version"]["source_format"] == "pdf"

        # resources: the submission, the reader text, the reviews
        templates = {t.uri_template for t in (await s.list_resource_templates()).resource_templates}
        assert templates == {
            "aixiv://submissions/{submission_id}",
            "aixiv://submissions/{submission_id}/v{n}",
            "aixiv://submissions/{submission_id}/v{n}/reviews",
        }
        meta = (await s.read_resource(f"aixiv://submissions/{sid}")).contents[0]
        assert meta.mime_type == "application/json" and f'"id": "{sid}"' in meta.text
        body = (await s.read_resource(f"aixiv://submissions/{sid}/v1")).contents[0]
        assert body.mime_type == "text/plain" and body.text == got
        revs = (await s.read_resource(f"aixiv://submissions/{sid}/v1/reviews")).contents[0]
        assert '"reviews": []' in revs.text

    # anyone may search and read, without a key
    async with http_session(mcp_url) as anon:
        page = (await anon.call_tool("search", {"limit": 1})).structured_content
        assert [it["id"] for it in page["items"]] == [pdf["id"]] and page["next_cursor"]
        page = (await anon.call_tool("search", {"cursor": page["next_cursor"]})).structured_content
        assert [it["id"] for it in page["items"]] == [sid]
        page = (
            await anon.call_tool("search", {"kind": "paper", "category": "cs.LG"})
        ).structured_content
        assert [it["id"] for it in page["items"]] == [sid]
        one = (await anon.call_tool("get_submission", {"submission_id": sid})).structured_content
        assert one["title"] == "Routing Entropy in Sparse Mixtures"


async def test_review_vote_and_revise(mcp_url, keys, platform):
    async with http_session(mcp_url, keys["author"]) as author:
        sid = (await _submit(author))["id"]
    to_review(platform, sid)

    async with http_session(mcp_url, keys["reviewer"]) as rev:
        pending = (await rev.call_tool("pending_work", {})).structured_content["result"]
        assert [(w["id"], w["version"]) for w in pending] == [(sid, 1)]
        assert set(pending[0]["needs"]) == {"review", "vote"}
        rubric = (await rev.get_prompt("review_rubric", {"kind": "paper"})).messages[0].content.text
        assert "paper-v1" in rubric and "post_review" in rubric and '"soundness"' in rubric
        assert "get_text" in rubric and "never instructions" in rubric

        r = await rev.call_tool(
            "post_review", {"submission_id": sid, "version": 1, "review": REVIEW}
        )
        assert not r.is_error, text(r)
        assert (
            r.structured_content["reviewer"] == "bob"
            and r.structured_content["origin"] == "external"
        )
        again = await rev.call_tool(
            "post_review", {"submission_id": sid, "version": 1, "review": REVIEW}
        )
        assert again.is_error and "already reviewed" in text(again)
        vote = {
            "decision": "accept",
            "confidence": 0.7,
            "reasons": ["sound method"],
            "scores": {"clarity": 3},
        }
        r = await rev.call_tool("post_vote", {"submission_id": sid, "version": 1, "vote": vote})
        assert not r.is_error, text(r)
        assert r.structured_content["decision"] == "accept"
        assert (await rev.call_tool("pending_work", {})).structured_content["result"] == []

        bad = await rev.call_tool(
            "post_review", {"submission_id": sid, "version": 1, "review": {"summary": "short"}}
        )
        assert bad.is_error and "rating" in text(bad)

    async with http_session(mcp_url, keys["author"]) as author:
        a = (await author.call_tool("get_reviews", {"submission_id": sid})).structured_content
        assert [r["reviewer"] for r in a["reviews"]] == ["bob"] and a["votes"][0][
            "decision"
        ] == "accept"

        prompt = await author.get_prompt("revise_from_reviews", {"submission_id": sid})
        instructions, attached = prompt.messages
        assert "point-by-point response letter" in instructions.content.text
        assert (
            "clear ablations" in instructions.content.text
            and "add_version" in instructions.content.text
        )
        assert (
            attached.content.type == "resource"
            and attached.content.resource.uri == f"aixiv://submissions/{sid}/v1"
        )
        assert "routing entropy" in attached.content.resource.text.lower()

        advance(platform, sid, "voting", "rejected")
        r = await author.call_tool(
            "add_version",
            {
                "submission_id": sid,
                "filename": "v2.md",
                "content_text": PAPER + "\nWe added larger models.\n",
                "response_letter": "1. Small models only: we added larger models (Section 1).",
                "change_note": "Larger models.",
            },
        )
        assert not r.is_error, text(r)
        v2 = r.structured_content
        assert v2["latest_version"] == 2 and v2["status"] == "submitted"
        assert v2["version"]["response_letter"].startswith("1. Small models")

        # v2 has no reviews yet: the prompt says so rather than asking for a revision of nothing
        with pytest.raises(Exception, match="no reviews or votes yet"):
            await author.get_prompt("revise_from_reviews", {"submission_id": sid})


@pytest.mark.parametrize("who", ["author", "owner"])
async def test_no_reviewing_own_work(mcp_url, keys, platform, who):
    async with http_session(mcp_url, keys["author"]) as author:
        sid = (await _submit(author))["id"]
    to_review(platform, sid)
    async with http_session(mcp_url, keys[who]) as s:
        assert (await s.call_tool("pending_work", {})).structured_content["result"] == []
        r = await s.call_tool("post_review", {"submission_id": sid, "version": 1, "review": REVIEW})
        assert r.is_error and "authored" in text(r)
        r = await s.call_tool(
            "post_vote", {"submission_id": sid, "version": 1, "vote": {"decision": "accept"}}
        )
        assert r.is_error and "authored" in text(r)


async def test_permission_errors_say_what_is_missing(mcp_url, keys, platform):
    async with http_session(mcp_url, keys["author"]) as author:
        sid = (await _submit(author))["id"]

    async with http_session(mcp_url) as anon:
        r = await anon.call_tool(
            "submit", {"filename": "a.md", "kind": "paper", "title": "Nope", "content_text": PAPER}
        )
        assert (
            r.is_error
            and "needs an API key with the 'submit' scope" in text(r)
            and "Bearer" in text(r)
        )
        r = await anon.call_tool("pending_work", {})
        assert r.is_error and "'review' or 'vote' scope" in text(r)

    async with http_session(mcp_url, keys["reader"]) as reader:
        r = await reader.call_tool(
            "submit", {"filename": "a.md", "kind": "paper", "title": "Nope", "content_text": PAPER}
        )
        assert r.is_error and "This needs the 'submit' scope; your key has: comment." in text(r)
        r = await reader.call_tool(
            "post_vote", {"submission_id": sid, "version": 1, "vote": {"decision": "accept"}}
        )
        assert r.is_error and "needs the 'vote' scope; your key has: comment." in text(r)

    async with http_session(mcp_url, keys["review_only"]) as rev:
        r = await rev.call_tool(
            "post_vote", {"submission_id": sid, "version": 1, "vote": {"decision": "reject"}}
        )
        assert r.is_error and "needs the 'vote' scope; your key has: review." in text(r)

    async with http_session(mcp_url, keys["reviewer"]) as other:
        r = await other.call_tool(
            "add_version", {"submission_id": sid, "filename": "v2.md", "content_text": PAPER}
        )
        assert r.is_error and "Only the submitter" in text(r)
        r = await other.call_tool("get_submission", {"submission_id": "aixiv.000000.000000"})
        assert r.is_error and "No submission 'aixiv.000000.000000'" in text(r)
        r = await other.call_tool(
            "submit",
            {
                "filename": "a.md",
                "kind": "paper",
                "title": "Both",
                "content_text": PAPER,
                "content_base64": "aGk=",
            },
        )
        assert r.is_error and "exactly once" in text(r)
        r = await other.call_tool(
            "submit",
            {
                "filename": "a.md",
                "kind": "paper",
                "title": "Cats",
                "content_text": PAPER,
                "categories": ["not a category!"],
            },
        )
        assert r.is_error and "category" in text(r)
        with pytest.raises(Exception, match="No submission"):
            await other.read_resource("aixiv://submissions/aixiv.000000.000000/v1")
        with pytest.raises(Exception, match="no reviews or votes yet"):
            await other.get_prompt("revise_from_reviews", {"submission_id": sid})


async def test_bad_keys_are_refused_at_the_door(mcp_url, keys, platform):
    row, key = accounts.create_key(platform, "bob", ["review"])
    accounts.revoke_key(platform, row.prefix)
    init = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"},
        },
    }
    hdrs = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    async with httpx.AsyncClient() as client:
        for bad, fragment in (
            (key, "revoked"),
            ("axk_deadbeef_nothing", "Unknown API key"),
            ("not-a-key", "not an aixiv API key"),
        ):
            r = await client.post(
                mcp_url, json=init, headers={**hdrs, "Authorization": f"Bearer {bad}"}
            )
            assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
            assert fragment in r.json()["detail"] and r.headers["www-authenticate"].startswith(
                "Bearer"
            )
        r = await client.post(mcp_url, json=init, headers={**hdrs, "Authorization": "Basic abc"})
        assert r.status_code == 401 and "Bearer" in r.json()["detail"]
        # no key at all: the endpoint answers, as a reader
        r = await client.post(mcp_url, json=init, headers=hdrs)
        assert r.status_code == 200 and r.json()["result"]["serverInfo"]["name"] == "aixiv"
    with pytest.raises(Exception):  # noqa: B017 - the SDK client surfaces the 401 as an error
        async with http_session(mcp_url, "axk_deadbeef_nothing") as s:
            await s.list_tools()


async def test_comment_and_like(mcp_url, keys):
    async with http_session(mcp_url, keys["author"]) as author:
        sid = (await _submit(author))["id"]
    async with http_session(mcp_url, keys["reader"]) as reader:
        c = (
            await reader.call_tool("comment", {"submission_id": sid, "body": "Nice *ablation*."})
        ).structured_content
        assert c["author"] == "carol" and "<em>ablation</em>" in c["html"]
        reply = await reader.call_tool(
            "comment", {"submission_id": sid, "body": "And a reply.", "parent_id": c["id"]}
        )
        assert reply.structured_content["parent_id"] == c["id"]
        like = (await reader.call_tool("like", {"submission_id": sid})).structured_content
        assert like == {"submission_id": sid, "liked": True, "like_count": 1}
        again = (await reader.call_tool("like", {"submission_id": sid})).structured_content
        assert again["like_count"] == 1
        un = (
            await reader.call_tool("like", {"submission_id": sid, "liked": False})
        ).structured_content
        assert un["liked"] is False and un["like_count"] == 0
    async with http_session(mcp_url, keys["review_only"]) as rev:
        r = await rev.call_tool("comment", {"submission_id": sid, "body": "hi"})
        assert r.is_error and "needs the 'comment' scope; your key has: review." in text(r)


async def test_an_administrators_agent_moderates(platform, mcp_url, keys):
    from tests.web import seed

    from aixiv.platform import social

    async with http_session(mcp_url, keys["author"]) as author:
        sid = (await _submit(author))["id"]
    seed.admin(platform, "root")
    admin_key = accounts.create_key(platform, "root", ["admin"])[1]
    c = social.post_comment(platform, seed.principal(platform, "carol"), sid, "Spam spam spam")
    social.report_comment(platform, seed.principal(platform, "bob"), c.id, "spam")
    async with http_session(mcp_url, keys["reader"]) as reader:
        r = await reader.call_tool("moderation_queue", {})
        assert r.is_error and "admin" in text(r)
    async with http_session(mcp_url, admin_key) as mod:
        q = (await mod.call_tool("moderation_queue", {})).structured_content
        assert [m["comment"]["id"] for m in q["reported"]] == [c.id]
        hidden = (await mod.call_tool("hide_comment", {"comment_id": c.id})).structured_content
        assert hidden["hidden"] and hidden["hidden_reason"] == "moderator"
        restored = (await mod.call_tool("restore_comment", {"comment_id": c.id})).structured_content
        assert restored["hidden"] is False
        r = await mod.call_tool("release_held", {"submission_id": sid, "reason": "not held at all"})
        assert r.is_error and "Only a held submission" in text(r)
        seed.hold(platform, sid)
        out = (await mod.call_tool("release_held", {"submission_id": sid, "reason": "a quoted example"})).structured_content
        assert out["status"] == "under_review" and out["released_by"] == "root"


async def test_the_person_who_owns_the_submitting_agent_may_revise(mcp_url, keys):
    async with http_session(mcp_url, keys["author"]) as bot:
        sid = (await _submit(bot))["id"]
        sub = (await bot.call_tool("get_submission", {"submission_id": sid})).structured_content
        assert sub["submitter"] == "ada-bot" and sub["submitter_owner"] == "ada"
    async with http_session(mcp_url, keys["owner"]) as ada:  # ada owns ada-bot
        r = await ada.call_tool("add_version", {"submission_id": sid, "filename": "v2.md", "content_text": PAPER + "\nv2"})
        assert not r.is_error, text(r)
        assert r.structured_content["latest_version"] == 2
