"""Turning stored values into safe, readable text and HTML for the pages.

Every piece of user text that goes into HTML passes through `html.escape`; the only tags
in the result are the ones written here. Markdown gets `md_escape`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claims.extract.invisible import INVISIBLE
from claims.models import AuditEvent

STATUS_COLOURS = {
    "new": "#dbe4ee",
    "in_progress": "#fde68a",
    "needs_approval": "#fdba74",
    "approved": "#86efac",
    "dismissed": "#e5e7eb",
}
VERDICT_COLOURS = {
    "true": "#4ade80",
    "mostly_true": "#a3e635",
    "half_true": "#facc15",
    "misleading": "#fb923c",
    "mostly_false": "#f87171",
    "false": "#ef4444",
    "unverifiable": "#c4b5fd",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def label(value: str | None) -> str:
    """`needs_approval` → `needs approval`; None → `—`."""
    return value.replace("_", " ") if value else "—"


def md_escape(text: str) -> str:
    """User text made literal for st.markdown: every markdown character backslash-escaped,
    line breaks kept."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "  \n".join(escaped.splitlines()) if "\n" in escaped else escaped


def claim_colour(status: str, verdict: str | None) -> str:
    """Approved or proposed claims take their verdict's colour; others their status's."""
    if verdict and status in ("approved", "needs_approval"):
        return VERDICT_COLOURS.get(verdict, STATUS_COLOURS["approved"])
    return STATUS_COLOURS.get(status, "#e5e7eb")


def text_block(text: str) -> str:
    """Escaped text as HTML paragraphs (blank lines split them, single breaks kept)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of a text: offsets, colour, tooltip, an optional link, and
    stretches inside it to underline (same offsets as `start` and `end`)."""

    start: int
    end: int
    colour: str
    title: str = ""
    href: str | None = None
    tag: str = ""
    underline: tuple[tuple[int, int], ...] = ()


def highlight(text: str, spans: list[Span], offset: int = 0) -> str:
    """`text` as escaped HTML with each span wrapped in <mark> (spans relative to `offset`).

    Overlapping spans: a later span starting inside an earlier one is skipped.
    """
    pieces: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = span.start - offset, span.end - offset
        if start < at or end <= start or start < 0 or end > len(text):
            continue
        pieces.append(_escaped(text[at:start]))
        pieces.append(_mark(text[start:end], span, span.start))
        at = end
    pieces.append(_escaped(text[at:]))
    return "".join(pieces)


def show_invisible(markup: str) -> str:
    """HTML with each invisible format character (zero-width space, bidi control...: see
    claims.extract.invisible) shown as a small red code such as [U+200B], named in its
    tooltip, so a reviewer sees why "4\\u200b1" looks like 41 but is stored otherwise."""
    def shown(match: re.Match[str]) -> str:
        char = match.group()
        name = unicodedata.name(char, "format character").lower()
        return (f'<span title="{name}" style="color:#b91c1c;font:0.75em monospace">'
                f"[U+{ord(char):04X}]</span>")

    return INVISIBLE.sub(shown, markup)


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n\n", "</p><p>").replace("\n", "<br>")


def _underlined(text: str, ranges: tuple[tuple[int, int], ...], offset: int) -> str:
    """Escaped `text` with each (start, end) range, relative to `offset`, in <u>."""
    pieces, at = [], 0
    for start, end in sorted((s - offset, e - offset) for s, e in ranges):
        if start < at or end <= start or start < 0 or end > len(text):
            continue
        pieces += [_escaped(text[at:start]), f"<u>{_escaped(text[start:end])}</u>"]
        at = end
    return "".join(pieces) + _escaped(text[at:])


def _mark(text: str, span: Span, offset: int) -> str:
    style = f"background:{span.colour};padding:0 2px;border-radius:3px"
    inner = _underlined(text, span.underline, offset)
    if span.tag:
        inner += f"<sup><b>{html.escape(span.tag)}</b></sup>"
    mark = f'<mark style="{style}" title="{html.escape(span.title)}">{inner}</mark>'
    if span.href:
        return (f'<a href="{html.escape(span.href)}" target="_blank" rel="noopener" '
                f'style="color:inherit">{mark}</a>')
    return mark


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines, or lines) that holds body[start:end]."""
    before = body.rfind("\n", 0, start)
    after = body.find("\n", end)
    return before + 1, len(body) if after == -1 else after


def browser_zone(name: str | None) -> tzinfo:
    """The browser's time zone if Streamlit reported one, else UTC."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def when(moment: datetime | None, zone: tzinfo = UTC, today: date | None = None) -> str:
    """`10:42` today, `2026-11-24 10:42` on other days (in `zone`)."""
    if moment is None:
        return "—"
    local = moment.astimezone(zone)
    if local.date() == (today or datetime.now(zone).date()):
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


#: audit actions that read the same whatever their details
_PLAIN_VERBS = {
    "approve": "approved the verdict",
    "send_back": "sent the verdict back",
    "reopen": "reopened the claim",
    "edit_rationale": "edited the rationale",
    "add_note": "added a note",
    "add_claim": "added this claim by hand",
    "update_evidence": "changed an evidence item",
    "quote_evidence": "quoted from an evidence item",
    "clear_evidence_alert": "marked the evidence changes as seen",
    "recheck_change": "found that an evidence page changed",
}


def _verb(event: AuditEvent, names: dict[int, str]) -> str:
    after: dict[str, Any] = event.after or {}
    before: dict[str, Any] = event.before or {}
    if event.action in _PLAIN_VERBS:
        return _PLAIN_VERBS[event.action]
    match event.action:
        case "propose_verdict":
            return f"proposed *{md_escape(label(after.get('verdict')))}*"
        case "set_status":
            return f"moved it to *{md_escape(label(after.get('status')))}*"
        case "assign":
            return _assign_verb(after, names)
        case "add_evidence" | "upload_evidence":
            source = after.get("title") or after.get("url") or after.get("file_name") or ""
            return f"added evidence “{md_escape(str(source))}”"
        case "edit_mention":
            changed = ", ".join(f"{k} {readable(before.get(k))} → {readable(v)}"
                                for k, v in after.items())
            return f"corrected a mention ({md_escape(changed)})"
        case "delete_mention":
            return f"deleted the mention “{md_escape(str(before.get('surface', '')))}”"
    return md_escape(event.action.replace("_", " "))


def readable(value: Any) -> str:
    """A stored value as people write it: `4000000000.0` → `4,000,000,000`, `0.5` → `0.5`,
    None → `—`."""
    if value is None:
        return "—"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:,.15g}"
    return str(value)


def _assign_verb(after: dict[str, Any], names: dict[int, str]) -> str:
    parts = []
    if "assignee_id" in after:
        who = names.get(after["assignee_id"], "someone") if after["assignee_id"] else None
        parts.append(f"assigned it to {md_escape(who)}" if who else "cleared the assignee")
    if "due_on" in after:
        due = after["due_on"]
        parts.append(f"set the due date to {md_escape(str(due))}" if due
                     else "cleared the due date")
    return " and ".join(parts) or "assigned the claim"


def history_line(event: AuditEvent, names: dict[int, str] | None = None, zone: tzinfo = UTC,
                 today: date | None = None) -> str:
    """One audit event as markdown: `asha proposed *false* — 10:42` (user text escaped).

    `names` maps user ids to names, for assignments.
    """
    verb = _verb(event, names or {})
    return f"**{md_escape(event.actor_name)}** {verb} — {when(event.at, zone, today)}"
