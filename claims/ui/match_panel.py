"""The "Checked before" panel of the claim workspace: claims of other articles linked to
this one (same, conflicting figures, related) and other fact-checkers' reviews.

Each linked claim shows its article, status, verdict, rationale and approval, with
**Reuse verdict** (copies it as this claim's proposal, through the workspace's versioned
save) and **Not the same claim** (removes the link for good). User text goes through
plain-text widgets or escaped markdown only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from claims.errors import ClaimsError, ImportRefused
from claims.permissions import role_allows
from claims.service.actors import Actor
from claims.service.external_reviews import import_claimreview
from claims.service.matching import (
    LinkedClaim,
    LinkedReview,
    checked_before,
    disagreeing_verdicts,
    dismiss_link,
)
from claims.sources import decode
from claims.ui import routes
from claims.ui.formatting import label, md_escape

#: (action, keyword arguments, message when done) → runs the workspace's versioned save
RunAction = Callable[[str, dict[str, Any], str], None]
RELATION_LABELS = {"same": "same claim", "conflict": "figures conflict",
                   "related": "related"}


def checked_by(review: LinkedReview) -> str:
    """"Checked by PolitiFact on 2024-07-20: False"."""
    when = f" on {review.reviewed_on.isoformat()}" if review.reviewed_on else ""
    return f"Checked by {review.publisher}{when}: {review.rating}"


def _dismiss(engine: Engine, actor: Actor, claim_id: int, **target: int) -> None:
    try:
        dismiss_link(engine, actor, claim_id, **target)
    except ClaimsError as error:
        st.error(md_escape(str(error)))
        return
    st.rerun()


def _claim(engine: Engine, actor: Actor, claim_id: int, linked: LinkedClaim,
           run_action: RunAction) -> None:
    with st.container(border=True):
        approval = "approved" if linked.approved else "not approved"
        st.markdown(md_escape(f"{RELATION_LABELS[linked.relation]} · claim #{linked.claim_id} · "
                              f"score {linked.score:.2f}"))
        st.page_link(routes.claim(), label=md_escape(
            f"In: {linked.article_title or f'article {linked.article_id}'}"),
            query_params={"claim": str(linked.claim_id)}, icon=":material/link:")
        st.text(linked.text)
        st.text(f"status {label(linked.status)} · verdict {label(linked.verdict)} · {approval}")
        if linked.rationale:
            st.text(f"rationale: {linked.rationale}")
        st.caption(md_escape(linked.reason))
        left, right = st.columns(2)
        if linked.verdict and linked.rationale and role_allows(actor.role, "propose") and \
                left.button("Reuse verdict", key=f"match_reuse_{claim_id}_{linked.claim_id}"):
            run_action("reuse_verdict", {"source_claim_id": linked.claim_id},
                       f"Proposed the verdict of claim #{linked.claim_id}.")
        if role_allows(actor.role, "annotate") and right.button(
                "Not the same claim", key=f"match_not_{claim_id}_{linked.claim_id}"):
            _dismiss(engine, actor, claim_id, other_claim_id=linked.claim_id)


def _review(engine: Engine, actor: Actor, claim_id: int, review: LinkedReview) -> None:
    with st.container(border=True):
        st.markdown(md_escape(checked_by(review)))
        st.text(review.claim_reviewed)
        st.text(f"{RELATION_LABELS[review.relation]} · {review.url}")
        st.caption(md_escape(review.reason))
        if role_allows(actor.role, "annotate") and st.button(
                "Not the same claim", key=f"match_not_ext_{claim_id}_{review.external_id}"):
            _dismiss(engine, actor, claim_id, external_id=review.external_id)


def render_match_panel(engine: Engine, actor: Actor, claim_id: int,
                       run_action: RunAction) -> None:
    """The "Checked before" section (nothing when the claim has no links)."""
    claims, reviews = checked_before(engine, claim_id)
    if not claims and not reviews:
        return
    st.subheader(f"Checked before ({len(claims) + len(reviews)})")
    for review in reviews:
        _review(engine, actor, claim_id, review)
    for linked in claims:
        _claim(engine, actor, claim_id, linked, run_action)


def render_disagreements(engine: Engine) -> None:
    """The editor overview's list of linked claims whose approved verdicts differ."""
    pairs = disagreeing_verdicts(engine)
    if not pairs:
        return
    st.subheader(f"Linked claims whose verdicts disagree ({len(pairs)})")
    for pair in pairs:
        left, right, note = st.columns([2, 2, 3])
        left.page_link(routes.claim(), label=f"#{pair.claim_id}: {label(pair.verdict)}",
                       query_params={"claim": str(pair.claim_id)})
        right.page_link(routes.claim(), label=f"#{pair.other_claim_id}: "
                                              f"{label(pair.other_verdict)}",
                        query_params={"claim": str(pair.other_claim_id)})
        note.caption(RELATION_LABELS[pair.relation])


def render_claimreview_upload(engine: Engine, actor: Actor) -> None:
    """The Settings page's upload of other fact-checkers' ClaimReview files."""
    st.subheader("Other fact-checkers' reviews (ClaimReview)")
    st.caption("Upload schema.org ClaimReview JSON-LD: one object, an array, or JSON Lines. "
               "Reviews are matched to the desk's claims; a file with a bad item is refused "
               "whole.")
    upload = st.file_uploader("ClaimReview file", type=["json", "jsonld", "jsonl"],
                              key="match_claimreview_file")
    if upload is None or not st.button("Import reviews", key="match_claimreview_import"):
        return
    try:
        text, _ = decode(upload.getvalue(), upload.name)
        report = import_claimreview(engine, actor, text, source=upload.name)
    except ImportRefused as error:
        st.error(md_escape(f"{upload.name}: nothing imported."))
        st.text("\n".join(error.problems))
        return
    except ClaimsError as error:
        st.error(md_escape(str(error)))
        return
    st.success(md_escape(f"{upload.name}: {report.imported} reviews imported, "
                         f"{report.duplicates} already stored, {report.links} links to claims."))
