"""Rule `date_after_publication`: a past-tense event dated after the article came out.

"The bridge collapsed in August 2024" in an article of 8 July 2024 cannot be right. A date
counts when it was written out (a year, a month or a full date, not a relative word, which
extraction already resolves by tense), the verb governing it is in the past tense, and its
sentence holds no word that looks ahead ("will", "expected", "plans", "by", "until",
"scheduled"...). The date's first day must fall after the publication date; tolerance 0 days.
An error. `stated` is the date as resolved, `expected` the publication date.
"""

from __future__ import annotations

import re
from datetime import date

from claims.checks.document import Document
from claims.checks.types import CheckOptions, Finding, Skipped
from claims.extract.tense import reading_at
from claims.extract.types import Mention

RULE = "date_after_publication"
_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b")
_AHEAD = re.compile(r"\b(?:will|would|shall|could|might|may|should|must|expect\w*|plan\w*|"
                    r"schedul\w*|due|set\s+to|aim\w*|target\w*|by\s+(?:the\s+end\s+of\s+)?\S*\s*\d{4}|until|till|through|before|"
                    r"next|upcoming|forecast\w*|project\w*|predict\w*|hope\w*|intend\w*|"
                    r"goal|deadline|promis\w*|pledg\w*|vow\w*|slated|proposed|wants?|"
                    r"going\s+to|to\s+be|begin\w*|start\w*|effective)\b", re.IGNORECASE)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def first_day(resolved: str) -> date | None:
    """The first day of an ISO date at any granularity ("2024-08" → 1 August 2024)."""
    year = resolved[:4]
    if not year.isdigit():
        return None
    rest = resolved[5:]
    try:
        if not rest:
            return date(int(year), 1, 1)
        if rest.startswith("W"):
            return date.fromisocalendar(int(year), int(rest[1:3]), 1)
        if rest.startswith("Q"):
            return date(int(year), 3 * int(rest[1]) - 2, 1)
        if rest.startswith("H"):
            return date(int(year), 1 if rest[1] == "1" else 7, 1)
        if rest[:2] in _SEASON_MONTH:
            return date(int(year), _SEASON_MONTH[rest[:2]], 1)
        return date.fromisoformat(resolved[:10]) if len(rest) >= 5 else \
            date(int(year), int(rest[:2]), 1)
    except ValueError:
        return None


def check(document: Document, options: CheckOptions) -> tuple[list[Finding], list[Skipped]]:
    published = document.published
    if published is None:
        return [], []
    findings = []
    published_iso = published.isoformat()
    for claim, mention in document.of_kind("date"):
        if (mention.date or "") <= published_iso:
            continue  # ISO text sorts like the first days of "2024", "2024-07", "2024-07-08"
        day = first_day(mention.date or "")
        if day is None or day <= published or not _WRITTEN.search(mention.surface):
            continue
        if _AHEAD.search(claim.text) or _in_quote(claim.mentions, mention):
            continue
        if reading_at(document.text, mention.start, mention.end, claim.start, claim.end,
                      skip_reporting=True).tense != "past":
            continue
        message = (f"'{mention.surface}' ({mention.date}) is told as past but comes after "
                   f"the publication date {published.isoformat()}")
        findings.append(Finding(RULE, "error", message, (mention,), mention.date or "",
                                published.isoformat(), 0))
    return findings, []


def _in_quote(mentions: list[Mention], mention: Mention) -> bool:
    """Quoted words are the speaker's; their tense is not the article's."""
    return any(m.kind == "quote" and m.start <= mention.start and mention.end <= m.end
               for m in mentions)
