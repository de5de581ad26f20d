"""Matching claims across articles: signatures, links, "not the same claim", reuse a verdict.

A claim's signature (see `claims.matching`) is computed once, when it is stored, into
`claim_signature` (its terms into `claim_term`); that inverted index finds candidates (see
`text_index`), and `claims.matching.compare` decides. Links are stored (`claim_link`,
`external_link`) and read back by pages and exports, never recomputed per page. A claim is
never linked to a claim of its own article (a revision of an article keeps its article id,
so is not another article).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from claims.errors import BadInput, NotFound
from claims.matching import (
    LOWEST_TEXT,
    Match,
    Side,
    Signature,
    compare,
    index_words,
    query_words,
    signature_of,
    similarities,
    terms_of,
)
from claims.models import (
    Article,
    Claim,
    ClaimLink,
    ClaimSignature,
    ClaimTerm,
    ExternalLink,
    ExternalReview,
    Mention,
    utcnow,
)
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.service.review import ClaimChange, bump_version, check_version, load_claim
from claims.service.text_index import (
    Asker,
    Candidate,
    CandidateCache,
    count_terms,
    find_candidates,
    load_candidates,
    search_external,
)
from claims.store import read_session, write_session

BATCH = 500
Progress = Callable[[int], None]


class MentionFacts(NamedTuple):
    """What a signature needs of a stored mention (read as plain rows: a whole-desk run
    reads every mention of the desk)."""

    claim_id: int
    kind: str
    value: float | None
    unit: str | None
    qualifier: str | None
    speaker: str | None
    date_value: str | None


def _mentions(session: Session, claim_ids: list[int]) -> dict[int, list[MentionFacts]]:
    by_claim: dict[int, list[MentionFacts]] = {claim_id: [] for claim_id in claim_ids}
    query = sa.select(*(col(getattr(Mention, name)) for name in MentionFacts._fields)) \
        .where(col(Mention.claim_id).in_(claim_ids))
    for row in session.execute(query):
        by_claim[row[0]].append(MentionFacts(*row))
    return by_claim


def claim_signature(mentions: Sequence[MentionFacts]) -> Signature:
    return signature_of(mentions, (m.date_value for m in mentions if m.kind == "date"))


def store_signatures(session: Session, claim_ids: list[int]) -> dict[int, Side]:
    """(Re)compute and store the signatures of `claim_ids`; returns each claim's side.

    Stored rows that come out the same are left alone (a whole-desk run over an unchanged
    desk writes nothing here)."""
    claims = session.execute(sa.select(col(Claim.id), col(Claim.article_id), col(Claim.text))
                             .where(col(Claim.id).in_(claim_ids))).all()
    mentions = _mentions(session, claim_ids)
    stored = {row[0]: tuple(row[1:]) for row in session.execute(
        sa.select(col(ClaimSignature.claim_id), col(ClaimSignature.article_id),
                  col(ClaimSignature.figures), col(ClaimSignature.signature),
                  col(ClaimSignature.words)).where(col(ClaimSignature.claim_id).in_(claim_ids)))}
    rows, sides = [], {}
    for claim_id, article_id, text in claims:
        signature = claim_signature(mentions[claim_id])
        sides[claim_id] = Side(text, signature)
        row = {"claim_id": claim_id, "article_id": article_id,
               "figures": signature.figures_key(), "signature": signature.to_json(),
               "words": index_words(text, signature)}
        if stored.get(claim_id) != (article_id, row["figures"], row["signature"], row["words"]):
            rows.append(row)
    kept = {claim_id for claim_id in stored if claim_id in sides} - {r["claim_id"] for r in rows}
    _drop_signatures(session, {i: v[3] for i, v in stored.items() if i not in kept})
    if rows:
        connection = session.connection()
        connection.execute(sa.insert(ClaimSignature.__table__), rows)  # type: ignore[attr-defined]
        connection.execute(sa.insert(ClaimTerm.__table__), [  # type: ignore[attr-defined]
            {"term": term, "claim_id": row["claim_id"], "article_id": row["article_id"]}
            for row in rows for term in terms_of(row["words"])])
        count_terms(connection, (row["words"] for row in rows), 1)
    return sides


def _drop_signatures(session: Session, words: dict[int, str]) -> None:
    """Delete stored signatures (claim id: its stored words) with their terms and counts."""
    if not words:
        return
    ids = list(words)
    count_terms(session.connection(), words.values(), -1)
    session.execute(sa.delete(ClaimTerm).where(col(ClaimTerm.claim_id).in_(ids)))
    session.execute(sa.delete(ClaimSignature).where(col(ClaimSignature.claim_id).in_(ids)))


def _stored_sides(session: Session | Connection,
                  claim_ids: list[int]) -> tuple[dict[int, Side], dict[int, int]]:
    """The stored sides of `claim_ids` and the article of each."""
    query = (sa.select(col(ClaimSignature.claim_id), col(ClaimSignature.article_id),
                       col(Claim.text), col(ClaimSignature.signature))
             .join(Claim, col(ClaimSignature.claim_id) == col(Claim.id))
             .where(col(ClaimSignature.claim_id).in_(claim_ids)))
    sides, articles = {}, {}
    for claim_id, article_id, text, signature in session.execute(query):
        sides[claim_id] = Side(text, Signature.from_json(signature))
        articles[claim_id] = article_id
    return sides, articles


def _known_pairs(session: Session | Connection,
                 claim_ids: list[int]) -> set[tuple[int, int]]:
    """Pairs already linked (or dismissed) that involve `claim_ids`, as (newer, older)."""
    query = sa.select(col(ClaimLink.claim_id), col(ClaimLink.other_claim_id)).where(
        sa.or_(col(ClaimLink.claim_id).in_(claim_ids), col(ClaimLink.other_claim_id)
               .in_(claim_ids)))
    return {(a, b) for a, b in session.execute(query)}


def _known_external(session: Session | Connection,
                    claim_ids: list[int]) -> set[tuple[int, int]]:
    query = sa.select(col(ExternalLink.claim_id), col(ExternalLink.external_id)).where(
        col(ExternalLink.claim_id).in_(claim_ids))
    return {(a, b) for a, b in session.execute(query)}


def _link_row(claim_id: int, other_id: int, match: Match) -> dict[str, Any]:
    newer, older = max(claim_id, other_id), min(claim_id, other_id)
    return {"claim_id": newer, "other_claim_id": older, "relation": match.relation,
            "score": match.score, "reason": match.reason, "created_at": utcnow()}


def _external_row(claim_id: int, external_id: int, match: Match) -> dict[str, Any]:
    return {"claim_id": claim_id, "external_id": external_id, "relation": match.relation,
            "score": match.score, "reason": match.reason, "created_at": utcnow()}


@dataclass(slots=True)
class Gathered:
    """What comparing a batch of claims needs from the database, read in one go."""

    sides: dict[int, Side]
    known: set[tuple[int, int]]
    known_external: set[tuple[int, int]]
    candidates: dict[int, list[Candidate]]
    reviews: dict[int, list[Candidate]]


def gather(connection: Connection, sides: dict[int, Side], articles: dict[int, int],
           older_only: bool = False, cache: CandidateCache | None = None) -> Gathered:
    """Read what `decide` needs for `sides`: the pairs already linked or dismissed, each
    claim's candidates (claims of other articles; with `older_only`, of lower id only) and
    the external reviews that share its words. Reads only."""
    ids = list(sides)
    words = {claim_id: index_words(side.text, side.signature) for claim_id, side in sides.items()}
    found = find_candidates(connection, [
        Asker(claim_id, words[claim_id], articles[claim_id],
              claim_id if older_only else None) for claim_id in ids])
    stored = load_candidates(connection, (i for f in found.values() for i in f), cache)
    any_reviews = connection.execute(sa.select(col(ExternalReview.id)).limit(1)).first()
    return Gathered(
        sides, _known_pairs(connection, ids), _known_external(connection, ids),
        {claim_id: [stored[i] for i in found[claim_id] if i in stored] for claim_id in ids},
        {claim_id: search_external(connection, query_words(words[claim_id]))
         for claim_id in ids} if any_reviews else {})


def decide(batch: Gathered) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The links to store for a gathered batch: claim links and external-review links
    (pure: no database). Pairs already linked or dismissed are left as they are."""
    known, known_external = batch.known, batch.known_external
    links, externals = [], []
    for claim_id, side in batch.sides.items():
        candidates = batch.candidates[claim_id]
        texts = similarities(side.text, [c.text for c in candidates])
        for candidate, text in zip(candidates, texts, strict=True):
            pair = (max(claim_id, candidate.id), min(claim_id, candidate.id))
            if text < LOWEST_TEXT or pair in known:
                continue
            match = compare(side, Side(candidate.text, Signature.from_json(candidate.signature)),
                            text)
            if match is not None:
                known.add(pair)
                links.append(_link_row(claim_id, candidate.id, match))
        for review in batch.reviews.get(claim_id, ()):
            if (claim_id, review.id) in known_external:
                continue
            match = compare(side, Side(review.text, Signature.from_json(review.signature)))
            if match is not None:
                known_external.add((claim_id, review.id))
                externals.append(_external_row(claim_id, review.id, match))
    return links, externals


