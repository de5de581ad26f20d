"""Dates and times: found, surfaced and resolved against the publication date.

Every expectation here is written by hand from the annotation guideline (devset README,
section 6): ISO at the expression's own precision, the surface without prepositions,
articles or early/mid/late, relative words resolved against `published` with the tense.
"""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.dates import find_dates

MON_JUL_8 = date(2024, 7, 8)  # the seed article's publication day, a Monday
WED_JUL_31 = date(2024, 7, 31)
THU_AUG_1 = date(2024, 8, 1)


def dates_in(text: str, published: date | None = THU_AUG_1) -> list[tuple[str, str | None]]:
    found = find_dates(text, 0, len(text), published)
    assert all(text[m.start:m.end] == m.surface for m in found)
    assert all(m.kind == "date" and m.value is None and m.qualifier is None for m in found)
    return [(m.surface, m.date) for m in found]


# --- the seed article's dates (published Monday 2024-07-08) -----------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his first foreign trip since he returned to office for a third term in June.",
         [("June", "2024-06")]),
        ("Mr. Modi landed on Monday, just hours after the bombing.", [("Monday", "2024-07-08")]),
        ("his first to the Kremlin since 2019 – coincides with a summit", [("2019", "2019")]),
        ("where the 2022 invasion will be a major theme.", [("2022", "2022")]),
        ("he said at a press briefing on Monday.", [("Monday", "2024-07-08")]),
        ("he posted on X (formerly Twitter) late on Monday.", [("Monday", "2024-07-08")]),
        ("The NATO summit in Washington, which begins on Tuesday, is being held",
         [("Tuesday", "2024-07-09")]),
        ("A deadly brawl on the disputed border in June 2020 killed 20 Indian soldiers.",
         [("June 2020", "2020-06")]),
        ("formed as a bulwark against the Soviet Union after World War Two.", []),
        ("close defense and strategic relations from Cold War days", []),
    ],
)
def test_seed_dates(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, MON_JUL_8) == expected


def test_recent_decades_is_a_date_without_a_value() -> None:
    assert dates_in("Delhi has diversified its inventory in recent decades.", MON_JUL_8) == [
        ("recent decades", None)
    ]


# --- absolute forms ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on 8 July 2024.", [("8 July 2024", "2024-07-08")]),
        ("It happened on July 8, 2024, in Moscow.", [("July 8, 2024", "2024-07-08")]),
        ("It happened on Monday, July 8, 2024.", [("Monday, July 8, 2024", "2024-07-08")]),
        ("the 8th of July 2024", [("8th of July 2024", "2024-07-08")]),
        ("The file is dated 2024-07-15.", [("2024-07-15", "2024-07-15")]),
        ("The file is stamped 2024-07-15T13:00:00Z.",
         [("2024-07-15T13:00:00Z", "2024-07-15T13:00Z")]),
        ("ISO months look like 2020-06.", [("2020-06", "2020-06")]),
        ("since November 2021", [("November 2021", "2021-11")]),
        ("crashes in October 2018 and March 2019", [("October 2018", "2018-10"),
                                                     ("March 2019", "2019-03")]),
        ("Lin won world championships in 2018 and 2022.", [("2018", "2018"), ("2022", "2022")]),
        ("her 2022 loss to Katie Hobbs", [("2022", "2022")]),
        ("the 2016 Rio de Janeiro Olympics", [("2016", "2016")]),
        ("the International Boxing Association’s 2022 world championships", [("2022", "2022")]),
        ("The ruling was made in early 2024.", [("2024", "2024")]),
        ("prices fell in mid-2023", [("2023", "2023")]),
        ("between 2018-2022", [("2018", "2018"), ("2022", "2022")]),
        ("the 2023-24 season", [("2023", "2023"), ("24", "2024")]),
        ("loans made in fiscal year 2022", [("fiscal year 2022", "2022")]),
        ("results for FY24", [("FY24", "2024")]),
    ],
)
def test_absolute_dates(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text) == expected


