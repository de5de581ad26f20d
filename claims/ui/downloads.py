"""Download buttons for the article view and the editor overview.

Each button builds its file only when clicked (Streamlit runs the callable then), from the
same export functions the CLI uses. File contents never pass through `unsafe_allow_html`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import streamlit as st
from sqlalchemy.engine import Engine

from claims.export.annotations import export_annotations
from claims.export.claimreview import claimreview_rejections, export_claimreview
from claims.export.report import export_report
from claims.export.safety import markdown_text as md_escape
from claims.export.tabular import export_claims
from claims.permissions import require
from claims.service import Actor, ClaimFilter, get_article
from claims.settings import Settings

KEY_PREFIX = "downloads"


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    file_name: str
    mime: str
    build: Callable[[], str]


def _file(write: Callable[[IO[str]], object]) -> Callable[[], str]:
    """A callable that runs `write` into memory and returns the text (run on click)."""
    def build() -> str:
        out = io.StringIO()
        write(out)
        return out.getvalue()

    return build


def _claims_file(engine: Engine, format: str, filters: ClaimFilter) -> Callable[[], str]:
    return _file(lambda out: export_claims(engine, out, format=format, filters=filters))


def _claimreview_file(engine: Engine, article_id: int | None) -> Callable[[], str]:
    return _file(lambda out: export_claimreview(engine, out, settings=Settings.from_env(),
                                                article_id=article_id))


def _annotations_file(engine: Engine, article_id: int | None) -> Callable[[], str]:
    return _file(lambda out: export_annotations(engine, out, settings=Settings.from_env(),
                                                article_id=article_id))


def _report_file(engine: Engine, article_id: int, format: str) -> Callable[[], str]:
    return lambda: export_report(engine, article_id, format=format,
                                 settings=Settings.from_env())


def article_downloads(engine: Engine, article_id: int) -> list[Download]:
    """The files offered for one article."""
    filters = ClaimFilter(article_id=article_id)
    stem = f"article-{article_id}"
    return [
        Download("Report (HTML)", f"{stem}-report.html", "text/html",
                 _report_file(engine, article_id, "html")),
        Download("Report (Markdown)", f"{stem}-report.md", "text/markdown",
                 _report_file(engine, article_id, "md")),
        Download("ClaimReview (JSON-LD)", f"{stem}-claimreview.jsonld", "application/ld+json",
                 _claimreview_file(engine, article_id)),
        Download("Claims (CSV)", f"{stem}-claims.csv", "text/csv",
                 _claims_file(engine, "csv", filters)),
        Download("Claims (JSON Lines)", f"{stem}-claims.jsonl", "application/jsonl",
                 _claims_file(engine, "jsonl", filters)),
        Download("Annotations (W3C JSON-LD)", f"{stem}-annotations.jsonld",
                 "application/ld+json", _annotations_file(engine, article_id)),
    ]


def overview_downloads(engine: Engine) -> list[Download]:
    """The files offered on the editor overview (every article)."""
    return [
        Download("ClaimReview, all approved (JSON-LD)", "claimreview.jsonld",
                 "application/ld+json", _claimreview_file(engine, None)),
        Download("All claims (CSV)", "claims.csv", "text/csv",
                 _claims_file(engine, "csv", ClaimFilter())),
        Download("All claims (JSON Lines)", "claims.jsonl", "application/jsonl",
                 _claims_file(engine, "jsonl", ClaimFilter())),
        Download("All annotations (W3C JSON-LD)", "annotations.jsonld", "application/ld+json",
                 _annotations_file(engine, None)),
    ]


def _buttons(downloads: list[Download], key: str, per_row: int) -> None:
    """`per_row` buttons a row, each as wide as its column: a label is never cut short."""
    columns = st.columns(min(len(downloads), per_row))
    for index, item in enumerate(downloads):
        with columns[index % len(columns)]:
            st.download_button(item.label, data=item.build, file_name=item.file_name,
                               mime=item.mime, key=f"{KEY_PREFIX}_{key}_{item.file_name}",
                               on_click="ignore", icon=":material/download:",
                               width="stretch")


def render_article_downloads(engine: Engine, actor: Actor, article_id: int) -> None:
    """Download buttons for one article's exports (any signed-in role may read them).

    Raises NotFound for a missing article and Forbidden for an unknown role, before drawing.
    """
    require(actor.role, "read", actor.name)
    get_article(engine, article_id)  # NotFound for a missing article, before any button
    st.subheader("Downloads")
    # one a row: they sit in the article view's narrow side column
    _buttons(article_downloads(engine, article_id), f"article_{article_id}", per_row=1)
    rejected = claimreview_rejections(engine, settings=Settings.from_env(),
                                      article_id=article_id)
    if rejected:
        st.warning("Not in the ClaimReview file, fix first:\n\n"
                   + "\n".join(f"- {md_escape(str(r))}" for r in rejected))


def render_overview_downloads(engine: Engine, actor: Actor) -> None:
    """Download buttons for exports of the whole desk."""
    require(actor.role, "read", actor.name)
    st.subheader("Downloads")
    _buttons(overview_downloads(engine), "overview", per_row=2)
    st.caption("Approved claims that fail ClaimReview validation are left out of that file; "
               "each article's page lists its own, and `claims export claimreview` lists all.")
