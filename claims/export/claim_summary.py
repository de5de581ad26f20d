"""The words of a claim that ClaimReview's `claimReviewed` shows: those around the checked fact.

Google asks for a short summary of the claim, "less than 75 characters" so it does not wrap
on a phone. A claim sentence is often longer, and its start ("Mr. Modi landed on Monday,
just hours after…") is rarely what was checked. So the summary is built outwards from the
claim's key mentions — its figures first, else its dates, else its quotes — adding a word on
the left, then on the right, while it fits, with an ellipsis where words were left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

ELLIPSIS = "…"
FIGURES = ("count", "money", "percent", "measure", "ordinal", "vague")
_EDGE = " ,;:.-–—"
_WORD = re.compile(r"\S+")


def _focus(mentions: Sequence[dict[str, Any]], offset: int, length: int) -> list[tuple[int, int]]:
    """The key mentions' spans in the claim's text: figures, else dates, else anything."""
    spans = [(m["kind"], m["start"] - offset, m["end"] - offset) for m in mentions]
    spans = [(kind, start, end) for kind, start, end in spans if 0 <= start < end <= length]
    for wanted in (FIGURES, ("date",), None):
        chosen = sorted((s, e) for k, s, e in spans if wanted is None or k in wanted)
        if chosen:
            return chosen
    return []


def _render(text: str, words: list[tuple[int, int]], first: int, last: int) -> str:
    inner = " ".join(text[a:b] for a, b in words[first:last + 1])
    if last < len(words) - 1:
        inner = inner.rstrip(_EDGE) + ELLIPSIS
    if first > 0:
        inner = ELLIPSIS + inner.lstrip(_EDGE)
    return inner


def _grow(text: str, words: list[tuple[int, int]], first: int, last: int, limit: int) -> str:
    """Add words on the left, then the right, in turn, while the summary stays under limit."""
    left_open = right_open = True
    while left_open or right_open:
        if left_open:
            left_open = first > 0 and len(_render(text, words, first - 1, last)) < limit
            first -= left_open
        if right_open:
            right_open = (last < len(words) - 1
                          and len(_render(text, words, first, last + 1)) < limit)
            last += right_open
    return _render(text, words, first, last)


def summarise(text: str, mentions: Sequence[dict[str, Any]], offset: int,
              limit: int) -> str | None:
    """Under `limit` characters of `text` centred on its key mentions (whose offsets count
    from `offset`); None when the claim has no mention or one key mention alone is too long."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    spans = _focus(mentions, offset, len(text))
    if not spans:
        return None
    for start, end in ((spans[0][0], spans[-1][1]), spans[0]):
        inside = [i for i, (a, b) in enumerate(words) if a < end and b > start]
        if inside and len(_render(text, words, inside[0], inside[-1])) < limit:
            return _grow(text, words, inside[0], inside[-1], limit)
    return None
