"""Counts, money, percentages, measures, ordinals and vague amounts in an article body.

Speed comes from how candidates are found. A candidate starts after a space (or a bracket,
quote, dash, currency sign or line break) with a digit or a number-ish word. The body is
lower-cased once; a copy with those separators turned into spaces is scanned by one regex
whose pattern begins with a literal space followed by a single trie of first words, so the
regex engine jumps from space to space and tries its word list only there. Each candidate
is then read by a few anchored matches at its own position on the lower-cased body (scale
word, unit, currency word, hedge and the next few words in one match) and by splitting
the few words before it. Everything is linear in the text.

Rules that decide between readings, in the order a number meets them: glued to a name or
code (G7, S-400, COVID-19), a date or time ("July 31", "3 a.m.", a year), a score ("2-1"),
a name ("Boeing 737", "No. 2", a bare number printed three times), a frequency ("every four
years"); then the tail gives the kind and unit, and neighbours lend units, scales and
qualifiers to each other (ranges, lists, conversions in brackets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract import word_amounts
from claims.extract.context import (
    at_sentence_start,
    counted_noun,
    is_function_word,
    last_word,
    previous_token,
    words_before,
)
from claims.extract.lexicon import alternation, squeeze, words_of
from claims.extract.money import (
    MINOR_WORDS,
    POUND_WORDS,
    SIGN_CHARS,
    WORD_PATTERN,
    sign_before,
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
    words_value,
)
from claims.extract.qualifiers import qualifier_of
from claims.extract.types import Mention
from claims.extract.units import TIME_UNITS, UNIT_PATTERN, is_plural, measure_unit
from claims.extract.word_amounts import (
    A_UNITS,
    COMPARATIVE,
    DETERMINERS,
    FRACTIONS,
    MULTIPLIERS,
    ORDINALS,
    PHRASES,
    VAGUE,
    VAGUE_TIME,
)

_SP = "[ \u00a0\u202f]"
_HYPHEN = "[-\u2011]"

_NUMBER_STARTS = list(UNIT_WORDS) + list(TENS_WORDS) + [
    "a dozen", "a hundred", "a thousand", "a million", "a billion", "a trillion", "half a",
]
_WORDS = (
    _NUMBER_STARTS + ["once"] + list(PHRASES) + list(MULTIPLIERS) + list(VAGUE)
    + list(VAGUE_TIME) + list(A_UNITS) + list(FRACTIONS) + ORDINALS
)

# How each candidate word is read; anything else is a number word ("two", "a dozen").
_WORD_KINDS = {
    **{squeeze(w): "ordinal" for w in ORDINALS}, **dict.fromkeys(FRACTIONS, "fraction"),
    **dict.fromkeys(VAGUE, "vague"), **dict.fromkeys(VAGUE_TIME, "vague"),
    **dict.fromkeys(A_UNITS, "a_unit"), **dict.fromkeys(MULTIPLIERS, "multiplier"),
    **dict.fromkeys(PHRASES, "phrase"), "once": "once",
}

# The scan: after a space, the first word of any entry above (two words after "a"/"an"),
# a digit, or a currency sign. These separators are turned into spaces before the scan
# ("$" too, for "US$3"); rarer ones cost a pass each and are left alone.
_SEPARATORS = ("\n", "(", "“", "\"", "‘", "–", "—", "-", "\u00a0", "$", "[", "\t", "zł", "\u2212",
               "\u202f")
_FIRST_WORDS = ({squeeze(w).replace("-", " ").split()[0] for w in _WORDS} - {"a", "an"}
                - set(VAGUE_TIME))
_A_PAIRS = {" ".join(squeeze(w).replace("-", " ").split()[:2]) for w in _WORDS
            if w.startswith(("a ", "an "))}
# Vague spans of time count only as "years of ...", "decades-long" or "for years". All
# entries share one trie, so that a space costs one pass over its first letters.
_TIME_WORDS = alternation(VAGUE_TIME, literal=True)
_TIME_LEADS = ("for", "take", "takes", "took", "taking", "taken", "last", "lasts", "lasted",
               "spent", "spend", "wait", "waited")
_SCAN_ENDINGS = {
    **dict.fromkeys(_FIRST_WORDS | _A_PAIRS, "(?![a-z])"),
    **dict.fromkeys(VAGUE_TIME, "(?= of | long)"),
    **dict.fromkeys(_TIME_LEADS, f"(?= {_TIME_WORDS}(?![a-z]))"),
}
_SCAN = re.compile(
    " " + alternation(_SCAN_ENDINGS, literal=True, endings=_SCAN_ENDINGS,
                      extra=f"[0-9{re.escape(SIGN_CHARS)}]")
)

_CANDIDATE = re.compile(
    r"(?P<skip>\d{4}-\d\d(?:-\d\d)?\b|\d{1,2}:\d\d|\d+(?:/\d+)+|\d+(?:\.\d+){2,})"
    r"|(?P<ordnum>\d+(?:st|nd|rd|th))\b"
    rf"|(?P<digits>{DIGITS})"
    rf"|(?P<word>{alternation(_WORDS)})(?![^\W_])"
)
_NUMBER_PHRASE = re.compile(rf"{NUMBER_WORDS}(?![^\W_])")
# What may follow a number, matched on a lower-cased copy of the next few characters.
_SCALE = (
    rf"(?:(?P<glued>{alternation(SCALE_GLUED)})"
    rf"|(?:{_SP}+|{_HYPHEN})(?P<spaced>{alternation(SCALE_SPACED)}))"
)
_AFTER_SCALE = (
    rf"(?:(?P<percent>{_SP}?%|{_SP}*(?:per{_SP}?cent|percent|pct)\b|pc\b)"
    rf"|{_SP}+(?P<currency>{WORD_PATTERN})\b"
    rf"|(?P<sep>{_SP}?|{_HYPHEN})(?P<unit>{UNIT_PATTERN})(?![^\W_])"
    rf"(?P<old>{_HYPHEN}olds?\b|{_SP}+old\b)?)?"
)
_AFTER_UNIT = (
    rf"(?:(?P<more>{_SP}+or{_SP}+(?:more|greater|higher|above|over|longer)\b|\+|{_HYPHEN}plus\b)"
    rf"|(?P<orso>{_SP}+or{_SP}+so\b))?"
    rf"(?P<joined>{_HYPHEN}[^\W\d_][^\W_]*)?"
    rf"(?P<run>(?:{_SP}+[^\W_][\w\u2011’'-]*){{1,5}})?"
)
_TAIL_WINDOW = 64
# Everything that may follow a number, in one anchored match that always succeeds.
_TAIL = re.compile(rf"(?:{_SCALE}(?![^\W_]))?{_AFTER_SCALE}{_AFTER_UNIT}")
_UNSCALED_TAIL = re.compile(_AFTER_SCALE + _AFTER_UNIT)
_ANCHORED_TIME = re.compile(
    rf"(?:{_SP}+|{_HYPHEN})(?:ago|later|earlier|before|after|prior|previously|from now|back)\b"
)
_SECURITY_NEXT = re.compile(
    rf"{_SP}+(?:(?:US|U\.S\.|German|Japanese|UK|British|Italian|French|government){_SP}+)?"
    r"(?:yields?|notes?|bonds?|Treasury|Treasuries|treasury|treasuries|gilts?|bunds?|"
    r"fixed-rate|mortgages?|T-notes?|paper)\b"
)
# A percent sign, scale, currency word or unit right after a number ("2000 km", "1990s" not).
_AMOUNT_AFTER = re.compile(
    rf"(?i:{_SCALE}(?![^\W_])|{_SP}?%|{_SP}*(?:per{_SP}?cent|percent)\b"
    rf"|{_SP}+(?:{WORD_PATTERN})\b|(?:{_SP}?|{_HYPHEN})(?:{UNIT_PATTERN})(?![^\W_]))"
)
_OVER_AS_MORE = words_of(
    "for of in than after took lasted spent is was been be are were aged within just well"
)
_TIME_AFTER = frozenset({"last", "next", "ago", "earlier", "later", "since", "until", "on"})
_ADDRESS_WORDS = words_of("Street St Road Rd Avenue Ave Boulevard Blvd Lane Drive Square Place")
_RATE_WORDS = frozenset({"every", "per", "each"})
_STOPS = frozenset(".,;:!?)”’\"")
_SCORE = re.compile(r"(?<![\d,.])(\d{1,2})[-–](\d{1,2})(?!\d|[,.]\d|%)")
# A plural noun or unit after "30-40" makes it a range, not a score.
_NOUN_AFTER_SCORE = re.compile(rf"{_SP}+[a-z]+s\b|{_SP}*(?:%|per|[a-z]+[-\u2011](?:year|old))")
_REFERENCES = frozenset({"whom", "them", "those", "these", "which"})
_CLOCK_AFTER = tuple(
    sep + word for sep in (" ", "\u00a0")
    for word in ("a.m.", "p.m.", "am ", "pm ", "am,", "pm,", "am.", "pm.", "GMT", "UTC", "BST",
                 "ET ", "ET,", "ET.", "EST", "EDT", "PT ", "PT,", "o’clock", "o'clock")
)
_CLOCK_SECOND = frozenset(after[1] for after in _CLOCK_AFTER)  # a cheap first look
_MODEL_WORDS = words_of(
    "max pro plus ultra mini dreamliner jet jets jetliner jetliners airliner airliners aircraft "
    "plane planes"
)
_AIRCRAFT = re.compile(r"7[0-8]7|A3[2-8]\d")
_MONTHS = words_of(
    """january february march april may june july august september october november december
    jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct
    oct. nov nov. dec dec."""
)
# Words that make the number after them a label: "No. 2", "page 5", "Chapter 11", "gate 3".
_NUMBER_SIGNS = frozenset({"No.", "no.", "Nos.", "#", "No", "Number", "number"}) | words_of(
    """page pages chapter section article clause paragraph version route gate level grade
    size stage phase room flight row seat box line item rule exhibit figure table channel
    platform terminal pier district ward precinct lot unit apartment suite floor"""
)
_NAME_PREFIX_OK = frozenset({"US", "U.S.", "UK", "EU", "UN", "GOP", "Category", "BMI"})
_CONTEXT_UNITS = {"bmi": "BMI", "category": "category", "magnitude": "magnitude",
                  "aged": "year", "ages": "year", "age": "year"}
_CONTEXT_FILLERS = words_of("was is of than higher lower above below over under between a an")
_AGE_GROUPS = words_of(
    """people persons adults men women children kids patients those anyone individuals
    participants teens teenagers voters americans"""
)
_AGE_HEDGES = frozenset({"under", "over", "above", "below", "than"})
_ONE_CUES = words_of("exactly only just least than one single sole lone was were is are")
_ONE_LIMITS = words_of("exactly only just least than single sole lone")
_MEASURE_LEADS_FOR_ONE = frozenset({"for", "in", "within", "over", "after"})


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
    hedge: str | None = None  # "or more", "or so"
    joined: str | None = None  # "27-member"
    words: tuple[str, ...] = ()  # the next few words, as printed


def find_quantities(text: str, start: int, end: int) -> list[Mention]:
    """Quantity mentions in `text[start:end]` with values, units and qualifiers.

    Kinds: count, money, percent, measure, ordinal, vague. Offsets index `text`.
    Pure; never raises on any `str`.
    """
    found: list[_Found] = []
    cursor = start
    lowered = _lowered(text, end)
    for pos in _candidate_starts(text, lowered, start, end):
        if pos < cursor:
            continue
        match = _CANDIDATE.match(lowered, pos, end)
        if match is None:
            continue
        if match.lastgroup == "skip":
            cursor = match.end()
            continue
        item = _candidate(text, lowered, match, start, end, found)
        if item is not None:
            found.append(item)
            cursor = item.mention.end
    _link(text, found)
    return [item.mention for item in _without_repeated_names(found)]


def _without_repeated_names(found: list[_Found]) -> list[_Found]:
    """Drop a bare number printed three times or more: a name ("the 988 lifeline", "911")."""
    seen: dict[str, int] = {}
    for item in found:
        surface = item.mention.surface
        if item.mention.kind == "count" and len(surface) >= 3 and surface.isdigit():
            seen[surface] = seen.get(surface, 0) + 1
    names = {surface for surface, times in seen.items() if times >= 3}
    if not names:
        return found
    return [item for item in found
            if not (item.mention.kind == "count" and item.mention.surface in names)]


def _lowered(text: str, end: int) -> str:
    """`text[:end]` lower-cased with every offset kept ("İ" would otherwise grow)."""
    lowered = text[:end].lower()
    if len(lowered) == end:
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text[:end])


def _candidate_starts(text: str, lowered: str, start: int, end: int) -> list[int]:
    """Offsets where a quantity may begin, in order (some more than once).

    Found in one uninterrupted scan before any is read: interleaving the scan with the
    reading of candidates costs more.
    """
    if start >= end:
        return []
    starts = [start]
    for separator in _SEPARATORS:
        if separator[-1] in lowered:  # one character is found fast, "zł" in a slow pass
            lowered = lowered.replace(separator, " " * len(separator))
    for match in _SCAN.finditer(lowered, max(start - 1, 0), end):
        pos = match.start() + 1
        if text[pos] in SIGN_CHARS:
            pos += 1  # the digits after "€"
        elif lowered[pos:match.end()] in _TIME_LEADS:
            pos = match.end() + 1  # the span of time after "for", "take"
        starts.append(pos)
    return starts


def _candidate(text: str, lowered: str, match: re.Match[str], start: int, end: int,
               found: list[_Found]) -> _Found | None:
    group = match.lastgroup
    if group == "digits":
        return _digits(text, lowered, match, start, end, found)
    if group == "ordnum":
        return _wrap(word_amounts.ordinal(text, match.start(), match.end(), start, end))
    return _word(text, lowered, match, start, end, found)


def _wrap(mention: Mention | None) -> _Found | None:
    return None if mention is None else _Found(mention)


# --- digits ---------------------------------------------------------------------------------

def _digits(text: str, lowered: str, match: re.Match[str], start: int, end: int,
            found: list[_Found]) -> _Found | None:
    num_start, num_end = match.span("digits")
    currency, surface_start = sign_before(text, num_start, start)
    if currency is None and _glued_before(text, num_start, start):
        return None
    if text[num_end + 1:num_end + 2] in _CLOCK_SECOND and text.startswith(_CLOCK_AFTER, num_end):
        return None  # "3 a.m.": the dates finder's
    before = words_before(text, surface_start, start)
    short = num_end - num_start <= 2
    if short and (last_word(before) in _MONTHS or _ends_day_range(text, num_start, start)):
        return None  # "July 31", "September 17-18"
    digits = match.group("digits")
    if (not currency and _looks_like_year(digits) and qualifier_of(before) is None
            and not _AMOUNT_AFTER.match(text, num_end, end)):
        return None  # a year: the dates finder's
    tail = _tail(text, lowered, num_end, end, currency)
    if tail.kind == "skip" or _glued_after(text, tail.end, end):
        return None
    if not currency and tail.bare and _is_score(text, num_start, num_end, end):
        return None
    following = tail.words[0] if tail.words else ""
    if short and following[:1].isupper() and following.lower() in _MONTHS:
        return None  # "31 July"
    if not currency and tail.bare and (
            _is_name_number(text, surface_start, num_end, following, start)
            or not _ADDRESS_WORDS.isdisjoint(tail.words[:3])):
        return None  # "Boeing 737", "10 Downing Street"
    if _is_bare_year(digits, tail, currency) and (
            qualifier_of(before) is None or counted_noun(tail.words, tail.joined) is None):
        return None  # "the 2022 invasion", "since at least 2008"
    if _is_old_year(digits, tail) and qualifier_of(before) is None:
        return None  # "in 1896, winners received"
    value = digits_value(digits)
    if (tail.kind == "percent" or tail.unit == "percentage point") and _minus_before(
            text, surface_start, start):
        surface_start, value = surface_start - 1, -value  # "remain -23% vs 2019"
    return _finish(text, surface_start, value, tail, start, end, found, before)


def _minus_before(text: str, pos: int, start: int) -> bool:
    """A minus sign printed right before a number, itself after a space or bracket."""
    if pos - 1 < start or text[pos - 1] not in "-\u2212":
        return False
    return pos - 1 == start or text[pos - 2] in " \u00a0(\n"


def _is_score(text: str, num_start: int, num_end: int, end: int) -> bool:
    """ "beat England 2-1", "won 6-4, 6-3": two small numbers joined by a dash, no noun after."""
    pair = _SCORE.match(text, num_start, end)
    if pair is None and num_start >= 2 and text[num_start - 1] in "-–":
        left_start = num_start - 1
        while left_start > 0 and text[left_start - 1].isdigit():
            left_start -= 1
        pair = _SCORE.match(text, left_start, end)
        if pair is not None and pair.end() != num_end:
            pair = None
    if pair is None:
        return False
    return not (_NOUN_AFTER_SCORE.match(text, pair.end(), end)
                or _AMOUNT_AFTER.match(text, pair.end(), end))


def _glued_before(text: str, pos: int, floor: int) -> bool:
    """Digits stuck to a name or code: G7, S-400, COVID-19, A320, #1."""
    if pos <= floor:
        return False
    before = text[pos - 1]
    if before.isalnum() or before in "_#@/\\.,":
        return True
    if before not in "-\u2011" or pos - 2 < floor:
        return False
    if text[pos - 2].isalpha():
        return True
    left = text[max(floor, pos - 5):pos - 1]
    return bool(_AIRCRAFT.search(left)) and left[-3:].isdigit()  # "747-8"


