"""The dashboard, page by page and role by role, through streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from claims import service
from claims.errors import Forbidden
from claims.service import Actor, ClaimFilter
from claims.service.actors import local_user_name
from tests.ui_desk import APP, Desk, button, labels, make_desk, texts

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)> **bold** [x](javascript:alert(3))"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return make_desk(tmp_path, monkeypatch)


# --- sign-in and roles ---------------------------------------------------------------------

def test_local_mode_acts_as_the_machine_user_with_editor_rights(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = make_desk(tmp_path, monkeypatch, auth="local")
    at = desk.app()
    assert not at.exception
    assert at.session_state["actor"].name == local_user_name()
    assert at.session_state["actor"].role == "editor"
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown)
    assert "editor" in sidebar
    assert [t.value for t in at.title] == ["Editor overview"]
    assert "Sign out" not in labels(at)


def test_team_mode_shows_only_the_sign_in_form_until_a_password_matches(desk: Desk) -> None:
    at = desk.app()
    assert [t.value for t in at.title] == ["Sign in to claim desk"]
    at.text_input(key="signin_name").set_value("asha")
    at.text_input(key="signin_password").set_value("wrong password")
    at.button[0].click().run()
    assert "wrong user name or password" in texts(at)
    assert "actor" not in at.session_state
    at.text_input(key="signin_password").set_value("asha-demo-pass")
    at.button[0].click().run()
    assert at.session_state["actor"].name == "asha"
    assert [t.value for t in at.title] == ["Review queue"]
    assert "checker" in "\n".join(str(m.value) for m in at.sidebar.markdown)


def test_signing_in_from_a_claim_link_opens_that_claim(desk: Desk) -> None:
    at = desk.app(claim=str(desk.claim_id))
    at.text_input(key="signin_name").set_value("eddie")
    at.text_input(key="signin_password").set_value("eddie-demo-pass")
    at.button[0].click().run()
    assert [t.value for t in at.title] == [f"Claim #{desk.claim_id}"]


def test_sign_out_forgets_the_user(desk: Desk) -> None:
    at = desk.app(desk.checker)
    at.sidebar.button[0].click().run()
    assert "actor" not in at.session_state
    assert [t.value for t in at.title] == ["Sign in to claim desk"]


def test_a_viewer_sees_no_edit_controls_and_the_service_refuses_anyway(desk: Desk) -> None:
    at = desk.app(desk.viewer, claim=str(desk.claim_id))
    assert not at.exception
    edit = {"Add note", "Start work", "Dismiss", "Propose verdict", "Approve", "Send back",
            "Save assignment", "Save mention changes", "Add claim"}
    assert edit.isdisjoint(labels(at))
    assert "you can read this claim but not change it" in texts(at)
    with pytest.raises(Forbidden):
        service.add_note(desk.engine, desk.viewer, desk.claim_id, body="sneaky")
    articles = desk.app(desk.viewer, article=str(desk.article_id))
    assert not articles.exception
    assert "<mark" in texts(articles)


def test_only_editors_get_the_overview_and_the_approval_buttons(desk: Desk) -> None:
    service.propose_verdict(desk.engine, desk.checker, desk.claim_id, seen_version=desk.version(),
                            verdict="true", rationale="casualty figures confirmed")
    checker = desk.app(desk.checker, claim=str(desk.claim_id))
    assert "Approve" not in labels(checker)
    with pytest.raises(Forbidden):
        service.approve_verdict(desk.engine, desk.checker, desk.claim_id,
                                seen_version=desk.version())
    editor = desk.app(desk.editor, claim=str(desk.claim_id))
    assert {"Approve", "Send back"} <= set(labels(editor))


# --- review queue --------------------------------------------------------------------------

def test_queue_lists_counts_filters_and_searches(desk: Desk) -> None:
    at = desk.app(desk.checker)
    total = service.count_claims(desk.engine)
    assert [t.value for t in at.title] == ["Review queue"]
    assert len(at.dataframe[0].value) == min(total, 50)
    assert {m.label: m.value for m in at.metric}["new"] == f"{total:,}"
    at.text_input(key="queue_search").set_value("41 people").run()
    frame = at.dataframe[0].value
    assert list(frame["id"]) == [desk.claim_id]
    at.text_input(key="queue_search").set_value("").run()
    at.selectbox(key="queue_status").set_value("approved").run()
    assert "No claims match these filters." in texts(at)


def test_queue_assigned_to_me_and_sorting_by_due_date(desk: Desk) -> None:
    service.assign(desk.engine, desk.editor, desk.claim_id, seen_version=desk.version(),
                   assignee="asha", due_on=None)
    at = desk.app(desk.checker)
    at.toggle(key="queue_mine").set_value(True).run()
    assert list(at.dataframe[0].value["id"]) == [desk.claim_id]
    at.toggle(key="queue_mine").set_value(False)
    at.selectbox(key="queue_order").set_value("due").run()
    assert not at.exception
    assert len(at.dataframe[0].value) > 1


def test_queue_filters_survive_a_visit_to_another_page(desk: Desk) -> None:
    at = desk.app(desk.checker)
    at.selectbox(key="queue_kind").set_value("casualty").run()
    saved = at.session_state["queue_saved"]
    assert saved["kind"] == "casualty"
    # Back on the queue, Streamlit has forgotten the widget: only the saved filters remain.
    again = AppTest.from_file(str(APP), default_timeout=60)
    again.session_state["actor"] = desk.checker
    again.session_state["queue_saved"] = saved
    again.run()
    assert again.selectbox(key="queue_kind").value == "casualty"
    assert set(again.dataframe[0].value["kind"]) == {"casualty"}


# --- claim workspace -----------------------------------------------------------------------

def test_workspace_shows_the_quote_inside_its_paragraph(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    assert not at.exception
    quote = at.get("html")[0].value
    assert "<mark" in quote and "at least <u>41</u> people" in quote  # mentions underlined
    assert "<u>Monday</u>" in quote
    [video] = service.list_claims(desk.engine, ClaimFilter(search="A video of a smiling"))
    other = desk.app(desk.checker, claim=str(video.id)).get("html")[0].value
    before, marked = other.split("<mark", 1)
    assert "Photos from Moscow showed a beaming Mr. Modi" in before  # its paragraph, unmarked
    assert "A video of a smiling" in marked
    assert "Mentions" in texts(at)


def test_notes_are_shown_escaped(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    at.text_area(key=f"ws_note_{desk.claim_id}").set_value(XSS)
    button(at, "Add note").click().run()
    assert not at.exception
    assert "Note added." in texts(at)
    page = texts(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script" not in page and "<img" not in page
    assert at.text_area(key=f"ws_note_{desk.claim_id}").value == ""
    assert "added a note" in page


def test_a_checker_carries_a_claim_to_needs_approval_and_an_editor_approves(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    button(at, "Start work").click().run()
    assert service.get_claim(desk.engine, desk.claim_id).claim.status == "in_progress"
    at.selectbox(key=f"ws_verdict_{desk.claim_id}").set_value("false")
    at.text_area(key=f"ws_rationale_{desk.claim_id}").set_value("Kyiv officials said 33.")
    button(at, "Propose verdict").click().run()
    claim = service.get_claim(desk.engine, desk.claim_id).claim
    assert (claim.status, claim.verdict) == ("needs_approval", "false")
    assert "**asha** proposed *false*" in texts(at)
    editor = desk.app(desk.editor, claim=str(desk.claim_id))
    editor.text_area(key=f"ws_comment_{desk.claim_id}").set_value("good work")
    button(editor, "Approve").click().run()
    assert service.get_claim(desk.engine, desk.claim_id).claim.status == "approved"
    assert "approved the verdict" in texts(editor)
    assert "Reopen" in labels(editor)


def test_an_editor_sends_back_with_a_comment(desk: Desk) -> None:
    service.propose_verdict(desk.engine, desk.checker, desk.claim_id, seen_version=desk.version(),
                            verdict="true", rationale="seems right")
    at = desk.app(desk.editor, claim=str(desk.claim_id))
    button(at, "Send back").click().run()
    assert "comment is empty" in texts(at)
    at.text_area(key=f"ws_comment_{desk.claim_id}").set_value("cite the ministry")
    button(at, "Send back").click().run()
    assert service.get_claim(desk.engine, desk.claim_id).claim.status == "in_progress"
    assert "Sent back: cite the ministry" in texts(at)


def test_an_editor_assigns_with_a_due_date(desk: Desk) -> None:
    import datetime as dt

    at = desk.app(desk.editor, claim=str(desk.claim_id))
    at.selectbox(key=f"ws_assignee_{desk.claim_id}").set_value("asha")
    at.date_input(key=f"ws_due_{desk.claim_id}").set_value(dt.date(2030, 1, 2))
    button(at, "Save assignment").click().run()
    detail = service.get_claim(desk.engine, desk.claim_id)
    assert (detail.assignee, detail.claim.due_on) == ("asha", dt.date(2030, 1, 2))
    assert "assigned it to asha" in texts(at)


def test_a_conflicting_save_keeps_the_typed_text_says_who_and_reapplies(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    service.set_status(desk.engine, desk.editor, desk.claim_id, seen_version=desk.version(),
                       status="in_progress")
    rationale = "Ukraine's ministry counted 38 by Tuesday."
    at.selectbox(key=f"ws_verdict_{desk.claim_id}").set_value("mostly_true")
    at.text_area(key=f"ws_rationale_{desk.claim_id}").set_value(rationale)
    button(at, "Propose verdict").click().run()
    assert not at.exception
    page = texts(at)
    assert "changed by eddie" in page
    assert "**eddie** moved it to *in progress*" in page
    assert at.text_area(key=f"ws_rationale_{desk.claim_id}").value == rationale
    assert service.get_claim(desk.engine, desk.claim_id).claim.verdict is None
    button(at, "Reapply my change").click().run()
    claim = service.get_claim(desk.engine, desk.claim_id).claim
    assert (claim.verdict, claim.rationale, claim.status) == ("mostly_true", rationale,
                                                              "needs_approval")
    assert "Not saved" not in texts(at)


def test_adding_a_missed_claim_by_its_exact_words(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    at.text_area(key="ws_add_words").set_value("words that are nowhere in the article")
    button(at, "Add claim").click().run()
    assert "these words are not in the article" in texts(at)
    at.text_area(key="ws_add_words").set_value("has gone viral in India")
    button(at, "Add claim").click().run()
    added = service.list_claims(desk.engine, ClaimFilter(search="has gone viral in India",
                                                         kind="statement"))
    assert [c.text for c in added] == ["has gone viral in India"]
    assert [t.value for t in at.title] == [f"Claim #{added[0].id}"]


def test_an_unknown_claim_is_a_message_not_a_traceback(desk: Desk) -> None:
    at = desk.app(desk.checker, claim="999999")
    assert not at.exception
    assert "no claim with id 999999" in texts(at)


def test_an_unexpected_failure_is_a_short_message(desk: Desk,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "claim_history", broken)
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    assert not at.exception
    assert "Something went wrong" in texts(at)
    assert "secret internals" not in texts(at)


# --- article view --------------------------------------------------------------------------

def test_article_view_highlights_every_claim_with_a_link(desk: Desk) -> None:
    at = desk.app(desk.checker, article=str(desk.article_id))
    assert not at.exception
    claims = service.list_claims(desk.engine, ClaimFilter(article_id=desk.article_id), limit=None)
    body = "\n".join(h.value for h in at.get("html"))
    assert body.count("<mark") == len(claims)
    assert f'href="claim?claim={desk.claim_id}"' in body
    assert f"0 of {len(claims)} approved" in texts(at)


def test_ingest_pasted_text_and_refuse_empty_input(desk: Desk) -> None:
    at = desk.app(desk.checker, article="")
    assert not at.exception
    button(at, "Ingest the text").click().run()
    assert "paste the article's text first" in texts(at)
    at.text_area(key="article_paste").set_value(
        "Floods in the valley\n\nAt least 12 people died after the river rose by 3 metres, "
        "officials said on Tuesday.\n")
    button(at, "Ingest the text").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Floods in the valley"]
    assert "<mark" in texts(at)


def test_ingest_an_uploaded_html_file_and_refuse_a_binary_one(desk: Desk) -> None:
    at = desk.app(desk.checker, article="")
    at.file_uploader(key="article_upload").upload("bad.txt", b"\x00\x01\x02binary", "text/plain")
    at.run()
    button(at, "Ingest the file").click().run()
    assert "binary file" in texts(at)
    page = (b"<html><head><title>Budget passes</title></head><body><article><h1>Budget "
            b"passes</h1><p>The parliament approved a budget of $65bn on Monday, up 4% on "
            b"last year, the finance minister said.</p></article></body></html>")
    at.file_uploader(key="article_upload").upload("budget.html", page, "text/html")
    at.run()
    button(at, "Ingest the file").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Budget passes"]


def test_a_viewer_cannot_ingest(desk: Desk) -> None:
    at = desk.app(desk.viewer, article="")
    assert "Ingest the text" not in labels(at)


# --- editor overview -----------------------------------------------------------------------

def test_overview_counts_approved_waiting_overdue_and_open_work(desk: Desk) -> None:
    import datetime as dt

    claims = service.list_claims(desk.engine, ClaimFilter(article_id=desk.article_id), limit=None)
    first, second = [c.id for c in claims if c.id != desk.claim_id][:2]
    service.propose_verdict(desk.engine, desk.checker, first, seen_version=desk.version(first),
                            verdict="false", rationale="r")
    service.approve_verdict(desk.engine, desk.editor, first, seen_version=desk.version(first))
    service.propose_verdict(desk.engine, desk.checker, desk.claim_id,
                            seen_version=desk.version(), verdict="true", rationale="r")
    service.assign(desk.engine, desk.editor, second, seen_version=desk.version(second),
                   assignee="asha", due_on=dt.date(2020, 1, 1))
    at = desk.app(desk.editor)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["approved"] == "1" and metrics["needs approval"] == "1"
    page = texts(at)
    assert "Waiting for approval (1)" in page
    tables = [d.value for d in at.dataframe]
    waiting, overdue, work, articles = tables
    assert list(waiting["id"]) == [desk.claim_id]
    assert list(overdue["id"]) == [second]
    assert list(work["who"]) == ["asha"] and list(work["overdue"]) == [1]
    assert articles["progress"].iloc[0] == pytest.approx(1 / len(claims))
    at.selectbox(key="overview_article").set_value(desk.article_id).run()
    assert not at.exception


def _route_app(actor: object) -> None:
    import streamlit as st

    from claims.ui.routes import pages_for

    pages = pages_for(actor)  # type: ignore[arg-type]
    st.session_state["pages"] = [p.title for p in pages if p.visibility == "visible"]


def routes_of(desk: Desk, actor: Actor, **query: str) -> tuple[list[str], str]:
    """The pages in `actor`'s menu, and the title of the page a visit to `/?query` shows."""
    at = AppTest.from_function(_route_app, args=(actor,), default_timeout=60).run()
    return at.session_state["pages"], desk.app(actor, **query).title[0].value


