"""The article report, HTML and Markdown: metadata, summary, every claim with its context,
values, verdict, evidence, checker, approving editor and dates."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import BadInput, NotFound
from claims.export.report import build_report, export_report, normalised, quote_in_context
from claims.service import Actor
from claims.settings import Settings
from tests.test_export_support import Reviewed, review_seed

SETTINGS = Settings(org_name="Desk Check")
SEED_TITLE = ("Modi and Putin in Moscow: Deepening Defense and Economic Partnerships for a "
              "Stronger Alliance")


@pytest.fixture
def reviewed(engine: Engine, checker: Actor, editor: Actor, seeded: int) -> Reviewed:
    return review_seed(engine, checker, editor, seeded)


def text_of(page: str) -> str:
    """The visible text of an HTML page, tags dropped and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("</head>")[1]))


def test_the_summary_counts_claims_by_verdict_and_status(engine: Engine,
                                                         reviewed: Reviewed) -> None:
    report = build_report(engine, reviewed.article_id)
    total = len(reviewed.claim_ids)
    assert len(report.claims) == total
    assert report.approved == 5
    assert report.by_status == {"new": total - 5, "approved": 5}
    assert report.by_verdict == {"true": 1, "half_true": 1, "misleading": 1, "false": 1,
                                 "unverifiable": 1, "no verdict": total - 5}
    assert [c.start for c in report.claims] == sorted(c.start for c in report.claims)


def test_the_html_report_holds_every_fact_an_editor_publishes(engine: Engine,
                                                              reviewed: Reviewed) -> None:
    page = export_report(engine, reviewed.article_id, format="html", settings=SETTINGS)
    text = text_of(page)
    for fact in (SEED_TITLE, "Outlet BBC", "Published 2024-07-08", "Desk Check",
                 f"{len(reviewed.claim_ids)} claims, 5 approved.", "half true 1",
                 "Checked against the ministry's own figures for false.",
                 "Annual trade report 2024", "Ministry of Statistics", "2024-06-30",
                 "Snapshot taken: 2024-07-09 10:30 UTC", f"Snapshot SHA-256: {'ab12' * 16}",
                 "Stance: refutes", "Table 3 gives the figure.",
                 "Checker asha", "Approved by eddie", "at least 41 people"):
        assert html.escape(fact) in text, fact
    assert 'href="https://stats.example.gov/report-2024"' in page
    first = service.get_claim(engine, reviewed.claim_ids[0])
    assert f'id="claim-{first.claim.id}"' in page


def test_each_claim_is_quoted_in_its_context(engine: Engine, reviewed: Reviewed) -> None:
    page = export_report(engine, reviewed.article_id, format="html", settings=SETTINGS)
    detail = service.get_claim(engine, reviewed.claim_ids[1])
    before, quote, after = quote_in_context(detail.article.body, detail.claim.start,
                                            detail.claim.end)
    assert quote == " ".join(detail.claim.text.split())
    assert before.strip() and after.strip()
    assert f"{html.escape(before)}<mark>{html.escape(quote)}</mark>{html.escape(after)}" in page


def test_quote_in_context_cuts_at_words_and_marks_the_cuts() -> None:
    body = "alpha beta gamma delta. The claim is here. epsilon zeta eta theta"
    start = body.index("The claim")
    end = body.index(" epsilon")
    before, quote, after = quote_in_context(body, start, end, width=12)
    assert quote == "The claim is here."
    assert before.startswith("…") and body[:start].endswith(before[1:])
    assert after.endswith("…") and body[end:].startswith(after[:-1])
    assert quote_in_context(body, 0, 5, width=500) == ("", "alpha", body[5:])


def test_the_markdown_report_holds_the_same_facts(engine: Engine, reviewed: Reviewed) -> None:
    page = export_report(engine, reviewed.article_id, format="md", settings=SETTINGS)
    assert page.startswith("# Fact-check report: Modi and Putin in Moscow")
    for fact in ("- **Outlet:** BBC", "- **Published:** 2024-07-08",
                 f"{len(reviewed.claim_ids)} claims, 5 approved.", "| half true | 1 |",
                 "| approved | 5 |", "[Annual trade report 2024](<https://stats.example.gov/"
                 "report-2024>)", "Publisher: Ministry of Statistics",
                 "Snapshot taken: 2024-07-09 10:30 UTC", "- **Checker:** asha",
                 "- **Approved by:** eddie", "**Rationale:** Checked against"):
        assert fact in page, fact
    assert page.count("### Claim ") == len(reviewed.claim_ids)


def test_normalised_values_read_like_the_extraction() -> None:
    assert normalised({"kind": "count", "value": 41, "unit": "person",
                       "qualifier": "at_least"}) == "at least 41 person"
    assert normalised({"kind": "money", "value": 65000000000, "unit": "USD",
                       "qualifier": "exact"}) == "65,000,000,000 USD"
    assert normalised({"kind": "percent", "value": 66.67, "unit": "%"}) == "66.67 %"
    assert normalised({"kind": "date", "date": "2024-07-08"}) == "2024-07-08"
    assert normalised({"kind": "quote", "speaker": "Narendra Modi"}) == "said by Narendra Modi"


def test_the_html_report_is_one_self_contained_printable_file(engine: Engine,
                                                              reviewed: Reviewed) -> None:
    page = export_report(engine, reviewed.article_id, format="html", settings=SETTINGS)
    assert page.startswith("<!DOCTYPE html>")
    assert "<link" not in page and " src=" not in page and "@import" not in page
    assert "@media print" in page and '<meta charset="utf-8">' in page


def test_an_article_without_claims_still_reports(engine: Engine, admin: Actor) -> None:
    article = service.ingest_article(engine, admin, service.ArticleInput(
        text="Nothing checkable here at all.", title="Quiet", body_is_text=True)).article_id
    assert "No claims." in export_report(engine, article, format="html", settings=SETTINGS)
    assert "No claims." in export_report(engine, article, format="md", settings=SETTINGS)


def test_unknown_article_and_format_are_clear_errors(engine: Engine, seeded: int) -> None:
    with pytest.raises(NotFound, match="no article with id 999"):
        export_report(engine, 999, format="html", settings=SETTINGS)
    with pytest.raises(BadInput, match="choose html or md"):
        export_report(engine, seeded, format="pdf", settings=SETTINGS)
