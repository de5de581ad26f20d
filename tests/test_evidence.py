"""Evidence in the service layer, the CLI and the panel, against a local HTTP server.

Database tests run on SQLite and on a real PostgreSQL (the `engine` fixture). Only these
tests allow 127.0.0.1 (the `LOCAL` settings); the default settings refuse it.
"""

from __future__ import annotations

import hashlib
import itertools
import socket
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import select
from typer.testing import CliRunner

from claims.cli import register_subcommands
from claims.cli.evidence import parse_age
from claims.cli.main import app as cli
from claims.errors import BadInput, EditConflict, FetchRefused, Forbidden, NotFound
from claims.models import AuditEvent, Claim, Evidence, EvidenceFetch
from claims.service import Actor
from claims.service.evidence import (
    add_evidence,
    clear_evidence_alert,
    evidence_history,
    get_evidence,
    list_evidence,
    quote_evidence,
    recheck_evidence,
    set_allow_hosts,
    stored_allow_hosts,
    update_evidence,
    upload_evidence,
)
from claims.settings import Settings
from claims.store import read_session
from tests.evidence_server import PDF_TEXT, PNG_BYTES, EvidenceServer, fake_resolver, make_pdf

LOCAL = Settings(allow_hosts=("127.0.0.1",), fetch_timeout=1.0)
DEFAULT = Settings(fetch_timeout=1.0)
_unique = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[EvidenceServer]:
    running = EvidenceServer()
    yield running
    running.stop()


@pytest.fixture
def claim_id(engine: Engine, seeded: int) -> int:
    with read_session(engine) as session:
        return session.exec(select(Claim.id).where(Claim.article_id == seeded)
                            .order_by(Claim.id)).first()  # type: ignore[arg-type,return-value]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    monkeypatch.setattr(socket, "getaddrinfo", fake_resolver(table))
    return table


def article(words: str) -> str:
    return f"<html><body><article><p>{words} " * 3 + "</p></article></body></html>"


def counts(engine: Engine) -> tuple[int, int, int]:
    with read_session(engine) as session:
        return tuple(session.exec(select(sa.func.count()).select_from(table)).one()
                     for table in (Evidence, EvidenceFetch, AuditEvent))  # type: ignore[return-value]


# --- adding -------------------------------------------------------------------------------

def test_adding_a_link_keeps_its_metadata_snapshot_and_first_fetch(
        engine: Engine, checker: Actor, claim_id: int, server: EvidenceServer) -> None:
    item = add_evidence(engine, checker, claim_id, server.url("/redirect/2"), stance="supports",
                        note="the trade figure", settings=LOCAL)
    assert (item.title, item.publisher, item.author) == (
        "Moscow talks: what was agreed", "The Daily Example", "Priya Raman")
    assert item.published_on is not None and item.published_on.isoformat() == "2024-07-08"
    assert item.final_url == server.url("/full") and item.http_status == 200
    assert item.snapshot is not None and "$65 billion last year" in item.snapshot
    assert item.sha256 == hashlib.sha256(item.snapshot.encode()).hexdigest()
    assert (item.stance, item.note, item.added_by_id) == ("supports", "the trade figure",
                                                          checker.user_id)
    assert item.fetched_at is not None and item.fetched_at.tzinfo is not None
    [first] = evidence_history(engine, item.id or 0)
    assert (first.snapshot, first.http_status) == (item.snapshot, 200)
    assert first.sha256 is not None and first.sha256 != item.sha256  # the body's, not the text's
    [listed] = list_evidence(engine, claim_id)
    assert (listed.id, listed.title, listed.added_by) == (item.id, item.title, "asha")
    with read_session(engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "add_evidence")).one()
    assert (event.claim_id, event.actor_name) == (claim_id, "asha")


def test_refused_links_write_nothing(engine: Engine, checker: Actor, claim_id: int,
                                     server: EvidenceServer) -> None:
    cases = [(server.url("/full"), DEFAULT, "127.0.0.1 is a loopback address"),
             ("http://2130706433/", DEFAULT, "is 127.0.0.1, a loopback address"),
             (server.url("/to-private"), LOCAL, "10.0.0.1 is a private address"),
             (server.url("/redirect/6"), LOCAL, "more than 5 redirects"),
             (server.url("/status/404"), LOCAL, "answered 404"),
             (server.url("/status/410"), LOCAL, "answered 410"),
             (server.url("/status/500"), LOCAL, "answered 500"),
             (server.url("/big"), LOCAL, "byte limit"),
             (server.url("/drip"), LOCAL, "no complete answer within 1 s"),
             ("file:///etc/passwd", LOCAL, "only http and https")]
    before = counts(engine)
    for url, settings, reason in cases:
        with pytest.raises(FetchRefused, match=reason):
            add_evidence(engine, checker, claim_id, url, settings=settings)
    assert counts(engine) == before


