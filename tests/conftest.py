"""Shared fixtures: a platform on SQLite and, where reachable, on the local PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from aixiv.config import Settings, set_settings

PG_ADMIN_URL = os.environ.get("AIXIV_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_available() -> str | None:
    """None when the local PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL at {PG_ADMIN_URL} is not reachable ({type(exc).__name__}: {str(exc)[:120]})"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = f"aixiv_test_{uuid.uuid4().hex[:10]}"
    admin = PG_ADMIN_URL.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def make_settings(tmp: Path, database_url: str | None = None, **kw) -> Settings:
    s = Settings(data_dir=tmp, database_url=database_url, worker_enabled=False, **kw)
    set_settings(s)
    return s


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def platform(request, tmp_path, backend):
    from aixiv.platform import Platform

    url = None
    if backend == "postgres":
        base = request.getfixturevalue("pg_url")
        # each test gets its own schema-free database copy: truncate tables instead of recreate
        url = base
    settings = make_settings(tmp_path, url)
    p = Platform(settings)
    if backend == "postgres":
        _truncate(p)
    yield p
    p.close()
    set_settings(None)


def _truncate(p) -> None:
    from sqlalchemy import text

    from aixiv.records import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with p.db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names}, submission_search RESTART IDENTITY CASCADE"))
