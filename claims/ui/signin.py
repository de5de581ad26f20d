"""Team-mode sign-in: a user name and password checked against the argon2 hashes."""

from __future__ import annotations

import streamlit as st

from claims import service
from claims.errors import Forbidden
from claims.ui.formatting import md_escape
from claims.ui.session import engine, sign_in


def render() -> None:
    """The sign-in form; on success the same address shows the page it names (its query
    parameters, such as `?claim=12`, are kept)."""
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
        st.error(md_escape(f"{error}. Try again, or ask an admin to set your password."))
        return
    sign_in(actor)
    st.rerun()
