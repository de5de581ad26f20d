"""Evidence on claims: add a link (fetched safely), upload a file, stance, note, quote, re-check.

Every change checks the actor's role and writes its audit event in the same transaction.
Fetching happens before any transaction is opened: a refused link raises FetchRefused and
writes nothing. Re-checks keep every earlier snapshot in EvidenceFetch rows.

Hashes: `Evidence.sha256` is the sha256 of the text snapshot (of the file for uploads, of the
body when no text is kept); `EvidenceFetch.sha256` is the sha256 of the body as fetched. A
re-check whose body hash equals the last one's is unchanged without parsing the page; when
the body differs, the page is parsed and only a different snapshot counts as an edit (so a
rotating ad or timestamp in the markup does not).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

import anyio
import anyio.to_thread
import sqlalchemy as sa
import sqlalchemy.orm
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from claims.allowlist import parse_entries, split_entries
from claims.errors import BadInput, EditConflict, NotFound
from claims.evidence import PageInfo, read_file, read_page, snapshot_of
from claims.fetch import AsyncFetcher, FetchedPage, Fetcher, FetchPolicy, Refused
from claims.models import STANCES, AppSetting, Claim, Evidence, EvidenceFetch, User, utcnow
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.articles import quote_context
from claims.service.audit import record_event
from claims.service.corrections import anchor_text
from claims.settings import Settings
from claims.store import read_session, write_session

ALLOW_HOSTS_KEY = "evidence.allow_hosts"
NOTE_LIMIT = 20_000


# --- allowed internal hosts (CLAIMS_ALLOW_HOSTS plus the admin setting) -------------------

def stored_allow_hosts(engine: Engine) -> tuple[str, ...]:
    """The hosts an admin allowed in the dashboard (without CLAIMS_ALLOW_HOSTS)."""
    with read_session(engine) as session:
        row = session.get(AppSetting, ALLOW_HOSTS_KEY)
    return split_entries(row.value) if row else ()


def fetch_policy(engine: Engine, settings: Settings) -> FetchPolicy:
    """The rules for fetching now: settings' limits, env and admin allowed hosts together."""
    return FetchPolicy.from_settings(settings, stored_allow_hosts(engine))


def set_allow_hosts(engine: Engine, actor: Actor, hosts: str) -> tuple[str, ...]:
    """Store the admin's allowed hosts (comma or line separated); admin only. Commits."""
    require(actor.role, "configure", actor.name)
    cleaned = split_entries(hosts)
    parse_entries(cleaned)  # BadInput names an entry that cannot be read
    with write_session(engine) as session:
        row = session.get(AppSetting, ALLOW_HOSTS_KEY)
        before = split_entries(row.value) if row else ()
        if before == cleaned:
            return cleaned
        row = row or AppSetting(key=ALLOW_HOSTS_KEY, value="")
        row.value, row.updated_at = ",".join(cleaned), utcnow()
        session.add(row)
        record_event(session, actor, entity="setting", entity_id=None, action="set_allow_hosts",
                     before={"allow_hosts": list(before)}, after={"allow_hosts": list(cleaned)})
    return cleaned


# --- reading ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One evidence item as shown in lists (everything but the uploaded file's bytes)."""

    id: int
    claim_id: int
    url: str | None
    final_url: str | None
    title: str | None
    publisher: str | None
    author: str | None
    published_on: date | None
    fetched_at: datetime | None
    http_status: int | None
    content_type: str | None
    sha256: str | None
    size_bytes: int | None
    snapshot: str | None
    file_name: str | None
    stance: str
    note: str | None
    quote_exact: str | None
    quote_start: int | None
    quote_end: int | None
    quote_prefix: str | None
    quote_suffix: str | None
    fetch_error: str | None
    change: str | None
    checked_at: datetime | None
    added_by_id: int | None
    added_at: datetime
    version: int
    added_by: str | None = None


_VIEW_COLUMNS = [getattr(Evidence, f.name) for f in fields(EvidenceView) if f.name != "added_by"]


