"""`aixiv simulate-llm` and `aixiv models list|ping`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
import typer
from typer.testing import CliRunner

from aixiv.cli._models import register
from aixiv.config import set_settings

app = typer.Typer()
register(app)
runner = CliRunner()


@pytest.fixture
def clean_settings(monkeypatch, tmp_path):
    for name in ("AIXIV_SIMULATED_LLM", "AIXIV_SIMULATED_LLM_FAMILIES", "AIXIV_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AIXIV_DATA_DIR", str(tmp_path))
    set_settings(None)
    yield tmp_path
    set_settings(None)


def test_models_list_shows_names_not_keys(clean_settings, monkeypatch):
    config = clean_settings / "aixiv.toml"
    config.write_text(
        '[models.gpt]\nprovider = "openai"\nmodel_id = "gpt-4.1"\napi_key_env = "AIXIV_TEST_CLI_KEY"\n'
        '[models.local]\nprovider = "openai-compatible"\nbase_url = "http://127.0.0.1:8001/v1"\nmodel_id = "llama-3"\n'
        '[panels]\nvoters = ["gpt", "local"]\n'
    )
    monkeypatch.setenv("AIXIV_CONFIG", str(config))
    monkeypatch.setenv("AIXIV_TEST_CLI_KEY", "sk-test-cli-secret-999999")
    result = runner.invoke(app, ["models", "list", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["name"] for m in data["models"]] == ["gpt", "local"]
    assert data["models"][0]["key_set"] is True and data["panels"]["voters"] == ["gpt", "local"]
    monkeypatch.setenv("COLUMNS", "200")
    table = runner.invoke(app, ["models", "list"])
    assert (
        table.exit_code == 0
        and "AIXIV_TEST_CLI_KEY (set)" in table.output
        and "llama" in table.output
    )
    for out in (result.output, table.output):
        assert "sk-test-cli-secret" not in out


def test_models_list_reports_bad_config(clean_settings, monkeypatch):
    config = clean_settings / "aixiv.toml"
    config.write_text('[models.x]\nprovider = "nope"\nmodel_id = "m"\n')
    monkeypatch.setenv("AIXIV_CONFIG", str(config))
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 2 and "[models.x] is invalid" in result.output


def test_models_ping_against_simulator(clean_settings, monkeypatch, sim):
    monkeypatch.setenv("AIXIV_SIMULATED_LLM", sim.base_url)
    result = runner.invoke(app, ["models", "ping", "claude"])
    assert result.exit_code == 0, result.output
    assert "[simulated]" in result.output and "simulated:sim-claude" in result.output
    assert sim.requests_for("sim-claude") == 1
    missing = runner.invoke(app, ["models", "ping", "nobody"])
    assert missing.exit_code == 2 and "no model named 'nobody'" in missing.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_simulate_llm_command_serves():
    port = _free_port()
    # The command as registered by aixiv.cli._models, run in its own process (a real server).
    launcher = (
        "import typer; from aixiv.cli._models import register; "
        "app = typer.Typer(); register(app); app()"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            launcher,
            "simulate-llm",
            "--port",
            str(port),
            "--accept-rate",
            "1",
            "--seed",
            "3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                models = httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "simulate-llm did not start"
                time.sleep(0.1)
        assert "sim-gpt" in models.text
        schema = {
            "type": "object",
            "properties": {"decision": {"enum": ["ACCEPT", "REJECT"]}},
            "required": ["decision"],
        }
        reply = httpx.post(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            json={
                "model": "sim-gemini",
                "messages": [{"role": "user", "content": "vote"}],
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "v", "schema": schema},
                },
            },
        ).json()
        assert json.loads(reply["choices"][0]["message"]["content"]) == {"decision": "ACCEPT"}
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            output, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
    assert b"AIXIV_SIMULATED_LLM=http://127.0.0.1" in output
