"""Rule `age_arithmetic`: an age against a birth year, or two ages of the same person.

Ages are read where news copy writes them: "Name, 45," and "the 45-year-old Name" / "Name,
a 45-year-old ...". A birth year is "born in 1979" (or "(born 1979)") in the same sentence
as the age, or in a sentence naming the same surname. The age from a birth year may be one
less than the difference of years (the birthday may not have come yet): tolerance 1 year
below. Two ages of one person in one article must agree: tolerance 0. Both are errors.
`stated` is the age written, `expected` the age computed (or the other age).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.checks.document import Document
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.types import Claim, Mention

RULE = "age_arithmetic"
_NAME = r"((?:[A-Z][a-zà-ÿ'’.-]+\s+){0,3}[A-Z][a-zà-ÿ'’-]+)"
_NAME_BEFORE = re.compile(_NAME + r",\s*(?:an?\s+)?$")
_NAME_AFTER = re.compile(r"\s+" + _NAME)
_BORN = re.compile(r"\bborn\s*(?:in|on)?\s*(?:[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?$")
_PAST_AGE = re.compile(r"\b(?:at|when|as\s+a|as\s+an|then|aged)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Age:
    person: str
    mention: Mention
    claim: Claim


def _surname(name: str) -> str:
    return name.split()[-1].strip(".")


def ages(document: Document) -> Iterator[Age]:
    """Ages bound to a person's surname."""
    text = document.text
    for claim, mention in document.of_kind("measure"):
        if mention.unit != "year" or mention.value is None:
            continue
        is_adjective = mention.surface.endswith(("-year-old", " year old", "-years-old"))
        if not is_adjective and text[mention.end:mention.end + 1] != ",":
            continue  # "for 20 years": no age
        lead = text[max(claim.start, mention.start - 60):mention.start]
        if _PAST_AGE.search(lead):
            continue
        name = _name_of(text, mention, lead, is_adjective)
        if name:
            yield Age(_surname(name), mention, claim)


def _name_of(text: str, mention: Mention, lead: str, is_adjective: bool) -> str | None:
    """"Name, 45," / "the 45-year-old Name" / "Name, a 45-year-old ..." → Name."""
    if not is_adjective:
        found = _NAME_BEFORE.search(lead) if text[mention.end:mention.end + 1] == "," else None
    else:
        found = _NAME_AFTER.match(text, mention.end) or _NAME_BEFORE.search(lead)
    return found.group(1) if found else None


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    found = list(ages(document))
    findings = list(_two_ages(found))
    if document.published is not None:
        findings.extend(_birth_years(document, found, document.published.year))
    return findings, []


def _two_ages(found: list[Age]) -> Iterator[Finding]:
    first_of: dict[str, Age] = {}
    for age in found:
        first = first_of.setdefault(age.person, age)
        if first is not age and first.mention.value != age.mention.value:
            yield Finding(RULE, "error", f"{age.person} is {_years(age)} here but "
                          f"{_years(first)} earlier in the article",
                          (first.mention, age.mention), age.mention.value or 0,
                          first.mention.value or 0, 0)


def _years(age: Age) -> str:
    return f"{age.mention.value:g}"


def _birth_years(document: Document, found: list[Age], year: int) -> Iterator[Finding]:
    for claim, mention in document.of_kind("date"):
        if not mention.date or len(mention.date) < 4 or "born" not in claim.text:
            continue
        lead = document.text[max(claim.start, mention.start - 24):mention.start]
        if not (_BORN.search(lead) or lead.endswith("(born ")):
            continue
        born = int(mention.date[:4])
        for age in found:
            if age.claim is claim or re.search(rf"\b{re.escape(age.person)}\b", claim.text):
                yield from _against_birth(age, mention, born, year)
                break


def _against_birth(age: Age, born_at: Mention, born: int, year: int) -> Iterator[Finding]:
    expected = year - born
    stated = int(age.mention.value or 0)
    if expected - 1 <= stated <= expected:
        return
    yield Finding(RULE, "error", f"born in {born}, {age.person} would be {expected - 1} or "
                  f"{expected} in {year}, not {stated}",
                  tuple(sorted((born_at, age.mention), key=lambda m: m.start)),
                  stated, expected, 1)
