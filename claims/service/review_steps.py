"""Several review changes to one claim as one transaction (the CLI's `claims review`).

`apply_review` runs the steps in a fixed order — note, status, assignment, verdict or
rationale, send back, approve, reopen — each through the ordinary review operation, inside
one write transaction: a version conflict, a permission refusal or bad input in any step
rolls every step back, so nothing is half done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from claims.errors import BadInput
from claims.models import Claim
from claims.service import review
from claims.service.actors import Actor
from claims.service.matching import reuse_verdict
from claims.store import write_session


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    """What to change; None (or False) leaves a part alone. `assign=""` unassigns."""

    note: str | None = None
    status: str | None = None
    assign: str | None = None
    due_on: date | None = None
    verdict: str | None = None
    rationale: str | None = None
    send_back: str | None = None
    approve: bool = False
    reopen: bool = False
    reuse_from: int | None = None  # propose this claim's verdict and rationale


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """The claim after the transaction and one line per step ("status in_progress", ...)."""

    claim: Claim
    steps: list[str]


Step = Callable[[int], object]


def _steps(engine: Engine, actor: Actor, claim_id: int,
           ask: ReviewRequest) -> list[tuple[str, Step]]:
    steps: list[tuple[str, Step]] = []
    if ask.note:
        steps.append(("note added", lambda v: review.add_note(engine, actor, claim_id,
                                                              body=ask.note or "")))
    if ask.status:
        steps.append((f"status {ask.status}", lambda v: review.set_status(
            engine, actor, claim_id, seen_version=v, status=ask.status or "")))
    if ask.assign is not None:
        steps.append(("assigned", lambda v: review.assign(
            engine, actor, claim_id, seen_version=v, assignee=ask.assign or None,
            due_on=ask.due_on)))
    if ask.verdict:
        steps.append((f"proposed {ask.verdict}", lambda v: review.propose_verdict(
            engine, actor, claim_id, seen_version=v, verdict=ask.verdict or "",
            rationale=ask.rationale or "")))
    elif ask.reuse_from is not None:
        source = ask.reuse_from
        steps.append((f"proposed the verdict of claim {source}", lambda v: reuse_verdict(
            engine, actor, claim_id, source_claim_id=source, seen_version=v)))
    elif ask.rationale:
        steps.append(("rationale saved", lambda v: review.edit_rationale(
            engine, actor, claim_id, seen_version=v, rationale=ask.rationale or "")))
    if ask.send_back:
        steps.append(("sent back", lambda v: review.send_back(
            engine, actor, claim_id, seen_version=v, comment=ask.send_back or "")))
    if ask.approve:
        steps.append(("approved", lambda v: review.approve_verdict(
            engine, actor, claim_id, seen_version=v)))
    if ask.reopen:
        steps.append(("reopened", lambda v: review.reopen(engine, actor, claim_id,
                                                          seen_version=v)))
    return steps


def apply_review(engine: Engine, actor: Actor, claim_id: int, ask: ReviewRequest, *,
                 seen_version: int | None = None) -> ReviewOutcome:
    """Apply every change in `ask` to the claim in one transaction (all or nothing).

    `seen_version` guards the first step (None: the version stored when the transaction
    starts); each later step is guarded by the version the one before it left. Raises
    BadInput (nothing asked, or a bad step), EditConflict, Forbidden, NotFound; commits once.
    """
    steps = _steps(engine, actor, claim_id, ask)
    if not steps:
        raise BadInput("nothing to do: give --status, --verdict, --note, --approve, "
                       "--send-back, --assign, --reopen or --reuse-verdict-from")
    done: list[str] = []
    with write_session(engine) as session:
        claim = review.load_claim(session, claim_id)
        review.check_version(session, claim, seen_version)
        version = claim.version
        for label, step in steps:
            result = step(version)
            if isinstance(result, review.ClaimChange):
                version = result.claim.version
                label = label if result.changed else f"{label} (no change)"
            done.append(label)
        session.refresh(claim)
    return ReviewOutcome(claim, done)
