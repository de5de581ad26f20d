"""Read-only aggregates for the dashboard: article progress, overdue claims, open work.

Each function is one or two grouped SQL queries, whatever the number of claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from claims.models import Article, Claim, User
from claims.service.queries import CLOSED_STATUSES, ClaimFilter, ClaimRow, list_claims
from claims.service.review import STATUS_MOVES
from claims.store import read_session


def status_moves(status: str) -> tuple[str, ...]:
    """The statuses a checker may move a claim in `status` to (the workflow's own table)."""
    return STATUS_MOVES.get(status, ())


@dataclass(slots=True)
class ArticleProgress:
    """One article's claims by status; `approved / total` is its verification progress."""

    article_id: int
    title: str | None
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def approved(self) -> int:
        return self.by_status.get("approved", 0)

    @property
    def done(self) -> float:
        """Share of the claims that are approved (0 when there are none)."""
        return self.approved / self.total if self.total else 0.0


def article_progress(engine: Engine, *, limit: int | None = None) -> list[ArticleProgress]:
    """Articles (newest first) with their claim counts by status, in two queries."""
    articles = select(Article.id, Article.title).order_by(col(Article.id).desc())
    if limit is not None:
        articles = articles.limit(limit)
    with read_session(engine) as session:
        progress = {i: ArticleProgress(i, t) for i, t in session.exec(articles) if i is not None}
        if not progress:
            return []
        counts = (select(Claim.article_id, Claim.status, sa.func.count())
                  .where(col(Claim.article_id).in_(list(progress)))
                  .group_by(col(Claim.article_id), col(Claim.status)))
        for article_id, status, n in session.exec(counts):
            progress[article_id].by_status[status] = int(n)
    return list(progress.values())


def article_choices(engine: Engine) -> list[tuple[int, str]]:
    """(id, title) of every article, newest first, for pickers (no claim counts)."""
    query = select(Article.id, Article.title, Article.source_name).order_by(col(Article.id).desc())
    with read_session(engine) as session:
        return [(i, t or s or f"article {i}") for i, t, s in session.exec(query) if i is not None]


def overdue_claims(engine: Engine, today: date, *, limit: int = 50) -> list[ClaimRow]:
    """Open claims whose due date is before `today`, the longest overdue first."""
    filters = ClaimFilter(open_only=True, due_before=today)
    return list_claims(engine, filters, order="due", limit=limit, with_mentions=False)


@dataclass(slots=True)
class OpenWork:
    """A user's open claims by status, and how many of them are overdue."""

    name: str
    role: str
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def open_work(engine: Engine, today: date) -> list[OpenWork]:
    """Each checker's (and anyone else's) open assigned claims, busiest first; one query."""
    overdue = sa.func.sum(sa.case((col(Claim.due_on) < today, 1), else_=0))
    query = (sa.select(col(User.name), col(User.role), col(Claim.status), sa.func.count(), overdue)
             .join(Claim, col(Claim.assignee_id) == col(User.id))
             .where(col(Claim.status).not_in(CLOSED_STATUSES))
             .group_by(col(User.name), col(User.role), col(Claim.status)))
    work: dict[str, OpenWork] = {}
    with read_session(engine) as session:
        for name, role, status, n, late in session.execute(query):
            entry = work.setdefault(name, OpenWork(name, role))
            entry.by_status[status] = int(n)
            entry.overdue += int(late or 0)
    return sorted(work.values(), key=lambda w: (-w.total, w.name))
