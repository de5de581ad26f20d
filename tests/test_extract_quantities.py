"""Quantities in article text: counts, money, percentages, measures, ordinals, vague amounts.

Every expectation here was written by hand from the annotation guideline, not copied from
the finder's output.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claims.extract.quantities import find_quantities
from claims.extract.types import Mention

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"

Row = tuple[str, str, float | int | None, str | None, str | None]


def rows(text: str) -> list[Row]:
    """(kind, surface, value, unit, qualifier) of each mention, checking its offsets."""
    found = find_quantities(text, 0, len(text))
    for mention in found:
        assert text[mention.start:mention.end] == mention.surface
    return [(m.kind, m.surface, m.value, m.unit, m.qualifier) for m in found]


def values(text: str) -> list[tuple[str, str, float | int | None]]:
    return [(kind, surface, value) for kind, surface, value, _, _ in rows(text)]


# --- counts -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("At least 41 people died.", [("count", "41", 41, "person", "at_least")]),
    ("It killed 20 Indian and at least four Chinese soldiers.",
     [("count", "20", 20, "soldier", "exact"), ("count", "four", 4, "soldier", "at_least")]),
    ("Four Indians have died so far.", [("count", "Four", 4, "Indian", "exact")]),
    ("The blast killed twenty-one people.", [("count", "twenty-one", 21, "person", "exact")]),
    ("More than a dozen whistleblowers spoke.",
     [("count", "a dozen", 12, "whistleblower", "more_than")]),
    ("It lost three dozen members.", [("count", "three dozen", 36, "member", "exact")]),
    ("Some two hundred children were rescued.",
     [("count", "two hundred", 200, "child", "approx")]),
    ("The list stood at 7.6m in April.", [("count", "7.6m", 7600000, None, "exact")]),
    ("Labour won 412 of the 650 seats.", [("count", "412", 412, "seat", "exact"),
                                          ("count", "650", 650, "seat", "exact")]),
    ("Police counted 1,500 women and 1.5 million men.",
     [("count", "1,500", 1500, "woman", "exact"),
      ("count", "1.5 million", 1500000, "man", "exact")]),
    ("Up to 1,000 people were rescued.", [("count", "1,000", 1000, "person", "up_to")]),
    ("Fewer than 20 injuries were reported.", [("count", "20", 20, "injury", "less_than")]),
    ("The toll has surpassed 150.", [("count", "150", 150, "death", "more_than")]),
    ("It has over 43,000 members.", [("count", "43,000", 43000, "member", "more_than")]),
    ("An estimated 249,000 filings were made.",
     [("count", "249,000", 249000, "filing", "approx")]),
    ("He took two or more tablets.", [("count", "two", 2, "tablet", "at_least")]),
    ("Only one person died.", [("count", "one", 1, "person", "exact")]),
    ("It passed by a vote of 69 to 30.",
     [("count", "69", 69, "vote", "exact"), ("count", "30", 30, "vote", "exact")]),
    ("The House voted 220-212 to approve it.",
     [("count", "220", 220, "vote", "exact"), ("count", "212", 212, "vote", "exact")]),
    ("About 90% of Gaza's 2.3 million people fled.",
     [("percent", "90%", 90, "%", "approx"), ("count", "2.3 million", 2300000, "person", "exact")]),
    ("Only one police officer was injured.", [("count", "one", 1, "officer", "exact")]),
    ("The 27-member bloc agreed.", [("count", "27", 27, "member", "exact")]),
    ("They are two-time champions.", [("count", "two", 2, "time", "exact")]),
    ("It happened at least once.", [("count", "once", 1, "time", "at_least")]),
    ("when one, exactly one missile from a drone hit the car",
     [("count", "one", 1, "missile", "exact"), ("count", "one", 1, "missile", "exact")]),
])
def test_counts(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_count_borrows_the_noun_it_refers_to() -> None:
    text = "At least 113 journalists were killed, 108 of whom were Palestinian."
    assert rows(text) == [("count", "113", 113, "journalist", "at_least"),
                          ("count", "108", 108, "journalist", "exact")]


@pytest.mark.parametrize(("text", "expected"), [
    ("between 30 and 40 villages", [("count", "30", 30), ("count", "40", 40)]),
    ("30-40 villages", [("count", "30", 30), ("count", "40", 40)]),
    ("a BMI of 25 to 29.9", [("measure", "25", 25), ("measure", "29.9", 29.9)]),
    ("two or three days", [("measure", "two", 2), ("measure", "three days", 3)]),
    ("$3,500 to $6,000", [("money", "$3,500", 3500), ("money", "$6,000", 6000)]),
    ("sales of $5-6 million", [("money", "$5", 5000000), ("money", "6 million", 6000000)]),
    ("growth of 5-6%", [("percent", "5", 5), ("percent", "6%", 6)]),
    ("between 3 and 4 billion dollars",
     [("money", "3", 3000000000), ("money", "4 billion dollars", 4000000000)]),
])
def test_ranges_are_two_mentions(text: str, expected: list[tuple[str, str, float]]) -> None:
    assert values(text) == expected


# --- money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Trade soared to $65bn (£50.76bn).",
     [("money", "$65bn", 65000000000, "USD", "exact"),
      ("money", "£50.76bn", 50760000000, "GBP", "exact")]),
    ("Exports stand at just $4bn.", [("money", "$4bn", 4000000000, "USD", "exact")]),
    ("a US$3 trillion economy", [("money", "US$3 trillion", 3000000000000, "USD", "exact")]),
    ("The fund holds €2.5 million.", [("money", "€2.5 million", 2500000, "EUR", "exact")]),
    ("The state spent Rs 5,000 crore.",
     [("money", "Rs 5,000 crore", 50000000000, "INR", "exact")]),
    ("It cost 5 billion rupees.", [("money", "5 billion rupees", 5000000000, "INR", "exact")]),
    ("They paid £1.2m for him.", [("money", "£1.2m", 1200000, "GBP", "exact")]),
    ("A ticket costs $9.50.", [("money", "$9.50", 9.5, "USD", "exact")]),
    ("He paid 800 rupees.", [("money", "800 rupees", 800, "INR", "exact")]),
    ("a 1.9 million rubles fine", [("money", "1.9 million rubles", 1900000, "RUB", "exact")]),
    ("a ₹3 lakh grant", [("money", "₹3 lakh", 300000, "INR", "exact")]),
    ("A$5 million and HK$300",
     [("money", "A$5 million", 5000000, "AUD", "exact"),
      ("money", "HK$300", 300, "HKD", "exact")]),
    ("an €8.3 million-sized hole", [("money", "€8.3 million", 8300000, "EUR", "exact")]),
    ("a $1.2-trillion package", [("money", "$1.2-trillion", 1200000000000, "USD", "exact")]),
    ("spend 2 billion Nepali rupees",
     [("money", "2 billion Nepali rupees", 2000000000, "NPR", "exact")]),
    ("a cost of about zł4.2 million", [("money", "zł4.2 million", 4200000, "PLN", "approx")]),
    ("has allocated Tk 40 crore ($3.4m) for relief",
     [("money", "Tk 40 crore", 400000000, "BDT", "exact"),
      ("money", "$3.4m", 3400000, "USD", "exact")]),
    ("a fine of Rp 500 million", [("money", "Rp 500 million", 500000000, "IDR", "exact")]),
])
def test_money(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_conversion_in_brackets_takes_the_amounts_qualifier() -> None:
    assert rows("It cost nearly €475,000 ($515,000).") == [
        ("money", "€475,000", 475000, "EUR", "approx"),
        ("money", "$515,000", 515000, "USD", "approx"),
    ]
    assert rows("outlays of more than €166,000 ($180,000)") == [
        ("money", "€166,000", 166000, "EUR", "more_than"),
        ("money", "$180,000", 180000, "USD", "more_than"),
    ]


def test_a_fraction_lends_nothing_to_a_bare_number() -> None:
    assert values("a population of about 10 million, half of whom live in the capital") == [
        ("count", "10 million", 10000000), ("percent", "half", 50)]


def test_bare_amount_takes_its_currency_from_the_sentence() -> None:
    assert values("Losses rose to $2 billion from 1.5 billion.") == [
        ("money", "$2 billion", 2000000000), ("money", "1.5 billion", 1500000000)]


def test_bare_amount_after_a_count_stays_a_count() -> None:
    text = "Revenue was Rs 1.01 lakh crore. It sold 3.3 lakh vehicles, down from 3.6 lakh."
    assert rows(text)[1:] == [("count", "3.3 lakh", 330000, "vehicle", "exact"),
                              ("count", "3.6 lakh", 360000, "vehicle", "exact")]


def test_a_rate_keeps_its_amount_but_not_the_day() -> None:
    assert rows("He makes about $4 a day.") == [("money", "$4", 4, "USD", "approx")]
    assert values("more than 0.8 shootings per 100,000 people") == [("count", "0.8", 0.8)]


# --- percentages ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("GDP grew 5.3%.", [("percent", "5.3%", 5.3, "%", "exact")]),
    ("Wages rose 12 per cent.", [("percent", "12 per cent", 12, "%", "exact")]),
    ("Rents rose 12 percent.", [("percent", "12 percent", 12, "%", "exact")]),
    ("Two-thirds of voters agreed.", [("percent", "Two-thirds", 66.67, "%", "exact")]),
    ("more than half of them", [("percent", "half", 50, "%", "more_than")]),
    ("Nearly half of applicants were rejected.", [("percent", "half", 50, "%", "approx")]),
    ("diamonds worth half that amount", [("percent", "half", 50, "%", "exact")]),
    ("a quarter of the budget", [("percent", "a quarter", 25, "%", "exact")]),
    ("The yield fell below 4%.", [("percent", "4%", 4, "%", "less_than")]),
    ("Lamb had just over 40% of the vote.", [("percent", "40%", 40, "%", "more_than")]),
    ("one in five adults", [("percent", "one in five", 20, "%", "exact")]),
    ("nearly 7 in 10 said so", [("percent", "7 in 10", 70, "%", "approx")]),
    ("children and one-fifth of adults", [("percent", "one-fifth", 20, "%", "exact")]),
])
def test_percentages(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --- measures ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Modi's two-day visit", [("measure", "two-day", 2, "day", "exact")]),
    ("For the past 20 years, the West", [("measure", "20 years", 20, "year", "exact")]),
    ("He had not seen her in 10 months.", [("measure", "10 months", 10, "month", "exact")]),
    ("a 20-month grounding", [("measure", "20-month", 20, "month", "exact")]),
    ("They held him for twelve hours.", [("measure", "twelve hours", 12, "hour", "exact")]),
    ("The road runs 400 km.", [("measure", "400 km", 400, "kilometer", "exact")]),
    ("a quarter-point rate cut", [("measure", "quarter-point", 0.25, "percentage point", "exact")]),
    ("signalled another half point of cuts",
     [("measure", "half point", 0.5, "percentage point", "exact")]),
    ("a further full percentage point in cuts",
     [("measure", "full percentage point", 1, "percentage point", "exact")]),
    ("for a decade", [("measure", "a decade", 10, "year", "exact")]),
    ("for at least a week", [("measure", "a week", 1, "week", "at_least")]),
    ("over more than two decades", [("measure", "two decades", 20, "year", "more_than")]),
    ("in business for over 40 years", [("measure", "40 years", 40, "year", "more_than")]),
    ("it will invest £15bn over five years",
     [("money", "£15bn", 15000000000, "GBP", "exact"),
      ("measure", "five years", 5, "year", "exact")]),
    ('ballots printed "within 10 days."', [("measure", "10 days", 10, "day", "up_to")]),
    ("The 25-year-old won.", [("measure", "25-year-old", 25, "year", "exact")]),
    ("both aged 27", [("measure", "27", 27, "year", "exact")]),
    ("common among people under 55, with", [("measure", "55", 55, "year", "less_than")]),
    ("a 64-square-meter (690-square-foot) plot",
     [("measure", "64-square-meter", 64, "square meter", "exact"),
      ("measure", "690-square-foot", 690, "square foot", "exact")]),
    ("almost 250 mm (10 inches) of rain",
     [("measure", "250 mm", 250, "millimeter", "approx"),
      ("measure", "10 inches", 10, "inch", "approx")]),
    ("a 19.22-carat diamond", [("measure", "19.22-carat", 19.22, "carat", "exact")]),
    ("highs of 37C on Friday", [("measure", "37C", 37, "degree Celsius", "exact")]),
    ("it hit 45°C (113°F)", [("measure", "45°C", 45, "degree Celsius", "exact"),
                             ("measure", "113°F", 113, "degree Fahrenheit", "exact")]),
    ("The Dow slid by 716 points.", [("measure", "716 points", 716, "point", "exact")]),
    ("a 23-year high", [("measure", "23-year", 23, "year", "exact")]),
    ("risk rose 18 times higher", [("measure", "18 times", 18, "factor", "exact")]),
    ("arrested three times in May", [("count", "three", 3, "time", "exact")]),
    ("more than triple the loss", [("measure", "triple", 3, "factor", "more_than")]),
    ("nearly double the $527 million",
     [("measure", "double", 2, "factor", "approx"),
      ("money", "$527 million", 527000000, "USD", "exact")]),
])
def test_measures(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize("text", [
    "He left two years later.",
    "That was a decade ago.",
    "Two months ago, it rained.",
])
def test_durations_that_say_when_are_left_to_the_dates_finder(text: str) -> None:
    assert rows(text) == []


# --- ordinals ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("He returned for a third term in June.", [("ordinal", "third", 3, "term", "exact")]),
    ("to mark the 75th anniversary of", [("ordinal", "75th", 75, "anniversary", "exact")]),
    ("on his first foreign trip since", [("ordinal", "first", 1, "trip", "exact")]),
    ("for the first time this year", [("ordinal", "first", 1, "time", "exact")]),
    ("the second most common cause of death", [("ordinal", "second", 2, "cause", "exact")]),
    ("after receiving a first-round bye", [("ordinal", "first", 1, "round", "exact")]),
    ("A third Palestinian, a teenager, died.",
     [("ordinal", "third", 3, "Palestinian", "exact")]),
    ("Her 3rd album sold well.", [("ordinal", "3rd", 3, "album", "exact")]),
    ("to reach his 37th Grand Slam final", [("ordinal", "37th", 37, "final", "exact")]),
    ("a long visit – his first to the Kremlin", [("ordinal", "first", 1, "visit", "exact")]),
    ("one of the first major tests", [("ordinal", "first", 1, "test", "exact")]),
    ("rates on hold for a ninth straight meeting",
     [("ordinal", "ninth", 9, "meeting", "exact")]),
])
def test_ordinals(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --- vague amounts -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Indians, thought to number in the dozens, are still there.",
     [("vague", "dozens", None, "person", None)]),
    ("Delhi bought billions of dollars of oil.",
     [("vague", "billions of dollars", None, "USD", None)]),
    ("Tens of thousands fled.", [("vague", "Tens of thousands", None, "person", None)]),
    ("It stranded hundreds of people.", [("vague", "hundreds", None, "person", None)]),
    ("after years of amateur competition", [("vague", "years", None, "year", None)]),
    ("This case will take years.", [("vague", "years", None, "year", None)]),
    ('The clinic had seen "dozens" of families.', [("vague", "dozens", None, "family", None)]),
])
def test_vague_amounts(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --- what is not a quantity ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The G7 summit discussed the S-400 system.",
    "After World War Two, Air Force One landed.",
    "The S&P 500 fell as the Boeing 737 Max stayed grounded.",
    "The 6th US Circuit Court of Appeals ruled.",
    "The 10-year yield fell.",
    "One of the soldiers said one woman had died.",
    "One person cannot turn around a company.",
    "He wanted to offend neither of the two.",
    "Both sides lost many men, several tanks and a few planes.",
    "It happened in 2019 and again on July 31 at 3 a.m.",
    "Euro 2024 and Project 2025 were announced.",
    "First-time applications for jobless benefits rose.",
    "It was once a farm, and the first half of the year was slow.",
    "COVID-19 reached the 2020s.",
    "The double standard and half and half.",
    "He is the No. 2 official, ranked #1; Highway 61 and Apollo 11 were named.",
    "The bill, H.R. 5376, was introduced.",
    "The Fed meets on September 17-18.",
    "In 1896, winners received an olive branch.",
    "The games are held every four years.",
    "It passes by only once every 5,000 to 10,000 years.",
    "Spain beat England 2-1 in Berlin; Djokovic won 6-4, 6-3.",
    "Records have been set every year since at least 2008.",
    "He lives at 10 Downing Street; it was a one-off payment and no one came.",
    "It was on page 5, in chapter 11 bankruptcy, at gate 3.",
    "A child was more likely to die than one who was vaccinated.",
])
def test_names_codes_articles_and_years_are_not_quantities(text: str) -> None:
    assert rows(text) == []


def test_a_number_printed_again_and_again_is_a_name() -> None:
    text = ("Texts to 988 rose. Calls to 988 rose too, and 988 is easy to remember. "
            "It answered 110,000 calls.")
    assert values(text) == [("count", "110,000", 110000)]


def test_lists_share_their_noun_and_ages_their_unit() -> None:
    assert rows("She has three children aged 12, 9 and 5.") == [
        ("count", "three", 3, "child", "exact"),
        ("measure", "12", 12, "year", "exact"),
        ("measure", "9", 9, "year", "exact"),
        ("measure", "5", 5, "year", "exact"),
    ]


def test_a_number_set_off_by_commas_after_a_name_is_an_age() -> None:
    assert rows("Mr Huang, 62, founded the firm with Priem, 65, and Malachowsky.") == [
        ("measure", "62", 62, "year", "exact"),
        ("measure", "65", 65, "year", "exact"),
    ]
    assert rows("In Ohio, 12 people died.") == [("count", "12", 12, "person", "exact")]
    assert rows("The vote was 52, 48, with 3 abstentions.")[0][3] != "year"


def test_only_does_not_change_the_qualifier() -> None:
    assert rows("Only 7% of farmers were denied.") == [("percent", "7%", 7, "%", "exact")]


# --- the seed article ----------------------------------------------------------------------------

def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = {(m.kind, m.surface, m.value, m.unit, m.qualifier) for m in rows_of(text)}
    expected = {
        ("count", "41", 41, "person", "at_least"),
        ("count", "20", 20, "soldier", "exact"),
        ("count", "four", 4, "soldier", "at_least"),
        ("count", "Four", 4, "Indian", "exact"),
        ("money", "$65bn", 65000000000, "USD", "exact"),
        ("money", "£50.76bn", 50760000000, "GBP", "exact"),
        ("money", "$4bn", 4000000000, "USD", "exact"),
        ("measure", "two-day", 2, "day", "exact"),
        ("measure", "20 years", 20, "year", "exact"),
        ("ordinal", "third", 3, "term", "exact"),
        ("ordinal", "75th", 75, "anniversary", "exact"),
        ("ordinal", "first", 1, "trip", "exact"),
    }
    assert expected <= found
    vague = {(m.surface, m.unit) for m in rows_of(text) if m.kind == "vague"}
    assert vague >= {("billions of dollars", "USD"), ("dozens", "Indian")}
    assert not any(m.surface in ("400", "2019", "2022", "2020", "Two") for m in rows_of(text))


def rows_of(text: str) -> list[Mention]:
    return find_quantities(text, 0, len(text))


# --- robustness ----------------------------------------------------------------------------------

def test_offsets_index_the_whole_text_when_the_body_starts_later() -> None:
    text = "Headline with 99 problems\n\nBody: at least 41 people died."
    body = text.index("Body")
    found = find_quantities(text, body, len(text))
    assert [(m.surface, m.start) for m in found] == [("41", text.index("41"))]


def test_odd_text_never_raises_and_offsets_hold() -> None:
    pieces = ["one", "two", "first", "a", "dozen", "million", "%", "$", "5", "1,200", "years",
              "of", "half", "the", "at least", "km", "-", "(", ")", "bn", "Rs", "US$", "£",
              "İ", "\u200b", "\u202e", "\u00a0", "\n", "‑", "“", "2019", "3:15", "½", "ß"]
    generator = random.Random(7)
    for _ in range(2000):
        text = "".join(generator.choice(pieces) + generator.choice([" ", "", ","])
                       for _ in range(generator.randint(0, 12)))
        start = generator.randint(0, len(text))
        end = generator.randint(start, len(text))
        for mention in find_quantities(text, start, end):
            assert text[mention.start:mention.end] == mention.surface
            assert start <= mention.start <= mention.end <= end


def test_a_long_single_line_stays_fast() -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", " ") * 60  # about 550 KB
    found = find_quantities(text, 0, len(text))
    assert len(found) > 60 * 15
