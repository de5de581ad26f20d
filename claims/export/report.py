"""One article's report, as a self-contained printable HTML page or as Markdown.

The report holds the article's metadata; a summary (claims by verdict and by status, how
many approved); and every claim with its quote in context, kind, normalised values,
verdict and rationale, evidence (title, publisher, date, link, archived snapshot's date and
hash), checker, approving editor and dates. The HTML page also embeds the ClaimReview
JSON-LD of the approved claims. All user text is escaped for the format it lands in.
Building a report only reads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Engine

from claims.errors import BadInput
from claims.export.claimreview import ClaimReviewExport, claim_reviews
from claims.export.findings_report import html_findings, markdown_findings
from claims.export.records import ClaimRecord, iter_claims
from claims.export.report_revisions import (
    RevisionSection,
    html_section,
    markdown_section,
    read_revision_section,
)
from claims.export.safety import html_text as h
from claims.export.safety import json_for_script
from claims.export.safety import markdown_text as md
from claims.models import STATUSES, VERDICTS, Article, Evidence
from claims.service.matching import checked_before_notes
from claims.service.queries import ClaimFilter, get_article
from claims.settings import Settings

FORMATS = ("html", "md")
CONTEXT_CHARS = 160
NO_VERDICT = "no verdict"


@dataclass(slots=True)
class ArticleReport:
    """Everything a report shows, read in one pass."""

    article: Article
    claims: list[ClaimRecord]
    generated_at: datetime
    revisions: RevisionSection = field(default_factory=RevisionSection)

    @property
    def by_status(self) -> dict[str, int]:
        counts = Counter(record.status for record in self.claims)
        return {status: counts[status] for status in STATUSES if counts[status]}

    @property
    def by_verdict(self) -> dict[str, int]:
        """Approved verdicts only: a proposal is not a finding until an editor approves it."""
        counts = Counter(finding(record) or NO_VERDICT for record in self.claims)
        return {v: counts[v] for v in (*VERDICTS, NO_VERDICT) if counts[v]}

    @property
    def by_proposal(self) -> dict[str, int]:
        """Verdicts proposed and not (yet) approved."""
        counts = Counter(record.verdict for record in self.claims if is_proposal(record))
        return {v: counts[v] for v in VERDICTS if counts[v]}

    @property
    def approved(self) -> int:
        return sum(1 for record in self.claims if record.status == "approved")


def finding(record: ClaimRecord) -> str | None:
    """The claim's verdict once an editor approved it, else None."""
    return record.verdict if record.status == "approved" else None


def is_proposal(record: ClaimRecord) -> bool:
    return record.verdict is not None and record.status != "approved"


def verdict_text(record: ClaimRecord) -> str:
    """`false` when approved, `proposed: false (not approved)` for a proposal."""
    if not record.verdict:
        return NO_VERDICT
    if is_proposal(record):
        return f"proposed: {_label(record.verdict)} (not approved)"
    return _label(record.verdict)


def build_report(engine: Engine, article_id: int) -> ArticleReport:
    """The article with its claims (in text order) and their evidence; raises NotFound."""
    article = get_article(engine, article_id)
    claims = list(iter_claims(engine, ClaimFilter(article_id=article_id), evidence=True))
    notes = checked_before_notes(engine, [record.id for record in claims])
    for record in claims:
        record.checked_before = notes.get(record.id)
    return ArticleReport(article, claims, datetime.now(UTC).replace(microsecond=0),
                         read_revision_section(engine, article_id))


def quote_in_context(body: str, start: int, end: int,
                     width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, quote, after): the quote with up to `width` characters each side, cut at words."""
    before = body[max(0, start - width) : start]
    if start > width and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    after = body[end : end + width]
    if end + width < len(body) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return _flat(before), _flat(body[start:end]), _flat(after)


def record_quote(record: ClaimRecord, body: str) -> tuple[str, str, str]:
    """The claim's quote in context; a claim removed by a revision has only its last words."""
    if record.revision_status == "removed":
        return "", _flat(record.text), " (removed in a later revision)"
    return quote_in_context(body, record.start, record.end)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def normalised(mention: dict[str, Any]) -> str:
    """A mention's normalised reading, e.g. `at least 41 person` or `2024-07-08`."""
    parts = []
    if mention.get("qualifier") and mention["qualifier"] != "exact":
        parts.append(mention["qualifier"].replace("_", " "))
    value = mention.get("value")
    if value is not None:
        parts.append(f"{value:,}" if isinstance(value, int) else f"{value:,.6g}")
    if mention.get("unit"):
        parts.append(str(mention["unit"]))
    if mention.get("date"):
        parts.append(str(mention["date"]))
    if mention.get("speaker"):
        parts.append(f"said by {mention['speaker']}")
    return " ".join(parts) or "—"


def _label(name: str) -> str:
    return name.replace("_", " ")


