"""Counts, money, percentages, measures, ordinals and vague amounts in an article body.

One compiled regex finds every candidate in a single pass over the body (digits with an
optional currency sign, number words, ordinals, fractions, multipliers, vague amounts);
each candidate is then completed by a few anchored matches right around it (scale word,
unit, counted noun, hedging words). The whole scan is linear in the text's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.lexicon import alternation, squeeze
from claims.extract.money import (
    MINOR_WORDS,
    POUND_WORDS,
    SIGN_PATTERN,
    WORD_PATTERN,
    sign_currency,
    word_currency,
)
from claims.extract.numbers import (
    DIGITS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SCALE_GLUED,
    SCALE_SPACED,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    as_number,
    digits_value,
    fraction_percent,
    ordinal_value,
    words_value,
)
from claims.extract.qualifiers import qualifier_after, qualifier_before
from claims.extract.types import Mention
from claims.extract.units import TIME_UNITS, UNIT_PATTERN, is_plural, measure_unit, singular

_SP = "[ \u00a0]"
_HYPHEN = "[-\u2011]"

# Fixed phrases: (kind, value, unit). Values of time phrases are in the unit given.
_PHRASES: dict[str, tuple[str, float | None, str | None]] = {
    "quarter-point": ("measure", 0.25, "percentage point"),
    "a quarter-point": ("measure", 0.25, "percentage point"),
    "a half-point": ("measure", 0.5, "percentage point"),
    "half-point": ("measure", 0.5, "percentage point"),
    "quarter-percentage-point": ("measure", 0.25, "percentage point"),
    "half-percentage-point": ("measure", 0.5, "percentage point"),
    "quarter of a percentage point": ("measure", 0.25, "percentage point"),
    "half a percentage point": ("measure", 0.5, "percentage point"),
    "a quarter century": ("measure", 25, "year"), "a quarter-century": ("measure", 25, "year"),
    "half a century": ("measure", 50, "year"), "a half-century": ("measure", 50, "year"),
    "half an hour": ("measure", 0.5, "hour"), "a year and a half": ("measure", 1.5, "year"),
    "an hour and a half": ("measure", 1.5, "hour"),
}
_MULTIPLIERS = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4,
    "quadrupling": 4, "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5,
    "tenfold": 10, "twice": 2,
}
_VAGUE = (
    "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "scores",
    "tens of thousands", "tens of millions", "tens of billions", "hundreds of thousands",
    "hundreds of millions", "hundreds of billions", "thousands of millions",
)
_VAGUE_TIME = ("decades", "years", "months", "weeks", "days", "hours", "centuries")
_A_UNITS = ("a decade", "a century", "a year", "a month", "a week", "a fortnight", "a day",
            "an hour", "a minute", "a second")
_FRACTIONS = ("half", "a half", "a third", "one-third", "one third", "two-thirds", "two thirds",
              "a quarter", "one-quarter", "three-quarters", "three quarters", "a fifth",
              "one-fifth", "two-fifths", "three-fifths", "four-fifths", "a tenth", "one-tenth")
_ORDINALS = list(ORDINAL_WORDS) + [
    f"{tens}{sep}{unit}" for tens in TENS_WORDS for sep in ("-", "")
    for unit in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth")
]
_WORD_STARTS = (
    list(UNIT_WORDS) + list(TENS_WORDS) + ["a dozen", "a hundred", "a thousand", "a million",
                                           "a billion", "a trillion", "half a", "once"]
    + list(_PHRASES) + list(_MULTIPLIERS) + list(_VAGUE) + list(_VAGUE_TIME) + list(_A_UNITS)
    + list(_FRACTIONS) + _ORDINALS
)

_CANDIDATE = re.compile(
    r"(?P<skip>\d{4}-\d\d(?:-\d\d)?\b|\d{1,2}:\d\d|\d+(?:/\d+)+|\d+(?:\.\d+){2,})"
    r"|(?P<ordnum>\d+(?:st|nd|rd|th))\b"
    rf"|(?:(?P<sign>(?i:{SIGN_PATTERN})){_SP}?)?(?P<digits>{DIGITS})"
    rf"|\b(?P<word>(?i:{alternation(_WORD_STARTS)}))(?![^\W_])"
)
_NUMBER_PHRASE = re.compile(rf"(?i:{NUMBER_WORDS})(?![^\W_])")
_SCALE_TAIL = re.compile(
    rf"(?:(?P<glued>(?i:{alternation(SCALE_GLUED)}))|{_SP}+(?P<spaced>(?i:{alternation(SCALE_SPACED)})))"
    r"(?![^\W_])"
)
_PERCENT_TAIL = re.compile(rf"{_SP}?%|{_SP}*(?i:per{_SP}?cent|percent|pct)\b|pc\b")
_CURRENCY_TAIL = re.compile(rf"{_SP}+(?P<word>(?i:{WORD_PATTERN}))\b")
_UNIT_TAIL = re.compile(
    rf"(?P<sep>{_SP}?|{_HYPHEN})(?P<unit>(?i:{UNIT_PATTERN}))(?![^\W_])"
    rf"(?P<old>{_HYPHEN}old\b|{_SP}+old\b)?"
)
_HYPHEN_NOUN = re.compile(rf"{_HYPHEN}(?P<noun>[^\W\d_][^\W_]*)")
_NEXT_WORD = re.compile(rf"{_SP}+(?P<word>[^\W_][\w\u2011’'-]*)")
_OF_REFERENCE = re.compile(rf"{_SP}+of{_SP}+(?:whom|them|those|these|which)\b")
_ANCHORED_TIME = re.compile(
    rf"(?:{_SP}+|{_HYPHEN})(?:ago|later|earlier|before|after|prior|previously|since|from now|back)\b"
)
_SECURITY_NEXT = re.compile(
    rf"{_SP}+(?:(?:US|U\.S\.|German|Japanese|UK|British|Italian|French|government){_SP}+)?"
    r"(?:yields?|notes?|bonds?|Treasury|Treasuries|treasury|treasuries|gilts?|bunds?|"
    r"fixed-rate|mortgages?|T-notes?|paper)\b"
)
_OF_AFTER = re.compile(rf"{_SP}+of\b")
_VAGUE_MONEY = re.compile(rf"{_SP}+of{_SP}+(?P<word>(?i:{WORD_PATTERN}))\b")
_COMPARATIVE = re.compile(
    rf"{_SP}+(?:more|less|fewer|higher|lower|larger|bigger|greater|smaller|faster|slower|as|the|"
    r"that|its|their|his|her|over|longer|shorter|stronger|likelier|likely|worse|better)\b"
)
_MULTIPLIER_NEXT = re.compile(
    rf"{_SP}+(?:the|that|its|their|his|her|from|to|in|since|over|compared|as|what|last|"
    r"\$|€|£|\d)|[.,;:)]|\s*$"
)
_FRACTION_NEXT = re.compile(
    rf"{_SP}+(?:of|that|the|its|their|his|her|all|those|these|our|my|your|them|this)\b"
)
_ORDINAL_SKIP_NEXT = re.compile(
    rf"(?:{_SP}+|{_HYPHEN})(?:half|quarter|quarters|time{_SP}+(?:buyers?|applications?|"
    r"applicants?|voters?|homebuyers?|claims?|offenders?)|\d)"
)
_FIRST_TIME = re.compile(rf"{_HYPHEN}time\b")
_MONTH_NEAR = re.compile(
    rf"(?:{_SP}|^)(?:January|February|March|April|May|June|July|August|September|October|"
    rf"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?{_SP}*\Z"
)
_MONTH_AFTER = re.compile(
    rf"{_SP}*(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
_CLOCK_AFTER = re.compile(
    rf"{_SP}*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|BST\b|ET\b|EST\b|EDT\b|PT\b|o[’']clock)"
)
_PREVIOUS_WORD = re.compile(r"(?P<word>[^\s]+)\s+\Z")
_SENTENCE_BREAK = frozenset(".!?:;\"“”‘’'(—–-#*\n")
_CONTEXT_UNIT_BEFORE = re.compile(
    rf"(?i:(?P<unit>BMI|category|magnitude|aged|ages?|age{_SP}+of)){_SP}+(?:(?:was|is|of|"
    rf"higher{_SP}+than|lower{_SP}+than|above|below|over|under|between){_SP}+)*\Z"
)
_AGE_GROUP = re.compile(
    rf"(?i:\b(?:people|persons|adults|men|women|children|kids|patients|those|anyone|"
    rf"individuals|participants|teens|voters){_SP}+(?:under|over|above|below|younger{_SP}+than|"
    rf"older{_SP}+than){_SP}+\Z)"
)
_TOLL = re.compile(r"(?i:death toll|toll)\b[^.]{0,40}\Z")
_MODEL_NEXT = re.compile(
    rf"{_SP}+(?:Max|MAX|Pro|Plus|Ultra|Mini|Dreamliner|jets?|jetliners?|airliners?|aircraft|"
    rf"planes?)\b"
)
_AIRCRAFT = re.compile(r"7[0-8]7|A3[2-8]\d")
_NAME_PREFIX_OK = frozenset({"US", "U.S.", "UK", "EU", "UN", "GOP", "Category", "BMI"})
_NUMBER_NAME_NEXT = re.compile(
    rf"{_SP}+(?:Amendment|Circuit|District|Airborne|Division|Fleet|Army|Corps|Street|Avenue|"
    rf"Precinct|Congress|Parliament|Dynasty|Regiment|Brigade|Battalion|Infantry|Ward|Republic)\b"
)

_STOP_WORDS = frozenset(
    """of and or but nor to in on at for from with by as than that which who whom whose were was
    are is be been being have has had will would could should may might can did do does not no
    the a an this these those their his her its our my your it they he she we you i me him them
    us said says say told according while when where if so too also already still just only
    each per about after before since during into onto over under across among between against
    including until than like via around amid toward towards through up down off out more less
    what how why here there then now very all both either neither any some such other another
    respectively apiece""".split()
)
_MODIFIERS = frozenset("most more least less very".split())
_ARTICLE_DETERMINERS = frozenset(
    "the a an his her its their our my your this that whose these those".split()
)
_NUMBER_WORD_SET = frozenset(UNIT_WORDS) | frozenset(TENS_WORDS) | {"dozen", "hundred"}
_ONE_CUES = frozenset(
    "exactly only just least than one single sole lone was were is are".split()
)


@dataclass(slots=True)
class _Found:
    """A mention being built, with what a range partner may lend or borrow."""

    mention: Mention
    bare: bool = False
    scale: float = 1.0
    hedged: bool = False


@dataclass(slots=True)
class _Tail:
    """What follows a number: its kind, unit, value factor and where the surface ends."""

    kind: str
    unit: str | None
    factor: float
    end: int
    scale: float = 1.0
    bare: bool = False


def find_quantities(text: str, start: int, end: int) -> list[Mention]:
    """Quantity mentions in `text[start:end]` with values, units and qualifiers.

    Kinds: count, money, percent, measure, ordinal, vague. Offsets index `text`.
    Pure; never raises on any `str`.
    """
    found: list[_Found] = []
    pos = start
    while match := _CANDIDATE.search(text, pos, end):
        item = None if match.lastgroup == "skip" else _candidate(text, match, start, end, found)
        if item is None:
            pos = _resume(match)
            continue
        found.append(item)
        pos = max(item.mention.end, match.start() + 1)
    _link(text, found)
    return [item.mention for item in found]


def _resume(match: re.Match[str]) -> int:
    """Where to search on after a candidate that was not a quantity: past its first word."""
    if match.lastgroup != "word":
        return match.end()
    matched = match.group()
    cut = next((i for i, ch in enumerate(matched) if ch in " \u00a0\t\n-\u2011"), len(matched))
    return match.start() + max(cut, 1)


def _candidate(text: str, match: re.Match[str], start: int, end: int,
               found: list[_Found]) -> _Found | None:
    group = match.lastgroup
    if group == "digits":
        return _digits(text, match, start, end, found)
    if group == "ordnum":
        return _ordinal(text, match.start(), match.end(), start, end)
    return _word(text, match, start, end, found)


# --- digits ---------------------------------------------------------------------------------

def _digits(text: str, match: re.Match[str], start: int, end: int,
            found: list[_Found]) -> _Found | None:
    num_start, num_end = match.span("digits")
    currency = None
    surface_start = num_start
    if match.group("sign"):
        currency = _sign(text, match, start)
        if currency:
            surface_start = match.start("sign")
    if currency is None and _glued_before(text, num_start, start):
        return None
    if _is_date_or_time(text, num_start, num_end, start, end):
        return None
    value = digits_value(match.group("digits"))
    tail = _tail(text, num_end, end, value, currency, is_word=False)
    if tail is None or _glued_after(text, tail.end, end):
        return None
    if not currency and tail.bare and _is_name_number(text, surface_start, num_end, start, end):
        return None
    if _is_bare_year(match.group("digits"), tail, currency):
        if qualifier_before(text, surface_start, start) is None:
            return None
    return _finish(text, surface_start, value, tail, start, end, found)


def _sign(text: str, match: re.Match[str], start: int) -> str | None:
    sign = match.group("sign")
    if sign[0].isalpha() and match.start("sign") > start and text[match.start("sign") - 1].isalnum():
        return None
    return sign_currency(sign)


def _glued_before(text: str, pos: int, floor: int) -> bool:
    """Digits stuck to a name or code: G7, S-400, COVID-19, A320, #1."""
    if pos <= floor:
        return False
    before = text[pos - 1]
    if before.isalnum() or before in "_#@/\\.":
        return True
    if before in "-\u2011" and pos - 2 >= floor and text[pos - 2].isalpha():
        return True
    return False


