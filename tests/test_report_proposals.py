"""Reports count and print approved verdicts as findings, and proposals as proposals."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from claims import service
from claims.export.report import build_report, export_report
from claims.service import Actor, ClaimFilter
from claims.settings import Settings


def _two_claims(engine: Engine, checker: Actor, editor: Actor, article_id: int) -> list[int]:
    """The first claim proposed `false` (not approved), the second approved as `true`."""
    first, second = [c.id for c in service.list_claims(
        engine, ClaimFilter(article_id=article_id), order="position", limit=2)]
    for claim_id, verdict in ((first, "false"), (second, "true")):
        version = service.get_claim(engine, claim_id).claim.version
        service.propose_verdict(engine, checker, claim_id, seen_version=version,
                                verdict=verdict, rationale="the ministry's own figures")
    version = service.get_claim(engine, second).claim.version
    service.approve_verdict(engine, editor, second, seen_version=version)
    return [first, second]


def test_a_proposal_is_not_counted_as_a_finding(engine: Engine, checker: Actor, editor: Actor,
                                                seeded: int) -> None:
    _two_claims(engine, checker, editor, seeded)
    report = build_report(engine, seeded)
    assert report.by_verdict["true"] == 1
    assert "false" not in report.by_verdict
    assert report.by_proposal == {"false": 1}


def test_reports_print_a_proposal_as_a_proposal(engine: Engine, checker: Actor, editor: Actor,
                                                seeded: int) -> None:
    _two_claims(engine, checker, editor, seeded)
    for format in ("md", "html"):
        page = export_report(engine, seeded, format=format, settings=Settings())
        page = page.replace("\\", "")  # Markdown escapes ':' and '('
        assert "proposed: false (not approved)" in page, format
        assert "proposed verdict" in page, format
        assert "**false**" not in page and 'verdict-false">' not in page, format
