"""Team-mode sign-in: a user name and password checked against the argon2 hashes."""

from __future__ import annotations

import streamlit as st

from claims import service
from claims.errors import Forbidden
from claims.ui import routes
from claims.ui.session import engine, sign_in

#: where to go after signing in, kept from the link the user opened (`?claim=` / `?article=`)
NEXT = "signin_next"


def render() -> None:
    """The sign-in form; on success the user lands where their link pointed, or home."""
    for name in ("claim", "article"):
        if name in st.query_params:
            st.session_state[NEXT] = (name, st.query_params[name])
    st.title("Sign in to claim desk")
    with st.form("signin_form"):
        name = st.text_input("User name", key="signin_name")
        password = st.text_input("Password", type="password", key="signin_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    try:
        actor = service.authenticate(engine(), name, password)
    except Forbidden as error:
        st.error(f"{error}. Try again, or ask an admin to set your password.")
        return
    sign_in(actor)
    _continue()


def _continue() -> None:
    target = st.session_state.pop(NEXT, None)
    if target is None:
        st.query_params.clear()
        st.rerun()
    kind, value = target
    page = routes.claim() if kind == "claim" else routes.article()
    st.switch_page(page, query_params={kind: value})
