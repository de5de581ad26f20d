"""`claims export ...` and `claims import dump`, run as real processes on temporary databases."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.store import create_engine, upgrade
from tests.conftest import seed_input
from tests.test_export_support import Reviewed, approve, review_seed

CLAIMS = [sys.executable, "-m", "claims"]
Desk = tuple[dict[str, str], Engine, Reviewed]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLAIMS, *args], env=env, capture_output=True, text=True,
                          timeout=120)


def env_for(url: str) -> dict[str, str]:
    return {**os.environ, "CLAIMS_DATABASE_URL": url, "COLUMNS": "200",
            "CLAIMS_REVIEW_URL": "https://desk.example.org/checks/{id}"}


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """A SQLite desk with the seed article reviewed, and the environment that points at it."""
    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    engine = create_engine(url)
    upgrade(engine)
    admin = service.local_actor(engine)
    actors = []
    for name, role in (("asha", "checker"), ("eddie", "editor")):
        service.add_user(engine, admin, name=name, role=role, password=f"{name}-password")
        actors.append(service.actor_for(engine, name))
    article = service.ingest_article(engine, admin, seed_input()).article_id
    yield env_for(url), engine, review_seed(engine, actors[0], actors[1], article)
    engine.dispose()


def assert_one_line_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert text in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_report_as_html_file_and_markdown_on_stdout(desk: Desk, tmp_path: Path) -> None:
    env, _, reviewed = desk
    target = tmp_path / "report.html"
    result = run(env, "export", "report", str(reviewed.article_id), "--format", "html",
                 "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Modi and Putin in Moscow" in page
    assert '<script type="application/ld+json">' in page
    markdown = run(env, "export", "report", str(reviewed.article_id), "--format", "md")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# Fact-check report:")


def test_claims_as_csv_and_jsonl_with_filters(desk: Desk) -> None:
    env, _, reviewed = desk
    result = run(env, "export", "claims", "--format", "csv", "--status", "approved")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(int(r["id"]) for r in rows) == sorted(reviewed.approved)
    assert "exported 5 claims as csv" in result.stderr
    lines = run(env, "export", "claims", "--format", "jsonl", "--verdict", "false",
                "--article", str(reviewed.article_id)).stdout.splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == ["false"]


def test_claimreview_for_the_seed_article(desk: Desk, tmp_path: Path) -> None:
    env, _, reviewed = desk
    target = tmp_path / "seed.jsonld"
    result = run(env, "export", "claimreview", "--article", str(reviewed.article_id),
                 "-o", str(target))
    assert result.returncode == 0, result.stderr
    items = json.loads(target.read_text(encoding="utf-8"))
    assert {i["url"] for i in items} == {f"https://desk.example.org/checks/{cid}"
                                         for cid in reviewed.approved}
    assert "exported 5 ClaimReview items" in result.stderr


def test_claimreview_reports_a_claim_it_cannot_export_and_exits_1(desk: Desk,
                                                                  tmp_path: Path) -> None:
    env, engine, reviewed = desk
    checker, editor = service.actor_for(engine, "asha"), service.actor_for(engine, "eddie")
    article = service.ingest_article(engine, checker, service.ArticleInput(
        text="The minister called the leaked budget false on Tuesday.", title="Budget",
        body_is_text=True)).article_id
    claim = service.add_claim(engine, checker, article,
                              words="The minister called the leaked budget false on Tuesday.")
    approve(engine, checker, editor, claim.id or 0, "false")
    target = tmp_path / "all.jsonld"
    result = run(env, "export", "claimreview", "-o", str(target))
    assert result.returncode == 1
    assert f"not exported: claim {claim.id}: claimReviewed contains the rating 'False'" in \
        result.stderr
    assert "1 approved claims were not exported" in result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(reviewed.approved)


def test_annotations_for_one_article(desk: Desk) -> None:
    env, _, reviewed = desk
    result = run(env, "export", "annotations", "--article", str(reviewed.article_id))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {i["type"] for i in items} == {"Annotation"}
    assert len(items) == len(reviewed.claim_ids) + 1  # one anchored note


def test_dump_and_import_into_a_new_database(desk: Desk, tmp_path: Path) -> None:
    env, _, _ = desk
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    dumped = run(env, "export", "dump", str(first))
    assert dumped.returncode == 0, dumped.stderr
    assert "wrote" in dumped.stderr and "1 article" in dumped.stderr
    fresh = env_for(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    restored = run(fresh, "import", "dump", str(first))
    assert restored.returncode == 0, restored.stderr
    assert run(fresh, "export", "dump", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()
    again = run(fresh, "import", "dump", str(first))
    assert_one_line_error(again, "the database is not empty")


def test_a_dump_with_secrets_is_readable_by_its_owner_only(desk: Desk, tmp_path: Path) -> None:
    env, _, _ = desk
    target = tmp_path / "secret.jsonl"
    assert run(env, "export", "dump", str(target), "--with-secrets").returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "$argon2" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (("export", "report", "999"), "no article with id 999"),
    (("export", "report", "1", "--format", "pdf"), "choose html or md"),
    (("export", "claims", "--status", "bogus"), "unknown status 'bogus'"),
    (("export", "claims", "--format", "xml"), "unknown format 'xml'"),
    (("export", "claims", "-o", "/nonexistent/dir/x.csv"), "No such file or directory"),
])
def test_errors_are_one_clear_line(desk: Desk, args: tuple[str, ...], message: str) -> None:
    env, _, _ = desk
    assert_one_line_error(run(env, *args), message)


def test_a_failed_export_leaves_no_partial_file(desk: Desk, tmp_path: Path) -> None:
    env, _, _ = desk
    target = tmp_path / "report.html"
    assert run(env, "export", "report", "999", "-o", str(target)).returncode != 0
    assert list(tmp_path.glob("report.html*")) == [] and list(tmp_path.glob(".report*")) == []