def _glued_after(text: str, pos: int, ceiling: int) -> bool:
    if pos >= ceiling:
        return False
    after = text[pos]
    return after.isalnum() or after == "_" or (after in "/" and text[pos + 1:pos + 2].isdigit())


def _is_date_or_time(text: str, num_start: int, num_end: int, start: int, end: int) -> bool:
    if num_end - num_start <= 2 and _MONTH_NEAR.search(text, max(start, num_start - 12), num_start):
        return True
    if num_end - num_start <= 2 and _MONTH_AFTER.match(text, num_end, end):
        return True
    return bool(_CLOCK_AFTER.match(text, num_end, end))


def _is_bare_year(digits: str, tail: _Tail, currency: str | None) -> bool:
    return (len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099
            and currency is None and tail.kind == "count" and tail.scale == 1)


def _is_name_number(text: str, surface_start: int, num_end: int, start: int, end: int) -> bool:
    """Numbers that are names: Boeing 737, S&P 500, Article 5, 737 Max."""
    if _MODEL_NEXT.match(text, num_end, end) and _AIRCRAFT.fullmatch(text[surface_start:num_end]):
        return True
    previous = _PREVIOUS_WORD.search(text, max(start, surface_start - 30), surface_start)
    if previous is None:
        return False
    word = previous.group("word")
    if not word[:1].isupper() or word in _NAME_PREFIX_OK:
        return False
    if "&" in word or any(ch.isdigit() for ch in word):
        return True
    return not _at_sentence_start(text, previous.start(), start) and word[-1].isalpha()


