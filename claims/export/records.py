"""Claims as exports read them: streamed from one read transaction, a page at a time.

`iter_claims` runs one query with the review queue's filters and reads it `page_size` rows
at a time (`yield_per`: a server-side cursor on PostgreSQL), fetching each page's mentions
(and, when asked, notes and evidence) in one query per page. Memory stays flat however many
claims match. Nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from claims.models import Article, AuditEvent, Claim, Evidence, Mention, Note, User
from claims.service.findings import findings_of
from claims.service.queries import (
    ClaimFilter,
    apply_filters,  # the review queue's own filter rules, so exports filter exactly alike
    mention_dict,
)
from claims.store import read_session

PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published_on: date | None


@dataclass(frozen=True, slots=True)
class NoteInfo:
    id: int
    author: str | None
    body: str
    quote_start: int | None
    quote_end: int | None
    created_at: datetime


@dataclass(slots=True)
class ClaimRecord:
    """One claim with everything an export writes about it (user names resolved)."""

    id: int
    article: ArticleInfo
    kind: str
    text: str
    start: int
    end: int
    prefix: str
    suffix: str
    score: float
    status: str
    verdict: str | None
    rationale: str | None
    assignee: str | None
    proposed_by: str | None
    approved_by: str | None
    due_on: date | None
    created_at: datetime
    updated_at: datetime
    revision_status: str = "original"  # removed: start/end are not into the latest body
    approved_at: datetime | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    notes: list[NoteInfo] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    checked_before: str | None = None  # where the claim was checked before (reports only)
    findings: list[dict[str, Any]] = field(default_factory=list)


#: ClaimRecord's fields from `id` to `updated_at`, in order, as the query selects them
_RECORD_COLUMNS = ("id", "kind", "text", "start", "end", "prefix", "suffix", "score", "status",
                   "verdict", "rationale", "assignee", "proposed_by", "approved_by", "due_on",
                   "created_at", "updated_at", "revision_status")
_ARTICLE_COLUMNS = ("article_id", "title", "outlet", "url", "author", "published_on")


def _claims_query(filters: ClaimFilter) -> Any:
    """Plain columns, not ORM objects: a streamed result must not fill the identity map.

    The columns come in ClaimRecord's order, then ArticleInfo's, so rows unpack by position.
    """
    assignee, proposer, approver = aliased(User), aliased(User), aliased(User)
    people = {"assignee": assignee.name, "proposed_by": proposer.name,
              "approved_by": approver.name}
    columns: list[Any] = [people.get(name, getattr(Claim, name, None))
                          for name in _RECORD_COLUMNS]
    columns += [Claim.article_id, *(getattr(Article, name) for name in _ARTICLE_COLUMNS[1:])]
    query = (select(*columns)
             .join(Article, Article.id == Claim.article_id)  # type: ignore[arg-type]
             .outerjoin(assignee, assignee.id == Claim.assignee_id)  # type: ignore[arg-type]
             .outerjoin(proposer, proposer.id == Claim.proposed_by_id)  # type: ignore[arg-type]
             .outerjoin(approver, approver.id == Claim.approved_by_id))  # type: ignore[arg-type]
    return (apply_filters(query, filters, assignee)
            .order_by(col(Claim.article_id), col(Claim.start), col(Claim.id)))


def _records(rows: Sequence[Any]) -> list[ClaimRecord]:
    """Records of one page; claims of the same article share one ArticleInfo."""
    split = len(_RECORD_COLUMNS)
    articles: dict[int, ArticleInfo] = {}
    records = []
    for row in rows:
        article = articles.get(row[split])
        if article is None:
            article = articles[row[split]] = ArticleInfo(*row[split:])
        records.append(ClaimRecord(row[0], article, *row[1:split]))
    return records


def iter_claims(engine: Engine, filters: ClaimFilter = ClaimFilter(), *,
                page_size: int = PAGE_SIZE, mentions: bool = True, notes: bool = False,
                evidence: bool = False) -> Iterator[ClaimRecord]:
    """Every claim matching `filters`, by article then position, with its approval time.

    Streams: holds one page of `page_size` claims at a time, all read in one transaction.
    Each record carries its mentions (unless `mentions` is False) and, with `notes` /
    `evidence`, its notes (authors resolved) and evidence rows, oldest first.
    """
    with read_session(engine) as session:
        # Core rows through the session's connection: no ORM bookkeeping per streamed row
        streamed = session.connection().execution_options(yield_per=page_size)
        for partition in streamed.execute(_claims_query(filters)).partitions():
            records = _records(partition)
            _complete(session, records, mentions=mentions, notes=notes, evidence=evidence)
            session.expunge_all()  # evidence rows stay readable; the identity map stays small
            yield from records


def _complete(session: Session, records: list[ClaimRecord], *, mentions: bool, notes: bool,
              evidence: bool) -> None:
    ids = [record.id for record in records]
    mention_map = _mentions_of(session, ids) if mentions else {}
    approvals = _approval_times(session, ids)
    note_map = _notes_of(session, ids) if notes else {}
    evidence_map = _evidence_of(session, ids) if evidence else {}
    finding_map = findings_of(session, ids)
    for record in records:
        record.findings = finding_map[record.id]
        record.mentions = [mention_dict(m) for m in mention_map.get(record.id, ())]
        record.approved_at = approvals.get(record.id) if record.status == "approved" else None
        record.notes = note_map.get(record.id, [])
        record.evidence = evidence_map.get(record.id, [])


def _mentions_of(session: Session, ids: list[int]) -> dict[int, list[Any]]:
    """Mentions of a page as plain rows (mention_dict reads them like Mention objects)."""
    by_claim: dict[int, list[Any]] = {claim_id: [] for claim_id in ids}
    columns = [getattr(Mention, c.name) for c in Mention.__table__.columns]  # type: ignore[attr-defined]
    query = (select(*columns).where(col(Mention.claim_id).in_(ids))
             .order_by(col(Mention.claim_id), col(Mention.start)))
    for row in session.connection().execute(query).all():
        by_claim[row.claim_id].append(row)
    return by_claim


def _approval_times(session: Session, ids: list[int]) -> dict[int, datetime]:
    """When each claim was last approved, from the audit log."""
    query = (select(AuditEvent.claim_id, sa.func.max(AuditEvent.at))
             .where(col(AuditEvent.claim_id).in_(ids), AuditEvent.action == "approve")
             .group_by(col(AuditEvent.claim_id)))
    return {claim_id: at for claim_id, at in session.connection().execute(query)}


def _notes_of(session: Session, ids: list[int]) -> dict[int, list[NoteInfo]]:
    query = (select(Note, User.name).outerjoin(User, User.id == Note.author_id)  # type: ignore[arg-type]
             .where(col(Note.claim_id).in_(ids)).order_by(col(Note.claim_id), col(Note.id)))
    by_claim: dict[int, list[NoteInfo]] = defaultdict(list)
    for note, author in session.exec(query):
        by_claim[note.claim_id].append(NoteInfo(note.id or 0, author, note.body,
                                                note.quote_start, note.quote_end,
                                                note.created_at))
    return by_claim


def _evidence_of(session: Session, ids: list[int]) -> dict[int, list[Evidence]]:
    query = (select(Evidence).where(col(Evidence.claim_id).in_(ids))
             .order_by(col(Evidence.claim_id), col(Evidence.id)))
    by_claim: dict[int, list[Evidence]] = defaultdict(list)
    for row in session.exec(query):
        by_claim[row.claim_id].append(row)
    return by_claim