def list_evidence(engine: Engine, claim_id: int) -> list[EvidenceView]:
    """The claim's evidence, oldest first (uploaded bytes are not loaded)."""
    query = (sa.select(*_VIEW_COLUMNS, col(User.name))
             .outerjoin(User, col(User.id) == col(Evidence.added_by_id))
             .where(col(Evidence.claim_id) == claim_id).order_by(col(Evidence.id)))
    with read_session(engine) as session:
        return [EvidenceView(*row) for row in session.execute(query)]


def get_evidence(engine: Engine, evidence_id: int) -> Evidence:
    """One evidence row with its uploaded file, if any; NotFound otherwise."""
    with read_session(engine) as session:
        return _load(session, evidence_id)


def evidence_history(engine: Engine, evidence_id: int) -> list[EvidenceFetch]:
    """Every fetch of an evidence link, oldest first (earlier snapshots included)."""
    with read_session(engine) as session:
        return list(session.exec(select(EvidenceFetch)
                                 .where(EvidenceFetch.evidence_id == evidence_id)
                                 .order_by(EvidenceFetch.id)))  # type: ignore[arg-type]


def _load(session: Session, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    return evidence


def _claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


# --- adding -------------------------------------------------------------------------------

def _check_stance(stance: str) -> str:
    if stance not in STANCES:
        raise BadInput(f"unknown stance {stance!r}; choose one of {', '.join(STANCES)}")
    return stance


def _check_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_LIMIT:
        raise BadInput(f"a note is at most {NOTE_LIMIT:,} characters")
    return note.strip()


def _summary(evidence: Evidence) -> dict[str, Any]:
    return {"url": evidence.url, "file_name": evidence.file_name, "title": evidence.title,
            "stance": evidence.stance, "http_status": evidence.http_status,
            "sha256": evidence.sha256}


def _store_new(session: Session, actor: Actor, evidence: Evidence, action: str,
               body_sha256: str | None = None) -> Evidence:
    _claim(session, evidence.claim_id)
    if evidence.url and session.exec(select(Evidence.id).where(
            Evidence.claim_id == evidence.claim_id, Evidence.url == evidence.url)).first():
        raise BadInput(f"claim {evidence.claim_id} already has this link as evidence")
    session.add(evidence)
    session.flush()
    assert evidence.id is not None
    if evidence.url:
        session.add(EvidenceFetch(evidence_id=evidence.id,
                                  fetched_at=evidence.fetched_at or utcnow(),
                                  final_url=evidence.final_url, http_status=evidence.http_status,
                                  sha256=body_sha256, snapshot=evidence.snapshot))
    record_event(session, actor, entity="evidence", entity_id=evidence.id,
                 claim_id=evidence.claim_id, action=action, after=_summary(evidence))
    return evidence


def evidence_from_page(page: FetchedPage, info: PageInfo) -> dict[str, Any]:
    """The Evidence fields a fetched page fills in."""
    return {"final_url": page.final_url, "title": info.title, "publisher": info.publisher,
            "author": info.author, "published_on": info.published_on,
            "http_status": page.status, "content_type": page.content_type,
            "sha256": info.snapshot_sha256 or page.sha256, "size_bytes": page.size_bytes,
            "snapshot": info.snapshot, "fetched_at": utcnow(), "checked_at": utcnow()}


def add_evidence(engine: Engine, actor: Actor, claim_id: int, url: str, *,
                 stance: str = "context", note: str | None = None,
                 settings: Settings | None = None) -> Evidence:
    """Fetch `url` safely and store it as evidence on the claim, with its first snapshot.

    Raises FetchRefused (one-line reason; nothing is written) when the link is refused or
    cannot be fetched, BadInput for a bad stance or a link already on the claim, NotFound,
    Forbidden. Commits one transaction: evidence, first fetch, audit event.
    """
    require(actor.role, "annotate", actor.name)
    _check_stance(stance)
    note = _check_note(note)
    with read_session(engine) as session:
        _claim(session, claim_id)
    settings = settings or Settings.from_env()
    with Fetcher(fetch_policy(engine, settings)) as fetcher:
        page = fetcher.get(url)
    evidence = Evidence(claim_id=claim_id, url=url.strip(), stance=stance, note=note,
                        added_by_id=actor.user_id, **evidence_from_page(page, read_page(page)))
    with write_session(engine) as session:
        return _store_new(session, actor, evidence, "add_evidence", page.sha256)


def upload_evidence(engine: Engine, actor: Actor, claim_id: int, *, file_name: str, data: bytes,
                    stance: str = "context", note: str | None = None,
                    settings: Settings | None = None) -> Evidence:
    """Store a file (PDF, HTML, image, text) as offline evidence with its sha256 and size.

    Text is kept for PDF, HTML and text files. Raises BadInput (empty, too big, bad stance),
    NotFound, Forbidden. Commits one transaction.
    """
    require(actor.role, "annotate", actor.name)
    _check_stance(stance)
    note = _check_note(note)
    limit = (settings or Settings.from_env()).max_article_bytes
    name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:300] or "upload"
    if not data:
        raise BadInput(f"{name}: the file is empty")
    if len(data) > limit:
        raise BadInput(f"{name}: {len(data):,} bytes is over the {limit:,}-byte limit "
                       "(CLAIMS_MAX_ARTICLE_BYTES)")
    kind, info = read_file(name, data)
    evidence = Evidence(claim_id=claim_id, file_name=name, file_data=data, content_type=kind,
                        title=info.title or name, publisher=info.publisher, author=info.author,
                        published_on=info.published_on, snapshot=info.snapshot,
                        sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data),
                        stance=stance, note=note, added_by_id=actor.user_id)
    with write_session(engine) as session:
        return _store_new(session, actor, evidence, "upload_evidence")