def test_only_checkers_and_up_add_evidence(engine: Engine, viewer: Actor, claim_id: int,
                                           server: EvidenceServer) -> None:
    asked = len(server.requests)
    with pytest.raises(Forbidden):
        add_evidence(engine, viewer, claim_id, server.url("/full"), settings=LOCAL)
    assert len(server.requests) == asked  # refused before fetching


def test_bad_stance_unknown_claim_and_a_repeated_link(engine: Engine, checker: Actor,
                                                     claim_id: int,
                                                     server: EvidenceServer) -> None:
    with pytest.raises(BadInput, match="unknown stance"):
        add_evidence(engine, checker, claim_id, server.url("/full"), stance="maybe",
                     settings=LOCAL)
    with pytest.raises(NotFound):
        add_evidence(engine, checker, 999_999, server.url("/full"), settings=LOCAL)
    add_evidence(engine, checker, claim_id, server.url("/text"), settings=LOCAL)
    with pytest.raises(BadInput, match="already has this link"):
        add_evidence(engine, checker, claim_id, server.url("/text"), settings=LOCAL)


def test_the_admin_setting_allows_internal_hosts(engine: Engine, admin: Actor, checker: Actor,
                                                 claim_id: int, server: EvidenceServer) -> None:
    with pytest.raises(Forbidden):
        set_allow_hosts(engine, checker, "127.0.0.1")
    with pytest.raises(FetchRefused):
        add_evidence(engine, checker, claim_id, server.url("/full"), settings=DEFAULT)
    assert set_allow_hosts(engine, admin, "127.0.0.1\nintranet.example, 10.20.0.0/16") == (
        "127.0.0.1", "intranet.example", "10.20.0.0/16")
    assert stored_allow_hosts(engine) == ("127.0.0.1", "intranet.example", "10.20.0.0/16")
    item = add_evidence(engine, checker, claim_id, server.url("/full"), settings=DEFAULT)
    assert item.http_status == 200
    with pytest.raises(BadInput):
        set_allow_hosts(engine, admin, "evil host")


# --- stance, note, quote, upload ----------------------------------------------------------

def test_stance_and_note_are_versioned(engine: Engine, checker: Actor, editor: Actor,
                                       claim_id: int, server: EvidenceServer) -> None:
    item = add_evidence(engine, checker, claim_id, server.url("/bare"), settings=LOCAL)
    changed = update_evidence(engine, checker, item.id or 0, seen_version=1, stance="refutes",
                              note="contradicts the count")
    assert (changed.stance, changed.note, changed.version) == ("refutes",
                                                               "contradicts the count", 2)
    with pytest.raises(EditConflict, match="asha"):
        update_evidence(engine, editor, item.id or 0, seen_version=1, stance="supports")
    same = update_evidence(engine, editor, item.id or 0, seen_version=2, stance="refutes")
    assert same.version == 2  # nothing changed, nothing written


def test_a_quoted_passage_is_anchored_in_the_snapshot(engine: Engine, checker: Actor,
                                                      claim_id: int,
                                                      server: EvidenceServer) -> None:
    item = add_evidence(engine, checker, claim_id, server.url("/full"), settings=LOCAL)
    quoted = quote_evidence(engine, checker, item.id or 0, seen_version=1,
                            words="stood at $65   billion last year")
    snapshot = quoted.snapshot or ""
    start, end = quoted.quote_start or 0, quoted.quote_end or 0
    assert snapshot[start:end] == quoted.quote_exact == "stood at $65 billion last year"
    assert quoted.quote_prefix == snapshot[max(0, start - 32):start]
    assert quoted.quote_suffix == snapshot[end:end + 32]
    with pytest.raises(BadInput, match="not in"):
        quote_evidence(engine, checker, item.id or 0, seen_version=2, words="41 people")