def _glued_after(text: str, pos: int, ceiling: int) -> bool:
    if pos >= ceiling:
        return False
    after = text[pos]
    return after.isalnum() or after == "_" or (after == "/" and text[pos + 1:pos + 2].isdigit())


def _ends_day_range(text: str, num_start: int, start: int) -> bool:
    """The second day of "September 17-18"."""
    if num_start - 3 < start or text[num_start - 1] not in "-–":
        return False
    if not text[num_start - 2].isdigit():
        return False
    day_start = num_start - 2
    while day_start > start and text[day_start - 1].isdigit():
        day_start -= 1
    return last_word(words_before(text, day_start, start)) in _MONTHS


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _is_old_year(digits: str, tail: _Tail) -> bool:
    return (len(digits) == 4 and digits.isdigit() and 1000 <= int(digits) < 1900 and tail.bare
            and counted_noun(tail.words, tail.joined) is None)


def _is_bare_year(digits: str, tail: _Tail, currency: str | None) -> bool:
    return (_looks_like_year(digits) and currency is None and tail.kind == "count"
            and tail.scale == 1)


def _is_name_number(text: str, surface_start: int, num_end: int, following: str,
                    start: int) -> bool:
    """Numbers that are names: Boeing 737, S&P 500, Article 5, 737 Max, 747-8."""
    if _AIRCRAFT.fullmatch(text[surface_start:num_end]) and (
            following.lower() in _MODEL_WORDS
            or text.startswith(("-8", "-9", "-2", "-3"), num_end)):
        return True
    word, word_start = previous_token(text, surface_start, start)
    if word in _NUMBER_SIGNS or word.lower() in _NUMBER_SIGNS:
        return True  # "No. 2", "#1", "Section 230" at the start of a sentence
    if not word[:1].isupper() or word in _NAME_PREFIX_OK or word.endswith(("'s", "\u2019s")):
        return False  # a possessive owns the amount: "Gaza's 2.3 million people"
    if "&" in word or any(ch.isdigit() for ch in word):
        return True
    return (word[-1].isalpha() or word[-1] == ".") and not at_sentence_start(text, word_start,
                                                                            start)


