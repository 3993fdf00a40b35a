"""``aixiv review`` end to end: a file or a submission id, each mode, simulated models."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from review_helpers import make_paper
from typer.testing import CliRunner

from aixiv.cli import app

runner = CliRunner()


@pytest.fixture
def paper_file(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text(make_paper(), encoding="utf-8")
    return path


def _flat(text: str) -> str:
    return " ".join(text.split())


def _invoke(*args: str, tmp_path) -> dict:
    result = runner.invoke(
        app, ["review", *args, "--simulated", "--offline", "--data-dir", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_review_file_single_and_meta(paper_file, tmp_path):
    single = _invoke(str(paper_file), "--mode", "single", tmp_path=tmp_path)
    assert single["provenance"]["prompt_version"] == "paper-single-v1"
    assert single["provenance"]["simulated"] is True
    assert len(single["criteria"]) == 4
    meta = _invoke(
        str(paper_file),
        "--mode",
        "meta",
        "--reviewers",
        "3",
        "--kind",
        "proposal",
        tmp_path=tmp_path,
    )
    assert (
        len(meta["reviewers"]) == 3 and meta["provenance"]["prompt_version"] == "proposal-meta-v1"
    )
    assert (
        len({d["review"]["provenance"]["model"] for d in meta["reviewers"]}) == 3
    )  # spread over families


def test_review_pairwise_and_human_output(paper_file, tmp_path):
    other = tmp_path / "other.md"
    other.write_text(make_paper("Dense Routing Baselines", repeat=2), encoding="utf-8")
    pair = _invoke(
        str(paper_file), "--mode", "pairwise", "--against", str(other), tmp_path=tmp_path
    )
    assert pair["forward"]["order"] == "AB" and pair["reverse"]["order"] == "BA"
    result = runner.invoke(
        app, ["review", str(paper_file), "--simulated", "--offline", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "[simulated]" in result.output  # model text is shown literally, not as markup
    assert "paper-single-v1" in _flat(result.output) and "SIMULATED" in result.output


def test_review_bad_input_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["review", str(tmp_path / "missing.pdf"), "--simulated"])
    assert result.exit_code != 0 and "neither a readable file nor a submission id" in _flat(
        result.output
    )
    path = tmp_path / "p.md"
    path.write_text(make_paper(), encoding="utf-8")
    result = runner.invoke(app, ["review", str(path), "--mode", "pairwise", "--simulated"])
    assert result.exit_code != 0 and "--against" in _flat(result.output)
    result = runner.invoke(
        app, ["review", str(path), "--simulated", "--model", "nope", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code != 0 and "no model named 'nope'" in _flat(result.output)


@pytest.fixture
def fake_server():
    """The two endpoints of the aixiv API that `aixiv review ID` reads."""
    api = FastAPI()
    seen: list[str] = []

    @api.get("/api/v1/submissions/{sid}")
    def submission(sid: str):
        seen.append(f"meta {sid}")
        if sid != "aixiv.250101.000007":
            return JSONResponse(
                {"title": "Not Found", "detail": "no such submission"}, status_code=404
            )
        return {"id": sid, "kind": "proposal", "latest_version": 2}

    @api.get("/api/v1/submissions/{sid}/versions/{n}/text")
    def version_text(sid: str, n: int):
        seen.append(f"text {sid} v{n}")
        return PlainTextResponse(make_paper(f"Version {n} of a proposal"))

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(api, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}", seen
    server.should_exit = True
    thread.join(timeout=5)


def test_review_submission_id_from_a_server(fake_server, tmp_path):
    url, seen = fake_server
    out = _invoke("aixiv.250101.000007", "--server", url, tmp_path=tmp_path)
    assert out["kind"] == "proposal"  # the submission's kind
    assert seen == ["meta aixiv.250101.000007", "text aixiv.250101.000007 v2"]  # latest version
    _invoke("aixiv.250101.000007v1", "--server", url, tmp_path=tmp_path)
    assert seen[-1] == "text aixiv.250101.000007 v1"
    result = runner.invoke(app, ["review", "aixiv.250101.000009", "--server", url, "--simulated"])
    assert result.exit_code != 0 and "no such submission" in _flat(result.output)
