"""Quotations and their speakers (first version: curly and straight double quotes)."""

from __future__ import annotations

import re

from claims.extract.types import Mention

_QUOTE = re.compile(r"[\u201c\"]([^\u201c\u201d\"\n]+)[\u201d\"]")


def find_quotes(text: str, start: int, end: int) -> list[Mention]:
    """Quote mentions in `text[start:end]`; surface is the words between the marks."""
    return [
        Mention("quote", m.group(1), m.start(1), m.end(1))
        for m in _QUOTE.finditer(text, start, end)
    ]
