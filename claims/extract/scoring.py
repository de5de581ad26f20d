"""Claim kind and check-worthiness: what a claim sentence is about and how much it deserves a check.

The score is a readable heuristic, not a model: a base by the strongest kind of mention in the
claim, nudged up for hedged or converted figures and for a resolved date, with the reason spelt
out so a reviewer can see why a claim sits where it does in the queue.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from claims.extract.types import Mention

_HARM = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|die[ds]?|dying|injur(?:y|ies|ed|ing)|wound(?:s|ed)?|"
    r"casualt(?:y|ies)|fatalit(?:y|ies)|murder(?:s|ed)?|massacred?|slain|perish(?:ed)?|"
    r"drown(?:ed)?|missing|toll)\b",
    re.IGNORECASE,
)
# Every match of `_HARM` holds one of these in lower case, unless it uses one of the four
# characters outside ASCII that re.IGNORECASE matches to an ASCII letter (İ ı ſ K): a window
# with neither cannot match, which is much cheaper to see than to run the search.
_HARM_STEMS = ("kill", "dea", "die", "dying", "injur", "wound", "casualt", "fatalit", "murder",
               "massacre", "slain", "perish", "drown", "missing", "toll")
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_HARM_REACH = 80  # characters either side of a count where a killing word still counts
_PEOPLE_WORDS = """
    person people soldier civilian child children death body woman women man men journalist
    passenger victim patient worker student resident fighter migrant refugee survivor troop
    officer militant casualty fatality pilgrim miner protester hostage member player staff
    staffer crew police policeman villager family boy girl baby infant adult teen teenager
    doctor nurse medic paramedic pilot sailor driver prisoner detainee inmate tourist visitor"""
_PEOPLE = frozenset(_PEOPLE_WORDS.split())
# Nouns for people often end like these: reporter, correspondent, journalist, civilian, employee.
_PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eer")
_THINGS = frozenset(
    {"number", "order", "letter", "container", "computer", "water", "meter", "liter", "dollar"}
)
_SMALL_COUNT = 10
_NOTE_BONUS = {"with qualifier": 0.03, "with conversion": 0.05, "dated": 0.02,
               "in an attributed quote": 0.02}
_QUANTITIES = frozenset({"count", "money", "percent", "measure"})
_COUNTABLE = frozenset({"count", "vague"})
_FIGURES = frozenset({"casualty", "money", "statistic"})
_SHORT_QUOTE_WORDS = 4


class Assessment(NamedTuple):
    """A claim's kind, its check-worthiness in [0, 1] and the reason in a few words."""

    kind: str
    score: float
    reason: str


def assess_claim(text: str, start: int, end: int, mentions: list[Mention]) -> Assessment:
    """Kind, score and reason for the claim `text[start:end]` holding `mentions`."""
    kinds = {m.kind for m in mentions}
    kind, base, reason = _kind_and_base(text, start, end, mentions, kinds)
    return _assessment(kind, base, reason, _notes(kind, mentions, kinds))


@lru_cache(maxsize=512)
def _assessment(kind: str, base: float, reason: str, notes: tuple[str, ...]) -> Assessment:
    """The finished assessment; few combinations occur, so each is built once."""
    score = round(min(1.0, base + sum(_NOTE_BONUS[note] for note in notes)), 2)
    return Assessment(kind, score, _with_notes(reason, notes) if notes else reason)


def _with_notes(reason: str, notes: tuple[str, ...]) -> str:
    """A reason and its notes as a phrase: "money figure with qualifier and conversion, dated"."""
    features = [n.removeprefix("with ") for n in notes if n.startswith("with ")]
    others = [n for n in notes if not n.startswith("with ")]
    parts = [f"{reason} with {' and '.join(features)}" if features else reason, *others]
    return ", ".join(parts)


def _kind_and_base(
    text: str, start: int, end: int, mentions: list[Mention], kinds: set[str]
) -> tuple[str, float, str]:
    if kinds & _COUNTABLE and any(_is_casualty(text, start, end, m) for m in mentions):
        return "casualty", 0.9, "casualty count"
    if "money" in kinds:
        return "money", 0.8, "money figure"
    if "percent" in kinds:
        return "statistic", 0.75, "percentage"
    if "count" in kinds:
        if all(_is_small_count(m) for m in mentions if m.kind == "count"):
            return _small_count_or_quote(mentions, kinds)
        return "statistic", 0.65, "count"
    if "measure" in kinds:
        return "statistic", 0.55, "measured amount"
    return _kind_without_quantities(mentions, kinds)


