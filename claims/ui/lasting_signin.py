"""Team-mode sign-ins that last across reloads and tabs.

Two ways, both chosen in team mode (`CLAIMS_AUTH=password`):

- **Password, then a session cookie.** After a password sign-in the browser gets a cookie
  holding a token signed by the server (`claims.service.sessions`, itsdangerous) that
  expires after `SESSION_SECONDS`. A reload or a new tab reads it (`st.context.cookies`)
  and is signed in. Streamlit can read cookies but not set them, so a one-line script in
  the page (`st.html`) writes or removes it. Nothing is sent back to the server: a
  component that reports to the server (such as extra-streamlit-components' CookieManager)
  reruns the page when it answers, and a rerun that lands just after a click on a page link
  takes the reader back to the page they left. Sign-out removes the cookie, and this tab
  ignores it from then on.
- **The newsroom's identity provider**, through Streamlit's own `st.login` (OpenID Connect),
  when the secrets file has an `[auth]` section. Streamlit keeps that sign-in in its own
  cookie; the identity's email (or preferred_username) must be the name of an active user.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from claims.errors import NotFound
from claims.service.actors import Actor, actor_for
from claims.service.sessions import (
    SESSION_SECONDS,
    actor_for_session_token,
    end_sessions,
    issue_session_token,
    secret_from_file,
)
from claims.settings import PROJECT_ROOT

COOKIE = "claims_session"
#: the script that sets or removes this tab's cookie, kept in the page until the next change
COOKIE_SCRIPT = "lasting_cookie_script"
#: the cookie value this tab signed out of: never signs it in again
REVOKED = "lasting_cookie_revoked"
SECRET_FILE = PROJECT_ROOT / "db" / "session.secret"
#: what st.login needs in [auth], besides a provider's client_id and server_metadata_url
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def _secrets(section: str) -> Mapping[str, Any]:
    try:
        value = st.secrets.get(section, {})
    except FileNotFoundError:  # no secrets file at all
        return {}
    return value if isinstance(value, Mapping) else {}


def session_secret() -> str:
    """`[claims] session_secret` from the secrets file (the same on every server of a
    team), else a random one kept in db/session.secret."""
    configured = _secrets("claims").get("session_secret")
    return str(configured) if configured else secret_from_file(SECRET_FILE)


# --- the session cookie ---------------------------------------------------------------------

def actor_from_cookie(engine: Engine) -> Actor | None:
    """The actor the browser's session cookie names, if it is genuine and still good."""
    token = st.context.cookies.get(COOKIE)
    if not token or token == st.session_state.get(REVOKED):
        return None
    return actor_for_session_token(engine, token, session_secret())


def keep_signed_in(engine: Engine, actor: Actor) -> None:
    """After a password sign-in: have the browser store a session token."""
    token = issue_session_token(engine, actor, session_secret())
    expires = datetime.now(UTC) + timedelta(seconds=SESSION_SECONDS)
    st.session_state[COOKIE_SCRIPT] = cookie_script(token, expires)


def forget_sign_in(engine: Engine, actor: Actor | None) -> None:
    """At sign-out (after the session state was cleared): end the actor's sessions on the
    server (a reload may come before the browser removes the cookie), remove the cookie,
    and never take this tab's cookie again."""
    if actor is not None:
        end_sessions(engine, actor)
    st.session_state[REVOKED] = st.context.cookies.get(COOKIE)
    st.session_state[COOKIE_SCRIPT] = cookie_script("", None)


def cookie_script(token: str, expires: datetime | None) -> str:
    """A script that sets the session cookie to `token` until `expires`, or removes it
    (`expires` None). Running it twice does no harm, so the page may keep it."""
    lasting = (f"expires={format_datetime(expires, usegmt=True)}" if expires is not None
               else "max-age=0")
    attributes = f"; path=/; {lasting}; samesite=strict"
    return ("<script>document.cookie = " + json.dumps(f"{COOKIE}={token}{attributes}")
            + ' + (location.protocol === "https:" ? "; secure" : "");</script>')


def write_cookie() -> None:
    """Each run: keep the script that writes (or removes) the cookie in the page."""
    script = st.session_state.get(COOKIE_SCRIPT)
    if script:
        st.html(script, unsafe_allow_javascript=True)


# --- the identity provider (st.login) ---------------------------------------------------------

def identity_providers(auth: Mapping[str, Any]) -> list[str | None]:
    """The providers st.login can use with this `[auth]` secrets section: None for one set
    in [auth] itself, then each named `[auth.NAME]`; empty when sign-in by provider is off."""
    if not all(auth.get(key) for key in AUTH_KEYS):
        return []
    found: list[str | None] = []
    if all(auth.get(key) for key in PROVIDER_KEYS):
        found.append(None)
    found += [name for name, value in auth.items()
              if isinstance(value, Mapping) and all(value.get(key) for key in PROVIDER_KEYS)]
    return found


def configured_providers() -> list[str | None]:
    return identity_providers(_secrets("auth"))


def identity() -> dict[str, Any]:
    """What the identity provider said about the signed-in person ({} if nobody)."""
    info = dict(st.user.to_dict())
    return info if info.get("is_logged_in") else {}


def actor_for_identity(engine: Engine, info: Mapping[str, Any]) -> Actor | None:
    """The active user named by the identity's email, else its preferred_username."""
    for field in ("email", "preferred_username"):
        name = info.get(field)
        if isinstance(name, str) and name.strip():
            with suppress(NotFound):
                return actor_for(engine, name.strip())
    return None


def lasting_actor(engine: Engine) -> Actor | None:
    """Who this new tab or reload is signed in as: the identity provider's user, else the
    session cookie's, else nobody."""
    if configured_providers() and (info := identity()):
        return actor_for_identity(engine, info)
    return actor_from_cookie(engine)
