"""Helpers for the consistency-check tests: run extraction and the checks on a few sentences."""

from __future__ import annotations

from datetime import date

from claims.checks import CheckOptions, CheckReport, Finding, run_checks
from claims.extract import extract_claims

HEADLINE = "A headline for the test\n\n"
PUBLISHED = date(2024, 7, 8)


def report_of(body: str, published: date | None = PUBLISHED,
              options: CheckOptions | None = None) -> CheckReport:
    """The checks' report on a body of sentences (a headline is put before it)."""
    text = HEADLINE + body
    return run_checks(text, extract_claims(text, published), published, options)


def findings_of(body: str, published: date | None = PUBLISHED, rule: str | None = None,
                options: CheckOptions | None = None) -> list[Finding]:
    found = report_of(body, published, options).findings
    return [f for f in found if rule is None or f.rule == rule]


def surfaces(finding: Finding) -> list[str]:
    return [m.surface for m in finding.mentions]
