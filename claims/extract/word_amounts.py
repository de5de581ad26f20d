"""Amounts written as words alone: ordinals, fractions, multipliers, vague amounts, set phrases.

Each finder gets the candidate word matched by the scanner in `quantities.py` and decides
from the words around it whether it is an amount here ("a third of voters" is a fraction,
"a third Palestinian" an ordinal, "double standard" nothing).
"""

from __future__ import annotations

import re

from claims.extract.context import (
    at_sentence_start,
    counted_noun,
    is_function_word,
    last_word,
    noun_group,
    noun_phrase,
    previous_word,
    words_before,
)
from claims.extract.lexicon import squeeze, words_of
from claims.extract.money import WORD_PATTERN, word_currency
from claims.extract.numbers import (
    ORDINAL_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    as_number,
    fraction_percent,
    ordinal_value,
)
from claims.extract.qualifiers import qualifier_before, qualifier_of
from claims.extract.types import Mention
from claims.extract.units import measure_unit, singular

_SP = "[ \u00a0]"
_HYPHEN = "[-\u2011]"

# Set phrases: (kind, value, unit). "a quarter-point" keeps its article out of the surface.
PHRASES: dict[str, tuple[str, float, str]] = {
    "quarter-point": ("measure", 0.25, "percentage point"),
    "a quarter-point": ("measure", 0.25, "percentage point"),
    "half-point": ("measure", 0.5, "percentage point"),
    "three-quarter-point": ("measure", 0.75, "percentage point"),
    "a half-point": ("measure", 0.5, "percentage point"),
    "quarter-percentage-point": ("measure", 0.25, "percentage point"),
    "half-percentage-point": ("measure", 0.5, "percentage point"),
    "quarter of a percentage point": ("measure", 0.25, "percentage point"),
    "half a percentage point": ("measure", 0.5, "percentage point"),
    "half point": ("measure", 0.5, "percentage point"),
    "a half point": ("measure", 0.5, "percentage point"),
    "quarter point": ("measure", 0.25, "percentage point"),
    "a quarter point": ("measure", 0.25, "percentage point"),
    "full percentage point": ("measure", 1, "percentage point"),
    "a full percentage point": ("measure", 1, "percentage point"),
    "three-quarters of a percentage point": ("measure", 0.75, "percentage point"),
    "three quarters of a percentage point": ("measure", 0.75, "percentage point"),
    "a quarter century": ("measure", 25, "year"), "a quarter-century": ("measure", 25, "year"),
    "half a century": ("measure", 50, "year"), "a half-century": ("measure", 50, "year"),
    "half an hour": ("measure", 0.5, "hour"),
    # minor coins in whole currency units, as "72 cents" is 0.72 USD
    "half a cent": ("money", 0.005, "USD"), "half a penny": ("money", 0.005, "GBP"),
}
MULTIPLIERS = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4,
    "quadrupling": 4, "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5,
    "tenfold": 10, "twice": 2,
}
VAGUE = (
    "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "scores",
    "tens of thousands", "tens of millions", "tens of billions", "hundreds of thousands",
    "hundreds of millions", "hundreds of billions", "thousands of millions",
)
VAGUE_TIME = ("decades", "years", "months", "weeks", "days", "hours", "centuries")
A_UNITS = ("a decade", "a century", "a year", "a month", "a week", "a fortnight", "a day",
           "an hour", "a minute")
# "a decade and a half", "an hour and a half": one and a half of each unit above
for _one in A_UNITS:
    _unit, _factor = measure_unit(_one.split()[-1]) or ("year", 1)
    PHRASES[f"{_one} and a half"] = ("measure", 1.5 * _factor, _unit)
FRACTIONS = ("half", "a half", "a third", "one-third", "one third", "two-thirds", "two thirds",
             "a quarter", "one-quarter", "three-quarters", "three quarters", "a fifth",
             "one-fifth", "two-fifths", "three-fifths", "four-fifths", "a tenth", "one-tenth")
ORDINALS = list(ORDINAL_WORDS) + [
    f"{tens}{sep}{unit}" for tens in TENS_WORDS for sep in ("-", "")
    for unit in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth")
]