def _at_sentence_start(text: str, pos: int, floor: int) -> bool:
    index = pos - 1
    while index >= floor and text[index] in " \u00a0\t":
        index -= 1
    return index < floor or text[index] in _SENTENCE_BREAK


# --- what follows a number --------------------------------------------------------------------

def _tail(text: str, pos: int, end: int, value: float, currency: str | None,
          is_word: bool) -> _Tail | None:
    """Scale, then percent sign, currency word, unit or counted noun after a number."""
    scale, pos = _scale(text, pos, end, currency)
    if currency:
        return _Tail("money", currency, scale, pos, scale)
    if scale == 1 and (percent := _PERCENT_TAIL.match(text, pos, end)):
        return _Tail("percent", "%", 1, percent.end())
    if money := _CURRENCY_TAIL.match(text, pos, end):
        word = squeeze(money.group("word"))
        if word not in POUND_WORDS or scale > 1:
            factor = scale / 100 if word in MINOR_WORDS else scale
            return _Tail("money", word_currency(word) or "GBP", factor, money.end(), scale)
    if unit_match := _UNIT_TAIL.match(text, pos, end):
        return _unit_tail(text, unit_match, end, scale)
    return _Tail("count", None, scale, pos, scale, bare=True)


def _scale(text: str, pos: int, end: int, currency: str | None) -> tuple[float, int]:
    match = _SCALE_TAIL.match(text, pos, end)
    if not match:
        return 1.0, pos
    word = squeeze(match.group("glued") or match.group("spaced"))
    if word in ("k", "m", "b") and not currency and not _CURRENCY_TAIL.match(text, match.end(), end):
        return 1.0, pos
    return float(SCALE_WORDS[word]), match.end()


