"""Time anchoring: relative expressions resolved from their anchor or from the tense.

Every sentence here is written by hand for these tests (none comes from the dev set);
the expected values follow the annotation guideline (devset README, section 6).
"""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.dates import find_dates

WED_JUL_31 = date(2024, 7, 31)
MON_JUL_22 = date(2024, 7, 22)
THU_AUG_1 = date(2024, 8, 1)


def dates_in(text: str, published: date | None = WED_JUL_31) -> list[tuple[str, str | None]]:
    found = find_dates(text, 0, len(text), published)
    assert all(text[m.start:m.end] == m.surface for m in found)
    return [(m.surface, m.date) for m in found]


# --- far past: "N years ago" as a signed year ------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mammoths roamed the valley 12,000 years ago.", [("12,000 years ago", "-9976")]),
        ("The first farms appeared some 9,000 to 11,000 years ago in the hills.",
         [("9,000", "-6976"), ("11,000 years ago", "-8976")]),
        ("The castle was built 1,500 years ago.", [("1,500 years ago", "0524")]),
        ("The mill opened a century ago.", [("a century ago", "1924")]),
        ("The bridge was built two centuries ago.", [("two centuries ago", "1824")]),
        ("She moved here three to five years ago.",
         [("three", "2021"), ("five years ago", "2019")]),
    ],
)
def test_years_ago_far_and_ranged(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text) == expected


# --- a month or day with a relative year -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rents were highest in December last year.", [("December last year", "2023-12")]),
        ("It was the slowest month since March of last year.",
         [("March of last year", "2023-03")]),
        ("The toll opened on February 2 this year.", [("February 2 this year", "2024-02-02")]),
        ("The plant closes on 30 June next year.", [("30 June next year", "2025-06-30")]),
    ],
)
def test_month_with_a_relative_year(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text) == expected


# --- expressions anchored to the time just named ------------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Arrivals in the first half of this year were up 12% on the same period last year.",
         THU_AUG_1, [("first half of this year", "2024-H1"), ("same period last year", "2023-H1")]),
        ("Margins in the second quarter narrowed from the same quarter a year earlier.",
         WED_JUL_31, [("second quarter", "2024-Q2"), ("same quarter a year earlier", "2023-Q2")]),
        ("Rents for the quarter ended March 31 beat the same quarter last year.", WED_JUL_31,
         [("March 31", "2024-03-31"), ("same quarter last year", "2023-Q1")]),
        ("Orders in 2021 were 9% lower than the year before.", WED_JUL_31,
         [("2021", "2021"), ("year before", "2020")]),
        ("Exports in May rose after a fall the month before.", WED_JUL_31,
         [("May", "2024-05"), ("month before", "2024-04")]),
        ("Turnout in 2019 was low, and it fell further by the end of the year.", WED_JUL_31,
         [("2019", "2019"), ("year", "2019")]),
        ("The ministry will publish the list by the end of the year.", WED_JUL_31,
         [("year", "2024")]),
        ("The audit covered 2021. A verdict is expected in the second half of the year.",
         WED_JUL_31, [("2021", "2021"), ("second half of the year", "2024-H2")]),
        ("The mayor will sign the order by the end of the month.", WED_JUL_31,
         [("month", "2024-07")]),
        ("Rains began on June 3, and by the end of the month, the river had burst.", WED_JUL_31,
         [("June 3", "2024-06-03"), ("month", "2024-06")]),
        ("Fans cheered this past weekend.", THU_AUG_1, [("this past weekend", "2024-W30-WE")]),
        ("Reservoirs dried up over the summer.", THU_AUG_1, [("summer", "2024-SU")]),
        ("Heating bills soared during the winter.", THU_AUG_1, [("winter", "2023-WI")]),
        ("The stadium will be finished by the spring.", THU_AUG_1, [("spring", "2025-SP")]),
        # a bare season after "by"/"until" is a deadline: ahead unless the verb is past
        ("Analysts see the index flat in September but higher by winter.", THU_AUG_1,
         [("September", "2024-09"), ("winter", "2024-WI")]),
        ("Rates should ease by spring.", THU_AUG_1, [("spring", "2025-SP")]),
        ("The ferry runs until autumn, and then the pier closes.", THU_AUG_1,
         [("autumn", "2024-FA")]),
        ("The canal had frozen by winter.", THU_AUG_1, [("winter", "2023-WI")]),
        ("The lake is fed by spring floods.", THU_AUG_1, []),
        ("The club lost this past Saturday.", THU_AUG_1, [("this past Saturday", "2024-07-27")]),
    ],
)
def test_anchored_to_the_time_just_named(
    text: str, published: date, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She landed the day before the summit.", []),  # anchored to an event: no date
        ("The board met in 2019. Members said that year changed them.", ["2019"]),
        ("The trial opened on June 3. On that day, he said nothing.", ["June 3"]),
        ("Many that day-trippers meet are locals.", []),
        ("He was named player of the year.", []),
        ("The ferry sank on the same day that the storm warning was lifted.", []),
        ("Both bills passed in 2022, the second on the same day as the vote.", ["2022"]),
    ],
)
def test_references_back_and_event_spans_are_no_new_dates(text: str, expected: list[str]) -> None:
    assert [surface for surface, _ in dates_in(text)] == expected


