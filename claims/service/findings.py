"""Consistency-check findings stored on claims: refreshed on ingest (and when an article
changes), listed for the workspace, queue, report and exports, dismissed with a reason.

A dismissal is kept across re-runs: a finding is matched to the stored one by its `key`
(rule, claim and the surfaces of its mentions), so the same problem found again stays
dismissed; an open finding that is no longer found is removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.errors import BadInput, NotFound
from claims.models import AppSetting, Article, Claim, ClaimFinding, Mention, utcnow
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.store import read_session, write_session

if TYPE_CHECKING:  # the checks and the extractor load when findings are computed
    from claims import checks, extract

ANNIVERSARIES_KEY = "checks.anniversaries"
TOLERANCE_KEY = "checks.currency_tolerance"
REASON_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class FindingView:
    """A stored finding as the dashboard, report and exports show it."""

    id: int
    claim_id: int
    rule: str
    severity: str
    message: str
    mentions: list[dict[str, Any]]
    stated: str
    expected: str
    tolerance: float
    status: str
    dismissed_reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "severity": self.severity,
                "message": self.message, "mentions": self.mentions, "stated": self.stated,
                "expected": self.expected, "tolerance": self.tolerance, "status": self.status,
                "dismissed_reason": self.dismissed_reason}


def _view(row: ClaimFinding) -> FindingView:
    assert row.id is not None
    return FindingView(row.id, row.claim_id, row.rule, row.severity, row.message,
                       list(row.mentions or []), row.stated, row.expected, row.tolerance,
                       row.status, row.dismissed_reason)


# --- the desk's anniversaries (an app setting) ---------------------------------------------

def parse_anniversaries(value: str) -> dict[str, int]:
    """`Name: 1949` lines → {"Name": 1949}; raises BadInput on a line that is not that."""
    table: dict[str, int] = {}
    for line in value.splitlines():
        if not line.strip():
            continue
        name, _, year = line.rpartition(":")
        if not name.strip() or not year.strip().isdigit() or len(year.strip()) != 4:
            raise BadInput(f"{line.strip()!r}: write one anniversary a line as 'Name: 1949'")
        table[name.strip()] = int(year)
    return table


def _stored_anniversaries(session: Session) -> dict[str, int]:
    row = session.get(AppSetting, ANNIVERSARIES_KEY)
    return {str(k): int(v) for k, v in json.loads(row.value).items()} if row else {}


def stored_anniversaries(engine: Engine) -> dict[str, int]:
    """The anniversaries a desk added to the shipped table."""
    with read_session(engine) as session:
        return _stored_anniversaries(session)


def set_anniversaries(engine: Engine, actor: Actor, value: str) -> dict[str, int]:
    """Store the desk's anniversaries (`Name: year` lines); admin only, audited. Commits."""
    require(actor.role, "configure", actor.name)
    table = parse_anniversaries(value)
    with write_session(engine) as session:
        row = session.get(AppSetting, ANNIVERSARIES_KEY)
        before = _stored_anniversaries(session)
        if before == table:
            return table
        row = row or AppSetting(key=ANNIVERSARIES_KEY, value="{}")
        row.value, row.updated_at = json.dumps(table, ensure_ascii=False), utcnow()
        session.add(row)
        record_event(session, actor, entity="setting", entity_id=None,
                     action="set_anniversaries", before={"anniversaries": before},
                     after={"anniversaries": table})
    return table


# --- the desk's currency tolerance (an app setting) -------------------------------------------

#: the largest tolerance a desk may set: beyond it the rule would hide real mistakes
MAX_TOLERANCE = 0.5


def parse_tolerance(value: str) -> float:
    """A percentage ("3", "3%", "2.5 %") as a fraction; raises BadInput unless it is above 0
    and at most 50%."""
    text = value.strip().removesuffix("%").strip()
    try:
        percent = float(text)
    except ValueError:
        raise BadInput(f"{value.strip()!r}: give the tolerance as a percentage, such as 3 "
                       "or 2.5%") from None
    if not 0 < percent <= 100 * MAX_TOLERANCE:
        raise BadInput(f"{value.strip()!r}: the tolerance must be above 0% and at most "
                       f"{100 * MAX_TOLERANCE:g}%")
    return round(percent / 100, 6)


