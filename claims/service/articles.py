"""Ingesting articles: the article, its claims and their mentions in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims import extract
from claims.control_chars import blank_in, blanked_warning
from claims.errors import BadInput
from claims.models import Article, ArticleRevision, Claim, Mention, utcnow
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.service.findings import refresh_findings
from claims.service.matching import match_stored_claims
from claims.store import write_session
from claims.urls import canonical_url
from claims.web_address import checked_web_address

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article ready to store: `text` is the whole document (headline block included)."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_on: date | None = None
    author: str | None = None
    source_name: str | None = None
    body_is_text: bool = False  # True: `text` is already the body (e.g. from HTML)
    revision_of: int | None = None  # a new revision of this article (see service/revisions)


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: int
    created: bool
    claims: int
    title: str | None
    revision: int = 1  # the article's revision after this ingest
    revised: bool = False  # True: this ingest stored a new revision of an existing article
    changed: int = 0
    removed: int = 0
    new: int = 0
    warnings: tuple[str, ...] = ()  # what the user should be told (control characters...)


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def quote_context(body: str, start: int, end: int) -> tuple[str, str]:
    """The TextQuoteSelector prefix and suffix around `body[start:end]`."""
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]


Row = dict[str, Any]


def claim_rows(body: str, claims: list[extract.Claim],
               offset: int = 0) -> list[tuple[Row, list[Row]]]:
    """Column values for extracted claims and their mentions, offsets shifted by `-offset`.

    Plain dicts, inserted with one executemany each: building ORM objects for every mention
    cost more than extracting them.
    """
    rows = []
    for found in claims:
        start, end = found.start - offset, found.end - offset
        prefix, suffix = quote_context(body, start, end)
        claim = {"kind": found.kind, "text": found.text, "start": start, "end": end,
                 "prefix": prefix, "suffix": suffix, "score": found.score,
                 "reason": found.reason[:200]}
        rows.append((claim, [mention_row(m, offset) for m in found.mentions]))
    return rows


def mention_row(found: extract.Mention, offset: int = 0) -> Row:
    cue = found.speaker_cue
    return {"kind": found.kind, "surface": found.surface, "start": found.start - offset,
            "end": found.end - offset, "value": found.value, "unit": found.unit,
            "qualifier": found.qualifier, "date_value": found.date, "speaker": found.speaker,
            "cue_start": cue.start - offset if cue else None,
            "cue_end": cue.end - offset if cue else None}


def insert_claims(session: Session, article_id: int, user_id: int | None,
                  rows: list[tuple[Row, list[Row]]], origin: str = "extracted") -> list[int]:
    """Insert claims and their mentions with two executemany statements; returns claim ids."""
    if not rows:
        return []
    now = utcnow()
    claim_values = [{**claim, "article_id": article_id, "origin": origin, "status": "new",
                     "version": 1, "created_at": now, "updated_at": now,
                     "updated_by_id": user_id} for claim, _ in rows]
    connection = session.connection()
    before = connection.execute(sa.select(sa.func.max(col(Claim.id)))
                                .where(col(Claim.article_id) == article_id)).scalar() or 0
    connection.execute(sa.insert(Claim.__table__), claim_values)  # type: ignore[attr-defined]
    # ids by (start, end), in insertion order: one SELECT instead of a RETURNING per row
    found: dict[tuple[int, int], list[int]] = {}
    for claim_id, start, end in connection.execute(
            sa.select(col(Claim.id), col(Claim.start), col(Claim.end))
            .where(col(Claim.article_id) == article_id, col(Claim.id) > before)
            .order_by(col(Claim.id))):
        found.setdefault((start, end), []).append(claim_id or 0)
    claim_ids = [found[(claim["start"], claim["end"])].pop(0) for claim, _ in rows]
    mention_values = [{**mention, "claim_id": claim_id}
                      for claim_id, (_, mentions) in zip(claim_ids, rows, strict=True)
                      for mention in mentions]
    if mention_values:
        connection.execute(sa.insert(Mention.__table__), mention_values)  # type: ignore[attr-defined]
    return claim_ids


def _prepare(item: ArticleInput) -> tuple[str, str | None, list[extract.Claim], int]:
    text = item.text
    if item.body_is_text:
        start, end = 0, len(text.rstrip())
        title = item.title
    else:
        headline, _ = extract.split_title(text)
        start, end = extract.body_span(text)
        title = item.title or headline
    while start < end and text[start].isspace():
        start += 1
    body = text[start:end].rstrip()
    if not body.strip():
        raise BadInput("the article has no body text")
    claims = extract.extract_claims(body if item.body_is_text else text, item.published_on)
    if not item.body_is_text:
        claims = [c for c in claims if start <= c.start and c.end <= start + len(body)]
    return body, title, claims, 0 if item.body_is_text else start


def _existing(session: Session, sha: str) -> Article | None:
    return session.exec(select(Article).where(Article.body_sha256 == sha)).first()


def ingest_article(engine: Engine, actor: Actor, item: ArticleInput) -> IngestResult:
    """Store an article with its extracted claims, or find it if the same body is stored.

    Extraction runs before the transaction; the article, its claims and mentions and the
    audit event are written in one transaction (all or nothing). Raises BadInput, Forbidden.
    """
    require(actor.role, "ingest", actor.name)
    item, blanked = _without_controls(replace(item, url=checked_web_address(item.url)))
    warnings = (blanked,) if blanked else ()
    body, title, claims, offset = _prepare(item)
    sha = body_sha256(body)
    rows = claim_rows(body, claims, offset)
    try:
        with write_session(engine) as session:
            existing = _existing(session, sha)
            if existing is not None:
                assert existing.id is not None
                count = session.exec(select(sa.func.count()).select_from(Claim)
                                     .where(Claim.article_id == existing.id)).one()
                return IngestResult(existing.id, False, count, existing.title,
                                    existing.revision, warnings=warnings)
            from claims.service import revisions  # lazy: revisions builds on this module

            revised = revisions.revise_if_known(session, actor, item, body, sha, rows, title)
            if revised is not None:
                return replace(revised, warnings=warnings)
            article = _store(session, actor, item, body, sha, title, rows)
    except sa.exc.IntegrityError:
        with write_session(engine) as session:
            existing = _existing(session, sha)
            if existing is None or existing.id is None:
                raise
            return IngestResult(existing.id, False, len(rows), existing.title,
                                existing.revision, warnings=warnings)
    assert article.id is not None
    return IngestResult(article.id, True, len(rows), article.title, warnings=warnings)


def _without_controls(item: ArticleInput) -> tuple[ArticleInput, str]:
    """The article with control characters blanked in every text (claims.control_chars),
    and the warning to give ('' when there were none)."""
    fields = {"text": item.text, "title": item.title, "outlet": item.outlet,
              "author": item.author, "source_name": item.source_name}
    cleaned = {name: blank_in(value) for name, value in fields.items()}
    count = sum(n for _, n in cleaned.values())
    changed = replace(item, **{name: value for name, (value, _) in cleaned.items()})
    return changed, blanked_warning(count, item.source_name or item.url or "the article")


def _store(session: Session, actor: Actor, item: ArticleInput, body: str, sha: str,
           title: str | None, rows: list[tuple[Row, list[Row]]]) -> Article:
    article = Article(title=title, outlet=item.outlet, url=item.url, published_on=item.published_on,
                      author=item.author, source_name=item.source_name, body=body, body_sha256=sha,
                      ingested_by_id=actor.user_id, url_canonical=canonical_url(item.url))
    session.add(article)
    session.flush()
    assert article.id is not None
    session.add(ArticleRevision(article_id=article.id, number=1, body=body, body_sha256=sha,
                                url=item.url, ingested_by_id=actor.user_id))
    claim_ids = insert_claims(session, article.id, actor.user_id, rows)
    match_stored_claims(session, claim_ids)
    refresh_findings(session, article.id)
    record_event(session, actor, entity="article", entity_id=article.id, action="ingest",
                 after={"title": title, "sha256": sha, "claims": len(rows),
                        "source": item.source_name or item.url})
    return article
