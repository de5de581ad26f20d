"""The `claims` command end to end, run as a real process on a temporary database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

CLAIMS = [sys.executable, "-m", "claims"]


def run(env: dict[str, str], *args: str,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLAIMS, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
            "COLUMNS": "200"}


def assert_one_line_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert text in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_ingest_list_show_and_review_through_the_whole_workflow(env: dict[str, str]) -> None:
    assert run(env, "init").returncode == 0
    ingested = run(env, "ingest", str(SEED), "--published", "2024-07-08", "--outlet", "BBC")
    assert ingested.returncode == 0, ingested.stderr
    assert "1 ingested, 0 already present, 0 failed" in ingested.stderr
    again = run(env, "ingest", str(SEED))
    assert "0 ingested, 1 already present, 0 failed" in again.stderr

    claims = json.loads(run(env, "list", "--json").stdout)
    assert {"id", "article_id", "kind", "text", "status", "verdict", "score", "version",
            "mentions"} <= set(claims[0])
    target = next(c for c in claims if "at least 41 people" in c["text"])
    assert target["status"] == "new" and target["kind"] == "casualty"
    assert run(env, "list").stdout.count("new") >= len(claims)

    for name, role in (("asha", "checker"), ("eddie", "editor")):
        added = run(env, "user", "add", name, "--role", role, "--password-stdin",
                    stdin="s3cret-pass\n")
        assert added.returncode == 0, added.stderr
    cid = str(target["id"])
    steps = [
        ("--status", "in_progress", "--note", "Kyiv officials' toll", "--as", "asha"),
        ("--verdict", "true", "--rationale", "UN and Kyiv agree on 41", "--as", "asha"),
        ("--approve", "--as", "eddie"),
    ]
    for step in steps:
        result = run(env, "review", cid, *step)
        assert result.returncode == 0, result.stderr
    shown = json.loads(run(env, "show", cid, "--json").stdout)
    assert (shown["status"], shown["verdict"]) == ("approved", "true")
    assert [h["actor"] for h in shown["history"]] == ["asha", "asha", "asha", "eddie"]
    assert "approved" in run(env, "list", "--status", "approved").stdout


def test_roles_are_enforced_for_the_acting_user(env: dict[str, str]) -> None:
    run(env, "ingest", str(SEED))
    run(env, "user", "add", "vera", "--role", "viewer")
    refused = run(env, "review", "1", "--status", "in_progress", "--as", "vera")
    assert_one_line_error(refused, "vera is a viewer and may not")
    stale = run(env, "review", "1", "--status", "in_progress", "--expect-version", "7")
    assert_one_line_error(stale, "you saw version 7")


@pytest.mark.parametrize(("args", "message"), [
    (("show", "424242"), "no claim with id 424242"),
    (("review", "424242", "--status", "in_progress"), "no claim with id 424242"),
    (("ingest", "missing.txt"), "no such file"),
    (("ingest", "x.txt", "--published", "8 July"), "invalid date '8 July'"),
    (("review", "1", "--verdict", "sort-of", "--rationale", "x"), "unknown verdict"),
    (("extract", "nowhere.txt", "--json"), "no such file"),
    (("user", "add", "x", "--role", "boss"), "unknown role"),
    (("review", "1", "--as", "ghost", "--status", "new"), "no active user called 'ghost'"),
])
def test_errors_are_one_clear_line(env: dict[str, str], args: tuple[str, ...],
                                   message: str) -> None:
    run(env, "ingest", str(SEED))
    result = run(env, *args)
    if args[0] == "ingest" and "--published" not in args:
        assert result.returncode == 1 and message in result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    else:
        assert_one_line_error(result, message)


def test_bad_files_in_a_batch_fail_alone(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    (batch / "nested").mkdir(parents=True)
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (batch / "latin1.txt").write_bytes("Café owners said 12 people were hurt on Monday.\n"
                                       "Prices rose 5%.".encode("latin-1"))
    (batch / "nested" / "good.md").write_text("Officials said 30 people died in 2023.\n")
    (batch / "big.txt").write_text("x" * 3000)
    (batch / "ignored.csv").write_text("a,b\n")
    env = {**env, "CLAIMS_MAX_ARTICLE_BYTES": "2000"}
    result = run(env, "ingest", str(batch))
    assert result.returncode == 1
    out = " ".join(result.stderr.split())
    assert "2 ingested, 0 already present, 3 failed" in out
    assert "the file is empty" in out and "binary file" in out
    assert "over the 2,000-byte limit" in out and "decoded as" in out
    assert "Traceback" not in result.stdout + result.stderr
    listed = json.loads(run(env, "list", "--json").stdout)
    assert {c["article_id"] for c in listed} == {1, 2}


def test_extract_prints_the_json_contract(tmp_path: Path) -> None:
    result = subprocess.run([*CLAIMS, "extract", str(SEED), "--published", "2024-07-08",
                             "--json"], capture_output=True, text=True, timeout=60)
    claims = json.loads(result.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert claims and all(text[c["start"] : c["end"]] == c["text"] for c in claims)
    mentions = [m for c in claims for m in c["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["surface"] for m in mentions)
    assert {"kind", "surface", "start", "end", "value", "unit", "qualifier", "date",
            "speaker"} == set(mentions[0])
    money = {m["surface"]: (m["value"], m["unit"]) for m in mentions if m["kind"] == "money"}
    assert money["$65bn"] == (65_000_000_000, "USD")


def test_extract_several_files_prints_json_lines(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("The ministry said on Tuesday that 12 people died.\n", encoding="utf-8")
    result = subprocess.run([*CLAIMS, "extract", str(SEED), str(other), "--published",
                             "2024-07-08", "--json"], capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(SEED), str(other)]
    assert all(line["claims"] for line in lines)


def test_user_add_never_prompts_without_a_terminal(env: dict[str, str]) -> None:
    env = {**env, "CLAIMS_AUTH": "password"}
    result = run(env, "user", "add", "nina", "--role", "checker", stdin="")
    assert result.returncode == 0 and "user nina added as checker" in result.stdout
