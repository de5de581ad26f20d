"""Dashboard fixes found by a first-time user (issue 10), page by page through AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims import service
from claims.service.evidence import get_evidence, upload_evidence
from tests.ui_desk import Desk, button, labels, make_desk, texts

EVIDENCE_TEXT = (b"Kyiv city officials said at least 41 people were killed in Monday's "
                 b"strikes, including two at the children's hospital.")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return make_desk(tmp_path, monkeypatch)


def test_marking_a_decisive_passage_on_evidence_is_saved(desk: Desk) -> None:
    item = upload_evidence(desk.engine, desk.checker, desk.claim_id, file_name="toll.txt",
                           data=EVIDENCE_TEXT, stance="supports", note="")
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    passage = next(t for t in at.text_input if t.label.startswith("decisive passage"))
    passage.set_value("at least 41 people were killed")
    button(at, "Save").click().run()
    assert not at.exception
    assert "conflict" not in texts(at).lower()
    stored = get_evidence(desk.engine, item.id or 0)
    assert stored.quote_exact == "at least 41 people were killed"
    assert stored.version == item.version + 1


def test_all_articles_leaves_the_article_and_keeps_a_paste_in_progress(desk: Desk) -> None:
    at = desk.app(desk.checker, article="")
    at.text_area(key="article_paste").set_value("Storm hits the coast\n\nHalf-pasted").run()
    at.query_params["article"] = str(desk.article_id)
    at.run()
    assert at.title[0].value.startswith("Modi and Putin")
    button(at, "All articles").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Articles"]
    assert "article" not in at.query_params
    assert at.text_area(key="article_paste").value == "Storm hits the coast\n\nHalf-pasted"


def test_an_old_style_link_to_the_home_address_opens_the_page_it_names(desk: Desk) -> None:
    at = desk.app(desk.viewer, claim=str(desk.claim_id))
    assert [t.value for t in at.title] == [f"Claim #{desk.claim_id}"]
    at = desk.app(desk.editor, article=str(desk.article_id))
    assert at.title[0].value.startswith("Modi and Putin")
    assert [t.value for t in desk.app(desk.checker).title] == ["Review queue"]


def test_the_verdict_has_no_default_and_a_proposal_needs_a_choice(desk: Desk) -> None:
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    assert at.selectbox(key=f"ws_verdict_{desk.claim_id}").value is None
    at.text_area(key=f"ws_rationale_{desk.claim_id}").set_value("Kyiv officials said 41.")
    button(at, "Propose verdict").click().run()
    assert "Choose a verdict first" in texts(at)
    claim = service.get_claim(desk.engine, desk.claim_id).claim
    assert (claim.status, claim.verdict) == ("new", None)


def test_the_overview_counts_only_approved_verdicts_as_findings(desk: Desk) -> None:
    from claims.service import ClaimFilter
    from claims.ui.overview import verdict_frame

    first, second = [c.id or 0 for c in service.list_claims(desk.engine, limit=2)]
    for claim_id in (first, second):
        service.propose_verdict(desk.engine, desk.checker, claim_id,
                                seen_version=desk.version(claim_id), verdict="false",
                                rationale="the ministry's own figures")
    service.approve_verdict(desk.engine, desk.editor, second, seen_version=desk.version(second))
    frame = verdict_frame(desk.engine, ClaimFilter())
    assert frame.loc["false"].to_dict() == {"approved": 1, "proposed": 1}
    assert int(frame["approved"].sum()) == 1
    at = desk.app(desk.editor)
    assert not at.exception
    assert "Approved verdicts are findings" in texts(at)


def test_a_failed_ingest_shows_its_reason_in_the_open(desk: Desk) -> None:
    at = desk.app(desk.checker, article="")
    button(at, "Ingest the text").click().run()
    reason = "paste the article's text first"
    assert [s.label.replace("\\", "") for s in at.status] == [f"Not ingested: {reason}"]
    assert not [e for s in at.status for e in s.error], "the reason is not inside the box"
    assert [e.value.replace("\\", "") for e in at.error] == [f"Not ingested: {reason}"]


# --- small things (item 20) ---------------------------------------------------------------------

def test_evidence_shows_material_icons_and_one_upload_button(desk: Desk) -> None:
    upload_evidence(desk.engine, desk.checker, desk.claim_id, file_name="toll.txt",
                    data=EVIDENCE_TEXT, stance="supports", note="")
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    [item] = [e for e in at.expander if e.label == "toll\\.txt"]
    assert item.icon == ":material/check_circle:"
    assert all(ord(c) < 0x2190 for c in item.label), item.label
    assert "Store the file" in labels(at) and "Upload" not in labels(at)


def test_a_viewer_sees_the_date_column_by_its_name(desk: Desk) -> None:
    at = desk.app(desk.viewer, claim=str(desk.claim_id))
    columns = list(at.dataframe[0].value.columns)
    assert "date" in columns and "date_value" not in columns


def test_history_writes_corrected_numbers_like_the_rest() -> None:
    from claims.models import AuditEvent
    from claims.ui.formatting import history_line

    event = AuditEvent(actor_name="asha", entity="mention", action="edit_mention",
                       before={"value": 4000000000.0, "unit": None},
                       after={"value": 4500000000.0, "unit": "USD"})
    line = history_line(event)
    assert "value 4,000,000,000 → 4,500,000,000" in line
    assert "unit — → USD" in line


def test_an_empty_verdict_chart_is_a_caption(desk: Desk) -> None:
    at = desk.app(desk.editor)
    assert "No verdicts yet." in texts(at)


def test_the_uploaders_limit_is_the_article_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.cli.main import _streamlit_command

    command = _streamlit_command("127.0.0.1", 8501)
    assert command[command.index("--server.maxUploadSize") + 1] == "20"
    monkeypatch.setenv("CLAIMS_MAX_ARTICLE_BYTES", "5000000")
    command = _streamlit_command("127.0.0.1", 8501)
    assert command[command.index("--server.maxUploadSize") + 1] == "5"
