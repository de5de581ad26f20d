"""Article revisions: a re-ingested article becomes revision N+1 and its claims are re-anchored.

`ingest_article` calls `revise_if_known` inside its write transaction, so the new revision,
every re-anchored claim and mention, every status change and the audit events are written
together or not at all. The article row is locked (`SELECT ... FOR UPDATE` on PostgreSQL;
SQLite's `BEGIN IMMEDIATE` already serialises writers) and its `revision` number is checked
on update, so two revisions of one article ingested at once become N+1 and N+2: the second
waits and is anchored into the first one's body.

Each claim's `revision_status` compares its words (and place) when first found with now:
original (never revised), unchanged, moved, changed, removed, new. One ClaimPlacement row
per claim and revision keeps the story.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from claims.anchoring import (
    Anchor,
    Placement,
    place_all,
    place_approximately,
    place_exactly,
)
from claims.errors import EditConflict, NotFound
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimPlacement,
    Mention,
    Note,
    utcnow,
)
from claims.service.actors import Actor
from claims.service.articles import (
    ArticleInput,
    IngestResult,
    Row,
    insert_claims,
    quote_context,
)
from claims.service.audit import record_event
from claims.service.queries import mention_dict, mentions_of
from claims.urls import canonical_url

#: statuses that hold a proposed or approved verdict; a changed claim leaves them
REVIEWED_STATUSES = ("needs_approval", "approved")


@dataclass(frozen=True, slots=True)
class ClaimsRevised:
    """What a revision did to an article's claims (handed to every REVISION_HOOKS entry)."""

    article_id: int
    revision: int
    changed_ids: list[int]
    removed_ids: list[int]
    new_ids: list[int]


#: Called inside the revision's transaction after its claims were re-anchored. Features
#: that derive data from claim words (cross-article matching, consistency findings) append
#: a function here to refresh what they stored for `changed_ids` and `new_ids`.
REVISION_HOOKS: list[Callable[[Session, ClaimsRevised], None]] = []


def claims_changed_in_revision(session: Session, revised: ClaimsRevised) -> None:
    """The one place where "the article's claims changed in a revision" is announced."""
    for hook in REVISION_HOOKS:
        hook(session, revised)


def _rematch_revised(session: Session, revised: ClaimsRevised) -> None:
    """A revision changed or added claims: their cross-article links are made afresh."""
    from claims.service.matching import match_stored_claims  # lazy: matching reads queries

    match_stored_claims(session, [*revised.changed_ids, *revised.new_ids])


def _recheck_revised(session: Session, revised: ClaimsRevised) -> None:
    """A revision arrived: the consistency checks run again on the new body."""
    from claims.service.findings import refresh_findings  # lazy, like matching

    refresh_findings(session, revised.article_id)


REVISION_HOOKS.extend((_rematch_revised, _recheck_revised))


# ------------------------------------------------------------------------ finding the article

def revise_if_known(session: Session, actor: Actor, item: ArticleInput, body: str, sha: str,
                    rows: list[tuple[Row, list[Row]]],
                    title: str | None = None) -> IngestResult | None:
    """A new revision if `item` names an article (`revision_of`) or carries a stored URL;
    the stored article if the body is one of its earlier revisions; else None (a new article).

    Does not commit: runs in `ingest_article`'s transaction. Raises NotFound.
    """
    target = revised_article_id(session, item)
    if target is not None:
        return revise_article(session, actor, target, body, sha, rows, url=item.url,
                              title=title)
    earlier = session.exec(select(ArticleRevision.article_id)
                           .where(ArticleRevision.body_sha256 == sha)).first()
    if earlier is None:
        return None
    article = lock_article(session, earlier)
    return _unchanged(session, article)


def revised_article_id(session: Session, item: ArticleInput) -> int | None:
    """The article `item` revises: `revision_of`, else the oldest with the same canonical URL."""
    if item.revision_of is not None:
        return item.revision_of
    canonical = canonical_url(item.url)
    if canonical is None:
        return None
    return session.exec(select(Article.id).where(Article.url_canonical == canonical)
                        .order_by(col(Article.id))).first()


def lock_article(session: Session, article_id: int) -> Article:
    """The article row, locked until the transaction ends (PostgreSQL; SQLite already is)."""
    article = session.exec(select(Article).where(Article.id == article_id)
                           .with_for_update()).first()
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def _claim_count(session: Session, article_id: int) -> int:
    return int(session.exec(select(sa.func.count()).select_from(Claim)
                            .where(Claim.article_id == article_id)).one())


def _unchanged(session: Session, article: Article) -> IngestResult:
    assert article.id is not None
    return IngestResult(article.id, False, _claim_count(session, article.id), article.title,
                        article.revision)