_OF_AFTER = re.compile(rf"[\"\u201d]?{_SP}+of\b")  # a closing mark may come between: "dozens" of
_VAGUE_MONEY = re.compile(rf"{_SP}+of{_SP}+(?P<word>(?i:{WORD_PATTERN}))\b")
COMPARATIVE = re.compile(
    rf"{_SP}+(?:more|less|fewer|higher|lower|larger|bigger|greater|smaller|faster|slower|as|the|"
    r"that|its|their|his|her|over|longer|shorter|stronger|likelier|likely|worse|better|nearer|"
    r"closer|farther|further|deeper|heavier|cheaper|wider|richer|poorer|deadlier)\b"
)
_MULTIPLIER_NEXT = re.compile(
    rf"{_SP}+(?:the|that|its|their|his|her|from|to|in|since|over|compared|as|what|last|"
    r"\$|€|£|\d)|[.,;:)]|\s*$"
)
_FRACTION_NEXT = re.compile(
    rf"{_SP}+(?:of|that|the|its|their|his|her|all|those|these|our|my|your|them|this)\b"
)
# what may follow the size of a change ("fell by a third." "by half since 2019")
_CHANGE_END = re.compile(
    rf"[.,;:)\u201d]|{_SP}*$|{_SP}+(?:in|since|from|to|over|compared|last|this|between|during|"
    r"after|before|on|and|or|while|as|within|year|month)\b"
)
_AFTER_ORDINAL = re.compile(
    rf"(?:{_HYPHEN}(?P<joined>[^\W_]+))?(?P<run>(?:{_SP}+[^\W_][\w\u2011’'-]*){{1,4}})?"
)
_NOT_RANKED = frozenset({"half", "quarter", "quarters"})
# what follows "first" used as a noun: "in another first, ...", "another first for the team"
_NOUN_USE_NEXT = re.compile(rf"[,.;:]|{_SP}+(?:since|for|in|of|as|when)\b")
# a verb in the past participle or past after "first": "was first identified", "first tested"
_PARTICIPLE_NEXT = re.compile(
    rf"{_SP}+(?!(?:exc|proc|succ|ind|sp|br)eed\b)(?:[a-z]{{3,}}ed|began|begun|came|met|saw|seen|took|taken|won|became|made|"
    r"found|held|ran|went|gone|built|brought|spoke|spoken|wrote|written|appeared)\b"
)
_FREQUENCY_NEXT = re.compile(rf"{_SP}+(?:a|an|every|per|each)\b")
_ANCHORED_TIME = re.compile(
    rf"(?:{_SP}+|{_HYPHEN})(?:ago|later|earlier|before|after|prior|previously|from now|back)\b"
)
_NAME_WORDS = words_of(
    """Amendment Circuit District Airborne Division Fleet Army Corps Street Avenue Precinct
    Congress Parliament Dynasty Regiment Brigade Battalion Infantry Ward Republic"""
)
DETERMINERS = words_of("the a an his her its their our my your this that whose these those")
_NUMBER_WORD_SET = frozenset(UNIT_WORDS) | frozenset(TENS_WORDS) | {"dozen", "hundred"}
_NOT_ORDINAL_UNITS = words_of(
    "largest biggest highest lowest most ever best worst longest busiest place"
)
_VAGUE_TIME_BLOCKERS = words_of(
    """recent past coming last next those these the many several few some early late following
    within in"""
)
_VAGUE_TIME_LEADS = words_of(
    "for take takes took taking taken last lasts lasted spent spend wait waited"
)
_A_UNIT_LEADS = words_of("for in within than spent took lasted just only nearly")
_ADJECTIVES = words_of(
    """foreign major minor new big large small full top real official international national
    public private local main key single common modern old young high low long short great
    whole black white female male big full few last next only other own same such formal
    ever full-time part-time straight successive consecutive"""
)
_ADJECTIVE_ENDINGS = ("al", "ic", "ed", "ous", "ive", "ful", "ian", "ese", "ish", "ary", "est",
                      "ble", "ern", "less")
_FRACTION_BLOCKERS = words_of("first second last latter back front other in")


def phrase(text: str, start: int, end: int, floor: int) -> Mention:
    """A set phrase such as "quarter-point" or "half a century"."""
    word = squeeze(text[start:end])
    kind, value, unit = PHRASES[word]
    surface_start = start + (2 if word.startswith("a ") and word.endswith("point") else 0)
    return Mention(kind, text[surface_start:end], surface_start, end, as_number(value), unit,
                   qualifier_before(text, start, floor) or "exact")


