"""Run every rule over one article's extracted claims; and which claim each finding is on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from claims.checks import (
    ages,
    anniversary,
    currency,
    future_dates,
    percent_change,
    restated,
    share,
)
from claims.checks.document import Document
from claims.checks.types import CheckOptions, CheckReport, Finding, Skipped
from claims.extract.types import Claim

Rule = Callable[[Document, CheckOptions], tuple[list[Finding], list[Skipped]]]
RULE_CHECKS: tuple[Rule, ...] = (currency.check, percent_change.check, share.check,
                                 restated.check, anniversary.check, future_dates.check,
                                 ages.check)


def run_checks(text: str, claims: Sequence[Claim], published: date | None,
               options: CheckOptions | None = None) -> CheckReport:
    """Every rule over `claims` extracted from `text`; findings sorted by position. Pure."""
    document = Document(text, tuple(claims), published)
    chosen = options or CheckOptions()
    report = CheckReport()
    for rule in RULE_CHECKS:
        findings, skipped = rule(document, chosen)
        report.findings.extend(findings)
        report.skipped.extend(skipped)
    report.findings.sort(key=lambda f: (f.mentions[0].start if f.mentions else 0, f.rule))
    return report


def claim_of(claims: Sequence[Claim], item: Finding | Skipped) -> int | None:
    """Index of the claim holding the item's last mention (where the figure went wrong)."""
    if not item.mentions:
        return None
    mention = max(item.mentions, key=lambda m: m.start)
    for index, claim in enumerate(claims):
        if any(m is mention for m in claim.mentions):
            return index
    for index, claim in enumerate(claims):
        if claim.start <= mention.start and mention.end <= claim.end:
            return index
    return None


def claims_with_findings(claims: Sequence[Claim], report: CheckReport) -> list[dict[str, Any]]:
    """The extraction contract's claim dicts, each with its `findings` (and, where a check
    was skipped on its mentions, `skipped_checks`)."""
    rows = [{**claim.to_dict(), "findings": []} for claim in claims]
    for finding in report.findings:
        index = claim_of(claims, finding)
        if index is not None:
            rows[index]["findings"].append(finding.to_dict())
    for skipped in report.skipped:
        index = claim_of(claims, skipped)
        if index is not None:
            rows[index].setdefault("skipped_checks", []).append(skipped.to_dict())
    return rows
