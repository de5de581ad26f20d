"""First use of a new database by 8 commands at once: the schema upgrade is serialised (the
write lock on SQLite, an advisory lock on PostgreSQL), so none of them fails."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import sqlalchemy as sa

from claims.store import create_engine
from tests.conftest import SEED

#: import the CLI, wait for the common start time, then run `claims ingest SEED`
AT_ONCE = """
import sys, time
from claims.cli import register_subcommands
from claims.cli.main import app
register_subcommands(app)
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
app(["ingest", sys.argv[2]])
"""
COMMANDS = 8


def test_eight_commands_on_a_new_database_all_succeed(database_url: str) -> None:
    env = {**os.environ, "CLAIMS_DATABASE_URL": database_url}
    start = time.time() + 8.0  # every process has imported by then, even on a loaded machine
    processes = [subprocess.Popen([sys.executable, "-c", AT_ONCE, str(start), str(SEED)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(COMMANDS)]
    results = [(*p.communicate(timeout=180), p.returncode) for p in processes]
    for _out, err, code in results:
        assert "locked" not in err and "UniqueViolation" not in err, err
        assert "Traceback" not in err, err
        assert code == 0 and ("1 ingested" in err or "1 already present" in err), (code, err)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        versions = connection.execute(sa.text("SELECT version_num FROM alembic_version")).all()
        articles = connection.execute(sa.text("SELECT count(*) FROM article")).scalar()
    engine.dispose()
    assert len(versions) == 1 and articles == 1