def multiplier(text: str, start: int, end: int, floor: int, ceiling: int) -> Mention | None:
    """ "double", "tripled", "twice": a factor, or "twice" as a count of times."""
    word = squeeze(text[start:end])
    qualifier = qualifier_before(text, start, floor)
    if word == "twice":
        comparative = bool(COMPARATIVE.match(text, end, ceiling))
        kind, unit = ("measure", "factor") if comparative else ("count", "time")
        return Mention(kind, text[start:end], start, end, 2, unit, qualifier or "exact")
    if end < ceiling and text[end] in "-\u2011":
        return None
    if qualifier is None and not _MULTIPLIER_NEXT.match(text, end, ceiling):
        return None
    if previous_word(text, start, floor) in ("a", "the"):
        return None
    return Mention("measure", text[start:end], start, end, MULTIPLIERS[word], "factor",
                   qualifier or "exact")


def vague(text: str, start: int, end: int, floor: int, ceiling: int,
          fallback_unit: str | None) -> Mention | None:
    """ "dozens", "tens of thousands", "billions of dollars", "years of"."""
    word = squeeze(text[start:end])
    surface_end = end
    if word in VAGUE_TIME:
        if not _is_vague_time(text, start, end, floor, ceiling):
            return None
        unit: str | None = (measure_unit(word) or ("year", 1))[0]
    elif word == "scores" and not _OF_AFTER.match(text, end, ceiling):
        return None
    else:
        unit, surface_end = _vague_unit(text, end, ceiling, fallback_unit)
    return Mention("vague", text[start:surface_end], start, surface_end, None, unit, None)


def _is_vague_time(text: str, start: int, end: int, floor: int, ceiling: int) -> bool:
    previous = previous_word(text, start, floor)
    if previous in _VAGUE_TIME_BLOCKERS:
        return False
    if _OF_AFTER.match(text, end, ceiling):
        return True
    if end < ceiling and text[end] in "-\u2011":
        return text.startswith("long", end + 1)
    return previous in _VAGUE_TIME_LEADS


def _vague_unit(text: str, pos: int, ceiling: int,
                fallback_unit: str | None) -> tuple[str | None, int]:
    money = _VAGUE_MONEY.match(text, pos, ceiling)
    if money:
        return word_currency(money.group("word")) or "GBP", money.end()
    of = _OF_AFTER.match(text, pos, ceiling)
    if of:
        noun = counted_noun(noun_group(text, of.end(), ceiling))
        if noun:
            return noun, pos
    return fallback_unit or "person", pos


def a_unit(text: str, start: int, end: int, floor: int, ceiling: int) -> Mention | None:
    """ "for a decade", "at least a week", "a month-long course": one unit of time."""
    if text.startswith(("-long", "\u2011long"), end) and not text[end + 5:end + 6].isalpha():
        unit_start = start + len(text[start:end].split()[0]) + 1  # the article stays out
        unit, factor = measure_unit(squeeze(text[unit_start:end])) or ("year", 1)
        return Mention("measure", text[unit_start:end + 5], unit_start, end + 5,
                       as_number(factor), unit, "exact")
    qualifier = qualifier_before(text, start, floor)
    if qualifier is None and previous_word(text, start, floor) not in _A_UNIT_LEADS:
        return None
    if _ANCHORED_TIME.match(text, end, ceiling) or _OF_AFTER.match(text, end, ceiling):
        return None
    if end < ceiling and text[end] in "-\u2011":
        return None
    unit, factor = measure_unit(squeeze(text[start:end]).split()[-1]) or ("year", 1)
    return Mention("measure", text[start:end], start, end, as_number(factor), unit,
                   qualifier or "exact")


def fraction(text: str, start: int, end: int, floor: int, ceiling: int) -> Mention | None:
    """ "half", "two-thirds", "a quarter of": a share, as a percentage."""
    word = squeeze(text[start:end])
    qualifier = qualifier_before(text, start, floor)
    if previous_word(text, start, floor) in _FRACTION_BLOCKERS:
        return None
    if end < ceiling and text[end] in "-\u2011":
        return None
    hyphenated = "-" in word
    by = previous_word(text, start, floor) == "by" and bool(  # "fell by a third"
        _CHANGE_END.match(text, end, ceiling))
    if not (hyphenated or qualifier or by or _FRACTION_NEXT.match(text, end, ceiling)):
        return None
    value = fraction_percent(word)
    if value is None:
        return None
    return Mention("percent", text[start:end], start, end, as_number(value), "%",
                   qualifier or "exact")


