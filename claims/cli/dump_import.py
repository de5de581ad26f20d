"""`claims import dump FILE`: restore a dump into an empty database."""

from __future__ import annotations

from pathlib import Path

import typer

from claims.cli.claimreview_import import claimreview
from claims.cli.common import clean_errors, engine, err_console

app = typer.Typer(help="Import data into the database.", no_args_is_help=True)


@app.command("dump")
@clean_errors
def dump(
    file: Path = typer.Argument(..., help="A file written by `claims export dump`.",
                                exists=True, dir_okay=False, readable=True),
) -> None:
    """Restore a dump into an empty database (SQLite or PostgreSQL), keeping every id.

    All or nothing: a non-empty database, a dump of another schema revision, or a damaged
    file leaves the database as it was.
    """
    from claims.export.dump import restore_dump

    warnings: list[str] = []
    with open(file, encoding="utf-8", newline="") as source:
        counts = restore_dump(engine(), source, warnings)
    for warning in warnings:
        err_console.print(f"warning: {warning}", highlight=False, soft_wrap=True)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    err_console.print(f"restored {file}: {summary}", highlight=False, soft_wrap=True)


app.command("claimreview")(claimreview)
