"""`claims ingest URL`: the page is fetched through the safe fetcher, from a real local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.evidence_server import EvidenceServer


@pytest.fixture(scope="module")
def server() -> Iterator[EvidenceServer]:
    running = EvidenceServer()
    yield running
    running.stop()


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claims", *args], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'url.sqlite'}",
            "COLUMNS": "200", "CLAIMS_FETCH_TIMEOUT": "2"}


def test_an_article_page_is_ingested_with_its_metadata(server: EvidenceServer,
                                                       env: dict[str, str]) -> None:
    allowed = {**env, "CLAIMS_ALLOW_HOSTS": "127.0.0.1"}
    result = run(allowed, "ingest", server.url("/full"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 ingested" in result.stderr
    claims = json.loads(run(allowed, "list", "--json").stdout)
    assert any("$100 billion" in c["text"] for c in claims)
    shown = json.loads(run(allowed, "show", str(claims[0]["id"]), "--json").stdout)
    assert shown["article_id"] == 1


@pytest.mark.parametrize(("path", "reason"), [
    ("/full", "127.0.0.1"),  # loopback, not allowed without CLAIMS_ALLOW_HOSTS
    ("/status/404", "404"),
])
def test_refused_and_failing_pages_fail_with_a_reason(server: EvidenceServer, env: dict[str, str],
                                                      path: str, reason: str) -> None:
    if path.startswith("/status"):
        env = {**env, "CLAIMS_ALLOW_HOSTS": "127.0.0.1"}
    result = run(env, "ingest", server.url(path))
    assert result.returncode == 1
    assert "0 ingested, 0 already present, 1 failed" in result.stderr
    assert reason in result.stderr and "Traceback" not in result.stdout + result.stderr


def test_an_unreachable_url_fails_with_a_reason(env: dict[str, str]) -> None:
    result = run({**env, "CLAIMS_ALLOW_HOSTS": "127.0.0.1"}, "ingest", "http://127.0.0.1:9/")
    assert result.returncode == 1 and "1 failed" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
