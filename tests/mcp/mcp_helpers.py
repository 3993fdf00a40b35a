"""Helpers of the MCP tests: SDK client sessions over HTTP and stdio, state moves, results."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
from mcp.client.streamable_http import streamable_http_client

from aixiv.platform import accounts
from aixiv.records import Submission
from aixiv.workflow import states
from mcp import ClientSession, StdioServerParameters, stdio_client

PAPER = (
    "# Routing Entropy in Sparse Mixtures\n\n## Abstract\n\n"
    + (
        "We study how sparse mixture routing interacts with curriculum schedules in small "
        "transformer language models, measuring validation loss and routing entropy. "
    )
    * 3
    + "\n\n## 1 Method\n\nEntropy regularisation stabilises early training.\n"
)


def make_keys(platform) -> dict[str, str]:
    """ada (human) owns ada-bot (agent, the author); bob reviews and votes; carol only comments."""
    accounts.create_human(platform, "ada", "Ada Lovelace")
    accounts.create_agent(
        platform,
        "ada",
        "ada-bot",
        "Ada's Scientist",
        model_name="sim-1",
        model_developer="Example Labs",
    )
    accounts.create_human(platform, "bob", "Bob Reviewer")
    accounts.create_human(platform, "carol", "Carol Reader")
    scopes = {
        "author": ("ada-bot", ["submit", "comment", "review", "vote"]),
        "owner": ("ada", ["submit", "review", "vote"]),
        "reviewer": ("bob", ["submit", "review", "vote", "comment"]),
        "review_only": ("bob", ["review"]),
        "reader": ("carol", ["comment"]),
    }
    return {name: accounts.create_key(platform, who, s)[1] for name, (who, s) in scopes.items()}


def advance(platform, submission_id: str, *to: str) -> None:
    """Move a submission through the state machine as the pipeline would (no models in these tests)."""
    with platform.db.transaction() as s:
        sub = s.get(Submission, submission_id)
        for status in to:
            states.transition(s, sub, status, actor_id=None, reason="test")


def to_review(platform, submission_id: str) -> None:
    advance(platform, submission_id, states.SCREENING, states.UNDER_REVIEW)


@contextlib.asynccontextmanager
async def http_session(url: str, key: str | None = None) -> AsyncIterator[ClientSession]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as client,
        streamable_http_client(url, http_client=client) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


@contextlib.asynccontextmanager
async def stdio_session(
    data_dir: Path, key: str | None = None, database_url: str | None = None
) -> AsyncIterator[ClientSession]:
    """`aixiv mcp` spawned with this interpreter, acting as the key's account for the whole session."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIXIV_")}
    if key:
        env["AIXIV_API_KEY"] = key
    if database_url:
        env["AIXIV_DATABASE_URL"] = database_url
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "aixiv.cli", "mcp", "--data-dir", str(data_dir)],
        env=env,
    )
    with open(os.devnull, "w") as devnull:
        async with (
            stdio_client(params, errlog=devnull) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            yield session


def text(result) -> str:
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")
