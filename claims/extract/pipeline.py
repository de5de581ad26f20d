"""Text in, claims out: the order in which the finders run and how their results merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from claims.extract.dates import find_dates
from claims.extract.document import body_span
from claims.extract.grouping import group_claims
from claims.extract.invisible import OffsetMap, has_invisible
from claims.extract.quantities import find_quantities
from claims.extract.quotes import find_quotes
from claims.extract.types import Claim, Mention


def _by_position(mention: Mention) -> tuple[int, int]:
    return mention.start, -mention.end


def _anchored(text: str, mentions: Iterable[Mention], start: int, end: int) -> list[Mention]:
    """Mentions inside the body whose surface is exactly the text at their offsets, sorted."""
    kept = [
        m for m in mentions
        if start <= m.start < m.end <= end and text[m.start : m.end] == m.surface
    ]
    return sorted(kept, key=_by_position)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Greedy by position: the earliest, then the longest, of overlapping mentions wins."""
    kept: list[Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _outside(mentions: list[Mention], blockers: list[Mention]) -> list[Mention]:
    """`mentions` that overlap none of `blockers`; both sorted, blockers disjoint (one sweep)."""
    kept = []
    index = 0
    for mention in mentions:
        while index < len(blockers) and blockers[index].end <= mention.start:
            index += 1
        if index == len(blockers) or blockers[index].start >= mention.end:
            kept.append(mention)
    return kept


def merge_mentions(
    text: str,
    span: tuple[int, int],
    *,
    quotes: Iterable[Mention],
    dates: Iterable[Mention],
    quantities: Iterable[Mention],
) -> list[Mention]:
    """The finders' mentions merged by the rules of `extract_mentions`, sorted by offset."""
    start, end = span
    kept_quotes = _anchored(text, quotes, start, end)
    kept_dates = _without_overlaps(_anchored(text, dates, start, end))
    kept_quantities = _anchored(text, quantities, start, end)
    kept_quantities = _without_overlaps(_outside(kept_quantities, kept_dates))
    return sorted(kept_quotes + kept_dates + kept_quantities, key=_by_position)


def _mentions_in(text: str, start: int, end: int, published: date | None) -> list[Mention]:
    return merge_mentions(
        text,
        (start, end),
        quotes=find_quotes(text, start, end),
        dates=find_dates(text, start, end, published),
        quantities=find_quantities(text, start, end),
    )


def extract_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every checkable mention in the body of `text`, sorted by offset.

    Merging rules: a mention must sit inside the body with `text[start:end] == surface`;
    dates win over quantities where they overlap ("2019" is a year, not a count); among
    overlapping dates, or overlapping quantities, the earliest and then longest wins; quotes
    may contain other mentions. Pure: no I/O, never raises on any `str`.
    """
    if has_invisible(text):
        offsets = OffsetMap(text)
        return [_restored(m, offsets) for m in extract_mentions(offsets.visible, published)]
    start, end = body_span(text)
    return _mentions_in(text, start, end, published)


def extract_claims(text: str, published: date | None = None) -> list[Claim]:
    """The claims in `text` (a whole file or a stored body), offsets into `text`.

    Claims come from the body only (`body_span`: no headline, no trailing boilerplate).
    Invisible format characters (zero-width, bidi controls) are skipped, offsets still
    index `text` (claims.extract.invisible).
    """
    if has_invisible(text):
        offsets = OffsetMap(text)
        return [_restored_claim(c, offsets) for c in extract_claims(offsets.visible, published)]
    start, end = body_span(text)
    return group_claims(text, _mentions_in(text, start, end, published), start, end)


def _restored(mention: Mention, offsets: OffsetMap) -> Mention:
    """`mention` found in the visible text, with its offsets and surface in the original."""
    start, end = offsets.span(mention.start, mention.end)
    return replace(mention, start=start, end=end, surface=offsets.original[start:end])


def _restored_claim(claim: Claim, offsets: OffsetMap) -> Claim:
    start, end = offsets.span(claim.start, claim.end)
    return replace(claim, start=start, end=end, text=offsets.original[start:end],
                   mentions=[_restored(m, offsets) for m in claim.mentions])
