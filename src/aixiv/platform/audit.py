"""Audit events: one for every write, in the same transaction as the write."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from aixiv.records import AuditEvent


def audit(
    session: Session,
    actor_id: str | None,
    action: str,
    target_type: str,
    target_id: str,
    **data: Any,
) -> None:
    session.add(
        AuditEvent(actor_id=actor_id, action=action, target_type=target_type, target_id=target_id, data=data)
    )
