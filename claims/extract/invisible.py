"""Invisible format characters inside figures: "4\u200b1 people" must still read as 41.

Zero-width spaces and joiners, the word joiner, soft hyphens, a stray byte order mark and
the bidirectional controls (marks, embeddings, overrides, isolates) are invisible on screen
but split a number for the finders. Extraction runs on the text without them, and every
offset is then mapped back to the text as given, so `text[start:end] == surface` still
holds there (the surface keeps the invisible character) and the stored body is untouched.
"""

from __future__ import annotations

import re

#: the invisible characters skipped by extraction
INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                       "\ufeff]")


class OffsetMap:
    """Offsets in the text without invisible characters → offsets in the original text."""

    def __init__(self, original: str) -> None:
        self.original = original
        pieces: list[str] = []
        self.positions: list[int] = []
        for index, char in enumerate(original):
            if not INVISIBLE.match(char):
                pieces.append(char)
                self.positions.append(index)
        self.positions.append(len(original))
        self.visible = "".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of `visible[start:end]` (invisible characters inside it kept)."""
        if end <= start:
            at = self.positions[start]
            return at, at
        return self.positions[start], self.positions[end - 1] + 1


def has_invisible(text: str) -> bool:
    return INVISIBLE.search(text) is not None
