"""The ``doi_registrations`` table: what the local registrar has reserved and published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from aixiv.records.base import Base, UTCDateTime, utcnow


class DoiRegistration(Base):
    """One DOI (concept or version) and the DataCite metadata last sent for it."""

    __tablename__ = "doi_registrations"

    doi: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # concept | version
    submission_id: Mapped[str] = mapped_column(String(24), index=True)
    version_number: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))  # draft | findable
    metadata_json: Mapped[dict[str, Any]] = mapped_column("metadata", JSON)
    registrar: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