def _unit_tail(text: str, match: re.Match[str], end: int, scale: float) -> _Tail | None:
    found = measure_unit(match.group("unit"))
    if found is None:
        return None
    unit, factor = found
    if unit in TIME_UNITS and not match.group("old") and _ANCHORED_TIME.match(text, match.end(), end):
        return None
    if unit == "year" and match.group("sep") and _SECURITY_NEXT.match(text, match.end(), end):
        return None
    if match.group("unit").lower() == "times":
        if not _COMPARATIVE.match(text, match.end(), end):
            return _Tail("count", "time", scale, match.start("unit") - len(match.group("sep")))
        return _Tail("measure", "factor", scale, match.end())
    return _Tail("measure", unit, factor * scale, match.end(), scale)


# --- number words -----------------------------------------------------------------------------

def _word(text: str, match: re.Match[str], start: int, end: int,
          found: list[_Found]) -> _Found | None:
    word = squeeze(match.group("word"))
    if word in _PHRASES:
        return _phrase(text, match, start, word)
    if word in _MULTIPLIERS:
        return _multiplier(text, match, start, end, word)
    if word in _VAGUE or word in _VAGUE_TIME:
        return _vague(text, match, start, end, found, word)
    if word in _A_UNITS:
        return _a_unit(text, match, start, end, word)
    if word in _FRACTIONS or word == "half a":
        fraction = _fraction(text, match, start, end, word)
        if fraction is not None or word not in ("a third", "half a"):
            return fraction
    if word == "once":
        return _once(text, match, start)
    if word in ORDINAL_WORDS or ordinal_value(word) is not None or word == "a third":
        offset = 2 if word == "a third" else 0
        return _ordinal(text, match.start() + offset, match.end(), start, end)
    return _number_words(text, match.start(), start, end, found)


