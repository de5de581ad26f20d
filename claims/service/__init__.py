"""The service layer: the only code that changes data.

Every operation checks the actor's role, guards claims with optimistic versions and writes
an audit event in the same transaction as the change. The dashboard and the CLI call these
functions and nothing below them.

The names below are loaded on first use (PEP 562), so that `import claims.service.x` does
not import every operation (and the extractor) with it: the CLI starts faster.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: public name → the module of claims.service that defines it
_WHERE = {name: module for module, names in {
    "actors": ("Actor", "actor_for", "local_actor", "local_user_name"),
    "articles": ("ArticleInput", "IngestResult", "ingest_article"),
    "corrections": ("add_claim", "anchor_text", "delete_mention", "update_mention"),
    "queries": ("ClaimDetail", "ClaimFilter", "ClaimRow", "claim_history", "claim_version",
                "count_claims", "counts_by", "get_article", "get_claim", "list_articles",
                "list_claims"),
    "review": ("ClaimChange", "add_note", "approve_verdict", "assign", "dismiss",
               "edit_rationale", "propose_verdict", "reopen", "send_back", "set_status"),
    "users": ("add_user", "authenticate", "list_users", "update_user"),
}.items() for name in names}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'claims.service' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"claims.service.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


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
