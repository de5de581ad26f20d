"""Alembic environment: runs on the connection handed over by `claims.store.upgrade`,
or on CLAIMS_DATABASE_URL when called from the alembic command line."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import claims.models  # noqa: F401  (registers the tables)
from claims.settings import Settings
from claims.store import create_engine

target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    with create_engine(Settings.from_env().database_url).begin() as connection:
        run_migrations(connection)
