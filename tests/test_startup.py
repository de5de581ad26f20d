"""CLI start-up stays light: `claims --help` imports no ORM, `claims list` no extractor,
fetcher, exporter, migration machinery (on a current schema) or password hashing.

Checked by the modules a real process imports (`python -X importtime`), not by timing;
bench/bench_startup.py measures the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def imported(env: dict[str, str], *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims", *args],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:")}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite'}"}
    assert subprocess.run([sys.executable, "-m", "claims", "init"], env=env,
                          capture_output=True, timeout=120).returncode == 0
    return env


HEAVY = ("claims.extract", "claims.fetch", "httpx", "trafilatura", "charset_normalizer",
         "claims.export.report", "claims.service.evidence", "argon2", "rich.progress")


def test_help_imports_no_database_code(env: dict[str, str]) -> None:
    modules = imported(env, "--help")
    for heavy in (*HEAVY, "sqlalchemy", "sqlmodel", "claims.models", "alembic"):
        assert heavy not in modules, heavy


def test_list_imports_only_what_it_needs(env: dict[str, str]) -> None:
    modules = imported(env, "list")
    assert "claims.service.queries" in modules
    for heavy in (*HEAVY, "alembic"):
        assert heavy not in modules, heavy


def test_a_new_database_is_still_upgraded_on_first_use(tmp_path: Path) -> None:
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite'}"}
    assert "alembic" in imported(env, "list")
