"""The desk's fixed words: roles, workflow statuses, verdicts, stances and kinds.

Kept apart from `claims.models` (which re-exports them) so that the command line can show
them in its help without importing the ORM.
"""

from __future__ import annotations

ROLES = ("viewer", "checker", "editor", "admin")
STATUSES = ("new", "in_progress", "needs_approval", "approved", "dismissed")
VERDICTS = ("true", "mostly_true", "half_true", "misleading", "mostly_false", "false",
            "unverifiable")
STANCES = ("supports", "refutes", "context")
CLAIM_KINDS = ("casualty", "money", "statistic", "date", "quote", "statement")
MENTION_KINDS = ("count", "money", "percent", "measure", "ordinal", "vague", "date", "quote")
