"""Article revisions: re-ingesting an updated article re-anchors every claim and keeps every
review. Revisions are made by hand from the seed article; expectations are written by hand."""

from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims import service
from claims.errors import NotFound
from claims.export.dump import restore_dump, write_dump
from claims.models import ArticleRevision, AuditEvent, ClaimPlacement
from claims.service import Actor, ClaimFilter
from claims.service.articles import body_sha256, claim_rows
from claims.service.revisions import REVISION_HOOKS, ClaimsRevised, revise_article
from claims.store import read_session, write_session
from tests.conftest import seed_input
from tests.test_export_dump import other_engine  # noqa: F401  (fixture)

URL = "https://www.bbc.com/news/world-asia-india-68000000"
FIGURE = ("killed at least 41 people", "killed at least 45 people")
TYPO = ("energy, and science technology.”", "energy, and science and technology.”")
CUT = ("Delhi and Moscow are not without their own differences. There have been several "
       "reported cases of Indian nationals who were lured with false promises of lucrative job "
       "offers and ended up fighting for the Russian army in Ukraine. Four Indians have died so "
       "far in the fighting.\n\n")
MOVED = ("Driven by a surge in the purchase of oil, bilateral trade between India and Russia in "
         "the last few years has soared to $65bn (£50.76bn). India’s exports to Russia stand at "
         "just $4bn.\n\n")
ADDED = "Flights between Delhi and Moscow rose to 2,600 a week in June, officials said."


def seed_text() -> str:
    return seed_input().text


