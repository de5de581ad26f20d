"""Reviewing claims: status, assignment, verdicts, approval, notes, hand-made corrections.

Every function here checks the actor's role, refuses a stale `seen_version` with
EditConflict (saying who changed the claim and when), and writes its AuditEvent in the
same transaction as the change. A save that changes nothing writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from claims.errors import BadInput, EditConflict, NotFound
from claims.models import STATUSES, VERDICTS, Claim, Note, User, utcnow
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.store import write_session

#: status → statuses a checker may move it to with set_status
STATUS_MOVES: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", "dismissed"),
    "in_progress": ("new", "dismissed"),
    "needs_approval": ("in_progress", "dismissed"),
    "dismissed": ("new", "in_progress"),
    "approved": (),
}


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """What an operation did: the claim after it, and whether anything changed."""

    claim: Claim
    changed: bool


def load_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def _user_name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return user.name if user else None


def _conflict(session: Session, claim: Claim, seen_version: int) -> EditConflict:
    return EditConflict("claim", claim.id or 0, seen_version, claim.version,
                        _user_name(session, claim.updated_by_id), claim.updated_at)


def check_version(session: Session, claim: Claim, seen_version: int | None) -> None:
    """Raise EditConflict if the actor saw an older version than the stored one."""
    if seen_version is not None and seen_version != claim.version:
        raise _conflict(session, claim, seen_version)


def apply_claim_change(
    session: Session,
    actor: Actor,
    claim: Claim,
    seen_version: int,
    action: str,
    changes: dict[str, Any],
) -> bool:
    """Write `changes` to `claim` if any differ, guarded by `seen_version`; audit it.

    Uses `UPDATE ... WHERE id = :id AND version = :seen`, so a concurrent writer on any
    database makes this one fail with EditConflict rather than overwrite. Returns False
    (and writes nothing) when every value is already as asked.
    """
    check_version(session, claim, seen_version)
    before = {k: getattr(claim, k) for k, v in changes.items() if getattr(claim, k) != v}
    if not before:
        return False
    after = {k: changes[k] for k in before}
    bump_version(session, actor, claim, seen_version, after)
    record_event(session, actor, entity="claim", entity_id=claim.id, claim_id=claim.id,
                 action=action, before=before, after=after)
    return True


def bump_version(session: Session, actor: Actor, claim: Claim, seen_version: int,
                 values: dict[str, Any]) -> None:
    """Write `values` and version + 1 with `UPDATE ... WHERE id = :id AND version = :seen`.

    Zero rows updated means a concurrent writer got there first: EditConflict.
    """
    result = session.execute(
        sa.update(Claim)
        .where(Claim.id == claim.id, Claim.version == seen_version)  # type: ignore[arg-type]
        .values(**values, version=seen_version + 1, updated_at=utcnow(),
                updated_by_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(claim)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _conflict(session, claim, seen_version)


def _change(engine: Engine, actor: Actor, claim_id: int, seen_version: int, permission: str,
            action: str, decide: Any) -> ClaimChange:
    require(actor.role, permission, actor.name)
    with write_session(engine) as session:
        claim = load_claim(session, claim_id)
        check_version(session, claim, seen_version)
        changes = decide(session, claim)
        changed = apply_claim_change(session, actor, claim, seen_version, action, changes)
    return ClaimChange(claim, changed)


def set_status(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
               status: str) -> ClaimChange:
    """Move a claim along the workflow (new, in_progress, dismissed; see STATUS_MOVES)."""
    if status not in STATUSES:
        raise BadInput(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")

    def decide(_: Session, claim: Claim) -> dict[str, Any]:
        if status != claim.status and status not in STATUS_MOVES[claim.status]:
            raise BadInput(_status_hint(claim.status, status))
        return {"status": status}

    return _change(engine, actor, claim_id, seen_version, "annotate", "set_status", decide)


def _status_hint(current: str, wanted: str) -> str:
    if wanted == "needs_approval":
        return "a claim goes to needs_approval by proposing a verdict"
    if wanted == "approved":
        return "a claim is approved by an editor approving its proposed verdict"
    if current == "approved":
        return "an approved claim can only be reopened by an editor (reopen)"
    return f"a claim cannot move from {current} to {wanted}"


def dismiss(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int) -> ClaimChange:
    """Mark a claim as not worth checking."""
    return set_status(engine, actor, claim_id, seen_version=seen_version, status="dismissed")


def propose_verdict(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
                    verdict: str, rationale: str) -> ClaimChange:
    """A checker proposes a verdict with its rationale; the claim then needs approval."""
    if verdict not in VERDICTS:
        raise BadInput(f"unknown verdict {verdict!r}; choose one of {', '.join(VERDICTS)}")
    if not rationale.strip():
        raise BadInput("a verdict needs a rationale: say why, in a sentence or two")

    def decide(_: Session, claim: Claim) -> dict[str, Any]:
        if claim.status in ("approved", "dismissed"):
            raise BadInput(f"the claim is {claim.status}; reopen it before proposing a verdict")
        return {"verdict": verdict, "rationale": rationale.strip(), "status": "needs_approval",
                "proposed_by_id": actor.user_id}

    return _change(engine, actor, claim_id, seen_version, "propose", "propose_verdict", decide)


def approve_verdict(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
                    comment: str | None = None) -> ClaimChange:
    """An editor approves the proposed verdict (the claim must need approval)."""
    def decide(_: Session, claim: Claim) -> dict[str, Any]:
        if claim.status != "needs_approval" or claim.verdict is None:
            raise BadInput(f"only a claim with a proposed verdict can be approved "
                           f"(this one is {claim.status})")
        return {"status": "approved", "approved_by_id": actor.user_id}

    change = _change(engine, actor, claim_id, seen_version, "approve", "approve", decide)
    if comment and comment.strip():
        add_note(engine, actor, claim_id, body=f"Approved: {comment.strip()}")
    return change


def send_back(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
              comment: str) -> ClaimChange:
    """An editor returns a proposed verdict to the checker with a comment (kept as a note)."""
    if not comment.strip():
        raise BadInput("say why the verdict goes back: the comment is empty")

    def decide(session: Session, claim: Claim) -> dict[str, Any]:
        if claim.status != "needs_approval":
            raise BadInput(f"only a claim waiting for approval can be sent back (this one is "
                           f"{claim.status})")
        session.add(Note(claim_id=claim_id, author_id=actor.user_id,
                         body=f"Sent back: {comment.strip()}"))
        return {"status": "in_progress"}

    return _change(engine, actor, claim_id, seen_version, "approve", "send_back", decide)


def reopen(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int) -> ClaimChange:
    """An editor reopens an approved claim for more work."""
    def decide(_: Session, claim: Claim) -> dict[str, Any]:
        if claim.status != "approved":
            raise BadInput("only an approved claim needs reopening")
        return {"status": "in_progress", "approved_by_id": None}

    return _change(engine, actor, claim_id, seen_version, "approve", "reopen", decide)


def assign(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
           assignee: str | None, due_on: date | None = None) -> ClaimChange:
    """An editor assigns a claim (or clears the assignee with None) and sets its due date."""
    def decide(session: Session, _: Claim) -> dict[str, Any]:
        user_id = None
        if assignee:
            user = session.exec(select(User).where(User.name == assignee)).first()
            if user is None:
                raise NotFound(f"no user called {assignee!r}")
            user_id = user.id
        return {"assignee_id": user_id, "due_on": due_on}

    return _change(engine, actor, claim_id, seen_version, "assign", "assign", decide)


def edit_rationale(engine: Engine, actor: Actor, claim_id: int, *, seen_version: int,
                   rationale: str) -> ClaimChange:
    """Change the rationale text without touching the verdict or the status."""
    return _change(engine, actor, claim_id, seen_version, "propose", "edit_rationale",
                   lambda _s, _c: {"rationale": rationale.strip() or None})


def add_note(engine: Engine, actor: Actor, claim_id: int, *, body: str,
             quote_start: int | None = None, quote_end: int | None = None) -> Note:
    """Add a reviewer's note, optionally anchored to `claim.text[quote_start:quote_end]`.

    Notes are appended, never overwritten, so they take no version.
    """
    require(actor.role, "annotate", actor.name)
    if not body.strip():
        raise BadInput("the note is empty")
    with write_session(engine) as session:
        claim = load_claim(session, claim_id)
        anchored = quote_start is not None or quote_end is not None
        if anchored and (quote_start is None or quote_end is None
                         or not 0 <= quote_start < quote_end <= len(claim.text)):
            raise BadInput("the note's anchor does not lie inside the claim's text")
        note = Note(claim_id=claim_id, author_id=actor.user_id, body=body.strip(),
                    quote_start=quote_start, quote_end=quote_end)
        session.add(note)
        session.flush()
        record_event(session, actor, entity="note", entity_id=note.id, claim_id=claim_id,
                     action="add_note", after={"body": note.body})
    return note
