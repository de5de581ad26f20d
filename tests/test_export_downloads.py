"""Download buttons on the article view and the editor overview, through streamlit's AppTest;
a click runs the button's callable, as Streamlit does, and the file is checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from claims import service
from claims.errors import NotFound
from claims.export.report import export_report
from claims.service import Actor
from claims.settings import Settings
from claims.ui.downloads import render_article_downloads
from tests.conftest import seed_input
from tests.test_export_support import Reviewed, approve, review_seed

ARTICLE_FILES = {"Report (HTML)", "Report (Markdown)", "ClaimReview (JSON-LD)", "Claims (CSV)",
                 "Claims (JSON Lines)", "Annotations (W3C JSON-LD)"}
OVERVIEW_FILES = {"ClaimReview, all approved (JSON-LD)", "All claims (CSV)",
                  "All claims (JSON Lines)", "All annotations (W3C JSON-LD)"}


def page_test(page: Callable[..., None], *args: object) -> AppTest:
    """An AppTest of one page function, with room for a slow first run on a loaded machine."""
    return AppTest.from_function(page, args=args, default_timeout=60)


def article_page(url: str, user: str, article_id: int) -> None:
    from claims import service
    from claims.store import create_engine
    from claims.ui.downloads import render_article_downloads

    engine = create_engine(url)
    render_article_downloads(engine, service.actor_for(engine, user), article_id)


def overview_page(url: str, user: str) -> None:
    from claims import service
    from claims.store import create_engine
    from claims.ui.downloads import render_overview_downloads

    engine = create_engine(url)
    render_overview_downloads(engine, service.actor_for(engine, user))


@pytest.fixture
def reviewed(sqlite_engine: Engine, admin_sqlite: Actor) -> Reviewed:
    names = ("asha", "checker"), ("eddie", "editor"), ("vera", "viewer")
    for name, role in names:
        service.add_user(sqlite_engine, admin_sqlite, name=name, role=role,
                         password=f"{name}-password")
    article = service.ingest_article(sqlite_engine, admin_sqlite, seed_input()).article_id
    return review_seed(sqlite_engine, service.actor_for(sqlite_engine, "asha"),
                       service.actor_for(sqlite_engine, "eddie"), article)


@pytest.fixture
def admin_sqlite(sqlite_engine: Engine) -> Actor:
    return service.local_actor(sqlite_engine)


@pytest.fixture
def clicks(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """file name → the callable Streamlit runs when that download button is clicked."""
    registered: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None,
               coordinates: str, file_name: str | None = None, **kwargs: Any) -> str:
        registered[file_name or ""] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_an_editor_downloads_the_seed_report_and_its_claimreview(
        sqlite_engine: Engine, reviewed: Reviewed,
        clicks: dict[str, Callable[[], Any]]) -> None:
    app = page_test(article_page, url_of(sqlite_engine), "eddie", reviewed.article_id)
    app.run()
    assert not app.exception
    buttons = app.get("download_button")
    assert {b.label for b in buttons} == ARTICLE_FILES
    stem = f"article-{reviewed.article_id}"
    page = clicks[f"{stem}-report.html"]()
    assert page == export_report(sqlite_engine, reviewed.article_id, format="html",
                                 settings=Settings.from_env())
    items = json.loads(clicks[f"{stem}-claimreview.jsonld"]())
    assert len(items) == len(reviewed.approved)
    assert {i["@type"] for i in items} == {"ClaimReview"}
    assert clicks[f"{stem}-report.md"]().startswith("# Fact-check report:")
    assert len(clicks[f"{stem}-claims.jsonl"]().splitlines()) == len(reviewed.claim_ids)


def test_a_viewer_may_download_too(sqlite_engine: Engine, reviewed: Reviewed) -> None:
    app = page_test(article_page, url_of(sqlite_engine), "vera", reviewed.article_id)
    app.run()
    assert not app.exception and len(app.get("download_button")) == len(ARTICLE_FILES)


def test_the_overview_offers_every_article_at_once(
        sqlite_engine: Engine, reviewed: Reviewed,
        clicks: dict[str, Callable[[], Any]]) -> None:
    app = page_test(overview_page, url_of(sqlite_engine), "eddie")
    app.run()
    assert not app.exception
    assert {b.label for b in app.get("download_button")} == OVERVIEW_FILES
    assert len(json.loads(clicks["claimreview.jsonld"]())) == len(reviewed.approved)
    assert clicks["claims.csv"]().count("\r\n") == len(reviewed.claim_ids) + 1


def test_no_user_text_reaches_unsafe_html(sqlite_engine: Engine, reviewed: Reviewed) -> None:
    app = page_test(article_page, url_of(sqlite_engine), "eddie", reviewed.article_id)
    app.run()
    assert [m for m in app.get("markdown") if getattr(m.proto, "allow_html", False)] == []


def test_an_unknown_article_is_refused(sqlite_engine: Engine, reviewed: Reviewed) -> None:
    eddie = service.actor_for(sqlite_engine, "eddie")
    with pytest.raises(NotFound):
        render_article_downloads(sqlite_engine, eddie, 999)


def test_the_article_view_lists_claims_left_out_of_claimreview(sqlite_engine: Engine,
                                                               reviewed: Reviewed) -> None:
    checker = service.actor_for(sqlite_engine, "asha")
    editor = service.actor_for(sqlite_engine, "eddie")
    article = service.ingest_article(sqlite_engine, checker, service.ArticleInput(
        text="The minister called the *leaked* budget false on Tuesday.", title="Budget",
        body_is_text=True)).article_id
    claim = service.add_claim(sqlite_engine, checker, article,
                              words="The minister called the *leaked* budget false on Tuesday.")
    approve(sqlite_engine, checker, editor, claim.id or 0, "false")
    app = page_test(article_page, url_of(sqlite_engine), "eddie", article)
    app.run()
    [warning] = app.warning
    assert f"claim {claim.id}: claimReviewed contains the rating" in warning.value
    seed = page_test(article_page, url_of(sqlite_engine), "eddie", reviewed.article_id)
    assert not seed.run().warning
