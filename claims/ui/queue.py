"""The review queue: every claim, filtered, sorted and paged in SQL; a row opens the claim."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

import pandas as pd
import streamlit as st

from claims.models import CLAIM_KINDS, REVISION_STATUSES, STATUSES, VERDICTS
from claims.service import ClaimFilter, ClaimRow, counts_by, list_claims, list_users
from claims.service.overview import article_choices
from claims.ui import routes
from claims.ui.formatting import label
from claims.ui.session import engine, require_actor
from claims.ui.tables import pick_row

PAGE_SIZE = 50
ORDERS = {"score": "Check-worthiness score", "newest": "Newest change", "due": "Due date",
          "findings": "Check findings, errors first"}
ANY = "any"
#: filter widget → its default; values are kept in SAVED between visits to the page
DEFAULTS: dict[str, Any] = {
    "article": 0, "status": ANY, "verdict": ANY, "kind": ANY, "assignee": ANY, "mine": False,
    "score": (0.0, 1.0), "search": "", "order": "score", "revision": ANY,
    "earlier": False, "conflict": False, "findings": False,
}
SAVED = "queue_saved"


def _key(name: str) -> str:
    return f"queue_{name}"


def _restore_filters() -> None:
    """Give each filter widget the value it had on the last visit (Streamlit forgets widget
    state when a page is left)."""
    saved = st.session_state.setdefault(SAVED, dict(DEFAULTS))
    for name, default in DEFAULTS.items():
        if _key(name) not in st.session_state:
            st.session_state[_key(name)] = saved.get(name, default)


def _choice(name: str, title: str, options: list[Any], fmt: Any = label) -> Any:
    return st.selectbox(title, options, key=_key(name), format_func=fmt)


def _filter_widgets(me: str) -> ClaimFilter:
    engine_ = engine()
    articles = dict(article_choices(engine_))
    users = [u.name for u in list_users(engine_)]
    if st.session_state[_key("assignee")] not in (ANY, *users):
        st.session_state[_key("assignee")] = ANY
    if st.session_state[_key("article")] not in (0, *articles):
        st.session_state[_key("article")] = 0
    top = st.columns([3, 2, 2, 1.4], vertical_alignment="bottom")
    article_id = top[0].selectbox("Article", [0, *articles], key=_key("article"),
                                  format_func=lambda i: articles.get(i, "All articles"))
    search = top[1].text_input("Search the claim text", key=_key("search"))
    top[2].selectbox("Sort by", list(ORDERS), key=_key("order"), format_func=ORDERS.__getitem__)
    mine = top[3].toggle("Assigned to me", key=_key("mine"))
    has_findings = top[3].toggle("Has findings", key=_key("findings"))
    row = st.columns([2, 2, 2, 2, 2, 3])
    with row[0]:
        status = _choice("status", "Status", [ANY, *STATUSES])
    with row[1]:
        verdict = _choice("verdict", "Verdict", [ANY, *VERDICTS])
    with row[2]:
        kind = _choice("kind", "Kind", [ANY, *CLAIM_KINDS])
    with row[3]:
        assignee = _choice("assignee", "Assignee", [ANY, *users], fmt=str)
    with row[4]:
        revision = _choice("revision", "Revision status", [ANY, *REVISION_STATUSES])
    score = row[5].slider("Score", 0.0, 1.0, step=0.05, key=_key("score"))
    low, high = cast(tuple[float, float], score)
    links = st.columns([2, 2, 5])
    earlier = links[0].toggle("Has an earlier verdict", key=_key("earlier"))
    conflict = links[1].toggle("Figures conflict", key=_key("conflict"))
    return ClaimFilter(
        article_id=article_id or None,
        status=None if status == ANY else status,
        verdict=None if verdict == ANY else verdict,
        kind=None if kind == ANY else kind,
        assignee=me if mine else (None if assignee == ANY else assignee),
        min_score=low if low > 0 else None,
        max_score=high if high < 1 else None,
        search=search.strip() or None,
        revision_status=None if revision == ANY else revision,
        checked_before=earlier,
        figures_conflict=conflict,
        has_findings=has_findings,
    )


def _remember_filters() -> None:
    st.session_state[SAVED] = {name: st.session_state[_key(name)] for name in DEFAULTS}


def claims_frame(rows: list[ClaimRow]) -> pd.DataFrame:
    """The table the queue shows: one row per claim, its id kept for selection."""
    return pd.DataFrame({
        "id": [r.id for r in rows],
        "score": [round(r.score, 2) for r in rows],
        "status": [label(r.status) for r in rows],
        "verdict": [label(r.verdict) if r.verdict else "" for r in rows],
        "kind": [r.kind for r in rows],
        "claim": [r.text if len(r.text) <= 180 else r.text[:179] + "…" for r in rows],
        "article": [r.article_title or f"article {r.article_id}" for r in rows],
        "assignee": [r.assignee or "" for r in rows],
        "due": [r.due_on for r in rows],
    }, columns=["id", "score", "status", "verdict", "kind", "claim", "article", "assignee",
                "due"])


def _status_counts(filters: ClaimFilter) -> int:
    """Show the matching claims per status; returns how many match `filters` in all."""
    counts = counts_by(engine(), "status", replace(filters, status=None))
    cells = st.columns(len(STATUSES))
    for cell, status in zip(cells, STATUSES, strict=True):
        cell.metric(label(status), f"{counts.get(status, 0):,}")
    return counts.get(filters.status, 0) if filters.status else sum(counts.values())


def _page_number(total: int, filters: ClaimFilter) -> int:
    pages = max(1, -(-total // PAGE_SIZE))
    if st.session_state.get("queue_last_filters") != filters:
        st.session_state["queue_page_no"] = 1
        st.session_state["queue_last_filters"] = filters
    if st.session_state.get("queue_page_no", 1) > pages:
        st.session_state["queue_page_no"] = pages
    left, right = st.columns([1, 4])
    number = left.number_input("Page", 1, pages, key="queue_page_no")
    right.caption(f"{total:,} claims · page {number} of {pages:,}")
    return int(number)


def render() -> None:
    """The review queue page."""
    actor = require_actor()
    st.title("Review queue")
    _restore_filters()
    filters = _filter_widgets(actor.name)
    _remember_filters()
    total = _status_counts(filters)
    page = _page_number(total, filters)
    order = st.session_state[_key("order")]
    rows = list_claims(engine(), filters, order=order, limit=PAGE_SIZE,
                       offset=(page - 1) * PAGE_SIZE, with_mentions=False)
    if not rows:
        st.info("No claims match these filters.")
        return
    _table(claims_frame(rows))


COLUMNS = {
    "id": st.column_config.NumberColumn("#", width="small"),
    "score": st.column_config.ProgressColumn("score", min_value=0, max_value=1, format="%.2f",
                                             width="small"),
    "claim": st.column_config.TextColumn("claim", width="large"),
    "due": st.column_config.DateColumn("due"),
}


def _table(frame: pd.DataFrame) -> None:
    height = min(880, 35 * (len(frame) + 1) + 3)
    claim_id = pick_row(frame, "queue_table", height=height, column_config=COLUMNS)
    st.caption("Select a row to open the claim.")
    if claim_id is not None:
        routes.open_claim(claim_id)
