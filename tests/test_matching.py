"""Claim matching across articles, on SQLite and on PostgreSQL: links on ingest, conflicts,
no links between unrelated stories, "not the same claim", reuse a verdict, re-matching."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import BadInput, NotFound
from claims.service import Actor, ArticleInput, ClaimFilter
from claims.service.matching import (
    checked_before,
    claim_matches,
    disagreeing_verdicts,
    dismiss_link,
    match_desk,
    rematch_claims,
    reuse_verdict,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "matching"


def ingest(engine: Engine, actor: Actor, name: str) -> int:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return service.ingest_article(engine, actor, ArticleInput(
        text=text, published_on=date(2024, 7, 9), source_name=name)).article_id


def claim_with(engine: Engine, article_id: int, words: str) -> int:
    found = service.list_claims(engine, ClaimFilter(article_id=article_id, search=words))
    assert len(found) == 1, [c.text for c in found]
    return found[0].id


@pytest.fixture
def story(engine: Engine, admin: Actor) -> dict[str, int]:
    """Two articles on one story (one figure repeated, one changed) and an unrelated one."""
    first, second = ingest(engine, admin, "kyiv_first.txt"), ingest(engine, admin,
                                                                     "kyiv_second.txt")
    bakery = ingest(engine, admin, "lyon_bakery.txt")
    return {"first": first, "second": second, "bakery": bakery,
            "toll_1": claim_with(engine, first, "41 people"),
            "toll_2": claim_with(engine, second, "41 people"),
            "flights_1": claim_with(engine, first, "2,000 flights"),
            "flights_2": claim_with(engine, second, "2,600 flights"),
            "bread": claim_with(engine, bakery, "41 kinds")}


def test_a_claim_repeated_in_a_separately_ingested_article_is_linked_as_same(
        engine: Engine, story: dict[str, int]) -> None:
    matches = claim_matches(engine, [story["toll_2"]])[story["toll_2"]]
    assert [(m["claim_id"], m["article_id"], m["relation"]) for m in matches] == [
        (story["toll_1"], story["first"], "same")]
    assert set(matches[0]) == {"claim_id", "article_id", "relation", "score"}
    assert 0.8 <= matches[0]["score"] <= 1.0
    back = claim_matches(engine, [story["toll_1"]])[story["toll_1"]]
    assert [(m["claim_id"], m["article_id"]) for m in back] == [(story["toll_2"], story["second"])]


def test_a_changed_figure_on_the_same_story_is_a_conflict(
        engine: Engine, story: dict[str, int]) -> None:
    matches = claim_matches(engine, [story["flights_2"]])[story["flights_2"]]
    assert [(m["claim_id"], m["relation"]) for m in matches] == [(story["flights_1"], "conflict")]
    linked, _ = checked_before(engine, story["flights_2"])
    assert "2000 flight more_than vs 2600 flight more_than" in linked[0].reason.replace(
        "2600 flight more_than vs 2000 flight more_than", "2000 flight more_than vs 2600 "
        "flight more_than")
    conflicts = service.list_claims(engine, ClaimFilter(figures_conflict=True), limit=None)
    assert sorted(c.id for c in conflicts) == sorted([story["flights_1"], story["flights_2"]])


def test_unrelated_stories_are_not_linked_even_with_the_same_number(
        engine: Engine, story: dict[str, int]) -> None:
    assert claim_matches(engine, [story["bread"]])[story["bread"]] == []
    bakery = service.list_claims(engine, ClaimFilter(article_id=story["bakery"]), limit=None)
    assert all(row.matches == [] for row in bakery)


def test_claims_of_one_article_are_never_linked_to_each_other(
        engine: Engine, admin: Actor) -> None:
    text = ("Repeated claims\n\nAt least 41 people were killed in Kyiv on Monday, officials "
            "said.\n\nOfficials said at least 41 people were killed in Kyiv on Monday.")
    article = service.ingest_article(engine, admin, ArticleInput(text=text)).article_id
    ids = [c.id for c in service.list_claims(engine, ClaimFilter(article_id=article))]
    assert len(ids) == 2
    match_desk(engine, admin, everything=True)
    assert claim_matches(engine, ids) == {ids[0]: [], ids[1]: []}


def test_not_the_same_claim_removes_the_link_for_good_and_is_audited(
        engine: Engine, story: dict[str, int], checker: Actor, admin: Actor) -> None:
    dismiss_link(engine, checker, story["toll_2"], other_claim_id=story["toll_1"])
    assert claim_matches(engine, [story["toll_2"]])[story["toll_2"]] == []
    match_desk(engine, admin, everything=True)
    rematch_claims(engine, admin, [story["toll_1"], story["toll_2"]])
    assert claim_matches(engine, [story["toll_1"]])[story["toll_1"]] == []
    events = [e for e in service.claim_history(engine, story["toll_2"])
              if e.action == "not_the_same_claim"]
    assert len(events) == 1 and events[0].actor_name == "asha"
    with pytest.raises(NotFound):
        dismiss_link(engine, checker, story["toll_2"], other_claim_id=story["toll_1"])


def test_reuse_verdict_copies_it_as_a_proposal_that_needs_approval(
        engine: Engine, story: dict[str, int], checker: Actor, editor: Actor) -> None:
    source = story["toll_1"]
    version = service.claim_version(engine, source)
    service.propose_verdict(engine, checker, source, seen_version=version, verdict="true",
                            rationale="Kyiv's administration confirmed 41 dead.")
    service.approve_verdict(engine, editor, source, seen_version=version + 1)
    target = story["toll_2"]
    earlier = service.list_claims(engine, ClaimFilter(checked_before=True), limit=None)
    assert target in [c.id for c in earlier]
    change = reuse_verdict(engine, checker, target, source_claim_id=source,
                           seen_version=service.claim_version(engine, target))
    assert (change.claim.status, change.claim.verdict) == ("needs_approval", "true")
    assert change.claim.rationale == "Kyiv's administration confirmed 41 dead."
    event = service.claim_history(engine, target)[-1]
    assert event.action == "reuse_verdict" and event.after is not None
    assert event.after["source_claim_id"] == source
    with pytest.raises(BadInput):
        reuse_verdict(engine, checker, story["flights_1"], source_claim_id=story["flights_2"],
                      seen_version=service.claim_version(engine, story["flights_1"]))


def test_the_overview_lists_linked_claims_whose_approved_verdicts_disagree(
        engine: Engine, story: dict[str, int], checker: Actor, editor: Actor) -> None:
    for claim_id, verdict in ((story["toll_1"], "true"), (story["toll_2"], "false")):
        version = service.claim_version(engine, claim_id)
        service.propose_verdict(engine, checker, claim_id, seen_version=version,
                                verdict=verdict, rationale="Checked with the ministry.")
        service.approve_verdict(engine, editor, claim_id, seen_version=version + 1)
    pairs = disagreeing_verdicts(engine)
    assert [(p.claim_id, p.verdict, p.other_claim_id, p.other_verdict) for p in pairs] == [
        (story["toll_2"], "false", story["toll_1"], "true")]


def test_match_all_rebuilds_the_same_links_and_match_finds_unmatched_claims(
        engine: Engine, story: dict[str, int], admin: Actor) -> None:
    before = claim_matches(engine, [story["toll_2"], story["flights_2"]])
    run = match_desk(engine, admin, everything=True)
    assert run.claims == len(service.list_claims(engine, limit=None))
    assert claim_matches(engine, [story["toll_2"], story["flights_2"]]) == before
    assert match_desk(engine, admin).claims == 0  # every claim already has its signature


def test_the_report_notes_where_a_claim_was_checked_before(
        engine: Engine, story: dict[str, int], checker: Actor) -> None:
    from claims.export.report import build_report, render_markdown
    from claims.settings import Settings

    version = service.claim_version(engine, story["toll_1"])
    service.propose_verdict(engine, checker, story["toll_1"], seen_version=version,
                            verdict="mostly_true", rationale="Kyiv's count.")
    report = render_markdown(build_report(engine, story["second"]), Settings.from_env())
    assert (f"**Checked before:** claim {story['toll_1']} in article {story['first']} "
            "\\(same\\): mostly\\_true") in report