def test_each_role_gets_its_pages_and_a_deep_link_picks_the_landing_page(desk: Desk) -> None:
    basic = ["Review queue", "Claim", "Articles"]
    assert routes_of(desk, desk.viewer) == routes_of(desk, desk.checker) == (basic,
                                                                             "Review queue")
    assert routes_of(desk, desk.editor) == ([*basic, "Editor overview"], "Editor overview")
    assert routes_of(desk, desk.admin) == ([*basic, "Editor overview", "Settings"],
                                           "Editor overview")
    assert routes_of(desk, desk.viewer, claim=str(desk.claim_id))[1] == f"Claim #{desk.claim_id}"
    assert routes_of(desk, desk.editor, article=str(desk.article_id))[1].startswith("Modi")


def test_an_admin_lands_on_the_overview_with_the_role_shown(desk: Desk) -> None:
    at = desk.app(desk.admin)
    assert not at.exception
    assert [t.value for t in at.title] == ["Editor overview"]
    assert "admin" in "\n".join(str(m.value) for m in at.sidebar.markdown)


def test_ingest_from_a_url_and_a_refused_address_is_a_clear_message(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.evidence_server import EvidenceServer

    server = EvidenceServer()
    try:
        at = desk.app(desk.checker, article="")
        at.text_input(key="article_url").set_value(server.url("/full"))
        button(at, "Fetch and ingest").click().run()
        assert "refused" in texts(at).lower() or "not allowed" in texts(at).lower()
        assert not at.exception
        monkeypatch.setenv("CLAIMS_ALLOW_HOSTS", "127.0.0.1")
        button(at, "Fetch and ingest").click().run()
        assert not at.exception
        assert [t.value for t in at.title] == [r"Moscow talks\: what was agreed"]
    finally:
        server.stop()


def test_mention_corrections_and_deletions_are_saved_on_the_version_seen(desk: Desk) -> None:
    from claims.errors import EditConflict
    from claims.ui.workspace import apply_mention_changes

    detail = service.get_claim(desk.engine, desk.claim_id)
    count = next(m for m in detail.mentions if m.kind == "count")
    others = [m for m in detail.mentions if m.id != count.id]
    seen = detail.claim.version
    changes = [(count.id, {"value": 42.0, "qualifier": "more_than"}),
               *((m.id, None) for m in others)]
    version = apply_mention_changes(desk.checker, seen, changes)  # type: ignore[arg-type]
    after = service.get_claim(desk.engine, desk.claim_id)
    assert version == after.claim.version == seen + len(changes)
    assert [(m.value, m.qualifier) for m in after.mentions] == [(42.0, "more_than")]
    with pytest.raises(EditConflict):
        apply_mention_changes(desk.checker, seen, [(count.id, {"unit": "child"})])
    with pytest.raises(Forbidden):
        apply_mention_changes(desk.viewer, version, [(count.id, {"unit": "child"})])


def test_the_claim_page_without_a_claim_asks_for_its_number(desk: Desk) -> None:
    at = desk.app(desk.checker, claim="not a number")
    assert not at.exception
    assert "Open a claim from the review queue" in texts(at)
    at.number_input(key="ws_pick").set_value(desk.claim_id).run()
    button(at, "Open").click().run()
    assert [t.value for t in at.title] == [f"Claim #{desk.claim_id}"]


def test_article_text_and_titles_are_shown_escaped(desk: Desk) -> None:
    text = ("<b>Headline</b> [click](javascript:alert(1))\n\nAt least 12 people died, officials "
            "said. <script>alert(1)</script><img src=x onerror=alert(2)>\n")
    result = service.ingest_article(desk.engine, desk.checker,
                                    service.ArticleInput(text=text, source_name="xss.txt"))
    at = desk.app(desk.checker, article=str(result.article_id))
    assert not at.exception
    page = texts(at)
    assert "<script" not in page and "<img" not in page and "<b>Headline" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    title = r"\<b\>Headline\</b\> \[click\]\(javascript\:alert\(1\)\)"
    assert [t.value for t in at.title] == [title]


def _tolerance_app(url: str, actor: object) -> None:
    from claims.store import create_engine
    from claims.ui.findings_panel import render_tolerance_setting

    render_tolerance_setting(create_engine(url), actor)  # type: ignore[arg-type]


def test_an_admin_sets_the_currency_tolerance_on_the_settings_page(desk: Desk) -> None:
    from claims.service.findings import stored_currency_tolerance

    url = desk.engine.url.render_as_string(hide_password=False)
    at = AppTest.from_function(_tolerance_app, args=(url, desk.admin), default_timeout=60).run()
    assert at.text_input[0].value == "3"
    at.text_input[0].input("lots")
    at.button[0].click().run()
    assert "give the tolerance as a percentage" in texts(at)
    assert stored_currency_tolerance(desk.engine) == 0.03
    at.text_input[0].input("4.5%")
    at.button[0].click().run()
    assert "saved: 4.5%" in texts(at)
    assert stored_currency_tolerance(desk.engine) == 0.045