def edited(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def revision_two_text() -> str:
    """The seed with a figure changed, a quote's typo fixed, a paragraph cut, one moved to
    the end and one added after the first paragraph."""
    text = edited(seed_text(), FIGURE, TYPO, (CUT, ""), (MOVED, ""))
    first_paragraph_end = text.index("Mr. Modi landed")
    text = text[:first_paragraph_end] + ADDED + "\n\n" + text[first_paragraph_end:]
    return edited(text, ("\n\nRelated Posts", "\n\n" + MOVED.rstrip() + "\n\nRelated Posts"))


def ingest(engine: Engine, actor: Actor, text: str, url: str | None = URL,
           **changes: Any) -> service.IngestResult:
    return service.ingest_article(engine, actor, replace(seed_input(), text=text, url=url,
                                                         **changes))


def claims_by_words(engine: Engine, article_id: int) -> dict[str, service.ClaimRow]:
    rows = service.list_claims(engine, ClaimFilter(article_id=article_id), limit=None,
                               order="position")
    return {row.text: row for row in rows}


def find(rows: dict[str, service.ClaimRow], words: str) -> service.ClaimRow:
    [row] = [row for text, row in rows.items() if words in text]
    return row


def assert_anchored(engine: Engine, article_id: int) -> None:
    """Every claim and mention that is not removed sits on its words in the latest body."""
    body = service.get_article(engine, article_id).body
    for row in service.list_claims(engine, ClaimFilter(article_id=article_id), limit=None):
        if row.revision_status != "removed":
            assert body[row.start:row.end] == row.text, row.id
            for mention in row.mentions:
                assert body[mention["start"]:mention["end"]] == mention["surface"], mention


@pytest.fixture
def first(engine: Engine, admin: Actor) -> service.IngestResult:
    return ingest(engine, admin, seed_text())


def test_one_revision_sorts_every_claim_into_its_status(engine: Engine, admin: Actor,
                                                        first: service.IngestResult) -> None:
    before = claims_by_words(engine, first.article_id)
    assert {row.revision_status for row in before.values()} == {"original"}
    result = ingest(engine, admin, revision_two_text())
    assert (result.article_id, result.revision, result.revised) == (first.article_id, 2, True)
    assert (result.changed, result.removed, result.new) == (2, 1, 1)
    after = {row.id: row for row in claims_by_words(engine, first.article_id).values()}

    figure = after[find(before, "at least 41 people").id]
    assert figure.revision_status == "changed" and "at least 45 people" in figure.text
    assert [(m["kind"], m["value"]) for m in figure.mentions] == [("date", None), ("count", 45)]
    quote = after[find(before, "The main pillars").id]
    assert quote.revision_status == "changed" and "science and technology" in quote.text
    cut = after[find(before, "Four Indians have died").id]
    assert cut.revision_status == "removed" and cut.to_dict()["start"] is None
    assert cut.text == "Four Indians have died so far in the fighting."
    assert after[find(before, "soared to $65bn").id].revision_status == "moved"
    assert after[find(before, "stand at just $4bn").id].revision_status == "moved"
    assert after[find(before, "keenly watched").id].revision_status == "unchanged"
    assert after[find(before, "Additionally, Mr. Modi").id].revision_status == "moved"
    [new] = [row for row in after.values() if row.revision_status == "new"]
    assert new.text == ADDED and any(m["value"] == 2600 for m in new.mentions)
    assert len(after) == len(before) + 1
    assert_anchored(engine, first.article_id)


def test_the_changed_figure_is_told_in_words(engine: Engine, admin: Actor,
                                             first: service.IngestResult) -> None:
    target = find(claims_by_words(engine, first.article_id), "at least 41 people")
    ingest(engine, admin, edited(seed_text(), FIGURE))
    with read_session(engine) as session:
        story = session.exec(select(ClaimPlacement).where(ClaimPlacement.claim_id == target.id)
                             .order_by(col(ClaimPlacement.revision))).all()
    assert [(p.revision, p.revision_status) for p in story] == [(1, "original"), (2, "changed")]
    assert story[1].mention_changes == ["count 41 → 45 person"]
    assert story[0].text == target.text


def test_three_revisions_under_one_url_are_one_article(engine: Engine, admin: Actor,
                                                       first: service.IngestResult) -> None:
    second = ingest(engine, admin, edited(seed_text(), ("at least 41", "at least 43")),
                    url=URL + "?utm_source=twitter")
    third = ingest(engine, admin, edited(seed_text(), ("at least 41", "at least 45"),
                                         ("just $4bn", "just $5bn")), url=URL + "/#top")
    assert {second.article_id, third.article_id} == {first.article_id}
    assert (second.revision, third.revision) == (2, 3)
    assert (third.changed, third.removed, third.new) == (2, 0, 0)
    assert len(service.list_articles(engine)) == 1
    with read_session(engine) as session:
        revisions = session.exec(select(ArticleRevision).order_by(col(ArticleRevision.number)))
        assert [(r.number, r.body_sha256 == body_sha256(r.body)) for r in revisions] == [
            (1, True), (2, True), (3, True)]
    rows = claims_by_words(engine, first.article_id)
    assert find(rows, "at least 45 people").revision_status == "changed"
    assert find(rows, "just $5bn").revision_status == "changed"
    assert find(rows, "keenly watched").revision_status == "unchanged"
    assert "at least 45 people" in service.get_article(engine, first.article_id).body
    assert_anchored(engine, first.article_id)


def test_the_same_body_again_is_a_no_op_and_an_earlier_body_is_found(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    again = ingest(engine, admin, seed_text())
    assert (again.created, again.revised, again.revision) == (False, False, 1)
    ingest(engine, admin, edited(seed_text(), FIGURE))
    earlier = ingest(engine, admin, seed_text(), url=None)
    assert (earlier.article_id, earlier.revised, earlier.revision) == (first.article_id, False, 2)
    reverted = ingest(engine, admin, seed_text())
    assert (reverted.revised, reverted.revision, reverted.changed) == (True, 3, 1)
    assert find(claims_by_words(engine, first.article_id),
                "at least 41 people").revision_status == "unchanged"


def test_a_url_with_other_query_parameters_is_another_article(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    other = ingest(engine, admin, edited(seed_text(), FIGURE), url=URL + "?page=2")
    assert other.created and other.article_id != first.article_id


def test_revision_of_names_the_article_without_a_url(engine: Engine, admin: Actor) -> None:
    first = ingest(engine, admin, seed_text(), url=None)
    result = ingest(engine, admin, edited(seed_text(), FIGURE), url=None,
                    revision_of=first.article_id)
    assert (result.article_id, result.revision) == (first.article_id, 2)
    with pytest.raises(NotFound):
        ingest(engine, admin, edited(seed_text(), TYPO), url=None, revision_of=999)


def test_a_revision_that_removes_every_claim(engine: Engine, admin: Actor,
                                             first: service.IngestResult) -> None:
    result = ingest(engine, admin, "Taken down\n\nThis story is no longer available.",
                    title="Taken down")
    assert (result.revision, result.changed, result.removed, result.new) == (2, 0, 22, 0)
    rows = service.list_claims(engine, ClaimFilter(article_id=first.article_id), limit=None)
    assert {row.revision_status for row in rows} == {"removed"}
    assert all(row.to_dict()["start"] is None and row.to_dict()["end"] is None for row in rows)
    assert service.count_claims(engine, ClaimFilter(revision_status="removed")) == 22
    back = ingest(engine, admin, seed_text())
    assert (back.revision, back.removed) == (3, 0)
    rows = service.list_claims(engine, ClaimFilter(article_id=first.article_id), limit=None)
    assert {row.revision_status for row in rows} == {"unchanged"}
    assert_anchored(engine, first.article_id)


def test_a_revision_of_an_article_with_reviewed_claims_keeps_every_review(
        engine: Engine, admin: Actor, checker: Actor, editor: Actor,
        first: service.IngestResult) -> None:
    rows = claims_by_words(engine, first.article_id)
    figure, trade, exports = (find(rows, "at least 41 people"), find(rows, "soared to $65bn"),
                              find(rows, "just $4bn"))
    for row in (figure, exports):
        service.propose_verdict(engine, checker, row.id, seen_version=row.version,
                                verdict="true", rationale="Checked.")
        service.approve_verdict(engine, editor, row.id,
                                seen_version=service.claim_version(engine, row.id))
    service.propose_verdict(engine, checker, trade.id, seen_version=trade.version,
                            verdict="mostly_true", rationale="Close.")
    service.add_note(engine, checker, figure.id, body="Kyiv said 41.")
    service.assign(engine, editor, figure.id, seen_version=service.claim_version(
        engine, figure.id), assignee="asha")
    ingest(engine, admin, edited(seed_text(), FIGURE, ("$65bn", "$66bn")))

    changed = service.get_claim(engine, figure.id)
    assert (changed.claim.status, changed.claim.verdict) == ("in_progress", "true")
    assert changed.claim.rationale == "Checked." and changed.approved_by is None
    assert [n.body for n, _ in changed.notes] == ["Kyiv said 41."]
    assert changed.assignee == "asha"
    proposal = service.get_claim(engine, trade.id).claim
    assert (proposal.status, proposal.verdict) == ("in_progress", "mostly_true")
    kept = service.get_claim(engine, exports.id).claim
    assert (kept.status, kept.verdict, kept.revision_status) == ("approved", "true",
                                                                 "unchanged")
    [event] = [e for e in service.claim_history(engine, figure.id) if e.action == "revision"]
    assert event.after is not None and event.after["revision"] == 2
    assert event.after["changes"] == ["count 41 → 45 person"]
    assert event.before is not None and event.before["status"] == "approved"


def test_every_revision_is_announced_to_the_hooks(engine: Engine, admin: Actor,
                                                  first: service.IngestResult) -> None:
    seen: list[ClaimsRevised] = []
    REVISION_HOOKS.append(lambda _session, revised: seen.append(revised))
    try:
        ingest(engine, admin, revision_two_text())
    finally:
        REVISION_HOOKS.pop()
    [revised] = seen
    rows = {row.id: row for row in claims_by_words(engine, first.article_id).values()}
    assert (revised.article_id, revised.revision) == (first.article_id, 2)
    assert {rows[i].revision_status for i in revised.changed_ids} == {"changed"}
    assert [rows[i].text for i in revised.new_ids] == [ADDED]
    assert len(revised.removed_ids) == 1


def test_two_concurrent_revisions_of_one_article_keep_both(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    """The first holds the article's lock while the second arrives: the second waits and
    becomes revision 3, anchored into the first one's body."""
    text_a = edited(seed_text(), FIGURE)
    text_b = edited(seed_text(), ("just $4bn", "just $5bn"))
    holding, errors = threading.Event(), []

    def slow_revision() -> None:
        try:
            item = replace(seed_input(), text=text_a, url=URL)
            body = text_a[text_a.index("Indian Prime Minister"):text_a.index("\n\nRelated")]
            with write_session(engine) as session:
                revise_article(session, admin, first.article_id, body, body_sha256(body),
                               claim_rows(body, []), url=item.url)
                holding.set()
                time.sleep(1.5)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
            holding.set()

    thread = threading.Thread(target=slow_revision)
    thread.start()
    assert holding.wait(60)
    second = ingest(engine, admin, text_b)
    thread.join(60)
    assert not errors
    assert (second.article_id, second.revision) == (first.article_id, 3)
    with read_session(engine) as session:
        numbers = [(r.number, "at least 45" in r.body, "just $5bn" in r.body) for r in
                   session.exec(select(ArticleRevision).order_by(col(ArticleRevision.number)))]
    assert numbers == [(1, False, False), (2, True, False), (3, False, True)]
    rows = claims_by_words(engine, first.article_id)
    assert find(rows, "at least 41 people").revision_status == "unchanged"
    assert find(rows, "just $5bn").revision_status == "changed"
    assert_anchored(engine, first.article_id)


def test_the_dump_carries_every_revision_and_restores_identically(
        engine: Engine, admin: Actor, first: service.IngestResult,
        other_engine: Engine) -> None:  # noqa: F811
    ingest(engine, admin, revision_two_text())
    out = io.StringIO()
    write_dump(engine, out, with_secrets=True)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    [article] = [r["row"] for r in records if r.get("table") == "article"]
    revisions = [r["row"] for r in records if r.get("table") == "article_revision"]
    assert article["body"] == revisions[1]["body"] and ADDED in article["body"]
    assert [r["number"] for r in revisions] == [1, 2]
    restore_dump(other_engine, io.StringIO(out.getvalue()))
    again = io.StringIO()
    write_dump(other_engine, again, with_secrets=True)
    assert again.getvalue().encode("utf-8") == out.getvalue().encode("utf-8")


def test_a_first_ingest_is_revision_one(engine: Engine, first: service.IngestResult) -> None:
    with Session(engine) as session:
        [revision] = session.exec(select(ArticleRevision)).all()
    assert (revision.article_id, revision.number) == (first.article_id, 1)
    assert revision.body == service.get_article(engine, first.article_id).body


def test_a_claim_added_by_hand_after_a_revision_is_new_and_follows_the_next_one(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    ingest(engine, admin, edited(seed_text(), FIGURE))
    added = service.add_claim(engine, admin, first.article_id,
                              words="State Department spokesman Matthew Miller urged Mr. Modi")
    assert added.revision_status == "new"
    ingest(engine, admin, edited(seed_text(), FIGURE, ("Matthew Miller urged", "Matthew Miller "
                                                       "pressed")))
    claim = service.get_claim(engine, added.id or 0).claim
    assert claim.revision_status == "changed"
    assert claim.text == "State Department spokesman Matthew Miller pressed Mr. Modi"
    assert_anchored(engine, first.article_id)


def test_a_revision_with_a_new_headline_retitles_the_article(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    old_title = service.get_article(engine, first.article_id).title
    assert old_title and old_title.startswith("Modi and Putin in Moscow")
    same_headline = ingest(engine, admin, edited(seed_text(), ("at least 41", "at least 43")))
    assert service.get_article(engine, first.article_id).title == old_title
    retitled = ingest(engine, admin, edited(seed_text(), ("at least 41", "at least 44"),
                                            (old_title, "Modi meets Putin as Kyiv toll rises")),
                      title=None)  # the headline, the text's first line, names it
    assert (same_headline.revision, retitled.revision) == (2, 3)
    assert retitled.title == "Modi meets Putin as Kyiv toll rises"
    assert service.get_article(engine, first.article_id).title == retitled.title
    with read_session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "revise")
                              .order_by(col(AuditEvent.id))).all()
    assert "title" not in events[0].after and "title" not in events[0].before
    assert (events[1].before["title"], events[1].after["title"]) == (old_title, retitled.title)
    assert events[1].before["sha256"] != events[1].after["sha256"]
    given = ingest(engine, admin, edited(seed_text(), ("at least 41", "at least 46")),
                   title="Modi in Moscow (updated)")
    assert service.get_article(engine, first.article_id).title == given.title == \
        "Modi in Moscow (updated)"


def test_notes_quoting_a_changed_claim_follow_its_words(
        engine: Engine, admin: Actor, first: service.IngestResult) -> None:
    claim = find(claims_by_words(engine, first.article_id), "at least 41 people")
    text = claim.text

    def note(words: str) -> int:
        at = text.index(words)
        made = service.add_note(engine, admin, claim.id, body=f"about {words}",
                                quote_start=at, quote_end=at + len(words))
        return made.id or 0

    shifted, figure, gone = note("hospital in Kyiv"), note("at least 41 people"), \
        note("Russian bombing")
    ingest(engine, admin, edited(seed_text(), ("Mr. Modi landed", "Mr. Narendra Modi landed"),
                                 ("at least 41", "at least 44"),
                                 ("Russian bombing", "missile strikes")))
    now = service.get_claim(engine, claim.id)
    assert now.claim.revision_status == "changed"
    quotes = {n.id: (n.quote_start, n.quote_end) for n, _author in now.notes}
    words = {i: now.claim.text[s:e] if s is not None and e is not None else None
             for i, (s, e) in quotes.items()}
    assert words == {shifted: "hospital in Kyiv", figure: "at least 44 people", gone: None}
    with read_session(engine) as session:
        [event] = session.exec(select(AuditEvent).where(
            AuditEvent.action == "revision", AuditEvent.claim_id == claim.id)).all()
    moved = {m["note_id"]: m for m in event.after["notes"]}
    assert set(moved) == {shifted, figure, gone}
    assert moved[gone]["quoted"] == "Russian bombing" and moved[gone]["to"] is None
