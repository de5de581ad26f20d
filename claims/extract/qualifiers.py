"""Hedging words next to a number and the qualifier they give it (exact, at_least, ...)."""

from __future__ import annotations

from claims.extract.context import words_before

_BEFORE = {
    "at_least": "at least|no fewer than|no less than|not less than|not fewer than|a minimum of|"
    "minimum of",
    "more_than": "more than|over|topped|tops|topping|surpassed|surpasses|surpassing|exceeded|"
    "exceeds|exceeding|exceed|higher than|greater than|above|upwards of|in excess of|north of|"
    "more then|beyond",
    "less_than": "less than|fewer than|below|under|lower than|less then|just shy of|short of|"
    "shy of",
    "up_to": "up to|as many as|as much as|as high as|as long as|as large as|as big as|"
    "as far as|at most|no more than|not more than|a maximum of|maximum of|within",
    "approx": "about|around|nearly|almost|roughly|some|approximately|approx.|estimated|"
    "an estimated|close to|circa|c.|just about|more or less|an approximate|approximate|"
    "the better part of|~",
}
_QUALIFIER_OF = {phrase: q for q, phrases in _BEFORE.items() for phrase in phrases.split("|")}
_LONGEST = max(len(phrase.split()) for phrase in _QUALIFIER_OF)
# Words between a hedge and its number that change nothing: "just over", "well over".
_FILLERS = frozenset({"just", "only", "well", "~"})
_OPENERS = "“\"‘'(["
_LAST_WORDS = frozenset({phrase.split()[-1] for phrase in _QUALIFIER_OF} | _FILLERS)
# For each last word, the lengths (in words) of the phrases ending with it, longest first.
_SIZES: dict[str, tuple[int, ...]] = {}
for _phrase in _QUALIFIER_OF:
    _last = _phrase.split()[-1]
    _SIZES[_last] = tuple(sorted({*_SIZES.get(_last, ()), len(_phrase.split())}, reverse=True))


def qualifier_before(text: str, start: int, floor: int) -> str | None:
    """The qualifier given by hedging words ending right at `start` ("nearly €475,000")."""
    if start > floor and text[start - 1] == "~":
        return "approx"
    return qualifier_of(words_before(text, start, floor))


def qualifier_of(words: list[str]) -> str | None:
    """The qualifier given by the lower-cased `words` that end right before a number."""
    if not words or words[-1].lstrip(_OPENERS) not in _LAST_WORDS:
        return None
    words = [word.lstrip(_OPENERS) for word in words[-_LONGEST - 1:]]
    while words and words[-1] in _FILLERS:
        words = words[:-1]
    if not words:
        return None
    count = len(words)
    for size in _SIZES.get(words[-1], ()):
        if size <= count:
            qualifier = _QUALIFIER_OF.get(" ".join(words[-size:]))
            if qualifier:
                return qualifier
    return None
