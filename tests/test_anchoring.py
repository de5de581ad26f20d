"""Re-anchoring words into a revised text (pure: text in, placements out), and canonical URLs."""

from __future__ import annotations

import pytest

from claims.anchoring import Anchor, mask, place_all, place_approximately, place_exactly
from claims.urls import canonical_url

OLD = "Flights rose to 2,000 a week. Trade hit $65bn. Flights rose to 2,000 a week."


def anchor_at(text: str, words: str, start: int | None = None) -> Anchor:
    at = text.index(words) if start is None else start
    return Anchor(words, at, text[max(0, at - 32):at], text[at + len(words):at + len(words) + 32])


def test_same_words_at_the_same_place_are_found_there() -> None:
    placed = place_exactly(anchor_at(OLD, "Trade hit $65bn."), OLD)
    assert placed is not None and (placed.start, placed.end, placed.how) == (30, 46, "same")


def test_of_several_occurrences_the_one_whose_context_agrees_wins() -> None:
    second = anchor_at(OLD, "Flights rose to 2,000 a week.", start=47)
    new = "Breaking. " + OLD
    placed = place_exactly(second, new)
    assert placed is not None and placed.how == "elsewhere" and placed.start == 57


def test_with_equal_context_the_nearest_occurrence_wins() -> None:
    words = "the same words"
    new = f"{words} and {words} and {words}"
    placed = place_exactly(Anchor(words, 22), new)
    assert placed is not None and placed.start == 19


def test_a_changed_figure_is_matched_approximately_and_snapped_to_its_sentence() -> None:
    new = "Flights rose to 2,600 a week. Trade hit $65bn. Flights rose to 2,000 a week."
    anchors = [anchor_at(OLD, "Flights rose to 2,000 a week.", 0),
               anchor_at(OLD, "Trade hit $65bn."),
               anchor_at(OLD, "Flights rose to 2,000 a week.", 47)]
    first, trade, last = place_all(anchors, new, sentences=[(0, 29), (30, 46), (47, 76)])
    assert last is not None and (last.start, last.how) == (47, "same")
    assert trade is not None and trade.how == "same"
    assert first is not None and first.how == "approximate"
    assert new[first.start:first.end] == "Flights rose to 2,600 a week."


def test_an_approximate_match_never_lands_on_words_another_anchor_kept() -> None:
    old = "Exports rose to $4bn this year. Imports rose to $9bn this year."
    new = "Imports rose to $9bn this year."
    exports, imports = place_all([anchor_at(old, "Exports rose to $4bn this year."),
                                  anchor_at(old, "Imports rose to $9bn this year.")], new)
    assert imports is not None and imports.how == "elsewhere" and imports.start == 0
    assert exports is None


def test_words_that_are_gone_are_not_placed() -> None:
    anchor = anchor_at(OLD, "Trade hit $65bn.")
    assert place_approximately(anchor, "Nothing about money or flights here at all.") is None


def test_a_fixed_typo_inside_a_quote_keeps_whole_words() -> None:
    old = 'He called him "my dearest freind" at the airport. Then they left.'
    new = 'He called him "my dearest friend" at the airport. Then they left.'
    [placed] = place_all([anchor_at(old, 'He called him "my dearest freind" at the airport.')],
                         new)
    assert placed is not None and placed.how == "approximate"
    assert new[placed.start:placed.end] == 'He called him "my dearest friend" at the airport.'


def test_mask_keeps_offsets() -> None:
    assert mask("abcdefgh", [(1, 3), (2, 5)]) == "a\x00\x00\x00\x00fgh"


@pytest.mark.parametrize(("given", "canonical"), [
    ("https://www.bbc.com/news/world-123", "https://www.bbc.com/news/world-123"),
    ("HTTPS://WWW.BBC.COM/news/world-123/", "https://www.bbc.com/news/world-123"),
    ("https://www.bbc.com/news/world-123?utm_source=tw&utm_medium=social#comments",
     "https://www.bbc.com/news/world-123"),
    ("https://example.org/story?id=7&fbclid=abc&gclid=x&page=2",
     "https://example.org/story?id=7&page=2"),
    ("https://example.org/Story/Case", "https://example.org/Story/Case"),
    ("https://example.org/", "https://example.org"),
    ("", None),
    (None, None),
])
def test_canonical_urls(given: str | None, canonical: str | None) -> None:
    assert canonical_url(given) == canonical
