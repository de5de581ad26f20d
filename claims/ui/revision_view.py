"""The article page's revisions: the list (when, who, claims changed, removed and new), a
diff between any two revisions, and "Add a revision" (paste the updated text)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claims import service
from claims.errors import ClaimsError
from claims.service import Actor, ArticleInput
from claims.service.revision_history import RevisionSummary, list_revisions, revision_body
from claims.service.revisions import revision_line
from claims.ui import routes
from claims.ui.formatting import md_escape, when
from claims.ui.revision_diff import changed_sentences, diff_html
from claims.ui.session import can, engine


def render_article_revisions(actor: Actor, article_id: int) -> None:
    """The revisions section of one article's page."""
    revisions = list_revisions(engine(), article_id)
    st.subheader("Revisions")
    if len(revisions) < 2:
        st.caption("Never revised: this is revision 1. Ingest the updated story under the "
                   "same URL, or add a revision here.")
    else:
        st.dataframe(revisions_frame(revisions), hide_index=True, key="revision_table")
        _diff(article_id, revisions)
    if can(actor, "ingest"):
        _add_revision(actor, article_id)


def revisions_frame(revisions: list[RevisionSummary]) -> pd.DataFrame:
    return pd.DataFrame({
        "revision": [r.number for r in revisions],
        "ingested": [when(r.ingested_at) for r in revisions],
        "by": [r.ingested_by or "" for r in revisions],
        "changed": [r.changed for r in revisions],
        "removed": [r.removed for r in revisions],
        "new": [r.new for r in revisions],
    })


def _diff(article_id: int, revisions: list[RevisionSummary]) -> None:
    numbers = [r.number for r in revisions]
    left, right = st.columns(2)
    old = left.selectbox("Compare revision", numbers, index=len(numbers) - 2,
                         key="revision_from", format_func=lambda n: f"revision {n}")
    new = right.selectbox("with revision", numbers, index=len(numbers) - 1,
                          key="revision_to", format_func=lambda n: f"revision {n}")
    before = revision_body(engine(), article_id, old)
    after = revision_body(engine(), article_id, new)
    st.caption(f"{changed_sentences(before, after)} sentences added or rewritten from revision "
               f"{old} to revision {new}; removed words are struck through, new ones green.")
    with st.container(height=420, key="revision_diff"):
        st.html(diff_html(before, after))


def _add_revision(actor: Actor, article_id: int) -> None:
    with st.expander("Add a revision"):
        text = st.text_area("The updated article's text (a headline line first, then the body)",
                            key="revision_paste", height=200)
        if st.button("Store as a new revision", key="revision_go"):
            _store(actor, article_id, text)


def _store(actor: Actor, article_id: int, text: str) -> None:
    if not text.strip():
        st.error("Paste the updated text first.")
        return
    try:
        result = service.ingest_article(engine(), actor, ArticleInput(
            text=text, source_name="pasted revision", revision_of=article_id))
    except ClaimsError as error:
        st.error(md_escape(str(error)))
        return
    st.session_state["article_flash"] = (
        revision_line(result) if result.revised else "The same text as the latest revision: "
                                                     "nothing changed")
    routes.open_article(article_id)
