"""The text index behind claim matching: one small interface, two engines.

SQLite: external-content FTS5 tables (`claim_words`, `external_words`) ranked by bm25.
PostgreSQL: a generated `words_tsv` column (`to_tsvector('simple', words)`) with a GIN
index, ranked by `ts_rank`. Both are filled by the database itself when a row is written
(triggers, generated column: see migration 0003), so this module only searches.

Both tokenise the same `words` (lower-case letters, figure and date tokens such as
`f41person` and `d20240708`) and are asked the same boolean query (a candidate shares two
of the claim's most telling words), answered newest first: no engine-specific ranking, so
both find the same candidates. The decision is made by `claims.matching`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claims.matching import word_pairs

CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    article_id: int | None
    text: str
    signature: str


def _fts_query(words: list[str]) -> str:
    return " OR ".join("(" + " AND ".join(f'"{w}"' for w in pair) + ")"
                       for pair in word_pairs(words))


def _ts_query(words: list[str]) -> str:
    return " | ".join("(" + " & ".join(pair) + ")" for pair in word_pairs(words))


def search_claims(connection: Connection, words: list[str], *, not_article: int,
                  older_than: int | None = None, limit: int = CANDIDATES) -> list[Candidate]:
    """Stored claims of other articles (with ids below `older_than`, if given) that share
    two of `words`, newest first."""
    if not words:
        return []
    if connection.dialect.name == "sqlite":
        sql = ("SELECT s.claim_id, s.article_id, c.text, s.signature FROM claim_words "
               "JOIN claim_signature s ON s.claim_id = claim_words.rowid "
               "JOIN claim c ON c.id = s.claim_id "
               "WHERE claim_words MATCH :q AND s.article_id != :article "
               "AND s.claim_id < :before ORDER BY s.claim_id DESC LIMIT :limit")
        query = _fts_query(words)
    else:
        sql = ("SELECT s.claim_id, s.article_id, c.text, s.signature FROM claim_signature s "
               "JOIN claim c ON c.id = s.claim_id "
               "WHERE s.words_tsv @@ to_tsquery('simple', :q) AND s.article_id != :article "
               "AND s.claim_id < :before ORDER BY s.claim_id DESC LIMIT :limit")
        query = _ts_query(words)
    before = older_than if older_than is not None else 2**62
    rows = connection.execute(sa.text(sql), {"q": query, "article": not_article,
                                             "before": before, "limit": limit})
    return [Candidate(int(i), int(a), t, s) for i, a, t, s in rows]


def search_external(connection: Connection, words: list[str],
                    limit: int = CANDIDATES) -> list[Candidate]:
    """External reviews whose words best match `words` (best first)."""
    if not words:
        return []
    if connection.dialect.name == "sqlite":
        sql = ("SELECT e.id, e.claim_reviewed, e.signature FROM external_words "
               "JOIN external_review e ON e.id = external_words.rowid "
               "WHERE external_words MATCH :q ORDER BY e.id DESC LIMIT :limit")
        query = _fts_query(words)
    else:
        sql = ("SELECT e.id, e.claim_reviewed, e.signature FROM external_review e "
               "WHERE e.words_tsv @@ to_tsquery('simple', :q) ORDER BY e.id DESC LIMIT :limit")
        query = _ts_query(words)
    rows = connection.execute(sa.text(sql), {"q": query, "limit": limit})
    return [Candidate(int(i), None, t, s) for i, t, s in rows]
