"""The audit log: one append-only event per effective change, in the change's transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from claims.models import AuditEvent, utcnow
from claims.service.actors import Actor


def jsonable(value: Any) -> Any:
    """A value as it is written into an audit event (dates as ISO strings)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record_event(
    session: Session,
    actor: Actor,
    *,
    entity: str,
    entity_id: int | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    claim_id: int | None = None,
) -> AuditEvent:
    """Add an AuditEvent to `session` (does not commit: the caller's transaction does)."""
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        entity=entity,
        entity_id=entity_id,
        claim_id=claim_id,
        action=action,
        before={k: jsonable(v) for k, v in before.items()} if before is not None else None,
        after={k: jsonable(v) for k, v in after.items()} if after is not None else None,
    )
    session.add(event)
    return event
