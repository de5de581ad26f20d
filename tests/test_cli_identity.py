"""Who the CLI acts as without `--as`: the machine's user, with the role stored for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import Forbidden
from claims.service.actors import command_line_actor
from tests.test_cli import assert_one_line_error, run


def as_machine_user(env: dict[str, str], name: str) -> dict[str, str]:
    return {**env, "LOGNAME": name, "USER": name, "LNAME": name, "USERNAME": name}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    import os

    return {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'who.sqlite'}",
            "COLUMNS": "200"}


def test_the_first_command_makes_the_machine_user_the_local_admin(env: dict[str, str]) -> None:
    first = run(as_machine_user(env, "olga"), "init")
    assert first.returncode == 0, first.stderr
    assert "you act as olga (admin)" in first.stdout
    added = run(as_machine_user(env, "olga"), "user", "add", "vera", "--role", "viewer")
    assert added.returncode == 0, added.stderr


def test_a_viewer_cannot_make_itself_admin_by_being_the_machine_user(env: dict[str, str]) -> None:
    assert run(as_machine_user(env, "olga"), "user", "add", "vera", "--role", "viewer"
               ).returncode == 0
    result = run(as_machine_user(env, "vera"), "user", "set", "vera", "--role", "admin")
    assert_one_line_error(result, "vera is a viewer")
    users = run(as_machine_user(env, "olga"), "user", "list").stdout
    assert "vera                 viewer" in users


def test_an_inactive_machine_user_is_refused(env: dict[str, str]) -> None:
    olga = as_machine_user(env, "olga")
    assert run(olga, "user", "add", "asha", "--role", "checker").returncode == 0
    assert run(olga, "user", "set", "asha", "--inactive").returncode == 0
    result = run(as_machine_user(env, "asha"), "ingest", "fixtures/seed/modi_putin_moscow.txt")
    assert_one_line_error(result, "'asha' is switched off")


def test_an_unknown_machine_user_is_refused_once_users_exist(env: dict[str, str]) -> None:
    assert run(as_machine_user(env, "olga"), "init").returncode == 0
    for command in (("init",), ("user", "add", "mallory", "--role", "admin")):
        result = run(as_machine_user(env, "mallory"), *command)
        assert_one_line_error(result, "--as NAME")
        assert "ask an admin" in result.stderr
    assert "mallory" not in run(as_machine_user(env, "olga"), "user", "list").stdout


def test_the_rule_in_the_service(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "olga")
    first = command_line_actor(engine)
    assert (first.name, first.role) == ("olga", "admin")
    service.add_user(engine, first, name="asha", role="checker")
    monkeypatch.setenv("LOGNAME", "asha")
    assert command_line_actor(engine).role == "checker"
    monkeypatch.setenv("LOGNAME", "nobody")
    with pytest.raises(Forbidden, match="not a user of this database"):
        command_line_actor(engine)
    assert command_line_actor(engine, "asha").name == "asha"
