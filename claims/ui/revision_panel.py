"""The claim workspace's revision story: where the claim stood in each revision of its
article, and how its words and values changed."""

from __future__ import annotations

import streamlit as st

from claims.models import ClaimPlacement
from claims.service import ClaimDetail
from claims.service.revision_history import claim_story
from claims.ui.formatting import label, md_escape
from claims.ui.revision_diff import diff_html
from claims.ui.session import engine

#: statuses that need a reviewer's eye: the panel opens by itself for them
ATTENTION = ("changed", "removed")


def render_revision_story(claim_id: int) -> None:
    """Nothing for a claim whose article was never revised."""
    story = claim_story(engine(), claim_id)
    if len(story) < 2 and not (story and story[0].revision_status == "new"):
        return
    latest = story[-1]
    title = f"Revision story: {label(latest.revision_status)} in revision {latest.revision}"
    with st.expander(title, expanded=latest.revision_status in ATTENTION):
        previous: ClaimPlacement | None = None
        for placement in story:
            st.markdown(md_escape(story_line(placement)))
            if previous is not None and placement.text != previous.text and placement.start:
                st.html(diff_html(previous.text, placement.text))
            for change in placement.mention_changes or []:
                st.markdown("- " + md_escape(change))
            previous = placement


def render_removed_quote(detail: ClaimDetail) -> None:
    """The Source box of a claim that is not in the latest revision: its last words."""
    st.subheader("Source")
    st.warning(f"These words are not in the latest revision (revision "
               f"{detail.article.revision}); they are the claim's last words.")
    st.markdown("> " + md_escape(detail.claim.text))


def story_line(placement: ClaimPlacement) -> str:
    """`Revision 2: changed (characters 218–385)` and the like."""
    where = ("not in this revision" if placement.start is None
             else f"characters {placement.start}–{placement.end}")
    return f"Revision {placement.revision}: {label(placement.revision_status)} ({where})"
