"""Rule `restated_figure`: one toll stated twice in an article with values that disagree.

Only figures an article plainly states twice are compared: counts of the same counted noun
(people: `PEOPLE`) joined to the same event verb ("41 people were killed" / "killed 44
people"), in sentences that do not carry two different dates and no word of an update ("rose
to", "earlier", "initially", "so far"). Qualifiers make ranges: "at least 41" allows 44, "more
than 2,000" does not allow 1,500; "about" allows 10% either way. Two ranges that cannot
overlap are an error; tolerance 0. `stated` is the later figure, `expected` the earlier one.
"""

from __future__ import annotations

import re
from itertools import combinations

from claims.checks.document import Document
from claims.checks.precision import APPROX_SHARE
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.date_lexicon import words
from claims.extract.types import Claim, Mention

RULE = "restated_figure"
EVENTS = {"killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
          "death": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
          "missing": "missing", "arrested": "arrested", "detained": "arrested",
          "displaced": "displaced", "evacuated": "evacuated", "rescued": "rescued"}
#: counted nouns a toll counts (killed, injured, arrested... are said of people)
PEOPLE = words("""person civilian child soldier worker passenger student resident migrant
    journalist patient protester villager tourist refugee officer miner fisherman pilgrim
    prisoner detainee member militant fighter troop policeman woman man adult infant baby
    victim casualty hostage crew climber hiker employee voter""")
_SUBSET = re.compile(r"\b(?:including|among|of\s+them|of\s+whom|of\s+the)\b[^,;]{0,20}$",
                     re.IGNORECASE)
#: words of an update, a rate or another group: such sentences are not compared
UPDATE_WORDS = words("""rose risen rise rising climbed increased grew jumped updated revised
    earlier initially initial first previously now each per every daily year years month
    week another further additional other""")
_UPDATE_PHRASES = ("so far", "had been", "a day")
_WORD = re.compile(r"[a-z]+")


def _event(document: Document, claim: Claim, mention: Mention) -> str | None:
    """The event a count is joined to: an event word among the five words after it
    ("41 people were killed"), or among the three before it ("killed at least 41")."""
    text = document.text
    window = text[mention.end:min(claim.end, mention.end + 48)].lower()
    for word in window.split()[:5]:
        if (event := EVENTS.get(word.strip(",.;:"))) is not None:
            return event
    lead = text[max(claim.start, mention.start - 40):mention.start].lower().split()
    for word in lead[-3:]:  # "killed at least 41"
        if (event := EVENTS.get(word.strip(",.;:"))) is not None:
            return event
    return None


def _range(mention: Mention) -> tuple[float, float]:
    value = float(mention.value or 0)
    qualifier = mention.qualifier or "exact"
    return {"at_least": (value, float("inf")), "more_than": (value + 1e-9, float("inf")),
            "less_than": (float("-inf"), value - 1e-9), "up_to": (float("-inf"), value),
            "approx": (value * (1 - APPROX_SHARE), value * (1 + APPROX_SHARE))}.get(
                qualifier, (value, value))


def _statements(document: Document) -> list[tuple[Claim, Mention, str]]:
    found = []
    updates: dict[int, bool] = {}
    counts = [(claim, mention) for claim, mention in document.of_kind("count")
              if mention.unit in PEOPLE and mention.value]
    candidates = {id(claim) for claim in document.claims_containing(
        tuple(EVENTS), list({id(claim): claim for claim, _ in counts}.values()))}
    for claim, mention in counts:
        if id(claim) not in candidates or (event := _event(document, claim, mention)) is None:
            continue
        if id(claim) not in updates:
            updates[id(claim)] = _is_update(claim.text)
        if updates[id(claim)]:
            continue
        lead = document.text[max(claim.start, mention.start - 30):mention.start]
        if not _SUBSET.search(lead):
            found.append((claim, mention, event))
    return found


def _is_update(sentence: str) -> bool:
    lowered = sentence.lower()
    return not UPDATE_WORDS.isdisjoint(_WORD.findall(lowered)) or \
        any(phrase in lowered for phrase in _UPDATE_PHRASES)


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    findings = []
    times: dict[int, set[str]] = {}

    def dated(claim: Claim) -> set[str]:
        return times.setdefault(id(claim), _dates(document, claim))

    for (claim_a, first, event_a), (claim_b, second, event_b) in combinations(
            _statements(document), 2):
        if (claim_a is claim_b or event_a != event_b or first.unit != second.unit
                or _other_times(dated(claim_a), dated(claim_b))):
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