# --- changing -----------------------------------------------------------------------------

def _apply(session: Session, actor: Actor, evidence: Evidence, seen_version: int, action: str,
           changes: dict[str, Any]) -> bool:
    """Write changed values with `UPDATE ... WHERE version = :seen`; audit; False if none."""
    before = {k: getattr(evidence, k) for k, v in changes.items() if getattr(evidence, k) != v}
    if not before:
        return False
    after = {k: changes[k] for k in before}
    result = session.execute(
        sa.update(Evidence)
        .where(Evidence.id == evidence.id, Evidence.version == seen_version)  # type: ignore[arg-type]
        .values(**after, version=seen_version + 1)
        .execution_options(synchronize_session=False))
    session.refresh(evidence)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _conflict(session, evidence, seen_version)
    record_event(session, actor, entity="evidence", entity_id=evidence.id,
                 claim_id=evidence.claim_id, action=action, before=before, after=after)
    return True


def _conflict(session: Session, evidence: Evidence, seen_version: int) -> EditConflict:
    from claims.models import AuditEvent

    last = session.exec(select(AuditEvent).where(AuditEvent.entity == "evidence",
                                                 AuditEvent.entity_id == evidence.id)
                        .order_by(AuditEvent.id.desc())).first()  # type: ignore[union-attr]
    return EditConflict("evidence", evidence.id or 0, seen_version, evidence.version,
                        last.actor_name if last else None, last.at if last else None)


def _edit(engine: Engine, actor: Actor, evidence_id: int, seen_version: int, action: str,
          decide: Any) -> Evidence:
    require(actor.role, "annotate", actor.name)
    with write_session(engine) as session:
        evidence = _load(session, evidence_id)
        if evidence.version != seen_version:
            raise _conflict(session, evidence, seen_version)
        _apply(session, actor, evidence, seen_version, action, decide(evidence))
    return evidence


def update_evidence(engine: Engine, actor: Actor, evidence_id: int, *, seen_version: int,
                    stance: str | None = None, note: str | None = None) -> Evidence:
    """Change the stance and/or note (an empty note clears it). Raises EditConflict when
    `seen_version` is stale; writes nothing when nothing changes."""
    changes: dict[str, Any] = {}
    if stance is not None:
        changes["stance"] = _check_stance(stance)
    if note is not None:
        changes["note"] = _check_note(note)
    return _edit(engine, actor, evidence_id, seen_version, "update_evidence",
                 lambda _: changes)


def quote_evidence(engine: Engine, actor: Actor, evidence_id: int, *, seen_version: int,
                   words: str) -> Evidence:
    """Mark the decisive passage of the evidence's snapshot, anchored by offsets plus a
    prefix and suffix (like claim quotes). Raises BadInput when the snapshot lacks the words.
    """

    def decide(evidence: Evidence) -> dict[str, Any]:
        if not evidence.snapshot:
            raise BadInput("this evidence has no text snapshot to quote from")
        start, end = anchor_text(evidence.snapshot, words)
        prefix, suffix = quote_context(evidence.snapshot, start, end)
        return {"quote_exact": evidence.snapshot[start:end], "quote_start": start,
                "quote_end": end, "quote_prefix": prefix, "quote_suffix": suffix}

    return _edit(engine, actor, evidence_id, seen_version, "quote_evidence", decide)


