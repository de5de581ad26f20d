"""Rule `restated_figure`: one toll stated twice in an article with values that disagree.

Only figures an article plainly states twice are compared: counts of the same counted noun
joined to the same event verb ("41 people were killed" / "killed 44 people"), in sentences
that do not carry two different dates and no word of an update ("rose to",
"earlier", "initially", "so far"). Qualifiers make ranges: "at least 41" allows 44, "more
than 2,000" does not allow 1,500; "about" allows 10% either way. Two ranges that cannot
overlap are an error; tolerance 0. `stated` is the later figure, `expected` the earlier one.
"""

from __future__ import annotations

import re
from itertools import combinations

from claims.checks.document import Document
from claims.checks.precision import APPROX_SHARE
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.types import Claim, Mention

RULE = "restated_figure"
EVENTS = {"killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
          "death": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
          "missing": "missing", "arrested": "arrested", "detained": "arrested",
          "displaced": "displaced", "evacuated": "evacuated", "rescued": "rescued"}
_EVENT = "|".join(EVENTS)
_AFTER = re.compile(rf"^[\w\s-]{{0,24}}?\b(?:were|was|have\s+been|had\s+been|are|is|been)?\s*"
                    rf"\b({_EVENT})\b", re.IGNORECASE)
_BEFORE = re.compile(rf"\b({_EVENT})\s+(?:at\s+least|more\s+than|about|around|nearly|some|"
                     rf"over|up\s+to|almost)?\s*$", re.IGNORECASE)
_SUBSET = re.compile(r"\b(?:including|among|of\s+them|of\s+whom|of\s+the)\b[^,;]{0,20}$",
                     re.IGNORECASE)
_UPDATE = re.compile(r"\b(?:rose|risen|rise|rising|climbed|increased|grew|jumped|updated|revised|"
                     r"earlier|initially|initial|first|previously|so\s+far|now|had\s+been|"
                     r"each|per|every|a\s+day|daily|"
                     r"year|years|month|week|another|further|additional|other)\b",
                     re.IGNORECASE)


def _event(document: Document, claim: Claim, mention: Mention) -> str | None:
    text = document.text
    after = _AFTER.match(text[mention.end:min(claim.end, mention.end + 48)])
    if after:
        return EVENTS[after.group(1).lower()]
    before = _BEFORE.search(text[max(claim.start, mention.start - 40):mention.start])
    return EVENTS[before.group(1).lower()] if before else None


def _range(mention: Mention) -> tuple[float, float]:
    value = float(mention.value or 0)
    qualifier = mention.qualifier or "exact"
    return {"at_least": (value, float("inf")), "more_than": (value + 1e-9, float("inf")),
            "less_than": (float("-inf"), value - 1e-9), "up_to": (float("-inf"), value),
            "approx": (value * (1 - APPROX_SHARE), value * (1 + APPROX_SHARE))}.get(
                qualifier, (value, value))


def _statements(document: Document) -> list[tuple[Claim, Mention, str]]:
    found = []
    for claim in document.claims:
        if _UPDATE.search(claim.text):
            continue
        for mention in claim.mentions:
            lead = document.text[max(claim.start, mention.start - 30):mention.start]
            if mention.kind == "count" and mention.unit and mention.value and \
                    not _SUBSET.search(lead):
                event = _event(document, claim, mention)
                if event:
                    found.append((claim, mention, event))
    return found


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings = []
    for (claim_a, first, event_a), (claim_b, second, event_b) in combinations(
            _statements(document), 2):
        if (claim_a is claim_b or event_a != event_b or first.unit != second.unit
                or _other_times(_dates(document, claim_a), _dates(document, claim_b))):
            continue
        low_a, high_a = _range(first)
        low_b, high_b = _range(second)
        if low_a <= high_b and low_b <= high_a:
            continue
        message = (f"{second.surface} {second.unit}s {event_b} here, but {_said(first)} "
                   f"{event_a} earlier in the article")
        findings.append(Finding(RULE, "error", message, (first, second), second.value or 0,
                                first.value or 0, 0))
    return findings, []


def _said(mention: Mention) -> str:
    words = {"at_least": "at least ", "more_than": "more than ", "less_than": "fewer than ",
             "up_to": "up to ", "approx": "about "}.get(mention.qualifier or "", "")
    return f"{words}{mention.surface}"


def _other_times(first: set[str], second: set[str]) -> bool:
    """Both sentences dated, and differently: they may speak of two times."""
    return bool(first and second and first != second)


def _dates(document: Document, claim: Claim) -> set[str]:
    return {m.date or "" for m in document.dates(claim)}
