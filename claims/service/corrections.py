"""Hand-made corrections: claims a checker adds by their exact words, mentions fixed or removed."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from claims import extract
from claims.errors import BadInput, NotFound
from claims.models import CLAIM_KINDS, Article, Claim, Mention
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.articles import insert_claims, mention_row, quote_context
from claims.service.audit import record_event
from claims.service.review import ClaimChange, bump_version, check_version, load_claim
from claims.store import write_session

MENTION_FIELDS = ("kind", "value", "unit", "qualifier", "date_value", "speaker")


def anchor_text(body: str, words: str) -> tuple[int, int]:
    """Where `words` stand in `body`: exactly, else with any run of whitespace matching any
    other. Raises BadInput when they are not there."""
    words = words.strip()
    if not words:
        raise BadInput("type or paste the claim's exact words")
    at = body.find(words)
    if at != -1:
        return at, at + len(words)
    pattern = r"\s+".join(re.escape(part) for part in words.split())
    match = re.search(pattern, body)
    if match is None:
        raise BadInput("these words are not in the article; paste them exactly as printed")
    return match.start(), match.end()


def add_claim(engine: Engine, actor: Actor, article_id: int, *, words: str,
              kind: str = "statement") -> Claim:
    """Add a claim the extractor missed, anchored where `words` stand in the article."""
    require(actor.role, "annotate", actor.name)
    if kind not in CLAIM_KINDS:
        raise BadInput(f"unknown claim kind {kind!r}; choose one of {', '.join(CLAIM_KINDS)}")
    with write_session(engine) as session:
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        start, end = anchor_text(article.body, words)
        prefix, suffix = quote_context(article.body, start, end)
        row = {"kind": kind, "text": article.body[start:end], "start": start, "end": end,
               "prefix": prefix, "suffix": suffix, "score": 1.0, "reason": "added by a checker"}
        mentions = [mention_row(m) for m in extract.extract_mentions(article.body,
                                                                     article.published_on)
                    if start <= m.start and m.end <= end]
        [claim_id] = insert_claims(session, article_id, actor.user_id, [(row, mentions)],
                                   origin="manual")
        claim = load_claim(session, claim_id)
        if article.revision > 1:  # found after the article was revised (see revisions)
            claim.revision_status = "new"
        record_event(session, actor, entity="claim", entity_id=claim.id, claim_id=claim.id,
                     action="add_claim", after={"text": claim.text, "kind": kind,
                                                "start": start, "end": end})
    return claim


def _load_mention(session: Session, mention_id: int) -> Mention:
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound(f"no mention with id {mention_id}")
    return mention


def _bump(session: Session, actor: Actor, claim: Claim, seen_version: int, action: str,
          before: dict[str, Any], after: dict[str, Any], mention_id: int | None) -> None:
    """Version the claim for a change to one of its mentions, and audit that change."""
    bump_version(session, actor, claim, seen_version, {})
    record_event(session, actor, entity="mention", entity_id=mention_id, claim_id=claim.id,
                 action=action, before=before, after=after)


def update_mention(engine: Engine, actor: Actor, mention_id: int, *, seen_version: int,
                   **fields: Any) -> ClaimChange:
    """Correct a mention's normalised fields (value, unit, qualifier, date_value, speaker, kind).

    `seen_version` is the version of the mention's claim; the claim's version goes up.
    """
    require(actor.role, "annotate", actor.name)
    unknown = set(fields) - set(MENTION_FIELDS)
    if unknown:
        raise BadInput(f"a mention has no field {', '.join(sorted(unknown))}")
    with write_session(engine) as session:
        mention = _load_mention(session, mention_id)
        claim = load_claim(session, mention.claim_id)
        check_version(session, claim, seen_version)
        before = {k: getattr(mention, k) for k, v in fields.items() if getattr(mention, k) != v}
        if not before:
            return ClaimChange(claim, False)
        after = {k: fields[k] for k in before}
        _bump(session, actor, claim, seen_version, "edit_mention", before, after, mention_id)
        for key, value in after.items():
            setattr(mention, key, value)
        if "speaker" in after:  # the extractor's cue no longer explains a speaker set by hand
            mention.cue_start = mention.cue_end = None
        session.add(mention)
        session.refresh(claim)
    return ClaimChange(claim, True)


def delete_mention(engine: Engine, actor: Actor, mention_id: int, *,
                   seen_version: int) -> ClaimChange:
    """Remove a wrongly found mention from its claim."""
    require(actor.role, "annotate", actor.name)
    with write_session(engine) as session:
        mention = _load_mention(session, mention_id)
        claim = load_claim(session, mention.claim_id)
        check_version(session, claim, seen_version)
        before = {k: getattr(mention, k) for k in ("surface", "start", "end", *MENTION_FIELDS)}
        _bump(session, actor, claim, seen_version, "delete_mention", before, {}, mention_id)
        session.delete(mention)
        session.flush()
        session.refresh(claim)
    return ClaimChange(claim, True)
