"""Rule percent_change: a stated change recomputed from its two figures."""

from __future__ import annotations

from tests.checks_support import findings_of, surfaces

RULE = "percent_change"


def test_from_to_with_a_wrong_drop_is_an_error() -> None:
    # 2.5m → 2m is a 20% drop, not 30%
    [finding] = findings_of("Sales fell from 2.5 million to 2 million, a 30% drop.", rule=RULE)
    assert finding.severity == "error"
    assert surfaces(finding) == ["2.5 million", "2 million", "30%"]
    assert (finding.stated, finding.expected) == (-30, -20)


def test_a_right_change_within_rounding_passes() -> None:
    # 2.5m → 2m is exactly 20%; 4.5bn → 5bn is 11.1%, "11%" rounds it
    assert findings_of("Sales fell from 2.5 million to 2 million, a 20% drop.", rule=RULE) == []
    assert findings_of("Exports were $5bn, up 11% from $4.5bn.", rule=RULE) == []


def test_up_from_form() -> None:
    # 4.5bn → 5bn is 11.1%, not 20%
    [finding] = findings_of("Exports were $5bn, up 20% from $4.5bn.", rule=RULE)
    assert finding.expected == 11.11


def test_the_wrong_direction_is_an_error() -> None:
    [finding] = findings_of("Visitors rose from 120,000 to 90,000, a 25% increase.", rule=RULE)
    assert "a fall of 25%" in finding.message


def test_points_written_as_percent_is_a_warning_naming_the_difference() -> None:
    # 4% → 5% is 1 point but a 25% rise
    [finding] = findings_of("Unemployment rose from 4% to 5%, a 1% increase.", rule=RULE)
    assert finding.severity == "warning"
    assert "percentage points" in finding.message and finding.expected == 25


def test_percentage_points_written_are_checked_as_points() -> None:
    assert findings_of("The rate rose from 4% to 5%, a rise of 1 percentage point.",
                       rule=RULE) == []


def test_a_percent_in_another_clause_is_not_read_as_the_change() -> None:
    assert findings_of("Sales fell from 2.5 million to 2 million; exports rose 30%.",
                       rule=RULE) == []
