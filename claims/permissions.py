"""Who may do what: roles are ordered, each one may do everything the roles below it may."""

from __future__ import annotations

from claims.errors import Forbidden
from claims.models import ROLES

#: permission → the least role that holds it
PERMISSIONS: dict[str, str] = {
    "read": "viewer",
    "ingest": "checker",
    "annotate": "checker",  # notes, evidence, status, add or correct claims and mentions
    "propose": "checker",
    "approve": "editor",  # approve, send back, reopen an approved claim
    "assign": "editor",
    "manage_users": "admin",
    "configure": "admin",
}

_WHAT = {
    "read": "read claims",
    "ingest": "ingest articles",
    "annotate": "change claims, notes or evidence",
    "propose": "propose verdicts",
    "approve": "approve or send back verdicts",
    "assign": "assign claims",
    "manage_users": "manage users",
    "configure": "change settings",
}


def role_allows(role: str, permission: str) -> bool:
    """True if `role` holds `permission`."""
    least = PERMISSIONS[permission]
    return role in ROLES and ROLES.index(role) >= ROLES.index(least)


def require(role: str, permission: str, who: str) -> None:
    """Raise Forbidden unless `role` holds `permission`."""
    if not role_allows(role, permission):
        raise Forbidden(
            f"{who} is a {role} and may not {_WHAT[permission]} "
            f"(needs the {PERMISSIONS[permission]} role or higher)"
        )
