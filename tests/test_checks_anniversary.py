"""Rule anniversary: an ordinal anniversary or 'N years since' against its start year."""

from __future__ import annotations

from claims.checks import CheckOptions
from tests.checks_support import findings_of

RULE = "anniversary"


def test_the_seed_nato_75th_fits_2024_from_the_table() -> None:
    assert findings_of("The summit marks the 75th anniversary of NATO.", rule=RULE) == []


def test_a_wrong_ordinal_against_the_table_is_an_error() -> None:
    [finding] = findings_of("The summit marks the 80th anniversary of NATO.", rule=RULE)
    assert (finding.stated, finding.expected) == (80, 75)


def test_a_founding_year_in_the_sentence_wins() -> None:
    [finding] = findings_of("The club celebrated its 60th anniversary, having been founded "
                            "in 1959.", rule=RULE)
    assert finding.expected == 65


def test_years_since_allow_one_year() -> None:
    assert findings_of("It is 30 years since the 1994 genocide.", rule=RULE) == []
    assert findings_of("It is 29 years since the 1994 genocide.", rule=RULE) == []
    [finding] = findings_of("It is 20 years since the 1994 genocide.", rule=RULE)
    assert finding.expected == 30


def test_a_desk_extends_the_table() -> None:
    body = "The festival marks the 40th anniversary of Ruritania Fest."
    assert findings_of(body, rule=RULE) == []
    options = CheckOptions(anniversaries={"Ruritania Fest": 1974})
    [finding] = findings_of(body, rule=RULE, options=options)
    assert finding.expected == 50
