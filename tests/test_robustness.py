"""Interrupted batches and concurrent reviewers: nothing half-written, no lost update."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from claims import service
from claims.errors import EditConflict, StorageError
from claims.models import Article, AuditEvent, Claim
from claims.store import create_engine, read_session, upgrade
from tests.conftest import SEED, seed_input

BATCH = 1000


def _write_batch(folder: Path) -> None:
    """1,000 distinct seed-size articles (the seed with a numbered first paragraph)."""
    seed = SEED.read_text(encoding="utf-8")
    title, _, rest = seed.partition("\n\n")
    folder.mkdir()
    for n in range(BATCH):
        lead = f"Story {n}: officials said {n + 3} people were hurt on Friday."
        (folder / f"article_{n:04d}.txt").write_text(f"{title} {n}\n\n{lead}\n\n{rest}",
                                                     encoding="utf-8")


def _articles(url: str) -> int:
    """Articles stored so far (0 while the schema is still being created)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            count = connection.exec_driver_sql("SELECT count(*) FROM article").scalar()
    except sa.exc.OperationalError:
        count = 0
    engine.dispose()
    return int(count or 0)


@pytest.mark.slow
def test_kill_9_in_the_middle_of_a_batch_leaves_the_database_consistent(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    _write_batch(folder)
    url = f"sqlite:///{tmp_path / 'batch.sqlite'}"
    env = {**os.environ, "CLAIMS_DATABASE_URL": url}
    command = [sys.executable, "-m", "claims", "ingest", str(folder), "--published", "2024-07-08"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if (tmp_path / "batch.sqlite").exists() and _articles(url) >= 40:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _articles(url)
    assert 40 <= stored < BATCH, "the kill did not land in the middle of the batch"

    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    _assert_every_article_complete(engine)
    engine.dispose()

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout[-2000:]
    assert f"{BATCH - stored} ingested, {stored} already present, 0 failed" in finished.stderr
    engine = create_engine(url)
    with read_session(engine) as session:
        assert len(session.exec(select(Article.id)).all()) == BATCH
    _assert_every_article_complete(engine)
    engine.dispose()


def _assert_every_article_complete(engine: sa.Engine) -> None:
    """Each article has exactly the claims its ingest event recorded."""
    with read_session(engine) as session:
        recorded = {e.entity_id: e.after["claims"] for e in session.exec(
            select(AuditEvent).where(AuditEvent.action == "ingest")) if e.after}
        stored = dict(session.exec(select(Claim.article_id, sa.func.count())
                                   .group_by(Claim.article_id)).all())
        articles = set(session.exec(select(Article.id)).all())
    assert set(recorded) == articles
    assert all(stored.get(article_id, 0) == recorded[article_id] for article_id in articles)


WORKERS, EDITS = 20, 500


def _edit_worker(url: str, claim_id: int, worker: int, results: multiprocessing.Queue) -> None:
    engine = create_engine(url)
    who = service.actor_for(engine, "asha")
    done = conflicts = locked = 0
    for n in range(EDITS):
        seen = service.claim_version(engine, claim_id)
        try:
            service.edit_rationale(engine, who, claim_id, seen_version=seen,
                                   rationale=f"worker {worker} edit {n}")
            done += 1
        except EditConflict:
            conflicts += 1
        except StorageError:
            locked += 1
    results.put((done, conflicts, locked))
    engine.dispose()


@pytest.mark.slow
def test_twenty_processes_editing_one_claim_lose_no_update(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    admin = service.local_actor(engine)
    service.add_user(engine, admin, name="asha", role="checker")
    service.ingest_article(engine, admin, seed_input())
    claim_id = service.list_claims(engine, limit=1)[0].id
    engine.dispose()

    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = context.Queue()
    workers = [context.Process(target=_edit_worker, args=(database_url, claim_id, w, results))
               for w in range(WORKERS)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    done = sum(o[0] for o in outcomes)
    conflicts = sum(o[1] for o in outcomes)
    locked = sum(o[2] for o in outcomes)
    assert locked == 0, "a 'database is locked' (or other storage error) reached a user"
    assert done + conflicts == WORKERS * EDITS
    engine = create_engine(database_url)
    claim = service.get_claim(engine, claim_id).claim
    assert claim.version == 1 + done
    events = [e for e in service.claim_history(engine, claim_id) if e.action == "edit_rationale"]
    assert len(events) == done
    engine.dispose()
