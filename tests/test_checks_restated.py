"""Rule restated_figure: one toll stated twice with values that cannot both be right."""

from __future__ import annotations

from tests.checks_support import findings_of, surfaces

RULE = "restated_figure"


def test_at_least_then_a_higher_figure_is_consistent() -> None:
    assert findings_of("At least 41 people were killed. Officials said 44 people were killed.",
                       rule=RULE) == []


def test_more_than_then_a_lower_figure_is_an_error() -> None:
    [finding] = findings_of("More than 2,000 people were arrested. Police said 1,500 people "
                            "were arrested.", rule=RULE)
    assert surfaces(finding) == ["2,000", "1,500"]
    assert (finding.stated, finding.expected) == (1500, 2000)


def test_different_events_or_updates_are_not_compared() -> None:
    assert findings_of("At least 41 people were killed. 12 people were injured.",
                       rule=RULE) == []
    assert findings_of("At least 41 people were killed. The toll later rose to 30 people "
                       "killed.", rule=RULE) == []


def test_figures_of_different_dates_are_not_compared() -> None:
    assert findings_of("In 2022, 300 people were killed. In 2023, 500 people were killed.",
                       rule=RULE) == []
