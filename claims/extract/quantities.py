"""Counts, money, percentages and measures (first version: digits with a following word)."""

from __future__ import annotations

import re

from claims.extract.types import Mention

_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR"}
_SCALE = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "tn": 10**12}
_NUMBER = re.compile(
    r"(?P<cur>[$£€])?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<scale>bn|tn|m\b|\s(?:million|billion))?"
    r"(?P<pct>%| per ?cent)?(?:\s+(?P<noun>[a-z]+))?"
)


def find_quantities(text: str, start: int, end: int) -> list[Mention]:
    """Quantity mentions in `text[start:end]` with values, units and qualifiers."""
    found = []
    for m in _NUMBER.finditer(text, start, end):
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip()
        value *= _SCALE.get(scale, 1)
        number = int(value) if value.is_integer() else value
        surface_end = m.end("pct") if m.group("pct") else m.end("scale") if scale else m.end("num")
        surface = text[m.start() : surface_end]
        if m.group("cur"):
            kind, unit = "money", _CURRENCY[m.group("cur")]
        elif m.group("pct"):
            kind, unit = "percent", "%"
        else:
            kind, unit = "count", m.group("noun")
        found.append(Mention(kind, surface, m.start(), surface_end, number, unit, "exact"))
    return found
