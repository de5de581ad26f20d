"""Where revisions show: the diff, the article page, the queue filter, the claim's revision
story, the report and the exports; and the CLI contract."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from claims import service
from claims.export.records import iter_claims
from claims.export.report import export_report
from claims.export.tabular import claim_row
from claims.service import ClaimFilter
from claims.settings import Settings
from claims.ui.revision_diff import changed_sentences, diff_html, units
from tests.conftest import SEED, seed_input
from tests.evidence_server import EvidenceServer
from tests.test_cli import run
from tests.test_revisions import FIGURE, URL, edited, seed_text
from tests.ui_desk import Desk, button, make_desk, texts


def test_units_are_sentences_and_paragraph_breaks() -> None:
    assert units("One. Two? “Three.” Four\n\nMr. Modi and Dr. Rao met. Five.") == [
        "One.", "Two?", "“Three.”", "Four", "\n\n", "Mr. Modi and Dr. Rao met.", "Five."]


def test_the_diff_strikes_out_old_words_and_shows_new_ones_escaped() -> None:
    old = "Calm. Trade was $65bn <b>then</b>.\n\nCut this. End."
    new = "Calm. Trade was $66bn <b>then</b>.\n\nEnd. Added <script>x</script>."
    shown = diff_html(old, new)
    assert "Trade was <b>$65bn</b> &lt;b&gt;then&lt;/b&gt;.</del>" in shown
    assert "Trade was <b>$66bn</b> &lt;b&gt;then&lt;/b&gt;.</ins>" in shown
    assert "&lt;b&gt;then&lt;/b&gt;" in shown and "<script>" not in shown
    assert 'line-through;color:#7a1b14">Cut this. </del>' in shown
    assert "Added &lt;script&gt;x&lt;/script&gt;. </ins>" in shown
    assert changed_sentences(old, new) == 2


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return make_desk(tmp_path, monkeypatch)


def revise(desk: Desk, text: str | None = None) -> service.IngestResult:
    return service.ingest_article(desk.engine, desk.admin, replace(
        seed_input(), text=text or edited(seed_text(), FIGURE), revision_of=desk.article_id))


def test_the_article_page_lists_revisions_and_adds_one(desk: Desk) -> None:
    at = desk.app(desk.checker, article=str(desk.article_id))
    assert "Never revised" in texts(at)
    at.text_area(key="revision_paste").set_value(edited(seed_text(), FIGURE))
    button(at, "Store as a new revision").click().run()
    at = desk.app(desk.checker, article=str(desk.article_id))
    [frame] = [d.value for d in at.dataframe if "revision" in d.value.columns]
    assert list(frame["revision"]) == [1, 2] and list(frame["changed"]) == [0, 1]
    diff = "\n".join(h.value for h in at.get("html"))
    assert "killed at least <b>41</b> people in Ukraine" in diff.split("</del>")[0]
    assert "killed at least <b>45</b> people in Ukraine" in diff.split("</del>")[1]
    assert "1 sentences added or rewritten from revision 1 to revision 2" in texts(at)


def test_the_queue_filters_by_revision_status(desk: Desk) -> None:
    revise(desk)
    at = desk.app(desk.checker)
    at.selectbox(key="queue_revision").set_value("changed").run()
    frame = at.dataframe[0].value
    assert list(frame["id"]) == [desk.claim_id]


def test_the_workspace_tells_the_claims_revision_story(desk: Desk) -> None:
    revise(desk)
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    shown = (texts(at) + "\n".join(h.value for h in at.get("html"))).replace("\\", "")
    assert "Revision 1: original" in shown and "Revision 2: changed" in shown
    assert "count 41 → 45 person" in shown


def test_a_removed_claim_shows_its_last_words_not_the_new_text(desk: Desk) -> None:
    revise(desk, edited(seed_text(), ("Mr. Modi landed on Monday, just hours after Russian "
                                      "bombing killed at least 41 people in Ukraine, including "
                                      "at a children’s hospital in Kyiv, sparking a global "
                                      "outcry.", "")))
    at = desk.app(desk.checker, claim=str(desk.claim_id))
    shown = texts(at).replace("\\", "")
    assert "These words are not in the latest revision (revision 2)" in shown
    assert "killed at least 41 people" in shown
    assert "Revision 2: removed (not in this revision)" in shown


def test_the_report_says_what_changed_for_reviewed_claims(desk: Desk) -> None:
    service.propose_verdict(desk.engine, desk.checker, desk.claim_id,
                            seen_version=desk.version(), verdict="true", rationale="UN")
    revise(desk)
    settings = Settings.from_env()
    page = export_report(desk.engine, desk.article_id, format="html", settings=settings)
    assert "This article was revised: the report reads revision 2" in page
    assert "in revision 2 its words changed" in page and "count 41 → 45 person" in page
    markdown = export_report(desk.engine, desk.article_id, format="md", settings=settings)
    assert "## Revisions" in markdown and "Revision 2, " in markdown
    assert "at least 45 people" in markdown


def test_exports_use_the_latest_body_and_drop_offsets_of_removed_claims(desk: Desk) -> None:
    text = edited(seed_text(), FIGURE, ("Four Indians have died so far in the fighting.", ""))
    revise(desk, text)
    rows = {r["text"]: r for r in map(claim_row, iter_claims(desk.engine, ClaimFilter()))}
    removed = rows["Four Indians have died so far in the fighting."]
    assert (removed["start"], removed["end"]) == (None, None)
    body = service.get_article(desk.engine, desk.article_id).body
    changed = next(r for t, r in rows.items() if "at least 45 people" in t)
    assert body[changed["start"]:changed["end"]] == changed["text"]


def test_the_cli_prints_the_revision_and_lists_revision_status(
        tmp_path: Path) -> None:
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    revised = tmp_path / "revised.txt"
    revised.write_text(edited(seed_text(), FIGURE, ("Four Indians have died so far in the "
                                                    "fighting.", "")), encoding="utf-8")
    assert run(env, "ingest", str(SEED), "--url", URL + "?utm_source=x").returncode == 0
    result = run(env, "ingest", str(revised), "--url", "HTTPS://WWW.BBC.COM/news/world-asia-india-68000000/#top")
    assert result.returncode == 0, result.stderr
    assert "article 1: revision 2 (1 changed, 1 removed, 0 new)" in result.stdout
    claims = json.loads(run(env, "list", "--json").stdout)
    by_status = {c["revision_status"] for c in claims}
    assert by_status == {"unchanged", "changed", "removed", "moved"}  # moved: after the cut
    gone = next(c for c in claims if c["revision_status"] == "removed")
    assert (gone["start"], gone["end"], gone["text"]) == (
        None, None, "Four Indians have died so far in the fighting.")
    shown = json.loads(run(env, "show", str(gone["id"]), "--json").stdout)
    assert (shown["revision_status"], shown["start"]) == ("removed", None)
    again = run(env, "ingest", str(revised), "--revision-of", "1")
    assert "0 ingested, 1 already present, 0 failed" in again.stderr


STORY = """<!doctype html><html><head><title>Flights to Moscow</title></head><body><article>
<h1>Flights to Moscow</h1><p>Air India said on Monday that flights between Delhi and Moscow
rose to {flights} a week in June, up from 1,200 a year earlier.</p><p>The airline also said
that 95% of the seats were sold, and that it would add a third daily service in August.</p>
</article></body></html>"""


def test_a_story_fetched_again_from_its_url_becomes_revision_two(tmp_path: Path) -> None:
    server = EvidenceServer()
    try:
        env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'url.sqlite'}",
               "CLAIMS_ALLOW_HOSTS": "127.0.0.1", "COLUMNS": "200"}
        server.set_page("/story", STORY.format(flights="2,000"))
        first = run(env, "ingest", server.url("/story?utm_source=newsletter"))
        assert "1 ingested" in first.stderr, first.stdout + first.stderr
        server.set_page("/story", STORY.format(flights="2,600"))
        second = run(env, "ingest", server.url("/story?fbclid=abc#latest"))
        assert "article 1: revision 2 (1 changed, 0 removed, 0 new)" in second.stdout, (
            second.stdout + second.stderr)
    finally:
        server.stop()
    claims = json.loads(run(env, "list", "--json").stdout)
    [changed] = [c for c in claims if c["revision_status"] == "changed"]
    assert "rose to 2,600 a week" in changed["text"]
    assert any(m["value"] == 2600 for m in changed["mentions"])