def test_offline_evidence_files_keep_hash_size_and_text(engine: Engine, checker: Actor,
                                                        claim_id: int) -> None:
    pdf = make_pdf(PDF_TEXT)
    item = upload_evidence(engine, checker, claim_id, file_name="../../customs.pdf", data=pdf,
                           stance="supports")
    assert (item.file_name, item.content_type, item.size_bytes) == ("customs.pdf",
                                                                    "application/pdf", len(pdf))
    assert item.sha256 == hashlib.sha256(pdf).hexdigest()
    assert item.title == "Customs statistics 2023" and PDF_TEXT in (item.snapshot or "")
    image = upload_evidence(engine, checker, claim_id, file_name="chart.png", data=PNG_BYTES)
    assert (image.content_type, image.snapshot) == ("image/png", None)
    assert get_evidence(engine, image.id or 0).file_data == PNG_BYTES
    html = upload_evidence(engine, checker, claim_id, file_name="saved.html",
                           data=article("Saved page: 41 people died.").encode())
    assert "41 people died" in (html.snapshot or "")
    with pytest.raises(BadInput, match="empty"):
        upload_evidence(engine, checker, claim_id, file_name="x.txt", data=b"")
    with pytest.raises(BadInput, match="over the 100-byte limit"):
        upload_evidence(engine, checker, claim_id, file_name="x.txt", data=b"x" * 101,
                        settings=Settings(max_article_bytes=100))
    assert [e.file_name for e in list_evidence(engine, claim_id)] == [
        "customs.pdf", "chart.png", "saved.html"]


# --- re-check -----------------------------------------------------------------------------

def test_recheck_flags_edited_gone_and_status_changes(
        engine: Engine, checker: Actor, claim_id: int, server: EvidenceServer,
        dns: dict[str, list[str]]) -> None:
    run = f"/run{next(_unique)}"
    names = ("stable", "edited", "gone404", "gone410", "broken", "markup")
    for name in names:
        server.set_page(f"{run}/{name}", article(f"The {name} page says 41 people died."))
    dns["vanishing.example"] = ["127.0.0.1"]
    urls = [server.url(f"{run}/{name}") for name in names]
    urls.append(server.url(f"{run}/stable", host="vanishing.example"))
    items = [add_evidence(engine, checker, claim_id, url, settings=LOCAL) for url in urls]
    ids = dict(zip((*names, "dns"), (item.id for item in items), strict=True))
    original = items[1].snapshot

    server.set_page(f"{run}/edited", article("The edited page now says 45 people died."))
    server.set_page(f"{run}/markup", article("The markup page says 41 people died.")
                    .replace("<html>", "<html><!-- served at 10:42 --><script>ad(7)</script>"))
    server.set_page(f"{run}/gone404", "<p>no</p>", status=404)
    server.set_page(f"{run}/gone410", "<p>gone</p>", status=410)
    server.set_page(f"{run}/broken", "<p>oops</p>", status=500)
    dns["vanishing.example"] = []
    calls: list[tuple[int, int]] = []
    report = recheck_evidence(engine, checker, settings=LOCAL, concurrency=4,
                              progress=lambda done, total, _: calls.append((done, total)))

    assert calls[0] == (0, 7) and calls[-1] == (7, 7)
    assert {c.evidence_id for c in report.changed} == {ids["edited"], ids["broken"]}
    assert {c.evidence_id for c in report.dead} == {ids["gone404"], ids["gone410"], ids["dns"]}
    changes = {e.id: e.change for e in list_evidence(engine, claim_id)}
    assert changes == {ids["stable"]: None, ids["edited"]: "edited", ids["gone404"]: "gone",
                       ids["gone410"]: "gone", ids["broken"]: "status", ids["dns"]: "gone",
                       ids["markup"]: None}  # markup around the same text is no edit
    dead = {c.evidence_id: c.message for c in report.dead}
    assert "answered 404" in dead[ids["gone404"]] and "answered 410" in dead[ids["gone410"]]
    assert "DNS lookup failed" in dead[ids["dns"]]
    with read_session(engine) as session:
        alert = session.get(Claim, claim_id).evidence_alert  # type: ignore[union-attr]
        events = session.exec(select(AuditEvent)
                              .where(AuditEvent.action == "recheck_change")).all()
    assert alert is not None and f"#{ids['edited']} edited" in alert
    assert f"#{ids['gone404']} gone" in alert and f"#{ids['broken']} status" in alert
    assert len(events) == 5

    history = evidence_history(engine, ids["edited"])
    assert [f.change for f in history] == [None, "edited"]
    assert history[0].snapshot == original  # the old snapshot is kept
    assert "45 people died" in (history[1].snapshot or "")
    assert get_evidence(engine, ids["edited"]).snapshot == original  # what was checked stays

    again = recheck_evidence(engine, checker, settings=LOCAL)
    assert [c.change for c in again.checks] == [None] * 7  # nothing new since the last check
    assert len(evidence_history(engine, ids["gone404"])) == 3
    assert clear_evidence_alert(engine, checker, claim_id)
    with read_session(engine) as session:
        assert session.get(Claim, claim_id).evidence_alert is None  # type: ignore[union-attr]
    assert {e.change for e in list_evidence(engine, claim_id)} == {None}
    assert not clear_evidence_alert(engine, checker, claim_id)