# --- what follows a number --------------------------------------------------------------------

def _tail(text: str, lowered: str, pos: int, end: int, currency: str | None) -> _Tail:
    """Scale, then percent sign, currency word, unit or counted noun after a number."""
    window_end = min(end, pos + _TAIL_WINDOW)
    window = lowered[pos:window_end]
    match = _TAIL.match(window)
    assert match is not None  # every part of the pattern is optional
    glued, spaced = match.group("glued", "spaced")
    if glued is None and spaced is None:
        scale, scale_end = 1.0, pos  # the common case: no scale word
    else:
        scale = _scale_of(match, currency)
        scale_end = pos + max(match.end("glued"), match.end("spaced"), 0)
        if scale == 1 and scale_end > pos:
            match = _UNSCALED_TAIL.match(window)  # "5m" with no currency: not a million
            assert match is not None
            scale_end = pos
    if currency:
        return _Tail("money", currency, scale, scale_end, scale)
    percent, currency_word, unit, more, orso, joined, run = match.group(
        "percent", "currency", "unit", "more", "orso", "joined", "run")
    if percent and scale == 1:
        return _Tail("percent", "%", 1, pos + match.end("percent"))
    if currency_word:
        word = squeeze(currency_word)
        if word not in POUND_WORDS or scale > 1:
            factor = scale / 100 if word in MINOR_WORDS else scale
            return _Tail("money", word_currency(word) or "GBP", factor,
                         pos + match.end("currency"), scale)
    if unit:
        unit_tail = _unit_tail(text, match, pos, end, scale)
        if unit_tail is not None:
            return unit_tail
    hedge = "at_least" if more else ("approx" if orso else None)
    joined_word = (None if not joined or more
                   else text[pos + match.start("joined") + 1:pos + match.end("joined")])
    return _Tail("count", None, scale, scale_end, scale, True, hedge, joined_word,
                 _run(text, match, pos, window_end < end) if run else ())


def _run(text: str, match: re.Match[str], pos: int, cut: bool) -> tuple[str, ...]:
    """The words after a number as printed; a word cut by the window's edge is dropped."""
    run_start, run_end = match.span("run")
    words = text[pos + run_start:pos + run_end].split()
    if cut and run_end == len(match.string):
        words = words[:-1]
    return tuple(words)


def _scale_of(match: re.Match[str], currency: str | None) -> float:
    word = match.group("glued") or match.group("spaced")
    if not word:
        return 1.0
    word = squeeze(word)
    if word in ("k", "m", "b") and not currency and not match.group("currency"):
        # "1.2m people" and "stood at 7.6m in April" are millions; "a 100m sprint" is not
        following = match.group("run").split()[0] if match.group("run") else ""
        if following and not (is_plural(following) or is_function_word(following)
                              or following in _TIME_AFTER):
            return 1.0
    return float(SCALE_WORDS[word])


def _unit_tail(text: str, match: re.Match[str], pos: int, end: int, scale: float) -> _Tail | None:
    found = measure_unit(match.group("unit"))
    if found is None:
        return None
    unit, factor = found
    unit_end = pos + max(match.end("unit"), match.end("old"))
    if unit in TIME_UNITS and not match.group("old"):
        if _ANCHORED_TIME.match(text, unit_end, end):
            return _Tail("skip", None, 1, unit_end)
        if unit == "year" and match.group("sep") and _SECURITY_NEXT.match(text, unit_end, end):
            return _Tail("skip", None, 1, unit_end)
    if match.group("unit") in ("c", "f") and (match.group("sep") or not text[pos].isupper()):
        return None  # "35C" is a temperature, "5 c" nothing
    if match.group("unit") == "times":
        if not COMPARATIVE.match(text, unit_end, end):
            return _Tail("count", "time", scale, pos + match.start("sep"))
        return _Tail("measure", "factor", scale, unit_end)
    return _Tail("measure", unit, factor * scale, unit_end, scale)


# --- words ------------------------------------------------------------------------------------

def _word(text: str, lowered: str, match: re.Match[str], start: int, end: int,
          found: list[_Found]) -> _Found | None:
    w_start, w_end = match.span("word")
    word = squeeze(match.group("word"))
    kind = _WORD_KINDS.get(word, "number")
    if kind == "number":
        return _number_words(text, lowered, w_start, start, end, found)
    if kind == "vague":
        fallback = _previous_count_unit(found)
        return _wrap(word_amounts.vague(text, w_start, w_end, start, end, fallback))
    if kind == "ordinal":
        return _wrap(word_amounts.ordinal(text, w_start, w_end, start, end))
    if kind == "fraction":
        item = _wrap(word_amounts.fraction(text, w_start, w_end, start, end))
        if item is not None or not word.startswith("a ") or word[2:] not in ORDINAL_WORDS:
            return item
        return _wrap(word_amounts.ordinal(text, w_start + 2, w_end, start, end))  # "a fifth day"
    if kind == "phrase":
        if word.endswith("and a half") and _ANCHORED_TIME.match(text, w_end, end):
            return None  # "a week and a half later": when, not how long
        return _Found(word_amounts.phrase(text, w_start, w_end, start))
    if kind == "multiplier":
        return _wrap(word_amounts.multiplier(text, w_start, w_end, start, end))
    if kind == "a_unit":
        return _wrap(word_amounts.a_unit(text, w_start, w_end, start, end))
    return _wrap(word_amounts.once(text, w_start, w_end, start, end))


def _number_words(text: str, lowered: str, pos: int, start: int, end: int,
                  found: list[_Found]) -> _Found | None:
    phrase = _NUMBER_PHRASE.match(lowered, pos, end)
    if phrase is None:
        return None
    value = words_value(phrase.group())
    if value is None or (text[pos].isupper() and not at_sentence_start(text, pos, start)):
        return None  # "World War Two", "Air Force One"
    before = words_before(text, pos, start)
    phrase_end = phrase.end()
    if value == 1 and phrase_end - pos == 3 and not _one_may_count(text, phrase_end, before):
        return None
    previous = last_word(before)
    if previous in DETERMINERS and text[phrase_end:phrase_end + 1] in _STOPS:
        return None  # "either of the two."
    tail = _tail(text, lowered, phrase_end, end, None)
    if tail.kind == "skip":
        return None
    item = _finish(text, pos, value, tail, start, end, found, before)
    if item is None or not _number_word_counts(text, item, phrase.group(), tail, previous):
        return None
    return item


def _one_may_count(text: str, end: int, before: list[str]) -> bool:
    """A cheap first look at "one": "one of the", "One woman said" are no numbers."""
    if text.startswith((" of every ",), end):
        return True  # "one of every four": a share
    if text.startswith((" of ", "\u00a0of "), end):
        return False
    if text.startswith(("-", "\u2011", ",", "%", " percent", " per cent", " in "), end):
        return True
    previous = last_word(before)
    return (previous in _ONE_CUES or previous in _MEASURE_LEADS_FOR_ONE
            or qualifier_of(before) is not None)


def _number_word_counts(text: str, item: _Found, phrase: str, tail: _Tail,
                        previous: str) -> bool:
    """Whether a number word is a number here, not an article or pronoun ("one of the")."""
    mention = item.mention
    if mention.kind == "count" and item.bare and previous in DETERMINERS:
        return False  # "the two", "either of the two"
    if squeeze(phrase) != "one" or mention.kind in ("money", "percent"):
        return True
    if "-" in mention.surface or "\u2011" in mention.surface:
        return True
    if tail.words[:1] == ("of",) or previous in ORDINAL_WORDS:
        return False  # "one of the", "that third one"
    if tail.words[:1] in (("that",), ("which",), ("to",)) and previous not in _ONE_LIMITS and (
            not item.hedged and (len(tail.words) < 2
                                 or words_value(tail.words[1].rstrip(",.;:")) is None)):
        return False  # "one to watch", "one that has long been": a pronoun, not "one to two"
    if tail.words[:1] in (("who",), ("whom",), ("whose",)) and not item.hedged:
        return False  # "more likely to die than one who was vaccinated": a pronoun
    if mention.kind == "measure" and previous in _MEASURE_LEADS_FOR_ONE:
        return True
    return previous in _ONE_CUES or item.hedged or text.startswith(",", mention.end)


# --- assembling a mention ---------------------------------------------------------------------

def _finish(text: str, surface_start: int, value: float, tail: _Tail, start: int, end: int,
            found: list[_Found], before: list[str]) -> _Found | None:
    tilde = surface_start > start and text[surface_start - 1] == "~"
    qualifier = "approx" if tilde else qualifier_of(before)
    kind, unit, bare = tail.kind, tail.unit, tail.bare
    if _is_frequency(tail, before):
        return None  # "every four years", "every 5,000 to 10,000 years"
    if qualifier == "more_than" and tail.unit in TIME_UNITS and _over_means_during(before):
        qualifier = None  # "invest £15bn over five years"
    if bare and len(tail.words) > 1 and (
            tail.words[0] == "in" or tail.words[:2] == ("of", "every")):
        share = _ratio(text, surface_start, value, tail, qualifier)
        if share is not None:
            return share
    if kind == "count" and unit is None:
        if _is_apposed_age(text, surface_start, tail.end, value, start, end):
            kind, unit, bare = "measure", "year", False  # "Jensen Huang, 62, founded"
        else:
            kind, unit, bare = _count_unit(tail, before, found)
    if kind == "count" and bare and tail.scale > 1:
        currency = _nearby_currency(text, surface_start, found)
        if currency:
            kind, unit, bare = "money", currency, False
    mention = Mention(kind, text[surface_start:tail.end], surface_start, tail.end,
                      as_number(value * tail.factor), unit, qualifier or tail.hedge or "exact")
    return _Found(mention, bare and tail.kind == "count", tail.scale,
                  qualifier is not None)


def _over_means_during(before: list[str]) -> bool:
    """ "over five years" after an amount or a verb is a period, not "more than"."""
    return len(before) >= 2 and before[-1] == "over" and before[-2] not in _OVER_AS_MORE


def _is_frequency(tail: _Tail, before: list[str]) -> bool:
    """A span of time after "every", "per" or "each" is a rate, not an amount."""
    if tail.kind not in ("measure", "count") or _RATE_WORDS.isdisjoint(before[-3:]):
        return False
    if before[-1] == "per" or before[-2:] in (["for", "every"], ["of", "every"]):
        return True  # "0.8 per 100,000 people", "5 for every 1,000 births": a rate's base
    return tail.unit in TIME_UNITS or (
        tail.bare and counted_noun(tail.words, tail.joined) is None)


def _ratio(text: str, surface_start: int, value: float, tail: _Tail,
           qualifier: str | None) -> _Found | None:
    """ "one in five adults", "one in every 12", "one of every 4": a share, as a percentage."""
    every = tail.words[1] == "every" and len(tail.words) > 2
    denominator_word = tail.words[2 if every else 1].rstrip(",.;:")
    denominator = words_value(denominator_word)
    if not denominator or value > denominator or denominator > 1000:
        return None
    gap = text.find("every", tail.end) + 5 if every else tail.end
    end = text.find(denominator_word, gap) + len(denominator_word)
    mention = Mention("percent", text[surface_start:end], surface_start, end,
                      as_number(round(100 * value / denominator, 2)), "%", qualifier or "exact")
    return _Found(mention, hedged=qualifier is not None)


def _nearby_currency(text: str, pos: int, found: list[_Found]) -> str | None:
    """The currency of a money mention shortly before `pos` in the same paragraph."""
    for item in reversed(found[-3:]):
        mention = item.mention
        if mention.kind == "count" and not item.bare:
            return None  # "sold 3.3 lakh vehicles, down from 3.6 lakh"
        if mention.kind == "money" and pos - mention.end < 200:
            return None if "\n" in text[mention.end:pos] else mention.unit
    return None


def _count_unit(tail: _Tail, before: list[str],
                found: list[_Found]) -> tuple[str, str | None, bool]:
    """Kind, unit and bareness of a number with no unit word: a counted noun, an age, a BMI."""
    context = _context_unit(before)
    if context:
        return "measure", context, False
    if len(tail.words) > 1 and tail.words[0] == "of" and tail.words[1] in _REFERENCES:
        return "count", _previous_count_unit(found), True  # "108 of whom"
    noun = counted_noun(tail.words, tail.joined)
    if noun is None and _is_age_limit(before):
        return "measure", "year", False
    if noun is not None:
        return "count", noun, False
    if "toll" in before:
        return "count", "death", True
    if before[-2:] == ["vote", "of"] or before[-1:] == ["voted"]:
        return "count", "vote", False  # "by a vote of 69 to 30", "the House voted 220-212"
    return "count", _previous_count_unit(found), True


def _is_apposed_age(text: str, pos: int, stop: int, value: float, start: int,
                    end: int) -> bool:
    """ "Mr Huang, 62, founded": a whole number set off by commas right after a name."""
    if not (0 < value < 120 and value == int(value) and text[stop:stop + 1] == ","):
        return False
    if pos - start < 3 or text[pos - 2] != "," or text[pos - 1] not in " \u00a0\u202f":
        return False
    name, _ = previous_token(text, pos - 2, start)
    return name[:1].isupper() and name.isalpha() and not name.isupper() and (
        stop + 1 >= end or text[stop + 1] == " ")


def _context_unit(before: list[str]) -> str | None:
    """ "a BMI of 25", "aged 27", "Category 4": the unit named just before the number."""
    for word in reversed(before):
        if word not in _CONTEXT_FILLERS:
            return _CONTEXT_UNITS.get(word)
    return None


