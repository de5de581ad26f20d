"""Team-mode sign-in: a user name and password checked against the argon2 hashes, or the
newsroom's identity provider through st.login when the secrets file configures one."""

from __future__ import annotations

import streamlit as st

from claims import service
from claims.errors import Forbidden
from claims.ui.formatting import md_escape
from claims.ui.lasting_signin import configured_providers, identity, keep_signed_in
from claims.ui.session import engine, sign_in


def render() -> None:
    """The sign-in form; on success the same address shows the page it names (its query
    parameters, such as `?claim=12`, are kept)."""
    st.title("Sign in to claim desk")
    _identity_provider()
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
    keep_signed_in(engine(), actor)
    st.rerun()


def _identity_provider() -> None:
    """A button per configured provider; a provider's user unknown here is told so."""
    providers = configured_providers()
    if not providers:
        return
    if known := identity():
        who = known.get("email") or known.get("preferred_username") or "someone"
        st.warning(md_escape(f"You are signed in at your newsroom's identity provider as "
                             f"{who}, but claim desk has no active user of that name. Ask an "
                             "admin to add one (claims user add NAME --role ROLE)."))
        if st.button("Sign out of the identity provider", key="signin_logout"):
            st.logout()
        return
    for provider in providers:
        label = f"Sign in with {provider}" if provider else "Sign in with your newsroom account"
        if st.button(label, key=f"signin_provider_{provider or 'default'}", type="primary",
                     icon=":material/badge:"):
            st.login(provider)
    st.caption("Or with a claim desk password:")
