"""What the hardening audit found in the CLI: review transactions, --expect-version 0, URLs,
stderr for errors and summaries, library noise, and the queue's filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import BadInput, EditConflict, Forbidden
from claims.service import Actor
from claims.service.review_steps import ReviewRequest, apply_review
from tests.conftest import SEED
from tests.test_cli import env, run  # noqa: F401 - env is a fixture

# --- claims review: one transaction ----------------------------------------------------------


def first_claim(engine: Engine, article_id: int) -> service.ClaimRow:
    return service.list_claims(engine, service.ClaimFilter(article_id=article_id),
                               order="position")[0]


def test_a_refused_step_rolls_back_the_note_before_it(engine: Engine, seeded: int,
                                                      checker: Actor) -> None:
    claim = first_claim(engine, seeded)
    with pytest.raises(Forbidden):
        apply_review(engine, checker, claim.id, ReviewRequest(note="looked at it",
                                                              status="in_progress",
                                                              approve=True))
    detail = service.get_claim(engine, claim.id)
    assert detail.notes == [] and detail.claim.status == "new"
    assert detail.claim.version == claim.version
    assert service.claim_history(engine, claim.id) == []


def test_a_conflicting_step_rolls_back_everything(engine: Engine, seeded: int,
                                                  checker: Actor) -> None:
    claim = first_claim(engine, seeded)
    with pytest.raises(EditConflict):
        apply_review(engine, checker, claim.id, ReviewRequest(note="n", status="in_progress"),
                     seen_version=claim.version + 3)
    assert service.get_claim(engine, claim.id).notes == []


def test_several_changes_in_one_call(engine: Engine, seeded: int, checker: Actor) -> None:
    claim = first_claim(engine, seeded)
    outcome = apply_review(engine, checker, claim.id, ReviewRequest(
        note="n", status="in_progress", verdict="true", rationale="two sources agree"))
    assert outcome.steps == ["note added", "status in_progress", "proposed true"]
    assert (outcome.claim.status, outcome.claim.version) == ("needs_approval", claim.version + 2)


def test_nothing_asked_is_bad_input(engine: Engine, seeded: int, checker: Actor) -> None:
    with pytest.raises(BadInput, match="nothing to do"):
        apply_review(engine, checker, first_claim(engine, seeded).id, ReviewRequest())


# --- the CLI --------------------------------------------------------------------------------

def ingested(env: dict[str, str]) -> int:  # noqa: F811 - env is the fixture's value
    result = run(env, "ingest", str(SEED), "--published", "2024-07-08")
    assert result.returncode == 0, result.stderr
    return int(json.loads(run(env, "list", "--json", "--order", "position").stdout)[0]["id"])


def test_review_from_the_cli_is_all_or_nothing(env: dict[str, str]) -> None:  # noqa: F811
    claim_id = str(ingested(env))
    assert run(env, "user", "add", "asha", "--role", "checker").returncode == 0
    result = run(env, "review", claim_id, "--note", "half done?", "--status", "in_progress",
                 "--approve", "--as", "asha")
    assert result.returncode != 0 and "asha is a checker" in result.stderr
    shown = json.loads(run(env, "show", claim_id, "--json").stdout)
    assert shown["notes"] == [] and shown["status"] == "new" and shown["version"] == 1


def test_expect_version_zero_is_honoured(env: dict[str, str]) -> None:  # noqa: F811
    claim_id = str(ingested(env))
    result = run(env, "review", claim_id, "--status", "in_progress", "--expect-version", "0")
    assert result.returncode != 0
    assert "you saw version 0, it is now 1" in result.stderr
    assert json.loads(run(env, "show", claim_id, "--json").stdout)["status"] == "new"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                 "file:///etc/passwd", "http://"])
def test_article_urls_are_http_only(env: dict[str, str], url: str) -> None:  # noqa: F811
    result = run(env, "ingest", str(SEED), "--url", url)
    assert result.returncode != 0
    assert "is not an http or https address" in result.stderr
    assert json.loads(run(env, "list", "--json").stdout) == []


def test_an_article_url_is_kept(env: dict[str, str]) -> None:  # noqa: F811
    result = run(env, "ingest", str(SEED), "--url", "https://www.bbc.com/news/articles/x")
    assert result.returncode == 0, result.stderr


def test_evidence_urls_are_http_only(env: dict[str, str]) -> None:  # noqa: F811
    claim_id = str(ingested(env))
    result = run(env, "evidence", "add", claim_id, "javascript:alert(1)")
    assert result.returncode != 0 and "only http and https" in result.stderr


def test_ingest_reports_on_stderr(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = run(env, "ingest", str(SEED), str(empty))
    assert result.returncode == 1
    # stdout holds what became of each stored article (data); failures and the summary go
    # to stderr
    assert "empty.txt" not in result.stdout and "failed" not in result.stdout
    assert "article 1, " in result.stdout
    assert "empty.txt: the file is empty" in result.stderr
    assert "1 ingested, 0 already present, 1 failed" in result.stderr


def test_a_malformed_pdf_upload_prints_no_library_line(env: dict[str, str],  # noqa: F811
                                                       tmp_path: Path) -> None:
    claim_id = str(ingested(env))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    result = run(env, "evidence", "upload", claim_id, str(broken), "--stance", "refutes")
    assert result.returncode == 0, result.stderr
    assert "EOF marker" not in result.stdout + result.stderr
    listed = run(env, "evidence", "list", claim_id).stdout
    assert "refutes" in listed


def test_an_unknown_status_is_refused(env: dict[str, str]) -> None:  # noqa: F811
    ingested(env)
    for option, value in (("--status", "bogus"), ("--verdict", "maybe"), ("--kind", "gossip"),
                          ("--order", "random")):
        result = run(env, "list", option, value)
        assert result.returncode != 0, (option, result.stdout)
        assert f"unknown {option[2:]} {value!r}; choose one of" in result.stderr


def test_one_claim_is_singular_and_due_is_shown(env: dict[str, str]) -> None:  # noqa: F811
    claim_id = str(ingested(env))
    assert run(env, "user", "add", "asha", "--role", "checker").returncode == 0
    assigned = run(env, "review", claim_id, "--assign", "asha", "--due", "2031-05-17")
    assert assigned.returncode == 0, assigned.stderr
    listed = run(env, "list", "--assignee", "asha", "--order", "due")
    assert re.search(r"\b1 claim\b", listed.stdout) and "1 claims" not in listed.stdout
    assert "due" in listed.stdout and "2031-05-17" in listed.stdout