def _number_words(text: str, pos: int, start: int, end: int,
                  found: list[_Found]) -> _Found | None:
    phrase = _NUMBER_PHRASE.match(text, pos, end)
    if phrase is None:
        return None
    value = words_value(phrase.group())
    if value is None or _is_name_word(text, pos, start):
        return None
    tail = _tail(text, phrase.end(), end, value, None, is_word=True)
    if tail is None:
        return None
    item = _finish(text, pos, value, tail, start, end, found)
    if item is not None and not _number_word_counts(text, item, phrase.group(), start, end):
        return None
    return item


def _is_name_word(text: str, pos: int, start: int) -> bool:
    """"World War Two", "Air Force One": a capitalised number word inside a sentence."""
    return text[pos].isupper() and not _at_sentence_start(text, pos, start)


def _number_word_counts(text: str, item: _Found, phrase: str, start: int, end: int) -> bool:
    """Whether a number word is a number here, not an article or pronoun ("one of the")."""
    mention = item.mention
    lower = squeeze(phrase)
    previous = _previous_word(text, mention.start, start)
    if mention.kind == "count" and item.bare and previous in _ARTICLE_DETERMINERS:
        return False
    if lower != "one" or mention.kind in ("money", "percent"):
        return True
    if "-" in mention.surface or "\u2011" in mention.surface:
        return True
    if _OF_AFTER.match(text, mention.end, end):
        return False
    if mention.kind == "measure" and previous in ("for", "in", "within", "over", "after"):
        return True
    return previous in _ONE_CUES or item.hedged or text.startswith(",", mention.end)


def _previous_word(text: str, pos: int, start: int) -> str:
    previous = _PREVIOUS_WORD.search(text, max(start, pos - 24), pos)
    return previous.group("word").lower().strip("“”\"'‘’(") if previous else ""


def _phrase(text: str, match: re.Match[str], start: int, word: str) -> _Found:
    kind, value, unit = _PHRASES[word]
    surface_start = match.start() + (2 if word.startswith("a ") and word.endswith("point") else 0)
    mention = Mention(kind, text[surface_start:match.end()], surface_start, match.end(),
                      as_number(value or 0), unit,
                      qualifier_before(text, match.start(), start) or "exact")
    return _Found(mention)


