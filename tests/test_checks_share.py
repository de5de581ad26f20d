"""Rule share_of_total: part, whole and percentage; parts and their stated total."""

from __future__ import annotations

from tests.checks_support import findings_of, surfaces

RULE = "share_of_total"


def test_part_of_whole_with_a_wrong_percentage() -> None:
    # 30 of 120 is 25%
    [finding] = findings_of("Of the 120 passengers, 30 (35%) were children.", rule=RULE)
    assert surfaces(finding) == ["120", "30", "35%"]
    assert (finding.stated, finding.expected) == (35, 25)


def test_part_of_the_whole_then_percentage() -> None:
    assert findings_of("Some 30 of the 120 passengers (25%) were children.", rule=RULE) == []
    [finding] = findings_of("Some 30 of the 120 passengers (40%) were children.", rule=RULE)
    assert finding.expected == 25


def test_percent_of_its_whole_or_part() -> None:
    # 12% of 2,500 is 300
    assert findings_of("The firm cut 12% of its 2,500 staff, or 300 jobs.", rule=RULE) == []
    assert findings_of("The firm cut 12% of its 2,500 staff, or 500 jobs.", rule=RULE)


def test_parts_with_their_total() -> None:
    assert findings_of("20 Indian and four Chinese soldiers, 24 in all, died.", rule=RULE) == []
    [finding] = findings_of("20 Indian and four Chinese soldiers, 26 in all, died.", rule=RULE)
    assert (finding.stated, finding.expected) == (26, 24)


def test_truncated_percentages_are_allowed() -> None:
    # 2 of 3 is 66.7%: "66%" truncates it
    assert findings_of("Of the 3 judges, 2 (66%) agreed.", rule=RULE) == []
