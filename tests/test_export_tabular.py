"""Claims as data: CSV and JSON Lines, one claim a row with its mentions, the review queue's
filters, streamed a page at a time."""

from __future__ import annotations

import csv
import inspect
import io
import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import BadInput
from claims.export.records import iter_claims
from claims.export.tabular import COLUMNS, export_claims
from claims.service import Actor, ClaimFilter
from tests.test_export_support import Reviewed, review_seed


@pytest.fixture
def reviewed(engine: Engine, checker: Actor, editor: Actor, seeded: int) -> Reviewed:
    return review_seed(engine, checker, editor, seeded)


def jsonl(engine: Engine, filters: ClaimFilter = ClaimFilter()) -> list[dict[str, Any]]:
    out = io.StringIO()
    count = export_claims(engine, out, format="jsonl", filters=filters)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def queue_ids(engine: Engine, filters: ClaimFilter) -> list[int]:
    rows = service.list_claims(engine, filters, order="position", limit=None)
    return [row.id for row in rows]


def test_csv_has_one_row_per_claim_with_its_mentions(engine: Engine,
                                                     reviewed: Reviewed) -> None:
    out = io.StringIO()
    assert export_claims(engine, out, format="csv") == len(reviewed.claim_ids)
    assert out.getvalue().startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [int(r["id"]) for r in rows] == reviewed.claim_ids
    queue = {row.id: row for row in service.list_claims(engine, limit=None)}
    for row in rows:
        expected = [{k: v for k, v in m.items() if k != "id"}
                    for m in queue[int(row["id"])].mentions]
        assert json.loads(row["mentions"]) == expected
        assert row["text"] == queue[int(row["id"])].text


def test_jsonl_rows_carry_verdict_people_and_dates(engine: Engine, reviewed: Reviewed) -> None:
    rows = {row["id"]: row for row in jsonl(engine)}
    assert list(next(iter(rows.values()))) == list(COLUMNS)
    first = rows[reviewed.claim_ids[0]]
    assert first["verdict"] == "false" and first["status"] == "approved"
    assert first["proposed_by"] == "asha" and first["approved_by"] == "eddie"
    assert first["approved_at"] >= first["created_at"]
    assert first["article_title"].startswith("Modi and Putin in Moscow")
    untouched = rows[reviewed.claim_ids[-1]]
    assert untouched["verdict"] is None and untouched["approved_at"] is None


@pytest.mark.parametrize("filters", [
    ClaimFilter(status="approved"),
    ClaimFilter(verdict="false"),
    ClaimFilter(kind="casualty"),
    ClaimFilter(status="new", kind="statement"),
    ClaimFilter(article_id=999),
])
def test_filters_select_what_the_review_queue_selects(engine: Engine, reviewed: Reviewed,
                                                      filters: ClaimFilter) -> None:
    assert [row["id"] for row in jsonl(engine, filters)] == queue_ids(engine, filters)


def test_the_assignee_filter(engine: Engine, reviewed: Reviewed, editor: Actor) -> None:
    target = reviewed.claim_ids[-1]
    detail = service.get_claim(engine, target)
    service.assign(engine, editor, target, seen_version=detail.claim.version, assignee="asha")
    rows = jsonl(engine, ClaimFilter(assignee="asha"))
    assert [row["id"] for row in rows] == [target]
    assert rows[0]["assignee"] == "asha"


def test_claims_stream_a_page_at_a_time(engine: Engine, reviewed: Reviewed,
                                        admin: Actor) -> None:
    service.ingest_article(engine, admin, service.ArticleInput(
        text="Exports rose 12% to $65bn in 2023. At least 41 people died on Monday.",
        title="Second", body_is_text=True))
    records = iter_claims(engine, page_size=3, notes=True, evidence=True)
    assert inspect.isgenerator(records)
    paged = list(records)
    whole = list(iter_claims(engine, page_size=1000, notes=True, evidence=True))
    assert [r.id for r in paged] == [r.id for r in whole]
    assert [r.mentions for r in paged] == [r.mentions for r in whole]
    assert [len(r.notes) for r in paged] == [len(r.notes) for r in whole]
    assert [(r.article.id, r.start) for r in paged] == sorted((r.article.id, r.start)
                                                              for r in paged)
    first = next(r for r in paged if r.id == reviewed.claim_ids[0])
    assert [e.id for e in first.evidence] == [reviewed.evidence_id]
    assert [n.body for n in first.notes] == ["The toll rose later that day.",
                                             "Anchored on the number."]


def test_an_unknown_format_is_refused(engine: Engine) -> None:
    with pytest.raises(BadInput, match="choose one of csv, jsonl"):
        export_claims(engine, io.StringIO(), format="xlsx")
