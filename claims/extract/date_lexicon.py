"""Words of date and time expressions, and the regex fragments built from them.

Everything here is data plus a few helpers that turn word lists into alternations
(longest first, so `September` wins over `Sep`). `dates.py` compiles the one scanning
pattern from these fragments at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun",
            "July Jul", "August Aug", "September Sept Sep", "October Oct", "November Nov",
            "December Dec",
        ),
        start=1,
    )
    for name in names.split()
}
FULL_MONTHS: frozenset[str] = frozenset(
    name for name in MONTHS if len(name) > 4 or name in ("May", "June", "July")
)
WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a half": 1,
}
# unit word → (calendar unit, how many of it)
UNITS: dict[str, tuple[str, int]] = {
    "day": ("day", 1), "days": ("day", 1), "week": ("week", 1), "weeks": ("week", 1),
    "month": ("month", 1), "months": ("month", 1), "year": ("year", 1), "years": ("year", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100),
    "centuries": ("year", 100), "quarter": ("quarter", 1), "quarters": ("quarter", 1),
}
# holiday → its date: a fixed (month, day), or a rule ("easter" with a day offset, "thanksgiving")
HOLIDAYS: dict[str, tuple[int, int] | tuple[str, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
    "good friday": ("easter", -2), "thanksgiving": ("thanksgiving", 0),
    "thanksgiving day": ("thanksgiving", 0),
}
# words before a bare holiday name that make it a time ("over Christmas", not "Christmas trees")
HOLIDAY_LEADS = words("on over at by before after until till since during around of for from")
RELATIVE_WORDS: tuple[str, ...] = (
    "last", "this", "next", "that", "past", "previous", "prior", "following", "same", "current",
)
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4, "latter": 2,
}
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
PARTS_OF_DAY_AFTER: tuple[str, ...] = (
    "morning", "afternoon", "evening", "night", "overnight", "midday",
)
PARTS_OF_DAY_BEFORE: tuple[str, ...] = ("midday", "midnight", "overnight")
TIMEZONES_UTC = ("GMT", "UTC")
TIMEZONES: tuple[str, ...] = (
    "local time", "ET", "EDT", "EST", "CT", "CDT", "CST", "MT", "MDT", "MST", "PT", "PDT",
    "PST", "BST", "CET", "CEST", "IST", "JST", "AEST", "AEDT", *TIMEZONES_UTC,
)
# words that make a following weekday part of a name ("Black Friday", "Super Tuesday")
WEEKDAY_NAME_WORDS = words("Black Good Super Cyber Ash Bloody Holy Maundy Easter Palm")
# words after a weekday that make it a name ("the Sunday Times")
WEEKDAY_NAME_TAILS = words("Times Telegraph Express Mirror Post Herald Tribune School school")
# capitalised words that may stand right before a year without fusing it into a name
YEAR_LEADS = words(
    """In Since By Until Till From During Through Before After Around Circa Between And Or
    Of For To At As On The A An Early Late Mid Also But Then Only Even Not"""
)
# words after a four-digit number that make it a count or a measure, not a year
COUNT_NOUNS = words(
    """people persons men women children kids troops soldiers deaths dead cases patients
    votes voters workers jobs homes houses households families students members units
    km kilometers kilometres miles meters metres feet ft kg kilograms tons tonnes pounds
    acres hectares calories mg ml rupees dollars euros yen yuan points shares barrels
    hours minutes seconds days weeks months years"""
)
# the last word of a hedge before a number ("more than", "at least", "up to", "nearly")
QUALIFIER_TAILS = words("than least most up nearly almost approximately roughly")
# prepositions that may stand before a bare month name ("in June", "since October")
MONTH_LEADS = words(
    """in since by until till through from during of for to before after last this next that
    early mid late the a an and or between around"""
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, escaped, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def capitalisable(words: Iterable[str]) -> str:
    """Like `alternation`, but each word may also start with a capital (sentence start)."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in
                    sorted(set(words), key=lambda w: (-len(w), w))).replace(r"\ ", r"\s+")
