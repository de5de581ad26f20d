"""Rule `share_of_total`: a part, its whole and the percentage between them.

Forms: "X of the Y (Z%)", "of the Y, X (Z%)", "Z% of its Y, or X", and parts stated with
their total ("20 Indian and four Chinese soldiers, 24 in all"). The share X/Y is compared with
Z allowed one unit of its last digit either way, plus the rounding of X and Y ("about"
widens Z to 10% of itself; "more than" opens one side): outside, an error. Parts that do not
add up to their stated total are an error when every figure is exact (tolerance 0).
`stated`/`expected`: the percentage (or the total); `tolerance` in the same unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.checks.document import Document, between, same_unit
from claims.checks.precision import overlaps, percent_text, relative_rounding, stated_range
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.types import Claim, Mention

RULE = "share_of_total"
_OF = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:out\s+)?of\s+(?:the|its|their|all|these|those)?"
                 r"\s*(?:[a-z-]+\s+)?$", re.IGNORECASE)
_TO_PERCENT = re.compile(r"^[\w\s-]{0,40}?(?:\(|,\s*or\s+|\s+or\s+|,\s*|\s+—\s*)(?:about|around|"
                         r"roughly|nearly|almost|some|just|over|under|more\s+than|less\s+than|"
                         r"\s)*$", re.IGNORECASE)
_PERCENT_OF = re.compile(r"^\s*of\s+(?:the|its|their|all|these|those)\s+(?:[a-z-]+\s+){0,3}?$",
                         re.IGNORECASE)
_TO_PART = re.compile(r"^[\w\s-]{0,40}?(?:,\s*or\s+|\s*\(|,\s*that\s+is\s+)(?:about|around|"
                      r"roughly|nearly|almost|some|\s)*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:,|and|,\s*and)\s+$")
_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:in\s+all|in\s+total|altogether|all\s+told)\b",
                          re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r",\s*(?:a\s+total\s+of\s+)?$", re.IGNORECASE)
TOTAL_WORDS = ("in all", "total", "altogether", "all told")
_AS_PERCENT = re.compile(r"\s*(?:percent|per\s+cent|%)", re.IGNORECASE)


def shares(document: Document, claim: Claim) -> Iterator[tuple[Mention, Mention, Mention]]:
    """(part, whole, percentage) in the forms the module docstring lists."""
    numbers = document.numeric(claim)
    text = document.text
    for i, first in enumerate(numbers):
        rest = numbers[i + 1:]
        if len(rest) < 2:
            continue
        second, third = rest[0], rest[1]
        if (first.kind != "percent" and second.kind != "percent" and third.kind == "percent"
                and _OF.match(between(text, first, second))
                and _TO_PERCENT.match(between(text, second, third))):
            yield first, second, third
        if (first.kind == "percent" and third.kind != "percent" and second.kind != "percent"
                and _PERCENT_OF.match(between(text, first, second))
                and _TO_PART.match(between(text, second, third)) and second.kind == third.kind):
            yield third, second, first


def _is_whole_then_part(text: str, whole: Mention, part: Mention) -> bool:
    lead = text[max(0, whole.start - 12):whole.start].lower()
    return lead.rstrip().endswith(("of the", "of its", "of all")) and \
        bool(re.match(r"^[\w\s-]{0,30},\s*$", between(text, whole, part)))


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings = []
    for claim in document.claims_containing((" of ", "Of "), document.claims_with("percent")):
        for part, whole, percent in [*shares(document, claim), *_whole_first(document, claim)]:
            found = _compare_share(part, whole, percent)
            if found is not None:
                findings.append(found)
    for claim in document.claims_containing(TOTAL_WORDS, document.claims_with("count", at_least=3)):
        findings.extend(_totals(document, claim))
    return findings, []


def _whole_first(document: Document, claim: Claim) -> Iterator[tuple[Mention, Mention, Mention]]:
    """"Of the Y passengers, X (Z%)"."""
    numbers = document.numeric(claim)
    for whole, part, percent in zip(numbers, numbers[1:], numbers[2:], strict=False):
        if (percent.kind == "percent" and whole.kind != "percent" and part.kind != "percent"
                and _is_whole_then_part(document.text, whole, part)
                and re.match(r"^\s*\(\s*$", between(document.text, part, percent))):
            yield part, whole, percent


def _compare_share(part: Mention, whole: Mention, percent: Mention) -> Finding | None:
    if not whole.value or percent.unit != "%" or _exceeds(part, whole):
        return None
    share = float(part.value or 0) / float(whole.value) * 100
    slack = share * (relative_rounding(part) + relative_rounding(whole))
    allowed = stated_range(percent, slack)
    if overlaps(allowed, (share, share)):
        return None
    message = (f"{part.surface} of {whole.surface} is {percent_text(share)}, "
               f"not {percent.surface}")
    tolerance = round(allowed[1] - float(percent.value or 0), 4) if allowed[1] != float("inf") \
        else round(float(percent.value or 0) - allowed[0], 4)
    return Finding(RULE, "error", message, tuple(sorted((part, whole, percent),
                   key=lambda m: m.start)), percent.value or 0, round(share, 2), tolerance)


def _exceeds(part: Mention, whole: Mention) -> bool:
    """A 'part' larger than its 'whole' means the pattern read something else."""
    return float(part.value or 0) > float(whole.value or 0)


def _totals(document: Document, claim: Claim) -> Iterator[Finding]:
    """Parts listed with 'and' then their total ("20 Indian and four Chinese soldiers, 24 in
    all")."""
    numbers = [m for m in document.numeric(claim) if m.kind in ("count", "money")]
    text = document.text
    for index, total in enumerate(numbers):
        if not (_TOTAL_AFTER.match(text, total.end) or
                re.search(r"\ba\s+total\s+of\s+$", text[max(0, total.start - 14):total.start])):
            continue
        parts = _parts_before(text, numbers[:index])
        if len(parts) < 2 or not _TOTAL_BEFORE.search(text[parts[-1].end:total.start]):
            continue
        if any(m.qualifier not in (None, "exact") for m in (*parts, total)):
            continue
        summed = sum(float(m.value or 0) for m in parts)
        if summed != float(total.value or 0):
            listed = " + ".join(m.surface for m in parts)
            yield Finding(RULE, "error", f"{listed} is {summed:g}, not {total.surface}",
                          (*parts, total), total.value or 0, summed, 0)


def _parts_before(text: str, numbers: list[Mention]) -> list[Mention]:
    """The run of figures joined by commas and 'and' that ends the list."""
    if not numbers:
        return []
    run = [numbers[-1]]
    for earlier in reversed(numbers[:-1]):
        if not (_AND.match(between(text, earlier, run[0])) and same_unit(earlier, run[0])
                and not _AS_PERCENT.match(text, earlier.end)):
            break
        run.insert(0, earlier)
    return run