# ------------------------------------------------------------------------------ the revision

@dataclass(slots=True)
class _Outcome:
    """The revision's effect, gathered while claims are re-anchored."""

    changed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    placements: list[dict[str, Any]] = field(default_factory=list)


def revise_article(session: Session, actor: Actor, article_id: int, body: str, sha: str,
                   rows: list[tuple[Row, list[Row]]], *, url: str | None = None,
                   title: str | None = None) -> IngestResult:
    """Store `body` as the article's next revision and re-anchor every claim into it; a
    `title` (the revision's headline) replaces the article's when it differs.

    `rows` are the claims extracted from `body` (offsets into it). A body equal to the
    latest is a no-op. Does not commit. Raises NotFound, EditConflict.
    """
    article = lock_article(session, article_id)
    if article.body_sha256 == sha:
        return _unchanged(session, article)
    number = article.revision + 1
    record_base_placements(session, article)
    outcome = _Outcome()
    claims = list(session.exec(select(Claim).where(Claim.article_id == article_id)
                               .order_by(col(Claim.start), col(Claim.id))))
    spans = [(row["start"], row["end"]) for row, _ in rows]
    placed = place_all([Anchor(c.text, c.start, c.prefix, c.suffix) for c in claims], body, spans)
    firsts = first_placements(session, [c.id or 0 for c in claims])
    extracted = {(row["start"], row["end"]): mentions for row, mentions in rows}
    mentions = mentions_of(session, [c.id or 0 for c in claims])
    for claim, placement in zip(claims, placed, strict=True):
        _reanchor(session, actor, claim, placement, body, number, firsts[claim.id or 0],
                  mentions[claim.id or 0], extracted, outcome)
    _add_new_claims(session, actor, article_id, body, rows, placed, number, outcome)
    session.execute(sa.insert(ClaimPlacement.__table__), outcome.placements)  # type: ignore[attr-defined]
    before_title = article.title
    _store_revision(session, actor, article, body, sha, url, number, outcome, title)
    claims_changed_in_revision(session, ClaimsRevised(article_id, number, outcome.changed,
                                                      outcome.removed, outcome.new))
    return IngestResult(article_id, False, len(claims) + len(outcome.new),
                        title or before_title, number,
                        True, len(outcome.changed), len(outcome.removed), len(outcome.new))


def record_base_placements(session: Session, article: Article) -> None:
    """Placements at the current revision for claims that have none yet (every claim before
    the first revision; claims added by hand since the last one)."""
    missing = session.exec(
        select(Claim).outerjoin(ClaimPlacement, col(ClaimPlacement.claim_id) == col(Claim.id))
        .where(Claim.article_id == article.id, col(ClaimPlacement.id).is_(None))).all()
    status = "original" if article.revision == 1 else "new"
    values = [{"claim_id": c.id, "revision": article.revision, "revision_status": status,
               "start": c.start, "end": c.end, "text": c.text, "how": None,
               "mention_changes": None} for c in missing]
    if values:
        session.execute(sa.insert(ClaimPlacement.__table__), values)  # type: ignore[attr-defined]


def first_placements(session: Session, claim_ids: list[int]) -> dict[int, ClaimPlacement]:
    """Each claim's earliest placement: its words and place when first found."""
    firsts: dict[int, ClaimPlacement] = {}
    query = (select(ClaimPlacement).where(col(ClaimPlacement.claim_id).in_(claim_ids))
             .order_by(col(ClaimPlacement.claim_id), col(ClaimPlacement.revision).desc()))
    for placement in session.exec(query):
        firsts[placement.claim_id] = placement
    return firsts


def revision_status(first: ClaimPlacement, words: str | None, start: int | None) -> str:
    """The status of a claim whose words are now `words` at `start` (None: not found)."""
    if words is None:
        return "removed"
    if words != first.text:
        return "changed"
    if first.revision_status == "new":
        return "new"
    return "unchanged" if start == first.start else "moved"


def _reanchor(session: Session, actor: Actor, claim: Claim, placement: Placement | None,
              body: str, number: int, first: ClaimPlacement, mentions: list[Mention],
              extracted: dict[tuple[int, int], list[Row]], outcome: _Outcome) -> None:
    claim_id = claim.id or 0
    if placement is None:
        status = revision_status(first, None, None)
        outcome.placements.append(_placement(claim_id, number, status, None, None, claim.text))
        if claim.revision_status != "removed":
            outcome.removed.append(claim_id)
            _update_claim(session, actor, claim, {"revision_status": status}, number,
                          {"text": claim.text})
        return
    start, end = placement.start, placement.end
    words = body[start:end]
    status = revision_status(first, words, start)
    prefix, suffix = quote_context(body, start, end)
    values: dict[str, Any] = {"start": start, "end": end, "text": words, "prefix": prefix,
                              "suffix": suffix, "revision_status": status}
    changes: list[str] = []
    notes: list[dict[str, Any]] = []
    if words == claim.text:
        _shift_mentions(session, mentions, start - claim.start)
    else:
        changes = _replace_mentions(session, claim_id, mentions, extracted.get((start, end)),
                                    words, start)
        notes = _reanchor_notes(session, claim, words)
        outcome.changed.append(claim_id)
        if claim.status in REVIEWED_STATUSES:
            values.update(status="in_progress", approved_by_id=None)
    outcome.placements.append(_placement(claim_id, number, status, start, end, words,
                                         placement.how, changes or None))
    if words != claim.text or claim.revision_status == "removed":
        _update_claim(session, actor, claim, values, number,
                      {"changes": changes, **({"notes": notes} if notes else {})})
    elif any(getattr(claim, k) != v for k, v in values.items()):
        session.execute(sa.update(Claim).where(col(Claim.id) == claim_id).values(**values))


def _reanchor_notes(session: Session, claim: Claim, words: str) -> list[dict[str, Any]]:
    """Place the words each note quotes (offsets into the claim's text) in its new words,
    as claims are placed in a new body: the same words at the same place, elsewhere, or
    approximately; a quote not found loses its anchor (the note stays). Returns what moved,
    with the quoted words, for the claim's audit event."""
    moved: list[dict[str, Any]] = []
    quoted = session.exec(select(Note).where(Note.claim_id == claim.id,
                                             col(Note.quote_start).is_not(None))).all()
    for note in quoted:
        begin, finish = note.quote_start or 0, note.quote_end or 0
        anchor = Anchor(claim.text[begin:finish], begin, claim.text[max(0, begin - 32):begin],
                        claim.text[finish:finish + 32])
        placed = place_exactly(anchor, words) or place_approximately(anchor, words)
        span = (placed.start, placed.end) if placed else (None, None)
        if span == (begin, finish):
            continue
        session.execute(sa.update(Note).where(col(Note.id) == note.id)
                        .values(quote_start=span[0], quote_end=span[1]))
        moved.append({"note_id": note.id, "quoted": anchor.text, "from": [begin, finish],
                      "to": list(span) if placed else None})
    return moved


def _placement(claim_id: int, number: int, status: str, start: int | None, end: int | None,
               text: str, how: str | None = None,
               changes: list[str] | None = None) -> dict[str, Any]:
    return {"claim_id": claim_id, "revision": number, "revision_status": status, "start": start,
            "end": end, "text": text, "how": how, "mention_changes": changes}


def _update_claim(session: Session, actor: Actor, claim: Claim, values: dict[str, Any],
                  number: int, detail: dict[str, Any]) -> None:
    """Write a change of words or status (version + 1) and its audit event."""
    before = {"text": claim.text, "status": claim.status,
              "revision_status": claim.revision_status, "verdict": claim.verdict}
    session.execute(sa.update(Claim).where(col(Claim.id) == claim.id).values(
        **values, version=claim.version + 1, updated_at=utcnow(), updated_by_id=actor.user_id))
    after = {"revision": number, "text": values.get("text", claim.text),
             "status": values.get("status", claim.status),
             "revision_status": values["revision_status"], "verdict": claim.verdict, **detail}
    record_event(session, actor, entity="claim", entity_id=claim.id, claim_id=claim.id,
                 action="revision", before=before, after=after)


def _shift_mentions(session: Session, mentions: list[Mention], delta: int) -> None:
    if not delta or not mentions:
        return
    session.connection().execute(
        sa.update(Mention.__table__).where(Mention.__table__.c.id == sa.bindparam("mention_id"))  # type: ignore[attr-defined]
        .values(start=sa.bindparam("new_start"), end=sa.bindparam("new_end")),
        [{"mention_id": m.id, "new_start": m.start + delta, "new_end": m.end + delta}
         for m in mentions])


def _replace_mentions(session: Session, claim_id: int, old: list[Mention],
                      found: list[Row] | None, words: str, start: int) -> list[str]:
    """The changed claim's mentions: the extractor's for its new sentence, else the old
    mentions whose surface is still in its words. Returns what changed, in words."""
    if found is None:
        found = [_moved_mention(m, words, start) for m in old if m.surface in words]
    session.execute(sa.delete(Mention).where(col(Mention.claim_id) == claim_id))
    if found:
        session.execute(sa.insert(Mention.__table__),  # type: ignore[attr-defined]
                        [{**row, "claim_id": claim_id} for row in found])
    return mention_changes([mention_dict(m) for m in old],
                           [{**row, "date": row.get("date_value")} for row in found])


