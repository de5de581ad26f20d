"""Which way in time a date expression points, read from the verbs of its clause.

News copy rarely says which Monday or which June it means; the tense of the verb that
governs the date does ("landed on Monday" → the last Monday, "begins on Tuesday" → the
next one). `reading_at` looks at the words of the sentence nearest the date, left side
first, and returns the first one that carries tense. It also says whether that word is a
reporting verb ("said Tuesday"), which marks a day as the day something was reported
rather than the day the story's events happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claims.extract.date_lexicon import words
from claims.extract.word_amounts import DETERMINERS

Tense = Literal["past", "present", "future"]


@dataclass(frozen=True, slots=True)
class Reading:
    """The tense governing a date (None when no verb says) and whether it is a report."""

    tense: Tense | None
    reporting: bool = False


NO_READING = Reading(None)

_FUTURE = words(
    """will shall won't 'll would wouldn't may might upcoming next scheduled slated
    expected expects expect plans planned planning potential guaranteed guarantees promised
    promises pledged pledges vowed vows forecast forecasts projected predicted predicts
    intends intend aims hopes ahead soon tomorrow due must starting beginning effective"""
)
# future words that are also nouns: after a determiner they are no verb ("the forecast")
_FUTURE_NOUNS = words("forecast forecasts plans promises pledges hopes vows aims")
_PAST_AUX = words("was were wasn't weren't had hadn't did didn't ago")
_PRESENT_AUX = words("is are am isn't aren't do does don't doesn't")
_PERFECT_AUX = words("has have hasn't haven't")
_FUTURE_AFTER_BE = words("to set scheduled due expected slated going about")
_REPORTING_PAST = words(
    """said told posted wrote added announced stated noted reported tweeted explained
    confirmed claimed insisted argued warned revealed responded replied"""
)
_REPORTING_PRESENT = words("says tells writes adds notes announces reports")
_IRREGULAR_PAST = words(
    """began took made came went won lost fell rose saw gave got left met ran held brought
    bought sold spent paid found knew thought struck stood led kept sent built became broke
    chose drew drove ate flew forgot froze grew hid laid rode rang sang sank shook shot slid
    spoke stole swore threw woke wore fought sought taught caught heard meant felt dealt
    arose withdrew underwent undertook oversaw overtook began swept sat slept lit
    fled bled won wound"""
)
# forms that are both base/present and past ("hit", "cut"): past after a likely subject
_AMBIGUOUS_PAST = words(
    "hit put set cut let quit hurt cost beat spread shut split read bet cast broadcast burst"
)
_PRESENT_VERBS = words(
    """begins starts opens ends closes fights meets faces plays holds runs arrives leaves
    heads returns visits resumes kicks remains continues expires launches takes seem seems
    appear appears"""
)
_DEFERRING = words("postponed delayed deferred rescheduled extended adjourned pushed moved")
_UNSEEN = "\x00"  # the word before, when the words in sight end in adverbs
_ADVERBS = words("further also not never still already just even then again yet")
_AUXILIARIES = words("be been being is are am was were has have had get gets got")
# linking verbs: the -ed word after them is an adjective ("will stay closed"), their own
# form carries the tense
_LINKING = words("stay stays stayed remain remains remained become becomes became")
_NOT_VERB_ENDINGS = ("ss", "us", "is", "'s")
_SUBJECT_PRONOUNS = words("he she it who which that")
_NOT_PAST_ED = words(
    """need speed seed feed bed red shed indeed proceed exceed succeed hundred united
    limited related based armed advanced detailed supposed alleged unspecified renowned
    aged beloved naked wicked sacred skilled talented tired varied interested concerned
    embed breed greed weed"""
)
# numerals are words too, so that "64 Assembly seats" reads as a noun phrase
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?|\d[\d,.]*\d|\d")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n")
# "Mr." "Sen." "U.S." "a.m.": a full stop that does not end a sentence
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b[a-zA-Z]\.[a-zA-Z])$")
_LEAD_SINCE = re.compile(r"\b[Ss]ince\s+(?:(?:early|mid|late|the\s+end\s+of)[\s-]+)?$")
_LEAD_UNTIL_NOW = re.compile(
    r"\b(?:[Tt]hrough|[Tt]hru|[Aa]s\s+of|[Pp]rior\s+to|[Ss]o\s+far)\s+(?:(?:early|mid|late)[\s-]+)?$"
)
# how every lead the two patterns above match ends, once its spaces and hyphens are stripped
_SINCE_TAILS = ("ince", "early", "mid", "late", "of")
_UNTIL_NOW_TAILS = ("hrough", "hru", "of", "to", "far", "early", "mid", "late")
_WINDOW = 220
_NEAR = 48


_PAST, _PRESENT, _FUTURE_READING = Reading("past"), Reading("present"), Reading("future")
_REPORTED = Reading("past", reporting=True)
# each word list above, as one table: lowercase word → its class
_CLASS_OF: dict[str, str] = {
    **dict.fromkeys(_AMBIGUOUS_PAST, "ambiguous"), **dict.fromkeys(_PRESENT_VERBS, "present"),
    **dict.fromkeys(_IRREGULAR_PAST, "past"), **dict.fromkeys(_PERFECT_AUX, "perfect"),
    **dict.fromkeys(_PRESENT_AUX, "present aux"), **dict.fromkeys(_PAST_AUX, "past aux"),
    **dict.fromkeys(_FUTURE, "future"), **dict.fromkeys(_NOT_PAST_ED, "none"),
    "could": "modal",
    **dict.fromkeys(_REPORTING_PAST | _REPORTING_PRESENT, "reporting"),
}


def _classify(words: list[str], i: int) -> Reading | None:
    """The reading one word gives, looking at its neighbours; None if it carries no tense."""
    word = words[i]
    lower = word.lower().replace("\u2019", "'")
    if lower in _DEFERRING and i + 1 < len(words) and words[i + 1] in ("until", "till", "to"):
        return _FUTURE_READING  # "postponed until Aug. 1" points forward
    kind = _CLASS_OF.get(lower)
    if kind is None:
        if not lower.endswith(_REGULAR_ENDINGS):
            return None  # what `_regular_form` says of such a word, whatever stands before it
        return _regular_form(word, lower, words, i)
    if kind == "reporting":
        return _REPORTED
    if kind == "future":
        if word == "May" or (lower in _FUTURE_NOUNS and i and words[i - 1].lower() in DETERMINERS):
            return None  # "the forecast", "its plans": a noun, no verb
        return _FUTURE_READING
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    if kind == "modal":  # "could rise by the weekend"; "could not", "could have" look back
        return None if after in ("not", "have", "never") else _FUTURE_READING
    if kind == "past aux":
        return _FUTURE_READING if after in _FUTURE_AFTER_BE else _PAST
    if kind == "present aux":
        return _FUTURE_READING if after in _FUTURE_AFTER_BE else _PRESENT
    if kind == "perfect":
        return _PAST if _is_participle(after) else _PRESENT
    before_word = words[i - 1] if i else ""
    if kind == "none" or before_word.lower() in _AUXILIARIES:
        return None  # a participle ("will be released"): its auxiliary carries the tense
    if kind == "ambiguous":
        return _PAST if _looks_like_subject(before_word.lower(), before_word) else None
    return _PAST if kind == "past" else _PRESENT


_REGULAR_ENDINGS = ("'ll", "ed", "s")  # the only endings `_regular_form` reads a tense from


def _regular_form(word: str, lower: str, words: list[str], i: int) -> Reading | None:
    """-ed pasts ("landed") and -s presents after a subject ("who fights", "Senate votes")."""
    if lower.endswith("'ll"):
        return _FUTURE_READING
    if not word[0].islower():
        return None
    before = _before_adverbs(words, i)
    if before in _AUXILIARIES or before in _LINKING or before == _UNSEEN:
        return None
    if lower.endswith("ed") and len(lower) > 4:
        return _PAST
    if lower.endswith("s") and (before in _SUBJECT_PRONOUNS or _is_subject_name(words, i - 1)):
        return None if lower.endswith(_NOT_VERB_ENDINGS) else _PRESENT
    return None


def _is_name(word: str) -> bool:
    """A capitalised word that can be a subject: "Senate", "Boeing" (not "The", "Its")."""
    return word[:1].isupper() and word.isalpha() and word.lower() not in DETERMINERS


def _is_subject_name(words: list[str], i: int) -> bool:
    """`words[i]` is a name that can be a subject, not a modifier after a count ("64
    Assembly seats", "the 99 Senate votes")."""
    return i >= 0 and _is_name(words[i]) and not (i and words[i - 1][:1].isdigit())


def _before_adverbs(words: list[str], i: int) -> str:
    """The word before `words[i]`, skipping adverbs ("be further complicated" → "be")."""
    j = i - 1
    while j >= 0 and (words[j].lower() in _ADVERBS or words[j].endswith("ly")):
        j -= 1
    if j < 0:
        return "" if i == 0 else _UNSEEN  # only adverbs in sight: the auxiliary may be further
    return words[j].lower()


def _looks_like_subject(before: str, before_word: str) -> bool:
    """Whether the word before an ambiguous form ("hit", "cut") can be its subject."""
    if before in _SUBJECT_PRONOUNS or before in ("they", "we", "i", "you"):
        return True
    return bool(before_word) and (before_word[0].isupper() or (
        before.endswith("s") and not before.endswith(("ss", "'s", "us"))))


def _is_participle(word: str) -> bool:
    return word == "been" or word.endswith(("ed", "en")) or word in _IRREGULAR_PAST


def sentence_start(text: str, start: int, lo: int, reach: int = _WINDOW) -> int:
    """Where the sentence holding `start` begins, looking back at most `reach` characters.

    Returns `start - reach` (or `lo`) when no sentence end lies in reach.
    """
    cut = max(lo, start - reach)
    for end in _SENTENCE_END.finditer(text, cut, start + 2):  # +2: the lookahead sees on
        stop = end.start()
        if end.end() > start:
            break
        if end.group() == "\n" or not _ABBREVIATION.search(text, max(lo, stop - 4), stop):
            cut = end.end()
    return cut


def _sentence_end(text: str, end: int, hi: int) -> int:
    limit = min(hi, end + _WINDOW)
    stop = _SENTENCE_END.search(text, end, limit)
    return stop.start() if stop else limit


def _first_reading(words: list[str], order: range, skip_reporting: bool) -> Reading | None:
    for i in order:
        found = _classify(words, i)
        if found is not None and not (skip_reporting and found.reporting):
            return found
    return None


def reading_at(
    text: str, start: int, end: int, lo: int, hi: int, *, skip_reporting: bool = False
) -> Reading:
    """The tense governing the date at `text[start:end]`, from its sentence in `text[lo:hi]`.

    The nearest tense-bearing word to the left wins, then the nearest to the right.
    "since X" always reads as past; "through X" and "as of X" as past unless a future verb
    governs them. With `skip_reporting`, reporting verbs ("he says") are passed over, so
    the verb of what was reported decides. Never raises.
    """
    near = sentence_start(text, start, lo, _NEAR)  # most verbs stand close to their date
    cut = near == max(lo, start - _NEAR)  # no sentence end that close: the sentence goes on
    while cut and near > lo and text[near - 1].isalpha():
        near -= 1  # do not split the word at the cut
    lead = text[max(near, start - 32):start]
    # both lead patterns end in a word, then spaces and hyphens up to the end: test the word
    tail = lead.rstrip()
    while tail.endswith("-"):
        tail = tail[:-1].rstrip()
    if tail.endswith(_SINCE_TAILS) and _LEAD_SINCE.search(lead):
        return _PAST
    found = _nearest_left(_WORD.findall(text, near, start), skip_reporting)
    if found is None and cut:
        sentence = sentence_start(text, near, lo)
        found = _nearest_left(_WORD.findall(text, sentence, near), skip_reporting)
    if found is None:
        right_words = _WORD.findall(text, end, _sentence_end(text, end, hi))
        found = _first_reading(right_words, range(len(right_words)), skip_reporting)
    until_now = tail.endswith(_UNTIL_NOW_TAILS) and _LEAD_UNTIL_NOW.search(lead)
    if until_now and (found is None or found.tense != "future"):
        return Reading("past", found.reporting if found else False)
    return found or NO_READING


def reading_after(text: str, end: int, hi: int) -> Reading:
    """The tense of the first tense-bearing word after `end` in its sentence, for a date
    that opens its clause ("Two years later, prices are ...")."""
    right_words = _WORD.findall(text, end, _sentence_end(text, end, hi))
    return _first_reading(right_words, range(len(right_words)), False) or NO_READING


def _nearest_left(words: list[str], skip_reporting: bool) -> Reading | None:
    return _first_reading(words, range(len(words) - 1, -1, -1), skip_reporting)
