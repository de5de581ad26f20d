"""`python -m claims` runs the `claims` command."""

from claims.cli.main import run

run()
