"""How `claims check` and `claims extract --checks` print what the checks found."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from claims import checks, extract
from claims.cli.common import console


def check_text(text: str, published: date | None,
               currency_tolerance: float = 0.03) -> checks.CheckReport:
    """Extract the claims of `text` and run every check on them (pure)."""
    options = checks.CheckOptions(currency_tolerance=currency_tolerance)
    return checks.run_checks(text, extract.extract_claims(text, published), published, options)


def checked_claims(text: str, found: list[extract.Claim],
                   published: date | None) -> list[dict[str, Any]]:
    """The extraction contract's claims, each with a `findings` list."""
    return checks.claims_with_findings(found, checks.run_checks(text, found, published))


def print_report(path: Path, report: checks.CheckReport, *, as_json: bool,
                 several: bool) -> None:
    """One file: a JSON array of findings (skipped checks as notes on stderr); several:
    JSON Lines `{"file", "findings", "skipped"}`; without `--json`, one line per finding."""
    findings = [f.to_dict() for f in report.findings]
    skipped = [s.to_dict() for s in report.skipped]
    if as_json and several:
        print(json.dumps({"file": str(path), "findings": findings, "skipped": skipped},
                         ensure_ascii=False))
        return
    for note in skipped:
        surfaces = ", ".join(m["surface"] for m in note["mentions"])
        print(f"skipped {note['rule']} on {surfaces}: {note['reason']}", file=sys.stderr)
    if as_json:
        print(json.dumps(findings, ensure_ascii=False, indent=1))
        return
    console.print(f"{path}: {len(findings)} finding(s)")
    for finding in findings:
        console.print(f"  {finding['severity']} {finding['rule']}: {finding['message']}",
                      markup=False, highlight=False)
