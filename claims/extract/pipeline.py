"""Text in, claims out: the order in which the finders run and how their results merge."""

from __future__ import annotations

from datetime import date

from claims.extract.dates import find_dates
from claims.extract.document import body_span
from claims.extract.grouping import group_claims
from claims.extract.quantities import find_quantities
from claims.extract.quotes import find_quotes
from claims.extract.types import Claim, Mention


def _overlaps(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in spans)


def extract_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every checkable mention in the body of `text`, sorted by offset.

    Dates win over quantities where they overlap ("2019" is a year, not a count);
    quotes may contain other mentions. Pure: no I/O, never raises on any `str`.
    """
    start, end = body_span(text)
    quotes = find_quotes(text, start, end)
    dates = find_dates(text, start, end, published)
    date_spans = [(d.start, d.end) for d in dates]
    quantities = [q for q in find_quantities(text, start, end) if not _overlaps(q, date_spans)]
    return sorted(quotes + dates + quantities, key=lambda m: (m.start, m.end))


def extract_claims(text: str, published: date | None = None) -> list[Claim]:
    """The claims in `text` (a whole file or a stored body), offsets into `text`."""
    start, end = body_span(text)
    return group_claims(text, extract_mentions(text, published), start, end)
