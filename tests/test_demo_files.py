"""`claims demo` never replaces an earlier demo's database, and its admin has a password."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims import demo, service
from claims.cli.main import app
from claims.store import create_engine


def _run_demo(runner: CliRunner) -> str:
    result = runner.invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_second_demo_uses_a_new_file_and_says_so(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "DEMO_FOLDER", tmp_path)
    monkeypatch.delenv("CLAIMS_DATABASE_URL", raising=False)
    runner = CliRunner()
    _run_demo(runner)
    first = create_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    reviewer = service.actor_for(first, "asha")
    claim = service.list_claims(first, limit=1)[0]
    service.add_note(first, reviewer, claim.id, body="work done under a running dashboard")
    output = _run_demo(runner)
    assert "earlier demo databases are left as they are" in output
    assert f"{tmp_path / 'demo.sqlite'}; this demo uses {tmp_path / 'demo-2.sqlite'}" in output
    notes = service.get_claim(first, claim.id).notes
    assert [note.body for note, _ in notes] == ["work done under a running dashboard"]
    first.dispose()
    second = create_engine(f"sqlite:///{tmp_path / 'demo-2.sqlite'}")
    assert service.list_claims(second, limit=None)
    second.dispose()


def test_the_demo_admin_signs_in_with_a_documented_password(tmp_path: Path) -> None:
    made = demo.build_demo(tmp_path)
    engine = create_engine(f"sqlite:///{made.path}")
    assert service.authenticate(engine, "admin", "admin-demo-pass").role == "admin"
    for name, role in demo.DEMO_USERS.items():
        assert service.authenticate(engine, name, f"{name}-demo-pass").role == role
    engine.dispose()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "admin (admin" in readme and "admin-demo-pass" in readme