def _multiplier(text: str, match: re.Match[str], start: int, end: int, word: str) -> _Found | None:
    qualifier = qualifier_before(text, match.start(), start)
    if word == "twice":
        unit = "factor" if _COMPARATIVE.match(text, match.end(), end) else "time"
        kind = "measure" if unit == "factor" else "count"
        return _Found(Mention(kind, match.group(), match.start(), match.end(), 2, unit,
                              qualifier or "exact"))
    if match.end() < end and text[match.end()] in "-\u2011":
        return None
    if qualifier is None and not _MULTIPLIER_NEXT.match(text, match.end(), end):
        return None
    if _previous_word(text, match.start(), start) in ("a", "the"):
        return None
    return _Found(Mention("measure", match.group(), match.start(), match.end(),
                          _MULTIPLIERS[word], "factor", qualifier or "exact"))


def _vague(text: str, match: re.Match[str], start: int, end: int, found: list[_Found],
           word: str) -> _Found | None:
    surface_end = match.end()
    if word in _VAGUE_TIME:
        if not _vague_time(text, match, start, end):
            return None
        unit: str | None = (measure_unit(word) or ("year", 1))[0]
    elif word == "scores" and not _OF_AFTER.match(text, match.end(), end):
        return None
    else:
        unit, surface_end = _vague_unit(text, match.end(), end, found)
    surface = text[match.start():surface_end]
    return _Found(Mention("vague", surface, match.start(), surface_end, None, unit, None))


def _vague_time(text: str, match: re.Match[str], start: int, end: int) -> bool:
    previous = _previous_word(text, match.start(), start)
    if previous in ("recent", "past", "coming", "last", "next", "those", "these", "the", "many",
                    "several", "few", "some", "early", "late", "following", "within", "in"):
        return False
    if _OF_AFTER.match(text, match.end(), end):
        return True
    if match.end() < end and text[match.end()] in "-\u2011":
        return text.startswith("long", match.end() + 1)
    return previous == "for"


def _vague_unit(text: str, pos: int, end: int, found: list[_Found]) -> tuple[str | None, int]:
    money = _VAGUE_MONEY.match(text, pos, end)
    if money:
        return word_currency(money.group("word")) or "GBP", money.end()
    of = _OF_AFTER.match(text, pos, end)
    if of:
        noun = _noun_after(text, of.end(), end)
        if noun:
            return noun, pos
    return _previous_count_unit(found) or "person", pos


def _a_unit(text: str, match: re.Match[str], start: int, end: int, word: str) -> _Found | None:
    previous = _previous_word(text, match.start(), start)
    qualifier = qualifier_before(text, match.start(), start)
    if qualifier is None and previous not in ("for", "in", "within", "than", "spent", "took",
                                              "lasted", "just", "only", "nearly"):
        return None
    if _ANCHORED_TIME.match(text, match.end(), end) or _OF_AFTER.match(text, match.end(), end):
        return None
    unit, factor = measure_unit(word.split()[-1]) or ("year", 1)
    return _Found(Mention("measure", match.group(), match.start(), match.end(),
                          as_number(factor), unit, qualifier or "exact"))


def _fraction(text: str, match: re.Match[str], start: int, end: int, word: str) -> _Found | None:
    qualifier = qualifier_before(text, match.start(), start)
    if word == "half a":
        return _number_words(text, match.start(), start, end, [])
    previous = _previous_word(text, match.start(), start)
    if previous in ("first", "second", "last", "latter", "back", "front", "other", "and", "in"):
        return None
    if match.end() < end and text[match.end()] in "-\u2011":
        return None
    hyphenated = any(ch in word for ch in "-\u2011")
    if not (hyphenated or qualifier or _FRACTION_NEXT.match(text, match.end(), end)):
        return None
    value = fraction_percent(word)
    if value is None:
        return None
    return _Found(Mention("percent", match.group(), match.start(), match.end(), as_number(value),
                          "%", qualifier or "exact"))


