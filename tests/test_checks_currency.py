"""Rule currency_conversion: an amount and its conversion against the ECB rate of the day."""

from __future__ import annotations

from datetime import date

import pytest

from claims.checks import CheckOptions
from tests.checks_support import findings_of, report_of, surfaces

RULE = "currency_conversion"


def test_the_seed_pair_matches_the_ecb_rate_of_8_july_2024() -> None:
    # ECB 8 July 2024: 1 GBP = 1.2836 USD; 50.76 × 1.2836 = 65.16, within 3% of 65
    assert findings_of("Trade reached $65bn (£50.76bn) last year, officials said.",
                       rule=RULE) == []


def test_a_wrong_conversion_is_an_error_with_the_numbers() -> None:
    [finding] = findings_of("Trade reached £40.76bn ($65bn), officials said.", rule=RULE)
    # 40.76 × 1.2836 = 52.32bn, not 65bn: implied 1.595, off 24%
    assert finding.severity == "error"
    assert surfaces(finding) == ["£40.76bn", "$65bn"]
    assert finding.stated == 65_000_000_000
    assert finding.expected == pytest.approx(52.32e9, rel=1e-3)
    assert "$52.3bn" in finding.message and "not $65bn" in finding.message
    assert 0.03 < finding.tolerance < 0.05


def test_a_small_drift_is_a_warning() -> None:
    # 475,000 EUR × 1.0833 (ECB 8 July 2024) = 514,570 USD; 540,000 is 4.9% above
    [finding] = findings_of("The fine was €475,000 ($540,000), the court said.", rule=RULE)
    assert finding.severity == "warning"


def test_a_weekend_takes_the_friday_rate() -> None:
    # 6 July 2024 was a Saturday: the rate of Friday 5 July is used and named
    [finding] = findings_of("It cost €100 million ($140 million).", date(2024, 7, 6),
                            rule=RULE)
    assert "2024-07-05" in finding.message


def test_or_about_joins_a_conversion_and_hedges_widen_the_tolerance() -> None:
    # 200m CNY at 0.13754 USD/CNY (8 July 2024) = $27.5m
    assert findings_of("It paid 200 million yuan, or about $27.5 million.", rule=RULE) == []
    assert findings_of("It paid 200 million yuan, or about $37.5 million.", rule=RULE)


def test_a_currency_the_ecb_lacks_is_skipped_and_said_so() -> None:
    report = report_of("The budget is Tk 40 crore ($3.4m), the ministry said.")
    assert [f for f in report.findings if f.rule == RULE] == []
    [note] = report.skipped
    assert note.rule == RULE and "BDT" in note.reason


def test_the_tolerance_is_configurable() -> None:
    body = "The fine was €475,000 ($540,000), the court said."
    assert findings_of(body, rule=RULE, options=CheckOptions(currency_tolerance=0.06)) == []


def test_amounts_dated_another_year_are_skipped() -> None:
    report = report_of("In 2019 the fine was €475,000 ($715,000).")
    assert report.findings == [] and "2019" in report.skipped[0].reason
