"""The words around a position in a text: what stands before a number and what it counts.

Looking back is done by splitting a short window of text rather than by searching it with
a regex anchored at its end, which would retry the pattern at every character.
"""

from __future__ import annotations

import re

from claims.extract.lexicon import words_of
from claims.extract.units import plural_lemma, singular

_SP = "[ \u00a0]"
_WORD_RUN = re.compile(rf"(?:{_SP}+[^\W_][\w\u2011’'-]*){{1,5}}")
_SENTENCE_BREAK = frozenset(".!?:\"“”‘’'()—–-#*\n")
_WINDOW = 40

_STOP_WORDS = words_of(
    """of and or but nor to in on at for from with by as than that which who whom whose were
    was are is be been being have has had will would could should may might can did do does
    not no the a an this these those their his her its our my your it they he she we you i
    me him them us said says say told according while when where if so too also already
    still just only each per about after before since during into onto over under across
    among between against including until like via around amid toward towards through up
    down off out what how why here there then now very all both either neither any some such
    other another respectively apiece more less most least"""
)
# Words skipped inside a noun group ("the second most common cause").
_MODIFIERS = frozenset({"most", "more", "least", "less", "very"})


def is_function_word(word: str) -> bool:
    """Whether `word` is a preposition, article, pronoun or auxiliary ("of", "the", "was")."""
    return word.lower() in _STOP_WORDS


def words_before(text: str, pos: int, floor: int) -> list[str]:
    """The last few whitespace-separated words before `pos` (not before `floor`), lower-cased."""
    return text[max(floor, pos - _WINDOW):pos].lower().split()[-6:]


def last_word(words: list[str]) -> str:
    """The last of `words` without quotes or brackets around it, or ""."""
    return words[-1].strip("“”\"'‘’([") if words else ""


def previous_word(text: str, pos: int, floor: int) -> str:
    """The word right before `pos`, lower-cased, without quotes or brackets around it."""
    return last_word(words_before(text, pos, floor))


def previous_token(text: str, pos: int, floor: int) -> tuple[str, int]:
    """The whitespace-separated token before `pos` as printed, and where it starts."""
    window_start = max(floor, pos - _WINDOW)
    window = text[window_start:pos].rstrip()
    cut = max(window.rfind(" "), window.rfind("\n"), window.rfind("\u00a0"), window.rfind("\t"))
    return window[cut + 1:], window_start + cut + 1


def at_sentence_start(text: str, pos: int, floor: int) -> bool:
    """Whether only spaces stand between `pos` and a sentence or paragraph break."""
    index = pos - 1
    while index >= floor and text[index] in " \u00a0\t":
        index -= 1
    return index < floor or text[index] in _SENTENCE_BREAK


def noun_group(text: str, pos: int, end: int, limit: int = 4) -> list[str]:
    """Up to `limit` words after `pos`, stopping at function words and punctuation."""
    run = _WORD_RUN.match(text, pos, end)
    return noun_phrase(run.group().split(), limit) if run else []


def noun_phrase(words: list[str], limit: int = 4) -> list[str]:
    """The leading `words` up to a function word, "most"/"very" skipped, at most `limit`."""
    kept: list[str] = []
    for word in words:
        lower = word.lower()
        if lower in _MODIFIERS:
            continue
        if lower in _STOP_WORDS or "’" in word or "'" in word or len(kept) >= limit:
            break
        kept.append(word.strip("-\u2011"))
    return kept


def counted_noun(words: list[str] | tuple[str, ...], joined: str | None = None) -> str | None:
    """The counted noun among the words after a number: the first plural, else the last.

    `joined` is a word hyphenated to the number ("27-member"), which wins.
    """
    if joined:
        return singular(joined)
    last = None
    kept = 0
    for word in words:
        lower = word.lower()
        if lower in _MODIFIERS or word[0].isdigit():
            continue
        if lower in _STOP_WORDS or "’" in word or "'" in word or kept == 4:
            break
        if kept and lower.rstrip(".,;:").endswith("ed") and len(lower) >= 4:
            break  # a verb after the noun: "one person died"
        lemma = plural_lemma(word)
        if lemma:
            return lemma.strip("-\u2011")
        last = word
        kept += 1
    return singular(last.strip("-\u2011")) if last else None