def _once(text: str, match: re.Match[str], start: int) -> _Found | None:
    qualifier = qualifier_before(text, match.start(), start)
    if qualifier is None and _previous_word(text, match.start(), start) not in ("only", "just"):
        return None
    return _Found(Mention("count", match.group(), match.start(), match.end(), 1, "time",
                          qualifier or "exact"))


# --- ordinals ---------------------------------------------------------------------------------

def _ordinal(text: str, pos: int, word_end: int, start: int, end: int) -> _Found | None:
    value = ordinal_value(text[pos:word_end])
    if value is None or _ORDINAL_SKIP_NEXT.match(text, word_end, end):
        return None
    if _FIRST_TIME.match(text, word_end, end) and not _ends_phrase(text, word_end + 5, end):
        return None
    if text[pos].isupper() and not _at_sentence_start(text, pos, start):
        return None
    if _NUMBER_NAME_NEXT.match(text, word_end, end) or _two_capitals_next(text, word_end, end):
        return None
    previous = _previous_word(text, pos, start)
    if previous not in _ARTICLE_DETERMINERS and not previous.endswith(("’s", "'s")):
        return None
    following = _NEXT_WORD.match(text, word_end, end)
    if following and following.group("word").lower() in _NUMBER_WORD_SET:
        return None
    unit = _ordinal_unit(text, word_end, end)
    mention = Mention("ordinal", text[pos:word_end], pos, word_end, value, unit,
                      qualifier_before(text, pos, start) or "exact")
    return _Found(mention)


def _ends_phrase(text: str, pos: int, end: int) -> bool:
    return pos >= end or not text[pos].isalnum() and not _NEXT_WORD.match(text, pos, end)


def _two_capitals_next(text: str, pos: int, end: int) -> bool:
    first = _NEXT_WORD.match(text, pos, end)
    if not first or not first.group("word")[0].isupper():
        return False
    second = _NEXT_WORD.match(text, first.end(), end)
    return bool(second and second.group("word")[0].isupper())


def _ordinal_unit(text: str, pos: int, end: int) -> str | None:
    hyphen = _HYPHEN_NOUN.match(text, pos, end)
    if hyphen:
        noun = hyphen.group("noun")
        if noun.lower() not in ("largest", "biggest", "highest", "lowest", "most", "ever",
                                "best", "worst", "longest", "busiest", "place"):
            return singular(noun)
        pos = hyphen.end()
    words = _noun_group(text, pos, end, limit=3)
    return singular(words[-1]) if words else None


# --- counted nouns ----------------------------------------------------------------------------

def _noun_group(text: str, pos: int, end: int, limit: int = 4) -> list[str]:
    """Up to `limit` words after `pos`, stopping at function words and punctuation."""
    words: list[str] = []
    while len(words) < limit:
        match = _NEXT_WORD.match(text, pos, end)
        if match is None:
            break
        word = match.group("word")
        lower = word.lower()
        if lower in _STOP_WORDS and lower not in _MODIFIERS or "’" in word or "'" in word:
            break
        pos = match.end()
        if lower in _MODIFIERS:
            continue
        words.append(word.strip("-\u2011"))
    return words


def _noun_after(text: str, pos: int, end: int) -> str | None:
    """The counted noun after a number: the first plural in the noun group, else the last."""
    hyphen = _HYPHEN_NOUN.match(text, pos, end)
    if hyphen:
        return singular(hyphen.group("noun"))
    words = [w for w in _noun_group(text, pos, end) if not w[0].isdigit()]
    if not words:
        return None
    plural = next((w for w in words if is_plural(w)), None)
    return singular(plural or words[-1])


def _previous_count_unit(found: list[_Found]) -> str | None:
    for item in reversed(found[-3:]):
        if item.mention.kind in ("count", "vague") and item.mention.unit:
            return item.mention.unit
    return None


# --- assembling a mention ---------------------------------------------------------------------

def _finish(text: str, surface_start: int, value: float, tail: _Tail, start: int, end: int,
            found: list[_Found]) -> _Found | None:
    qualifier = qualifier_before(text, surface_start, start)
    after, after_end = qualifier_after(text, tail.end, end)
    kind, unit = tail.kind, tail.unit
    bare = tail.bare
    if kind == "count":
        kind, unit, bare = _count_unit(text, surface_start, after_end, start, end, found)
    if kind == "count" and bare and tail.scale > 1:
        currency = _nearby_currency(text, surface_start, found)
        if currency:
            kind, unit, bare = "money", currency, False
    surface_end = tail.end
    number = as_number(value * tail.factor)
    mention = Mention(kind, text[surface_start:surface_end], surface_start, surface_end, number,
                      unit, qualifier or after or "exact")
    return _Found(mention, bare=bare and tail.kind == "count", scale=tail.scale,
                  hedged=qualifier is not None)


