"""Hedging words next to a number and the qualifier they give it (exact, at_least, ...)."""

from __future__ import annotations

import re

from claims.extract.lexicon import alternation, squeeze

_BEFORE = {
    "at_least": "at least|no fewer than|no less than|not less than|not fewer than|a minimum of",
    "more_than": "more than|over|just over|well over|topped|tops|topping|surpassed|surpasses|"
    "surpassing|exceeded|exceeds|exceeding|exceed|higher than|greater than|above|upwards of|"
    "in excess of|north of|more then",
    "less_than": "less than|fewer than|below|under|just under|lower than|less then|"
    "just shy of|short of",
    "up_to": "up to|as many as|as much as|as high as|as long as|as large as|as big as|as far as|"
    "at most|no more than|not more than|a maximum of",
    "approx": "about|around|nearly|almost|roughly|some|approximately|approx.|estimated|"
    "an estimated|close to|circa|just about|more or less|an approximate|approximate|"
    "the better part of",
}
_QUALIFIER_OF = {phrase: q for q, phrases in _BEFORE.items() for phrase in phrases.split("|")}

_QUALIFIER_BEFORE = re.compile(
    rf"(?i:(?<![^\W\d_])({alternation(_QUALIFIER_OF)})[ \u00a0]+(?:(?:just|only|well)[ \u00a0]+)?)"
    r"(?:~[ \u00a0]?)?\Z"
)
_TILDE = re.compile(r"~[ \u00a0]?\Z")
_QUALIFIER_AFTER = re.compile(
    r"[ \u00a0]+or[ \u00a0]+(?:(?P<more>more|greater|higher|above|over|longer)|(?P<so>so))\b"
    r"|(?P<plus>\+|[-\u2011]plus\b)"
)
_WINDOW = 32


def qualifier_before(text: str, start: int, floor: int) -> str | None:
    """The qualifier given by hedging words ending right at `start` ("nearly €475,000")."""
    window_start = max(floor, start - _WINDOW)
    match = _QUALIFIER_BEFORE.search(text, window_start, start)
    if match:
        return _QUALIFIER_OF.get(squeeze(match.group(1)))
    if _TILDE.search(text, max(floor, start - 2), start):
        return "approx"
    return None


def qualifier_after(text: str, end: int, ceiling: int) -> tuple[str | None, int]:
    """The qualifier given by "or more", "or so" or "+" right after `end`, and its end."""
    match = _QUALIFIER_AFTER.match(text, end, ceiling)
    if not match:
        return None, end
    if match.group("so"):
        return "approx", match.end()
    return "at_least", match.end()