# --- weekdays read with the tense (published Thursday 2024-08-01) ------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Investors cheered Wednesday after the Fed signaled a cut.", "2024-07-31"),
        ("The IOC on Tuesday defended their right to compete.", "2024-07-30"),
        ("Stocks took a nosedive Thursday after fresh data.", "2024-08-01"),
        ("Khelif, who fights again Saturday, didn’t speak to reporters.", "2024-08-03"),
        ("Lin begins her Paris run Friday, fighting in the ring.", "2024-08-02"),
        ("The rescue operations are ongoing on Thursday.", "2024-08-01"),
        ("The report will be released on Monday.", "2024-08-05"),
        ("And on Thursday, the brothers were back at the mine.", "2024-08-01"),
        ("After laying his hands on the stone on Tuesday, he said, his heart raced.",
         "2024-07-30"),
        ("shares are down 28% year to date through Tuesday’s market close.", "2024-07-30"),
        ("wrote the strategist in a Thursday note.", "2024-08-01"),
        ("Starting Monday, stores must close early.", "2024-08-05"),
    ],
)
def test_weekday_follows_the_tense(text: str, expected: str) -> None:
    [(_, value)] = dates_in(text)
    assert value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met last Thursday.", [("last Thursday", "2024-07-25")]),
        ("They meet next Monday.", [("next Monday", "2024-08-05")]),
        ("They meet this Friday.", [("this Friday", "2024-08-02")]),
        ("Lamb had 40% of the vote Tuesday night.", [("Tuesday night", "2024-07-30")]),
        ("The yield reached 3.97% by midday Thursday.", [("midday Thursday", "2024-08-01")]),
        ("Investors will get a look on Friday morning.", [("Friday morning", "2024-08-02")]),
        ("through Tuesday’s market close", [("Tuesday", "2024-07-30")]),
        ("Shoppers lined up on Black Friday.", []),
        ("He won on Super Tuesday.", []),
        ("as the Sunday Times reported", []),
        ("The market is closed every Monday.", []),
    ],
)
def test_weekday_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text) == expected


# --- months and days without a year ------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In June, the Supreme Court ended a legal doctrine.", THU_AUG_1, [("June", "2024-06")]),
        ("at least 113 journalists have been killed since October.", THU_AUG_1,
         [("October", "2023-10")]),
        ("That’s the highest tally since last August.", THU_AUG_1, [("last August", "2023-08")]),
        ("the dinner held in Paris last September cost €475,000", WED_JUL_31,
         [("last September", "2023-09")]),
        ("They detained him when they invaded it in mid-March.", THU_AUG_1, [("March", "2024-03")]),
        ("A rate cut is on the table for September.", THU_AUG_1, [("September", "2024-09")]),
        ("Powell all but guaranteed a rate cut in September.", THU_AUG_1,
         [("September", "2024-09")]),
        ("a potential strike in September by 36,000 workers", WED_JUL_31,
         [("September", "2024-09")]),
        ("Investors will get a look on Friday morning from the July jobs report.", THU_AUG_1,
         [("Friday morning", "2024-08-02"), ("July", "2024-07")]),
        ("the Hamas-led October 7 attacks, in which 1,200 people were killed", THU_AUG_1,
         [("October 7", "2023-10-07")]),
        ("As of July 31, at least 113 journalists have been killed.", THU_AUG_1,
         [("July 31", "2024-07-31")]),
        ("Ortberg will be its new CEO, effective August 8.", WED_JUL_31,
         [("August 8", "2024-08-08")]),
        ("He reported $8.2 million in his coffers on July 10.", WED_JUL_31,
         [("July 10", "2024-07-10")]),
        ("The law takes effect Sept. 5.", THU_AUG_1, [("Sept. 5", "2024-09-05")]),
        ("The meeting was postponed until Aug. 20.", THU_AUG_1, [("Aug. 20", "2024-08-20")]),
        ("Prices may fall, Theresa May said.", THU_AUG_1, []),
        ("Thousands joined the March for Life.", THU_AUG_1, []),
        ("The vote was held in May.", THU_AUG_1, [("May", "2024-05")]),
        ("Customers were affected between January and March 2023.", THU_AUG_1,
         [("January", "2023-01"), ("March 2023", "2023-03")]),
        ("In July 2023, the USDA opened applications, with a deadline of that October.",
         THU_AUG_1, [("July 2023", "2023-07"), ("that October", "2023-10")]),
    ],
)
def test_months_and_days_without_a_year(
    text: str, published: date, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text, published) == expected


