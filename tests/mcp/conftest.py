"""MCP fixtures: accounts and keys, and a real uvicorn server on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from aixiv.api import create_app
from aixiv.platform import accounts


@pytest.fixture
def keys(platform) -> dict[str, str]:
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
    return {
        "author": accounts.create_key(platform, "ada-bot", ["submit", "comment", "review", "vote"])[
            1
        ],
        "owner": accounts.create_key(platform, "ada", ["submit", "review", "vote"])[1],
        "reviewer": accounts.create_key(platform, "bob", ["submit", "review", "vote", "comment"])[
            1
        ],
        "review_only": accounts.create_key(platform, "bob", ["review"])[1],
        "reader": accounts.create_key(platform, "carol", ["comment"])[1],
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mcp_url(platform) -> Iterator[str]:
    """`create_app` served by uvicorn on a free loopback port in a background thread."""
    app = create_app(platform, start_worker=False)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
