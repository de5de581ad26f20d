"""What every page shares: the cached engine, the signed-in actor, and errors as messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.engine import Engine

from claims.errors import ClaimsError
from claims.permissions import role_allows
from claims.service import Actor, local_actor
from claims.settings import Settings
from claims.store import get_engine
from claims.ui.formatting import md_escape
from claims.ui.lasting_signin import forget_sign_in, lasting_actor

log = logging.getLogger("claims.ui")

ACTOR_KEY = "actor"
#: the role the machine's user acts with in local mode
LOCAL_ROLE = "editor"


def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def _engine_for(database_url: str) -> Engine:
    return get_engine(Settings(database_url=database_url))


def engine() -> Engine:
    """The process-wide engine (cached with st.cache_resource; sessions are never cached)."""
    return _engine_for(settings().database_url)


def team_mode() -> bool:
    return settings().auth == "password"


def current_actor() -> Actor | None:
    """The signed-in actor; in local mode the machine's user, acting as an editor."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None and not team_mode():
        actor = local_actor(engine(), role=LOCAL_ROLE)
        st.session_state[ACTOR_KEY] = actor
    elif actor is None:  # a reload or a new tab: the session cookie or identity provider
        actor = lasting_actor(engine())
        if actor is not None:
            st.session_state[ACTOR_KEY] = actor
    return actor


def require_actor() -> Actor:
    """The signed-in actor; stops the page (with a message) if nobody is signed in."""
    actor = current_actor()
    if actor is None:
        st.info("Sign in to continue.")
        st.stop()
    return actor


def sign_in(actor: Actor) -> None:
    st.session_state[ACTOR_KEY] = actor


def sign_out() -> None:
    """Forget the actor and everything the pages kept for them, and end the sign-in."""
    actor = st.session_state.get(ACTOR_KEY)
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    forget_sign_in(engine(), actor)


def can(actor: Actor, permission: str) -> bool:
    return role_allows(actor.role, permission)


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """Show a ClaimsError as its one-line message, anything unexpected as a short notice.

    Streamlit's own control flow (st.rerun, st.stop, st.switch_page) passes through: it is
    a BaseException, not an Exception.
    """
    try:
        yield
    except ClaimsError as error:
        st.error(md_escape(str(error)))
    except Exception:
        log.exception("dashboard page failed")
        st.error("Something went wrong while showing this page. Reload it; if it keeps "
                 "happening, the server log has the details.")
