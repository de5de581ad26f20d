"""Quotations: every span inside quotation marks, with the person or body that said it.

Marks are read in one left-to-right pass per paragraph with a small stack, so nested
quotations (“… I said ‘enough,’ because …”) give both spans. Straight and curly, double
and single marks are handled; a single mark only opens at a word start and only closes
where no letter follows, so apostrophes (Modi’s, don’t, ’90s, O’Brien) are left alone.
A quotation that runs to the end of its paragraph without a closing mark is kept when the
next paragraph opens with a new mark (the newsroom way to continue a quotation).
Speakers and their cue words come from `claims.extract.attribution`.
"""

from __future__ import annotations

import re
from operator import attrgetter

from claims.extract.attribution import QuoteSpan, attribute_quotes
from claims.extract.types import Mention

_DOUBLE, _SINGLE = 0, 1
_EVENT_MARKS = ("\u201c", "\u201d", '"', "\u2018", "'")
# Characters after which a mark at a word start opens a quotation.
_OPENING_CONTEXT = frozenset(" \t\u00a0\n([{\u2014\u2013-/\u201c\u2018\"'")
_OPENING_MARKS = frozenset("\u201c\u201d\"\u2018'")
# Elisions that start with an apostrophe: ’90s, ‘em, ’til, rock ’n’ roll.
_START, _END = attrgetter("start"), attrgetter("end")
_ELISION = re.compile(r"(?:\d\d?s?|em|til|tis|twas|cause|n|bout|round)\b", re.IGNORECASE)


def find_quotes(text: str, start: int, end: int) -> list[Mention]:
    """Quote mentions in `text[start:end]`, sorted by offset; surface is the words inside the marks.

    Offsets index the whole `text`. Never raises on any `str`; runs in linear time.
    """
    spans = quote_spans(text, start, end)
    if not spans:
        return []
    found = attribute_quotes(text, start, end, spans)
    return [
        Mention("quote", text[span.start : span.end], span.start, span.end,
                speaker=said.speaker, speaker_cue=said.cue)
        for span, said in zip(spans, found, strict=True)
    ]


def quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Every quotation span in `text[start:end]`, sorted by start (outer before inner)."""
    spans: list[QuoteSpan] = []
    stack: list[tuple[int, int]] = []  # (kind, offset of the opening mark)
    para_start = para_end = start - 1
    for at in _mark_positions(text, start, end):
        if at > para_end:
            if stack:
                _close_paragraph(text, stack, spans, para_start, para_end, end)
                stack.clear()
            para_start = max(start, text.rfind("\n", start, at) + 1)
            para_end = text.find("\n", at, end)
            if para_end < 0:
                para_end = end
        mark = text[at]
        before = text[at - 1] if at > para_start else "\n"
        after = text[at + 1] if at + 1 < para_end else "\n"
        kind = _DOUBLE if mark in "\u201c\u201d\"" else _SINGLE
        # A closing mark: one of its kind is open, and it does not stand at a word start.
        if (
            stack
            and mark not in "\u201c\u2018"
            and (stack[-1][0] == kind or any(entry[0] == kind for entry in stack))
            and not (before.isspace() and not after.isspace() and mark != "\u2019")
            and (kind == _DOUBLE or (not after.isalnum() and not before.isspace()))
        ):
            while stack:
                entry_kind, opened = stack.pop()
                if entry_kind == kind:
                    if at > opened + 1 and not text[opened + 1 : at].isspace():
                        spans.append(QuoteSpan(opened + 1, at, opened, at, para_start))
                    break
        # An opening mark: followed by a word, at a word start (a single one not an elision).
        elif (
            mark in _OPENING_MARKS
            and not after.isspace()
            and (mark == "\u201c" or before in _OPENING_CONTEXT)
            and (
                kind == _DOUBLE
                or (before not in "\u2018'" and not _ELISION.match(text, at + 1, end))
            )
        ):
            if stack and stack[-1][0] == kind:
                stack.pop()  # the previous one never closed: a stray mark
            stack.append((kind, at))
    if stack:
        _close_paragraph(text, stack, spans, para_start, para_end, end)
    # By start, and outer before inner: two stable sorts, the second one by start.
    spans.sort(key=_END, reverse=True)
    spans.sort(key=_START)
    return spans


def _mark_positions(text: str, start: int, end: int) -> list[int]:
    """Offsets of the marks that may open or close, found with `str.find` (fast on any text).

    A right single mark (’) is mostly an apostrophe; it is only looked at after a left single
    mark, up to the end of that paragraph.
    """
    found: list[int] = []
    singles: list[int] = []
    for mark in _EVENT_MARKS:
        at = text.find(mark, start, end)
        while at >= 0:
            if mark not in "'\u2018":
                found.append(at)
            elif not (text[at - 1 : at].isalnum() and text[at + 1 : at + 2].isalnum()):
                found.append(at)  # not an apostrophe inside a word (don't)
                singles.append(at)
            at = text.find(mark, at + 1, end)
    searched_to = stop = start
    for opened in singles:
        if opened >= stop:  # a new paragraph: find its end once
            stop = text.find("\n", opened, end)
            stop = end if stop < 0 else stop
        at = text.find("\u2019", max(opened, searched_to), stop)
        while at >= 0:
            if not text[at + 1 : at + 2].isalnum():
                found.append(at)
            at = text.find("\u2019", at + 1, stop)
        searched_to = max(searched_to, stop)
    found.sort()
    return found


def _close_paragraph(text: str, stack: list[tuple[int, int]], spans: list[QuoteSpan],
                     para_start: int, para_end: int, end: int) -> None:
    """Keep an unclosed double quotation when the next paragraph opens with a mark."""
    kind, opened = stack[0]
    if kind != _DOUBLE:
        return
    stop = para_end
    while stop > opened + 1 and text[stop - 1].isspace():
        stop -= 1
    nxt = para_end
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if stop > opened + 1 and nxt < end and text[nxt] in "\u201c\u201d\"":
        spans.append(QuoteSpan(opened + 1, stop, opened, -1, para_start))
