"""`claims evidence`: link, upload, list, quote and re-check the evidence of claims."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from claims.cli.common import AS_USER, actor, clean_errors, console, engine
from claims.errors import BadInput
from claims.vocabulary import STANCES

if TYPE_CHECKING:  # the service (and the fetcher under it) load when a command runs
    from claims.models import Evidence
    from claims.service.evidence import EvidenceView, LinkCheck

app = typer.Typer(help="Evidence: link sources to claims, archive them, re-check them.",
                  no_args_is_help=True)

STANCE = typer.Option("context", "--stance", help=f"One of: {', '.join(STANCES)}.")
NOTE = typer.Option(None, "--note", help="Why this source matters.")
_AGE = re.compile(r"(\d+)\s*([smhdw])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_age(value: str) -> timedelta:
    """`7d`, `12h`, `30m`, `2w`, `1d12h` → timedelta; BadInput otherwise."""
    text = value.strip().lower()
    parts = _AGE.findall(text)
    if not parts or _AGE.sub("", text).strip():
        raise BadInput(f"invalid age {value!r}: write it like 7d, 12h, 30m or 2w")
    return sum((timedelta(**{_UNITS[unit]: int(n)}) for n, unit in parts), timedelta())


def _row(table: Table, *cells: object) -> None:
    """Add a row of plain text: page titles and URLs are never read as rich markup."""
    table.add_row(*(Text("" if cell is None else str(cell)) for cell in cells))


def _describe(item: Evidence | EvidenceView) -> str:
    bits = [item.publisher, item.published_on.isoformat() if item.published_on else None,
            f"HTTP {item.http_status}" if item.http_status else None,
            f"{len(item.snapshot):,} characters of text" if item.snapshot else "no text kept"]
    return f"{item.title or '(no title)'} ({'; '.join(b for b in bits if b)})"


@app.command("add")
@clean_errors
def add(claim_id: int, url: str, stance: str = STANCE, note: str | None = NOTE,
        as_user: str | None = AS_USER) -> None:
    """Fetch URL safely and add it as evidence on the claim (refused links write nothing)."""
    from claims.service.evidence import add_evidence

    db = engine()
    item = add_evidence(db, actor(db, as_user), claim_id, url, stance=stance, note=note)
    console.print(f"evidence {item.id} on claim {claim_id}: {_describe(item)}", highlight=False,
                  markup=False)


@app.command("upload")
@clean_errors
def upload(claim_id: int, file: Path, stance: str = STANCE, note: str | None = NOTE,
           as_user: str | None = AS_USER) -> None:
    """Store a file (PDF, HTML, image, text) as offline evidence, with its hash and size."""
    from claims.service.evidence import upload_evidence

    db = engine()
    item = upload_evidence(db, actor(db, as_user), claim_id, file_name=file.name,
                           data=file.read_bytes(), stance=stance, note=note)
    console.print(f"evidence {item.id} on claim {claim_id}: {file.name}, {item.size_bytes:,} "
                  f"bytes, sha256 {item.sha256}", highlight=False, markup=False)


@app.command("list")
@clean_errors
def list_(claim_id: int) -> None:
    """The claim's evidence: title, publisher, date, status and change flags."""
    from claims.service.evidence import list_evidence

    items = list_evidence(engine(), claim_id)
    if not items:
        console.print(f"claim {claim_id} has no evidence yet")
        return
    table = Table("id", "stance", "title", "publisher", "published", "status", "change",
                  "source")
    for item in items:
        status = str(item.http_status or "") if item.url else "file"
        _row(table, item.id, item.stance, item.title, item.publisher,
             item.published_on.isoformat() if item.published_on else "", status, item.change,
             item.url or item.file_name)
    console.print(table)


