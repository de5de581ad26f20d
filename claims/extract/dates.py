"""Dates and times, resolved against the publication date (first version: years and months)."""

from __future__ import annotations

import re
from datetime import date

from claims.extract.types import Mention

_MONTHS = "January February March April May June July August September October November December"
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split(), start=1)}
_DATE = re.compile(rf"\b(?:({'|'.join(_MONTH_NUMBER)})\s+)?((?:19|20)\d\d)\b")


def find_dates(text: str, start: int, end: int, published: date | None) -> list[Mention]:
    """Date mentions in `text[start:end]` with ISO values at their own granularity."""
    found = []
    for m in _DATE.finditer(text, start, end):
        iso = m.group(2) if not m.group(1) else f"{m.group(2)}-{_MONTH_NUMBER[m.group(1)]:02d}"
        found.append(Mention("date", m.group(0), m.start(), m.end(), date=iso))
    return found
