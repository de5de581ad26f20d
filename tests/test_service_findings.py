"""Findings stored on claims: made on ingest, re-run on demand, dismissed with an audit."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from claims import service
from claims.errors import BadInput, Forbidden
from claims.models import AuditEvent, Claim, Mention
from claims.service import Actor
from claims.service.findings import (
    claim_findings,
    dismiss_finding,
    open_findings,
    recheck_article,
    refresh_findings,
    set_anniversaries,
)
from claims.store import read_session, write_session
from tests.conftest import seed_input

WRONG_TRADE = ("soared to $65bn (£50.76bn)", "soared to $65bn (£40.76bn)")


def _ingest_planted(engine: Engine, admin: Actor) -> int:
    item = seed_input()
    item = replace(item, text=item.text.replace(*WRONG_TRADE))
    return service.ingest_article(engine, admin, item).article_id


def test_the_seed_is_stored_without_findings(engine: Engine, seeded: int) -> None:
    assert open_findings(engine, seeded) == []


def test_ingest_stores_a_finding_on_its_claim(engine: Engine, admin: Actor) -> None:
    article_id = _ingest_planted(engine, admin)
    [finding] = open_findings(engine, article_id)
    assert finding.rule == "currency_conversion" and finding.severity == "error"
    assert [m["surface"] for m in finding.mentions] == ["$65bn", "£40.76bn"]
    with read_session(engine) as session:
        claim = session.get(Claim, finding.claim_id)
        assert claim is not None and "£40.76bn" in claim.text
        article_body = claim.text
    assert "£40.76bn" in article_body
    assert claim_findings(engine, finding.claim_id)[0].id == finding.id


def test_a_dismissal_is_audited_and_survives_a_rerun(engine: Engine, admin: Actor,
                                                      checker: Actor) -> None:
    article_id = _ingest_planted(engine, admin)
    [finding] = open_findings(engine, article_id)
    with pytest.raises(BadInput):
        dismiss_finding(engine, checker, finding.id, "  ")
    dismissed = dismiss_finding(engine, checker, finding.id, "the article quotes 2023 rates")
    assert dismissed.status == "dismissed"
    assert recheck_article(engine, checker, article_id) == 0
    assert open_findings(engine, article_id) == []
    [again] = claim_findings(engine, finding.claim_id)
    assert (again.id, again.status) == (finding.id, "dismissed")
    with read_session(engine) as session:
        events = session.exec(select(AuditEvent).where(
            AuditEvent.action == "dismiss_finding")).all()
    assert [(e.actor_name, e.claim_id, (e.after or {})["reason"]) for e in events] == [
        (checker.name, finding.claim_id, "the article quotes 2023 rates")]


def test_a_viewer_may_not_dismiss(engine: Engine, admin: Actor, viewer: Actor) -> None:
    article_id = _ingest_planted(engine, admin)
    [finding] = open_findings(engine, article_id)
    with pytest.raises(Forbidden):
        dismiss_finding(engine, viewer, finding.id, "fine")
    assert open_findings(engine, article_id)[0].status == "open"


def test_refresh_after_a_fix_removes_the_open_finding(engine: Engine, admin: Actor) -> None:
    article_id = _ingest_planted(engine, admin)
    with write_session(engine) as session:
        for claim in session.exec(select(Claim).where(Claim.article_id == article_id)):
            for mention in session.exec(select(Mention).where(Mention.claim_id == claim.id)):
                if mention.surface == "£40.76bn":
                    mention.value = 50_760_000_000
                    session.add(mention)
        assert refresh_findings(session, article_id) == 0
    assert open_findings(engine, article_id) == []


def test_a_desk_anniversary_is_used_on_ingest(engine: Engine, admin: Actor) -> None:
    set_anniversaries(engine, admin, "Ruritania Fest: 1974")
    text = "Festival news\n\nThe town marked the 40th anniversary of Ruritania Fest on Monday.\n"
    item = replace(seed_input(), text=text, title="Festival news", source_name="fest.txt")
    article_id = service.ingest_article(engine, admin, item).article_id
    [finding] = open_findings(engine, article_id)
    assert (finding.rule, finding.expected) == ("anniversary", "50")


def test_the_queue_filters_has_findings_and_puts_errors_first(engine: Engine,
                                                              admin: Actor) -> None:
    article_id = _ingest_planted(engine, admin)
    [finding] = open_findings(engine, article_id)
    rows = service.list_claims(engine, service.ClaimFilter(has_findings=True), limit=None)
    assert [r.id for r in rows] == [finding.claim_id]
    assert rows[0].findings[0]["rule"] == "currency_conversion"
    assert service.count_claims(engine, service.ClaimFilter(has_findings=True)) == 1
    ordered = service.list_claims(engine, service.ClaimFilter(article_id=article_id),
                                  order="findings", limit=5)
    assert ordered[0].id == finding.claim_id
    assert service.list_claims(engine, service.ClaimFilter(article_id=article_id),
                               order="score", limit=1)[0].id != finding.claim_id


def test_exports_and_the_report_carry_open_findings(engine: Engine, admin: Actor) -> None:
    import csv
    import io
    import json

    from claims.export.records import iter_claims
    from claims.export.report import export_report
    from claims.export.tabular import write_csv, write_jsonl
    from claims.settings import Settings

    article_id = _ingest_planted(engine, admin)
    out = io.StringIO()
    write_jsonl(iter_claims(engine, service.ClaimFilter(article_id=article_id)), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    flagged = [r for r in rows if r["findings"]]
    assert len(flagged) == 1 and flagged[0]["findings"][0]["severity"] == "error"
    out = io.StringIO()
    write_csv(iter_claims(engine, service.ClaimFilter(article_id=article_id)), out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sum(1 for r in table if json.loads(r["findings"])) == 1
    report = export_report(engine, article_id, format="md", settings=Settings())
    assert "Open check findings" in report and "would be" in report
    html = export_report(engine, article_id, format="html", settings=Settings())
    assert "Open check findings" in html


def test_the_article_view_marks_the_claims_with_open_findings(engine: Engine,
                                                              admin: Actor) -> None:
    from claims.service import ClaimFilter
    from claims.ui.article_view import article_spans

    article_id = _ingest_planted(engine, admin)
    [finding] = open_findings(engine, article_id)
    claims = service.list_claims(engine, ClaimFilter(article_id=article_id), order="position",
                                 limit=None, with_mentions=False)
    spans = article_spans(claims, open_findings(engine, article_id))
    [marked] = [s for s in spans if "⚠" in s.tag]
    assert marked.href == f"claim?claim={finding.claim_id}"
    assert f"{finding.severity}: {finding.message}" in marked.title
    assert {(m["start"], m["end"]) for m in finding.mentions} <= set(marked.underline)
    assert all("⚠" not in s.tag and not s.underline for s in spans if s is not marked)
    assert [s.tag for s in article_spans(claims)] == [str(n) for n in range(1, len(spans) + 1)]


def test_the_desk_currency_tolerance_is_used_on_ingest_and_audited(engine: Engine, admin: Actor,
                                                                   checker: Actor) -> None:
    from claims.service.findings import (
        parse_tolerance,
        recheck_article,
        set_currency_tolerance,
        stored_currency_tolerance,
    )

    assert stored_currency_tolerance(engine) == 0.03
    assert [parse_tolerance(v) for v in ("3", "2.5%", " 30 % ")] == [0.03, 0.025, 0.3]
    for bad in ("abc", "0", "-1", "51", "nan", ""):
        with pytest.raises(BadInput):
            parse_tolerance(bad)
    with pytest.raises(Forbidden):
        set_currency_tolerance(engine, checker, "30")
    # the planted "£40.76bn" is 25% off the ECB rate: flagged at 3%, not at 30%
    assert set_currency_tolerance(engine, admin, "30%") == 0.3
    assert stored_currency_tolerance(engine) == 0.3
    article_id = _ingest_planted(engine, admin)
    assert open_findings(engine, article_id) == []
    set_currency_tolerance(engine, admin, "3")
    assert open_findings(engine, article_id) == [], "stored articles keep theirs until rechecked"
    assert recheck_article(engine, admin, article_id) == 1
    [finding] = open_findings(engine, article_id)
    assert finding.rule == "currency_conversion"
    assert 0.03 <= finding.tolerance < 0.05  # 3%, with room for the stated figures' rounding
    with read_session(engine) as session:
        events = session.exec(select(AuditEvent).where(
            AuditEvent.action == "set_currency_tolerance")).all()
    assert [(e.before, e.after) for e in events] == [
        ({"currency_tolerance": 0.03}, {"currency_tolerance": 0.3}),
        ({"currency_tolerance": 0.3}, {"currency_tolerance": 0.03})]