# --- deictic words and calendar arithmetic -----------------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The body disqualified her last year.", THU_AUG_1, [("last year", "2023")]),
        ("Gender parity was reached this year.", THU_AUG_1, [("this year", "2024")]),
        ("The ban was upheld earlier this year.", THU_AUG_1, [("this year", "2024")]),
        ("This year’s Senate race is close.", WED_JUL_31, [("This year", "2024")]),
        ("The games move to Los Angeles next year.", THU_AUG_1, [("next year", "2025")]),
        ("The EU issued a warning last month.", WED_JUL_31, [("last month", "2024-06")]),
        ("Sales rose this month.", THU_AUG_1, [("this month", "2024-08")]),
        ("Claims rose last week.", THU_AUG_1, [("last week", "2024-W30")]),
        ("Boxers were asked repeatedly this week.", THU_AUG_1, [("this week", "2024-W31")]),
        ("Talks resume next week.", THU_AUG_1, [("next week", "2024-W32")]),
        ("numbers doubled from a decade ago", THU_AUG_1, [("a decade ago", "2014")]),
        ("Two months ago, monsoons descended on the region.", date(2024, 7, 26),
         [("Two months ago", "2024-05")]),
        ("The plant opened three weeks ago.", THU_AUG_1, [("three weeks ago", "2024-W28")]),
        ("The storm hit five days ago.", THU_AUG_1, [("five days ago", "2024-07-27")]),
        ("The storm hit yesterday.", THU_AUG_1, [("yesterday", "2024-07-31")]),
        ("Polls open tomorrow.", THU_AUG_1, [("tomorrow", "2024-08-02")]),
        ("Rebels attacked the town last night.", THU_AUG_1, [("last night", "2024-07-31")]),
        ("Expenses topped €125 million during 2023 — up 14% from the previous year.", THU_AUG_1,
         [("2023", "2023"), ("previous year", "2022")]),
        ("A year later, the plant closed.", THU_AUG_1, [("A year later", None)]),
        ("The plant opened in June 2020. Two months later, it closed.", THU_AUG_1,
         [("June 2020", "2020-06"), ("Two months later", "2020-08")]),
        ("Boeing has not posted a profitable year so far this year.", WED_JUL_31,
         [("this year", "2024")]),
    ],
)
def test_relative_dates(
    text: str, published: date, expected: list[tuple[str, str | None]]
) -> None:
    assert dates_in(text, published) == expected


@pytest.mark.parametrize(
    "text",
    ["Employers aren’t hiring at the pace they have in recent years.",
     "Floods displaced millions in recent months.",
     "Prices will rise in the coming months.",
     "Trade has soared in the last few years.",
     "Over the past decade, emissions have fallen.",  # the guideline's null row
     "Fewer people moved over the past year."],
)
def test_vague_periods_are_dates_without_a_value(text: str) -> None:
    [(_, value)] = dates_in(text)
    assert value is None


# --- weeks, quarters, halves, seasons, fiscal periods ------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("a core operating loss of $1.4 billion in the second quarter", WED_JUL_31,
         [("second quarter", "2024-Q2")]),
        ("if the underperformance in the second quarter and in this quarter continues", WED_JUL_31,
         [("second quarter", "2024-Q2"), ("this quarter", "2024-Q2")]),
        ("Deliveries are expected in the first quarter of 2025.", WED_JUL_31,
         [("first quarter of 2025", "2025-Q1")]),
        ("Revenue rose in Q3 2023.", WED_JUL_31, [("Q3 2023", "2023-Q3")]),
        ("The company will report its second-quarter results on Thursday.", WED_JUL_31,
         [("second-quarter", "2024-Q2"), ("Thursday", "2024-08-01")]),
        ("The plant will open in the first quarter.", WED_JUL_31, [("first quarter", "2025-Q1")]),
        ("Profit rose in the July-September quarter.", date(2024, 10, 24),
         [("July-September quarter", "2024-Q3")]),
        ("rates were higher for the first half of fiscal year 2024, through April 1", THU_AUG_1,
         [("first half of fiscal year 2024", "2024-H1"), ("April 1", "2024-04-01")]),
        ("Growth will slow in the second half of the year.", date(2024, 3, 12),
         [("second half of the year", "2024-H2")]),
        ("Sales fell in the first three months of the year.", THU_AUG_1,
         [("first three months of the year", "2024-Q1")]),
        ("1,603 cases in the first four months of 2024", THU_AUG_1,
         [("first four months of 2024", "2024")]),
        ("in the last six months of 2023", THU_AUG_1, [("last six months of 2023", "2023-H2")]),
        ("Growth slowed from 7.8% in the January-March period.", THU_AUG_1,
         [("January-March period", "2024-Q1")]),
        ("It was below the forecast and down from 7.8% in the first quarter.", THU_AUG_1,
         [("first quarter", "2024-Q1")]),
        ("Last year, fewer deaths were recorded in the first quarter.", date(2024, 5, 20),
         [("Last year", "2023"), ("first quarter", "2023-Q1")]),
        ("one of this fall’s most important races", WED_JUL_31, [("this fall", "2024-FA")]),
        ("Lake’s chances of winning this fall", WED_JUL_31, [("this fall", "2024-FA")]),
        ("It was hot last summer.", THU_AUG_1, [("last summer", "2023-SU")]),
        ("It was hot in the summer of 2023.", THU_AUG_1, [("summer of 2023", "2023-SU")]),
        ("Work starts next spring.", THU_AUG_1, [("next spring", "2025-SP")]),
        ("Protests spread over the weekend.", THU_AUG_1, [("weekend", "2024-W30-WE")]),
    ],
)
def test_periods(text: str, published: date, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, published) == expected