def store_links(connection: Connection, links: list[dict[str, Any]],
                externals: list[dict[str, Any]]) -> int:
    if links:
        connection.execute(sa.insert(ClaimLink.__table__), links)  # type: ignore[attr-defined]
    if externals:
        connection.execute(sa.insert(ExternalLink.__table__),  # type: ignore[attr-defined]
                           externals)
    return len(links) + len(externals)


def link_claims(session: Session, sides: dict[int, Side], articles: dict[int, int],
                older_only: bool = False) -> int:
    """Compare each claim of `sides` with its candidates; store the new links. Returns how
    many links were made. Pairs already linked or dismissed are left as they are.

    `older_only`: compare only with claims of lower id (a whole-desk run meets every pair
    from its newer claim, so it need not meet it twice)."""
    connection = session.connection()
    return store_links(connection, *decide(gather(connection, sides, articles, older_only)))


def _articles(session: Session | Connection, claim_ids: list[int]) -> dict[int, int]:
    return {cast(int, i): a for i, a in session.execute(
        sa.select(col(Claim.id), col(Claim.article_id)).where(col(Claim.id).in_(claim_ids)))}


def drop_suggested_links(session: Session, claim_ids: list[int]) -> None:
    """Delete the links of `claim_ids` that nobody dismissed (dismissals are kept)."""
    for table, columns in ((ClaimLink, (ClaimLink.claim_id, ClaimLink.other_claim_id)),
                           (ExternalLink, (ExternalLink.claim_id,))):
        session.execute(sa.delete(table).where(
            col(table.dismissed_by_id).is_(None),  # type: ignore[attr-defined]
            sa.or_(*(col(c).in_(claim_ids) for c in columns))))


