"""Rule `currency_conversion`: an amount with its conversion beside it.

"€475,000 ($515,000)", "$65bn (£50.76bn)", "200 million yuan, or about $27.5 million": the
rate the two figures imply is set against the ECB reference rate of the publication date
(the nearest earlier business day). Tolerance (a fraction of the ECB rate): the desk's
setting (3% by default) plus the rounding of both stated figures (half their last digit,
relative) plus 2% when the conversion is hedged ("about"). Off by more than 10%: error;
otherwise warning. `stated` is the converted amount as written, `expected` the amount at the
ECB rate, `tolerance` the fraction used; the amount converted is the one whose rate
reads above 1 ("£40.76bn would be $52.3bn, not $65bn (implied rate 1.595, ECB 1.284 ...)").
Currencies the ECB does not publish, and articles without a publication date, are skipped
with a note; so are amounts dated in another year than the publication (they may have been
converted at that year's rate).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.checks import rates
from claims.checks.document import Document, between
from claims.checks.precision import relative_rounding, restate
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.types import Claim, Mention

RULE = "currency_conversion"
HEDGE_ALLOWANCE = 0.02
ERROR_ABOVE = 0.10
_HEDGE = r"(?:about|around|roughly|approximately|approx\.|some|nearly|almost|~)"
_JOIN = re.compile(
    rf"^\s*(?:[(\[]|,?\s*(?:or|equivalent\s+to|equal\s+to|worth|i\.e\.)|,?\s*—|,?\s*–)"
    rf"\s*(?:{_HEDGE}\s+)?$", re.IGNORECASE)


def pairs(document: Document, claim: Claim) -> Iterator[tuple[Mention, Mention]]:
    """Neighbouring amounts in two currencies joined as a conversion."""
    money = [m for m in claim.mentions if m.kind == "money"]
    for first, second in zip(money, money[1:], strict=False):
        if (first.unit and second.unit and first.unit != second.unit
                and first.value and second.value
                and _JOIN.match(between(document.text, first, second))):
            yield first, second


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    for claim in document.claims_with("money", at_least=2):
        for first, second in pairs(document, claim):
            reason = _why_not(document, claim, first, second)
            if reason:
                skipped.append(Skipped(RULE, reason, (first, second)))
                continue
            found = _compare(document, first, second, options)
            if isinstance(found, Skipped):
                skipped.append(found)
            elif found is not None:
                findings.append(found)
    return findings, skipped


def _why_not(document: Document, claim: Claim, first: Mention, second: Mention) -> str | None:
    for currency in (first.unit, second.unit):
        if currency and not rates.covered(currency):
            return f"{currency} is not among the ECB reference rates"
    if document.published is None:
        return "no publication date to take the ECB rate from"
    for currency in (first.unit, second.unit):
        if currency and (last := rates.last_day(currency)) < document.published - rates.STALE:
            return f"the ECB has published no {currency} rate since {last.isoformat()}"
    years = {m.date[:4] for m in document.dates(claim) if m.date}
    if years - {str(document.published.year)}:
        return "the amounts are dated " + ", ".join(sorted(years)) + ", not at publication"
    return None


def _compare(document: Document, first: Mention, second: Mention,
             options: CheckOptions) -> Finding | Skipped | None:
    assert document.published and first.unit and second.unit
    found = rates.rate_on(first.unit, second.unit, document.published)
    if found is None:
        return Skipped(RULE, "no ECB rate near the publication date", (first, second))
    rate, day = found
    base, quoted = (first, second) if rate >= 1 else (second, first)
    if rate < 1:  # quote the rate the way round that is above 1 ("1.284 USD/GBP")
        rate = 1 / rate
    implied = float(quoted.value or 0) / float(base.value or 1)
    tolerance = (options.currency_tolerance + relative_rounding(first)
                 + relative_rounding(second))
    if "approx" in (first.qualifier, second.qualifier):
        tolerance += HEDGE_ALLOWANCE
    off = implied / rate - 1
    if abs(off) <= tolerance:
        return None
    expected = float(base.value or 0) * rate
    message = (f"{base.surface} would be {restate(quoted, expected)}, not {quoted.surface} "
               f"(implied rate {implied:.4g}, ECB {rate:.4g} {quoted.unit}/{base.unit} on "
               f"{day.isoformat()}, off {abs(off):.0%})")
    severity = "error" if abs(off) > ERROR_ABOVE else "warning"
    return Finding(RULE, severity, message, (first, second), quoted.value or 0,
                   round(expected, 2), round(tolerance, 4))