# --- ranges: each end is its own mention, the far end after the near one ---------------

WED_NOV_6 = date(2024, 11, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The festival runs from Friday through Sunday.",
         [("Friday", "2024-11-08"), ("Sunday", "2024-11-10")]),
        ("The Fed will meet again on Dec. 17-18.",
         [("Dec. 17", "2024-12-17"), ("18", "2024-12-18")]),
        ("The fair ran July 8-10, 2024.", [("July 8", "2024-07-08"), ("10", "2024-07-10")]),
        ("a poll conducted from 21 to 25 July", [("21", "2024-07-21"), ("25 July", "2024-07-25")]),
        ("The fair ran 8-10 July 2023.", [("8", "2023-07-08"), ("10 July 2023", "2023-07-10")]),
        ("It ran between 3rd and 5th June.", [("3rd", "2024-06-03"), ("5th June", "2024-06-05")]),
        ("The score was 3-1 on 5 July.", [("5 July", "2024-07-05")]),
        ("The holiday sale runs from Dec. 20 to Jan. 5.",
         [("Dec. 20", "2024-12-20"), ("Jan. 5", "2025-01-05")]),
        ("The report covered the period from April to June.",
         [("April", "2024-04"), ("June", "2024-06")]),
        ("He served from 2009 to 2017.", [("2009", "2009"), ("2017", "2017")]),
        ("The strike ended on Oct. 31 after 53 days.", [("Oct. 31", "2024-10-31")]),
    ],
)
def test_ranges(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, WED_NOV_6) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vaccine will be available in the spring.", [("spring", "2025-SP")]),
        ("The museum reopened last spring.", [("last spring", "2024-SP")]),
        ("Sales slumped in the summer.", [("summer", "2024-SU")]),
        ("after the fall of the government", []),
    ],
)
def test_seasons_read_with_the_tense(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, WED_NOV_6) == expected


# --- holidays --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shops close on Christmas Day.", [("Christmas Day", "2024-12-25")]),
        ("We met over Christmas.", [("Christmas", "2023-12-25")]),
        ("The attack happened on Good Friday.", [("Good Friday", "2024-03-29")]),
        ("Easter 2023 fell early.", [("Easter 2023", "2023-04-09")]),
        ("He will be home for Thanksgiving.", [("Thanksgiving", "2024-11-28")]),
        ("Fireworks lit up the sky on New Year’s Eve.", [("New Year’s Eve", "2023-12-31")]),
        ("Christmas trees sold out.", []),
        ("Easter eggs and Halloween candy", []),
    ],
)
def test_holidays(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, WED_NOV_6) == expected


# --- clock times ------------------------------------------------------------------------

def test_clock_time_with_its_day() -> None:
    text = "Patients began arriving at the hospital near 3 a.m. local time Tuesday."
    assert dates_in(text, WED_JUL_31) == [("3 a.m. local time Tuesday", "2024-07-30T03:00")]


def test_clock_time_takes_the_day_the_story_places_it_on() -> None:
    text = (
        "Two landslides hit the district in the early hours of Tuesday. "
        "Up to 1,000 people have been rescued, the army said in a post on X Wednesday.\n\n"
        "Her husband said rescue workers arrived around 6 a.m. and brought the family out."
    )
    assert dates_in(text, WED_JUL_31) == [
        ("Tuesday", "2024-07-30"), ("Wednesday", "2024-07-31"), ("6 a.m.", "2024-07-30T06:00"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks start at 13:00 GMT on Monday.", [("13:00 GMT on Monday", "2024-07-15T13:00Z")]),
        ("The vote closes Monday at 3 p.m.", [("Monday at 3 p.m.", "2024-07-15T15:00")]),
        ("The market opened at 9:30 a.m. ET.", [("9:30 a.m. ET", "2024-07-15T09:30")]),
        ("They met at noon Monday.", [("noon Monday", "2024-07-15T12:00")]),
        ("The polls close at noon on Monday.", [("noon on Monday", "2024-07-15T12:00")]),
        ("The score was 2:1 at half time.", []),
    ],
)
def test_clock_times(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text, date(2024, 7, 15)) == expected


