"""Shared set-ups of the export tests (no tests here): reviewed claims, evidence, notes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from claims import service
from claims.export.dump import tables, write_dump
from claims.models import Evidence, EvidenceFetch
from claims.service import Actor, ClaimFilter
from claims.store import read_session, write_session

#: the verdicts given to the seed article's first claims, in text order
SEED_VERDICTS = ("false", "true", "unverifiable", "misleading", "half_true")
RATIONALE = "Checked against the ministry's own figures for {verdict}."
SNAPSHOT_BYTES = bytes(range(256)) * 3


@dataclass(frozen=True)
class Reviewed:
    """The seed article with verdicts approved on its first claims, evidence and notes."""

    article_id: int
    claim_ids: list[int]  # every claim, in text order
    approved: dict[int, str]  # claim id → verdict
    evidence_id: int


def approve(engine: Engine, checker: Actor, editor: Actor, claim_id: int, verdict: str,
            rationale: str | None = None) -> None:
    """A checker proposes `verdict` and an editor approves it."""
    detail = service.get_claim(engine, claim_id)
    change = service.propose_verdict(engine, checker, claim_id,
                                     seen_version=detail.claim.version, verdict=verdict,
                                     rationale=rationale or RATIONALE.format(verdict=verdict))
    service.approve_verdict(engine, editor, claim_id, seen_version=change.claim.version)


def add_evidence(engine: Engine, actor: Actor, claim_id: int, **fields: object) -> int:
    """An evidence row with an archived snapshot and one recorded fetch."""
    values: dict[str, object] = dict(
        url="https://stats.example.gov/report?year=2024&part=2",
        final_url="https://stats.example.gov/report-2024",
        title="Annual trade report 2024", publisher="Ministry of Statistics",
        published_on=date(2024, 6, 30), fetched_at=datetime(2024, 7, 9, 10, 30, tzinfo=UTC),
        http_status=200, content_type="application/pdf", sha256="ab12" * 16,
        size_bytes=len(SNAPSHOT_BYTES), snapshot="Trade reached $65bn in 2023.",
        file_name="report.pdf", file_data=SNAPSHOT_BYTES, stance="refutes",
        note="Table 3 gives the figure.", added_by_id=actor.user_id)
    values.update(fields)
    with write_session(engine) as session:
        evidence = Evidence(claim_id=claim_id, **values)
        session.add(evidence)
        session.flush()
        assert evidence.id is not None
        session.add(EvidenceFetch(evidence_id=evidence.id, fetched_at=evidence.fetched_at,
                                  final_url=evidence.final_url, http_status=200,
                                  sha256=evidence.sha256, snapshot=evidence.snapshot))
        return evidence.id


def review_seed(engine: Engine, checker: Actor, editor: Actor, article_id: int) -> Reviewed:
    """Approve SEED_VERDICTS on the first claims, add evidence to the first and notes."""
    rows = service.list_claims(engine, ClaimFilter(article_id=article_id), order="position",
                               limit=None)
    approved = {}
    for row, verdict in zip(rows, SEED_VERDICTS, strict=False):
        approve(engine, checker, editor, row.id, verdict)
        approved[row.id] = verdict
    evidence_id = add_evidence(engine, checker, rows[0].id)
    service.add_note(engine, checker, rows[0].id, body="The toll rose later that day.")
    service.add_note(engine, checker, rows[0].id, body="Anchored on the number.",
                     quote_start=0, quote_end=8)
    return Reviewed(article_id, [row.id for row in rows], approved, evidence_id)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table, the audit log included."""
    with read_session(engine) as session:
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables()}


def database_text(engine: Engine) -> str:
    """Everything in the database, as a dump (with secrets): equal text, equal data."""
    out = io.StringIO()
    write_dump(engine, out, with_secrets=True)
    return out.getvalue()
