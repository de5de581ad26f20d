"""Rule date_after_publication: past-tense events dated after publication."""

from __future__ import annotations

from tests.checks_support import findings_of, surfaces

RULE = "date_after_publication"


def test_a_past_event_after_publication_is_an_error() -> None:
    [finding] = findings_of("The bridge collapsed in August 2024, killing two.", rule=RULE)
    assert surfaces(finding) == ["August 2024"]
    assert (finding.stated, finding.expected) == ("2024-08", "2024-07-08")


def test_future_plans_and_past_dates_are_fine() -> None:
    assert findings_of("The bridge will reopen in August 2024.", rule=RULE) == []
    assert findings_of("He said the bridge is expected to reopen in 2025.", rule=RULE) == []
    assert findings_of("The bridge collapsed in June 2024.", rule=RULE) == []


def test_a_year_after_publication() -> None:
    [finding] = findings_of("The company was founded in 2026 by two engineers.", rule=RULE)
    assert finding.stated == "2026"
