"""Numbers as news copy prints them: digits, number words, scale words, ordinals, fractions.

Regex fragments (strings, for the big patterns in `quantities.py`) and the functions that
turn a matched piece of text into its value.
"""

from __future__ import annotations

import functools
import re

from claims.extract.lexicon import alternation, squeeze

UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
BIG_WORDS = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
             "trillion": 10**12, "dozen": 12}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000,
}

# Fractions read as percentages: "two-thirds" -> 66.67, "half" -> 50.
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                  "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}

# Scale words after digits: "1.5 million", "$65bn", "Rs 5,000 crore", "£1.2m", "3k".
SCALE_WORDS = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6,
    "mn": 10**6, "mln": 10**6, "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12,
    "tn": 10**12, "trn": 10**12, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "crore": 10**7,
    "crores": 10**7, "cr": 10**7, "lakh crore": 10**12, "lakh crores": 10**12,
}
# Scale words that may follow without a space ("$65bn", "£1.2m") and those that need one.
SCALE_GLUED = ("k", "m", "mn", "mln", "bn", "b", "tn", "trn", "cr")
SCALE_SPACED = ("thousand", "million", "billion", "trillion", "lakh", "lakhs", "lac", "crore",
                "crores", "lakh crore", "lakh crores", "mn", "bn", "tn", "m", "cr")

_UNITS = alternation(UNIT_WORDS)
_TENS = alternation(TENS_WORDS)
_SMALL = rf"(?:{_TENS}(?:[-\u2011 ]{_UNITS})?|{_UNITS})"
_BIG = alternation(BIG_WORDS)
_AND_SMALL = rf"(?:\s+(?:and\s+)?{_SMALL}(?![-\u2011]))?"

# "twenty-one", "two hundred and fifty", "three dozen", "a dozen", "half a million",
# "two and a half", "six-and-a-half", "two and half".
NUMBER_WORDS = (
    rf"(?:{_SMALL}(?:\s+|[-\u2011])and(?:\s+|[-\u2011])(?:a(?:\s+|[-\u2011]))?half\b(?!\s+of\b)"
    rf"|{_SMALL}(?:[-\u2011 ]+{_BIG}{_AND_SMALL})*"
    rf"|(?:a|half\s+a)\s+{_BIG}{_AND_SMALL}(?:\s+{_BIG})*)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{2,3})*,\d{3}(?!\d)|\d+)(?:\.\d+|[\u00bd\u00bc\u00be])?"
# vulgar fractions printed after whole numbers: "2½ years"
_VULGAR = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}

_ORDINAL_COMPOUND = re.compile(rf"(?:{_TENS})[-\u2011 ]?(\w+)")


def digits_value(digits: str) -> float:
    """The value of "1,500", "5,00,000", "19.22" or "2½"."""
    if digits[-1] in _VULGAR:
        return float(digits[:-1].replace(",", "")) + _VULGAR[digits[-1]]
    return float(digits.replace(",", ""))


@functools.lru_cache(maxsize=4096)
def words_value(phrase: str) -> float | None:
    """The value of a number-word phrase ("twenty-one", "two hundred", "half a million")."""
    if phrase.isdigit():
        return float(phrase)
    if not phrase.isascii() or not phrase.replace("-", "").replace(" ", "").isalpha():
        return None
    single = UNIT_WORDS.get(phrase.lower(), TENS_WORDS.get(phrase.lower()))
    if single is not None:
        return float(single)
    words = squeeze(phrase).replace("-", " ").split()
    if words[:2] == ["half", "a"]:
        rest = words_value(" ".join(["a"] + words[2:]))
        return None if rest is None else rest / 2
    if words[-1:] == ["half"] and "and" in words[-3:]:  # "two and a half", "two and half"
        whole = words_value(" ".join(words[:words.index("and", len(words) - 3)]))
        return None if whole is None else whole + 0.5
    return _sum_words(words)


def _sum_words(words: list[str]) -> float | None:
    total, current = 0.0, 0.0
    for word in words:
        if word in ("a", "and"):
            current = current or (1.0 if word == "a" else 0.0)
        elif word in UNIT_WORDS or word in TENS_WORDS:
            current += UNIT_WORDS.get(word, TENS_WORDS.get(word, 0))
        elif word in ("hundred", "dozen"):
            current = (current or 1) * BIG_WORDS[word]
        elif word in BIG_WORDS:
            total += (current or 1) * BIG_WORDS[word]
            current = 0.0
        else:
            return None
    return total + current


@functools.lru_cache(maxsize=4096)
def ordinal_value(word: str) -> int | None:
    """The rank of "third", "twenty-first", "75th", or None."""
    word = squeeze(word)
    if word[:1].isdigit():
        digits = word.rstrip("stndrh")
        return int(digits) if digits.isdigit() else None
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    compound = _ORDINAL_COMPOUND.fullmatch(word)
    if compound and compound.group(1) in ORDINAL_WORDS:
        tens = TENS_WORDS[word[: compound.start(1)].rstrip(" -")]
        return tens + ORDINAL_WORDS[compound.group(1)]
    return None


def fraction_percent(phrase: str) -> float | None:
    """A fraction as a percentage: "two-thirds" -> 66.67, "a quarter" -> 25, "half" -> 50."""
    words = squeeze(phrase).replace("-", " ").split()
    if not words or words[-1] not in FRACTION_WORDS:
        return None
    count = 1.0
    if len(words) > 1 and words[0] not in ("a", "one"):
        count = float(UNIT_WORDS.get(words[0], 0)) or 1.0
    return round(100 * count / FRACTION_WORDS[words[-1]], 2)


def as_number(value: float) -> int | float:
    """An int when `value` is whole (JSON `249000`), else the float rounded to 6 places."""
    if isinstance(value, int):
        return value
    if value.is_integer():
        return int(value)
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded
