"""Where date expressions are in a text: the patterns, the scan for them, their merging.

Scanning every position of a body with one big alternation is slow in Python's regex
engine, so the scan looks for *heads* instead: the rarest word of each expression (a
digit that can start a date, a month or weekday name, "year", "quarter", "wee|k", ...),
found by a few scans led by one literal character each (see `_heads`). From each head
the scan steps back over words that can open an expression ("last", "two", "first",
"fiscal") and parses there with the full pattern. Adjacent atoms that form one
expression are merged ("3 a.m. local time" + "Tuesday", "Monday" + "July 8"). `dates.py`
resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from claims.extract import date_lexicon as lex

YEAR = r"(?:1[6-9]|20)[0-9]{2}(?![0-9])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]|[:.,][0-9]|%)\b"
_MONTH_FULL = rf"(?:{lex.alternation(lex.FULL_MONTHS)})\b"
MONTH_ANY = (
    rf"(?:(?:{lex.alternation(lex.FULL_MONTHS)})\b|"
    rf"(?:{lex.alternation(set(lex.MONTHS) - lex.FULL_MONTHS)})\b\.?)"
)
_WEEKDAY = rf"(?:{lex.alternation(lex.WEEKDAYS)})"
_YEAR_OF = (
    rf"(?:(?:the|this|last|next)\s+(?:fiscal\s+)?year|(?:fiscal\s+(?:year\s+)?|FY\s?)?{YEAR})"
)
_ORDINAL = lex.capitalisable(lex.ORDINALS)
_NUMBER = rf"(?:{lex.capitalisable(lex.NUMBER_WORDS)}|[0-9]{{1,3}}(?:,[0-9]{{3}})*(?![0-9]))"
_SEASON = lex.alternation(lex.SEASONS)
_SEASON_CAP = lex.capitalisable(lex.SEASONS)
_TZ = lex.alternation(lex.TIMEZONES)
_REL = r"[Tt]his\s+past|[Ll]ast|[Tt]his|[Nn]ext|[Tt]hat|[Pp]ast"  # "this past" is "past"
# a year named by its distance from the publication year, after a month: "July of last year"
_REL_YEAR = r"(?:last|this|next)\s+year\b(?![\u2019']s)"

_BRANCHES = {
    "iso": (
        r"(?P<iso_day>[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])"
        r"(?:T(?P<iso_time>(?:[01][0-9]|2[0-3]):[0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?"
        r"(?P<iso_z>Z|[+-]00:?00)?)?"
    ),
    "clock": (
        r"(?P<ck_h>1[0-2]|0?[1-9])(?:[:.](?P<ck_m>[0-5][0-9]))?\s?"
        r"(?P<ck_ap>[ap]\.m\.|[AP]\.M\.|(?:[ap]\.?m|[AP]M)\b)"
        rf"(?:\s+(?P<ck_tz>{_TZ})\b)?"
    ),
    "clock24": (
        rf"(?P<c24_h>[01]?[0-9]|2[0-3]):(?P<c24_m>[0-5][0-9])(?![0-9])(?:\s?(?P<c24_tz>{_TZ})\b)?"
        rf"|(?P<c24_h2>[01][0-9]|2[0-3])(?P<c24_m2>[0-5][0-9])\s?(?P<c24_tz2>{_TZ})\b"
    ),
    "noon": r"[Nn]oon\b",
    "quarter": (
        rf"(?:(?P<q_fis>[Ff]iscal)[\s-]+)?(?P<q_ord>{_ORDINAL})[\s-]+(?:fiscal[\s-]+)?quarter\b"
        rf"(?:\s+of\s+(?P<q_of>{_YEAR_OF}))?"
        rf"|Q(?P<q_n>[1-4])\b(?:\s+(?P<q_y>{YEAR}))?"
        rf"|(?P<q_m1>{_MONTH_FULL})[-\u2013](?P<q_m2>{_MONTH_FULL})\s+(?:quarter|period)\b"
        rf"(?:\s+of\s+(?P<q_of2>{_YEAR_OF}))?"
    ),
    "half": (
        rf"(?P<h_ord>{lex.capitalisable(('first', 'second', '1st', '2nd', 'latter'))})"
        rf"\s+half\s+of\s+(?P<h_of>{_YEAR_OF})|H(?P<h_n>[12])\s+(?P<h_y>{YEAR})"
    ),
    "months_of": (
        rf"(?P<mf_ord>[Ff]irst|[Ll]ast|[Ff]inal)\s+"
        r"(?P<mf_n>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\s+months\s+of\s+"
        rf"(?P<mf_of>{_YEAR_OF})"
    ),
    "fiscal": (
        rf"(?:[Ff]iscal\s+(?:[Yy]ear\s+)?|FY\s?)(?P<fy>{YEAR}|[0-9]{{2}}(?![0-9]))"
        r"(?:[-\u2013/](?P<fy2>[0-9]{4}|[0-9]{2})(?![0-9]))?"
    ),
    "mdy": (
        rf"(?P<md_m>{MONTH_ANY})\s+(?P<md_d>{_DAY})(?:\s?[-\u2013]\s?(?P<md_d2>{_DAY}))?"
        rf"(?:,?\s+(?P<md_y>{YEAR})|\s+(?P<md_rel>{_REL_YEAR}))?"
    ),
    "my": (
        rf"(?P<my_m>{MONTH_ANY}),?\s+(?:of\s+)?(?P<my_y>{YEAR})"
        rf"|(?P<my_m2>{_MONTH_FULL})\s+(?:of\s+)?(?P<my_rel>{_REL_YEAR})"
    ),
    "dmy": (
        rf"(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{MONTH_ANY})"
        rf"(?:,?\s+(?P<dm_y>{YEAR})|\s+(?P<dm_rel>{_REL_YEAR}))?"
    ),
    "season": (
        rf"(?P<s_rel>{_REL})\s+(?P<s1>{_SEASON})\b(?:\s+(?:of\s+)?(?P<s1_y>{YEAR}))?"
        rf"|(?P<s2>{_SEASON_CAP})\s+(?:of\s+)?(?P<s2_y>{YEAR})"
    ),
    "relday": (
        r"(?P<rd>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"
        r"(?:\s+(?P<rd_post>morning|afternoon|evening|night)\b)?"
        r"|(?P<rd_rel>[Ll]ast|[Tt]his|[Nn]ext|[Ff]ollowing|[Pp]revious)\s+"
        r"(?P<rd_part>morning|afternoon|evening|night)\b"
    ),
    "weekday": (
        rf"(?:(?P<wd_rel>{_REL})\s+)?(?:(?P<wd_pre>{lex.capitalisable(lex.PARTS_OF_DAY_BEFORE)})\s+)?"
        rf"(?P<wd>{_WEEKDAY})\b"
        rf"(?:\s+(?P<wd_post>{lex.alternation(lex.PARTS_OF_DAY_AFTER)})\b)?"
    ),
    "month": rf"(?:(?P<mo_rel>{_REL})\s+)?(?P<mo>{_MONTH_FULL})",
    "ago": (
        rf"(?P<ag_n>{_NUMBER})\s+(?P<ag_u>{lex.alternation(lex.UNITS)})\s+"
        r"(?P<ag_dir>ago|earlier|later)\b"
    ),
    "vague": (
        r"(?:[Rr]ecent|[Cc]oming|[Pp]revious|[Pp]rior"
        r"|(?:[Ll]ast|[Pp]ast|[Nn]ext)\s+(?:few|several|couple\s+of))\s+"
        r"(?:days|weeks|months|years|decades)\b|(?:[Ll]ast|[Pp]ast)\s+(?:decade|century)\b"
    ),
    "same_period": (
        r"(?P<sp>[Ss]ame\s+(?:period|time|quarter|month|week|season))\s+(?:of\s+)?"
        r"(?:last\s+year|the\s+previous\s+year|(?:a|one)\s+year\s+(?:earlier|before|ago))\b"
    ),
    "relunit": (
        rf"(?P<ru_rel>{_REL}|[Pp]revious|[Pp]rior|[Ff]ollowing|[Ss]ame|[Cc]urrent)\s+"
        r"(?P<ru_u>day|weekend|week|month|year|quarter|decade|century)\b"
    ),
    # "the year before", "the month after": from the time just named, when no event follows
    "unit_before": (
        r"(?<=[Tt]he\s)(?P<ub>year|month|week|day|quarter)\s+(?P<ub_dir>before|earlier|prior|after)"
        r"(?=\s*[.,;:)\u201d\u2019\"]|\s*$)"
    ),
    # "by the end of the year", "later in the month": the period a part of which is meant
    "part_of_period": (
        r"(?<=\sof\sthe\s)(?P<pp>year|month|week)\b"
        r"(?![\u2019']s|\s+(?:before|after|when|that|in|of)\b)"
    ),
    "weekend": r"(?<=[Tt]he\s)weekend\b",
    "in_season": (
        r"(?:(?<=[Ii]n\sthe\s)|(?<=[Oo]ver\sthe\s)|(?<=[Dd]uring\sthe\s)|(?<=[Bb]y\sthe\s)"
        r"|(?P<is_bare>(?<=[Bb]y\s)|(?<=[Uu]ntil\s)))"  # a deadline: "cut again by spring"
        rf"(?P<is>{_SEASON})\b(?!\s+of\b)"
        # bare, the season must end its phrase: not "fed by spring rains"
        r"(?(is_bare)(?![ \t]+(?!(?:and|or|next|this|if|when|as|at)\b)[a-z]))"
    ),
    "holiday": (
        r"(?:(?P<hol_rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<hol>Christmas(?:\s+(?:Day|Eve))?"
        r"|New\s+Year['\u2019]s\s+(?:Day|Eve)|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday"
        rf"|Thanksgiving(?:\s+Day)?|Halloween)\b(?:,?\s+(?P<hol_y>{YEAR}))?"
    ),
    "year": (
        r"(?P<yr>(?:1[6-9]|20)[0-9]{2})(?P<yr_s>s\b)?"
        r"(?:[-\u2013](?P<yr2>(?:1[6-9]|20)[0-9]{2}|[0-9]{2})(?![0-9]))?(?![0-9%]|[.,][0-9])"
    ),
}
_DIGIT_LED = ("iso", "clock", "clock24", "quarter", "half", "dmy", "ago", "year")
_REL_WORDS = ("last", "this", "next", "that", "past")
# the words each branch can start with (lowercased), so that a parse tries only those
_FIRST_WORDS = {
    "noon": ("noon",),
    "quarter": (*lex.ORDINALS, "fiscal", "q", *(m.lower() for m in lex.FULL_MONTHS)),
    "half": ("first", "second", "latter", "h"),
    "months_of": ("first", "last", "final"),
    "fiscal": ("fiscal", "fy"),
    "mdy": tuple(m.lower() for m in lex.MONTHS),
    "my": tuple(m.lower() for m in lex.MONTHS),
    "season": (*_REL_WORDS, *lex.SEASONS),
    "relday": ("yesterday", "today", "tomorrow", "tonight", "last", "this", "next", "following",
               "previous"),
    "weekday": (*_REL_WORDS, *lex.PARTS_OF_DAY_BEFORE, *(d.lower() for d in lex.WEEKDAYS)),
    "month": (*_REL_WORDS, *(m.lower() for m in lex.FULL_MONTHS)),
    "ago": tuple(word.split()[0] for word in lex.NUMBER_WORDS),
    "vague": ("recent", "coming", "last", "past", "next", "previous", "prior"),
    "unit_before": ("year", "month", "week", "day", "quarter"),
    "part_of_period": ("year", "month", "week"),
    "same_period": ("same",),
    "relunit": (*lex.RELATIVE_WORDS,),
    "weekend": ("weekend",),
    "in_season": tuple(lex.SEASONS),
    "holiday": ("last", "this", "next", "christmas", "new", "easter", "good", "thanksgiving",
                "halloween"),
}
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _branches(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{_BRANCHES[name]})" for name in names))


def _patterns_by_first_word() -> dict[str, re.Pattern[str]]:
    """For each word a date expression can start with, the branches that can start there."""
    compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
    by_word: dict[str, re.Pattern[str]] = {}
    words = {word for firsts in _FIRST_WORDS.values() for word in firsts}
    for word in words:
        names = tuple(name for name in _BRANCHES if word in _FIRST_WORDS.get(name, ()))
        by_word[word] = compiled.setdefault(names, _branches(list(names)))
    return by_word


_PATTERN_AT_DIGIT = _branches([name for name in _BRANCHES if name in _DIGIT_LED])
_PATTERN_BY_WORD = _patterns_by_first_word()


# Heads: the rarest word of every date expression, found by scans whose every alternative
# starts with a literal character (so the regex engine only stops at those characters).
# Lowercase heads are caught at an uncommon letter inside them ("wee|k", "quarter",
# "da|y") and checked with lookarounds; capitalised and digit heads by their initial.
_DAY_WORDS = ("[Tt]oday", "[Yy]esterday", *lex.WEEKDAYS)  # "Monday" is caught at its "d"
# Each check is led by the letters after the scanned one and only then looks around, so
# most stops fail at the next letter or two.
_DAY = r"ay(?:(?<![^\W_]day)s?|" + "|".join(f"(?<=\\b{word})" for word in _DAY_WORDS) + r")\b"
_LOWERCASE_HEADS = {
    "d": (_DAY, r"ec(?<![^\W_]dec)ades?\b"),
    "m": (r"o(?:nth(?<![^\W_]month)s?|rning(?<![^\W_]morning)|rrow(?<=\b[Tt]omorrow))\b",
          r"id(?:day(?<![^\W_]midday)|night(?<![^\W_]midnight))\b", r"mer(?<=\bsummer)\b",
          r"n(?<=\bautumn)\b", r"as(?<=\bChristmas)\b"),
    "w": (r"inter(?<![^\W_]winter)\b", r"een(?<=\bHalloween)\b"),
    "f": (r"all(?<![^\W_]fall)\b", r"ternoon(?<=\bafternoon)\b"),
    "y": (r"ear(?<![^\W_]year)s?\b",),
    "g": (r"ht(?:(?<=\bnight)|(?<=\b[Tt]onight)|(?<=\bovernight))\b",
          r"iving(?<=\bThanksgiving)\b"),
    "p": (r"ring(?<=\bspring)\b",),
    "k": (r"s(?<=\bweeks)\b", r"end(?<=\bweekend)\b", r"(?![^\W_])(?<=\bweek)"),
    "q": (r"uarter(?<![^\W_]quarter)s?\b",),
    "n": (r"oon(?<![^\W_]noon)\b", r"tur(?:y(?<=\bcentury)|ies(?<=\bcenturies))\b"),
}


def _initial_heads() -> dict[str, re.Pattern[str]]:
    """The patterns of capitalised names and of digits that can start a date, by initial.

    `_heads` finds where one may start with `_CAPITAL_SIEVE` and `_DIGIT_SIEVE` and checks
    each place with the pattern of the initial there; each pattern is led by literals, so
    most checks fail at once.
    """
    tail = (
        r"[0-9]{3}\s?(?:" + _TZ + r")\b|[0-9]?(?:[:.][0-9]{2})?\s?(?:[ap]\.?m\b|[AP]\.?M\b)"
        r"|[0-9]?:[0-5][0-9]"
        rf"|[0-9]?(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_ANY}"
        rf"|[0-9]?(?:st|nd|rd|th)[\s-]+(?:fiscal[\s-]+)?quarter\b"
        rf"|[0-9]{{0,2}}(?:,[0-9]{{3}})*\s+(?:{lex.alternation(lex.UNITS)})\s+(?:ago|earlier|later)\b"
    )
    year_tail = {"1": r"[6-9][0-9]{2}(?![0-9])|", "2": r"0[0-9]{2}(?![0-9])|"}
    capitalised: dict[str, list[str]] = {}
    words = [(name, "") for name in lex.FULL_MONTHS]
    words += [(name, r"\.?\s+[0-9]") for name in set(lex.MONTHS) - lex.FULL_MONTHS]
    words += [(name.capitalize(), rf"\s+(?:of\s+)?{YEAR}") for name in lex.SEASONS]
    words += [("Q", r"[1-4]\b"), ("H", r"[12]\s+[12][0-9]{3}"), ("FY", r"\s?[0-9]{2}")]
    words += [("Easter", ""), ("New", r"\s+Year['\u2019]s\s+(?:Day|Eve)\b")]
    for word, follow in words:
        capitalised.setdefault(word[0], []).append(re.escape(word[1:]) + (follow or r"\b"))
    alternatives = [
        f"{first}(?<![^\\W_]{first})(?:{'|'.join(rests)})" for first, rests in capitalised.items()
    ]
    alternatives += [
        f"{digit}(?<![\\w.,]{digit})(?:{year_tail.get(digit, '')}{tail})" for digit in "0123456789"
    ]
    return {alternative[0]: re.compile(alternative) for alternative in alternatives}


_HEAD_BY_LEAD = _initial_heads()
_LOWERCASE_SCANS = {
    letter: re.compile(f"{letter}(?:{'|'.join(checks)})")
    for letter, checks in _LOWERCASE_HEADS.items()
}
_RARE_LEADS = frozenset("q")  # lowercase heads looked for with `str.find` (`_rare_heads`)
_CHARS_PER_CHECK = 900
# Capitalised and digit heads are not scanned for one initial at a time: a copy of the text
# with every such initial replaced by one mark ("\x01" for a capital, "0" for a digit), one
# byte per character, is scanned once per mark by a sieve that lets through every place
# where one of those heads can start (a loose form of their patterns: no word boundaries,
# any digit for a digit, "?" for any character beyond Latin-1), and each place let
# through is then checked with its initial's own pattern.
_CAPITALS = "".join(lead for lead in _HEAD_BY_LEAD if not lead.isdigit())
_MARKS = bytes.maketrans(
    b"0123456789" + _CAPITALS.encode(), b"0" * 10 + b"\x01" * len(_CAPITALS)
)
if set(_CAPITALS) != set("MASJNODFWQHE"):  # the capital sieve below is written for these
    raise ImportError(f"the capital sieve needs updating for the initials {_CAPITALS!r}")
_SPACES = rb"\t-\r\x1c-\x20\x85\xa0?"  # what a Unicode space (\s) can be in the copy
_SPACE = b"[" + _SPACES + b"]"
_MARKED_YEAR_OF = rb"_+(?:of_+)?00".replace(b"_", _SPACE)
_CAPITAL_SIEVE = re.compile(  # by the letter after the initial, so most stops fail at once
    rb"\x01(?=a(?:y|rch|r\.?_+0|nuary|n\.?_+0|ster|llYO)"
    rb"|u(?:gust|g\.?_+0|tumnYO|ne|ly|l\.?_+0|n\.?_+0|mmerYO)|p(?:ril|r\.?_+0|ringYO)"
    rb"|e(?:pt(?:ember|\.?_+0)|p\.?_+0|w_+Year['?]s_+\x01(?:ay|ve)|c(?:ember|\.?_+0)"
    rb"|b(?:ruary|\.?_+0))|o(?:vember|v\.?_+0)|ct(?:ober|\.?_+0)|Y_?00|interYO|0)".replace(
        b"YO", _MARKED_YEAR_OF
    ).replace(b"_", _SPACE)
)
_DIGIT_SIEVE = re.compile(
    rb"0(?<![\w.,]0)(?=000|0?(?:[:.]00)?_?(?:[ap]\.?m|[\x01P]\.?\x01)|0?:00"
    rb"|0?(?:st|nd|rd|th)?_+(?:of_+)?\x01|0?(?:st|nd|rd|th)~+(?:fiscal~+)?quarter"
    rb"|0{0,2}(?:,000)*_+(?:centur|quarter|decade|month|week|year|day))".replace(
        b"_", _SPACE
    ).replace(
        b"~", b"[-" + _SPACES + b"]"
    )
)
# words that may stand before a head inside one expression, and those that may start one
_LEAD_WORDS = frozenset(
    (*lex.RELATIVE_WORDS, *lex.NUMBER_WORDS, *lex.ORDINALS, "couple", "of", "the", "fiscal",
     "year", "half", "months", "few", "several", "recent", "coming", "noon", "good", "period",
     "time", "quarter", "month", "week", "season",
     *lex.PARTS_OF_DAY_BEFORE)
)
_STARTING_WORDS = frozenset(
    (*lex.RELATIVE_WORDS, *lex.NUMBER_WORDS, *lex.ORDINALS, "fiscal", "recent", "coming", "noon",
     "good", *lex.PARTS_OF_DAY_BEFORE)
)
_SEPARATORS = frozenset(" \t\u00a0-\u2011")

CLOCK_KINDS = frozenset(("clock", "clock24", "noon"))
DAY_KINDS = frozenset(("weekday", "mdy", "dmy", "iso", "relday"))
_GAP_CLOCK_DAY = re.compile(r"(?:\s*,\s*|\s+)(?:on\s+)?")
_GAP_DAY_CLOCK = re.compile(r"(?:\s*,\s*|\s+)(?:at\s+)?")
_GAP_WEEKDAY_DATE = re.compile(r"\s*,\s*|\s+")


@dataclass(slots=True)
class Atom:
    kind: str
    start: int
    end: int
    match: re.Match[str]


@dataclass(slots=True)
class Expression:
    """One date expression: its atoms (a day and/or a clock time, or a single other atom)."""

    start: int
    end: int
    atoms: list[Atom] = field(default_factory=list)

    def part(self, kinds: frozenset[str]) -> Atom | None:
        for atom in self.atoms:
            if atom.kind in kinds:
                return atom
        return None


def _mergeable(previous: Atom, atom: Atom, text: str) -> bool:
    gap_start, gap_end = previous.end, atom.start
    if gap_end - gap_start > 12:
        return False
    if previous.kind in CLOCK_KINDS and atom.kind in DAY_KINDS:
        return bool(_GAP_CLOCK_DAY.fullmatch(text, gap_start, gap_end))
    if previous.kind in DAY_KINDS and atom.kind in CLOCK_KINDS:
        return bool(_GAP_DAY_CLOCK.fullmatch(text, gap_start, gap_end))
    if previous.kind == "weekday" and atom.kind in ("mdy", "dmy", "iso"):
        return bool(_GAP_WEEKDAY_DATE.fullmatch(text, gap_start, gap_end))
    return False


def _candidate_starts(text: str, head: int, start: int) -> list[int]:
    """Where an expression ending in the word at `head` may begin, farthest first."""
    starts = [head]
    position = head
    for _ in range(6):
        gap = position
        while gap > start and text[gap - 1] in _SEPARATORS:
            gap -= 1
        if gap == position or gap <= start:
            break
        word_begin = gap
        while word_begin > start and text[word_begin - 1].isalnum():
            word_begin -= 1
        word = text[word_begin:gap].lower()
        if word not in _LEAD_WORDS:
            break
        if word in _STARTING_WORDS:
            starts.append(word_begin)
        position = word_begin
    starts.reverse()
    return starts


def _parse_at(text: str, position: int, end: int) -> re.Match[str] | None:
    """The date atom that starts at `position`, if any."""
    if text[position].isdigit():
        return _PATTERN_AT_DIGIT.match(text, position, end)
    word = _FIRST_WORD.match(text, position, end)
    pattern = _PATTERN_BY_WORD.get(word.group().lower()) if word else None
    return pattern.match(text, position, end) if pattern else None


def _rare_heads(head: re.Pattern[str], lead: str, text: str, start: int, end: int) -> list[int]:
    """`head`'s matches in `text[start:end]`, its (rare) first character found by `str.find`.

    `str.find` skips to each occurrence far faster than the regex engine's scan, which
    checking one costs about as much as ~900 characters of; so once a text holds many more
    than that, the pattern's own scan takes over.
    """
    heads: list[int] = []
    budget = 4 + (end - start) // _CHARS_PER_CHECK
    position = text.find(lead, start, end)
    while position >= 0:
        if not budget:
            heads += [found.start() for found in head.finditer(text, position, end)]
            break
        budget -= 1
        found = head.match(text, position, end)
        if found:
            heads.append(position)
            position = text.find(lead, found.end(), end)
        else:
            position = text.find(lead, position + 1, end)
    return heads


def _heads(text: str, start: int, end: int) -> list[int]:
    """Where the heads in `text[start:end]` start, in text order."""
    heads: list[int] = []
    add = heads.append
    for letter, head in _LOWERCASE_SCANS.items():
        if letter in _RARE_LEADS:
            heads += _rare_heads(head, letter, text, start, end)
        else:
            heads += [found.start() for found in head.finditer(text, start, end)]
    marked = text.encode("latin-1", "replace").translate(_MARKS)
    for sieve in (_CAPITAL_SIEVE, _DIGIT_SIEVE):
        ends: dict[str, int] = {}  # where the last head of each initial ended
        for place in sieve.finditer(marked, start, end):
            position = place.start()
            lead = text[position]
            if position < ends.get(lead, start):
                continue  # inside the last one: its own scan would not stop here
            check = _HEAD_BY_LEAD.get(lead)  # None at a "\x01" of the text itself
            found = check.match(text, position, end) if check else None
            if found:
                add(position)
                ends[lead] = found.end()
    heads.sort()
    return heads


def _atoms(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every atom in `text[start:end]`: heads found by the scans, each parsed where it begins."""
    position = start
    for head in _heads(text, start, end):
        word = head  # back to the start of the head's word
        while word > start and text[word - 1].isalpha():
            word -= 1
        if word < position:
            continue
        if word > position and text[word - 1] in _SEPARATORS:
            candidates = _candidate_starts(text, word, position)
        else:  # no word before it in reach: what `_candidate_starts` would say at once
            candidates = [word]
        for candidate in candidates:
            if candidate < position:
                continue
            match = _parse_at(text, candidate, end)
            if match:  # one that ends before the head ("noon" in "noon Monday") lets it go on
                yield match
                position = match.end()
                if position > word:
                    break


def _clock24_stands(match: re.Match[str], text: str, start: int) -> bool:
    """A 24-hour "13:00" is a time only with a zone or after "at" (else a score, a ratio)."""
    if match.group("c24_tz") or match.group("c24_tz2"):
        return True
    return text.endswith("at ", max(start, match.start() - 3), match.start())


def expressions(text: str, start: int, end: int) -> list[Expression]:
    """The atoms in `text[start:end]`, adjacent ones merged into single expressions."""
    expressions: list[Expression] = []
    for match in _atoms(text, start, end):
        kind = match.lastgroup or ""
        if kind == "clock24" and not _clock24_stands(match, text, start):
            continue
        atom = Atom(kind, match.start(), match.end(), match)
        last = expressions[-1] if expressions else None
        if (
            last and atom.start - last.end <= 12  # (`_mergeable`'s first test, inlined)
            and len(last.atoms) < 3 and _mergeable(last.atoms[-1], atom, text)
        ):
            last.atoms.append(atom)
            last.end = atom.end
            continue
        expressions.append(Expression(atom.start, atom.end, [atom]))
    return expressions
