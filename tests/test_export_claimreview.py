"""ClaimReview JSON-LD: every property Google and schema.org ask for, the rating table,
validation that reports (never silently drops) a claim unfit to publish."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.export.claimreview import (
    BEST_RATING,
    RATINGS,
    WORST_RATING,
    export_claimreview,
    problems,
    shorten,
)
from claims.models import VERDICTS
from claims.service import Actor, ArticleInput
from claims.settings import Settings
from tests.test_export_support import Reviewed, approve, review_seed

SEED_TITLE = ("Modi and Putin in Moscow: Deepening Defense and Economic Partnerships for a "
              "Stronger Alliance")
SETTINGS = Settings(org_name="Desk Check", org_url="https://desk.example.org",
                    review_url="https://desk.example.org/checks/{id}")

# Written from Google's fact-check structured-data documentation and schema.org's ClaimReview,
# Claim and Rating pages: (path, expected JSON types, required by Google?)
TEXT, NUMBER, OBJECT = (str,), (int, float), (dict,)
PROPERTIES: list[tuple[str, tuple[type, ...], bool]] = [
    ("@context", TEXT, True),
    ("@type", TEXT, True),
    ("claimReviewed", TEXT, True),  # Google: required, Text, under 75 characters
    ("reviewRating", OBJECT, True),  # Google: required, Rating
    ("reviewRating.@type", TEXT, True),
    ("reviewRating.alternateName", TEXT, True),  # Google: required, the textual rating
    ("reviewRating.ratingValue", NUMBER, False),  # recommended, Number
    ("reviewRating.bestRating", NUMBER, False),  # recommended, Number
    ("reviewRating.worstRating", NUMBER, False),  # recommended, Number (1 or more)
    ("url", TEXT, True),  # Google: required, URL of the fact-check page
    ("author", OBJECT, False),  # recommended: Organization (or Person)
    ("author.@type", TEXT, False),
    ("author.name", TEXT, False),
    ("datePublished", TEXT, False),  # recommended: Date or DateTime (ISO 8601)
    ("itemReviewed", OBJECT, False),  # recommended: Claim
    ("itemReviewed.@type", TEXT, False),
    ("itemReviewed.author", OBJECT, False),  # Claim: Organization or Person
    ("itemReviewed.author.@type", TEXT, False),
    ("itemReviewed.author.name", TEXT, False),
    ("itemReviewed.datePublished", TEXT, False),  # Claim: Date or DateTime
    ("itemReviewed.appearance", OBJECT, False),  # Claim: URL or CreativeWork
    ("itemReviewed.appearance.@type", TEXT, False),
    ("itemReviewed.appearance.url", TEXT, False),
]


def lookup(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        value = value[part]
    return value


def export(engine: Engine, settings: Settings = SETTINGS,
           article_id: int | None = None) -> tuple[list[dict[str, Any]], Any]:
    out = io.StringIO()
    result = export_claimreview(engine, out, settings=settings, article_id=article_id)
    return json.loads(out.getvalue()), result


@pytest.fixture
def reviewed(engine: Engine, checker: Actor, editor: Actor, seeded: int) -> Reviewed:
    return review_seed(engine, checker, editor, seeded)


@pytest.fixture
def outlet_article(engine: Engine, admin: Actor, checker: Actor, editor: Actor) -> int:
    """An article with a URL and a byline, one claim on it approved as mostly true."""
    text = ("Exports to India rose by 12% in 2023 to $65bn, the trade ministry said on Monday. "
            "Officials expect further growth next year.")
    result = service.ingest_article(engine, admin, ArticleInput(
        text=text, title="Trade up", outlet="Daily Ledger", url="https://ledger.example/trade",
        author="Rita Shah", published_on=date(2024, 7, 9), body_is_text=True))
    claim = service.add_claim(engine, checker, result.article_id,
                              words="Exports to India rose by 12% in 2023 to $65bn", kind="money")
    approve(engine, checker, editor, claim.id or 0, "mostly_true")
    return result.article_id


def test_every_property_is_present_with_its_documented_type(
        engine: Engine, reviewed: Reviewed, outlet_article: int) -> None:
    items, result = export(engine)
    assert result.rejected == []
    assert len(items) == len(reviewed.approved) + 1
    for item in items:
        for path, types, _required in PROPERTIES:
            if path.startswith("reviewRating.") and path[13:] in (
                    "ratingValue", "bestRating", "worstRating") and \
                    item["reviewRating"]["alternateName"] == "Unverifiable":
                continue  # textual-only rating, see test_unverifiable_has_a_textual_rating_only
            if path == "itemReviewed.appearance.url" and \
                    item["itemReviewed"]["appearance"].get("headline") == SEED_TITLE:
                continue  # the seed article has no URL; its appearance names it instead
            value = lookup(item, path)
            assert isinstance(value, types) and not isinstance(value, bool), (path, value)
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == "ClaimReview"
        assert item["reviewRating"]["@type"] == "Rating"
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["author"] == {"@type": "Organization", "name": "Desk Check",
                                  "url": "https://desk.example.org"}
        datetime.fromisoformat(item["datePublished"])
        date.fromisoformat(item["itemReviewed"]["datePublished"])
        assert len(item["claimReviewed"]) < 75


def test_the_claim_author_and_appearance_come_from_the_article(
        engine: Engine, outlet_article: int) -> None:
    [item], _ = export(engine, article_id=outlet_article)
    claim = item["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Rita Shah",
                               "affiliation": {"@type": "Organization", "name": "Daily Ledger"}}
    assert claim["datePublished"] == "2024-07-09"
    assert claim["appearance"]["@type"] == "CreativeWork"
    assert claim["appearance"]["url"] == "https://ledger.example/trade"
    assert claim["appearance"]["headline"] == "Trade up"
    assert item["claimReviewed"] == "Exports to India rose by 12% in 2023 to $65bn"
    assert item["reviewRating"] == {"@type": "Rating", "alternateName": "Mostly true",
                                    "name": "Mostly true", "ratingValue": 5, "bestRating": 6,
                                    "worstRating": 1}


def test_the_seed_article_outlet_is_the_claim_author(engine: Engine, reviewed: Reviewed) -> None:
    items, _ = export(engine, article_id=reviewed.article_id)
    assert {i["itemReviewed"]["author"]["name"] for i in items} == {"BBC"}
    assert {i["itemReviewed"]["author"]["@type"] for i in items} == {"Organization"}
    urls = {i["url"] for i in items}
    assert urls == {f"https://desk.example.org/checks/{cid}" for cid in reviewed.approved}


def test_the_review_is_dated_when_the_editor_approved_it(engine: Engine,
                                                         reviewed: Reviewed) -> None:
    items, _ = export(engine)
    for item in items:
        cid = int(item["url"].rsplit("/", 1)[1])
        approved_at = max(e.at for e in service.claim_history(engine, cid)
                          if e.action == "approve")
        assert item["datePublished"] == approved_at.replace(microsecond=0).isoformat()
        assert datetime.fromisoformat(item["datePublished"]).tzinfo is not None


def test_only_approved_claims_are_exported(engine: Engine, reviewed: Reviewed,
                                           checker: Actor) -> None:
    waiting = reviewed.claim_ids[len(reviewed.approved)]
    detail = service.get_claim(engine, waiting)
    service.propose_verdict(engine, checker, waiting, seen_version=detail.claim.version,
                            verdict="false", rationale="Not approved yet.")
    items, result = export(engine)
    exported = {int(i["url"].rsplit("/", 1)[1]) for i in items}
    assert exported == set(reviewed.approved)
    assert result.written == len(reviewed.approved)


def test_the_rating_table_covers_every_verdict_in_scale_order() -> None:
    assert tuple(RATINGS) == VERDICTS
    numbers = [RATINGS[v].value for v in VERDICTS if v != "unverifiable"]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)
    assert all(WORST_RATING <= n <= BEST_RATING for n in numbers if n is not None)
    assert WORST_RATING >= 1  # Google: worstRating must be 1 or more
    assert numbers[0] == BEST_RATING and numbers[-1] == WORST_RATING
    labels = [r.label for r in RATINGS.values()]
    assert len(set(labels)) == len(labels)


def test_unverifiable_has_a_textual_rating_only(engine: Engine, reviewed: Reviewed) -> None:
    items, _ = export(engine)
    [item] = [i for i in items if i["reviewRating"]["alternateName"] == "Unverifiable"]
    assert item["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable",
                                    "name": "Unverifiable"}


@pytest.mark.parametrize("text", [
    "Mr. Modi landed on Monday, just hours after Russian bombing killed at least 41 people.",
    "a" * 120,
    "Word " * 40,
    "Short claim.",
])
def test_claim_reviewed_is_shortened_at_a_word_with_an_ellipsis(text: str) -> None:
    short = shorten(text)
    assert len(short) < 75
    flat = " ".join(text.split())
    if len(flat) < 75:
        assert short == flat
        return
    assert short.endswith("…")
    kept = short[:-1]
    assert flat.startswith(kept)
    if " " in flat[:74]:
        assert flat[len(kept)] in " ,;:.-" or not kept[-1].isalnum()


def test_a_claim_quoting_its_own_rating_is_reported_and_the_rest_exported(
        engine: Engine, admin: Actor, checker: Actor, editor: Actor) -> None:
    text = ("The minister called the leaked budget false on Tuesday. "
            "Spending rose by 4% to $2bn in 2023, the budget office said.")
    article = service.ingest_article(engine, admin, ArticleInput(
        text=text, title="Budget", outlet="Gazette", body_is_text=True)).article_id
    bad = service.add_claim(engine, checker, article,
                            words="The minister called the leaked budget false on Tuesday.")
    good = service.add_claim(engine, checker, article,
                             words="Spending rose by 4% to $2bn in 2023")
    approve(engine, checker, editor, bad.id or 0, "false")
    approve(engine, checker, editor, good.id or 0, "true")
    items, result = export(engine, article_id=article)
    assert [i["url"] for i in items] == [f"https://desk.example.org/checks/{good.id}"]
    [rejection] = result.rejected
    assert rejection.claim_id == bad.id
    assert "claimReviewed contains the rating 'False'" in str(rejection)


def test_a_missing_review_url_is_reported_for_every_claim(engine: Engine,
                                                          reviewed: Reviewed) -> None:
    items, result = export(engine, Settings(review_url=""))
    assert items == []
    assert {r.claim_id for r in result.rejected} == set(reviewed.approved)
    assert all("url is missing" in str(r) for r in result.rejected)


def test_validation_catches_each_broken_rule() -> None:
    item = {"claimReviewed": "x" * 80, "url": "ftp://nowhere",
            "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 9,
                             "bestRating": 6, "worstRating": 1}}
    found = problems(item)
    assert any("80 characters" in p for p in found)
    assert any("ratingValue 9" in p for p in found)
    assert any("url is missing" in p for p in found)
    assert problems({"claimReviewed": "ok", "url": "https://a.example/1",
                     "reviewRating": None}) == ["the claim has no verdict this scale can rate"]


def test_the_output_is_json_built_by_the_serialiser(engine: Engine, admin: Actor,
                                                    checker: Actor, editor: Actor) -> None:
    text = 'He said "quotes", back\\slashes and </script> are 100% fine.\nNew line here.'
    article = service.ingest_article(engine, admin, ArticleInput(
        text=text, title="Odd", outlet='Quote "Weekly"', body_is_text=True)).article_id
    claim = service.add_claim(engine, checker, article, words=text.split("\n")[0])
    approve(engine, checker, editor, claim.id or 0, "half_true",
            rationale='Rationale with "quotes" and \\ and \u2028 separator.')
    [item], _ = export(engine, article_id=article)
    assert item["claimReviewed"] == text.split("\n")[0]
    assert item["itemReviewed"]["author"]["name"] == 'Quote "Weekly"'
    assert item["reviewBody"] == 'Rationale with "quotes" and \\ and \u2028 separator.'
    assert re.fullmatch(r"https://desk\.example\.org/checks/\d+", item["url"])


def test_no_approved_claims_is_an_empty_array(engine: Engine, seeded: int) -> None:
    items, result = export(engine)
    assert items == [] and result.written == 0 and result.rejected == []
