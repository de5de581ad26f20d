"""The service layer: ingest, the review workflow, permissions, versions and the audit log."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import select

from claims import service
from claims.errors import BadInput, EditConflict, Forbidden, NotFound
from claims.models import Article, AuditEvent, Claim, Mention
from claims.service import Actor, ClaimFilter
from claims.store import read_session
from tests.conftest import seed_input


def _audit_count(engine: Engine) -> int:
    with read_session(engine) as session:
        return len(session.exec(select(AuditEvent)).all())


def _claim_41(engine: Engine) -> service.ClaimRow:
    rows = service.list_claims(engine, ClaimFilter(search="at least 41 people"))
    assert len(rows) == 1
    return rows[0]


def test_ingest_stores_article_claims_and_mentions_once(engine: Engine, admin: Actor) -> None:
    first = service.ingest_article(engine, admin, seed_input())
    again = service.ingest_article(engine, admin, seed_input())
    assert first.created and not again.created
    assert again.article_id == first.article_id and again.claims == first.claims > 5
    article = service.get_article(engine, first.article_id)
    assert article.title and article.title.startswith("Modi and Putin in Moscow")
    assert article.body.startswith("Indian Prime Minister Narendra Modi is being keenly watched")
    assert "Related Posts" not in article.body
    with read_session(engine) as session:
        assert len(session.exec(select(Article)).all()) == 1
        for claim in session.exec(select(Claim)):
            assert article.body[claim.start : claim.end] == claim.text
        for mention in session.exec(select(Mention)):
            assert article.body[mention.start : mention.end] == mention.surface


def test_ingest_of_an_empty_body_is_refused_and_writes_nothing(engine: Engine,
                                                               admin: Actor) -> None:
    with pytest.raises(BadInput, match="no body"):
        service.ingest_article(engine, admin, replace(seed_input(), text="Just a title\n\n   \n"))
    assert service.list_articles(engine) == []


def test_the_workflow_from_new_to_approved(engine: Engine, seeded: int, checker: Actor,
                                           editor: Actor) -> None:
    claim = _claim_41(engine)
    step = service.set_status(engine, checker, claim.id, seen_version=claim.version,
                              status="in_progress")
    assert step.changed and step.claim.status == "in_progress"
    service.add_note(engine, checker, claim.id, body="UN figures say 41 too")
    step = service.propose_verdict(engine, checker, claim.id, seen_version=step.claim.version,
                                   verdict="true", rationale="Matches the UN report")
    assert step.claim.status == "needs_approval" and step.claim.proposed_by_id == checker.user_id
    step = service.send_back(engine, editor, claim.id, seen_version=step.claim.version,
                             comment="Add a second source")
    assert step.claim.status == "in_progress"
    step = service.propose_verdict(engine, checker, claim.id, seen_version=step.claim.version,
                                   verdict="true", rationale="UN and Kyiv authorities agree")
    step = service.approve_verdict(engine, editor, claim.id, seen_version=step.claim.version)
    assert step.claim.status == "approved" and step.claim.approved_by_id == editor.user_id
    actions = [e.action for e in service.claim_history(engine, claim.id)]
    assert actions == ["set_status", "add_note", "propose_verdict", "send_back",
                       "propose_verdict", "approve"]
    notes = service.get_claim(engine, claim.id).notes
    assert [n.body for n, _ in notes] == ["UN figures say 41 too", "Sent back: Add a second source"]


def test_workflow_rules_refuse_skipping_steps(engine: Engine, seeded: int, checker: Actor,
                                             editor: Actor) -> None:
    claim = _claim_41(engine)
    with pytest.raises(BadInput, match="proposing a verdict"):
        service.set_status(engine, checker, claim.id, seen_version=1, status="needs_approval")
    with pytest.raises(BadInput, match="proposed verdict"):
        service.approve_verdict(engine, editor, claim.id, seen_version=1)
    with pytest.raises(BadInput, match="unknown verdict"):
        service.propose_verdict(engine, checker, claim.id, seen_version=1, verdict="sort of",
                                rationale="x")
    with pytest.raises(BadInput, match="rationale"):
        service.propose_verdict(engine, checker, claim.id, seen_version=1, verdict="true",
                                rationale="  ")
    with pytest.raises(NotFound, match="no claim with id 999999"):
        service.set_status(engine, checker, 999999, seen_version=1, status="in_progress")


@pytest.mark.parametrize("operation", [
    lambda e, a, c: service.set_status(e, a, c, seen_version=1, status="in_progress"),
    lambda e, a, c: service.add_note(e, a, c, body="a note"),
    lambda e, a, c: service.propose_verdict(e, a, c, seen_version=1, verdict="true",
                                            rationale="r"),
    lambda e, a, c: service.dismiss(e, a, c, seen_version=1),
    lambda e, a, c: service.approve_verdict(e, a, c, seen_version=1),
    lambda e, a, c: service.send_back(e, a, c, seen_version=1, comment="c"),
    lambda e, a, c: service.assign(e, a, c, seen_version=1, assignee=None),
    lambda e, a, c: service.add_claim(e, a, 1, words="Four Indians have died"),
    lambda e, a, c: service.add_user(e, a, name="mallory", role="admin"),
    lambda e, a, c: service.ingest_article(e, a, seed_input()),
], ids=["status", "note", "propose", "dismiss", "approve", "send_back", "assign", "add_claim",
        "add_user", "ingest"])
def test_a_viewer_may_change_nothing(engine: Engine, seeded: int, viewer: Actor,
                                     operation: object) -> None:
    claim = _claim_41(engine)
    before = _audit_count(engine)
    with pytest.raises(Forbidden, match="vera is a viewer and may not"):
        operation(engine, viewer, claim.id)  # type: ignore[operator]
    assert _audit_count(engine) == before


def test_a_checker_may_not_approve_assign_or_manage_users(engine: Engine, seeded: int,
                                                          checker: Actor) -> None:
    claim = _claim_41(engine)
    step = service.propose_verdict(engine, checker, claim.id, seen_version=1, verdict="false",
                                   rationale="r")
    with pytest.raises(Forbidden, match="approve"):
        service.approve_verdict(engine, checker, claim.id, seen_version=step.claim.version)
    with pytest.raises(Forbidden, match="assign"):
        service.assign(engine, checker, claim.id, seen_version=step.claim.version,
                       assignee="asha")
    with pytest.raises(Forbidden, match="manage users"):
        service.add_user(engine, checker, name="x", role="viewer")


def test_an_editor_may_not_manage_users(engine: Engine, editor: Actor) -> None:
    with pytest.raises(Forbidden, match="needs the admin role"):
        service.update_user(engine, editor, name="eddie", role="admin")


def test_a_stale_save_is_refused_with_who_and_when(engine: Engine, seeded: int, checker: Actor,
                                                   editor: Actor) -> None:
    claim = _claim_41(engine)
    seen_by_both = claim.version
    service.propose_verdict(engine, checker, claim.id, seen_version=seen_by_both,
                            verdict="true", rationale="asha's reasoning")
    with pytest.raises(EditConflict) as conflict:
        service.assign(engine, editor, claim.id, seen_version=seen_by_both, assignee="asha")
    message = str(conflict.value)
    assert "changed by asha" in message and "UTC" in message
    assert conflict.value.current_version == seen_by_both + 1
    stored = service.get_claim(engine, claim.id).claim
    assert stored.assignee_id is None and stored.rationale == "asha's reasoning"


def test_a_no_op_save_writes_no_audit_event_and_keeps_the_version(engine: Engine, seeded: int,
                                                                  checker: Actor) -> None:
    claim = _claim_41(engine)
    step = service.set_status(engine, checker, claim.id, seen_version=1, status="in_progress")
    events = _audit_count(engine)
    again = service.set_status(engine, checker, claim.id, seen_version=step.claim.version,
                               status="in_progress")
    assert not again.changed and again.claim.version == step.claim.version
    assert _audit_count(engine) == events


def test_every_effective_change_has_its_audit_event(engine: Engine, seeded: int, editor: Actor,
                                                    checker: Actor) -> None:
    claim = _claim_41(engine)
    step = service.assign(engine, editor, claim.id, seen_version=1, assignee="asha")
    event = service.claim_history(engine, claim.id)[-1]
    assert (event.action, event.actor_name) == ("assign", "eddie")
    assert event.before == {"assignee_id": None} and event.after == {"assignee_id":
                                                                      checker.user_id}
    assert step.claim.version == 2


def test_an_error_between_audit_insert_and_commit_leaves_neither(engine: Engine, seeded: int,
                                                                 checker: Actor) -> None:
    claim = _claim_41(engine)
    events = _audit_count(engine)

    def fail_after_flush(session: OrmSession, _context: object) -> None:
        if any(isinstance(row, AuditEvent) for row in session.new) or any(
                isinstance(row, AuditEvent) for row in session.identity_map.values()):
            raise RuntimeError("injected failure after the audit insert")

    sa.event.listen(OrmSession, "after_flush", fail_after_flush)
    try:
        with pytest.raises(RuntimeError, match="injected"):
            service.propose_verdict(engine, checker, claim.id, seen_version=1, verdict="false",
                                    rationale="r")
    finally:
        sa.event.remove(OrmSession, "after_flush", fail_after_flush)
    stored = service.get_claim(engine, claim.id).claim
    assert (stored.status, stored.verdict, stored.version) == ("new", None, 1)
    assert _audit_count(engine) == events


def test_a_checker_adds_a_missed_claim_by_its_exact_words(engine: Engine, seeded: int,
                                                          checker: Actor) -> None:
    words = "India’s exports to Russia stand at just $4bn."
    claim = service.add_claim(engine, checker, seeded, words=words, kind="money")
    article = service.get_article(engine, seeded)
    assert article.body[claim.start : claim.end] == words and claim.origin == "manual"
    detail = service.get_claim(engine, claim.id)
    assert [m.surface for m in detail.mentions if m.kind == "money"] == ["$4bn"]
    spaced = service.add_claim(engine, checker, seeded, words="Four  Indians\nhave died")
    assert spaced.text == "Four Indians have died"
    with pytest.raises(BadInput, match="not in the article"):
        service.add_claim(engine, checker, seeded, words="Five Indians have died")


def test_a_checker_corrects_and_deletes_mentions(engine: Engine, seeded: int,
                                                 checker: Actor) -> None:
    claim = _claim_41(engine)
    mention = next(m for m in claim.mentions if m["surface"] == "41")
    step = service.update_mention(engine, checker, mention["id"], seen_version=1, value=42.0,
                                  qualifier="approx")
    assert step.changed and step.claim.version == 2
    with pytest.raises(EditConflict):
        service.delete_mention(engine, checker, mention["id"], seen_version=1)
    service.delete_mention(engine, checker, mention["id"], seen_version=2)
    assert all(m.id != mention["id"] for m in service.get_claim(engine, claim.id).mentions)
    actions = [e.action for e in service.claim_history(engine, claim.id)]
    assert actions == ["edit_mention", "delete_mention"]


def test_users_and_passwords(engine: Engine, admin: Actor) -> None:
    service.add_user(engine, admin, name="asha", role="checker", password="correct horse")
    assert service.authenticate(engine, "asha", "correct horse").role == "checker"
    with pytest.raises(Forbidden, match="wrong user name or password"):
        service.authenticate(engine, "asha", "wrong password")
    with pytest.raises(Forbidden, match="wrong user name or password"):
        service.authenticate(engine, "nobody", "correct horse")
    with pytest.raises(BadInput, match="already exists"):
        service.add_user(engine, admin, name="asha", role="viewer")
    with pytest.raises(BadInput, match="unknown role"):
        service.add_user(engine, admin, name="bob", role="boss")
    service.update_user(engine, admin, name="asha", active=False)
    with pytest.raises(NotFound):
        service.actor_for(engine, "asha")


def test_queue_filters_and_paging_happen_in_sql(engine: Engine, seeded: int,
                                                checker: Actor) -> None:
    total = service.count_claims(engine)
    page = service.list_claims(engine, limit=3, offset=0, order="score")
    rest = service.list_claims(engine, limit=None, offset=3, order="score")
    assert len(page) == 3 and len(page) + len(rest) == total
    assert [r.score for r in page + rest] == sorted((r.score for r in page + rest), reverse=True)
    claim = _claim_41(engine)
    service.set_status(engine, checker, claim.id, seen_version=1, status="dismissed")
    assert [r.id for r in service.list_claims(engine, ClaimFilter(status="dismissed"))] == [
        claim.id]
    assert service.counts_by(engine, "status") == {"new": total - 1, "dismissed": 1}
    assert service.list_claims(engine, ClaimFilter(search="100% sure_")) == []
