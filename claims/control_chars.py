"""The one rule for control characters in stored text: each is replaced by a space.

Control characters (C0 except tab, line feed and carriage return; DEL; C1) never belong in
an article, a title or a note; NUL cannot even be stored by PostgreSQL. They are replaced
one for one by a space — never deleted — so every offset into a text stays where it was
(claims and mentions keep pointing at the same words), and the caller warns the user how
many were replaced. Ingest applies this to every text it stores, and so does restoring a
dump, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def blank_controls(text: str) -> tuple[str, int]:
    """`text` with each control character replaced by a space, and how many there were."""
    return CONTROL.subn(" ", text)


def blank_in(value: Any) -> tuple[Any, int]:
    """The same for a str, or every str inside a JSON-like list or dict (keys included)."""
    if isinstance(value, str):
        return blank_controls(value)
    if isinstance(value, list):
        pairs = [blank_in(item) for item in value]
        return [item for item, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        total, cleaned = 0, {}
        for key, item in value.items():
            new_key, n_key = blank_in(key)
            new_item, n_item = blank_in(item)
            cleaned[new_key] = new_item
            total += n_key + n_item
        return cleaned, total
    return value, 0


def blanked_warning(count: int, where: str) -> str:
    """The user's one line about replaced characters ('' when there were none)."""
    if not count:
        return ""
    plural = "" if count == 1 else "s"
    return (f"{where}: {count} control character{plural} (such as NUL) replaced by "
            f"space{plural}")