def once(text: str, start: int, end: int, floor: int, ceiling: int) -> Mention | None:
    """ "at least once", "only once": a count of one time (not "once" meaning formerly)."""
    qualifier = qualifier_before(text, start, floor)
    if qualifier is None and previous_word(text, start, floor) not in ("only", "just"):
        return None
    if _FREQUENCY_NEXT.match(text, end, ceiling):
        return None  # "once a week", "once every 5,000 years"
    return Mention("count", text[start:end], start, end, 1, "time", qualifier or "exact")


def ordinal(text: str, start: int, end: int, floor: int, ceiling: int) -> Mention | None:
    """ "third term", "75th anniversary", "the first time": a rank and what is ranked."""
    value = ordinal_value(text[start:end])
    if value is None or (text[start].isupper() and not at_sentence_start(text, start, floor)):
        return None  # "Second World War", "First Lady"
    before = words_before(text, start, floor)
    if before[-1:] == ["very"]:
        before = before[:-1]  # "the very first"
    previous = last_word(before)
    if value == 1 and (previous == "another" and _NOUN_USE_NEXT.match(text, end, ceiling) or (
            previous not in DETERMINERS and _PARTICIPLE_NEXT.match(text, end, ceiling))):
        return Mention("ordinal", text[start:end], start, end, value, "time",
                       "exact")  # "in another first", "was first identified"
    if previous not in DETERMINERS and not previous.endswith(("’s", "'s")) and not (
            previous in ("and", "or") and any(ordinal_value(w) for w in before[-4:-1])):
        return None  # but "his second term and fourth election"
    after = _AFTER_ORDINAL.match(text, end, ceiling)
    joined = after.group("joined") if after else None
    words = after.group("run").split() if after and after.group("run") else []
    if not _ranks_something(joined, words):
        return None
    unit = _ordinal_unit(joined, words) or _unit_before_dash(before)
    return Mention("ordinal", text[start:end], start, end, value, unit,
                   qualifier_of(before) or "exact")


def _unit_before_dash(before: list[str]) -> str | None:
    """ "a two-day visit – his first to the Kremlin": the noun just before the dash."""
    if len(before) >= 3 and before[-2] in ("–", "—", "-", "--") and before[-3][-1:].isalpha():
        return singular(before[-3])
    return None


def _ranks_something(joined: str | None, words: list[str]) -> bool:
    """False for "the first half", "the first three months", "first-time buyers",
    "the 6th US Circuit", "the 82nd Airborne Division"."""
    following = (joined or (words[0] if words else "")).lower()
    if following in ("one", "ones"):
        return True  # "that third one": a pronoun for the noun ranked before
    if following in _NOT_RANKED or following[:1].isdigit() or following in _NUMBER_WORD_SET:
        return False
    if joined and joined.lower() == "time" and words:
        return False  # "first-time applications": a category, not a rank
    if joined or not words:
        return True
    if words[0] in _NAME_WORDS:
        return False
    if not (words[0][0].isupper() and len(words) > 1 and words[1][0].isupper()):
        return True
    return _noun_after_name(words) is not None  # "his 37th Grand Slam final"


def _noun_after_name(words: list[str]) -> str | None:
    """The common noun after a run of capitalised words: "Grand Slam final" -> "final"."""
    for word in words:
        if not word[0].isupper():
            return None if is_function_word(word) or not word.isalpha() else word
    return None


def _ordinal_unit(joined: str | None, words: list[str]) -> str | None:
    """The ranked noun: the first word of the noun phrase that is not an adjective."""
    if joined and joined.lower() not in _NOT_ORDINAL_UNITS:
        return singular(joined)
    if words[:1] in (["one"], ["ones"]):
        return None  # "that third one": the noun is named earlier
    if len(words) > 1 and words[0][0].isupper() and words[1][0].isupper():
        noun = _noun_after_name(words)
        return singular(noun) if noun else None
    kept = noun_phrase(words, limit=3)
    for index, word in enumerate(kept):
        if index + 1 < len(kept) and _looks_like_adjective(word):
            continue
        return singular(word)
    return None


def _looks_like_adjective(word: str) -> bool:
    lower = word.lower()
    return lower in _ADJECTIVES or lower.endswith(_ADJECTIVE_ENDINGS)
