"""Engines, sessions and schema upgrades.

SQLite (the default) gets WAL, foreign keys and a busy timeout on every pooled connection;
its write transactions start with `BEGIN IMMEDIATE`, so two writers queue for the lock
instead of failing half-way with `database is locked`. Any other SQLAlchemy URL (PostgreSQL
through psycopg 3) is used as given.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from claims.errors import StorageError
from claims.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 60_000
#: PostgreSQL advisory lock key held while the schema is upgraded ("claimdsk" in ASCII)
SCHEMA_LOCK_KEY = 0x636C61696D64736B
UPGRADE_ATTEMPTS = 40  # about 40 s of waiting for another process's first upgrade, at most

_write_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "claims_write_transaction", default=False
)
#: the write session open in this context, so that nested service calls join it
_open_write: contextvars.ContextVar[tuple[Engine, Session] | None] = contextvars.ContextVar(
    "claims_open_write", default=None
)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_sqlite_begin(connection: sa.Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_transaction.get() else "BEGIN")


def create_engine(url: str) -> Engine:
    """A new engine for `url`; SQLite files get their folder created and their pragmas set."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
                                                 "check_same_thread": False})
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    sa.event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creates it on an empty database).

    Commands started at once on a new database upgrade one after the other (see
    `_lock_schema`); the later ones find the schema current and change nothing.
    """
    for attempt in range(UPGRADE_ATTEMPTS):
        try:
            _upgrade_once(engine)
            return
        except sa.exc.OperationalError as error:
            # SQLite answers "database is locked" at once, whatever the busy timeout, to a
            # process that reached a brand-new file in the same instant as another one; the
            # schema is then being made by that other process: wait for it and look again.
            if not is_sqlite(engine) or "locked" not in str(error) or \
                    attempt == UPGRADE_ATTEMPTS - 1:
                raise _upgrade_failure(error) from error
            time.sleep(0.05 * (attempt + 1))
        except sa.exc.SQLAlchemyError as error:
            raise _upgrade_failure(error) from error


def _upgrade_failure(error: Exception) -> StorageError:
    return StorageError(f"could not upgrade the database schema: {error.__class__.__name__}: "
                        f"{str(error).splitlines()[0]}")


def _upgrade_once(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    token = _write_transaction.set(True)  # SQLite: BEGIN IMMEDIATE, the write lock up front
    try:
        with engine.begin() as connection:
            _lock_schema(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        _write_transaction.reset(token)


def _lock_schema(connection: sa.Connection) -> None:
    """Serialise schema upgrades: commands started at once on a new database upgrade one
    after the other (the others then find the schema current). SQLite's write lock is taken
    by BEGIN IMMEDIATE; PostgreSQL takes a transaction-level advisory lock."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=]*=(.*)$", re.M)


@cache
def script_heads() -> frozenset[str]:
    """The newest revisions of the migrations in the package, read from their files (no
    Alembic import: `schema_is_current` runs before every command)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            ids = set(re.findall(r"['\"]([^'\"]+)['\"]", value))
            (revisions if key == "revision" else parents).update(ids)
    return frozenset(revisions - parents)


def schema_is_current(engine: Engine) -> bool:
    """Whether the database's Alembic revisions are exactly the package's newest ones."""
    try:
        with engine.connect() as connection:
            stored = {row[0] for row in connection.execute(
                sa.text("SELECT version_num FROM alembic_version"))}
    except sa.exc.SQLAlchemyError:
        return False  # no schema yet (or unreadable): the upgrade says what is wrong
    return bool(stored) and stored == script_heads()


@cache
def _engine_for(url: str) -> Engine:
    engine = create_engine(url)
    if not schema_is_current(engine):
        upgrade(engine)
    return engine


def get_engine(settings: Settings | None = None) -> Engine:
    """The process-wide engine for the configured database, upgraded on first use (a cheap
    check of the stored revision skips Alembic when the schema is current)."""
    return _engine_for((settings or Settings.from_env()).database_url)


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; nothing it does is committed."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits when the block ends, rolls back on any exception.

    On SQLite the transaction starts with BEGIN IMMEDIATE (takes the write lock up front).
    Called again inside an open write session on the same engine (a service operation made of
    several), it joins that transaction: the outermost block commits or rolls back the lot.
    """
    joined = _open_write.get()
    if joined is not None and joined[0] is engine:
        yield joined[1]
        return
    token = _write_transaction.set(True)
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            opened = _open_write.set((engine, session))
            try:
                yield session
            finally:
                _open_write.reset(opened)
    except sa.exc.OperationalError as error:
        first_line = str(error).splitlines()[0]
        raise StorageError(f"the database refused the change: {first_line}") from error
    finally:
        _write_transaction.reset(token)
