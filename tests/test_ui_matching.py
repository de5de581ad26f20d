"""The dashboard's matching parts under AppTest: the queue's filters, the workspace's
"Checked before" with an external review, the overview's disagreeing verdicts, and
"Not the same claim"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claims import service
from claims.service import ArticleInput, ClaimFilter
from claims.service.external_reviews import import_claimreview
from tests.test_matching import FIXTURES
from tests.ui_desk import Desk, make_desk, texts


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    desk = make_desk(tmp_path, monkeypatch)
    for name in ("kyiv_first.txt", "kyiv_second.txt"):
        service.ingest_article(desk.engine, desk.admin, ArticleInput(
            text=(FIXTURES / name).read_text(encoding="utf-8"), published_on=date(2024, 7, 9)))
    return desk


def _ids(desk: Desk, words: str) -> list[int]:
    """Claims of the two Kyiv articles (not the seed's) with `words`."""
    return [c.id for c in service.list_claims(desk.engine, ClaimFilter(search=words))
            if c.article_id != desk.article_id]


def test_the_queue_filters_figures_conflict_and_earlier_verdicts(desk: Desk) -> None:
    flights = sorted(_ids(desk, "flights were canceled"))
    at = desk.app(desk.checker)
    at.toggle(key="queue_conflict").set_value(True).run()
    assert sorted(at.dataframe[0].value["id"]) == flights
    at.toggle(key="queue_conflict").set_value(False)
    at.toggle(key="queue_earlier").set_value(True).run()
    assert len(at.dataframe) == 0 or list(at.dataframe[0].value["id"]) == []
    import_claimreview(desk.engine, desk.admin,
                       (FIXTURES / "claimreview_politifact.json").read_text(encoding="utf-8"))
    at.run()  # the review matches one claim as the same, the other as a conflict
    assert sorted(at.dataframe[0].value["id"]) == flights


def test_the_workspace_shows_checked_by_and_not_the_same_claim_removes_a_link(
        desk: Desk) -> None:
    import_claimreview(desk.engine, desk.admin,
                       (FIXTURES / "claimreview_politifact.json").read_text(encoding="utf-8"))
    flights = _ids(desk, "2,000 flights")[0]
    at = desk.app(desk.checker, claim=str(flights))
    assert "Checked by PolitiFact on 2024\\-07\\-20\\: False" in texts(at)
    assert "Checked before (2)" in texts(at)
    other = _ids(desk, "2,600 flights")[0]
    assert [b.label for b in at.button].count("Not the same claim") == 2  # review, claim
    at.button(key=f"match_not_{flights}_{other}").click().run()
    assert "Checked before (1)" in texts(at)
    assert service.list_claims(desk.engine, ClaimFilter(figures_conflict=True)) == []


def test_the_overview_lists_linked_claims_whose_verdicts_disagree(desk: Desk) -> None:
    for claim_id, verdict in zip(sorted(_ids(desk, "41 people")), ("true", "false"),
                                 strict=True):
        version = desk.version(claim_id)
        service.propose_verdict(desk.engine, desk.checker, claim_id, seen_version=version,
                                verdict=verdict, rationale="Checked.")
        service.approve_verdict(desk.engine, desk.editor, claim_id, seen_version=version + 1)
    at = desk.app(desk.editor)
    assert "Linked claims whose verdicts disagree (1)" in texts(at)
