"""ClaimReview's `claimReviewed` keeps the checked fact: the words around the claim's key
mentions, under Google's 75 characters, not the sentence's first words."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.export.claim_summary import summarise
from claims.service import Actor
from tests.test_export_claimreview import export
from tests.test_export_support import approve

SENTENCE = ("Mr. Modi landed on Monday, just hours after Russian bombing killed at least 41 "
            "people in Ukraine, including at a children's hospital in Kyiv.")


def mention(kind: str, surface: str, offset: int = 0) -> dict[str, object]:
    start = SENTENCE.index(surface) + offset
    return {"kind": kind, "start": start, "end": start + len(surface)}


def test_the_words_around_the_figure_are_kept() -> None:
    mentions = [mention("date", "Monday", 500), mention("count", "41 people", 500)]
    assert summarise(SENTENCE, mentions, 500, 75) == (
        "…Russian bombing killed at least 41 people in Ukraine, including at a…")


def test_a_date_is_the_focus_when_there_is_no_figure() -> None:
    assert summarise(SENTENCE, [mention("date", "Monday")], 0, 40) == (
        "Mr. Modi landed on Monday, just hours…")


def test_no_mentions_leaves_the_choice_to_the_caller() -> None:
    assert summarise(SENTENCE, [], 0, 75) is None


@pytest.mark.parametrize("limit", [20, 30, 75])
def test_the_summary_stays_under_the_limit(limit: int) -> None:
    mentions = [mention("count", "41 people"), mention("place", "Kyiv")]
    short = summarise(SENTENCE, mentions, 0, limit)
    assert short is not None and len(short) < limit and "41 people" in short


def test_the_exported_casualty_claim_shows_its_toll(engine: Engine, seeded: int,
                                                   checker: Actor, editor: Actor) -> None:
    claim = next(c for c in service.list_claims(engine, service.ClaimFilter(article_id=seeded))
                 if "killed at least 41 people" in c.text)
    approve(engine, checker, editor, claim.id, "true")
    [item], result = export(engine, article_id=seeded)
    assert result.rejected == []
    assert "killed at least 41 people" in item["claimReviewed"]
    assert len(item["claimReviewed"]) < 75
