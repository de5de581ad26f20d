"""The dashboard's pages as `st.Page` objects, so pages can link to each other.

A page made twice with the same `url_path` is the same page to Streamlit, so any module
can build the one it links to. Imports are inside the functions: the page modules import
this one.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from claims.permissions import role_allows
from claims.service import Actor


def queue() -> StreamlitPage:
    from claims.ui.queue import render

    return st.Page(render, title="Review queue", icon=":material/checklist:", url_path="queue")


def claim() -> StreamlitPage:
    from claims.ui.workspace import render

    return st.Page(render, title="Claim", icon=":material/fact_check:", url_path="claim")


def article() -> StreamlitPage:
    from claims.ui.article_view import render

    return st.Page(render, title="Articles", icon=":material/article:", url_path="article")


def overview() -> StreamlitPage:
    from claims.ui.overview import render

    return st.Page(render, title="Editor overview", icon=":material/monitoring:",
                   url_path="overview")


#: url paths of the pages behind the sign-in
SIGNED_IN_PATHS = ("queue", "claim", "article", "overview", "settings")


def signin() -> list[StreamlitPage]:
    """The sign-in form, at its own address and at every page's, so that a link to a page
    shows the form and, once signed in, that page (with its `?claim=` or `?article=`)."""
    from claims.ui.signin import render

    return [st.Page(render, title="Sign in", icon=":material/login:", url_path="signin",
                    default=True),
            *(st.Page(render, title="Sign in", url_path=path, visibility="hidden")
              for path in SIGNED_IN_PATHS)]


def admin_settings() -> StreamlitPage:
    from claims.ui.admin_settings import render

    return st.Page(render, title="Settings", icon=":material/settings:", url_path="settings")


def pages_for(actor: Actor) -> list[StreamlitPage]:
    """The pages `actor`'s role may open, each at its own address (`/claim?claim=12` is a
    link that opens that claim). `/` is a hidden page that sends a visitor on: to the page
    an old-style link names (`/?claim=12`), else to the overview for editors and the queue
    for others."""
    home = overview if role_allows(actor.role, "approve") else queue
    pages = [st.Page(lambda: go_home(home), title="Home", url_path="home", default=True,
                     visibility="hidden"), queue(), claim(), article()]
    if role_allows(actor.role, "approve"):
        pages.append(overview())
    if role_allows(actor.role, "configure"):
        pages.append(admin_settings())
    return pages


def go_home(home: Callable[[], StreamlitPage]) -> None:
    """Switch from `/` to the page that shows it, keeping a `?claim=` or `?article=`."""
    for name, target in (("claim", claim), ("article", article)):
        if name in st.query_params:
            st.switch_page(target(), query_params={name: st.query_params[name]})
    st.switch_page(home())


def id_from_url(name: str) -> int | None:
    """The integer query parameter `name` (`?claim=12`), or None if absent or not a number."""
    raw = st.query_params.get(name)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def open_claim(claim_id: int) -> None:
    """Go to the claim workspace showing `claim_id`."""
    st.switch_page(claim(), query_params={"claim": str(claim_id)})


def open_article(article_id: int) -> None:
    """Go to the article view showing `article_id`."""
    st.switch_page(article(), query_params={"article": str(article_id)})
