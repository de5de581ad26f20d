"""The inverted index behind claim matching: term counts kept true, common words skipped,
one batched query giving each claim the candidates it would get alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from claims.matching import (
    TEXT_CUTOFF,
    Side,
    compare,
    query_words,
    signature_of,
    similarities,
    text_similarity,
)
from claims.service import Actor, ClaimFilter, list_claims
from claims.service.matching import match_desk, rematch_claims
from claims.service.text_index import Asker, find_candidates, search_claims
from claims.store import read_session, write_session
from tests.test_matching import ingest

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "matching" / "pairs.jsonl"


def _counts(engine: Engine) -> tuple[dict[str, int], dict[str, int]]:
    """term_count as kept, and as counted from claim_term."""
    with read_session(engine) as session:
        kept = {t: int(n) for t, n in session.execute(sa.text(
            "SELECT term, claims FROM term_count WHERE claims <> 0"))}
        counted = {t: int(n) for t, n in session.execute(sa.text(
            "SELECT term, COUNT(*) FROM claim_term GROUP BY term"))}
    return kept, counted


def test_term_counts_stay_true_when_claims_are_matched_again(engine: Engine,
                                                             admin: Actor) -> None:
    ingest(engine, admin, "kyiv_first.txt")
    ingest(engine, admin, "kyiv_second.txt")
    kept, counted = _counts(engine)
    assert kept == counted
    assert kept["f41person"] == 2  # "41 people" killed, in each article
    match_desk(engine, admin, everything=True)  # recomputes every signature
    assert _counts(engine) == (kept, counted)
    toll = list_claims(engine, ClaimFilter(search="41 people"))[0].id
    with write_session(engine) as session:  # as a revision would: new words for the claim
        session.execute(sa.text("UPDATE claim SET text = 'Rescuers found survivors in Odesa' "
                                "WHERE id = :i"), {"i": toll})
    rematch_claims(engine, admin, [toll])
    kept, counted = _counts(engine)
    assert kept == counted
    assert kept["odesa"] == 1


def test_the_rarest_words_are_asked_and_words_common_on_the_desk_are_skipped() -> None:
    counts = {"minister": 5000, "tariffs": 40, "kowalski": 2, "f41person": 300}
    words = "minister tariffs kowalski f41person unseen"
    assert query_words(words, counts, common=1000) == ["unseen", "kowalski", "tariffs",
                                                        "f41person"]
    # without counts (a desk of one claim): figure tokens first, then the longest words
    assert query_words(words) == ["f41person", "kowalski", "minister", "tariffs", "unseen"]


def test_one_query_gives_each_claim_of_an_article_the_candidates_it_gets_alone(
        engine: Engine, admin: Actor) -> None:
    ingest(engine, admin, "kyiv_first.txt")
    second = ingest(engine, admin, "kyiv_second.txt")
    rows = list_claims(engine, ClaimFilter(article_id=second))
    with read_session(engine) as session:
        connection = session.connection()
        words = {row.id: session.execute(sa.text(
            "SELECT words FROM claim_signature WHERE claim_id = :i"), {"i": row.id}).scalar_one()
            for row in rows}
        together = find_candidates(connection, [Asker(i, w, second) for i, w in words.items()])
        alone = {i: [c.id for c in search_claims(connection, w.split(), not_article=second)]
                 for i, w in words.items()}
    assert together == alone
    assert sum(len(found) for found in together.values()) >= 2  # the toll and the flights


def test_bulk_similarities_are_the_one_pair_figures_to_the_last_place() -> None:
    """`link_claims` scores all candidates of a claim in one rapidfuzz call and hands the
    figure to `compare`: it must be exactly what `text_similarity` gives for the pair (in
    float32, as rapidfuzz returns by default, scores near a threshold round differently)."""
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    for pair in pairs:
        olds = [p["b"] for p in pairs] + ["", "12 34"]
        bulk = similarities(pair["a"], olds)
        assert bulk == [text_similarity(pair["a"], old, cutoff=TEXT_CUTOFF) for old in olds]
        assert [compare(_side(pair["a"]), _side(old), text) for old, text in zip(olds, bulk,
                                                                                 strict=True)] \
            == [compare(_side(pair["a"]), _side(old)) for old in olds]


def _side(text: str) -> Side:
    return Side(text, signature_of([]))


def _links(engine: Engine) -> set[tuple[int, int, str, float, bool]]:
    with read_session(engine) as session:
        return {(a, b, r, s, d is not None) for a, b, r, s, d in session.execute(sa.text(
            "SELECT claim_id, other_claim_id, relation, score, dismissed_by_id "
            "FROM claim_link"))}


def test_match_all_in_small_batches_read_ahead_makes_the_same_links(
        engine: Engine, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """--all reads the next batch in another thread while it compares this one, and keeps
    candidates already read: batches of 2 claims, a cache of 3 candidates (constantly
    forgetting) and a dismissed link must give exactly the links of one big batch."""
    from claims.service import matching, text_index

    for name in ("kyiv_first.txt", "kyiv_second.txt", "lyon_bakery.txt"):
        ingest(engine, admin, name)
    match_desk(engine, admin, everything=True)
    reference = _links(engine)
    assert len(reference) >= 2
    newer, older = min((a, b) for a, b, *_ in reference)
    matching.dismiss_link(engine, admin, newer, other_claim_id=older)
    dismissed = {(a, b, r, s, a == newer and b == older) for a, b, r, s, _ in reference}

    monkeypatch.setattr(matching, "BATCH", 2)
    monkeypatch.setattr(text_index, "CANDIDATES_KEPT", 3)
    run = match_desk(engine, admin, everything=True)
    assert _links(engine) == dismissed
    assert run.links == len(reference) - 1  # the dismissed pair is kept, not made again
