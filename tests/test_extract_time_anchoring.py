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
        ("She moved here three to five years ago.",
         [("three", "2021"), ("five years ago", "2019")]),
    ],
)
def test_years_ago_far_and_ranged(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates_in(text) == expected
