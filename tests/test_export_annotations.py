"""W3C Web Annotation JSON-LD: quotes re-anchorable by TextQuoteSelector and
TextPositionSelector, kind, verdict and notes as TextualBody bodies."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.export.annotations import CONTEXT, export_annotations
from claims.service import Actor, ArticleInput
from claims.settings import Settings
from tests.test_export_support import Reviewed, approve, review_seed

SETTINGS = Settings(org_name="Desk Check", org_url="https://desk.example.org")


@pytest.fixture
def reviewed(engine: Engine, checker: Actor, editor: Actor, seeded: int) -> Reviewed:
    return review_seed(engine, checker, editor, seeded)


def export(engine: Engine, article_id: int | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    count = export_annotations(engine, out, settings=SETTINGS, article_id=article_id)
    items = json.loads(out.getvalue())
    assert count == len(items)
    return items


def selectors(annotation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["type"]: s for s in annotation["target"]["selector"]}


def test_every_claim_quote_is_anchored_both_ways(engine: Engine, reviewed: Reviewed) -> None:
    body = service.get_article(engine, reviewed.article_id).body
    claims = [a for a in export(engine) if a["id"].startswith("urn:claim-desk:claim:")]
    assert len(claims) == len(reviewed.claim_ids)
    for annotation in claims:
        assert annotation["@context"] == CONTEXT == "http://www.w3.org/ns/anno.jsonld"
        assert annotation["type"] == "Annotation"
        assert annotation["target"]["source"] == f"urn:claim-desk:article:{reviewed.article_id}"
        found = selectors(annotation)
        quote, position = found["TextQuoteSelector"], found["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert isinstance(start, int) and isinstance(end, int) and start < end
        assert body[start:end] == quote["exact"]
        assert body[:start].endswith(quote["prefix"])
        assert body[end:].startswith(quote["suffix"])
        assert len(quote["prefix"]) == min(start, 32)
        assert len(quote["suffix"]) == min(len(body) - end, 32)


def test_kind_verdict_and_notes_are_textual_bodies(engine: Engine, reviewed: Reviewed) -> None:
    first = reviewed.claim_ids[0]
    [annotation] = [a for a in export(engine) if a["id"] == f"urn:claim-desk:claim:{first}"]
    assert annotation["motivation"] == "assessing"
    assert all(b["type"] == "TextualBody" for b in annotation["body"])
    by_purpose: dict[str, list[dict[str, Any]]] = {}
    for body in annotation["body"]:
        by_purpose.setdefault(body["purpose"], []).append(body)
    assert by_purpose["classifying"][0]["value"] == service.get_claim(engine, first).claim.kind
    assert by_purpose["assessing"][0]["value"].startswith("false (approved): Checked against")
    notes = by_purpose["commenting"]
    assert [n["value"] for n in notes] == ["The toll rose later that day.",
                                           "Anchored on the number."]
    assert {n["creator"]["name"] for n in notes} == {"asha"}
    assert annotation["creator"] == {"type": "Organization", "name": "Desk Check",
                                     "homepage": "https://desk.example.org"}


def test_a_note_anchored_in_the_quote_targets_its_own_span(engine: Engine,
                                                           reviewed: Reviewed) -> None:
    detail = service.get_claim(engine, reviewed.claim_ids[0])
    [note] = [a for a in export(engine) if a["id"].startswith("urn:claim-desk:note:")]
    assert note["motivation"] == "commenting"
    assert note["body"]["value"] == "Anchored on the number."
    found = selectors(note)
    assert found["TextPositionSelector"] == {"type": "TextPositionSelector",
                                             "start": detail.claim.start,
                                             "end": detail.claim.start + 8}
    assert found["TextQuoteSelector"]["exact"] == detail.claim.text[:8]
    assert detail.article.body[: detail.claim.start].endswith(
        found["TextQuoteSelector"]["prefix"])
    assert detail.article.body[detail.claim.start + 8:].startswith(
        found["TextQuoteSelector"]["suffix"])


def test_an_article_url_is_the_target_source(engine: Engine, admin: Actor, checker: Actor,
                                             editor: Actor, seeded: int) -> None:
    article = service.ingest_article(engine, admin, ArticleInput(
        text="Exports to India rose by 12% in 2023 to $65bn, the ministry said.",
        url="https://ledger.example/trade", body_is_text=True)).article_id
    claim = service.add_claim(engine, checker, article, words="rose by 12% in 2023")
    approve(engine, checker, editor, claim.id or 0, "true")
    items = export(engine, article_id=article)
    assert {a["target"]["source"] for a in items} == {"https://ledger.example/trade"}
    [mine] = [a for a in items if a["id"] == f"urn:claim-desk:claim:{claim.id}"]
    assert selectors(mine)["TextQuoteSelector"] == {
        "type": "TextQuoteSelector", "exact": "rose by 12% in 2023",
        "prefix": "Exports to India ", "suffix": " to $65bn, the ministry said."}
