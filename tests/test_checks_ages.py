"""Rule age_arithmetic: ages against birth years, and two ages of one person."""

from __future__ import annotations

from tests.checks_support import findings_of, surfaces

RULE = "age_arithmetic"


def test_two_ages_of_one_person() -> None:
    [finding] = findings_of("John Smith, 45, said he would run. The 47-year-old Smith left.",
                            rule=RULE)
    assert surfaces(finding) == ["45", "47-year-old"]


def test_same_age_twice_is_fine() -> None:
    assert findings_of("John Smith, 45, said he would run. The 45-year-old Smith left.",
                       rule=RULE) == []


def test_an_age_against_a_birth_year() -> None:
    # born 1979: 44 or 45 in 2024
    assert findings_of("Maria Lopez, 45, was born in 1979 in Madrid.", rule=RULE) == []
    assert findings_of("Maria Lopez, 44, was born in 1979 in Madrid.", rule=RULE) == []
    [finding] = findings_of("Maria Lopez, 52, was born in 1979 in Madrid.", rule=RULE)
    assert (finding.stated, finding.expected) == (52, 45)


def test_different_people_are_not_compared() -> None:
    assert findings_of("John Smith, 45, met Ann Jones, 60, on Monday.", rule=RULE) == []
