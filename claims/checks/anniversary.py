"""Rule `anniversary`: "the Nth anniversary" or "N years since" against a known start year.

The start year comes from the same sentence ("founded in 1949", "since the 1994 genocide",
"of its 1949 founding") or, failing that, from a table of well-known ones shipped with the
package (`anniversaries.json`: NATO 1949, the UN 1945, ...) that a desk can extend in
settings; a sentence naming two table entries is left alone. The year of the anniversary is
the year of a date in the sentence, else the publication year. Tolerance: 0 years for an
ordinal anniversary (one year more allowed when the sentence looks ahead: "will mark", "next
year"), 1 year for "N years since/ago" (the month is rarely given). Off by more: an error.
`stated` and `expected` are numbers of years.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

from claims.checks.document import Document
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.types import Claim, Mention

RULE = "anniversary"
_START = re.compile(r"\b(?:founded|established|formed|created|set\s+up|launched|began|started|"
                    r"opened|built|signed|born|independence|founding|inception|since|in)\s*"
                    r"(?:in|on)?\s*(?:the\s+)?$", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:will|next|upcoming|ahead|to\s+mark|to\s+celebrate)\b",
                    re.IGNORECASE)
_SINCE = re.compile(r"\s*(?:years?\s+)?(?:since|after|ago)\b", re.IGNORECASE)


@cache
def shipped_table() -> dict[str, int]:
    """The anniversaries table shipped in the package: name → start year."""
    raw = resources.files("claims.checks").joinpath("anniversaries.json").read_text("utf-8")
    return {str(name): int(year) for name, year in json.loads(raw).items()}


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings = []
    table = {**shipped_table(), **options.anniversaries}
    for claim, mention in [*document.of_kind("ordinal"), *document.of_kind("measure")]:
        stated = _stated_years(document, mention)
        if stated is None:
            continue
        found = _compare(document, claim, mention, stated, table)
        if found is not None:
            findings.append(found)
    return findings, []


def _stated_years(document: Document, mention: Mention) -> str | None:
    """'ordinal' for "75th anniversary", 'since' for "30 years since", else None."""
    if mention.kind == "ordinal" and mention.unit == "anniversary":
        return "ordinal"
    if mention.kind == "measure" and mention.unit == "year" and \
            _SINCE.match(document.text, mention.end):
        return "since"
    return None


def _compare(document: Document, claim: Claim, mention: Mention, form: str,
             table: Mapping[str, int]) -> Finding | None:
    start = _start_year(document, claim, mention, table)
    year = _year_of(document, claim)
    if start is None or year is None or mention.value is None:
        return None
    start_year, source = start
    expected = year - start_year
    stated = int(mention.value)
    if form == "ordinal":
        allowed = (expected, expected + 1) if _AHEAD.search(claim.text) else (expected, expected)
        tolerance = allowed[1] - allowed[0]
    else:
        allowed, tolerance = (expected - 1, expected + 1), 1
    if allowed[0] <= stated <= allowed[1]:
        return None
    what = "the " + mention.surface + " anniversary" if form == "ordinal" else mention.surface
    message = f"{source} {start_year}: {year} makes {expected} years, not {what}"
    return Finding(RULE, "error", message, (mention,) + _start_mentions(claim, start_year),
                   stated, expected, tolerance)


def _start_mentions(claim: Claim, year: int) -> tuple[Mention, ...]:
    return tuple(m for m in claim.mentions if m.kind == "date" and m.date == str(year))[:1]


def _start_year(document: Document, claim: Claim, mention: Mention,
                table: Mapping[str, int]) -> tuple[int, str] | None:
    """The start year the sentence gives ("founded in 1949"), else one from the table;
    with the words a message names it by. "N years since the 1994 genocide" takes the year
    that follows."""
    following = [d for d in document.dates(claim) if d.date and len(d.date) == 4
                 and 0 <= d.start - mention.end <= 24]
    if mention.kind == "measure" and following:
        return int(following[0].date or 0), "from"
    for date in document.dates(claim):
        if date is mention or not date.date or len(date.date) != 4:
            continue
        lead = document.text[max(claim.start, date.start - 30):date.start]
        after = document.text[date.end:date.end + 12].lower().lstrip()
        if _START.search(lead) or after.startswith(("founding", "genocide", "war")):
            return int(date.date), "from"
    named = [(name, table[name]) for name in _names_in(tuple(table), claim.text)]
    if len({year for _, year in named}) != 1:
        return None
    return named[0][1], f"{named[0][0]} dates from"


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _names_in(names: tuple[str, ...], text: str) -> list[str]:
    """The table's names found in `text` (one compiled pattern per table)."""
    return list(dict.fromkeys(found.group() for found in _names_pattern(names).finditer(text)))


def _year_of(document: Document, claim: Claim) -> int | None:
    """The year the anniversary falls in: the publication year, or the next when the
    sentence names it ("next year marks ...")."""
    if document.published is None:
        return None
    year = document.published.year
    ahead = {m.date[:4] for m in document.dates(claim) if m.date} & {str(year + 1)}
    return year + 1 if ahead else year
