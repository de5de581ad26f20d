"""The report's revision section: that the article was revised, when, and what changed for
the claims that had been reviewed. User text is escaped for the format it lands in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC

from sqlalchemy.engine import Engine

from claims.export.safety import html_text as h
from claims.export.safety import markdown_text as md
from claims.service.revision_history import (
    ReviewedChange,
    RevisionSummary,
    list_revisions,
    reviewed_changes,
)


@dataclass(slots=True)
class RevisionSection:
    revisions: list[RevisionSummary] = field(default_factory=list)
    changes: list[ReviewedChange] = field(default_factory=list)

    @property
    def revised(self) -> bool:
        return len(self.revisions) > 1


def read_revision_section(engine: Engine, article_id: int) -> RevisionSection:
    return RevisionSection(list_revisions(engine, article_id),
                           reviewed_changes(engine, article_id))


def _revision_line(revision: RevisionSummary) -> str:
    at = revision.ingested_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Revision {revision.number}, {at}" + (f" by {revision.ingested_by}"
                                                   if revision.ingested_by else "")
            + f": {revision.changed} claims changed, {revision.removed} removed, "
            f"{revision.new} new")


def summary_line(section: RevisionSection) -> str:
    latest = section.revisions[-1]
    at = latest.ingested_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"This article was revised: the report reads revision {latest.number}, "
            f"stored {at}.")


def _change_line(change: ReviewedChange) -> str:
    verdict = (change.verdict or "").replace("_", " ")
    how = "its words were removed" if change.revision_status == "removed" else "its words changed"
    return (f"Claim {change.claim_id} (verdict {verdict}, now {change.status.replace('_', ' ')}):"
            f" in revision {change.revision} {how}")


def html_section(section: RevisionSection) -> str:
    if not section.revised:
        return ""
    items = "".join(f"<li>{h(_revision_line(r))}</li>" for r in section.revisions)
    changes = "".join(
        f"<li>{h(_change_line(c))}: <del>{h(c.before)}</del>"
        + ("" if c.revision_status == "removed" else f" → <ins>{h(c.after)}</ins>")
        + "".join(f"<br>{h(line)}" for line in c.mention_changes) + "</li>"
        for c in section.changes)
    reviewed = (f"<h3>Reviewed claims that changed</h3><ul>{changes}</ul>" if changes
                else "<p>No reviewed claim changed.</p>")
    return (f"<section><h2>Revisions</h2><p>{h(summary_line(section))}</p><ul>{items}</ul>"
            f"{reviewed}</section>")


def markdown_section(section: RevisionSection) -> list[str]:
    if not section.revised:
        return []
    lines = ["## Revisions", "", md(summary_line(section)), ""]
    lines += [f"- {md(_revision_line(r))}" for r in section.revisions]
    lines += ["", "### Reviewed claims that changed", ""]
    for c in section.changes:
        after = "" if c.revision_status == "removed" else f" → “{md(c.after)}”"
        lines.append(f"- {md(_change_line(c))}: “{md(c.before)}”{after}")
        lines += [f"  - {md(line)}" for line in c.mention_changes]
    if not section.changes:
        lines.append("No reviewed claim changed.")
    return [*lines, ""]
