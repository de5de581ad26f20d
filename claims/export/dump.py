"""Dump the whole database to one versioned file, and restore it into an empty database.

The file is UTF-8 JSON Lines:

    {"format": "claim-desk-dump", "version": 1, "schema": "<alembic revision>",
     "with_secrets": false, "tables": ["user", "article", ...]}
    {"table": "user", "row": {"id": 1, "name": "...", ...}}
    ...
    {"end": true, "counts": {"user": 3, "article": 1, ...}}

Tables come parents first (so a restore never breaks a foreign key), rows in primary-key
order, columns in the models' order; datetimes are ISO 8601 UTC (`+00:00`), dates ISO,
binary data base64. Nothing in the file depends on when or from which database it was
written, so dumping a restored database gives the same bytes. Password hashes are left
out (null) unless asked for. The closing record lets a restore refuse a truncated file.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

from claims import models  # noqa: F401  (registers every table on SQLModel.metadata)
from claims.control_chars import blank_in, blanked_warning
from claims.errors import BadInput
from claims.models import UTCDateTime
from claims.service.articles import body_sha256
from claims.store import is_sqlite, write_session

FORMAT = "claim-desk-dump"
VERSION = 1
BATCH = 1000
SECRET_COLUMNS = {("user", "password_hash")}


def tables() -> list[sa.Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is at (None before any upgrade)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


# -------------------------------------------------------------------------------- values

def _encode(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime | sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(value.encode("ascii"), validate=True)
    return value


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------------------------- dump

@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that sees one consistent state of the database for the whole dump."""
    options: dict[str, Any] = {} if is_sqlite(engine) else {"isolation_level": "REPEATABLE READ"}
    with engine.connect() as connection, connection.execution_options(**options).begin():
        yield connection


def _rows(connection: Connection, table: sa.Table, with_secrets: bool) -> Iterator[dict[str, Any]]:
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH).execute(query)
    for row in result.mappings():
        yield {column.name: (None if (table.name, column.name) in SECRET_COLUMNS
                             and not with_secrets else _encode(row[column.name]))
               for column in table.columns}


def write_dump(engine: Engine, out: IO[str], *, with_secrets: bool = False) -> dict[str, int]:
    """Write every table to `out` (see the module docstring); returns rows per table.

    Read-only: one read transaction (REPEATABLE READ on PostgreSQL), streamed table by table.
    Password hashes are written only with `with_secrets`.
    """
    counts: dict[str, int] = {}
    with _snapshot(engine) as connection:
        out.write(_line({"format": FORMAT, "version": VERSION,
                         "schema": schema_revision(connection), "with_secrets": with_secrets,
                         "tables": [table.name for table in tables()]}))
        for table in tables():
            counts[table.name] = 0
            for row in _rows(connection, table, with_secrets):
                out.write(_line({"table": table.name, "row": row}))
                counts[table.name] += 1
        out.write(_line({"end": True, "counts": counts}))
    return counts


# ------------------------------------------------------------------------------- restore

def _records(source: IO[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise BadInput(f"line {number} of the dump is not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise BadInput(f"line {number} of the dump is not a record")
        yield number, record


def _check_header(record: dict[str, Any], revision: str | None) -> None:
    if record.get("format") != FORMAT:
        raise BadInput("this file is not a claim desk dump (no claim-desk-dump header)")
    if record.get("version") != VERSION:
        raise BadInput(f"dump format version {record.get('version')} is not supported "
                       f"(this claim desk reads version {VERSION})")
    if record.get("schema") != revision:
        raise BadInput(f"the dump was written at schema revision {record.get('schema')} but "
                       f"this database is at {revision}; restore it with the matching "
                       "claim desk version")


def _check_empty(session: Session) -> None:
    for table in tables():
        if session.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise BadInput(f"the database is not empty (table {table.name!r} has rows); "
                           "restore a dump only into a new, empty database (no `claims init` "
                           "first: the dump brings its own users)")


class _Loader:
    """Inserts rows in batches, a table at a time, and counts them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_name = {table.name: table for table in tables()}
        self.counts: dict[str, int] = {name: 0 for name in self.by_name}
        self.table: sa.Table | None = None
        self.batch: list[dict[str, Any]] = []
        self.blanked = 0  # control characters replaced by spaces

    def add(self, number: int, name: Any, row: Any) -> None:
        table = self.by_name.get(name) if isinstance(name, str) else None
        if table is None or not isinstance(row, dict):
            raise BadInput(f"line {number} of the dump names no known table")
        if table is not self.table:
            self.flush()
            self.table = table
        unknown = set(row) - set(table.columns.keys())
        if unknown:
            raise BadInput(f"line {number}: table {name} has no column {sorted(unknown)[0]!r}")
        values = {c.name: _decode(c, row.get(c.name)) for c in table.columns}
        self.batch.append(self._without_controls(values))
        self.counts[name] += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def _without_controls(self, values: dict[str, Any]) -> dict[str, Any]:
        """Control characters blanked by the rule of ingest (claims.control_chars); an
        article whose body changed gets its body's new sha256."""
        cleaned: dict[str, Any] = {}
        for name, value in values.items():
            cleaned[name], count = blank_in(value)
            self.blanked += count
        if cleaned.get("body") != values.get("body") and "body_sha256" in cleaned:
            cleaned["body_sha256"] = body_sha256(cleaned["body"])
        return cleaned

    def flush(self) -> None:
        if self.table is not None and self.batch:
            self.session.execute(sa.insert(self.table), self.batch)
        self.batch = []


def _fix_sequences(session: Session) -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    for table in tables():
        id_column = table.columns.get("id")
        if id_column is None or not isinstance(id_column.type, sa.Integer):
            continue
        quoted = session.get_bind().dialect.identifier_preparer.quote(table.name)
        session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence(:name, 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {quoted}), 1), "
            f"(SELECT MAX(id) FROM {quoted}) IS NOT NULL)"), {"name": quoted})


def restore_dump(engine: Engine, source: IO[str],
                 warnings: list[str] | None = None) -> dict[str, int]:
    """Load a dump into an empty database at the dump's schema revision; returns rows per table.

    One write transaction: on any error (not empty, wrong format or revision, a bad or
    truncated file, a broken row) nothing is written. Ids are kept as in the dump; on
    PostgreSQL the id sequences are moved past them. Control characters in text (a NUL
    that SQLite kept) are replaced by spaces as ingest does; `warnings` gets a line saying
    how many. Raises BadInput.
    """
    records = _records(source)
    first = next(records, None)
    if first is None:
        raise BadInput("the dump file is empty")
    with write_session(engine) as session:
        _check_header(first[1], schema_revision(session.connection()))
        _check_empty(session)
        loader = _Loader(session)
        end = _load(loader, records)
        _check_counts(end, loader.counts)
        if not is_sqlite(engine):
            _fix_sequences(session)
    if loader.blanked and warnings is not None:
        warnings.append(blanked_warning(loader.blanked, "the dump"))
    return loader.counts


def _load(loader: _Loader, records: Iterator[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    for number, record in records:
        if record.get("end") is True:
            loader.flush()
            return record
        loader.add(number, record.get("table"), record.get("row"))
    raise BadInput("the dump is truncated: its closing record is missing")


def _check_counts(end: dict[str, Any], counts: dict[str, int]) -> None:
    expected = end.get("counts")
    if expected != counts:
        raise BadInput(f"the dump's rows do not match its closing record (read {counts}, "
                       f"expected {expected})")
