"""`claims check`, `claims extract --checks` and `claims findings`, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

CLAIMS = [sys.executable, "-m", "claims"]
PLANTED = ROOT / "fixtures" / "planted"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLAIMS, *args], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
            "COLUMNS": "200"}


def test_check_prints_a_json_array_of_findings_for_one_file(env: dict[str, str]) -> None:
    path = PLANTED / "seed_trade_conversion.txt"
    result = run(env, "check", str(path), "--published", "2024-07-08", "--json")
    assert result.returncode == 0, result.stderr
    [finding] = json.loads(result.stdout)
    assert finding["rule"] == "currency_conversion" and finding["severity"] == "error"
    text = path.read_text(encoding="utf-8")
    for mention in finding["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["surface"]
    assert [m["surface"] for m in finding["mentions"]] == ["$65bn", "£40.76bn"]
    assert {"stated", "expected", "tolerance", "message"} <= set(finding)


def test_check_of_the_seed_is_an_empty_array(env: dict[str, str]) -> None:
    result = run(env, "check", str(SEED), "--published", "2024-07-08", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_several_files_give_json_lines_with_skipped_checks(env: dict[str, str],
                                                           tmp_path: Path) -> None:
    taka = tmp_path / "taka.txt"
    taka.write_text("Flood budget\n\nThe budget is Tk 40 crore ($3.4m), the minister said.\n",
                    encoding="utf-8")
    result = run(env, "check", str(SEED), str(taka), "--published", "2024-07-08", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(SEED), str(taka)]
    assert lines[0]["findings"] == [] and lines[1]["findings"] == []
    [skipped] = lines[1]["skipped"]
    assert skipped["rule"] == "currency_conversion" and "BDT" in skipped["reason"]


def test_extract_with_checks_puts_findings_on_their_claim(env: dict[str, str]) -> None:
    path = PLANTED / "seed_nato_anniversary.txt"
    result = run(env, "extract", str(path), "--published", "2024-07-08", "--json", "--checks")
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)
    flagged = [c for c in claims if c["findings"]]
    assert len(flagged) == 1 and "70th anniversary" in flagged[0]["text"]
    assert flagged[0]["findings"][0]["rule"] == "anniversary"
    assert all("findings" in c for c in claims)
    plain = json.loads(run(env, "extract", str(path), "--published", "2024-07-08",
                           "--json").stdout)
    assert all("findings" not in c for c in plain)


def test_stored_findings_listed_filtered_and_dismissed(env: dict[str, str]) -> None:
    path = PLANTED / "seed_trade_conversion.txt"
    assert run(env, "ingest", str(path), "--published", "2024-07-08").returncode == 0
    [finding] = json.loads(run(env, "findings", "list", "1", "--json").stdout)
    listed = json.loads(run(env, "list", "--has-findings", "--json").stdout)
    assert [c["id"] for c in listed] == [finding["claim_id"]]
    assert listed[0]["findings"][0]["rule"] == "currency_conversion"
    refused = run(env, "findings", "dismiss", str(finding["id"]), "--reason", " ")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    done = run(env, "findings", "dismiss", str(finding["id"]), "--reason", "checked: fine")
    assert done.returncode == 0, done.stderr
    assert json.loads(run(env, "list", "--has-findings", "--json").stdout) == []
    assert "0 open" in run(env, "findings", "recheck", "1").stdout


def test_findings_tolerance_shows_and_sets_the_desk_tolerance(env: dict[str, str]) -> None:
    assert run(env, "findings", "tolerance").stdout.strip() == "currency tolerance: 3%"
    assert run(env, "findings", "tolerance", "5%").stdout.strip() == "currency tolerance: 5%"
    assert run(env, "findings", "tolerance").stdout.strip() == "currency tolerance: 5%"
    refused = run(env, "findings", "tolerance", "lots")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "give the tolerance as a percentage" in refused.stdout + refused.stderr
