"""Quantity forms: fractions of number words, shares, signs, rate bases, pronoun "one",
ordinals used as nouns or adverbs, units of time in compounds.

Every sentence is written by hand for these tests (none comes from the dev set); the
expected values follow the annotation guideline (devset README, sections 3-5).
"""

from __future__ import annotations

import pytest

from claims.extract.quantities import find_quantities

Row = tuple[str, str, float | int | None, str | None]


def rows(text: str) -> list[Row]:
    found = find_quantities(text, 0, len(text))
    assert all(text[m.start:m.end] == m.surface for m in found)
    return [(m.kind, m.surface, m.value, m.unit) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The renovation took four-and-a-half years.",
         [("measure", "four-and-a-half years", 4.5, "year")]),
        ("She spent three and half months abroad.",
         [("measure", "three and half months", 3.5, "month")]),
        ("The flight lasted nine and a half hours.",
         [("measure", "nine and a half hours", 9.5, "hour")]),
        ("Repairs took a decade and a half.", [("measure", "a decade and a half", 15, "year")]),
        ("The talks lasted a week and a half.", [("measure", "a week and a half", 1.5, "week")]),
        ("A week and a half later, the rain stopped.", []),
        ("The ferry takes 1\u00bd hours.", [("measure", "1\u00bd hours", 1.5, "hour")]),
        ("a 4\u00be-mile trail", [("measure", "4\u00be-mile", 4.75, "mile")]),
        ("Burglaries fell by a third.", [("percent", "a third", 33.33, "%")]),
        ("Fares rose by half since 2020.", [("percent", "half", 50, "%")]),
        ("Between two and half of the staff quit.",
         [("count", "two", 2, None), ("percent", "half", 50, "%")]),
    ],
)
def test_and_a_half(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One in every 8 voters is undecided.", [("percent", "One in every 8", 12.5, "%")]),
        ("One of every 5 homes is empty.", [("percent", "One of every 5", 20, "%")]),
        ("Roughly one in every three homes floods.",
         [("percent", "one in every three", 33.33, "%")]),
    ],
)
def test_one_in_every_n_is_a_share(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bookings are -12% on last summer.", [("percent", "-12%", -12, "%")]),
        ("Margins were flat (\u22120.4%) in May.", [("percent", "\u22120.4%", -0.4, "%")]),
        ("Sales rose 3-5% this spring.", [("percent", "3", 3, "%"), ("percent", "5%", 5, "%")]),
        ("Turnout moved -1.5 percentage points.",
         [("measure", "-1.5 percentage points", -1.5, "percentage point")]),
    ],
)
def test_a_minus_sign_stays_with_its_percentage(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clinic saw 3.2 infections for every 1,000 patients.",
         [("count", "3.2", 3.2, "infection")]),
        ("Crime fell to 41 thefts per 10,000 residents.", [("count", "41", 41, "theft")]),
    ],
)
def test_a_rate_base_is_no_count(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bakery has stood for a century.", [("measure", "a century", 100, "year")]),
        ("The bank made a quarter-point cut.",
         [("measure", "quarter-point", 0.25, "percentage point")]),
        ("Markets fear a three-quarter-point hike.",
         [("measure", "three-quarter-point", 0.75, "percentage point")]),
        ("She joined a week-long strike.", [("measure", "week-long", 1, "week")]),
        ("The town endured a decade-long drought.", [("measure", "decade-long", 10, "year")]),
        ("Clinic director Ana Ruiz,\u202f58, retired.", [("measure", "58", 58, "year")]),
    ],
)
def test_units_of_time_and_ages(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The new bridge is one to admire.", []),
        ("His restaurant was one that critics loved.", []),
        ("The early designs failed, unlike that fourth one, which flew.",
         [("ordinal", "fourth", 4, None)]),
        ("Only one that applied was hired.", [("count", "one", 1, None)]),
    ],
)
def test_one_as_a_pronoun_is_no_count(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In another first, the league hired a woman referee.",
         [("ordinal", "first", 1, "time")]),
        ("The vaccine was first approved in Canada.", [("ordinal", "first", 1, "time")]),
        ("The navy first launched the drone at sea.", [("ordinal", "first", 1, "time")]),
        ("Applicants first need a permit.", []),
        ("It was the very first flight of the jet.", [("ordinal", "first", 1, "flight")]),
        ("First, the council must vote.", []),
        ("Exports fell for a sixth straight week.", [("ordinal", "sixth", 6, "week")]),
        ("A fifth of the budget goes to schools.", [("percent", "A fifth", 20, "%")]),
        ("It was her third title and fifth final.",
         [("ordinal", "third", 3, "title"), ("ordinal", "fifth", 5, "final")]),
    ],
)
def test_ordinals_as_nouns_and_adverbs(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Article 17 bans the practice.", "Gate 12 reopened at noon.", "Chapter 7 covers it."],
)
def test_a_label_word_starting_a_sentence_names_the_number(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cents and pence are money in whole currency units (guideline, money)
        ("The peso slipped to 5.2 US cents on Friday.", [("money", "5.2 US cents", 0.052, "USD")]),
        ("A stamp costs 1 US cent more.", [("money", "1 US cent", 0.01, "USD")]),
        ("Shares lost nearly half a cent in thin trade.",
         [("money", "half a cent", 0.005, "USD")]),
        ("Bread went up half a penny.", [("money", "half a penny", 0.005, "GBP")]),
    ],
)
def test_minor_coins_are_money_in_whole_units(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_a_qualifier_before_half_a_cent_marks_it_approximate() -> None:
    text = "The rand fell about half a cent."
    assert [(m.surface, m.qualifier) for m in find_quantities(text, 0, len(text))] == [
        ("half a cent", "approx")]