def match_stored_claims(session: Session, claim_ids: list[int]) -> int:
    """Compute the signatures of stored claims and link them to earlier matches.

    Runs in the caller's transaction (does not commit): ingest calls it for a new
    article's claims, and it re-matches claims whose text changed (for example after an
    article revision). Links of these claims that nobody dismissed are made afresh.
    Returns how many links were made.
    """
    if not claim_ids:
        return 0
    drop_suggested_links(session, claim_ids)
    sides = store_signatures(session, claim_ids)
    return link_claims(session, sides, _articles(session, claim_ids))


def rematch_claims(engine: Engine, actor: Actor, claim_ids: Iterable[int]) -> int:
    """Re-match the given claims in one transaction (audited); returns the links made."""
    require(actor.role, "annotate", actor.name)
    ids = sorted(set(claim_ids))
    with write_session(engine) as session:
        made = sum(match_stored_claims(session, batch) for batch in _chunks(ids))
        record_event(session, actor, entity="matching", entity_id=None, action="rematch",
                     after={"claims": len(ids), "links": made})
    return made


def _chunks(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or BATCH
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(frozen=True, slots=True)
class MatchRun:
    claims: int
    links: int


def claims_to_match(engine: Engine, *, article_id: int | None = None,
                    everything: bool = False) -> int:
    """How many claims `match_desk` would match with these options."""
    with read_session(engine) as session:
        return int(session.execute(sa.select(sa.func.count()).select_from(
            _scope(article_id, everything).subquery())).scalar() or 0)


def _scope(article_id: int | None, everything: bool) -> Any:
    query = sa.select(col(Claim.id))
    if article_id is not None:
        return query.where(col(Claim.article_id) == article_id)
    if everything:
        return query
    return query.outerjoin(ClaimSignature, col(ClaimSignature.claim_id) == col(Claim.id)) \
        .where(col(ClaimSignature.claim_id).is_(None))


def match_desk(engine: Engine, actor: Actor, *, article_id: int | None = None,
               everything: bool = False, progress: Progress | None = None) -> MatchRun:
    """Match claims in one transaction: one article's, all (`everything`), or by default
    those never matched (stored before matching existed, or restored without signatures).

    Claims are read in batches of ids, so memory stays flat on a large desk. Dismissed
    links are kept; other links of the matched claims are made afresh. Audited.
    """
    require(actor.role, "annotate", actor.name)
    if article_id is not None:
        with read_session(engine) as session:
            if session.get(Article, article_id) is None:
                raise NotFound(f"no article with id {article_id}")
    with write_session(engine) as session:
        ids = [i for (i,) in session.execute(_scope(article_id, everything).order_by(
            col(Claim.id)))]
        if everything:
            session.execute(sa.delete(ClaimLink).where(col(ClaimLink.dismissed_by_id).is_(None)))
            session.execute(sa.delete(ExternalLink)
                            .where(col(ExternalLink.dismissed_by_id).is_(None)))
        for batch in _chunks(ids):  # every signature first, so each claim sees every other
            if not everything:  # (with everything, every suggested link is already gone)
                drop_suggested_links(session, batch)
            store_signatures(session, batch)
        batches = list(_chunks(ids))
        if everything:
            links = _link_all(session.connection(), batches, progress)
        else:
            links = 0
            for batch in batches:
                links += link_claims(session, *_stored_sides(session, batch))
                if progress is not None:
                    progress(len(batch))
        record_event(session, actor, entity="matching", entity_id=article_id, action="match",
                     after={"claims": len(ids), "links": links, "all": everything})
    return MatchRun(len(ids), links)


def _link_all(connection: Connection, batches: list[list[int]],
              progress: Progress | None) -> int:
    """Link every claim to the older claims it matches, batch by batch, reading the next
    batch (in a second thread: the database works, or sqlite3 runs without the GIL) while
    this one is compared. The connection is used by one thread at a time: the links of a
    batch are stored once the next batch has been read. Each pair is met only from its
    newer claim, so a batch read before the previous batch's links are stored misses none
    of them."""
    cache = CandidateCache()

    def read(batch: list[int]) -> Gathered:
        return gather(connection, *_stored_sides(connection, batch), older_only=True,
                      cache=cache)

    links = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claims-match") as reader:
        ahead = reader.submit(read, batches[0]) if batches else None
        for number, batch in enumerate(batches):
            assert ahead is not None
            gathered = ahead.result()
            ahead = reader.submit(read, batches[number + 1]) \
                if number + 1 < len(batches) else None
            rows = decide(gathered)
            if ahead is not None:
                wait([ahead])
            links += store_links(connection, *rows)
            if progress is not None:
                progress(len(batch))
    return links


# --- reading ---------------------------------------------------------------------------


def matches_of(session: Session, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The JSON contract's `matches` of many claims (dismissed links left out), best first."""
    found: dict[int, list[dict[str, Any]]] = {claim_id: [] for claim_id in claim_ids}
    if not claim_ids:
        return found
    newer_claim, older_claim = sa.orm.aliased(Claim), sa.orm.aliased(Claim)
    query = (sa.select(col(ClaimLink.claim_id), col(newer_claim.article_id),
                       col(ClaimLink.other_claim_id), col(older_claim.article_id),
                       col(ClaimLink.relation), col(ClaimLink.score))
             .join(newer_claim, col(newer_claim.id) == col(ClaimLink.claim_id))
             .join(older_claim, col(older_claim.id) == col(ClaimLink.other_claim_id))
             .where(col(ClaimLink.dismissed_by_id).is_(None),
                    sa.or_(col(ClaimLink.claim_id).in_(claim_ids),
                           col(ClaimLink.other_claim_id).in_(claim_ids))))
    for newer, newer_article, older, older_article, relation, score in session.execute(query):
        for mine, theirs, article_id in ((newer, older, older_article),
                                         (older, newer, newer_article)):
            if mine in found:
                found[mine].append({"claim_id": theirs, "article_id": article_id,
                                    "relation": relation, "score": score})
    externals = (sa.select(col(ExternalLink.claim_id), col(ExternalReview.id),
                           col(ExternalReview.publisher), col(ExternalReview.rating),
                           col(ExternalLink.relation), col(ExternalLink.score))
                 .join(ExternalReview, col(ExternalReview.id) == col(ExternalLink.external_id))
                 .where(col(ExternalLink.claim_id).in_(claim_ids),
                        col(ExternalLink.dismissed_by_id).is_(None)))
    for claim_id, external_id, publisher, rating, relation, score in session.execute(externals):
        found[claim_id].append({"external_id": external_id, "publisher": publisher,
                                "rating": rating, "relation": relation, "score": score})
    for items in found.values():
        items.sort(key=lambda item: (-item["score"], item.get("claim_id") or 0))
    return found


def claim_matches(engine: Engine, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    with read_session(engine) as session:
        return matches_of(session, claim_ids)


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    """A claim of another article linked to the one in view (the workspace's list)."""

    claim_id: int
    article_id: int
    article_title: str | None
    text: str
    status: str
    verdict: str | None
    rationale: str | None
    approved: bool
    relation: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class LinkedReview:
    external_id: int
    publisher: str
    rating: str
    reviewed_on: Any
    url: str
    claim_reviewed: str
    relation: str
    score: float
    reason: str


def checked_before(engine: Engine, claim_id: int) -> tuple[list[LinkedClaim], list[LinkedReview]]:
    """The claims and external reviews linked to `claim_id` (not dismissed), best first."""
    with read_session(engine) as session:
        load_claim(session, claim_id)
        links = session.exec(select(ClaimLink).where(
            col(ClaimLink.dismissed_by_id).is_(None),
            sa.or_(col(ClaimLink.claim_id) == claim_id,
                   col(ClaimLink.other_claim_id) == claim_id))).all()
        claims = [_linked(session, link, claim_id) for link in links]
        reviews = [LinkedReview(r.id or 0, r.publisher, r.rating, r.reviewed_on, r.url,
                                r.claim_reviewed, link.relation, link.score, link.reason)
                   for link, r in session.exec(
                       select(ExternalLink, ExternalReview)
                       .join(ExternalReview,
                             col(ExternalReview.id) == col(ExternalLink.external_id))
                       .where(ExternalLink.claim_id == claim_id,
                              col(ExternalLink.dismissed_by_id).is_(None)))]
    return (sorted(claims, key=lambda c: (-c.score, c.claim_id)),
            sorted(reviews, key=lambda r: (-r.score, r.external_id)))


def _linked(session: Session, link: ClaimLink, claim_id: int) -> LinkedClaim:
    other_id = link.other_claim_id if link.claim_id == claim_id else link.claim_id
    other = load_claim(session, other_id)
    article = session.get(Article, other.article_id)
    return LinkedClaim(other_id, other.article_id, article.title if article else None,
                       other.text, other.status, other.verdict, other.rationale,
                       other.status == "approved", link.relation, link.score, link.reason)


# --- changes by reviewers ----------------------------------------------------------------


def dismiss_link(engine: Engine, actor: Actor, claim_id: int, *, other_claim_id: int | None = None,
                 external_id: int | None = None) -> None:
    """"Not the same claim": hide the link and remember who said so (it is never suggested
    again). Audited on the claim. Raises NotFound when there is no such link."""
    require(actor.role, "annotate", actor.name)
    if (other_claim_id is None) == (external_id is None):
        raise BadInput("name either the other claim or the external review")
    with write_session(engine) as session:
        link = _find_link(session, claim_id, other_claim_id, external_id)
        if link is None or link.dismissed_by_id is not None:
            what = f"claim {other_claim_id}" if external_id is None else \
                f"external review {external_id}"
            raise NotFound(f"claim {claim_id} has no link to {what}")
        link.dismissed_by_id, link.dismissed_at = actor.user_id, utcnow()
        session.add(link)
        target = {"other_claim_id": other_claim_id} if external_id is None else \
            {"external_id": external_id}
        record_event(session, actor, entity="claim_link", entity_id=link.id, claim_id=claim_id,
                     action="not_the_same_claim", before={"relation": link.relation,
                                                          "reason": link.reason}, after=target)


def _find_link(session: Session, claim_id: int, other_claim_id: int | None,
               external_id: int | None) -> ClaimLink | ExternalLink | None:
    if external_id is not None:
        return session.exec(select(ExternalLink).where(
            ExternalLink.claim_id == claim_id, ExternalLink.external_id == external_id)).first()
    assert other_claim_id is not None
    newer, older = max(claim_id, other_claim_id), min(claim_id, other_claim_id)
    return session.exec(select(ClaimLink).where(ClaimLink.claim_id == newer,
                                                ClaimLink.other_claim_id == older)).first()


def reuse_verdict(engine: Engine, actor: Actor, claim_id: int, *, source_claim_id: int,
                  seen_version: int) -> ClaimChange:
    """Copy the source claim's verdict and rationale as this claim's proposal.

    The claim then needs an editor's approval like any proposal. The audit event names the
    source claim. Raises BadInput when the source has no verdict or this claim is closed,
    EditConflict on a stale `seen_version`, NotFound for a missing claim.
    """
    require(actor.role, "propose", actor.name)
    with write_session(engine) as session:
        claim, source = load_claim(session, claim_id), load_claim(session, source_claim_id)
        check_version(session, claim, seen_version)
        if source.verdict is None or not source.rationale:
            raise BadInput(f"claim {source_claim_id} has no verdict to reuse")
        if claim.status in ("approved", "dismissed"):
            raise BadInput(f"the claim is {claim.status}; reopen it before proposing a verdict")
        before = {"verdict": claim.verdict, "rationale": claim.rationale, "status": claim.status}
        after = {"verdict": source.verdict, "rationale": source.rationale,
                 "status": "needs_approval", "proposed_by_id": actor.user_id}
        bump_version(session, actor, claim, seen_version, after)
        record_event(session, actor, entity="claim", entity_id=claim_id, claim_id=claim_id,
                     action="reuse_verdict", before=before,
                     after={**after, "source_claim_id": source_claim_id})
    return ClaimChange(claim, True)


@dataclass(frozen=True, slots=True)
class DisagreedPair:
    """Two linked claims whose approved verdicts differ (the editor overview lists them)."""

    claim_id: int
    verdict: str
    other_claim_id: int
    other_verdict: str
    relation: str


def disagreeing_verdicts(engine: Engine, limit: int = 50) -> list[DisagreedPair]:
    """Linked claims, both approved, with different verdicts (newest links first)."""
    other = sa.orm.aliased(Claim)
    query = (sa.select(col(ClaimLink.claim_id), col(Claim.verdict), col(ClaimLink.other_claim_id),
                       col(other.verdict), col(ClaimLink.relation))
             .join(Claim, col(Claim.id) == col(ClaimLink.claim_id))
             .join(other, col(other.id) == col(ClaimLink.other_claim_id))
             .where(col(ClaimLink.dismissed_by_id).is_(None), col(Claim.status) == "approved",
                    col(other.status) == "approved", col(Claim.verdict) != col(other.verdict))
             .order_by(col(ClaimLink.id).desc()).limit(limit))
    with read_session(engine) as session:
        return [DisagreedPair(a, va, b, vb, r) for a, va, b, vb, r in session.execute(query)]


def match_conditions(*, checked_before: bool, figures_conflict: bool) -> list[Any]:
    """The review queue's matching filters as SQL conditions on `Claim` (EXISTS subqueries
    on the indexed link columns)."""
    conditions: list[Any] = []
    if checked_before:
        judged = sa.orm.aliased(Claim)
        linked = sa.or_(
            sa.and_(col(ClaimLink.claim_id) == col(Claim.id),
                    col(judged.id) == col(ClaimLink.other_claim_id)),
            sa.and_(col(ClaimLink.other_claim_id) == col(Claim.id),
                    col(judged.id) == col(ClaimLink.claim_id)))
        conditions.append(sa.or_(
            sa.exists().where(col(ClaimLink.dismissed_by_id).is_(None), linked,
                              col(judged.verdict).is_not(None),
                              col(ClaimLink.relation) != "related"),
            sa.exists().where(col(ExternalLink.claim_id) == col(Claim.id),
                              col(ExternalLink.dismissed_by_id).is_(None))))
    if figures_conflict:
        conditions.append(sa.exists().where(
            col(ClaimLink.dismissed_by_id).is_(None), col(ClaimLink.relation) == "conflict",
            sa.or_(col(ClaimLink.claim_id) == col(Claim.id),
                   col(ClaimLink.other_claim_id) == col(Claim.id))))
    return conditions


def checked_before_notes(engine: Engine, claim_ids: list[int]) -> dict[int, str]:
    """One line per claim that was checked before (a linked claim with a verdict, or an
    external review), for reports: "claim 12 in article 3 (same): true; PolitiFact on
    2024-07-20: False"."""
    notes: dict[int, list[str]] = {}
    with read_session(engine) as session:
        matches = matches_of(session, claim_ids)
        linked = {m["claim_id"] for ms in matches.values() for m in ms if "claim_id" in m}
        reviewed = {m["external_id"] for ms in matches.values() for m in ms
                    if "external_id" in m}
        verdicts = {i: v for i, v in session.execute(
            sa.select(col(Claim.id), col(Claim.verdict)).where(col(Claim.id).in_(linked)))}
        dates = {i: d for i, d in session.execute(
            sa.select(col(ExternalReview.id), col(ExternalReview.reviewed_on))
            .where(col(ExternalReview.id).in_(reviewed)))}
    for claim_id, items in matches.items():
        for item in items:
            if "external_id" in item:
                when = dates.get(item["external_id"])
                on = f" on {when.isoformat()}" if when else ""
                notes.setdefault(claim_id, []).append(
                    f"{item['publisher']}{on}: {item['rating']} ({item['relation']})")
            elif verdicts.get(item["claim_id"]) and item["relation"] != "related":
                notes.setdefault(claim_id, []).append(
                    f"claim {item['claim_id']} in article {item['article_id']} "
                    f"({item['relation']}): {verdicts[item['claim_id']]}")
    return {claim_id: "; ".join(lines) for claim_id, lines in notes.items()}