def clear_evidence_alert(engine: Engine, actor: Actor, claim_id: int) -> bool:
    """Mark a claim's evidence changes as seen: clears the claim's alert and the change flag
    of its evidence. Returns False (writes nothing) when there was nothing to clear."""
    require(actor.role, "annotate", actor.name)
    with write_session(engine) as session:
        claim = _claim(session, claim_id)
        changed = list(session.exec(select(Evidence).where(Evidence.claim_id == claim_id,
                                                           Evidence.change.is_not(None))))  # type: ignore[union-attr]
        if claim.evidence_alert is None and not changed:
            return False
        before = {"alert": claim.evidence_alert, "changed": [e.id for e in changed]}
        session.execute(sa.update(Claim).where(Claim.id == claim_id)  # type: ignore[arg-type]
                        .values(evidence_alert=None))
        session.execute(sa.update(Evidence).where(Evidence.claim_id == claim_id)  # type: ignore[arg-type]
                        .values(change=None))
        record_event(session, actor, entity="claim", entity_id=claim_id, claim_id=claim_id,
                     action="clear_evidence_alert", before=before, after={"alert": None})
    return True


# --- re-checking --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LinkCheck:
    """What one re-check of one link found. `change`: edited, gone, status, error or None."""

    evidence_id: int
    claim_id: int
    url: str
    status: int | None
    change: str | None
    message: str


@dataclass(frozen=True, slots=True)
class RecheckReport:
    checks: list[LinkCheck]
    seconds: float

    @property
    def changed(self) -> list[LinkCheck]:
        return [c for c in self.checks if c.change in ("edited", "status")]

    @property
    def dead(self) -> list[LinkCheck]:
        return [c for c in self.checks if c.change == "gone"]

    @property
    def failed(self) -> list[LinkCheck]:
        return [c for c in self.checks if c.change == "error"]


@dataclass(frozen=True, slots=True)
class _Target:
    """A link to re-check and its latest fetch: status, error, and the last body hash."""

    evidence_id: int
    claim_id: int
    url: str
    status: int | None
    body_sha256: str | None
    error: str | None


Progress = Callable[[int, int, LinkCheck | None], None]


def _targets(session: Session, claim_id: int | None, older_than: timedelta | None
             ) -> list[_Target]:
    fetch_id, fetch_of = col(EvidenceFetch.id), col(EvidenceFetch.evidence_id)
    latest = sa.select(fetch_of, sa.func.max(fetch_id).label("id")).group_by(fetch_of).subquery()
    hashed = (sa.select(fetch_of, sa.func.max(fetch_id).label("id"))
              .where(col(EvidenceFetch.sha256).is_not(None)).group_by(fetch_of).subquery())
    last = sa.orm.aliased(EvidenceFetch)
    last_hashed = sa.orm.aliased(EvidenceFetch)
    query = (sa.select(col(Evidence.id), col(Evidence.claim_id), col(Evidence.url),
                       col(last.http_status), col(last_hashed.sha256), col(last.error))
             .outerjoin(latest, latest.c.evidence_id == col(Evidence.id))
             .outerjoin(last, col(last.id) == latest.c.id)
             .outerjoin(hashed, hashed.c.evidence_id == col(Evidence.id))
             .outerjoin(last_hashed, col(last_hashed.id) == hashed.c.id)
             .where(col(Evidence.url).is_not(None))
             .order_by(col(Evidence.id)))
    if claim_id is not None:
        query = query.where(col(Evidence.claim_id) == claim_id)
    if older_than is not None:
        checked = col(Evidence.checked_at)
        query = query.where(sa.or_(checked.is_(None), checked < utcnow() - older_than))
    return [_Target(*row) for row in session.execute(query)]


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a re-check keeps of one fetch until it is stored (never the whole body)."""

    status: int | None = None
    reason: str = ""
    final_url: str | None = None
    body_sha256: str | None = None
    snapshot: str | None = None
    read: bool = False  # the body differed from the last one, so its snapshot was taken
    error: Refused | None = None


def classify(target: _Target, fetched: Fetched, edited: bool) -> tuple[str | None, str]:
    """(change, one-line message) of a fresh fetch against the link's latest fetch."""
    error = fetched.error
    if error is not None:
        if target.error == str(error):
            return None, f"still failing: {error}"
        return ("gone" if error.kind == "dns" else "error"), str(error)
    if fetched.status in (404, 410):
        if target.status == fetched.status:
            return None, f"still gone ({fetched.status})"
        return "gone", f"gone: {fetched.final_url} answered {fetched.status} {fetched.reason}"
    if target.status is not None and fetched.status != target.status:
        return "status", (f"status changed from {target.status} to {fetched.status} "
                          f"{fetched.reason}")
    if edited:
        return "edited", "the content changed since the last check (page edited)"
    return None, "unchanged" if target.error is None else "reachable again, content unchanged"