def test_that_year_after_a_finer_date_gives_its_year() -> None:
    assert dates_in("The shop opened in March 2019, and later that year it moved.") == [
        ("March 2019", "2019-03"), ("that year", "2019")
    ]


@pytest.mark.parametrize(
    "text",
    ["Crowds were thinner than previous years.", "Rents rose over the past year."],
)
def test_plural_and_past_periods_are_dates_without_value(text: str) -> None:
    [(_, value)] = dates_in(text)
    assert value is None


# --- deictic words inside a quotation: the day the words were spoken ---------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In a televised speech on Monday, the mayor spoke.\n\n"
         "\u201cAs of today, the bridge is closed,\u201d she said.",
         [("Monday", "2024-07-22"), ("today", "2024-07-22")]),
        ("At the summit on Friday, the minister was blunt. "
         "\u201cWe heard the verdict this morning,\u201d he said.",
         [("Friday", "2024-07-19"), ("this morning", "2024-07-19")]),
        ("The dam broke on Sunday.\n\n\u201cWe lost power this morning,\u201d a resident said.",
         [("Sunday", "2024-07-21"), ("this morning", "2024-07-23")]),
        ("The storm hit on Saturday.\n\nToday, the roads reopened.",
         [("Saturday", "2024-07-20"), ("Today", "2024-07-23")]),
    ],
)
def test_quoted_today_is_the_day_of_the_speech(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text, date(2024, 7, 23)) == expected


