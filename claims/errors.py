"""The one exception hierarchy of claim desk.

    ClaimsError
     ├── NotFound        no such article, claim, user, evidence or note
     ├── Forbidden       the actor's role does not allow the operation
     ├── EditConflict    someone saved a newer version first (says who and when)
     ├── BadInput        the input cannot be used (empty, binary, too big, bad date, ...)
     │    └── ImportRefused  an import file has bad items (one problem per item); nothing stored
     ├── FetchRefused    an evidence or article URL was refused or could not be fetched
     ├── StorageError    the database could not do what was asked
     └── SettingError    a CLAIMS_* environment variable holds a value that cannot be used

Library code raises these; only the CLI and the dashboard catch them and show `str(error)`,
which is always one line that says what went wrong and, where it helps, what to do next.
"""

from __future__ import annotations

from datetime import datetime


class ClaimsError(Exception):
    """Base of every error claim desk raises on purpose."""


class NotFound(ClaimsError):
    """The thing asked for does not exist."""


class Forbidden(ClaimsError):
    """The actor's role does not allow this operation."""


class BadInput(ClaimsError):
    """The input cannot be used as given."""


class ImportRefused(BadInput):
    """An import file was refused whole; `problems` holds one line per bad item."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        super().__init__(f"{source}: nothing imported, {len(problems)} bad item(s): {shown}")


class FetchRefused(ClaimsError):
    """A URL was refused by the safety rules or could not be fetched."""


class StorageError(ClaimsError):
    """The database failed in a way the caller cannot fix by changing the input."""


class SettingError(ClaimsError):
    """A setting from the environment cannot be used (names the variable and what it takes)."""


class EditConflict(ClaimsError):
    """The version the actor saw is stale: someone else saved a change first."""

    def __init__(
        self,
        entity: str,
        entity_id: int,
        seen_version: int,
        current_version: int,
        changed_by: str | None,
        changed_at: datetime | None,
    ) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.seen_version = seen_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if changed_at else "an unknown time"
        who = changed_by or "someone"
        super().__init__(
            f"{entity} {entity_id} was changed by {who} at {when} "
            f"(you saw version {seen_version}, it is now {current_version}); "
            "reload it and apply your change again"
        )
