"""The editor overview: per-article progress, counts by status and verdict, claims waiting
for approval, overdue claims and each checker's open work."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from claims import service
from claims.models import STATUSES, VERDICTS
from claims.service import Actor, ClaimFilter, ClaimRow
from claims.service.overview import (
    ArticleProgress,
    OpenWork,
    article_choices,
    article_progress,
    open_work,
    overdue_claims,
)
from claims.ui import routes
from claims.ui.downloads import render_overview_downloads
from claims.ui.formatting import label
from claims.ui.match_panel import render_disagreements
from claims.ui.session import engine, require_actor
from claims.ui.tables import pick_row

ARTICLES_SHOWN = 100
CLAIMS_SHOWN = 25


def counts_frame(counts: dict[str, int], order: tuple[str, ...]) -> pd.DataFrame:
    """Counts in the workflow's (or the verdict scale's) order, zeros included: a chart's data."""
    return pd.DataFrame({"count": [counts.get(value, 0) for value in order]},
                        index=pd.Index([label(value) for value in order], name="value"))


def verdict_frame(engine: Engine, filters: ClaimFilter) -> pd.DataFrame:
    """Verdicts on the verdict scale: `approved` (findings) and `proposed` (waiting for an
    editor) apart, so a proposal is never counted as a finding."""
    approved = service.counts_by(engine, "verdict", replace(filters, status="approved"))
    proposed = service.counts_by(engine, "verdict", replace(filters, status="needs_approval"))
    return pd.DataFrame({"approved": [approved.get(v, 0) for v in VERDICTS],
                         "proposed": [proposed.get(v, 0) for v in VERDICTS]},
                        index=pd.Index([label(v) for v in VERDICTS], name="value"))


def _chart(frame: pd.DataFrame, empty: str) -> None:
    """A bar chart of counts, or a caption when every count is zero (an empty chart's axis
    would read 0.000000)."""
    if not frame.to_numpy().any():
        st.caption(empty)
        return
    st.bar_chart(frame, horizontal=True, height=240, sort=False, stack=False)


def progress_frame(progress: list[ArticleProgress]) -> pd.DataFrame:
    """One row per article: the approved share (`progress`), then its claims by status."""
    frame = pd.DataFrame({
        "id": [p.article_id for p in progress],
        "article": [p.title or f"article {p.article_id}" for p in progress],
        "progress": [p.done for p in progress],
        "claims": [p.total for p in progress],
    })
    for status in STATUSES:
        frame[label(status)] = [p.by_status.get(status, 0) for p in progress]
    return frame


def work_frame(work: list[OpenWork]) -> pd.DataFrame:
    frame = pd.DataFrame({"who": [w.name for w in work], "role": [w.role for w in work],
                          "open": [w.total for w in work], "overdue": [w.overdue for w in work]})
    for status in ("new", "in_progress", "needs_approval"):
        frame[label(status)] = [w.by_status.get(status, 0) for w in work]
    return frame


def claims_table(rows: list[ClaimRow], key: str) -> None:
    """A small table of claims; selecting one opens it."""
    frame = pd.DataFrame({
        "id": [r.id for r in rows], "claim": [r.text for r in rows],
        "verdict": [label(r.verdict) if r.verdict else "" for r in rows],
        "article": [r.article_title or "" for r in rows],
        "assignee": [r.assignee or "" for r in rows], "due": [r.due_on for r in rows],
    })
    claim_id = pick_row(frame, key)
    if claim_id is not None:
        routes.open_claim(claim_id)


def render() -> None:
    """The editor overview page."""
    actor = require_actor()
    st.title("Editor overview")
    articles = dict(article_choices(engine()))
    article_id = st.selectbox("Article", [0, *articles], key="overview_article",
                              format_func=lambda i: articles.get(i, "All articles"))
    filters = ClaimFilter(article_id=article_id or None)
    _status_and_verdicts(filters, article_id)
    today = datetime.now(UTC).date()
    _waiting(filters)
    _overdue(today)
    render_disagreements(engine())
    _work(today)
    if not article_id:
        _articles()
    _downloads(actor)


def _status_and_verdicts(filters: ClaimFilter, article_id: int) -> None:
    by_status = service.counts_by(engine(), "status", filters)
    total, approved = sum(by_status.values()), by_status.get("approved", 0)
    st.progress(approved / total if total else 0.0,
                text=f"{approved} of {total} claims approved"
                     + ("" if article_id else " across all articles"))
    cells = st.columns(len(STATUSES))
    for cell, status in zip(cells, STATUSES, strict=True):
        cell.metric(label(status), f"{by_status.get(status, 0):,}")
    left, right = st.columns(2)
    with left:
        st.subheader("By status")
        _chart(counts_frame(by_status, STATUSES), "No claims yet.")
    with right:
        st.subheader("By verdict")
        st.caption("Approved verdicts are findings; proposed ones wait for an editor.")
        _chart(verdict_frame(engine(), filters), "No verdicts yet.")


def _waiting(filters: ClaimFilter) -> None:
    wanted = ClaimFilter(article_id=filters.article_id, status="needs_approval")
    waiting = service.list_claims(engine(), wanted, order="newest", limit=CLAIMS_SHOWN,
                                  with_mentions=False)
    st.subheader(f"Waiting for approval ({service.count_claims(engine(), wanted):,})")
    if waiting:
        claims_table(waiting, "overview_waiting")
    else:
        st.caption("Nothing is waiting for approval.")


def _overdue(today: date) -> None:
    late = overdue_claims(engine(), today, limit=CLAIMS_SHOWN)
    st.subheader("Overdue")
    if late:
        claims_table(late, "overview_overdue")
    else:
        st.caption("No open claim is past its due date.")


def _work(today: date) -> None:
    work = open_work(engine(), today)
    st.subheader("Open work by person")
    if work:
        st.dataframe(work_frame(work), hide_index=True, width="stretch")
    else:
        st.caption("No open claim is assigned to anyone.")


def _articles() -> None:
    progress = article_progress(engine(), limit=ARTICLES_SHOWN)
    st.subheader("Articles")
    if not progress:
        st.caption("No articles yet.")
        return
    frame = progress_frame(progress)
    article_id = pick_row(frame, "overview_articles", column_config={
        "id": st.column_config.NumberColumn("#", width="small"),
        "progress": st.column_config.ProgressColumn("progress", min_value=0, max_value=1,
                                                    format="percent"),
    })
    st.caption(f"The {ARTICLES_SHOWN} newest articles; select one to read it.")
    if article_id is not None:
        routes.open_article(article_id)


def _downloads(actor: Actor) -> None:
    render_overview_downloads(engine(), actor)
