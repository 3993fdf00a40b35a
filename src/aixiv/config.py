"""Settings: environment variables (AIXIV_*), an optional TOML settings file, defaults.

The settings file (``AIXIV_CONFIG`` or ``<data_dir>/aixiv.toml``) may hold ``[models.NAME]``,
``[panels.NAME]``, ``[review]``, ``[vote]``, ``[doi]`` tables that the packages owning those
concerns read through :func:`get_settings`. Keys never live here: a model names the
environment variable that holds its key.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AIXIV_", extra="ignore")

    data_dir: Path = Field(default=Path("aixiv-data"))
    database_url: str | None = None
    config: Path | None = None
    base_url: str = "http://127.0.0.1:8000"

    # Upload and parsing limits (ingestion runs in a child process with these limits).
    max_upload_mb: float = 50.0
    max_pages: int = 300
    parse_timeout_s: float = 60.0
    parse_memory_mb: int = 1024
    max_archive_members: int = 2000
    max_unpacked_mb: float = 200.0

    # Web and API: threads that render read-only pages and listings at once (see aixiv.api.reads).
    read_threads: int = 4

    # Embedded job worker.
    worker_enabled: bool = True
    worker_concurrency: int = 8
    job_lease_s: float = 120.0
    job_max_attempts: int = 5
    job_poll_s: float = 0.5

    # Guard.
    guard_threshold: float = 0.5

    # Everything else from the TOML file, by table name.
    extra: dict[str, Any] = Field(default_factory=dict)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'aixiv.sqlite3').resolve()}"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def section(self, name: str) -> dict[str, Any]:
        """A table of the settings file (``{}`` when absent)."""
        value = self.extra.get(name, {})
        return value if isinstance(value, dict) else {}


def load_settings(**overrides: Any) -> Settings:
    """Build settings from environment, settings file and explicit overrides."""
    settings = Settings(**overrides)
    path = settings.config or (settings.data_dir / "aixiv.toml")
    if path and Path(path).is_file():
        with open(path, "rb") as fh:
            table = tomllib.load(fh)
        top = {k: v for k, v in table.items() if not isinstance(v, dict) and k in Settings.model_fields}
        extra = {k: v for k, v in table.items() if isinstance(v, dict)}
        env_set = {f for f in Settings.model_fields if f"AIXIV_{f.upper()}" in os.environ}
        merged = {**{k: v for k, v in top.items() if k not in env_set}, **overrides}
        settings = Settings(**merged, extra=extra)
    return settings


_current: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings, loaded on first use."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def set_settings(settings: Settings | None) -> None:
    """Replace the process-wide settings (the CLI and tests call this); None reloads."""
    global _current
    _current = settings