def _when(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _safe_link(url: str | None) -> str | None:
    """`url` if it is an http(s) address that can be a link; None otherwise."""
    if url and re.match(r"https?://[^\s<>\"']+$", url):
        return url
    return None


def _metadata(article: Article) -> list[tuple[str, str | None]]:
    return [("Outlet", article.outlet), ("Author", article.author),
            ("Published", _when(article.published_on)), ("URL", article.url),
            ("Source", article.source_name), ("Ingested", _when(article.ingested_at)),
            ("Body SHA-256", article.body_sha256)]


def _people_and_dates(record: ClaimRecord) -> list[tuple[str, str | None]]:
    return [("Checker", record.proposed_by), ("Approved by", record.approved_by),
            ("Assignee", record.assignee), ("Created", _when(record.created_at)),
            ("Approved", _when(record.approved_at)), ("Last change", _when(record.updated_at))
            ] + ([("Checked before", record.checked_before)] if record.checked_before else [])


def _evidence_facts(row: Evidence) -> list[tuple[str, str | None]]:
    return [("Publisher", row.publisher), ("Published", _when(row.published_on)),
            ("Stance", row.stance), ("Snapshot taken", _when(row.fetched_at)),
            ("Snapshot SHA-256", row.sha256)]


# ---------------------------------------------------------------------------------- HTML

STYLE = """
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6670; --line: #d8dee4;
        --mark: #fff3b0; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem;
     margin-top: 2rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
           margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 1.5rem .5rem 0; display: inline-table;
        vertical-align: top; }
th, td { border: 1px solid var(--line); padding: .2rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
article.claim { border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem;
                margin: 1rem 0; break-inside: avoid; }
blockquote { margin: .5rem 0; padding: .5rem .9rem; border-left: 4px solid var(--line);
             color: var(--muted); }
blockquote mark { background: var(--mark); color: var(--ink); padding: 0 .1rem; }
.verdict { display: inline-block; font-weight: 600; padding: .05rem .5rem;
           border-radius: 3px; background: #eef2f6; }
.verdict-true, .verdict-mostly_true { background: #dcf3e3; color: #11572a; }
.verdict-half_true, .verdict-misleading { background: #fdf0d2; color: #6b4a00; }
.verdict-mostly_false, .verdict-false { background: #fbe0de; color: #8a1c14; }
.muted { color: var(--muted); }
ul.evidence { padding-left: 1.2rem; }
a { color: var(--accent); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
  article.claim { border-color: #999; }
}
"""


def _html_facts(facts: list[tuple[str, str | None]]) -> str:
    rows = "".join(f"<dt>{h(name)}</dt><dd>{h(value) if value else '—'}</dd>"
                   for name, value in facts)
    return f'<dl class="facts">{rows}</dl>'


def _html_counts(title: str, counts: dict[str, int]) -> str:
    rows = "".join(f'<tr><td>{h(_label(k))}</td><td class="n">{n}</td></tr>'
                   for k, n in counts.items())
    return (f"<table><thead><tr><th>{h(title)}</th><th>claims</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _html_link(url: str | None, text: str | None) -> str:
    link = _safe_link(url)
    label = h(text or url or "(no title)")
    return f'<a href="{h(link)}" rel="noopener noreferrer">{label}</a>' if link else label


def _html_evidence(rows: list[Evidence]) -> str:
    if not rows:
        return '<p class="muted">No evidence linked.</p>'
    items = []
    for row in rows:
        facts = "; ".join(f"{h(name)}: {h(value)}" for name, value in _evidence_facts(row)
                          if value and value != "—")
        note = f"<br>{h(row.note)}" if row.note else ""
        items.append(f"<li>{_html_link(row.final_url or row.url, row.title)}"
                     f'<br><span class="muted">{facts}</span>{note}</li>')
    return f'<ul class="evidence">{"".join(items)}</ul>'


def _html_claim(record: ClaimRecord, body: str) -> str:
    before, quote, after = record_quote(record, body)
    verdict = verdict_text(record)
    mentions = "".join(f"<li><q>{h(m['surface'])}</q> — {h(m['kind'])}: "
                       f"{h(normalised(m))}</li>" for m in record.mentions)
    rationale = (f"<p><strong>Rationale:</strong> {h(record.rationale)}</p>"
                 if record.rationale else "")
    return (
        f'<article class="claim" id="claim-{record.id}">'
        f"<h3>Claim {record.id} · {h(_label(record.kind))} · "
        f'<span class="verdict verdict-{h(finding(record) or "none")}">{h(verdict)}</span> · '
        f'<span class="muted">{h(_label(record.status))}</span></h3>'
        f"<blockquote>{h(before)}<mark>{h(quote)}</mark>{h(after)}</blockquote>"
        f"{f'<ul>{mentions}</ul>' if mentions else ''}{html_findings(record.findings)}"
        f"{rationale}"
        f"<h3>Evidence</h3>{_html_evidence(record.evidence)}"
        f"{_html_facts(_people_and_dates(record))}</article>"
    )


def _json_ld(report: ArticleReport, settings: Settings) -> str:
    approved = [record for record in report.claims if record.status == "approved"]
    items = list(claim_reviews(approved, settings, ClaimReviewExport()))
    if not items:
        return ""
    return f'<script type="application/ld+json">\n{json_for_script(items)}\n</script>'


def render_html(report: ArticleReport, settings: Settings) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts but JSON-LD)."""
    article = report.article
    title = article.title or f"Article {article.id}"
    claims = "".join(_html_claim(record, article.body) for record in report.claims)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Fact-check report: {h(title)}</title><style>{STYLE}</style>"
        f"{_json_ld(report, settings)}</head><body>"
        f"<header><p class=\"muted\">Fact-check report · {h(settings.org_name)}</p>"
        f"<h1>{h(title)}</h1>{_html_facts(_metadata(article))}</header>"
        f"<section><h2>Summary</h2><p>{len(report.claims)} claims, "
        f"{report.approved} approved.</p>{_html_counts('verdict', report.by_verdict)}"
        f"{_html_counts('proposed verdict', report.by_proposal) if report.by_proposal else ''}"
        f"{_html_counts('status', report.by_status)}</section>"
        f"{html_section(report.revisions)}"
        f"<section><h2>Claims</h2>{claims or '<p>No claims.</p>'}</section>"
        f"<footer>Generated {h(_when(report.generated_at))} by claim desk.</footer>"
        "</body></html>\n"
    )


# ------------------------------------------------------------------------------ Markdown

def _md_facts(facts: list[tuple[str, str | None]]) -> list[str]:
    return [f"- **{md(name)}:** {md(value) if value else '—'}" for name, value in facts]


def _md_counts(title: str, counts: dict[str, int]) -> list[str]:
    return [f"| {title} | claims |", "| --- | ---: |",
            *(f"| {md(_label(k))} | {n} |" for k, n in counts.items()), ""]


def _md_link(url: str | None, text: str | None) -> str:
    link = _safe_link(url)
    label = md(text or url or "(no title)")
    return f"[{label}](<{link}>)" if link else label


def _md_evidence(rows: list[Evidence]) -> list[str]:
    if not rows:
        return ["No evidence linked.", ""]
    lines = []
    for row in rows:
        facts = "; ".join(f"{md(name)}: {md(value)}" for name, value in _evidence_facts(row)
                          if value and value != "—")
        lines.append(f"- {_md_link(row.final_url or row.url, row.title)} — {facts}")
        if row.note:
            lines.append(f"  {md(row.note)}")
    return [*lines, ""]


def _md_edges(text: str) -> str:
    """`text` escaped, keeping one space at either edge where it had whitespace."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return f"{lead}{md(text)}{trail}"


def _md_claim(record: ClaimRecord, body: str) -> list[str]:
    before, quote, after = record_quote(record, body)
    verdict = verdict_text(record)
    lines = [f"### Claim {record.id} · {md(_label(record.kind))} · **{md(verdict)}** · "
             f"{md(_label(record.status))}", "",
             f"> {_md_edges(before)}**{md(quote)}**{_md_edges(after)}", ""]
    lines += [f"- “{md(m['surface'])}” — {md(m['kind'])}: {md(normalised(m))}"
              for m in record.mentions]
    if record.mentions:
        lines.append("")
    lines += markdown_findings(record.findings)
    if record.rationale:
        lines += [f"**Rationale:** {md(record.rationale)}", ""]
    lines += ["**Evidence**", "", *_md_evidence(record.evidence)]
    return [*lines, *_md_facts(_people_and_dates(record)), ""]


def render_markdown(report: ArticleReport, settings: Settings) -> str:
    """The report as Markdown; user text has every Markdown-active character escaped."""
    article = report.article
    lines = [f"# Fact-check report: {md(article.title or f'Article {article.id}')}", "",
             f"*{md(settings.org_name)}*", "", *_md_facts(_metadata(article)), "",
             "## Summary", "", f"{len(report.claims)} claims, {report.approved} approved.", "",
             *_md_counts("verdict", report.by_verdict),
             *(_md_counts("proposed verdict", report.by_proposal) if report.by_proposal else []),
             *_md_counts("status", report.by_status),
             *markdown_section(report.revisions), "## Claims", ""]
    for record in report.claims:
        lines += _md_claim(record, article.body)
    if not report.claims:
        lines += ["No claims.", ""]
    lines.append(f"*Generated {_when(report.generated_at)} by claim desk.*")
    return "\n".join(lines) + "\n"


def export_report(engine: Engine, article_id: int, *, format: str,
                  settings: Settings) -> str:
    """One article's report as `format` (html or md); read-only. Raises NotFound, BadInput."""
    if format not in FORMATS:
        raise BadInput(f"unknown report format {format!r}; choose html or md")
    report = build_report(engine, article_id)
    return render_html(report, settings) if format == "html" else render_markdown(report,
                                                                                 settings)
