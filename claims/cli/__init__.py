"""The `claims` command line. `main.py` holds the core commands; areas add their own."""

from __future__ import annotations

import importlib

import typer

#: module in claims.cli → the command group it adds (each module defines `app`)
SUBCOMMANDS = {"evidence": "evidence", "export": "export", "dump_import": "import",
               "matching": "match", "findings": "findings"}


def register_subcommands(app: typer.Typer) -> None:
    """Attach the area command groups that exist in this install."""
    for module_name, group in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(f"claims.cli.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"claims.cli.{module_name}":
                raise
            continue
        app.add_typer(module.app, name=group)