def _stored_tolerance(session: Session) -> float:
    from claims import checks

    row = session.get(AppSetting, TOLERANCE_KEY)
    return float(row.value) if row else checks.CheckOptions().currency_tolerance


def stored_currency_tolerance(engine: Engine) -> float:
    """The difference from the ECB rate the desk allows before `currency_conversion` flags
    a conversion (a fraction: 0.03 is 3%)."""
    with read_session(engine) as session:
        return _stored_tolerance(session)


def set_currency_tolerance(engine: Engine, actor: Actor, value: str) -> float:
    """Store the desk's currency tolerance, given as a percentage; admin only, audited.
    Articles checked from then on use it (`claims findings recheck` re-checks one).
    Commits."""
    require(actor.role, "configure", actor.name)
    tolerance = parse_tolerance(value)
    with write_session(engine) as session:
        before = _stored_tolerance(session)
        row = session.get(AppSetting, TOLERANCE_KEY) or AppSetting(key=TOLERANCE_KEY, value="")
        if row.value == str(tolerance):
            return tolerance
        row.value, row.updated_at = str(tolerance), utcnow()
        session.add(row)
        record_event(session, actor, entity="setting", entity_id=None,
                     action="set_currency_tolerance", before={"currency_tolerance": before},
                     after={"currency_tolerance": tolerance})
    return tolerance


# --- running the checks on a stored article ------------------------------------------------

def _stored_claims(session: Session, article_id: int) -> tuple[list[int], list[extract.Claim]]:
    from claims import extract

    rows = session.exec(select(Claim).where(Claim.article_id == article_id)
                        .order_by(col(Claim.start), col(Claim.id))).all()
    ids = [row.id or 0 for row in rows]
    mentions: dict[int, list[extract.Mention]] = {i: [] for i in ids}
    for m in session.exec(select(Mention).where(col(Mention.claim_id).in_(ids))
                          .order_by(col(Mention.start))).all():
        mentions[m.claim_id].append(extract.Mention(
            m.kind, m.surface, m.start, m.end, m.value, m.unit, m.qualifier, m.date_value,
            m.speaker))
    claims = [extract.Claim(row.kind, row.text, row.start, row.end, row.score, row.reason,
                            mentions[row.id or 0]) for row in rows]
    return ids, claims


def finding_key(claim_id: int, finding: checks.Finding) -> str:
    surfaces = "|".join(m.surface for m in finding.mentions)
    return f"{finding.rule}:{claim_id}:{surfaces}"[:300]


def refresh_findings(session: Session, article_id: int) -> int:
    """Re-run the checks on a stored article inside the caller's transaction; returns the
    number of open findings. Dismissed findings found again stay dismissed; open ones no
    longer found are removed. Raises NotFound. Does not commit."""
    from claims import checks

    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article {article_id}")
    ids, claims = _stored_claims(session, article_id)
    options = checks.CheckOptions(currency_tolerance=_stored_tolerance(session),
                                  anniversaries=_stored_anniversaries(session))
    report = checks.run_checks(article.body, claims, article.published_on, options)
    existing = {row.key: row for row in session.exec(
        select(ClaimFinding).where(ClaimFinding.article_id == article_id)).all()}
    kept: set[str] = set()
    for finding in report.findings:
        index = checks.claim_of(claims, finding)
        if index is None:
            continue
        key = finding_key(ids[index], finding)
        kept.add(key)
        if key not in existing:
            session.add(_row(article_id, ids[index], key, finding))
    for key, row in existing.items():
        if key not in kept and row.status == "open":
            session.delete(row)
    session.flush()
    return sum(1 for key in kept if key not in existing or existing[key].status == "open")


