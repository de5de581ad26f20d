"""The text index gives the same answers on SQLite (FTS5) and PostgreSQL (tsvector): the
same candidates for every claim and the same links, on the labelled pairs' sentences."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claims import service
from claims.matching import index_words, query_words
from claims.service import ArticleInput
from claims.service.matching import claim_matches
from claims.service.text_index import search_claims
from claims.store import create_engine, read_session, upgrade
from tests.conftest import make_database_url
from tests.test_matching import FIXTURES

pytestmark = pytest.mark.postgres


def _desk_answers(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    upgrade(engine)
    admin = service.local_actor(engine)
    pairs = [json.loads(line) for line in (FIXTURES / "pairs.jsonl").read_text(
        encoding="utf-8").splitlines() if line]
    for side in ("a", "b"):
        body = "\n\n".join(dict.fromkeys(pair[side] for pair in pairs))
        service.ingest_article(engine, admin, ArticleInput(
            text=f"Sentences {side}\n\n{body}\n", published_on=date(2024, 7, 25)))
    rows = service.list_claims(engine, limit=None)
    candidates = {}
    with read_session(engine) as session:
        connection = session.connection()
        for row in rows:
            words = query_words(index_words(row.text, _signature(engine, row.id)))
            candidates[row.id] = [c.id for c in search_claims(connection, words,
                                                              not_article=row.article_id)]
    links = claim_matches(engine, [row.id for row in rows])
    engine.dispose()
    return {"claims": len(rows), "candidates": candidates, "links": links}


def _signature(engine: Any, claim_id: int) -> Any:
    from claims.matching import Signature
    from claims.models import ClaimSignature

    with read_session(engine) as session:
        stored = session.get(ClaimSignature, claim_id)
        assert stored is not None
        return Signature.from_json(stored.signature)


def test_sqlite_and_postgresql_find_the_same_candidates_and_links(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    on_sqlite = _desk_answers(make_database_url("sqlite", tmp_path, request))
    on_postgres = _desk_answers(make_database_url("postgresql", tmp_path, request))
    assert on_sqlite["claims"] > 60
    assert sum(len(c) for c in on_sqlite["candidates"].values()) > 60
    assert sum(len(m) for m in on_sqlite["links"].values()) >= 60  # both ends of 30+ links
    assert on_postgres["candidates"] == on_sqlite["candidates"]
    assert on_postgres["links"] == on_sqlite["links"]