def _nearby_currency(text: str, pos: int, found: list[_Found]) -> str | None:
    """The currency of a money mention shortly before `pos` in the same paragraph."""
    for item in reversed(found[-3:]):
        mention = item.mention
        if mention.kind == "money" and pos - mention.end < 200:
            return None if "\n" in text[mention.end:pos] else mention.unit
    return None


def _count_unit(text: str, surface_start: int, pos: int, start: int, end: int,
                found: list[_Found]) -> tuple[str, str | None, bool]:
    """Kind, unit and bareness of a number with no unit word: a counted noun, an age, a BMI."""
    context = _CONTEXT_UNIT_BEFORE.search(text, max(start, surface_start - 24), surface_start)
    if context:
        name = context.group("unit").lower()
        unit = "BMI" if name == "bmi" else name if name in ("category", "magnitude") else "year"
        return "measure", unit, False
    if _AGE_GROUP.search(text, max(start, surface_start - 40), surface_start):
        if not _NEXT_WORD.match(text, pos, end) or _noun_after(text, pos, end) is None:
            return "measure", "year", False
    if _OF_REFERENCE.match(text, pos, end):
        return "count", _previous_count_unit(found), True
    noun = _noun_after(text, pos, end)
    if noun is not None:
        return "count", noun, False
    if _TOLL.search(text, max(start, surface_start - 60), surface_start):
        return "count", "death", True
    return "count", _previous_count_unit(found), True


# --- links between neighbouring mentions --------------------------------------------------------

_RANGE_JOIN = re.compile(rf"{_SP}*(?:[-\u2011–—]|to|and|or){_SP}*")
_PAREN_JOIN = re.compile(rf"{_SP}*\({_SP}*")
_COORDINATION = re.compile(rf"{_SP}+[A-Z][^\s]*{_SP}+(?:and|or){_SP}+[a-z ]{{0,16}}")


def _link(text: str, found: list[_Found]) -> None:
    """Ranges lend units and scales; conversions in brackets take their amount's qualifier."""
    for left, right in zip(found, found[1:], strict=False):
        if right.mention.start - left.mention.end > 40:
            continue
        between = text[left.mention.end:right.mention.start]
        if _PAREN_JOIN.fullmatch(between) and right.mention.kind in ("money", "measure"):
            if not right.hedged:
                right.mention.qualifier = left.mention.qualifier
        elif _RANGE_JOIN.fullmatch(between):
            _share_range(left, right)
        elif _COORDINATION.fullmatch(between):
            _share_coordination(left, right)


def _share_range(left: _Found, right: _Found) -> None:
    a, b = left.mention, right.mention
    if left.bare and not right.bare and b.kind in ("money", "percent", "measure", "count"):
        a.kind, a.unit = b.kind, b.unit
        if left.scale == 1 and right.scale > 1 and isinstance(a.value, int | float):
            a.value = as_number(a.value * right.scale)
        elif b.kind == "measure" and b.value and right.scale == 1:
            factor = _unit_factor(b)
            a.value = as_number((a.value or 0) * factor)
    elif right.bare and not left.bare and a.kind in ("measure", "percent"):
        b.kind, b.unit = a.kind, a.unit


def _unit_factor(mention: Mention) -> float:
    """Decades printed as "two to three decades" scale their bare partner too."""
    found = measure_unit(mention.surface.split()[-1]) if mention.surface else None
    return found[1] if found else 1.0


def _share_coordination(left: _Found, right: _Found) -> None:
    """ "20 Indian and at least four Chinese soldiers": the left number counts soldiers too."""
    a, b = left.mention, right.mention
    if a.kind == "count" and b.kind == "count" and b.unit and a.unit and not is_plural(a.unit):
        if a.unit[0].isupper() and (a.value or 0) != 1:
            a.unit = b.unit