def _needs_reading(target: _Target, page: FetchedPage) -> bool:
    """True when the body differs from the last one, so its snapshot must be compared."""
    return page.status < 400 and (page.sha256 is None or page.sha256 != target.body_sha256)


def read_fetch(target: _Target, page: FetchedPage) -> Fetched:
    """Keep what the store needs of a page; its snapshot only when the body changed.
    CPU-bound (parsing): run it in a worker thread."""
    read = _needs_reading(target, page)
    return Fetched(page.status, page.reason, page.final_url, page.sha256,
                   snapshot_of(page) if read else None, read)


def _latest_snapshot(session: Session, evidence_id: int) -> str | None:
    stored = session.exec(select(EvidenceFetch.snapshot)
                          .where(EvidenceFetch.evidence_id == evidence_id,
                                 EvidenceFetch.snapshot.is_not(None))  # type: ignore[union-attr]
                          .order_by(EvidenceFetch.id.desc()).limit(1)).first()  # type: ignore[union-attr]
    if stored is not None:
        return stored
    return session.exec(select(Evidence.snapshot).where(Evidence.id == evidence_id)).first()


def _is_edited(session: Session, target: _Target, fetched: Fetched) -> bool:
    if not fetched.read:
        return False
    previous = _latest_snapshot(session, target.evidence_id)
    if fetched.snapshot is not None or previous is not None:
        return fetched.snapshot != previous
    # no text on either side: the bytes decide, when both were hashed
    return fetched.body_sha256 is not None and target.body_sha256 is not None


def _alert_text(session: Session, claim_id: int) -> str | None:
    rows = session.execute(select(Evidence.id, Evidence.change)
                           .where(Evidence.claim_id == claim_id,
                                  Evidence.change.is_not(None))  # type: ignore[union-attr]
                           .order_by(Evidence.id)).all()  # type: ignore[arg-type]
    if not rows:
        return None
    text = "evidence changed: " + ", ".join(f"#{i} {change}" for i, change in rows)
    return text if len(text) <= 200 else text[:197] + "..."


def _record(session: Session, actor: Actor, target: _Target, fetched: Fetched) -> LinkCheck:
    now = utcnow()
    edited = _is_edited(session, target, fetched)
    change, message = classify(target, fetched, edited)
    error = fetched.error
    session.add(EvidenceFetch(
        evidence_id=target.evidence_id, fetched_at=now, final_url=fetched.final_url,
        http_status=fetched.status, sha256=fetched.body_sha256,
        snapshot=fetched.snapshot if edited else None,
        error=str(error)[:500] if error else None, change=change))
    values: dict[str, Any] = {"checked_at": now, "http_status": fetched.status,
                              "fetch_error": message[:500] if error or change else None}
    if change is not None:
        values["change"] = change
    session.execute(sa.update(Evidence).where(Evidence.id == target.evidence_id)  # type: ignore[arg-type]
                    .values(**values))
    if change is not None:
        session.execute(sa.update(Claim).where(Claim.id == target.claim_id)  # type: ignore[arg-type]
                        .values(evidence_alert=_alert_text(session, target.claim_id)))
        record_event(session, actor, entity="evidence", entity_id=target.evidence_id,
                     claim_id=target.claim_id, action="recheck_change",
                     before={"http_status": target.status, "body_sha256": target.body_sha256},
                     after={"change": change, "http_status": fetched.status,
                            "message": message, "body_sha256": fetched.body_sha256})
    return LinkCheck(target.evidence_id, target.claim_id, target.url, fetched.status, change,
                     message)


