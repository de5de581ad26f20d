"""Word lists turned into regular-expression alternations that match without backtracking.

A plain `a|ab|abc` alternation makes the regex engine retry every branch at every
position; a trie (`a(?:b(?:c)?)?`) shares the common prefixes, so a lexicon of a few
hundred words costs little more than one word. In the words, a space stands for any run
of whitespace and a hyphen for a hyphen or a non-breaking hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
_SPECIAL = {" ": r"\s+", "-": "[-\u2011]"}


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words`, longest first, built as a trie."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _pattern(trie) or "(?!)"


def _pattern(node: dict[str, dict]) -> str:
    branches = [_SPECIAL.get(char, re.escape(char)) + _pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body


def squeeze(phrase: str) -> str:
    """`phrase` lower-cased with its whitespace runs and hyphens made single spaces/hyphens."""
    return " ".join(phrase.replace("\u2011", "-").lower().split())
