"""Re-anchoring quoted words into a revised text: words in, placements out (no database).

Each anchor is the W3C TextQuoteSelector idea: the exact words, where they stood, and a
short prefix and suffix. `place_all` puts every anchor into the new text, in this order:

1. the same words at the same offsets;
2. the same words elsewhere: of several occurrences, the one whose prefix and suffix agree
   best with the stored ones, then the one nearest the old place;
3. an approximate match (rapidfuzz `partial_ratio_alignment`): the words with their prefix
   and suffix locate a region, the words alone are aligned inside it and must score at
   least FUZZY_THRESHOLD (0-100); the span is then widened to whole words, or snapped to a
   sentence of the new text that it mostly covers.

Spans found by steps 1-2 are masked before step 3, so an edited sentence is never matched
onto a neighbour that kept its words. None means the words are gone from the new text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rapidfuzz import fuzz

FUZZY_THRESHOLD = 80.0
#: a sentence and an approximate span that cover this share of each other are the same span
SNAP_SHARE = 0.6
MASK = "\x00"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Words as they stood in the old text."""

    text: str
    start: int
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor's words stand in the new text; `how` is same, elsewhere or approximate."""

    start: int
    end: int
    how: str
    score: float = 100.0


def place_all(anchors: Sequence[Anchor], body: str,
              sentences: Sequence[tuple[int, int]] = ()) -> list[Placement | None]:
    """Each anchor placed in `body` (None: not found), in the order given.

    `sentences` are (start, end) spans of the new text that an approximate match may snap to
    (for example the sentences the extractor found in it).
    """
    placed: list[Placement | None] = [place_same(anchor, body) for anchor in anchors]
    taken = {(p.start, p.end) for p in placed if p is not None}
    for index, anchor in enumerate(anchors):
        if placed[index] is None and (found := place_elsewhere(anchor, body, taken)):
            placed[index] = found
            taken.add((found.start, found.end))
    masked = mask(body, [(p.start, p.end) for p in placed if p is not None])
    for index, anchor in enumerate(anchors):
        if placed[index] is None:
            found = place_approximately(anchor, masked, sentences)
            placed[index] = found
            if found is not None:
                masked = mask(masked, [(found.start, found.end)])
    return placed


def place_exactly(anchor: Anchor, body: str) -> Placement | None:
    """Steps 1 and 2: the same words at the same place, else the best other occurrence."""
    return place_same(anchor, body) or place_elsewhere(anchor, body)


def place_same(anchor: Anchor, body: str) -> Placement | None:
    """Step 1: the same words at the same offsets."""
    if anchor.text and body.startswith(anchor.text, anchor.start):
        return Placement(anchor.start, anchor.start + len(anchor.text), "same")
    return None


def place_elsewhere(anchor: Anchor, body: str,
                    taken: AbstractSet[tuple[int, int]] = frozenset()) -> Placement | None:
    """Step 2: the occurrence (not `taken` by other anchors with the same words) whose context
    agrees best, then the nearest."""
    length = len(anchor.text)
    starts = [at for at in occurrences(body, anchor.text) if (at, at + length) not in taken]
    if not starts:
        return None
    best = max(starts, key=lambda at: (context_agreement(anchor, body, at),
                                       -abs(at - anchor.start)))
    return Placement(best, best + length, "elsewhere")


def occurrences(body: str, words: str) -> list[int]:
    starts, at = [], body.find(words)
    while at != -1:
        starts.append(at)
        at = body.find(words, at + 1)
    return starts


def context_agreement(anchor: Anchor, body: str, at: int) -> int:
    """How many characters of the stored prefix (read backwards) and suffix agree at `at`."""
    before = body[max(0, at - len(anchor.prefix)):at]
    after_start = at + len(anchor.text)
    after = body[after_start:after_start + len(anchor.suffix)]
    return (len(os.path.commonprefix([before[::-1], anchor.prefix[::-1]]))
            + len(os.path.commonprefix([after, anchor.suffix])))


def mask(body: str, spans: Sequence[tuple[int, int]]) -> str:
    """`body` with `spans` blanked out (same length, so offsets keep their meaning)."""
    if not spans:
        return body
    parts, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            parts.append(body[at:start])
        if end > at:
            parts.append(MASK * (end - max(start, at)))
            at = end
    parts.append(body[at:])
    return "".join(parts)


def place_approximately(anchor: Anchor, body: str,
                        sentences: Sequence[tuple[int, int]] = ()) -> Placement | None:
    """Step 3: the region the words with their context align to, then the words in it."""
    if not anchor.text.strip():
        return None
    context = fuzz.partial_ratio_alignment(anchor.prefix + anchor.text + anchor.suffix, body)
    if context is None:
        return None
    pad = len(anchor.text)
    low = max(0, context.dest_start - pad)
    region = body[low:context.dest_end + pad]
    found = fuzz.partial_ratio_alignment(anchor.text, region, score_cutoff=FUZZY_THRESHOLD)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = whole_words(body, low + found.dest_start, low + found.dest_end)
    start, end = snapped(start, end, sentences)
    if end <= start or body.count(MASK, start, end) * 2 > end - start:
        return None
    return Placement(start, end, "approximate", round(found.score, 2))


def whole_words(body: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words and trimmed of surrounding white space."""
    while start > 0 and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum() and body[end - 1].isalnum():
        end += 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def snapped(start: int, end: int, sentences: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The sentence that covers most of the span, when each covers most of the other."""
    best, best_overlap = (start, end), 0
    for s_start, s_end in sentences:
        overlap = min(end, s_end) - max(start, s_start)
        if (overlap > best_overlap and overlap >= SNAP_SHARE * (end - start)
                and overlap >= SNAP_SHARE * (s_end - s_start)):
            best, best_overlap = (s_start, s_end), overlap
    return best