def _is_age_limit(before: list[str]) -> bool:
    """ "people under 55", "adults older than 65"."""
    return len(before) >= 2 and before[-1] in _AGE_HEDGES and (
        before[-2] in _AGE_GROUPS or len(before) >= 3 and before[-3] in _AGE_GROUPS)


def _previous_count_unit(found: list[_Found]) -> str | None:
    """What the last count nearby counted: "108 of whom", "another 90,000"."""
    for item in reversed(found[-3:]):
        mention = item.mention
        if mention.kind in ("count", "vague") and mention.unit and not mention.unit.isupper():
            return mention.unit
    return None


# --- links between neighbouring mentions --------------------------------------------------------

# How two neighbouring mentions are joined, in one match: a bracket ("$5bn (£4bn)"), a range
# or a list ("3 to 4", "5, 10"), a part ("412 of the 650"), a coordination ("20 Indian and
# at least four"). The branches never match the same text.
_JOIN = re.compile(
    rf"(?P<paren>{_SP}*\({_SP}*)"
    rf"|(?P<range_or_list>{_SP}*(?:[-\u2011–—]|to|and|or){_SP}*"
    rf"|,{_SP}*(?:(?:exactly|just|only|precisely){_SP}+)?)"
    rf"|(?P<part>{_SP}+of{_SP}+(?:the{_SP}+)?)"
    rf"|(?P<coordination>{_SP}+[A-Z][^\s]*{_SP}+(?:and|or){_SP}+[a-z ]{{0,16}})"
)


def _link(text: str, found: list[_Found]) -> None:
    """Ranges and lists lend units and scales; conversions in brackets take their amount's
    qualifier. A bare number borrows from its right first ("5, 10 and 15 people", right to
    left), then from its left ("aged 12, 9 and 5", left to right)."""
    pairs = [(left, right, _join(text[left.mention.end:right.mention.start]))
             for left, right in zip(found, found[1:], strict=False)
             if right.mention.start - left.mention.end <= 40]
    for left, right, join in reversed(pairs):
        if join == "paren":
            if right.mention.kind in ("money", "measure") and not right.hedged:
                right.mention.qualifier = left.mention.qualifier
        elif join == "range_or_list":
            _borrow_from_right(left, right)
        elif join == "part" and right.mention.kind == "count":
            _borrow_from_right(left, right)  # "412 of the 650 seats"
        elif join == "coordination":
            _share_coordination(left, right)
    for left, right, join in pairs:
        if right.bare and join == "range_or_list":
            _borrow_from_left(left, right)


def _join(between: str) -> str | None:
    """Which of `_JOIN`'s branches the text between two mentions is, or None."""
    match = _JOIN.fullmatch(between)
    return None if match is None else match.lastgroup


def _borrow_from_right(left: _Found, right: _Found) -> None:
    """ "3 to 4 billion", "two or three days": a bare left end takes the right end's unit."""
    a, b = left.mention, right.mention
    if (a.kind == "money" and b.kind == "money" and a.unit == b.unit and left.scale == 1
            and right.scale > 1 and a.value is not None):
        a.value = as_number(a.value * right.scale)  # "$5-6 million"
        left.scale = right.scale
        return
    if not left.bare or right.bare or b.kind not in ("money", "percent", "measure", "count"):
        return
    if b.kind == "percent" and not b.surface.endswith(("%", "cent")):
        return  # "10 million, half of whom": a fraction lends nothing
    a.kind, a.unit = b.kind, b.unit
    left.bare = False
    if left.scale == 1 and right.scale > 1 and a.value is not None:
        a.value = as_number(a.value * right.scale)
    elif b.kind == "measure" and right.scale == 1 and a.value is not None:
        a.value = as_number(a.value * _unit_factor(b))


def _borrow_from_left(left: _Found, right: _Found) -> None:
    """ "a BMI of 25 to 29.9", "aged 12, 9 and 5": a bare right end takes a measure's unit."""
    if not left.bare and left.mention.kind in ("measure", "percent"):
        right.mention.kind, right.mention.unit = left.mention.kind, left.mention.unit
        right.bare = False


def _unit_factor(mention: Mention) -> float:
    """Decades printed as "two to three decades" scale their bare partner too."""
    words = mention.surface.split()
    found = measure_unit(words[-1]) if len(words) > 1 else None
    return found[1] if found else 1.0


def _share_coordination(left: _Found, right: _Found) -> None:
    """ "20 Indian and at least four Chinese soldiers": the left number counts soldiers too."""
    a, b = left.mention, right.mention
    if (a.kind == "count" and b.kind == "count" and b.unit and a.unit and not is_plural(a.unit)
            and a.unit[0].isupper() and (a.value or 0) != 1):
        a.unit = b.unit


