"""Claims as data: CSV and JSON Lines, one claim a row with its mentions, streamed.

Both take the review queue's filters (`ClaimFilter`) and write to a text stream as they
read, a page of claims at a time, so memory does not grow with the number of claims.
CSV cells that a spreadsheet would run as formulas are neutralised (see `safety.csv_cell`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from sqlalchemy.engine import Engine

from claims.errors import BadInput
from claims.export.records import ClaimRecord, iter_claims
from claims.export.safety import csv_row
from claims.service.queries import ClaimFilter

FORMATS = ("csv", "jsonl")

#: the columns of a claim row, in order; `mentions` is a JSON array in CSV
COLUMNS = ("id", "article_id", "article_title", "article_url", "kind", "text", "start", "end",
           "score", "status", "verdict", "rationale", "assignee", "proposed_by", "approved_by",
           "due_on", "created_at", "updated_at", "approved_at", "mentions", "findings")


def claim_row(record: ClaimRecord) -> dict[str, Any]:
    """A claim as a flat, JSON-ready mapping with the keys of `COLUMNS`."""
    return {
        "id": record.id, "article_id": record.article.id,
        "article_title": record.article.title, "article_url": record.article.url,
        "kind": record.kind, "text": record.text,
        **({"start": None, "end": None} if record.revision_status == "removed"
           else {"start": record.start, "end": record.end}),
        "score": record.score, "status": record.status, "verdict": record.verdict,
        "rationale": record.rationale, "assignee": record.assignee,
        "proposed_by": record.proposed_by, "approved_by": record.approved_by,
        "due_on": _iso(record.due_on), "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at), "approved_at": _iso(record.approved_at),
        "mentions": [{k: v for k, v in m.items() if k != "id"} for m in record.mentions],
        "findings": record.findings,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def write_csv(records: Iterable[ClaimRecord], out: IO[str]) -> int:
    """Write a header and one CSV row per claim to `out`; returns the number of claims."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        row = claim_row(record)
        row["mentions"] = json.dumps(row["mentions"], ensure_ascii=False)
        row["findings"] = json.dumps(row["findings"], ensure_ascii=False)
        writer.writerow(csv_row(row.values()))
        count += 1
    return count


def write_jsonl(records: Iterable[ClaimRecord], out: IO[str]) -> int:
    """Write one JSON object per line per claim to `out`; returns the number of claims."""
    count = 0
    for record in records:
        out.write(json.dumps(claim_row(record), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def export_claims(engine: Engine, out: IO[str], *, format: str,
                  filters: ClaimFilter = ClaimFilter()) -> int:
    """Stream the claims matching `filters` to `out` as `format` (csv or jsonl); read-only.

    Returns how many claims were written. Raises BadInput for an unknown format.
    """
    if format not in FORMATS:
        raise BadInput(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    write = write_csv if format == "csv" else write_jsonl
    return write(iter_claims(engine, filters), out)