# --- small forms the tense and the context decide ------------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Analysts expect that Thursday's trade figures will be weak.", MON_JUL_22,
         [("Thursday", "2024-07-25")]),
        ("Traders await the bank's August rate decision.", MON_JUL_22, [("August", "2024-08")]),
        ("The storm came ashore that Sunday.", MON_JUL_22, [("that Sunday", None)]),
        ("The law caps rents by February.", MON_JUL_22, [("February", "2025-02")]),
        ("Rents had doubled by February.", MON_JUL_22, [("February", "2024-02")]),
        ("Officials warned the dam could fail by the weekend.", date(2024, 8, 7),
         [("weekend", "2024-W32-WE")]),
        ("The ferry could not sail on Monday.", date(2024, 8, 7), [("Monday", "2024-08-05")]),
        ("She has been in custody since last April.", MON_JUL_22, [("last April", "2023-04")]),
        ("Attendance has grown since at least 2010.", MON_JUL_22, [("2010", "2010")]),
        ("The vote could be badly disrupted by the storms in October.", MON_JUL_22,
         [("October", "2024-10")]),
        ("The trade deal was quietly signed in March.", MON_JUL_22, [("March", "2024-03")]),
        ("The Assembly debates the budget on Tuesday.", date(2024, 8, 1),
         [("Tuesday", "2024-08-06")]),
        ("The Assembly debated the budget on Tuesday.", date(2024, 8, 1),
         [("Tuesday", "2024-07-30")]),
        ("Talks may be further complicated by the regional runoff vote in October.", MON_JUL_22,
         [("October", "2024-10")]),
        # a name after a count is a modifier, so "Council seats" is no present-tense verb
        ("Greens took 12 of the 40 Council seats in November.", MON_JUL_22,
         [("November", "2023-11")]),
        ("The party lost 7 Senate races in October.", MON_JUL_22, [("October", "2023-10")]),
        # "gave them until <day> to ...": a deadline after the giving, the nearer occurrence
        ("The mayor gave the union until March 12 to accept the offer.", date(2024, 1, 10),
         [("March 12", "2024-03-12")]),
        ("The mayor gave the union until March 12.", date(2024, 1, 10),
         [("March 12", "2023-03-12")]),
        # a price with a numeral before "US cents" carries no tense: "slid" does
        ("The peso slid to 5.2 US cents after the report at 8:30 a.m. Tuesday.", THU_AUG_1,
         [("8:30 a.m. Tuesday", "2024-07-30T08:30")]),
        # after a linking verb the -ed word is an adjective: the linking verb carries the tense
        ("The bridge will remain shut through Sunday.", date(2024, 8, 7),
         [("Sunday", "2024-08-11")]),
        ("The museum will stay closed through Monday.", date(2024, 8, 7),
         [("Monday", "2024-08-12")]),
        ("The museum stayed closed through Monday.", date(2024, 8, 7),
         [("Monday", "2024-08-05")]),
    ],
)
def test_context_decides(
    text: str, published: date, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The flood wrecked the town, but three years later, shops seem busy again.",
         [("three years later", "2024")]),
        ("Eight months later, rents are still climbing.", [("Eight months later", "2024-07")]),
        ("Two years later, the company collapsed.", [("Two years later", None)]),
    ],
)
def test_later_with_no_time_named_before_ends_now_in_the_present(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the anchor is in the same paragraph
        ("The mine produced 3 tons in 2019, up from 2 tons a year earlier.",
         [("2019", "2019"), ("a year earlier", "2018")]),
        # ... or in the one before
        ("The mine produced 3 tons in 2019.\n\nThat was up from 2 tons the previous year.",
         [("2019", "2019"), ("previous year", "2018")]),
        # an anchor further back does not hold: the publication date does
        ("The mine opened in 2009.\n\nIt employs 40 people.\n\n"
         "Output is up 10% from a year earlier.",
         [("2009", "2009"), ("a year earlier", "2023")]),
        ("Output rose 4% compared with the previous year.", [("previous year", "2023")]),
    ],
)
def test_anchor_is_the_nearest_time_in_the_paragraph_else_publication(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected


# --- clock times take the day of their sentence -----------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Firefighters reached the ridge near 5 a.m., hours after the blaze began on Monday.",
         [("5 a.m.", "2024-07-29T05:00"), ("Monday", "2024-07-29")]),
        ("The march set off at 2 p.m. from the square on Sunday.",
         [("2 p.m.", "2024-07-28T14:00"), ("Sunday", "2024-07-28")]),
        ("On Saturday the dam gave way. Water reached the town by 11 p.m.",
         [("Saturday", "2024-07-27"), ("11 p.m.", "2024-07-27T23:00")]),
        ("The ferry docked at 7 p.m., the port said Tuesday.",
         [("7 p.m.", "2024-07-30T19:00"), ("Tuesday", "2024-07-30")]),
        ("On Sunday the ferry sank. Divers found it at 7 p.m., the port said Tuesday.",
         [("Sunday", "2024-07-28"), ("7 p.m.", "2024-07-28T19:00"), ("Tuesday", "2024-07-30")]),
        # a deadline is no day the story's events happen on: the clock keeps publication day
        ("The board gave the firm until October 3 to reply. The chair spoke at 4 p.m.",
         [("October 3", "2024-10-03"), ("4 p.m.", "2024-07-31T16:00")]),
        ("Bidders have until Friday to respond. The auction closed at 6 p.m.",
         [("Friday", "2024-08-02"), ("6 p.m.", "2024-07-31T18:00")]),
    ],
)
def test_clock_time_takes_its_sentence_day(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ship sank on Thursday. The next day, divers went down.",
         [("Thursday", "2024-07-25"), ("next day", "2024-07-26")]),
        ("Rebels took the town on June 9 and lost it the following morning.",
         [("June 9", "2024-06-09"), ("following morning", "2024-06-10")]),
        ("The clinic closed; the next morning patients queued outside.", []),
    ],
)
def test_next_day_counts_from_the_day_named(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The old trade routes survived for centuries, shaping the region today.", []),
        ("Ministers signed the accord today after a long night.", [("today", "2024-07-31")]),
    ],
)
def test_today_after_a_participle_means_nowadays(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2021, exports peaked in May.", [("2021", "2021"), ("May", "2021-05")]),
        ("Exports in 2021 peaked in May.", [("2021", "2021"), ("May", "2021-05")]),
        ("He cited a fire at a depot in Lyon in 2018, in a speech to mayors in March.",
         [("2018", "2018"), ("March", "2024-03")]),
    ],
)
def test_a_year_frames_a_later_month_only_across_its_own_clause(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text) == expected
