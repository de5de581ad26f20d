"""Group mentions into claim sentences, with a kind and a check-worthiness score."""

from __future__ import annotations

from claims.extract.sentences import sentence_spans
from claims.extract.types import Claim, Mention

_KIND_BY_MENTION = {"money": "money", "percent": "statistic", "count": "statistic",
                    "quote": "quote", "date": "date"}


def group_claims(text: str, mentions: list[Mention], start: int, end: int) -> list[Claim]:
    """One claim per sentence holding at least one mention."""
    claims = []
    for s_start, s_end in sentence_spans(text, start, end):
        inside = [m for m in mentions if s_start <= m.start < s_end]
        if not inside:
            continue
        kind = next((_KIND_BY_MENTION[m.kind] for m in inside if m.kind in _KIND_BY_MENTION),
                    "statement")
        claims.append(Claim(kind, text[s_start:s_end], s_start, s_end, 0.5, kind, inside))
    return claims
