"""Reading an article's revisions: the list, a revision's body, a claim's revision story,
and what changed in claims that had been reviewed. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from claims.errors import NotFound
from claims.models import ArticleRevision, Claim, ClaimPlacement, User
from claims.store import read_session

#: revision statuses that tell a reviewer the words they checked are not there any more
ALTERED = ("changed", "removed")


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    """One revision of an article: when, who, and what it did to the claims."""

    number: int
    ingested_at: datetime
    ingested_by: str | None
    changed: int
    removed: int
    new: int
    length: int


@dataclass(frozen=True, slots=True)
class ReviewedChange:
    """A claim with a verdict whose words changed or went in a later revision."""

    claim_id: int
    verdict: str | None
    status: str
    revision: int
    revision_status: str
    before: str
    after: str
    mention_changes: list[str]


def list_revisions(engine: Engine, article_id: int) -> list[RevisionSummary]:
    """The article's revisions, oldest first (one for an article never revised)."""
    query = (select(ArticleRevision, User.name)
             .outerjoin(User, col(User.id) == col(ArticleRevision.ingested_by_id))
             .where(ArticleRevision.article_id == article_id)
             .order_by(col(ArticleRevision.number)))
    with read_session(engine) as session:
        return [RevisionSummary(r.number, r.ingested_at, who, r.changed_claims, r.removed_claims,
                                r.new_claims, len(r.body)) for r, who in session.exec(query)]


def revision_body(engine: Engine, article_id: int, number: int) -> str:
    """The body of revision `number` of the article; raises NotFound."""
    with read_session(engine) as session:
        body = session.exec(select(ArticleRevision.body).where(
            ArticleRevision.article_id == article_id, ArticleRevision.number == number)).first()
    if body is None:
        raise NotFound(f"article {article_id} has no revision {number}")
    return body


def claim_story(engine: Engine, claim_id: int) -> list[ClaimPlacement]:
    """Where the claim stood in each revision since it was found, oldest first (empty for
    a claim whose article was never revised)."""
    with read_session(engine) as session:
        return list(session.exec(select(ClaimPlacement)
                                 .where(ClaimPlacement.claim_id == claim_id)
                                 .order_by(col(ClaimPlacement.revision))))


def reviewed_changes(engine: Engine, article_id: int) -> list[ReviewedChange]:
    """Each revision that changed or removed the words of a claim that has a verdict."""
    query = (select(ClaimPlacement, Claim)
             .join(Claim, col(Claim.id) == col(ClaimPlacement.claim_id))
             .where(Claim.article_id == article_id, col(Claim.verdict).is_not(None))
             .order_by(col(ClaimPlacement.claim_id), col(ClaimPlacement.revision)))
    changes: list[ReviewedChange] = []
    previous: dict[int, ClaimPlacement] = {}
    with read_session(engine) as session:
        for placement, claim in session.exec(query):
            before = previous.get(placement.claim_id)
            previous[placement.claim_id] = placement
            if before is None or not _altered(before, placement):
                continue
            changes.append(ReviewedChange(claim.id or 0, claim.verdict, claim.status,
                                          placement.revision, placement.revision_status,
                                          before.text, placement.text,
                                          placement.mention_changes or []))
    return changes


def _altered(before: ClaimPlacement, now: ClaimPlacement) -> bool:
    """Did this revision change the words, or remove a claim that was there?"""
    if now.revision_status == "removed":
        return before.revision_status != "removed"
    return now.revision_status == "changed" and now.text != before.text