# --- what is not a date ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Rescue workers are now facing treacherous conditions.",
        "Today, he says, he has his own story to share.",
        "Up to 1,000 people have been rescued so far.",
        "Smaller diamonds were recently found.",
        "The West has cultivated closer ties for the past 20 years.",
        "The first from the party to win in Arizona in 30 years.",
        "after more than nine months of bombing",
        "They detained him for twelve hours, then released him.",
        "above the average for the past three months",
        "For the past decade, emissions have fallen.",
        "a 20-month grounding of the fleet",
        "the fans of Euro 2024 and critics of Project 2025",
        "cases of COVID-19 among S&P 500 staff on a 737 Max",
        "More than 2000 people marched 1500 meters.",
        "2,000 people attended.",
        "The worst day came at the time of the crash, days after the invasion.",
        "It is cold at this time of year.",
        "Costs rose going into the quarter.",
        "Shares are down 28% year to date.",
        "The bilateral visit this time is a scheduling priority.",
    ],
)
def test_not_dates(text: str) -> None:
    assert dates_in(text) == []


# --- no publication date, odd input ------------------------------------------------------

def test_without_a_publication_date_relative_dates_have_no_value() -> None:
    text = "He landed on Monday, last year he left, and in 2019 he returned in June 2020."
    assert dates_in(text, None) == [
        ("Monday", None), ("last year", None), ("2019", "2019"), ("June 2020", "2020-06"),
    ]


def test_a_publication_datetime_counts_as_its_day() -> None:
    text = "He landed on Monday."
    found = find_dates(text, 0, len(text), datetime(2024, 7, 8, 21, 36))
    assert [(m.surface, m.date) for m in found] == [("Monday", "2024-07-08")]


def test_offsets_index_the_whole_text() -> None:
    text = "# Headline 2019\n\n---\nThe vote was held on Tuesday, July 30, 2024."
    body = text.index("The vote")
    [mention] = find_dates(text, body, len(text), THU_AUG_1)
    assert (mention.surface, mention.date) == ("Tuesday, July 30, 2024", "2024-07-30")
    assert text[mention.start:mention.end] == mention.surface


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.booleans())
@settings(max_examples=300, deadline=None)
def test_never_raises_and_offsets_hold(text: str, with_date: bool) -> None:
    published = date(2024, 2, 29) if with_date else None
    for m in find_dates(text, 0, len(text), published):
        assert text[m.start:m.end] == m.surface


@given(
    st.lists(st.sampled_from(
        ["first quarter", "last year", "next week", "two months ago", "this fall", "Monday",
         "June 5", "next month", "Christmas", "the previous year", "3 a.m.", " ", ", ", "in "]
    ), max_size=12),
    st.dates(),
)
@settings(max_examples=200, deadline=None)
def test_any_publication_date_gives_valid_values(pieces: list[str], published: date) -> None:
    text = "".join(pieces)
    for m in find_dates(text, 0, len(text), published):
        assert m.date is None or (m.date[:4].isdigit() and m.date[:4] != "0000")


@given(st.lists(st.sampled_from(
    ["Monday", " ", "last", "year", "2019", "-", "June", "3", "a.m.", "of", "the", "first",
     "quarter", ",", "ago", "two", "months", "fiscal", "\u00a0", "’s", "Q2", "this", "fall", "\n"]
), max_size=40))
@settings(max_examples=300, deadline=None)
def test_date_words_in_any_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    for m in find_dates(text, 0, len(text), THU_AUG_1):
        assert text[m.start:m.end] == m.surface


def test_long_single_lines_stay_linear() -> None:
    lines = ["2019" * 50_000, "1" * 200_000, "3 " * 100_000, "y" * 200_000, "a.m. " * 40_000,
             "Monday " * 3_000, "in June, " * 2_000, "last year " * 2_000]
    begin = time.process_time()
    for line in lines:
        find_dates(line, 0, len(line), THU_AUG_1)
    assert time.process_time() - begin < 10