def record_checks(engine: Engine, actor: Actor, batch: list[tuple[_Target, Fetched]]
                  ) -> list[LinkCheck]:
    """Store a batch of re-checks in one transaction: per link a fetch row (with the new
    snapshot only when it changed) and its current status; on a change the flags on the
    evidence and its claim and an audit event. Commits. The evidence's version is not
    bumped: re-checks never conflict with a checker's edits."""
    with write_session(engine) as session:
        return [_record(session, actor, target, fetched) for target, fetched in batch]


async def _fetch_one(fetcher: AsyncFetcher, target: _Target) -> Fetched:
    try:
        page = await fetcher.get(target.url)
    except Refused as error:
        return Fetched(error=error)
    return await anyio.to_thread.run_sync(read_fetch, target, page)


async def _check_all(engine: Engine, actor: Actor, targets: list[_Target], policy: FetchPolicy,
                     concurrency: int, progress: Progress | None) -> list[LinkCheck]:
    """Fetch with at most `concurrency` links in flight (a semaphore, taken before a task is
    started: the pool's limits do not bound the fan-out); one writer stores results in
    batches. The queue between them holds at most `concurrency` results, so memory follows
    the concurrency, not the number of links."""
    semaphore = anyio.Semaphore(concurrency)
    send, receive = anyio.create_memory_object_stream[tuple[_Target, Fetched]](concurrency)
    checks: list[LinkCheck] = []

    async def fetch(target: _Target) -> None:
        try:
            await send.send((target, await _fetch_one(fetcher, target)))
        finally:
            semaphore.release()

    async def write() -> None:
        async with receive:
            async for first in receive:
                batch = [first]
                while len(batch) < concurrency:
                    try:
                        batch.append(receive.receive_nowait())
                    except (anyio.WouldBlock, anyio.EndOfStream):
                        break
                for check in await anyio.to_thread.run_sync(record_checks, engine, actor, batch):
                    checks.append(check)
                    if progress is not None:
                        progress(len(checks), len(targets), check)

    async with AsyncFetcher(policy, max_connections=concurrency) as fetcher, \
            anyio.create_task_group() as group:
        group.start_soon(write)
        async with send, anyio.create_task_group() as fetchers:
            for target in targets:
                await semaphore.acquire()  # a task starts only when a slot is free
                fetchers.start_soon(fetch, target)
    return sorted(checks, key=lambda c: c.evidence_id)


def _run_async(function: Callable[[], Awaitable[list[LinkCheck]]]) -> list[LinkCheck]:
    """Run on a fresh event loop; in a thread of its own if this thread already runs one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return anyio.run(function)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, function).result()


def recheck_evidence(engine: Engine, actor: Actor, *, claim_id: int | None = None,
                     older_than: timedelta | None = None, settings: Settings | None = None,
                     concurrency: int | None = None, progress: Progress | None = None
                     ) -> RecheckReport:
    """Re-fetch evidence links concurrently (all, one claim's, or those not checked for
    `older_than`) and record what changed: status, content hash (edited), gone (404, 410,
    DNS failure). Each link's result commits on its own; old snapshots are kept. `progress`
    is called with (done, total, check) as links finish, first with (0, total, None).
    Raises Forbidden, NotFound (unknown claim), BadInput (concurrency below 1)."""
    require(actor.role, "annotate", actor.name)
    settings = settings or Settings.from_env()
    concurrency = concurrency or settings.recheck_concurrency
    if concurrency < 1:
        raise BadInput("the re-check concurrency must be at least 1")
    with read_session(engine) as session:
        if claim_id is not None:
            _claim(session, claim_id)
        targets = _targets(session, claim_id, older_than)
    if progress is not None:
        progress(0, len(targets), None)
    policy = fetch_policy(engine, settings)
    started = time.perf_counter()
    checks = _run_async(lambda: _check_all(engine, actor, targets, policy, concurrency, progress))
    return RecheckReport(checks, time.perf_counter() - started)
