"""The dashboard's aggregate queries (claims.service.overview), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from claims import service
from claims.service import Actor, ClaimFilter
from claims.service.overview import (
    article_choices,
    article_progress,
    open_work,
    overdue_claims,
    status_moves,
)

TODAY = date(2026, 3, 2)


def _ids(engine: Engine, article_id: int) -> list[int]:
    return [c.id for c in service.list_claims(engine, ClaimFilter(article_id=article_id),
                                              order="position", limit=None)]


def _version(engine: Engine, claim_id: int) -> int:
    return service.get_claim(engine, claim_id).claim.version


def test_progress_overdue_and_open_work(engine: Engine, seeded: int, checker: Actor,
                                        editor: Actor) -> None:
    first, second, third, fourth = _ids(engine, seeded)[:4]
    service.propose_verdict(engine, checker, first, seen_version=1, verdict="true",
                            rationale="r")
    service.approve_verdict(engine, editor, first, seen_version=_version(engine, first))
    for claim_id, due in ((second, date(2026, 3, 1)), (third, date(2026, 3, 2)),
                          (fourth, date(2026, 2, 1))):
        service.assign(engine, editor, claim_id, seen_version=1, assignee="asha", due_on=due)
    service.dismiss(engine, editor, fourth, seen_version=_version(engine, fourth))

    [progress] = article_progress(engine)
    total = len(_ids(engine, seeded))
    assert (progress.article_id, progress.approved, progress.total) == (seeded, 1, total)
    assert progress.by_status == {"approved": 1, "dismissed": 1, "new": total - 2}
    assert progress.done == 1 / total
    assert [c.id for c in overdue_claims(engine, TODAY)] == [second]  # dismissed: not open
    [work] = open_work(engine, TODAY)
    assert (work.name, work.total, work.overdue, work.by_status) == ("asha", 2, 1, {"new": 2})
    assert article_choices(engine)[0][0] == seeded


def test_counts_join_the_assignee_only_to_filter_by_it(engine: Engine, seeded: int,
                                                      editor: Actor) -> None:
    claim_id = _ids(engine, seeded)[0]
    service.assign(engine, editor, claim_id, seen_version=1, assignee="eddie")
    mine = ClaimFilter(assignee="eddie")
    assert service.count_claims(engine, mine) == 1
    assert service.counts_by(engine, "status", mine) == {"new": 1}
    assert service.count_claims(engine) == len(_ids(engine, seeded))
    assert service.count_claims(engine, ClaimFilter(open_only=True)) == len(_ids(engine, seeded))


def test_status_moves_follow_the_workflow() -> None:
    assert status_moves("new") == ("in_progress", "dismissed")
    assert status_moves("approved") == ()
