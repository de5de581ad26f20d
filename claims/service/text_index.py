"""The indexes behind claim matching: one small interface, two engines, one answer.

Claims: `claim_term`, an inverted index in a plain table (one row per term of a claim's
`words`: lower-case content words, figure and date tokens such as `f41person` and
`d20240708`), with `term_count`, how many claims hold each term, kept on insert. A claim's
candidates share two of its query words: its rarest terms, words held by more than `COMMON`
claims left out (they say nothing and would make the search scan much of the desk). One
set-based query finds the candidates of a whole batch of claims, ranked by how many query
words they share, then newest first. Plain SQL: SQLite and PostgreSQL give the same answer.

External reviews (few): SQLite FTS5 (`external_words`) and a generated `words_tsv` column
with a GIN index on PostgreSQL, filled by the database itself (see migration 0003), asked the
same boolean query. The decision is made by `claims.matching`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claims.matching import query_words, terms_of, word_pairs

CANDIDATES = 50
#: candidates a whole-desk run keeps once read (see `CandidateCache`)
CANDIDATES_KEPT = 50_000
#: a term held by more claims than this is too common to find candidates with
COMMON = 1000
NEWEST = 2**62


class Candidate(NamedTuple):
    """A stored claim (or external review) as a candidate: millions are read in a
    whole-desk run, so a plain tuple."""

    id: int
    article_id: int | None
    text: str
    signature: str


@dataclass(frozen=True, slots=True)
class Asker:
    """A claim (or review) looking for candidates: its index words, the article whose
    claims it must not meet, and (for a whole-desk run) the id its candidates stay below."""

    key: int
    words: str
    not_article: int
    older_than: int | None = None


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def term_counts(connection: Connection, terms: Iterable[str]) -> dict[str, int]:
    """How many claims hold each of `terms` (terms no claim holds are left out)."""
    counts: dict[str, int] = {}
    for chunk in _chunks(sorted(set(terms)), 500):
        where, params = _one_of(connection, "term", chunk)
        counts.update((t, int(n)) for t, n in _rows(
            connection, f"SELECT term, claims FROM term_count WHERE {where}", params))
    return counts


def count_terms(connection: Connection, words: Iterable[str], step: int) -> None:
    """Add `step` (1 or -1) to the count of each term of each of `words` (index words)."""
    changes: dict[str, int] = {}
    for claim_words in words:
        for term in terms_of(claim_words):
            changes[term] = changes.get(term, 0) + step
    rows = [{"term": t, "claims": n} for t, n in sorted(changes.items()) if n]
    if rows:
        connection.execute(sa.text(
            "INSERT INTO term_count (term, claims) VALUES (:term, :claims) "
            "ON CONFLICT (term) DO UPDATE SET claims = term_count.claims + excluded.claims"),
            rows)


#: a candidate as one integer: shared query words, then claim id (sorts best, then newest)
SHARED = 2**40
#: the askers' query words, one row each (asker, article, below, need, term), then their
#: candidates, one row per asker: thousands of rows would each take the GIL back from the
#: comparing thread in a whole-desk run (see `claims.service.matching._link_all`)
_CANDIDATE_SQL = (
    "WITH q(asker, article, below, need, term) AS ({asked}), "
    "c(asker, code) AS (SELECT q.asker, COUNT(*) * " + str(SHARED) + " + t.claim_id "
    "FROM q JOIN claim_term t ON t.term = q.term AND t.claim_id < q.below "
    "WHERE t.article_id <> q.article "
    "GROUP BY q.asker, q.need, t.claim_id HAVING COUNT(*) >= q.need) "
    "SELECT asker, {codes} FROM c GROUP BY asker")
#: SQLite: a VALUES list (5 parameters a row); PostgreSQL: five arrays, unnested. With a
#: VALUES list PostgreSQL plans a scan of all of claim_term (it cannot see how few rows
#: each term has) and spends longer planning than running; with unnest it reads the index.
_ASKED = {"sqlite": "VALUES {rows}",
          "postgresql": "SELECT * FROM unnest(CAST(%s AS BIGINT[]), CAST(%s AS BIGINT[]), "
                        "CAST(%s AS BIGINT[]), CAST(%s AS INTEGER[]), CAST(%s AS VARCHAR[]))"}
_CODES = {"sqlite": "group_concat(code, ',')",
          "postgresql": "string_agg(CAST(code AS VARCHAR), ',')"}
_ROW = "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), " \
    "CAST(? AS VARCHAR(64)))"
#: askers per candidate query on SQLite (each brings up to 6 rows of 5 parameters)
SQLITE_ASKERS = 300


def _rows(connection: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run `sql` with positional parameters on the driver's own cursor and fetch every row
    at once: SQLAlchemy's row processing (and its expansion of IN lists into named
    parameters) cost more than the database on these large reads of plain values."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def _one_of(connection: Connection, column: str, values: list[Any]) -> tuple[str, list[Any]]:
    """`column` is one of `values`: an IN list on SQLite, `= ANY` of one array parameter on
    PostgreSQL (one parameter, whatever the length)."""
    if _sqlite(connection):
        return f"{column} IN ({', '.join('?' * len(values))})", values
    return f"{column} = ANY(%s)", [values]


def _asked(connection: Connection, rows: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """The `q` rows of the candidate query as SQL and its parameters."""
    if _sqlite(connection):
        return (_ASKED["sqlite"].format(rows=", ".join([_ROW] * len(rows))),
                [value for row in rows for value in row])
    return _ASKED["postgresql"], [list(column) for column in zip(*rows, strict=True)]


def find_candidates(connection: Connection, askers: list[Asker],
                    limit: int = CANDIDATES) -> dict[int, list[int]]:
    """The ids of each asker's candidates: stored claims of other articles (below
    `older_than`, if given) that share two of its query words (one when it has only one),
    most shared words first, then newest first; at most `limit` each.

    One query for all askers on PostgreSQL, one per `SQLITE_ASKERS` on SQLite."""
    counts = term_counts(connection, (t for a in askers for t in terms_of(a.words)))
    shared: dict[int, list[int]] = {asker.key: [] for asker in askers}
    codes_sql = _CODES["sqlite" if _sqlite(connection) else "postgresql"]
    for chunk in _chunks(askers, SQLITE_ASKERS if _sqlite(connection) else len(askers) or 1):
        rows: list[tuple[Any, ...]] = []
        for asker in chunk:
            words = query_words(asker.words, counts, COMMON)
            rows += [(asker.key, asker.not_article, asker.older_than or NEWEST,
                      min(2, len(words)), word) for word in words]
        if rows:
            asked, params = _asked(connection, rows)
            sql = _CANDIDATE_SQL.format(asked=asked, codes=codes_sql)
            for key, codes in _rows(connection, sql, params):
                shared[int(key)] = sorted(map(int, codes.split(",")), reverse=True)[:limit]
    return {key: [code % SHARED for code in codes] for key, codes in shared.items()}


class CandidateCache:
    """Candidates already read in this run (a whole-desk run meets each claim as the
    candidate of dozens of others), the oldest forgotten beyond `size`: memory stays
    bounded whatever the desk. A stored claim does not change while a run holds its
    transaction."""

    def __init__(self, size: int | None = None) -> None:
        self.size = CANDIDATES_KEPT if size is None else size
        self.held: dict[int, Candidate] = {}

    def keep(self, found: dict[int, Candidate]) -> None:
        self.held.update(found)
        for oldest in list(islice(self.held, max(0, len(self.held) - self.size))):
            del self.held[oldest]


def load_candidates(connection: Connection, ids: Iterable[int],
                    cache: CandidateCache | None = None) -> dict[int, Candidate]:
    """The stored claims `ids` with their article, text and signature (those in `cache` are
    not read again)."""
    wanted = set(ids)
    found: dict[int, Candidate] = {}
    if cache is not None:
        found = {i: cache.held[i] for i in wanted if i in cache.held}
    for chunk in _chunks(sorted(wanted - found.keys()), 1000):
        where, params = _one_of(connection, "s.claim_id", chunk)
        sql = ("SELECT s.claim_id, s.article_id, c.text, s.signature FROM claim_signature s "
               f"JOIN claim c ON c.id = s.claim_id WHERE {where}")
        for i, a, t, sig in _rows(connection, sql, params):
            found[int(i)] = Candidate(int(i), int(a), t, sig)
    if cache is not None:
        cache.keep(found)
    return found


def search_claims(connection: Connection, words: list[str], *, not_article: int,
                  older_than: int | None = None, limit: int = CANDIDATES) -> list[Candidate]:
    """`find_candidates` for one set of words, with the candidates' text and signature."""
    ids = find_candidates(connection, [Asker(0, " ".join(words), not_article, older_than)],
                          limit)[0]
    loaded = load_candidates(connection, ids)
    return [loaded[i] for i in ids if i in loaded]


def _fts_query(words: list[str]) -> str:
    return " OR ".join("(" + " AND ".join(f'"{w}"' for w in pair) + ")"
                       for pair in word_pairs(words))


def _ts_query(words: list[str]) -> str:
    return " | ".join("(" + " & ".join(pair) + ")" for pair in word_pairs(words))


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
