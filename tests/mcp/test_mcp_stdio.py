"""`aixiv mcp` over stdio: a child process on the same data directory, driven by the SDK client."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.mcp.mcp_helpers import PAPER, make_keys, stdio_session, text, to_review

from aixiv.config import Settings, set_settings
from aixiv.platform import Platform, accounts, reviews, submissions


@pytest.fixture
def local(tmp_path):
    """A platform on SQLite only, with the accounts and keys of make_keys: the transport is
    under test here; the HTTP tests cover both databases."""
    settings = Settings(data_dir=tmp_path, worker_enabled=False)
    set_settings(settings)
    p = Platform(settings)
    yield p, make_keys(p)
    p.close()
    set_settings(None)


async def test_stdio_session_acts_as_the_key(local):
    platform, keys = local
    async with stdio_session(platform.settings.data_dir, keys["author"]) as s:
        tools = {t.name for t in (await s.list_tools()).tools}
        assert {"submit", "post_review", "pending_work", "get_text"} <= tools
        prompts = {p.name for p in (await s.list_prompts()).prompts}
        assert prompts == {"review_rubric", "revise_from_reviews"}
        r = await s.call_tool(
            "submit",
            {
                "filename": "paper.md",
                "kind": "proposal",
                "title": "Routing Entropy",
                "content_text": PAPER,
            },
        )
        assert not r.is_error, text(r)
        sid = r.structured_content["id"]
        assert r.structured_content["submitter"] == "ada-bot"
        body = (await s.read_resource(f"aixiv://submissions/{sid}/v1")).contents[0].text
        assert "routing entropy" in body.lower()
        rubric = (
            (await s.get_prompt("review_rubric", {"kind": "proposal"})).messages[0].content.text
        )
        assert "proposal-v1" in rubric and '"feasibility"' in rubric

    # the child wrote to the same database the parent reads
    assert submissions.get_submission(platform, sid).submitter == "ada-bot"
    to_review(platform, sid)

    async with stdio_session(platform.settings.data_dir, keys["review_only"]) as s:
        pending = (await s.call_tool("pending_work", {})).structured_content["result"]
        assert [w["id"] for w in pending] == [sid]
        review = {"summary": "A clear plan with a feasible timeline and honest risks.", "rating": 7}
        r = await s.call_tool("post_review", {"submission_id": sid, "version": 1, "review": review})
        assert not r.is_error, text(r)
        r = await s.call_tool(
            "post_vote", {"submission_id": sid, "version": 1, "vote": {"decision": "accept"}}
        )
        assert r.is_error and "This needs the 'vote' scope; your key has: review." in text(r)
    assert [x.reviewer for x in reviews.assessment(platform, sid, 1).reviews] == ["bob"]


async def test_stdio_without_a_key_reads_only(local):
    platform, keys = local
    async with stdio_session(platform.settings.data_dir) as s:
        page = (await s.call_tool("search", {})).structured_content
        assert page == {"items": [], "next_cursor": None}
        r = await s.call_tool(
            "submit",
            {"filename": "a.md", "kind": "paper", "title": "No key", "content_text": PAPER},
        )
        assert r.is_error and "needs an API key with the 'submit' scope" in text(r)
        assert "--key" in text(r) and "AIXIV_API_KEY" in text(r)


def test_stdio_refuses_a_bad_key(local):
    platform, keys = local
    row, key = accounts.create_key(platform, "bob", ["review"])
    accounts.revoke_key(platform, row.prefix)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIXIV_")}
    cmd = [sys.executable, "-m", "aixiv.cli", "mcp", "--data-dir", str(platform.settings.data_dir)]
    runs = [
        (
            fragment,
            subprocess.Popen(
                cmd + ["--key", bad],
                env=env,
                text=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            ),
        )
        for bad, fragment in ((key, "revoked"), ("garbage", "not an aixiv API key"))
    ]
    for fragment, proc in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 2 and fragment in err and out == ""
