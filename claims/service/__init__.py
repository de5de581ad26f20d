"""The service layer: the only code that changes data.

Every operation checks the actor's role, guards claims with optimistic versions and writes
an audit event in the same transaction as the change. The dashboard and the CLI call these
functions and nothing below them.
"""

from sqlmodel import Session

from claims.service import findings as _findings
from claims.service import matching as _matching
from claims.service import revisions as _revisions
from claims.service.actors import Actor, actor_for, local_actor, local_user_name
from claims.service.articles import ArticleInput, IngestResult, ingest_article
from claims.service.corrections import add_claim, anchor_text, delete_mention, update_mention
from claims.service.queries import (
    ClaimDetail,
    ClaimFilter,
    ClaimRow,
    claim_history,
    claim_version,
    count_claims,
    counts_by,
    get_article,
    get_claim,
    list_articles,
    list_claims,
)
from claims.service.review import (
    ClaimChange,
    add_note,
    approve_verdict,
    assign,
    dismiss,
    edit_rationale,
    propose_verdict,
    reopen,
    send_back,
    set_status,
)
from claims.service.users import add_user, authenticate, list_users, update_user


def _rematch_revised(session: Session, revised: _revisions.ClaimsRevised) -> None:
    """A revision changed or added claims: their cross-article links are made afresh."""
    _matching.match_stored_claims(session, [*revised.changed_ids, *revised.new_ids])


def _recheck_revised(session: Session, revised: _revisions.ClaimsRevised) -> None:
    """A revision arrived: the consistency checks run again on the new body."""
    _findings.refresh_findings(session, revised.article_id)


_revisions.REVISION_HOOKS.extend((_rematch_revised, _recheck_revised))

__all__ = [
    "Actor",
    "ArticleInput",
    "ClaimChange",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimRow",
    "IngestResult",
    "actor_for",
    "add_claim",
    "add_note",
    "add_user",
    "anchor_text",
    "approve_verdict",
    "assign",
    "authenticate",
    "claim_history",
    "claim_version",
    "count_claims",
    "counts_by",
    "delete_mention",
    "dismiss",
    "edit_rationale",
    "get_article",
    "get_claim",
    "ingest_article",
    "list_articles",
    "list_claims",
    "list_users",
    "local_actor",
    "local_user_name",
    "propose_verdict",
    "reopen",
    "send_back",
    "set_status",
    "update_mention",
    "update_user",
]
