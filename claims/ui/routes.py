"""The dashboard's pages as `st.Page` objects, so pages can link to each other.

A page made twice with the same `url_path` is the same page to Streamlit, so any module
can build the one it links to. Imports are inside the functions: the page modules import
this one.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from claims.permissions import role_allows
from claims.service import Actor


def queue(default: bool = False) -> StreamlitPage:
    from claims.ui.queue import render

    return st.Page(render, title="Review queue", icon=":material/checklist:", url_path="queue",
                   default=default)


def claim(default: bool = False) -> StreamlitPage:
    from claims.ui.workspace import render

    return st.Page(render, title="Claim", icon=":material/fact_check:", url_path="claim",
                   default=default)


def article(default: bool = False) -> StreamlitPage:
    from claims.ui.article_view import render

    return st.Page(render, title="Articles", icon=":material/article:", url_path="article",
                   default=default)


def overview(default: bool = False) -> StreamlitPage:
    from claims.ui.overview import render

    return st.Page(render, title="Editor overview", icon=":material/monitoring:",
                   url_path="overview", default=default)


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


def pages_for(actor: Actor, query: Mapping[str, str]) -> list[StreamlitPage]:
    """The pages `actor`'s role may open. The landing page is the one a deep link names
    (`?claim=` or `?article=`), else the overview for editors and the queue for others."""
    landing = ("claim" if "claim" in query else "article" if "article" in query
               else "overview" if role_allows(actor.role, "approve") else "queue")
    pages = [queue(landing == "queue"), claim(landing == "claim"),
             article(landing == "article")]
    if role_allows(actor.role, "approve"):
        pages.append(overview(landing == "overview"))
    if role_allows(actor.role, "configure"):
        pages.append(admin_settings())
    return pages


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