def _row(article_id: int, claim_id: int, key: str, finding: checks.Finding) -> ClaimFinding:
    data = finding.to_dict()
    return ClaimFinding(article_id=article_id, claim_id=claim_id, key=key, rule=finding.rule,
                        severity=finding.severity, message=finding.message,
                        mentions=data["mentions"], stated=str(finding.stated)[:64],
                        expected=str(finding.expected)[:64], tolerance=finding.tolerance)


def recheck_article(engine: Engine, actor: Actor, article_id: int) -> int:
    """Re-run the checks on demand (checker or above); one transaction, audited."""
    require(actor.role, "annotate", actor.name)
    with write_session(engine) as session:
        count = refresh_findings(session, article_id)
        record_event(session, actor, entity="article", entity_id=article_id,
                     action="recheck_findings", after={"open_findings": count})
    return count


def open_findings_query() -> Any:
    """SELECT of the open findings (a subquery for the queue's "has findings" filter)."""
    return sa.select(ClaimFinding).where(col(ClaimFinding.status) == "open")


def finding_rank() -> Any:
    """Per claim: 2 with an open error, 1 with only open warnings, 0 without (queue order)."""
    severity = sa.case((col(ClaimFinding.severity) == "error", 2), else_=1)
    return (sa.select(sa.func.coalesce(sa.func.max(severity), 0))
            .where(col(ClaimFinding.claim_id) == Claim.id, col(ClaimFinding.status) == "open")
            .correlate(Claim).scalar_subquery())


# --- reading and dismissing ----------------------------------------------------------------

def claim_findings(engine: Engine, claim_id: int) -> list[FindingView]:
    """A claim's findings, open ones first, errors before warnings."""
    with read_session(engine) as session:
        rows = session.exec(select(ClaimFinding).where(ClaimFinding.claim_id == claim_id)
                            .order_by(col(ClaimFinding.id))).all()
    views = [_view(row) for row in rows]
    return sorted(views, key=lambda v: (v.status != "open", v.severity != "error", v.id))


def findings_of(session: Session, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Findings of many claims in one query, as dicts (queue rows, `claims list`, exports)."""
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in claim_ids}
    if claim_ids:
        for row in session.exec(select(ClaimFinding).where(
                col(ClaimFinding.claim_id).in_(claim_ids)).order_by(col(ClaimFinding.id))):
            found[row.claim_id].append(_view(row).to_dict())
    return found


def open_findings(engine: Engine, article_id: int) -> list[FindingView]:
    """An article's open findings, in text order (for the report and the article view)."""
    with read_session(engine) as session:
        rows = session.exec(select(ClaimFinding).where(
            ClaimFinding.article_id == article_id, ClaimFinding.status == "open")).all()
    views = [_view(row) for row in rows]
    return sorted(views, key=lambda v: (v.mentions[0]["start"] if v.mentions else 0, v.id))


def dismiss_finding(engine: Engine, actor: Actor, finding_id: int, reason: str) -> FindingView:
    """Mark a finding "not a problem" with a reason (checker or above). Audited; it stays
    dismissed when the checks run again. Raises NotFound, Forbidden, BadInput. Commits."""
    require(actor.role, "annotate", actor.name)
    reason = reason.strip()
    if not reason:
        raise BadInput("say why this finding is not a problem")
    if len(reason) > REASON_LIMIT:
        raise BadInput(f"the reason is longer than {REASON_LIMIT} characters")
    with write_session(engine) as session:
        row = session.get(ClaimFinding, finding_id)
        if row is None:
            raise NotFound(f"no finding {finding_id}")
        before = {"status": row.status, "reason": row.dismissed_reason}
        row.status, row.dismissed_reason = "dismissed", reason
        row.dismissed_by_id, row.dismissed_at = actor.user_id, utcnow()
        session.add(row)
        record_event(session, actor, entity="finding", entity_id=finding_id,
                     action="dismiss_finding", claim_id=row.claim_id, before=before,
                     after={"status": "dismissed", "reason": reason, "rule": row.rule})
        return _view(row)

