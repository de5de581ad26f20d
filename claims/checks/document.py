"""The article as the rules see it: its text, claims and mentions, and small text helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from claims.extract.date_lexicon import words
from claims.extract.types import Claim, Mention

NUMERIC_KINDS = ("count", "money", "percent", "measure")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: words that may stand between a preposition and its figure ("from about 2 million")
HEDGES = words("""about around roughly approximately nearly almost some over under just
    more than less than fewer an estimated a mere only at least most""")


@dataclass(frozen=True, slots=True)
class Document:
    """One article's text with its extracted claims and publication date."""

    text: str
    claims: tuple[Claim, ...]
    published: date | None
    _numbers: dict[int, list[Mention]] = field(default_factory=dict, compare=False)
    _by_kind: dict[str, list[tuple[Claim, Mention]]] = field(default_factory=dict,
                                                             compare=False)

    def numeric(self, claim: Claim) -> list[Mention]:
        """The claim's mentions that carry a number (worked out once per claim)."""
        found = self._numbers.get(id(claim))
        if found is None:
            found = [m for m in claim.mentions
                     if m.kind in NUMERIC_KINDS and m.value is not None]
            self._numbers[id(claim)] = found
        return found

    def of_kind(self, kind: str) -> list[tuple[Claim, Mention]]:
        """(claim, mention) for every mention of `kind`, in text order; the index is built
        in one pass over all mentions the first time it is asked for."""
        if not self._by_kind:
            self._by_kind["*"] = []
            for claim in self.claims:
                for mention in claim.mentions:
                    self._by_kind.setdefault(mention.kind, []).append((claim, mention))
        return self._by_kind.get(kind, [])

    def claims_with(self, kind: str, at_least: int = 1) -> list[Claim]:
        """Claims holding at least `at_least` mentions of `kind` (a cheap first sieve)."""
        chosen: list[Claim] = []
        last: Claim | None = None
        seen = 0
        for claim, _ in self.of_kind(kind):  # a claim's mentions stand together there
            if claim is not last:
                last, seen = claim, 0
            seen += 1
            if seen == at_least:
                chosen.append(claim)
        return chosen

    def claims_containing(self, words: Sequence[str],
                          among: Sequence[Claim] | None = None) -> list[Claim]:
        """Claims (of `among`, default all) whose text holds one of `words` as written."""
        chosen = self.claims if among is None else among
        return [c for c in chosen if any(word in c.text for word in words)]

    def dates(self, claim: Claim) -> list[Mention]:
        return [m for m in claim.mentions if m.kind == "date" and m.date]


def words_before(text: str, start: int, lo: int, count: int = 3) -> list[str]:
    """Up to `count` lower-cased words just before `start` (not before `lo`), hedges skipped."""
    found = [w.lower() for w in _WORD.findall(text, max(lo, start - 60), start)]
    kept = [w for w in found if w not in HEDGES]
    return kept[-count:]


def words_after(text: str, end: int, hi: int, count: int = 3) -> list[str]:
    return [w.lower() for w in _WORD.findall(text, end, min(hi, end + 60))][:count]


def between(text: str, first: Mention, second: Mention) -> str:
    """The text between two mentions (empty when they overlap or come in the other order)."""
    return text[first.end:second.start] if first.end <= second.start else ""


def same_unit(a: Mention, b: Mention) -> bool:
    """Whether two figures count the same thing (a missing counted noun matches any)."""
    if a.kind != b.kind and not {a.kind, b.kind} <= {"count", "measure"}:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit
