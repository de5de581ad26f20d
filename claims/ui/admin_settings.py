"""Admin settings: the internal hosts evidence and article links may be fetched from.

The hosts stored here count together with CLAIMS_ALLOW_HOSTS (which only the server's
environment can change). Admins only; every change is audited.
"""

from __future__ import annotations

import streamlit as st

from claims.errors import ClaimsError
from claims.service.evidence import set_allow_hosts, stored_allow_hosts
from claims.ui.findings_panel import render_anniversaries_setting, render_tolerance_setting
from claims.ui.match_panel import render_claimreview_upload
from claims.ui.session import can, engine, require_actor, settings

KEY = "admin_settings_allow_hosts"


def render() -> None:
    """The admin settings page."""
    actor = require_actor()
    st.title("Settings")
    if not can(actor, "configure"):
        st.error(f"{actor.name} is a {actor.role}; only admins change settings.")
        return
    st.subheader("Allowed internal hosts for evidence links")
    st.caption("Links to loopback, private, link-local and other non-public addresses are "
               "refused. List here the internal hosts that may be fetched anyway: host names, "
               "addresses or networks (10.20.0.0/16), one per line or separated by commas.")
    from_env = settings().allow_hosts
    st.text("From CLAIMS_ALLOW_HOSTS (server environment): "
            + (", ".join(from_env) if from_env else "none"))
    stored = stored_allow_hosts(engine())
    with st.form(KEY):
        value = st.text_area("Allowed hosts", "\n".join(stored), height=140)
        if st.form_submit_button("Save"):
            try:
                saved = set_allow_hosts(engine(), actor, value)
            except ClaimsError as error:
                st.error(str(error))
            else:
                st.success(f"saved: {len(saved)} allowed host(s)")
    render_claimreview_upload(engine(), actor)
    render_tolerance_setting(engine(), actor)
    render_anniversaries_setting(engine(), actor)
