"""The platform object every adapter holds: settings, database, blobs, job queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from aixiv.blobs import BlobStore
from aixiv.config import Settings
from aixiv.records import Account, Database


@dataclass
class Principal:
    """Who is acting, and with which scopes (from an API key or a web session)."""

    account: Account
    scopes: frozenset[str] = field(default_factory=frozenset)
    via: str = "key"  # key | session | cli

    @property
    def id(self) -> str:
        return self.account.id

    @property
    def is_admin(self) -> bool:
        return "admin" in self.scopes and self.account.is_admin


class Platform:
    def __init__(self, settings: Settings, *, run_migrations: bool = True) -> None:
        from aixiv.jobs import DbJobQueue

        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(settings.db_url, run_migrations=run_migrations)
        self.blobs = BlobStore(settings.blob_dir)
        self.queue = DbJobQueue(self.db, settings)
        self.worker = None  # the in-process worker, when one runs (new jobs wake it)
        self.registry = None  # model registry; built from settings on first use
        self.retriever = None  # literature retriever; built from settings on first use

    def close(self) -> None:
        self.db.dispose()
