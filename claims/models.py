"""The SQLModel tables: articles, claims, mentions, evidence, notes, users, audit events.

Timestamps are timezone-aware UTC in Python (stored as UTC in the database).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from claims.vocabulary import (  # noqa: F401 - the desk's words, re-exported here
    CLAIM_KINDS,
    MENTION_KINDS,
    ROLES,
    STANCES,
    STATUSES,
    VERDICTS,
)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A datetime stored as naive UTC and always returned timezone-aware (UTC)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def _when(index: bool = False) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, index=index)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    role: str = Field(max_length=16)
    password_hash: str | None = Field(default=None, max_length=255)
    active: bool = True
    created_at: datetime = _when()


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = Field(default=None, max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    url_canonical: str | None = Field(default=None, max_length=2000, index=True)  # revisions
    revision: int = 1  # the latest revision's number (article revisions)
    published_on: date | None = Field(default=None, index=True)
    author: str | None = Field(default=None, max_length=300)
    source_name: str | None = Field(default=None, max_length=500)
    body: str = Field(sa_type=sa.Text)
    body_sha256: str = Field(max_length=64, unique=True)
    ingested_at: datetime = _when()
    ingested_by_id: int | None = Field(default=None, foreign_key="user.id")


class Claim(SQLModel, table=True):
    __table_args__ = (
        sa.Index("ix_claim_article_start", "article_id", "start"),
        sa.Index("ix_claim_status_score", "status", "score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    kind: str = Field(max_length=16, index=True)
    text: str = Field(sa_type=sa.Text)
    start: int
    end: int
    prefix: str = Field(default="", max_length=64)
    suffix: str = Field(default="", max_length=64)
    score: float = Field(default=0.0, index=True)
    reason: str = Field(default="", max_length=200)
    origin: str = Field(default="extracted", max_length=16)
    revision_status: str = Field(default="original", max_length=16, index=True)  # revisions
    status: str = Field(default="new", max_length=16, index=True)
    verdict: str | None = Field(default=None, max_length=16, index=True)
    rationale: str | None = Field(default=None, sa_type=sa.Text)
    assignee_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    due_on: date | None = Field(default=None, index=True)
    proposed_by_id: int | None = Field(default=None, foreign_key="user.id")
    approved_by_id: int | None = Field(default=None, foreign_key="user.id")
    evidence_alert: str | None = Field(default=None, max_length=200)
    version: int = 1
    created_at: datetime = _when()
    updated_at: datetime = _when(index=True)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class Mention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    kind: str = Field(max_length=16)
    surface: str = Field(sa_type=sa.Text)
    start: int
    end: int
    value: float | None = None
    unit: str | None = Field(default=None, max_length=80)
    qualifier: str | None = Field(default=None, max_length=16)
    date_value: str | None = Field(default=None, max_length=32)
    speaker: str | None = Field(default=None, max_length=200)
    # Quote attribution (issue 9): offsets, in the article body, of the words that name the
    # speaker ("said", "according to"); null when none or for other kinds.
    cue_start: int | None = None
    cue_end: int | None = None


class Evidence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    url: str | None = Field(default=None, max_length=2000)
    final_url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=500)
    publisher: str | None = Field(default=None, max_length=300)
    author: str | None = Field(default=None, max_length=300)
    published_on: date | None = None
    fetched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    http_status: int | None = None
    content_type: str | None = Field(default=None, max_length=200)
    sha256: str | None = Field(default=None, max_length=64)
    size_bytes: int | None = None
    snapshot: str | None = Field(default=None, sa_type=sa.Text)
    file_name: str | None = Field(default=None, max_length=300)
    file_data: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    stance: str = Field(default="context", max_length=16)
    note: str | None = Field(default=None, sa_type=sa.Text)
    quote_exact: str | None = Field(default=None, sa_type=sa.Text)
    quote_start: int | None = None
    quote_end: int | None = None
    quote_prefix: str | None = Field(default=None, max_length=64)
    quote_suffix: str | None = Field(default=None, max_length=64)
    fetch_error: str | None = Field(default=None, max_length=500)
    change: str | None = Field(default=None, max_length=32)
    checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    added_by_id: int | None = Field(default=None, foreign_key="user.id")
    added_at: datetime = _when()
    version: int = 1


class EvidenceFetch(SQLModel, table=True):
    """One fetch of an evidence URL; old snapshots are kept when a re-check finds changes."""

    __tablename__ = "evidence_fetch"

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    fetched_at: datetime = _when()
    final_url: str | None = Field(default=None, max_length=2000)
    http_status: int | None = None
    sha256: str | None = Field(default=None, max_length=64)
    snapshot: str | None = Field(default=None, sa_type=sa.Text)
    error: str | None = Field(default=None, max_length=500)
    change: str | None = Field(default=None, max_length=32)


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="user.id")
    body: str = Field(sa_type=sa.Text)
    quote_start: int | None = None
    quote_end: int | None = None
    created_at: datetime = _when()


class AuditEvent(SQLModel, table=True):
    """Append-only record of every effective change."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when(index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    actor_name: str = Field(max_length=80)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    claim_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=40)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class AppSetting(SQLModel, table=True):
    """Settings an admin changes in the dashboard (e.g. allowed evidence hosts)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=80)
    value: str = Field(sa_type=sa.Text)
    updated_at: datetime = _when()


# --- Article revisions: every body an article had, and where each claim stood in it -------

REVISION_STATUSES = ("original", "unchanged", "moved", "changed", "removed", "new")


class ArticleRevision(SQLModel, table=True):
    """One stored body of an article; the article's own `body` is its latest revision's."""

    __tablename__ = "article_revision"
    __table_args__ = (sa.UniqueConstraint("article_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    number: int
    body: str = Field(sa_type=sa.Text)
    body_sha256: str = Field(max_length=64, index=True)
    url: str | None = Field(default=None, max_length=2000)
    ingested_at: datetime = _when()
    ingested_by_id: int | None = Field(default=None, foreign_key="user.id")
    changed_claims: int = 0
    removed_claims: int = 0
    new_claims: int = 0


class ClaimPlacement(SQLModel, table=True):
    """Where a claim stood in one revision of its article (offsets None: removed)."""

    __tablename__ = "claim_placement"
    __table_args__ = (sa.UniqueConstraint("claim_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    revision: int
    revision_status: str = Field(max_length=16)
    start: int | None = None
    end: int | None = None
    text: str = Field(sa_type=sa.Text)
    how: str | None = Field(default=None, max_length=16)  # same, elsewhere, approximate
    mention_changes: list[str] | None = Field(default=None, sa_column=Column(JSON))


# --- Claim matching (issue 12): signatures, links between claims, external reviews ---------
RELATIONS = ("same", "conflict", "related")


class ClaimSignature(SQLModel, table=True):
    """A claim's matching signature, computed once when the claim is stored.

    `words` is what the inverted index (`ClaimTerm`) holds: content words plus figure and
    date tokens.
    """

    __tablename__ = "claim_signature"

    claim_id: int = Field(foreign_key="claim.id", primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    figures: str = Field(default="", max_length=500, index=True)
    signature: str = Field(sa_type=sa.Text)
    words: str = Field(sa_type=sa.Text)


class ClaimLink(SQLModel, table=True):
    """Two claims of different articles found to be the same, conflicting or related.

    `claim_id` is the newer claim. A link someone rejected keeps its row with
    `dismissed_by_id` set, so matching never suggests it again.
    """

    __tablename__ = "claim_link"
    __table_args__ = (sa.UniqueConstraint("claim_id", "other_claim_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    other_claim_id: int = Field(foreign_key="claim.id", index=True)
    relation: str = Field(max_length=16, index=True)
    score: float
    reason: str = Field(max_length=300)
    created_at: datetime = _when()
    dismissed_by_id: int | None = Field(default=None, foreign_key="user.id")
    dismissed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ExternalReview(SQLModel, table=True):
    """Another fact-checker's ClaimReview, imported from JSON-LD."""

    __tablename__ = "external_review"

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, unique=True)
    claim_reviewed: str = Field(sa_type=sa.Text)
    publisher: str = Field(max_length=300)
    rating: str = Field(max_length=100)
    rating_value: float | None = None
    reviewed_on: date | None = None
    url: str = Field(max_length=2000)
    claimant: str | None = Field(default=None, max_length=300)
    signature: str = Field(sa_type=sa.Text)
    words: str = Field(sa_type=sa.Text)
    imported_at: datetime = _when()
    imported_by_id: int | None = Field(default=None, foreign_key="user.id")


