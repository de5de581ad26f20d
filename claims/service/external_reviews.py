"""Other fact-checkers' verdicts: importing schema.org ClaimReview JSON-LD and matching it.

A file holds one ClaimReview object, a JSON array of them, or JSON Lines (one object a
line); an object with an `@graph` list counts as its items. Our own export
(`claims export claimreview`) reads back the same way. Every item is validated first: a
file with any bad item is refused whole, with one problem per item, and nothing is stored.
Reviews already stored (same URL and claim text) are skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims import extract
from claims.errors import ImportRefused
from claims.matching import (
    Side,
    Signature,
    compare,
    index_words,
    normal_speaker,
    query_words,
    signature_of,
)
from claims.models import ExternalLink, ExternalReview, utcnow
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.service.text_index import search_claims
from claims.store import read_session, write_session

NO_ARTICLE = -1
MAX_ITEMS = 100_000


@dataclass(frozen=True, slots=True)
class ReviewInput:
    claim_reviewed: str
    publisher: str
    rating: str
    rating_value: float | None
    reviewed_on: date | None
    url: str
    claimant: str | None

    @property
    def digest(self) -> str:
        key = f"{self.url.strip()}\n{' '.join(self.claim_reviewed.lower().split())}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int
    duplicates: int
    links: int


def parse_items(text: str) -> list[Any]:
    """The items of a JSON-LD file: one object, an array, `@graph`, or JSON Lines."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise ImportRefused("the file", ["the file is empty"])
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        return _json_lines(stripped)
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return list(data["@graph"])
    return data if isinstance(data, list) else [data]


def _json_lines(text: str) -> list[Any]:
    items, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON ({error.msg})")
    if problems:
        raise ImportRefused("the file", problems)
    return items


def _name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _is_claim_review(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def _rating(item: dict[str, Any]) -> tuple[str | None, float | None]:
    rating = item.get("reviewRating")
    if not isinstance(rating, dict):
        return None, None
    label = _name(rating.get("alternateName")) or _name(rating)
    value = rating.get("ratingValue")
    try:
        number = float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        number = None
    return label, number


def _date(value: Any) -> date | None:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def review_from(item: Any) -> tuple[ReviewInput | None, list[str]]:
    """A validated review from one JSON-LD item, or the problems that make it unusable."""
    if not isinstance(item, dict) or not _is_claim_review(item):
        return None, ["not a ClaimReview object (@type must be ClaimReview)"]
    problems = []
    reviewed = item.get("claimReviewed")
    if not isinstance(reviewed, str) or not reviewed.strip():
        problems.append("claimReviewed is missing")
    label, value = _rating(item)
    if label is None:
        problems.append("reviewRating has no alternateName")
    url = item.get("url")
    if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url):
        problems.append("url is missing or not an http(s) address")
    publisher = _name(item.get("author")) or _name(item.get("publisher"))
    if publisher is None:
        problems.append("author (the fact-checker) has no name")
    published = item.get("datePublished")
    if published is not None and _date(published) is None:
        problems.append(f"datePublished {published!r} is not an ISO date")
    if problems:
        return None, problems
    claimant = item.get("itemReviewed", {}).get("author") \
        if isinstance(item.get("itemReviewed"), dict) else None
    assert isinstance(reviewed, str) and isinstance(url, str)
    return ReviewInput(reviewed.strip(), publisher or "", label or "", value, _date(published),
                       url.strip(), _name(claimant)), []


def validate(items: list[Any], source: str) -> list[ReviewInput]:
    """Every item as a ReviewInput; raises ImportRefused listing each bad item."""
    if len(items) > MAX_ITEMS:
        raise ImportRefused(source, [f"{len(items)} items; at most {MAX_ITEMS} per file"])
    reviews, problems = [], []
    for number, item in enumerate(items, 1):
        review, found = review_from(item)
        if review is None:
            problems.append(f"item {number}: {', '.join(found)}")
        else:
            reviews.append(review)
    if problems:
        raise ImportRefused(source, problems)
    if not reviews:
        raise ImportRefused(source, ["the file holds no ClaimReview items"])
    return reviews


def review_signature(review: ReviewInput) -> Signature:
    mentions = extract.extract_mentions(review.claim_reviewed, review.reviewed_on)
    signature = signature_of(mentions, (m.date for m in mentions if m.kind == "date"))
    if review.claimant and signature.speaker is None:  # the claimant is who made the claim
        return Signature(signature.figures, signature.dates, normal_speaker(review.claimant))
    return signature


def import_claimreview(engine: Engine, actor: Actor, text: str,
                       source: str = "the file") -> ImportReport:
    """Validate and store the ClaimReview items of `text`, then match them to claims.

    One transaction: a bad item (ImportRefused lists each) stores nothing. Reviews already
    stored are counted as duplicates and skipped. Audited. Raises Forbidden for viewers.
    """
    require(actor.role, "annotate", actor.name)
    reviews = validate(parse_items(text), source)
    with write_session(engine) as session:
        new = _new_reviews(session, reviews)
        rows = [_store(session, actor, review) for review in new]
        session.flush()
        links = sum(link_review(session, row) for row in rows)
        record_event(session, actor, entity="external_review", entity_id=None,
                     action="import_claimreview",
                     after={"source": source, "imported": len(rows),
                            "duplicates": len(reviews) - len(rows), "links": links})
    return ImportReport(len(rows), len(reviews) - len(rows), links)


def _new_reviews(session: Session, reviews: list[ReviewInput]) -> list[ReviewInput]:
    digests = {review.digest for review in reviews}
    stored = set(session.exec(select(ExternalReview.digest)
                              .where(col(ExternalReview.digest).in_(digests))))
    fresh: dict[str, ReviewInput] = {}
    for review in reviews:
        if review.digest not in stored:
            fresh.setdefault(review.digest, review)
    return list(fresh.values())


def _store(session: Session, actor: Actor, review: ReviewInput) -> ExternalReview:
    signature = review_signature(review)
    row = ExternalReview(digest=review.digest, claim_reviewed=review.claim_reviewed,
                         publisher=review.publisher[:300], rating=review.rating[:100],
                         rating_value=review.rating_value, reviewed_on=review.reviewed_on,
                         url=review.url[:2000], claimant=review.claimant,
                         signature=signature.to_json(),
                         words=index_words(review.claim_reviewed, signature),
                         imported_by_id=actor.user_id)
    session.add(row)
    return row


def link_review(session: Session, review: ExternalReview) -> int:
    """Link one stored review to the claims it matches; returns how many links were made."""
    side = Side(review.claim_reviewed, Signature.from_json(review.signature))
    words = query_words(review.words)
    rows = []
    for found in search_claims(session.connection(), words, not_article=NO_ARTICLE):
        match = compare(Side(found.text, Signature.from_json(found.signature)), side)
        if match is not None:
            rows.append({"claim_id": found.id, "external_id": review.id,
                         "relation": match.relation, "score": match.score,
                         "reason": match.reason, "created_at": utcnow()})
    if rows:
        session.execute(sa.insert(ExternalLink), rows)
    return len(rows)


def list_external_reviews(engine: Engine, limit: int = 200) -> list[ExternalReview]:
    with read_session(engine) as session:
        return list(session.exec(select(ExternalReview).order_by(col(ExternalReview.id).desc())
                                 .limit(limit)))
