"""Migrations from empty, and the storage settings, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from claims.store import create_engine, upgrade

TABLES = {"app_setting", "article", "audit_event", "claim", "evidence", "evidence_fetch",
          "mention", "note", "user", "alembic_version"}


def test_migrations_create_every_table_from_empty(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    assert set(sa.inspect(engine).get_table_names()) >= TABLES
    upgrade(engine)  # a second upgrade is a no-op
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()


def test_review_queue_indexes_exist(engine: Engine) -> None:
    indexed = {tuple(ix["column_names"]) for ix in sa.inspect(engine).get_indexes("claim")}
    for columns in [("article_id",), ("status",), ("verdict",), ("kind",), ("assignee_id",),
                    ("score",), ("updated_at",)]:
        assert columns in indexed, columns


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
