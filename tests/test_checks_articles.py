"""The checks on whole articles: each planted error is found; unmodified articles stay quiet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claims.checks import run_checks
from claims.extract import extract_claims
from tests.conftest import ROOT, SEED

PLANTED = ROOT / "fixtures" / "planted"
CASES: list[dict[str, Any]] = json.loads((PLANTED / "expected.json").read_text(encoding="utf-8"))


def _findings(path: Path, published: date) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    return run_checks(text, extract_claims(text, published), published).findings


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_planted_figure_is_flagged_by_its_rule(case: dict[str, Any]) -> None:
    findings = _findings(PLANTED / case["file"], date.fromisoformat(case["published"]))
    assert [f.rule for f in findings] == [case["rule"]], [f.message for f in findings]
    assert case["surface"] in [m.surface for m in findings[0].mentions]


def test_every_rule_has_planted_cases() -> None:
    from claims.checks import RULES
    assert {c["rule"] for c in CASES} == set(RULES)


def test_the_seed_gives_no_finding() -> None:
    assert _findings(SEED, date(2024, 7, 8)) == []


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "passages").glob("*.txt")),
                         ids=lambda p: p.name)
def test_unmodified_passages_give_no_finding(path: Path) -> None:
    assert _findings(path, date(2024, 7, 8)) == []
