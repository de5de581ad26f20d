"""The README stays true: every setting and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from claims.cli import register_subcommands
from claims.cli.main import app
from claims.settings import SETTINGS_DOC

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_read_from_the_environment_is_documented() -> None:
    used = set()
    for path in (ROOT / "claims").rglob("*.py"):
        used |= set(re.findall(r"[\"'](CLAIMS_[A-Z_]+)[\"']",
                               path.read_text(encoding="utf-8")))
    assert used <= set(SETTINGS_DOC), used - set(SETTINGS_DOC)
    for name in SETTINGS_DOC:
        assert f"`{name}`" in README, f"{name} is not in the README's configuration table"


def _command_paths(group: typer.Typer, prefix: str = "claims") -> list[str]:
    click_group = typer.main.get_command(group)
    paths = []

    def walk(command: object, path: str) -> None:
        sub = getattr(command, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, f"{path} {name}")
        else:
            paths.append(path)

    walk(click_group, prefix)
    return paths


def test_every_command_is_in_the_readme() -> None:
    register_subcommands(app)
    for path in _command_paths(app):
        assert f"`{path}" in README, f"{path} is not documented in the README"


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert "claims demo" in blocks[0]
    assert blocks[1].strip() == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