def _small_count_or_quote(mentions: list[Mention], kinds: set[str]) -> tuple[str, float, str]:
    """An attributed quote is the point of its sentence rather than a small count beside it."""
    other = _kind_without_quantities(mentions, kinds)
    return other if other[0] == "quote" else ("statistic", 0.4, "small count")


def _kind_without_quantities(mentions: list[Mention], kinds: set[str]) -> tuple[str, float, str]:
    if "vague" in kinds and any(m.kind == "vague" and _is_currency(m.unit) for m in mentions):
        return "money", 0.5, "vague money amount"
    attributed = [m for m in mentions if m.kind == "quote" and m.speaker]
    if attributed:
        # At most `_SHORT_QUOTE_WORDS` pieces come back: enough to tell, without splitting it all.
        words = _SHORT_QUOTE_WORDS - 1
        if all(len(m.surface.split(None, words)) < _SHORT_QUOTE_WORDS for m in attributed):
            return "quote", 0.45, "short attributed quote"
        return "quote", 0.6, "attributed quote"
    if kinds & {"ordinal", "vague"}:
        return "statement", 0.35, "ordinal or vague amount"
    if "date" in kinds:
        if all(m.date is None for m in mentions if m.kind == "date"):
            return "date", 0.1, "vague date only"
        return "date", 0.3, "date only"
    if "quote" in kinds:
        return "statement", 0.1, "bare scare quote"
    return "statement", 0.2, "statement"


def _notes(kind: str, mentions: list[Mention], kinds: set[str]) -> tuple[str, ...]:
    """What makes a figure more checkable, each worth a small bonus (`_NOTE_BONUS`)."""
    notes: list[str] = []
    if kinds & _QUANTITIES:
        quantities = [m for m in mentions if m.kind in _QUANTITIES]
        if any(m.qualifier not in (None, "exact") for m in quantities):
            notes.append("with qualifier")
        if len({m.unit for m in quantities if m.kind == "money"}) > 1:
            notes.append("with conversion")
    if kind in _FIGURES:
        if "date" in kinds and any(m.kind == "date" and m.date for m in mentions):
            notes.append("dated")
        if "quote" in kinds and any(m.kind == "quote" and m.speaker for m in mentions):
            notes.append("in an attributed quote")
    return tuple(notes)


def _is_casualty(text: str, start: int, end: int, mention: Mention) -> bool:
    if mention.kind not in ("count", "vague") or not _counts_people(mention.unit):
        return False
    window_start = max(start, mention.start - _HARM_REACH)
    window_end = min(end, mention.end + _HARM_REACH)
    return _harm_between(text, window_start, window_end)


def _harm_between(text: str, start: int, end: int) -> bool:
    """`_HARM.search(text, start, end) is not None`, skipping the search where it must fail."""
    window = text[start:end]
    lowered = window.lower()
    if not any(stem in lowered for stem in _HARM_STEMS) and not any(
        char in window for char in _FOLDS_TO_ASCII
    ):
        return False
    return _HARM.search(text, start, end) is not None


def _is_small_count(mention: Mention) -> bool:
    """An exact count under ten ("the two nations"): rarely the point of a claim on its own."""
    exact = mention.qualifier in (None, "exact")
    return exact and isinstance(mention.value, int | float) and mention.value < _SMALL_COUNT


def _is_currency(unit: str | None) -> bool:
    """An ISO 4217 code such as "USD", the unit of "billions of dollars"."""
    return unit is not None and len(unit) == 3 and unit.isalpha() and unit.isupper()


def _counts_people(unit: str | None) -> bool:
    if unit is None:
        return True  # the noun is implied: "killed 41", "more than 60 injured"
    noun = unit.strip()
    if noun[:1].isupper():
        return True  # a demonym or a group: "Indian", "Palestinians"
    singular = noun.lower().removesuffix("s")
    if singular in _PEOPLE or noun.lower() in _PEOPLE:
        return True
    return singular.endswith(_PEOPLE_ENDINGS) and singular not in _THINGS