class ExternalLink(SQLModel, table=True):
    """A claim matched to an external review (dismissable like ClaimLink)."""

    __tablename__ = "external_link"
    __table_args__ = (sa.UniqueConstraint("claim_id", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    external_id: int = Field(foreign_key="external_review.id", index=True)
    relation: str = Field(max_length=16)
    score: float
    reason: str = Field(max_length=300)
    created_at: datetime = _when()
    dismissed_by_id: int | None = Field(default=None, foreign_key="user.id")
    dismissed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClaimTerm(SQLModel, table=True):
    """The inverted index candidates come from: one row per word (or figure or date token)
    of a claim's `ClaimSignature.words`. Plain SQL, so both databases answer alike."""

    __tablename__ = "claim_term"
    #: covering: a candidate search reads the index alone, never the table
    __table_args__ = (sa.Index("ix_claim_term_term_claim_article", "term", "claim_id",
                               "article_id"),)

    term: str = Field(max_length=64, primary_key=True)
    claim_id: int = Field(primary_key=True, index=True)
    article_id: int


class TermCount(SQLModel, table=True):
    """How many claims hold each term (kept on insert): common words are left out of a
    candidate search, rare ones asked first."""

    __tablename__ = "term_count"

    term: str = Field(max_length=64, primary_key=True)
    claims: int = 0
# --- consistency checks: findings stored on their claims (claims/checks, service/findings) ---

FINDING_STATUSES = ("open", "dismissed")


class ClaimFinding(SQLModel, table=True):
    """One consistency-check finding on a claim; a dismissal ("not a problem") survives
    re-runs, matched by `key` (the rule and the surfaces of its mentions)."""

    __tablename__ = "claim_finding"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    key: str = Field(max_length=300)
    rule: str = Field(max_length=32)
    severity: str = Field(max_length=8)
    message: str = Field(sa_type=sa.Text)
    mentions: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    stated: str = Field(default="", max_length=64)
    expected: str = Field(default="", max_length=64)
    tolerance: float = 0.0
    status: str = Field(default="open", max_length=16, index=True)
    dismissed_reason: str | None = Field(default=None, sa_type=sa.Text)
    dismissed_by_id: int | None = Field(default=None, foreign_key="user.id")
    dismissed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _when()
