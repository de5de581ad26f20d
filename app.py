"""claim desk's dashboard: sign-in, the pages each role may use, and the shared sidebar.

Run it with `claims serve` (or `streamlit run app.py`). Pages live in `claims/ui/`.
"""

from __future__ import annotations

import streamlit as st

from claims.service import Actor
from claims.ui import lasting_signin, routes
from claims.ui.formatting import md_escape
from claims.ui.session import current_actor, errors_as_messages, sign_out, team_mode


def sidebar(actor: Actor) -> None:
    with st.sidebar:
        st.markdown(f"**{md_escape(actor.name)}** · {actor.role}")
        if team_mode():
            if st.button("Sign out", key="app_sign_out", icon=":material/logout:"):
                by_provider = bool(lasting_signin.identity())
                sign_out()
                if by_provider:
                    st.logout()
                st.switch_page(routes.queue())  # a page every role has, after signing in
        else:
            st.caption("Local mode: acting as this machine's user, with editor rights.")


def main() -> None:
    st.set_page_config(page_title="claim desk", page_icon=":material/fact_check:",
                       layout="wide")
    actor = None
    with errors_as_messages():
        actor = current_actor()
    if actor is None:
        page = st.navigation(routes.signin(), position="hidden")
    else:
        page = st.navigation(routes.pages_for(actor))
        sidebar(actor)
    lasting_signin.write_cookie()
    with errors_as_messages():
        page.run()


main()
