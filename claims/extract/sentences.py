"""Sentence spans: paragraphs split at sentence ends, abbreviations and initials kept whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATION_WORDS = """
    mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj cmdr adm jr sr vs etc inc corp co
    ltd no nos fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft pp approx dept est
    u.s u.k u.n e.u a.m p.m e.g i.e d.c"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# The look-behind makes a run of stops match once from its first character, and the possessive
# quantifiers stop backtracking, so a megabyte of "...." is scanned in linear time.
_END = re.compile(
    r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019)\]]*+"
    r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])"
)
_PARAGRAPH = re.compile(r"[^\n]+")
_LONGEST_ABBREVIATION = 8


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    floor = max(0, dot - _LONGEST_ABBREVIATION)
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy"
    return word in _ABBREVIATIONS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield `(start, end)` of each sentence in `text[start:end]`, whitespace trimmed."""
    stop = len(text) if end is None else end
    for paragraph in _PARAGRAPH.finditer(text, start, stop):
        cursor = paragraph.start()
        for match in _END.finditer(text, paragraph.start(), paragraph.end()):
            if _is_abbreviation(text, match.start()):
                continue
            yield from _trimmed(text, cursor, match.end())
            cursor = match.end()
        yield from _trimmed(text, cursor, paragraph.end())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
