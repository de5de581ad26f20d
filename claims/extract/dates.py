"""Dates and times in an article body, resolved against the publication date.

`date_patterns` finds the expressions: a year, "June 2020", "Monday night", "3 a.m.
local time Tuesday", "two months ago", "the second quarter", ... Each is resolved here to
an ISO value at its own precision (`2019`, `2020-06`, `2024-07-08`, `2024-07-15T13:00`,
`2024-W29`, `2024-Q2`, `2024-H2`, `2024-FA`), using:

- the publication date for deictic words ("last year", "this week", "two months ago",
  "40,000 years ago" → the signed year -37976);
- the tense of the governing verb (see `tense.py`) for weekdays, months, quarters and
  seasons without a year ("landed on Monday" → the last Monday, "begins on Tuesday" → the
  next, "is expected to cut in September" → the coming September);
- one anchor rule for expressions that count from another time ("the previous year", "a
  year earlier", "the year before", "the same period last year", "the next morning"): the
  last time named in their paragraph or the one before, else the publication date ("that
  October" looks back to the last time named anywhere);
- the day of their sentence for clock times with no day of their own ("6 a.m., after
  landslides in the early hours of Tuesday"), and the day of the speech for "today" inside
  a quotation ("in an address Monday ... “Effective today”").

The value is None when the expression cannot be pinned down ("recent years") or no
publication date is given for a relative one. Spans that answer "how long?" ("for the
past 20 years", "in 30 years") are left to the quantity finder.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from claims.extract import date_lexicon as lex
from claims.extract.date_patterns import (
    CLOCK_KINDS,
    DAY_KINDS,
    MONTH_ANY,
    YEAR,
    Atom,
    Expression,
    expressions,
)
from claims.extract.tense import Reading, reading_after, reading_at, sentence_start
from claims.extract.types import Mention

_PREVIOUS_WORD = re.compile(
    r"(?<![\w.&\u2019'-])([A-Za-z\u00c0-\u024f][\w.&\u2019'-]*)[ \t\u00a0]*$"
)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n\"\u201c\u2018(\u2014\u2013:]\s*)$")
_MODIFIER_HYPHEN = re.compile(r"(?:\b(?:[Mm]id|[Ee]arly|[Ll]ate|[Pp]re|[Pp]ost))[-\u2011]$")
_MONTH_STRICT_LEADS = lex.words(
    "in since by until till through from during of before after early mid late"
)
_GRAINS_FINER_THAN_MONTH = ("day", "time")
_WINDOW = 220  # how far back a year may frame a sentence
_EVENT_DAY_LOOKBACK = 12  # day mentions a clock time without a day looks back over
_RANGE_YEAR = re.compile(
    rf"\s*(?:and|to|through|until|till|[-\u2013])\s*{MONTH_ANY}"
    rf"(?:\s+[0-9]{{1,2}}(?:st|nd|rd|th)?)?,?\s+({YEAR})"
)
# The first day of a range printed day first, before its "D Month" end: "21-25 July",
# "from 21 to 25 July", "between 3 and 5 August". Searched in a short window before the end.
_DAY_RANGE_OPENER = re.compile(
    r"(?<![\w.,\u2013-])([0-9]{1,2}(?:st|nd|rd|th)?)"
    r"(?:\s?[-\u2013]\s?|\s+(?:to|and|until|till|through)\s+)\Z"
)
_AMOUNT_RANGE_OPENER = re.compile(
    r"(?<![\w.,])([0-9]{1,3}(?:,[0-9]{3})*|[A-Za-z]+)(?:\s?[-\u2013]\s?|\s+(?:to|and|or)\s+)\Z"
)
_RANGE_GAP = re.compile(r"\s*(through|thru|to|until|till|and|-|\u2013)\s*")
# the values this module produces, years 0001-9999
_VALID = re.compile(
    r"-[1-9][0-9]*|(?!0000)[0-9]{4}(?:-(?:[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}Z?)?)?|W[0-9]{2}(?:-WE)?"
    r"|Q[1-4]|H[12]|SP|SU|FA|WI))?"
)
# verbs after which "that" before a weekday opens a clause ("expect that Friday's report")
_THAT_CLAUSE_VERBS = lex.words(
    """said say says told tell tells expect expects expected believe believes believed think
    thinks thought hope hopes hoped predict predicts predicted announced announce announces
    noted note notes warned warn warns know knows knew show shows showed suggest suggests
    suggested reported reports indicate indicates indicated confirmed confirms added adds"""
)
_TIME_LEAD_BEFORE_HEDGE = re.compile(
    r"\b(?:[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Ff]rom)\s+at\s+least\s+$"
)
_ANAPHORIC_ENDINGS = ("before", "after", "earlier", "later", "prior")
# words of a clause that make its day the day of a speech or statement
_SPEECH_WORDS = lex.words(
    """address speech statement conference briefing interview remarks session meeting hearing
    summit council debate rally announcement told said says interview broadcast post posted"""
)
_WORDS_OF = re.compile(r"[A-Za-z]+")
_ING_NOUNS = lex.words(
    """during morning evening nothing something anything everything building meeting
    hearing briefing ceasefire spring ruling funding spending housing training"""
)
_FRAME_OPENING = 12  # how far into its sentence a year still opens it ("Back in 2019, ")
_DEADLINE_LEADS = lex.words("by until till")
_UNTIL_LEADS = lex.words("until till")
_END_POINT_LEADS = lex.words("until till by before")
_PERIOD_PARTS = lex.words("end start beginning middle rest close remainder")
_OF_ON_FOR = lex.words("of on for to against through")
_GENERIC_LEADS = lex.words("every each most many some")
_NOT_FRAMES = lex.words("since before after until till by prior from through the")
_FRAME_LEADS = lex.words("in during throughout early mid late")


def _grain(iso: str) -> str:
    """The precision of an ISO value this module produced."""
    if len(iso) == 4 or iso.startswith("-"):
        return "year"
    if "T" in iso:
        return "time"
    marker = iso[5]
    if marker.isdigit():
        return "month" if len(iso) == 7 else "day"
    return {"W": "week", "Q": "quarter", "H": "half"}.get(marker, "season")


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month_iso(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _quarter_iso(index: int) -> str:
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _shift(anchor: str, unit: str, amount: int) -> str | None:
    """`anchor` moved by `amount` calendar units, at the unit's precision; None if too coarse."""
    grain, year = _grain(anchor), _year_of_iso(anchor)
    if unit == "year":
        return _year_iso(year + amount)
    if unit == "quarter":
        if grain == "quarter":
            return _quarter_iso(year * 4 + int(anchor[6]) - 1 + amount)
        if grain in ("month", "day", "time"):
            return _quarter_iso(year * 4 + (int(anchor[5:7]) - 1) // 3 + amount)
        return None
    if unit == "month":
        if grain not in ("month", "day", "time"):
            return None
        return _month_iso(year * 12 + int(anchor[5:7]) - 1 + amount)
    day = _day_of(anchor)
    if day is None:
        return None
    if unit == "week":
        return _iso_week(day + timedelta(weeks=amount))
    return (day + timedelta(days=amount)).isoformat() if grain != "week" else None


def _year_of_iso(iso: str) -> int:
    return int(iso) if iso.startswith("-") else int(iso[:4])


def _year_iso(year: int) -> str:
    """A year as ISO 8601 writes it: four digits, or signed before year 1 ("-37976")."""
    return f"{year:04d}" if year > 0 else str(year)


def _day_of(iso: str) -> date | None:
    grain = _grain(iso)
    if grain in ("day", "time"):
        return date.fromisoformat(iso[:10])
    if grain == "week":
        return date.fromisocalendar(int(iso[:4]), int(iso[6:8]), 1)
    return None


def _pick(past: int, future: int, now: int, tense: str | None, window: tuple[int, int]) -> int:
    """Choose between the latest occurrence on or before `now` and the earliest on or after.

    Past tense takes the past one, future the future one (unless that is more than
    `window[0]` away while the past one ended at most `window[1]` ago: "the July jobs
    report" read in August), and otherwise the nearer one.
    """
    if tense == "past":
        return past
    if tense == "future":
        far, recent = window
        return past if future - now > far and now - past <= recent else future
    return past if now - past <= future - now else future


def _occurrences(value: int, now: int, cycle: int) -> tuple[int, int]:
    """Indices of the latest occurrence of `value` (mod `cycle`) ≤ now and the earliest ≥ now."""
    return now - (now - value) % cycle, now + (value - now) % cycle


class _Resolver:
    """Resolves the expressions of one body in text order, remembering earlier dates."""

    def __init__(self, text: str, lo: int, hi: int, published: date | None) -> None:
        self.text, self.lo, self.hi, self.published = text, lo, hi, published
        self.mentions: list[Mention] = []
        self.last_quarter: str | None = None
        self.day_mentions: list[Mention] = []
        self.clocks: list[Mention] = []  # clock times given a day from before their sentence
        self.clock_without_day = False
        self.last_value: str | None = None
        self.last_at = lo  # where the last resolved date starts
        self.position = lo  # where the expression being resolved starts
        self.years: list[Mention] = []  # year-grained mentions: the frames of later dates

    # context helpers -------------------------------------------------------------------
    def reading(self, start: int, end: int) -> Reading:
        return reading_at(self.text, start, end, self.lo, self.hi)

    def word_before(self, position: int) -> str:
        found = _PREVIOUS_WORD.search(self.text, max(self.lo, position - 24), position)
        return found.group(1) if found else ""

    def word_after(self, position: int) -> str:
        found = _NEXT_WORD.match(self.text, position, min(self.hi, position + 30))
        return found.group(1) if found else ""

    def at_sentence_start(self, position: int) -> bool:
        return bool(_SENTENCE_START.search(self.text, max(self.lo, position - 4), position)) or (
            position == self.lo
        )

    def implied_year(self, expression: Expression) -> int | None:
        """The year a month or quarter without one takes from its context, if any.

        "between January and March 2023" → 2023; "Last year, ... in the first quarter" →
        the year that frames the sentence.
        """
        ranged = _RANGE_YEAR.match(self.text, expression.end, min(self.hi, expression.end + 40))
        if ranged:
            return int(ranged.group(1))
        recent = [m for m in self.years[-3:] if expression.start - m.start < _WINDOW]
        if not recent:
            return None
        sentence = sentence_start(self.text, expression.start, self.lo)
        frame = next((m for m in reversed(recent) if m.start >= sentence and self.frames(m)
                      and self._reaches(m, sentence, expression.start)), None)
        return int(frame.date) if frame and frame.date else None

    def _reaches(self, frame: Mention, sentence: int, position: int) -> bool:
        """Whether a year framing its sentence still frames `position`: it opens the sentence
        ("In 2023, ... in March"), or no comma parts them ("Sales in 2023 rose in March"),
        unlike "an attack in Berlin in 2019, in an interview in February"."""
        opens = frame.start - sentence <= _FRAME_OPENING
        return opens or "," not in self.text[frame.end:position]

    def record(self, expression: Expression, value: str | None) -> None:
        """Add the mention of `expression` (and the far end of a range) to the results."""
        if value and not _VALID.fullmatch(value):
            value = None  # out of the calendar's range (year 0, year 10000)
        atoms = expression.atoms
        if len(atoms) == 1 and atoms[0].kind in ("year", "mdy"):
            end, extra = _range_end(expression, value, self.text)
        else:  # what `_range_end` says of any other expression
            end, extra = expression.end, []
        start = expression.start
        if len(atoms) == 1 and atoms[0].kind in ("dmy", "ago"):
            opener = (self._day_range_opener(start, value) if atoms[0].kind == "dmy"
                      else self._amount_range_opener(atoms[0]))
            if opener is not None:
                self.mentions.append(opener)
        mention = Mention("date", self.text[start:end], start, end, date=value)
        self.mentions.append(mention)
        if self.clock_without_day:
            self.clock_without_day = False
            self.clocks = [*self.clocks[-2:], mention]
        if value:
            if len(value) == 4:
                self.years.append(mention)
            elif _grain(value) in _GRAINS_FINER_THAN_MONTH:  # (a year is neither)
                self.day_mentions.append(mention)
                self.date_earlier_clocks(mention)
            self.last_value, self.last_at = value, start
        for dated in extra:
            self.mentions.append(dated)
            if dated.date:
                self.last_value, self.last_at = dated.date, dated.start

    def date_earlier_clocks(self, day: Mention) -> None:
        """Give clock times earlier in `day`'s sentence that had no day of their own its day:
        "arrived around 6 a.m., after landslides in the early hours of Tuesday"."""
        if not self.clocks or not day.date or day is self.clocks[-1]:
            return
        reported = self.reading(day.start, day.end).reporting  # "said Tuesday"
        today = self.published.isoformat() if self.published else ""
        sentence = sentence_start(self.text, day.start, self.lo)
        for clock in self.clocks:
            if clock.start < sentence or not clock.date or "T" not in clock.date:
                continue
            if not reported or clock.date[:10] == today:  # a report's day beats no day at all
                clock.date = day.date[:10] + clock.date[10:]
        self.clocks = []

    def _amount_range_opener(self, atom: Atom) -> Mention | None:
        """The first end of "250,000 to 300,000 years ago": the same span back, its own amount."""
        floor = max(self.lo, atom.start - 20)
        opener = _AMOUNT_RANGE_OPENER.search(self.text, floor, atom.start)
        if opener is None or opener.group(1).lower() not in lex.NUMBER_WORDS and not (
                opener.group(1)[0].isdigit()):
            return None
        if _amount(opener.group(1)) >= _amount(atom.match.group("ag_n")):
            return None  # a range of amounts runs upwards
        value = self._ago_value(atom.match, _amount(opener.group(1)))
        begin, finish = opener.span(1)
        return Mention("date", self.text[begin:finish], begin, finish, date=value)

    def _day_range_opener(self, start: int, value: str | None) -> Mention | None:
        """The first day of "21-25 July" or "from 21 to 25 July", whose end starts at `start`."""
        if not value or _grain(value) != "day":
            return None
        floor = max(self.lo, start - 16)
        opener = _DAY_RANGE_OPENER.search(self.text, floor, start)
        if opener is None:
            return None
        day = int(opener.group(1).rstrip("stndrh"))
        if not 0 < day < int(value[8:10]):
            return None  # a range runs forward within its month
        begin, finish = opener.span(1)
        return Mention("date", self.text[begin:finish], begin, finish,
                       date=_same_month(value, day))

    def frames(self, mention: Mention) -> bool:
        """Whether a year frames its sentence: "In 2023, ...", "Last year, ...".

        Years that only date something ("since 2019", "her 2022 loss", "this year's race")
        frame nothing.
        """
        if self.text.startswith(("\u2019s", "'s"), mention.end):
            return False
        before = self.word_before(mention.start).lower()
        if mention.surface[0].isdigit():
            return before in _FRAME_LEADS or not before and self.at_sentence_start(mention.start)
        return before not in _NOT_FRAMES

    def anchor(self) -> str | None:
        """The value of the last date resolved in this paragraph or the one before, if any."""
        if self.last_value is None:
            return None
        floor = self.previous_paragraph(self.paragraph(self.position))
        return self.last_value if self.last_at >= floor else None

    def anchor_or_now(self) -> str | None:
        """The nearby anchor, else the publication date: what "the previous year" counts from."""
        anchor = self.anchor()
        if anchor is None and self.published is not None:
            return self.published.isoformat()
        return anchor

    def paragraph(self, position: int) -> int:
        """Where the paragraph (line) holding `position` starts."""
        return max(self.text.rfind("\n", self.lo, position) + 1, self.lo)

    def previous_paragraph(self, paragraph: int) -> int:
        """Where the paragraph before the one starting at `paragraph` starts (blank lines
        skipped); `paragraph` itself for the first one."""
        end = paragraph
        while end > self.lo and self.text[end - 1] == "\n":
            end -= 1
        return self.paragraph(end) if end > self.lo else paragraph

    def event_day(self) -> str | None:
        """The last day the story's events happened on (days of reports come last)."""
        reported = None
        for mention in reversed(self.day_mentions[-_EVENT_DAY_LOOKBACK:]):
            if not mention.date or self.word_before(mention.start).lower() in _END_POINT_LEADS:
                continue  # "until September 15": a deadline, not a day the events happened
            if not self.reading(mention.start, mention.end).reporting:
                return mention.date[:10]
            reported = reported or mention.date[:10]
        if reported:
            return reported
        return self.published.isoformat() if self.published else None

    # the expression kinds -------------------------------------------------------------
    def resolve(self, expression: Expression) -> str | None | bool:
        """The ISO value of `expression`, None if unresolvable, False if it is no date."""
        atoms = expression.atoms
        if len(atoms) == 1:  # the common case: what `part` would find, without the scans
            only = atoms[0]
            clock = only if only.kind in CLOCK_KINDS else None
            day_atom = only if only.kind in DAY_KINDS else None
        else:
            day_atom = expression.part(DAY_KINDS)
            clock = expression.part(CLOCK_KINDS)
        if clock is None or day_atom is not None and len(atoms) > 1:
            atom = atoms[0] if len(atoms) == 1 else self._best_day_atom(expression) or atoms[0]
            value = _RESOLVERS[atom.kind](self, atom, expression)
            if clock is None or value is False:
                return value
            day: str | None = value[:10] if isinstance(value, str) and len(value) >= 10 else None
        else:
            day = self.event_day()
            self.clock_without_day = True
        time = _clock_value(clock.match)
        return f"{day}T{time}" if day and time else day

    @staticmethod
    def _best_day_atom(expression: Expression) -> Atom | None:
        dated = [a for a in expression.atoms if a.kind in ("mdy", "dmy", "iso")]
        return dated[0] if dated else expression.part(DAY_KINDS)

    def iso(self, atom: Atom, expression: Expression) -> str | bool:
        m = atom.match
        if not m.group("iso_time"):
            return m.group("iso_day")
        return f"{m.group('iso_day')}T{m.group('iso_time')}{'Z' if m.group('iso_z') else ''}"

    def year(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        if not self._looks_like_year(atom):
            return False
        if _iso_month(m):
            return f"{m.group('yr')}-{m.group('yr2')}"
        return None if m.group("yr_s") else m.group("yr")

    def _looks_like_year(self, atom: Atom) -> bool:
        text, start = self.text, atom.start
        before_char = text[start - 1] if start > self.lo else " "
        if before_char in "$\u20ac\u00a3\u00a5#@\u20b9/" or (
            before_char in "-\u2011" and not _MODIFIER_HYPHEN.search(text, max(0, start - 6), start)
        ):
            return False
        before = self.word_before(start)
        if before and before[0].isupper() and _fuses_with_year(before):
            return False  # "Euro 2024", "Project 2025"
        if self.word_after(atom.match.end("yr")) in lex.COUNT_NOUNS:
            return False
        hedge = before.lower()
        if hedge == "to":
            hedge = self.word_before(start - 3).lower()
        lead = _TIME_LEAD_BEFORE_HEDGE.search(self.text, max(0, start - 20), start)
        if hedge == "least" and lead:
            return True  # "since at least 1995": a hedged point in time
        return hedge not in lex.QUALIFIER_TAILS

    def fiscal(self, atom: Atom, expression: Expression) -> str:
        m = atom.match
        name = m.group("fy2") or m.group("fy")  # "FY2023-24" is named after its end
        return name if len(name) == 4 else f"20{name}"

    def month_day(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        prefix = "md" if atom.kind == "mdy" else "dm"
        month = lex.MONTHS[m.group(f"{prefix}_m").rstrip(".")]
        day = int(m.group(f"{prefix}_d").rstrip("stndrh"))
        year_text = m.group(f"{prefix}_y")
        if day > calendar.monthrange(int(year_text) if year_text else 2024, month)[1]:
            return False
        relative = m.group(f"{prefix}_rel")  # "January 1 this year"
        if relative:
            year = self._year_of(relative)
        else:
            year = int(year_text) if year_text else self.implied_year(expression)
        if year:
            return date(year, month, day).isoformat()
        return self._day_without_year(month, day, expression)

    def _day_without_year(self, month: int, day: int, expression: Expression) -> str | None:
        if self.published is None:
            return None
        pub = self.published
        candidates = []
        for year in (pub.year - 1, pub.year, pub.year + 1):
            if day <= calendar.monthrange(year, month)[1]:
                candidates.append(date(year, month, day).toordinal())
        opener = self.range_start(expression)
        if opener and _grain(opener) in _GRAINS_FINER_THAN_MONTH:  # "from Dec. 20 to Jan. 5"
            first = date.fromisoformat(opener[:10]).toordinal()
            return date.fromordinal(min(c for c in candidates if c > first)).isoformat()
        now = pub.toordinal()
        past = max((c for c in candidates if c <= now), default=candidates[0])
        future = min((c for c in candidates if c >= now), default=candidates[-1])
        tense = self.deadline_tense(expression)
        return date.fromordinal(_pick(past, future, now, tense, (183, 31))).isoformat()

    def deadline_tense(self, expression: Expression) -> str | None:
        """The tense for a date, except that "gave them until May 5 to ..." sets a deadline
        after the giving: its past tense does not put the date before publication."""
        tense = self.reading(expression.start, expression.end).tense
        lead = self.word_before(expression.start).lower()
        if tense == "past" and lead in _UNTIL_LEADS and self.word_after(expression.end) == "to":
            return None  # the nearer occurrence
        return tense

    def month_year(self, atom: Atom, expression: Expression) -> str | None:
        m = atom.match
        if m.group("my_rel"):  # "December last year", "July of this year"
            year = self._year_of(m.group("my_rel"))
            return f"{year:04d}-{lex.MONTHS[m.group('my_m2')]:02d}" if year else None
        return f"{m.group('my_y')}-{lex.MONTHS[m.group('my_m').rstrip('.')]:02d}"

    def month(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        name, rel = m.group("mo"), _relative_word(m.group("mo_rel"))
        if not rel and not self._month_in_context(atom, name):
            return False
        number = lex.MONTHS[name]
        if rel == "that":
            anchor = self.last_value
            return f"{anchor[:4]}-{number:02d}" if anchor else None
        implied = None if rel else self.implied_year(expression)
        if implied:
            return f"{implied:04d}-{number:02d}"
        if self.published is None:
            return None
        now = self.published.year * 12 + self.published.month - 1
        if rel == "last":  # "last March": the March of last year, as "this March" is this year's
            return f"{self.published.year - 1:04d}-{number:02d}"
        if rel == "past":
            return _month_iso(_occurrences(number - 1, now - 1, 12)[0])
        if rel == "next":
            return _month_iso(_occurrences(number - 1, now + 1, 12)[1])
        if rel == "this":
            return f"{self.published.year:04d}-{number:02d}"
        opener = self.range_start(expression)
        if opener and _grain(opener) in ("month", "day", "time"):  # "from April to June"
            first = int(opener[:4]) * 12 + int(opener[5:7]) - 1
            return _month_iso(_occurrences(number - 1, first + 1, 12)[1])
        past, future = _occurrences(number - 1, now, 12)
        if past == future:
            return _month_iso(now)  # the month of publication, whatever the tense
        tense = self.reading(expression.start, expression.end).tense
        if tense != "past" and self.word_before(atom.start).lower() in _DEADLINE_LEADS:
            tense = "future"  # "raises the wage by January": a deadline lies ahead
        return _month_iso(_pick(past, future, now, tense, (6, 1)))

    def _month_in_context(self, atom: Atom, name: str) -> bool:
        before_char = self.text[atom.start - 1] if atom.start > self.lo else " "
        if before_char in "-\u2011":
            return bool(_MODIFIER_HYPHEN.search(self.text, max(0, atom.start - 6), atom.start))
        before = self.word_before(atom.start).lower()
        if name == "March" and before in ("the", "a") and self.word_after(atom.end) in _OF_ON_FOR:
            return False  # "the March on Washington", "a March for Life": a march
        leads = _MONTH_STRICT_LEADS if name == "May" else lex.MONTH_LEADS
        if before in leads:
            return before in _MONTH_STRICT_LEADS or not self.word_after(atom.end)[:1].isupper()
        if name == "May":
            return False
        if not before.endswith(("\u2019s", "'s")) and not self.at_sentence_start(atom.start):
            return False  # a possessive acts as a determiner: "Friday's July jobs report"
        return not self.word_after(atom.end)[:1].isupper()

    def weekday(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        before = self.word_before(atom.start)
        if before in lex.WEEKDAY_NAME_WORDS and not m.group("wd_rel"):
            return False  # "Black Friday"
        if before.lower() in _GENERIC_LEADS:
            return False  # "every Monday": a frequency, not a date
        if self.word_after(m.end("wd")) in lex.WEEKDAY_NAME_TAILS:
            return False
        if self.published is None:
            return None
        rel = _relative_word(m.group("wd_rel"))
        if rel == "that" and self.word_before(atom.start).lower() in _THAT_CLAUSE_VERBS:
            rel = ""  # "expect that Friday's report": a conjunction, not "that Friday"
            expression.start = atom.start = m.start("wd_pre") if m.group("wd_pre") else m.start(
                "wd")
        return self._weekday_date(lex.WEEKDAYS[m.group("wd")], rel, expression)

    def _weekday_date(self, number: int, rel: str, expression: Expression) -> str | None:
        pub = self.published
        assert pub is not None
        back = (pub.weekday() - number) % 7  # days since the last such weekday, 0 if today
        ahead = (number - pub.weekday()) % 7
        if rel in ("last", "past"):
            return (pub - timedelta(days=back or 7)).isoformat()
        if rel == "next":
            return (pub + timedelta(days=ahead or 7)).isoformat()
        if rel == "this":
            return (pub + timedelta(days=number - pub.weekday())).isoformat()
        if rel == "that":
            return None
        opener = self.range_start(expression)
        if opener and _grain(opener) in _GRAINS_FINER_THAN_MONTH:  # "from Friday through Sunday"
            first = date.fromisoformat(opener[:10])
            return (first + timedelta(days=(number - first.weekday()) % 7 or 7)).isoformat()
        if number == pub.weekday():
            return pub.isoformat()  # every tense reads the publication day itself
        tense = self.reading(expression.start, expression.end).tense
        forward = tense == "future" or tense == "present"
        return (pub + timedelta(days=ahead) if forward else pub - timedelta(days=back)).isoformat()

    def relday(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        word = (m.group("rd") or "").lower()
        if word == "today" and not m.group("rd_post") and not self._today_is_a_day(expression):
            return False
        if self.published is None:
            return None
        rel = (m.group("rd_rel") or "").lower()
        if rel in ("next", "following", "previous"):  # "the next morning": from the day named
            anchor = self.anchor()
            if anchor is None or _grain(anchor) not in _GRAINS_FINER_THAN_MONTH:
                return False
            return _shift(anchor[:10], "day", -1 if rel == "previous" else 1)
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        if rel == "last":
            offset = -1
        day = self.speech_day(atom.start) or self.published
        return (day + timedelta(days=offset)).isoformat()

    def speech_day(self, position: int) -> date | None:
        """The day words quoted at `position` were spoken, if the text names it.

        "today" inside quotation marks means the day of the speech: the last day named in
        the quote's paragraph or the one before, in a clause about speaking ("in an address
        Monday ... “Effective today, ...”"). None outside quotation marks, or when the day
        named there is not a day of speaking ("The storm hit on Monday. “Today we mourn”").
        """
        paragraph = self.paragraph(position)
        if not _inside_quotation(self.text, paragraph, position):
            return None
        floor = self.previous_paragraph(paragraph)
        for mention in reversed(self.day_mentions[-_EVENT_DAY_LOOKBACK:]):
            if mention.start < floor:
                break
            if mention.date and mention.start < position:
                return date.fromisoformat(mention.date[:10]) if self._spoken_on(mention) else None
        return None

    def _spoken_on(self, day: Mention) -> bool:
        """Whether `day` dates a speech: "said Monday", "in an address Monday", "at the
        council on Friday" (a word of speaking in its clause)."""
        if self.reading(day.start, day.end).reporting:
            return True
        clause = sentence_start(self.text, day.start, self.lo)
        words = _WORDS_OF.findall(self.text, clause, min(self.hi, day.end + 40))
        return any(word.lower() in _SPEECH_WORDS for word in words)

    def _today_is_a_day(self, expression: Expression) -> bool:
        before = self.word_before(expression.start).lower()
        if before in ("earlier", "later", "until", "from"):
            return True
        lead = _WORDS_OF.findall(self.text, max(self.lo, expression.start - 40), expression.start)
        if any(_is_participle_ing(word) for word in lead[-4:]):
            return False  # "influencing our lives today": what holds nowadays
        reading = reading_at(
            self.text, expression.start, expression.end, self.lo, self.hi, skip_reporting=True
        )
        return reading.tense in ("past", "future")

    def ago(self, atom: Atom, expression: Expression) -> str | None | bool:
        return self._ago_value(atom.match, _amount(atom.match.group("ag_n")))

    def _ago_value(self, m: re.Match[str], amount: int) -> str | None:
        """ "N units ago" from the publication date, "N units later/earlier" from the anchor."""
        unit, factor = lex.UNITS[m.group("ag_u")]
        direction = m.group("ag_dir")
        if direction == "later":
            anchor = self.anchor()
            if anchor is None:
                return self._later_is_now(m, unit)
        else:  # "a year earlier" with no time named nearby counts back from publication
            published = self.published.isoformat() if self.published else None
            anchor = published if direction == "ago" else self.anchor_or_now()
        if anchor is None:
            return None
        return _shift(anchor, unit, amount * factor * (1 if direction == "later" else -1))

    def _later_is_now(self, m: re.Match[str], unit: str) -> str | None:
        """ "Four years later, things seem back to normal": with no time named before it, a
        span "later" that the present tense describes ends at publication."""
        if m.group("ag_dir") != "later" or self.published is None:
            return None
        if reading_after(self.text, m.end(), self.hi).tense != "present":
            return None
        return _shift(self.published.isoformat(), unit, 0)

    def vague(self, atom: Atom, expression: Expression) -> None | bool:
        before = self.word_before(atom.start).lower()
        if before == "the":
            before = self.word_before(atom.start - 4).lower()
        if before == "for":
            return False  # "for the past decade": how long, not when
        return None

    def relunit(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        rel, unit = _relative_word(m.group("ru_rel")), m.group("ru_u")
        the = self.word_before(atom.start).lower() == "the"
        if unit in ("decade", "century"):
            return None
        if self.text.startswith(("-", "\u2011"), atom.end):
            return False  # "that day-trippers": a word of a compound
        if unit == "day" and rel in ("this", "last", "past", "current"):
            return False
        if rel == "past" and unit != "weekend" or rel == "last" and the and unit != "weekend":
            return self.vague(atom, expression)  # "over the past year": a period, no value
        if rel == "same" and unit == "day":
            return False  # "on the same day that ...": anaphoric, not annotated (guideline §8)
        if rel in ("previous", "prior", "following", "same", "that") or rel == "next" and the:
            return self._anaphoric(rel, unit)
        if self.published is None:
            return None
        if unit == "weekend":
            return self._weekend(rel, expression)
        if unit == "quarter" and rel == "this" and self.last_quarter:
            return self.last_quarter
        step = {"last": -1, "next": 1}.get(rel, 0)
        return _shift(self.published.isoformat(), unit, step)

    def unit_before(self, atom: Atom, expression: Expression) -> str | None:
        """ "a 3% rise from the year before": one unit from the time just named."""
        anchor = self.anchor_or_now()
        if anchor is None:
            return None
        step = 1 if atom.match.group("ub_dir") == "after" else -1
        return _shift(anchor, atom.match.group("ub"), step)

    def part_of_period(self, atom: Atom, expression: Expression) -> str | None | bool:
        """ "by the end of the year/month/week": the period of the text's time, or of
        publication when the clause looks ahead."""
        if self.word_before(atom.start - 7).lower() not in _PERIOD_PARTS:
            return False  # "the best of the year", "the player of the month"
        unit = atom.match.group("pp")
        if unit == "year":
            year = self._year_of("the year")
            return _year_iso(year) if year else None
        ahead = self.reading(atom.start, atom.end).tense == "future"
        anchor = None if ahead else self.anchor()
        if anchor is None or _grain(anchor) not in ("month", "week", "day", "time"):
            anchor = self.published.isoformat() if self.published else None
        return _shift(anchor, unit, 0) if anchor else None

    def same_period(self, atom: Atom, expression: Expression) -> str | None:
        """ "the same period last year": the period just named, a year back, at its precision."""
        anchor = self.anchor()
        if anchor is None:
            return _year_iso(self.published.year - 1) if self.published else None
        unit = atom.match.group("sp").split()[-1]
        if unit in ("quarter", "month", "week"):  # "the same quarter": the anchor's quarter
            anchor = _shift(anchor, unit, 0) or anchor
        return _year_back(anchor)

    def _anaphoric(self, rel: str, unit: str) -> str | None | bool:
        if rel == "that":
            anchor = self.last_value  # "that" points back to a time named, however far
        else:
            anchor = self.anchor() if rel == "same" else self.anchor_or_now()
        if anchor is None or unit == "weekend":
            return None
        if rel == "that" and _grain(anchor) == unit:
            return False  # "that year" after "in 2015": a reference back, not a new date
        step = {"previous": -1, "prior": -1, "following": 1, "next": 1}.get(rel, 0)
        return _shift(anchor, unit, step)

    def _weekend(self, rel: str, expression: Expression) -> str | None:
        pub = self.published
        assert pub is not None
        if rel in ("last", "past"):
            week = -1
        elif rel == "next":
            week = 1
        elif rel == "this" or pub.weekday() >= 5:
            week = 0
        else:
            week = -1 if self.reading(expression.start, expression.end).tense == "past" else 0
        return f"{_iso_week(pub + timedelta(weeks=week))}-WE"

    def the_weekend(self, atom: Atom, expression: Expression) -> str | None:
        return self._weekend("", expression) if self.published else None

    def quarter(self, atom: Atom, expression: Expression) -> str | None | bool:
        m = atom.match
        if m.group("q_n"):
            number, year_text = int(m.group("q_n")), m.group("q_y")
        elif m.group("q_ord"):
            ordinal = m.group("q_ord").lower()
            if ordinal == "final" and not m.group("q_of"):
                return False
            number, year_text = lex.ORDINALS[ordinal], m.group("q_of")
        else:
            first, last = lex.MONTHS[m.group("q_m1")], lex.MONTHS[m.group("q_m2")]
            if first % 3 != 1 or last != first + 2:
                return None
            number, year_text = (first + 2) // 3, m.group("q_of2")
        value = self._in_year(year_text, f"Q{number}", number - 1, 4, expression)
        self.last_quarter = value or self.last_quarter
        return value

    def half(self, atom: Atom, expression: Expression) -> str | None:
        m = atom.match
        if m.group("h_n"):
            return f"{m.group('h_y')}-H{m.group('h_n')}"
        number = 1 if m.group("h_ord").lower() in ("first", "1st") else 2
        return self._in_year(m.group("h_of"), f"H{number}", number - 1, 2, expression)

    def months_of(self, atom: Atom, expression: Expression) -> str | None:
        """ "the first three months of 2024" is its first quarter, "the last six months" its
        second half; a span of months with no name of its own stays at the year."""
        m = atom.match
        count = m.group("mf_n")
        first = m.group("mf_ord").lower() == "first"
        year = self._year_of(m.group("mf_of"))
        if not year:
            return None
        if count in ("three", "3"):
            return f"{year:04d}-{'Q1' if first else 'Q4'}"
        if count in ("six", "6"):
            return f"{year:04d}-{'H1' if first else 'H2'}"
        return f"{year:04d}"

    def _in_year(
        self, year_text: str | None, label: str, index: int, per_year: int, expression: Expression
    ) -> str | None:
        """`label` (Q2, H1) in the named year, or in the year the tense points to."""
        year = self._year_of(year_text) if year_text else self.implied_year(expression)
        if year or year_text:
            return f"{year:04d}-{label}" if year else None
        if self.published is None:
            return None
        pub = self.published
        now = pub.year * per_year + (pub.month - 1) * per_year // 12
        past, future = _occurrences(index, now, per_year)
        tense = self.reading(expression.start, expression.end).tense
        window = (2, 1) if per_year == 4 else (per_year, 0)  # "will report Q2 results" in July
        return f"{_pick(past, future, now, tense, window) // per_year:04d}-{label}"

    def _year_of(self, year_text: str) -> int | None:
        digits = re.search(r"[0-9]{4}", year_text)
        if digits:
            return int(digits.group())
        if self.published is None:
            return None
        word = year_text.split()[0].lower()
        ahead = word == "the" and self.reading(self.position, self.position).tense == "future"
        if word == "the" and not ahead:  # "the second half of the year": the text's year
            named = next((m for m in reversed(self.years) if not m.surface.endswith(
                _ANAPHORIC_ENDINGS)), None)
            if named and named.date:
                return int(named.date)
        return self.published.year + {"last": -1, "next": 1}.get(word, 0)

    def in_season(self, atom: Atom, expression: Expression) -> str | None:
        """ "in the spring": the season the tense points to."""
        if self.published is None:
            return None
        code = lex.SEASONS[atom.match.group("is").lower()]
        now = _season_index(self.published)
        past, future = _occurrences(("SP", "SU", "FA", "WI").index(code), now, 4)
        tense = self.reading(expression.start, expression.end).tense
        if tense != "past" and atom.match.group("is_bare") is not None:
            tense = "future"  # "by spring": a deadline lies ahead
        return f"{_pick(past, future, now, tense, (4, 0)) // 4:04d}-{code}"

    def holiday(self, atom: Atom, expression: Expression) -> str | None | bool:
        """ "over Christmas", "on Good Friday", "Easter 2023": the holiday's day."""
        m = atom.match
        name = " ".join(m.group("hol").lower().replace("\u2019", "'").split())
        rel, year_text = (m.group("hol_rel") or "").lower(), m.group("hol_y")
        leads = lex.HOLIDAY_LEADS
        if not (year_text or rel or " " in name or self.word_before(atom.start).lower() in leads):
            return False  # "Christmas trees", "Easter eggs"
        rule = lex.HOLIDAYS[name]
        if year_text:
            return _holiday(rule, int(year_text)).isoformat()
        if self.published is None:
            return None
        now = self.published.toordinal()
        days = [_holiday(rule, self.published.year + step).toordinal() for step in (-1, 0, 1)]
        if rel == "this":
            choice = days[1]
        elif rel == "last":
            choice = max(d for d in days if d < now)
        elif rel == "next":
            choice = min(d for d in days if d > now)
        else:
            past = max(d for d in days if d <= now)
            future = min(d for d in days if d >= now)
            tense = self.reading(expression.start, expression.end).tense
            choice = _pick(past, future, now, tense, (183, 31))
        return date.fromordinal(choice).isoformat()

    def range_start(self, expression: Expression) -> str | None:
        """The date that opens a range this expression closes ("from April to June")."""
        if not self.mentions:
            return None
        previous = self.mentions[-1]
        gap = _RANGE_GAP.fullmatch(self.text, previous.end, expression.start)
        if not previous.date or not gap:
            return None
        if gap.group(1) == "and" and self.word_before(previous.start).lower() != "between":
            return None
        return previous.date

    def season(self, atom: Atom, expression: Expression) -> str | None:
        m = atom.match
        name = (m.group("s1") or m.group("s2")).lower()
        code = lex.SEASONS[name]
        year_text = m.group("s1_y") or m.group("s2_y")
        if year_text:
            return f"{year_text}-{code}"
        rel = m.group("s_rel").lower().split()[-1]
        if rel == "that":
            anchor = self.last_value
            return f"{anchor[:4]}-{code}" if anchor else None
        if self.published is None:
            return None
        return f"{_season_year(self.published, code, rel):04d}-{code}"


def _is_participle_ing(word: str) -> bool:
    """A present participle ("influencing", "shaping"), not "during", "morning", "nothing"."""
    return len(word) > 5 and word.endswith("ing") and word.islower() and word not in _ING_NOUNS


def _relative_word(words: str | None) -> str:
    """ "last", "next", ... lower-cased; "this past" reads as "past"; "" for none."""
    return words.split()[-1].lower() if words else ""


def _inside_quotation(text: str, start: int, position: int) -> bool:
    """Whether `position` lies inside quotation marks opened since `start` (a paragraph's)."""
    span = text[start:position]
    curly = span.count("\u201c") - span.count("\u201d")
    return curly > 0 or span.count('"') % 2 == 1


def _year_back(iso: str) -> str | None:
    """`iso` one year earlier, at its own precision ("2024-H1" → "2023-H1")."""
    year = _year_of_iso(iso) - 1
    if iso.startswith("-") or len(iso) == 4:
        return _year_iso(year)
    shifted = f"{year:04d}{iso[4:]}"
    if _grain(shifted) in ("day", "time") and not _is_calendar_day(shifted[:10]):
        return shifted[:7]  # February 29 of a leap year: the month stays
    return shifted


def _is_calendar_day(iso_day: str) -> bool:
    try:
        date.fromisoformat(iso_day)
    except ValueError:
        return False
    return True


def _amount(word: str) -> int:
    """The number of "40,000", "12" or "two" before a unit of time."""
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() else lex.NUMBER_WORDS[word.lower()]


def _holiday(rule: tuple[int, int] | tuple[str, int], year: int) -> date:
    """The day of a holiday in `year` (Easter by dateutil's computus)."""
    if rule[0] == "easter":
        sunday: date = easter(year)
        return sunday + timedelta(days=rule[1])
    if rule[0] == "thanksgiving":  # the fourth Thursday of November
        thursday: date = date(year, 11, 1) + relativedelta(weekday=TH(+4))
        return thursday
    month, day = rule
    assert isinstance(month, int)
    return date(year, month, day)


def _fuses_with_year(word: str) -> bool:
    """Whether a capitalised `word` right before a year makes one name with it."""
    bare = word.rstrip(".")
    return bare not in lex.YEAR_LEADS and bare not in lex.MONTHS and not word.endswith(
        ("\u2019s", "'s")
    )


def _season_index(day: date) -> int:
    """Seasons counted from year 0: four a year, winter labelled with its December's year."""
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def _season_year(published: date, code: str, rel: str) -> int:
    order = ("SP", "SU", "FA", "WI").index(code)
    now = _season_index(published)
    if rel in ("last", "past"):
        return _occurrences(order, now - 1, 4)[0] // 4
    if rel == "next":
        return _occurrences(order, now + 1, 4)[1] // 4
    return now // 4 if code == "WI" else published.year


def _clock_value(match: re.Match[str]) -> str | None:
    """`HH:MM` (with `Z` for UTC/GMT) from a clock atom."""
    if match.lastgroup == "noon":
        return "12:00"
    if match.lastgroup == "clock":
        hour = int(match.group("ck_h")) % 12
        if match.group("ck_ap")[0] in "pP":
            hour += 12
        minute, zone = match.group("ck_m") or "00", match.group("ck_tz")
    else:
        hour = int(match.group("c24_h") or match.group("c24_h2"))
        minute = match.group("c24_m") or match.group("c24_m2")
        zone = match.group("c24_tz") or match.group("c24_tz2")
    utc = "Z" if zone in lex.TIMEZONES_UTC else ""
    return f"{hour:02d}:{minute}{utc}"


_RESOLVERS: dict[str, Callable[[_Resolver, Atom, Expression], str | None | bool]] = {
    "iso": _Resolver.iso,
    "year": _Resolver.year,
    "fiscal": _Resolver.fiscal,
    "mdy": _Resolver.month_day,
    "dmy": _Resolver.month_day,
    "my": _Resolver.month_year,
    "month": _Resolver.month,
    "weekday": _Resolver.weekday,
    "relday": _Resolver.relday,
    "ago": _Resolver.ago,
    "same_period": _Resolver.same_period,
    "relunit": _Resolver.relunit,
    "unit_before": _Resolver.unit_before,
    "part_of_period": _Resolver.part_of_period,
    "weekend": _Resolver.the_weekend,
    "in_season": _Resolver.in_season,
    "holiday": _Resolver.holiday,
    "quarter": _Resolver.quarter,
    "half": _Resolver.half,
    "months_of": _Resolver.months_of,
    "season": _Resolver.season,
    "vague": _Resolver.vague,
}


def _range_end(
    expression: Expression, value: str | None, text: str
) -> tuple[int, list[Mention]]:
    """Where the first mention of a range ("2018-2022", "July 8-10") ends, and the second one."""
    match = expression.atoms[0].match
    kind = match.lastgroup
    if len(expression.atoms) > 1 or kind not in ("year", "mdy"):
        return expression.end, []
    first, second = ("yr", "yr2") if kind == "year" else ("md_d", "md_d2")
    if not match.group(second) or kind == "year" and _iso_month(match):
        return expression.end, []
    if kind == "year" and not _forward_years(match):
        return match.end(first), []
    begin, finish = match.span(second)
    number = match.group(second)
    if kind == "year":
        far: str | None = number if len(number) == 4 else match.group("yr")[:2] + number
    else:
        far = _same_month(value, int(number.rstrip("stndrh")))
    return match.end(first), [Mention("date", text[begin:finish], begin, finish, date=far)]


def _forward_years(match: re.Match[str]) -> bool:
    """Whether "2019-20" / "2018-2022" is a range of years (its end after its start)."""
    first, second = match.group("yr"), match.group("yr2")
    return int(second if len(second) == 4 else first[:2] + second) > int(first)


def _iso_month(match: re.Match[str]) -> bool:
    """ "2020-06": not a range of years (it would run backwards) but an ISO month."""
    second = match.group("yr2")
    return bool(second) and len(second) == 2 and not _forward_years(match) and (
        1 <= int(second) <= 12
    )


def _same_month(value: str | None, day: int) -> str | None:
    if not value or _grain(value) != "day":
        return None
    year, month = int(value[:4]), int(value[5:7])
    return f"{value[:8]}{day:02d}" if day <= calendar.monthrange(year, month)[1] else None


def find_dates(text: str, start: int, end: int, published: date | None) -> list[Mention]:
    """Date and time mentions in `text[start:end]`, offsets into `text`, in text order.

    `date` is the ISO value at the expression's own precision, resolved against
    `published` where the expression is relative; None when it cannot be resolved.
    Pure; never raises on any `str`.
    """
    if isinstance(published, datetime):
        published = published.date()
    resolver = _Resolver(text, start, end, published)
    for expression in expressions(text, start, end):
        resolver.position = expression.start
        try:
            value = resolver.resolve(expression)
        except (ValueError, OverflowError, KeyError, IndexError):
            value = None
        if value is not False:
            resolver.record(expression, value if isinstance(value, str) else None)
    return resolver.mentions
