"""Shared fixtures: fresh databases (SQLite file and a real PostgreSQL), actors, the seed."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.service import Actor, ArticleInput
from claims.store import create_engine, upgrade
from tests.pg_server import PostgresServer, start_server

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed" / "modi_putin_moscow.txt"
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    server = start_server()
    if server is None:
        pytest.skip("no PostgreSQL binaries on this machine (the test command installs them: "
                    "apt-get install -y postgresql)")
    yield server
    server.stop()


def make_database_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL of a new, empty database of `kind` (sqlite or postgresql)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / f'claims-{next(_database_numbers)}.sqlite'}"
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.create_database(f"test_{next(_database_numbers)}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once SQLite and once PostgreSQL (not yet upgraded)."""
    return make_database_url(request.param, tmp_path, request)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'claims.sqlite'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A fresh, upgraded database on SQLite and on PostgreSQL."""
    db = create_engine(database_url)
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """A fresh, upgraded SQLite database (for tests that need only one kind)."""
    db = create_engine(sqlite_url)
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def admin(engine: Engine) -> Actor:
    return service.local_actor(engine)


def _user(engine: Engine, admin: Actor, name: str, role: str) -> Actor:
    service.add_user(engine, admin, name=name, role=role, password=f"{name}-password")
    return service.actor_for(engine, name)


@pytest.fixture
def checker(engine: Engine, admin: Actor) -> Actor:
    return _user(engine, admin, "asha", "checker")


@pytest.fixture
def editor(engine: Engine, admin: Actor) -> Actor:
    return _user(engine, admin, "eddie", "editor")


@pytest.fixture
def viewer(engine: Engine, admin: Actor) -> Actor:
    return _user(engine, admin, "vera", "viewer")


def seed_input() -> ArticleInput:
    meta = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    return ArticleInput(text=SEED.read_text(encoding="utf-8"), title=meta["title"],
                        outlet=meta["outlet"], published_on=date.fromisoformat(meta["published"]),
                        source_name=SEED.name)


@pytest.fixture
def seeded(engine: Engine, admin: Actor) -> int:
    """The seed article ingested; returns its article id."""
    return service.ingest_article(engine, admin, seed_input()).article_id
