"""Sentence spans: paragraphs split at sentence ends, abbreviations and initials kept whole."""

from __future__ import annotations

import re

_ABBREVIATION_WORDS = """
    mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj cmdr adm jr sr vs etc inc corp co
    ltd no nos fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft pp approx dept est
    u.s u.k u.n e.u a.m p.m e.g i.e d.c"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# One pass over the text finds both kinds of boundary: a line break, or a run of stops (with
# closing quotes or brackets) followed on the same line by a capital or a digit. Every match
# starts with one character from a set, which lets the regex engine skip ahead fast; the
# look-behind makes a run of stops match only from its first character and the possessive
# quantifiers stop backtracking, so a megabyte of "...." is still scanned in linear time.
_STOPS = "[.!?\u2026]"
_BOUNDARY = re.compile(
    rf"[\n.!?\u2026](?:(?<=\n)\n*|(?<!{_STOPS}.){_STOPS}*+[\"'\u201d\u2019)\]]*+"
    r"(?=[^\S\n]+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f]))"
)
_LONGEST_ABBREVIATION = 8


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence in `text[start:end]`, whitespace trimmed, in order.

    Sentences never cross a line break: a paragraph, a subheading or a caption line is at
    least one sentence of its own.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    append = spans.append
    abbreviations = _ABBREVIATIONS
    cursor = start
    # `_is_abbreviation` and `_add_trimmed`, inlined: this loop runs once per sentence end.
    for boundary in _BOUNDARY.finditer(text, start, stop):
        at = boundary.start()
        mark = text[at]
        if mark == "\n":
            hi = at
        else:
            hi = boundary.end()
            if mark == "." and at and text[at - 1].isalpha():
                word_start = at - 1
                floor = at - _LONGEST_ABBREVIATION
                if floor < 0:
                    floor = 0
                while word_start > floor and (
                    text[word_start - 1].isalpha() or text[word_start - 1] == "."
                ):
                    word_start -= 1
                word = text[word_start:at].lower()
                if (len(word) == 1 and word.isalpha()) or word in abbreviations:
                    continue  # an initial ("John F. Kennedy") or an abbreviation ("Dr.")
        lo = cursor
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            append((lo, hi))
        cursor = boundary.end()
    _add_trimmed(spans, text, cursor, stop)
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():  # usually one space after a sentence end
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
