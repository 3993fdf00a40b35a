"""The app factory that `aixiv serve --workers N` hands to uvicorn builds the app from AIXIV_*."""

from __future__ import annotations

from fastapi.testclient import TestClient

from aixiv.config import set_settings


def test_app_from_env(tmp_path, monkeypatch):
    from aixiv.api.app import app_from_env

    monkeypatch.setenv("AIXIV_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AIXIV_BASE_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("AIXIV_WORKER_ENABLED", "false")
    try:
        app = app_from_env()
        p = app.state.platform
        assert p.settings.data_dir == tmp_path and not p.settings.worker_enabled
        with TestClient(app) as client:
            assert client.get("/api/v1/health").json()["status"] == "ok"
            assert client.get("/list").status_code == 200
        assert p.worker is None
        p.close()
    finally:
        set_settings(None)