@app.command("show")
@clean_errors
def show(evidence_id: int, snapshot: bool = typer.Option(True, help="Print the snapshot.")
         ) -> None:
    """One evidence item: its metadata, note, quoted passage, fetch history and snapshot."""
    from claims.service.evidence import evidence_history, get_evidence

    db = engine()
    item = get_evidence(db, evidence_id)
    lines = [f"evidence {item.id} on claim {item.claim_id} ({item.stance})", _describe(item),
             f"url: {item.url}" if item.url else f"file: {item.file_name}",
             f"final url: {item.final_url}" if item.final_url != item.url else "",
             f"author: {item.author}" if item.author else "",
             f"sha256: {item.sha256}  size: {item.size_bytes}",
             f"note: {item.note}" if item.note else "",
             f"passage: {item.quote_exact}" if item.quote_exact else "",
             f"change: {item.change}  ({item.fetch_error or 'no error'})" if item.change else ""]
    for fetch in evidence_history(db, evidence_id):
        lines.append(f"fetched {fetch.fetched_at:%Y-%m-%d %H:%M} status {fetch.http_status} "
                     f"{fetch.change or ''} {fetch.error or ''}".rstrip())
    console.print("\n".join(line for line in lines if line), highlight=False, markup=False)
    if snapshot and item.snapshot:
        console.print("\n" + item.snapshot, highlight=False, markup=False)


@app.command("set")
@clean_errors
def set_(evidence_id: int, stance: str | None = typer.Option(None, "--stance"),
         note: str | None = NOTE, as_user: str | None = AS_USER) -> None:
    """Change an evidence item's stance or note."""
    from claims.service.evidence import get_evidence, update_evidence

    db = engine()
    item = get_evidence(db, evidence_id)
    update_evidence(db, actor(db, as_user), evidence_id, seen_version=item.version,
                    stance=stance, note=note)
    console.print(f"evidence {evidence_id} saved")


@app.command("quote")
@clean_errors
def quote(evidence_id: int, words: str, as_user: str | None = AS_USER) -> None:
    """Mark the decisive passage of the snapshot (its exact words)."""
    from claims.service.evidence import get_evidence, quote_evidence

    db = engine()
    item = get_evidence(db, evidence_id)
    item = quote_evidence(db, actor(db, as_user), evidence_id, seen_version=item.version,
                          words=words)
    console.print(f"evidence {evidence_id}: passage at {item.quote_start}-{item.quote_end}")


def _report_table(title: str, checks: list[LinkCheck]) -> Table:
    table = Table("evidence", "claim", "status", "what happened", "url", title=title)
    for check in checks:
        _row(table, check.evidence_id, check.claim_id, check.status, check.message, check.url)
    return table


@app.command("recheck")
@clean_errors
def recheck(claim: int | None = typer.Option(None, "--claim", help="Only this claim's links."),
            older_than: str | None = typer.Option(
                None, "--older-than", help="Only links not checked for this long (7d, 12h)."),
            concurrency: int | None = typer.Option(
                None, "--concurrency",
                help="Parallel fetches (default CLAIMS_RECHECK_CONCURRENCY)."),
            as_user: str | None = AS_USER) -> None:
    """Re-fetch evidence links concurrently and report changed and dead ones."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from claims.service.evidence import recheck_evidence

    db = engine()
    who = actor(db, as_user)
    age = parse_age(older_than) if older_than else None
    columns = (TextColumn("re-checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("links", total=None)

        def progress(done: int, total: int, _: LinkCheck | None) -> None:
            bar.update(task, completed=done, total=total)

        report = recheck_evidence(db, who, claim_id=claim, older_than=age,
                                  concurrency=concurrency, progress=progress)
    for title, checks in (("changed", report.changed), ("dead", report.dead),
                          ("could not re-check", report.failed)):
        if checks:
            console.print(_report_table(title, checks))
    console.print(f"re-checked {len(report.checks)} link(s) in {report.seconds:.1f} s: "
                  f"{len(report.changed)} changed, {len(report.dead)} dead, "
                  f"{len(report.failed)} could not be fetched")
