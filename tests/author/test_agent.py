"""AuthorAgent and `aixiv author revise` against a real server (uvicorn on 127.0.0.1) and the
simulated LLM server: fetch, revise, submit the next version with its response letter."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import typer
import uvicorn
from sqlalchemy import select
from tests.manuscripts import markdown_paper, pdf_paper

from aixiv.api import create_app
from aixiv.author import AuthorAgent, AuthorError
from aixiv.cli._author import register
from aixiv.models import NullCache, simulated_registry
from aixiv.platform import accounts
from aixiv.records import Review, Version

# The agent is a REST client: what it touches of the server's storage is covered on both
# backends by tests/api and tests/workflow, so these run on SQLite only, to stay fast.
pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

CONCERNS = [
    "The experiments use a single seed, so the variance of the results is unknown.",
    "There is no comparison with a dense baseline of equal compute.",
    "The routing entropy metric is not defined formally.",
]


@pytest.fixture
def live(platform) -> Iterator[str]:
    """The API served by uvicorn in a background thread on a free loopback port."""
    app = create_app(platform, start_worker=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the API server did not start"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def keys(platform) -> dict[str, str]:
    accounts.create_human(platform, "ada", "Ada Lovelace")
    accounts.create_agent(
        platform,
        "ada",
        "ada-bot",
        "Ada's Scientist",
        model_name="sim-gpt",
        model_developer="Example Labs",
    )
    accounts.create_human(platform, "bob", "Bob")
    return {
        "agent": accounts.create_key(platform, "ada-bot", ["submit"])[1],
        "bob": accounts.create_key(platform, "bob", ["submit"])[1],
    }


def _h(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _submit(
    base: str,
    key: str,
    data: bytes = None,
    name: str = "paper.md",
    title: str = "Routing Entropy in Sparse Mixtures",
) -> str:
    r = httpx.post(
        f"{base}/api/v1/submissions",
        headers=_h(key),
        files={"file": (name, data if data is not None else markdown_paper(title))},
        data={"metadata": json.dumps({"kind": "paper", "title": title})},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _review(platform, sid: str, number: int = 1) -> None:
    """A panel review row, as the review stage would store it."""
    body = {
        "kind": "paper",
        "criteria": [
            {
                "key": "clarity",
                "name": "Clarity",
                "score": 2,
                "strengths": [],
                "weaknesses": [],
                "suggestions": [],
            }
        ],
        "summary": "A small study of routing entropy in sparse mixtures.",
        "major_concerns": CONCERNS[:2],
        "minor_issues": [],
        "questions_for_authors": CONCERNS[2:],
        "improvement_recommendations": [],
        "rating": 4,
        "confidence": 3,
    }
    with platform.db.transaction() as s:
        v = s.scalar(select(Version).where(Version.submission_id == sid, Version.number == number))
        s.add(
            Review(
                version_id=v.id,
                kind="single",
                origin="panel",
                reviewer_key="panel:single:x",
                model="sim-claude",
                rating=4.0,
                body=body,
                simulated=True,
            )
        )


@pytest.fixture
def author_model(sim):
    return simulated_registry(sim.base_url, ["gpt"], cache=NullCache(), max_retries=1).client("gpt")


def test_agent_revises_and_submits_the_next_version(platform, live, keys, author_model):
    sid = _submit(live, keys["agent"])
    _review(platform, sid)
    progress: list[str] = []
    agent = AuthorAgent(live, keys["agent"], author_model, on_progress=progress.append)
    out = asyncio.run(agent.revise_submission(sid))

    assert (out["from_version"], out["version"], out["status"]) == (1, 2, "submitted")
    assert out["edits_applied"] >= 1 and out["simulated"] is True and out["format"] == "markdown"
    assert progress[0] == f"fetching {sid}" and progress[-1] == "submitting version 2"
    sub = httpx.get(f"{live}/api/v1/submissions/{sid}").json()
    v2 = sub["version"]
    assert (
        sub["latest_version"] == 2
        and v2["filename"] == "paper.md"
        and v2["source_format"] == "markdown"
    )
    assert (
        v2["response_letter"] == out["response_letter"] and v2["change_note"] == out["change_note"]
    )
    for concern in CONCERNS:
        assert f"> {concern}" in v2["response_letter"]
    assert (
        "simulated language model" in v2["response_letter"]
        and "[Simulated revision]" in v2["change_note"]
    )
    f2 = httpx.get(f"{live}/api/v1/submissions/{sid}/versions/2/file").content
    assert f2.decode() == out["manuscript"] and f2 != markdown_paper()
    assert httpx.get(f"{live}/api/v1/submissions/{sid}/versions/1/file").content == markdown_paper()
    assert "[simulated]" in httpx.get(f"{live}/api/v1/submissions/{sid}/versions/2/text").text


def test_refusals_are_clear(platform, live, keys, author_model):
    agent = AuthorAgent(live, keys["agent"], author_model)
    pdf = _submit(live, keys["agent"], pdf_paper(), name="paper.pdf")
    _review(platform, pdf)
    with pytest.raises(AuthorError, match="PDF .*revises sources only"):
        asyncio.run(agent.revise_submission(pdf))
    fresh = _submit(live, keys["agent"])
    with pytest.raises(AuthorError, match="no reviews yet"):
        asyncio.run(agent.revise_submission(fresh))
    with pytest.raises(AuthorError, match="404"):
        asyncio.run(agent.revise_submission("aixiv.990101.000001"))
    with pytest.raises(AuthorError, match="needs an API key"):
        asyncio.run(AuthorAgent(live, None, author_model).revise_submission(fresh))
    others = _submit(live, keys["bob"])  # someone else's paper: revised, but the server refuses it
    _review(platform, others)
    with pytest.raises(AuthorError, match="did not accept the new version: HTTP 403"):
        asyncio.run(agent.revise_submission(others))
    httpx.post(
        f"{live}/api/v1/submissions/{fresh}/withdraw",
        headers=_h(keys["agent"]),
        data={"reason": "x"},
    )
    with pytest.raises(AuthorError, match="is withdrawn"):
        asyncio.run(agent.revise_submission(fresh))
    with pytest.raises(AuthorError, match="cannot reach"):
        asyncio.run(
            AuthorAgent("http://127.0.0.1:9", keys["agent"], author_model).revise_submission(fresh)
        )


def test_agent_submits_a_revision_the_authors_supplied(
    platform, live, keys, author_model, tmp_path
):
    sid = _submit(live, keys["agent"])
    _review(platform, sid)
    revised = tmp_path / "paper-v2.md"
    revised.write_bytes(markdown_paper(extra=" We now repeat every run with three seeds."))
    out = asyncio.run(
        AuthorAgent(live, keys["agent"], author_model).revise_submission(sid, replacement=revised)
    )
    assert (out["version"], out["format"], out["filename"]) == (2, "supplied", "paper-v2.md")
    sub = httpx.get(f"{live}/api/v1/submissions/{sid}").json()
    assert sub["version"]["filename"] == "paper-v2.md"
    assert (
        httpx.get(f"{live}/api/v1/submissions/{sid}/versions/2/file").content
        == revised.read_bytes()
    )
    letter = sub["version"]["response_letter"]
    assert all(f"> {c}" in letter for c in CONCERNS) and letter.count("**Status.**") == len(
        CONCERNS
    )
    assert "\u201c2 Method\u201d revised (1 new sentence(s))" in letter
    # a PDF is read with aixiv.ingest; an unreadable file is a clear error
    from aixiv.author._agent import _read_replacement

    name, data, text = _read_replacement(pdf_paper("Expert Load"), "v2.pdf")
    assert name == "v2.pdf" and data.startswith(b"%PDF") and "Expert Load" in text
    with pytest.raises(AuthorError, match="cannot read the revised manuscript"):
        _read_replacement(tmp_path / "missing.md", None)
    with pytest.raises(AuthorError, match="cannot read the revised manuscript x.pdf"):
        _read_replacement(b"not a pdf", "x.pdf")


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_cli_dry_run_then_submit(platform, live, keys, sim, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    monkeypatch.delenv("AIXIV_SIMULATED_LLM", raising=False)
    monkeypatch.setenv("AIXIV_LLM_CACHE", "off")
    sid = _submit(live, keys["agent"])
    _review(platform, sid)
    runner = CliRunner()
    common = [
        "author",
        "revise",
        sid,
        "--server",
        live,
        "--key",
        keys["agent"],
        "--simulated",
        sim.base_url,
        "--data-dir",
        str(tmp_path / "cli"),
    ]
    dry = runner.invoke(_cli(), [*common, "--dry-run", "--out", str(tmp_path / "out")])
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing submitted" in dry.output
    assert len(httpx.get(f"{live}/api/v1/submissions/{sid}/versions").json()) == 1
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(
        [f"{sid}v2.md", "change-note.txt", "response-letter.md", "revision.json"]
    )
    letter = (tmp_path / "out" / "response-letter.md").read_text()
    assert all(f"> {c}" in letter for c in CONCERNS)
    meta = json.loads((tmp_path / "out" / "revision.json").read_text())
    assert meta["dry_run"] is True and meta["version"] is None and "manuscript" not in meta

    real = runner.invoke(_cli(), [*common, "--json"])
    assert real.exit_code == 0, real.output
    shown = json.loads(real.output)
    assert shown["version"] == 2 and shown["status"] == "submitted" and shown["simulated"] is True
    assert "manuscript" not in shown and shown["provenance"]["prompt_version"] == "paper-revise-v1"
    assert (
        httpx.get(f"{live}/api/v1/submissions/{sid}").json()["version"]["response_letter"]
        == shown["response_letter"]
    )


def test_cli_without_a_model_says_how_to_get_one(platform, live, keys, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    monkeypatch.delenv("AIXIV_SIMULATED_LLM", raising=False)
    monkeypatch.delenv("AIXIV_CONFIG", raising=False)
    sid = _submit(live, keys["agent"])
    runner = CliRunner()
    r = runner.invoke(
        _cli(),
        [
            "author",
            "revise",
            sid,
            "--server",
            live,
            "--key",
            keys["agent"],
            "--data-dir",
            str(tmp_path),
        ],
    )
    assert r.exit_code == 2
    assert "no model is configured" in r.output and "--simulated" in r.output
    bad = runner.invoke(_cli(), ["author", "revise", "not-an-id", "--server", live])
    assert bad.exit_code == 2 and "not a submission id" in bad.output
    cfg = tmp_path / "aixiv.toml"
    cfg.write_text(
        '[models.local]\nprovider = "openai-compatible"\nbase_url = "http://127.0.0.1:9/v1"\nmodel_id = "x"\n'
        '[author]\nmodel = "missing"\n'
    )
    r = runner.invoke(
        _cli(),
        [
            "author",
            "revise",
            sid,
            "--server",
            live,
            "--key",
            keys["agent"],
            "--data-dir",
            str(tmp_path),
        ],
    )
    assert r.exit_code == 2 and "no model named 'missing'" in r.output


def test_full_loop_review_revise_re_review(platform, live, keys, sim, author_model):
    """The real pipeline writes the reviews and votes; the agent answers them; v2 is re-reviewed
    with a pairwise comparison against v1."""
    from aixiv.jobs import Worker

    def work() -> None:
        asyncio.run(
            Worker(platform, platform.queue, concurrency=8, lease_s=30).run_until_idle(timeout=60)
        )

    platform.registry = simulated_registry(sim.base_url, 5, cache=NullCache(), max_retries=1)
    names = platform.registry.names()
    platform.registry._panels.update({"reviewers": names[:1], "voters": names})
    for name in names:
        sim.script(f"sim-{name}", accept_rate=0.0)
    sid = _submit(live, keys["agent"])
    work()
    assert httpx.get(f"{live}/api/v1/submissions/{sid}").json()["status"] == "rejected"
    a1 = httpx.get(f"{live}/api/v1/submissions/{sid}/versions/1/assessment").json()
    major = a1["reviews"][0]["body"]["major_concerns"]

    out = asyncio.run(AuthorAgent(live, keys["agent"], author_model).revise_submission(sid))
    assert out["version"] == 2
    letter = httpx.get(f"{live}/api/v1/submissions/{sid}").json()["version"]["response_letter"]
    assert major and all(f"> {m}" in letter for m in major[:3])
    work()
    sub = httpx.get(f"{live}/api/v1/submissions/{sid}").json()
    assert sub["status"] in ("rejected", "provisionally_accepted")
    a2 = httpx.get(f"{live}/api/v1/submissions/{sid}/versions/2/assessment").json()
    assert a2["reviews"] and a2["pairwise"][0]["against_version"] == 1
