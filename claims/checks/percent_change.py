"""Rule `percent_change`: "from X to Y, a Z% rise", "Y, up Z% from X" and the like.

The change is recomputed from X and Y, each taken anywhere within its rounding (half its last
digit), and compared with Z allowed one unit of its last digit either way (news copy both
rounds and truncates; "about" widens it to 10% of Z; "more than" opens one side). A change
in the wrong direction, or outside that range, is an error. "Rose from 4% to 5%, a 1%
increase" is a warning naming the difference between percentage points and percent; with
"percentage points" written, Z is checked against Y − X. `stated` and `expected` are the
change in percent (or points), `tolerance` the allowance on Z in the same unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.checks.document import Document, words_after, words_before
from claims.checks.precision import half_step, overlaps, percent_text, stated_range, step_of
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.date_lexicon import words
from claims.extract.types import Claim, Mention

RULE = "percent_change"
UP = words("""rise rises rose risen rising increase increased increases increasing up
    jump jumped jumps grew grow grows growth gain gained gains higher climb climbed climbs
    surge surged surges soar soared hike hiked boost boosted more""")
DOWN = words("""fall falls fell fallen falling drop dropped drops decline declined
    declines declining down decrease decreased decreases lower cut cuts plunge plunged
    slump slumped slid slide shrank shrink dip dipped less fewer reduction reduced
    tumble tumbled sank""")
_POINTS = re.compile(r"\s*(?:percentage|percent(?:age)?)?\s*points?\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", re.IGNORECASE)
_REACH = 120


def _direction(document: Document, claim: Claim, percent: Mention) -> int:
    """+1 or -1 from a change word next to the percent ("a 30% drop", "up 10%"), else 0."""
    near = (words_before(document.text, percent.start, claim.start, 3)
            + words_after(document.text, percent.end, claim.end, 3))
    for word in near:
        if word in UP:
            return 1
        if word in DOWN:
            return -1
    return 0


def _lead(document: Document, claim: Claim, mention: Mention) -> str:
    found = words_before(document.text, mention.start, claim.start, 1)
    return found[0] if found else ""


def triples(document: Document, claim: Claim) -> Iterator[tuple[Mention, Mention, Mention]]:
    """(from X, to Y, change Z) in one clause of the claim."""
    numbers = document.numeric(claim)
    for old in numbers:
        if _lead(document, claim, old) != "from":
            continue
        for new in _new_values(document, claim, numbers, old):
            for change in numbers:
                if change.kind == "percent" and change not in (old, new) and \
                        _one_clause(document, (old, new, change)):
                    yield old, new, change
                    break


def _new_values(document: Document, claim: Claim, numbers: list[Mention],
                old: Mention) -> list[Mention]:
    """The figure the change went to: after 'to', or the figure a change phrase follows."""
    same = [m for m in numbers if m is not old and m.kind == old.kind
            and (m.unit == old.unit or old.kind == "count" and None in (m.unit, old.unit))]
    after_to = [m for m in same if _lead(document, claim, m) == "to"]
    if after_to:
        return after_to[:1]
    before = [m for m in same if m.end <= old.start and old.start - m.end <= 40]
    return before[-1:]


def _one_clause(document: Document, mentions: tuple[Mention, ...]) -> bool:
    start = min(m.start for m in mentions)
    end = max(m.end for m in mentions)
    return end - start <= _REACH and not _CLAUSE_BREAK.search(document.text, start, end)


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings = []
    for claim in document.claims_containing(("from",), document.claims_with("percent")):
        for old, new, change in triples(document, claim):
            direction = _direction(document, claim, change)
            if direction and old.value:
                found = _compare(document, old, new, change, direction)
                if found is not None:
                    findings.append(found)
    return findings, []


def _change_range(old: Mention, new: Mention) -> tuple[float, float]:
    """The smallest and largest change in percent that the rounded figures allow."""
    old_value, new_value = float(old.value or 0), float(new.value or 0)
    d_old, d_new = half_step(old), half_step(new)
    candidates = [(n - o) / o * 100 for o in (old_value - d_old, old_value + d_old)
                  for n in (new_value - d_new, new_value + d_new) if o > 0]
    return min(candidates), max(candidates)


def _compare(document: Document, old: Mention, new: Mention, change: Mention,
             direction: int) -> Finding | None:
    points_written = bool(_POINTS.match(document.text, change.end))
    stated = direction * float(change.value or 0)
    low, high = stated_range(change)
    allowed = (low, high) if direction > 0 else (-high, -low)
    both_percent = old.kind == new.kind == "percent"
    points = float(new.value or 0) - float(old.value or 0)
    spread = step_of(change) + half_step(old) + half_step(new)
    if points_written and both_percent:
        if overlaps(allowed, (points - spread, points + spread)):
            return None
        return _finding("error", f"from {old.surface} to {new.surface} is "
                        f"{points:+.3g} percentage points, not {stated:+.3g}",
                        (old, new, change), stated, points, spread)
    actual = _change_range(old, new)
    if overlaps(allowed, actual):
        return None
    expected = (float(new.value or 0) - float(old.value or 0)) / float(old.value or 1) * 100
    if both_percent and overlaps(allowed, (points - spread, points + spread)):
        return _finding("warning", f"from {old.surface} to {new.surface} is {points:+.3g} "
                        f"percentage points but a {percent_text(expected)} change in "
                        f"percent; '{change.surface}' mixes the two",
                        (old, new, change), stated, round(expected, 2), spread)
    word = "a rise" if expected > 0 else "a fall"
    message = (f"from {old.surface} to {new.surface} is {word} of "
               f"{percent_text(abs(expected))}, not {percent_text(abs(stated))} "
               f"{'up' if direction > 0 else 'down'}")
    return _finding("error", message, (old, new, change), stated, round(expected, 2),
                    step_of(change))


def _finding(severity: str, message: str, mentions: tuple[Mention, ...], stated: float,
             expected: float, tolerance: float) -> Finding:
    ordered = tuple(sorted(mentions, key=lambda m: m.start))
    return Finding(RULE, severity, message, ordered, round(stated, 2), expected,
                   round(tolerance, 4))