def test_recheck_concurrency_is_bounded(sqlite_engine: Engine, server: EvidenceServer) -> None:
    from claims.service import ingest_article, local_actor
    from tests.conftest import seed_input

    admin = local_actor(sqlite_engine)
    ingest_article(sqlite_engine, admin, seed_input())
    paths = [f"/bounded/{n}" for n in range(9)]
    for path in paths:
        server.set_page(path, article(f"Page {path} says 41 people died."))
    for path in paths:
        add_evidence(sqlite_engine, admin, 1, server.url(path), settings=LOCAL)
    for path in paths:
        server.set_page(path, article(f"Page {path} says 41 people died."), delay=0.5)
    server.most_busy = 0
    report = recheck_evidence(sqlite_engine, admin, settings=LOCAL, concurrency=3)
    assert len(report.checks) == 9
    assert server.most_busy == 3  # never more than the bound, and the bound is used
    assert 1.4 < report.seconds < 3.5  # three rounds of 0.5 s; nine in a row take 4.5 s


def test_recheck_of_one_claim_and_of_old_links_only(engine: Engine, checker: Actor,
                                                    viewer: Actor, seeded: int,
                                                    server: EvidenceServer) -> None:
    with read_session(engine) as session:
        first, second = session.exec(select(Claim.id).where(Claim.article_id == seeded)
                                     .order_by(Claim.id).limit(2)).all()
    add_evidence(engine, checker, first, server.url("/full"), settings=LOCAL)
    add_evidence(engine, checker, second, server.url("/bare"), settings=LOCAL)
    only = recheck_evidence(engine, checker, claim_id=second, settings=LOCAL)
    assert [c.claim_id for c in only.checks] == [second]
    old = recheck_evidence(engine, checker, older_than=parse_age("1d"), settings=LOCAL)
    assert old.checks == []  # both were checked moments ago
    with pytest.raises(Forbidden):
        recheck_evidence(engine, viewer, settings=LOCAL)
    with pytest.raises(NotFound):
        recheck_evidence(engine, checker, claim_id=999_999, settings=LOCAL)


def test_ages_are_read_from_short_forms() -> None:
    assert parse_age("7d").days == 7 and parse_age("1d12h").total_seconds() == 129_600
    with pytest.raises(BadInput):
        parse_age("seven days")


# --- CLI (SQLite) -------------------------------------------------------------------------

@pytest.fixture
def cli_env(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CLAIMS_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("CLAIMS_FETCH_TIMEOUT", "1")
    monkeypatch.delenv("CLAIMS_ALLOW_HOSTS", raising=False)
    return sqlite_url


def claims(*args: str, allow_local: bool = True) -> Any:
    """Run the `claims` command in-process (area groups attached as the console script does)."""
    if "evidence" not in {group.name for group in cli.registered_groups}:
        register_subcommands(cli)
    env = {"CLAIMS_ALLOW_HOSTS": "127.0.0.1" if allow_local else ""}
    return CliRunner().invoke(cli, list(args), env=env)


def test_cli_adds_lists_and_rechecks_evidence(cli_env: str, server: EvidenceServer,
                                              tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"
    assert claims("ingest", str(seed)).exit_code == 0
    run = f"/cli{next(_unique)}"
    server.set_page(f"{run}/a", article("Version one says 41 people died."))
    server.set_page(f"{run}/b", article("This page will be removed."))
    added = claims("evidence", "add", "1", server.url(f"{run}/a"), "--stance", "refutes",
                   "--note", "count differs")
    assert added.exit_code == 0, added.output
    assert "evidence 1 on claim 1" in added.output
    assert claims("evidence", "add", "1", server.url(f"{run}/b")).exit_code == 0

    refused = claims("evidence", "add", "1", server.url("/full"), allow_local=False)
    assert refused.exit_code == 1
    assert "127.0.0.1 is a loopback address" in refused.output
    assert "Traceback" not in refused.output
    redirected = claims("evidence", "add", "1", server.url("/to-private"))
    assert redirected.exit_code == 1 and "10.0.0.1 is a private address" in redirected.output

    upload = tmp_path / "note.txt"
    upload.write_text("A saved statement: 41 people died.", encoding="utf-8")
    assert claims("evidence", "upload", "1", str(upload)).exit_code == 0
    listed = claims("evidence", "list", "1")
    assert listed.exit_code == 0 and "refutes" in listed.output and "note.txt" in listed.output

    server.set_page(f"{run}/a", article("Version two says 45 people died."))
    server.set_page(f"{run}/b", "<p>gone</p>", status=410)
    report = claims("evidence", "recheck", "--claim", "1")
    assert report.exit_code == 0, report.output
    assert "1 changed, 1 dead" in report.output
    assert "page edited" in report.output and "answered 410" in report.output
    shown = claims("evidence", "show", "1")
    assert "Version one says 41 people died" in shown.output  # the snapshot checked


# --- the panel (SQLite) -------------------------------------------------------------------

PANEL_SCRIPT = textwrap.dedent("""
    import os
    from claims.store import create_engine
    from claims.service import local_actor
    from claims.ui.evidence_panel import render_evidence_panel

    db = create_engine(os.environ["CLAIMS_DATABASE_URL"])
    render_evidence_panel(db, local_actor(db, role="checker"), int(os.environ["PANEL_CLAIM"]))
""")


def test_the_panel_lists_evidence_and_shows_refusals_as_text(
        sqlite_engine: Engine, sqlite_url: str, tmp_path: Path, server: EvidenceServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from claims.service import ingest_article, local_actor
    from tests.conftest import seed_input

    admin = local_actor(sqlite_engine)
    ingest_article(sqlite_engine, admin, seed_input())
    server.set_page("/panel/trap", "<html><head><title>**Bold** <img src=x onerror=alert(1)>"
                    "</title></head><body><article><p>"
                    + "A page whose title tries markdown and HTML. " * 4
                    + "</p></article></body></html>")
    add_evidence(sqlite_engine, admin, 1, server.url("/panel/trap"), settings=LOCAL)
    script = tmp_path / "panel.py"
    script.write_text(PANEL_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("CLAIMS_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PANEL_CLAIM", "1")
    monkeypatch.delenv("CLAIMS_ALLOW_HOSTS", raising=False)

    app = AppTest.from_file(str(script), default_timeout=30).run()
    assert not app.exception
    assert any("A page whose title tries markdown" in t.value for t in app.text_area)
    [label] = [e.label for e in app.expander]
    assert "\\*\\*Bold\\*\\*" in label and "\\<img" in label  # shown as text, not rendered
    [url_box] = [t for t in app.text_input if t.label.startswith("link")]
    url_box.set_value("http://10.0.0.1/secret")
    [add] = [b for b in app.button if b.label == "Add link"]
    add.click()
    app.run()
    assert not app.exception
    assert any("10\\.0\\.0\\.1 is a private address" in w.value for w in app.warning)
    assert len(list_evidence(sqlite_engine, 1)) == 1

    monkeypatch.setenv("CLAIMS_ALLOW_HOSTS", "127.0.0.1")  # the panel's re-check reads env
    server.set_page("/panel/trap", "<p>removed</p>", status=410)
    [recheck] = [b for b in app.button if b.label.startswith("Re-check this claim")]
    recheck.click()
    app.run()
    assert not app.exception
    assert any("1 dead" in t.value for t in app.text)
    assert any("gone" in w.value for w in app.warning)  # the claim's evidence alert


def test_an_xhtml_page_with_an_xml_declaration_is_read() -> None:
    from claims.evidence import read_html

    page = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title>Ministry figures</title></head><body><article><p>'
            + "The ministry counted 41 people dead, officials said on Monday. " * 4
            + "</p></article></body></html>")
    info = read_html(page)
    assert info.title == "Ministry figures"
    assert info.snapshot is not None and "41 people dead" in info.snapshot


ADMIN_SCRIPT = textwrap.dedent("""
    from claims.ui.admin_settings import render

    render()
""")


def test_the_admin_page_stores_allowed_hosts(sqlite_engine: Engine, sqlite_url: str,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from claims.service import local_actor

    admin = local_actor(sqlite_engine)
    script = tmp_path / "admin.py"
    script.write_text(ADMIN_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("CLAIMS_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("CLAIMS_ALLOW_HOSTS", "wiki.internal")
    app = AppTest.from_file(str(script), default_timeout=30)
    app.session_state["actor"] = admin
    app.run()
    assert not app.exception
    assert any("wiki.internal" in t.value for t in app.text)
    app.text_area[0].set_value("intranet.example\n10.20.0.0/16")
    app.button[0].click()
    app.run()
    assert not app.exception and any("2 allowed host" in s.value for s in app.success)
    assert stored_allow_hosts(sqlite_engine) == ("intranet.example", "10.20.0.0/16")

    app.session_state["actor"] = Actor(admin.user_id, admin.name, "editor")
    app.run()
    assert any("only admins" in e.value for e in app.error)
