"""Team-mode sign-ins that last: signed, expiring session tokens, and the choice of the
newsroom's identity provider (st.login) from the secrets file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from claims import service
from claims.service import Actor
from claims.service.sessions import (
    actor_for_session_token,
    end_sessions,
    issue_session_token,
    secret_from_file,
)
from claims.ui.lasting_signin import (
    COOKIE,
    actor_for_identity,
    identity_providers,
    session_secret,
)
from tests.ui_desk import APP, Desk, labels, make_desk, texts

SECRET = "a test secret that is long enough to sign with"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "s" * 32}
PROVIDER = {"client_id": "desk", "client_secret": "c" * 16,
            "server_metadata_url": "https://id.newsroom.example/.well-known/openid-configuration"}


# --- session tokens ---------------------------------------------------------------------------

def test_a_session_token_names_its_user_until_it_expires(
        engine: Engine, checker: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    import itsdangerous.timed

    token = issue_session_token(engine, checker, SECRET)
    assert actor_for_session_token(engine, token, SECRET) == checker
    assert actor_for_session_token(engine, token, "another server's secret") is None
    assert actor_for_session_token(engine, token[:-2] + "xx", SECRET) is None
    later = itsdangerous.timed.time.time() + 13 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert actor_for_session_token(engine, token, SECRET) is None


def test_a_new_password_or_deactivation_ends_every_session(engine: Engine, admin: Actor,
                                                           checker: Actor) -> None:
    token = issue_session_token(engine, checker, SECRET)
    service.update_user(engine, admin, name=checker.name, password="a brand new password")
    assert actor_for_session_token(engine, token, SECRET) is None
    token = issue_session_token(engine, checker, SECRET)
    service.update_user(engine, admin, name=checker.name, active=False)
    assert actor_for_session_token(engine, token, SECRET) is None


def test_signing_out_ends_the_sessions_issued_before(
        engine: Engine, checker: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    import itsdangerous.timed

    token = issue_session_token(engine, checker, SECRET)
    end_sessions(engine, checker)
    assert actor_for_session_token(engine, token, SECRET) is None
    later = itsdangerous.timed.time.time() + 2
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    again = issue_session_token(engine, checker, SECRET)
    assert actor_for_session_token(engine, again, SECRET) == checker


def test_the_secret_file_is_made_once_and_kept_private(tmp_path: Path) -> None:
    path = tmp_path / "db" / "session.secret"
    first = secret_from_file(path)
    assert len(first) >= 48 and secret_from_file(path) == first
    assert path.stat().st_mode & 0o077 == 0
    assert [p.name for p in path.parent.iterdir()] == ["session.secret"]


# --- the identity provider ----------------------------------------------------------------------

def test_identity_providers_come_from_the_auth_secrets() -> None:
    assert identity_providers({}) == []
    assert identity_providers(PROVIDER) == [], "no redirect_uri and cookie_secret"
    assert identity_providers({**AUTH, **PROVIDER}) == [None]
    assert identity_providers({**AUTH, "newsroom": PROVIDER, "other": {"client_id": "x"}}) == [
        "newsroom"]
    assert identity_providers({**AUTH, **PROVIDER, "newsroom": PROVIDER}) == [None, "newsroom"]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return make_desk(tmp_path, monkeypatch)


def test_an_identity_names_a_user_by_email_or_username(desk: Desk) -> None:
    service.add_user(desk.engine, desk.admin, name="nina@newsroom.example", role="checker")
    by_email = actor_for_identity(desk.engine, {"email": "nina@newsroom.example"})
    assert by_email is not None and by_email.role == "checker"
    by_name = actor_for_identity(desk.engine, {"email": "e@x.example",
                                               "preferred_username": "eddie"})
    assert by_name == desk.editor
    assert actor_for_identity(desk.engine, {"email": "stranger@x.example"}) is None


def _app(user: dict[str, object] | None = None, auth: bool = True) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if auth:
        at.secrets["auth"] = {**AUTH, "newsroom": PROVIDER}
    if user is not None:
        at.user = user
    return at.run()


def test_the_sign_in_page_offers_the_configured_provider(desk: Desk) -> None:
    assert "Sign in with newsroom" in labels(_app())
    assert not [label for label in labels(_app(auth=False)) if label.startswith("Sign in with")]


def test_a_provider_sign_in_opens_the_desk_as_that_user(desk: Desk) -> None:
    at = _app({"is_logged_in": True, "email": "eddie", "name": "Eddie"})
    assert not at.exception
    assert at.session_state["actor"] == desk.editor
    assert [t.value for t in at.title] == ["Editor overview"]


def test_a_provider_user_unknown_to_the_desk_is_told_so(desk: Desk) -> None:
    at = _app({"is_logged_in": True, "email": "stranger@x.example"})
    assert "actor" not in at.session_state
    assert "no active user of that name" in texts(at)
    assert "Sign out of the identity provider" in labels(at)


def test_a_password_sign_in_writes_the_cookie_without_a_round_trip(desk: Desk) -> None:
    """The cookie is written by a script in the page, not by a component that reports back:
    such a report reruns the page, and a rerun landing just after a click on a page link
    took the reader back to the page they had left (a lost click, seen in CI)."""
    at = _app(auth=False)
    at.text_input(key="signin_name").input("asha")
    at.text_input(key="signin_password").input("asha-demo-pass")
    at.button[0].click().run()
    assert at.session_state["actor"] == desk.checker
    assert not at.get("component_instance"), "nothing in the page reports back to the server"
    scripts = [str(h.proto.body) for h in at.get("html") if COOKIE in str(h.proto.body)]
    assert len(scripts) == 1
    token = re.search(rf"{COOKIE}=([^;]+);", scripts[0])
    assert token is not None
    assert actor_for_session_token(desk.engine, token.group(1), session_secret()) == desk.checker
    assert "samesite=strict" in scripts[0] and "expires=" in scripts[0]

    at.button(key="app_sign_out").click().run()
    assert "actor" not in at.session_state
    removals = [str(h.proto.body) for h in at.get("html") if COOKIE in str(h.proto.body)]
    assert len(removals) == 1 and f'"{COOKIE}=; path=/; max-age=0' in removals[0]
