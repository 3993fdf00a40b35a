"""Fixtures of the web tests: a seeded platform, an in-process client, a live server, Chromium."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import make_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WEB_EXTRA = {"oai": {"page_size": 2}, "social": {"hide_after_reports": 2}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A seeded platform and its app, shared by the web tests (each leaves it usable for the next)."""

    def __init__(self, tmp: Path, port: int | None = None) -> None:
        from tests.web import seed

        from aixiv.api import create_app
        from aixiv.platform import Platform

        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.platform = Platform(make_settings(tmp, base_url=self.base_url, extra=WEB_EXTRA))
        self.ids = seed.demo(self.platform)
        self.app = create_app(self.platform, start_worker=False)

    def client(self) -> TestClient:
        return TestClient(self.app, base_url=self.base_url, follow_redirects=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    s = Site(tmp_path_factory.mktemp("web"))
    yield s
    s.platform.close()


@pytest.fixture
def client(site):
    with site.client() as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "the page has no CSRF token"
    return m.group(1)


def login(client: TestClient, handle: str, password: str | None = None) -> str:
    """Log in through the form; returns the session's CSRF token."""
    from tests.web.seed import PASSWORD

    client.cookies.clear()  # whoever was logged in before
    page = client.get("/login")
    r = client.post(
        "/login",
        data={"ident": handle, "password": password or PASSWORD, "csrf_token": csrf_of(page.text)},
    )
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/account").text)


@pytest.fixture(scope="session")
def live(site):
    """The seeded site served by uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    config = uvicorn.Config(
        site.app, host="127.0.0.1", port=site.port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield site.base_url
    server.should_exit = True
    thread.join(10)


# Module scope: playwright's sync API keeps an event loop running in this thread while it is
# open, and tests run after it on the same worker (asyncio.run) must not find one.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium): browser tests skipped"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
