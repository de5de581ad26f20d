"""Word lists turned into regular-expression alternations that match without backtracking.

A plain `a|ab|abc` alternation makes the regex engine retry every branch at every
position; a trie (`a(?:b(?:c)?)?`) shares the common prefixes, so a lexicon of a few
hundred words costs little more than one word. In the words, a space stands for any run
of whitespace and a hyphen for a hyphen or a non-breaking hyphen.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_END = ""
_SPECIAL = {" ": r"\s+", "-": "[-\u2011]"}


def alternation(words: Iterable[str], *, literal: bool = False,
                endings: dict[str, str] | None = None, extra: str = "") -> str:
    """A non-capturing regex matching any of `words`, longest first, built as a trie.

    With `literal`, spaces and hyphens match only themselves. `endings` maps a word to a
    pattern that must follow it (a look-ahead, say); `extra` is one more branch tried
    first at the top, such as a character class, so the whole stays a single alternation.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {"": (endings or {}).get(word, "")}
    return _pattern(trie, {} if literal else _SPECIAL, extra) or "(?!)"


def _pattern(node: dict[str, dict], special: dict[str, str], extra: str = "") -> str:
    branches = [extra] if extra else []
    branches += [special.get(char, re.escape(char)) + _pattern(child, special)
                 for char, child in sorted(node.items()) if char]
    ending = node[_END][""] if _END in node else None
    if not branches:
        return ending or ""
    if ending:
        branches.append(ending)
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ending == "":
        return "(?:" + body + ")?"
    return body


@functools.lru_cache(maxsize=4096)
def squeeze(phrase: str) -> str:
    """`phrase` lower-cased with its whitespace runs and hyphens made single spaces/hyphens."""
    lower = phrase.lower()
    if "\u2011" in lower:
        lower = lower.replace("\u2011", "-")
    if " " in lower or "\u00a0" in lower or "\n" in lower or "\t" in lower:
        return " ".join(lower.split())
    return lower


def words_of(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set (for lexicons written as prose)."""
    return frozenset(text.split())