def _moved_mention(mention: Mention, words: str, start: int) -> Row:
    at = start + words.find(mention.surface)
    return {"kind": mention.kind, "surface": mention.surface, "start": at,
            "end": at + len(mention.surface), "value": mention.value, "unit": mention.unit,
            "qualifier": mention.qualifier, "date_value": mention.date_value,
            "speaker": mention.speaker}


def mention_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Mention values that differ, paired by kind in text order, e.g.
    `count 2,000 → 2,600 flight`; a mention with no partner is `removed` or `added`."""
    lines = []
    for kind in sorted({m["kind"] for m in old} | {m["kind"] for m in new}):
        before = [m for m in old if m["kind"] == kind]
        after = [m for m in new if m["kind"] == kind]
        for index in range(max(len(before), len(after))):
            was = before[index] if index < len(before) else None
            now = after[index] if index < len(after) else None
            line = _mention_change(kind, was, now)
            if line:
                lines.append(line)
    return lines


def _mention_change(kind: str, was: dict[str, Any] | None,
                    now: dict[str, Any] | None) -> str | None:
    if was is None and now is not None:
        return f"{kind} added: {now['surface']}"
    if now is None and was is not None:
        return f"{kind} removed: {was['surface']}"
    assert was is not None and now is not None
    if (was["surface"], was.get("value"), was.get("date")) == (now["surface"], now.get("value"),
                                                               now.get("date")):
        return None
    unit = f" {now['unit']}" if now.get("unit") and kind not in ("money", "percent") else ""
    return f"{kind} {was['surface']} → {now['surface']}{unit}"


def _add_new_claims(session: Session, actor: Actor, article_id: int, body: str,
                    rows: list[tuple[Row, list[Row]]], placed: list[Placement | None],
                    number: int, outcome: _Outcome) -> None:
    """Extracted claims that no re-anchored claim covers become claims with status `new`."""
    taken = [(p.start, p.end) for p in placed if p is not None]
    fresh = [(row, mentions) for row, mentions in rows
             if not any(row["start"] < end and start < row["end"] for start, end in taken)]
    ids = insert_claims(session, article_id, actor.user_id, fresh)
    if not ids:
        return
    session.execute(sa.update(Claim).where(col(Claim.id).in_(ids))
                    .values(revision_status="new"))
    for claim_id, (row, _) in zip(ids, fresh, strict=True):
        outcome.new.append(claim_id)
        outcome.placements.append(_placement(claim_id, number, "new", row["start"], row["end"],
                                             body[row["start"]:row["end"]], "extracted"))


def _store_revision(session: Session, actor: Actor, article: Article, body: str, sha: str,
                    url: str | None, number: int, outcome: _Outcome,
                    title: str | None = None) -> None:
    session.add(ArticleRevision(article_id=article.id or 0, number=number, body=body,
                                body_sha256=sha, url=url, ingested_by_id=actor.user_id,
                                changed_claims=len(outcome.changed),
                                removed_claims=len(outcome.removed),
                                new_claims=len(outcome.new)))
    before: dict[str, Any] = {"revision": number - 1, "sha256": article.body_sha256}
    values: dict[str, Any] = {"body": body, "body_sha256": sha, "revision": number}
    if article.url_canonical is None and url:
        values.update(url=url, url_canonical=canonical_url(url))
    retitled = bool(title) and title != article.title
    if retitled:
        values["title"] = title
        before["title"] = article.title
    result = session.execute(sa.update(Article).where(
        col(Article.id) == article.id, col(Article.revision) == number - 1).values(**values))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise EditConflict("article", article.id or 0, number - 1, number, None, None)
    record_event(session, actor, entity="article", entity_id=article.id, action="revise",
                 before=before,
                 after={"revision": number, "sha256": sha, "changed": len(outcome.changed),
                        "removed": len(outcome.removed), "new": len(outcome.new),
                        **({"title": title} if retitled else {})})


# ------------------------------------------------------------------------------ presenting

def revision_line(result: IngestResult) -> str:
    """`article ID: revision N (C changed, R removed, W new)`, as the CLI prints it."""
    return (f"article {result.article_id}: revision {result.revision} ({result.changed} "
            f"changed, {result.removed} removed, {result.new} new)")


def claim_place(claim: Claim) -> dict[str, Any]:
    """The claim's `revision_status`, `start` and `end` (null when removed) and `text`."""
    removed = claim.revision_status == "removed"
    return {"revision_status": claim.revision_status, "text": claim.text,
            "start": None if removed else claim.start, "end": None if removed else claim.end}
