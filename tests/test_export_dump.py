"""Dump and restore: everything in one versioned file, restored into an empty database of
either kind, ids kept, and a second dump byte-identical to the first."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import BadInput
from claims.export.dump import FORMAT, VERSION, restore_dump, write_dump
from claims.models import AppSetting
from claims.service import Actor, ArticleInput
from claims.store import create_engine, upgrade, write_session
from tests.conftest import make_database_url
from tests.test_export_support import (
    SNAPSHOT_BYTES,
    Reviewed,
    database_text,
    review_seed,
    row_counts,
)


@pytest.fixture
def reviewed(engine: Engine, checker: Actor, editor: Actor, viewer: Actor,
             seeded: int) -> Reviewed:
    state = review_seed(engine, checker, editor, seeded)
    with write_session(engine) as session:
        session.add(AppSetting(key="allow_hosts", value="stats.example.gov"))
    return state


@pytest.fixture
def other_engine(engine: Engine, tmp_path: Path,
                 request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A new, upgraded, empty database of the other kind than `engine`."""
    kind = "postgresql" if engine.dialect.name == "sqlite" else "sqlite"
    other = create_engine(make_database_url(kind, tmp_path / "other", request))
    upgrade(other)
    yield other
    other.dispose()


def dump_text(engine: Engine, with_secrets: bool = False) -> str:
    out = io.StringIO()
    write_dump(engine, out, with_secrets=with_secrets)
    return out.getvalue()


def test_the_dump_is_versioned_and_holds_every_table(engine: Engine, reviewed: Reviewed) -> None:
    lines = [json.loads(line) for line in dump_text(engine).splitlines()]
    header, end = lines[0], lines[-1]
    assert header["format"] == FORMAT and header["version"] == VERSION
    assert header["schema"] and header["with_secrets"] is False
    counts = row_counts(engine)
    assert set(header["tables"]) == set(counts) and end == {"end": True, "counts": {
        name: counts[name] for name in header["tables"]}}
    tables_seen = [line["table"] for line in lines[1:-1]]
    assert tables_seen == sorted(tables_seen, key=header["tables"].index)
    for name in ("user", "article", "claim", "mention", "evidence", "evidence_fetch", "note",
                 "audit_event", "app_setting"):
        assert counts[name] > 0 and name in tables_seen, name


def test_password_hashes_only_with_secrets(engine: Engine, reviewed: Reviewed) -> None:
    def users(text: str) -> list[dict[str, object]]:
        return [json.loads(line)["row"] for line in text.splitlines()
                if json.loads(line).get("table") == "user"]

    assert {u["name"]: u["password_hash"] for u in users(dump_text(engine))} == {
        u["name"]: None for u in users(dump_text(engine))}
    hashes = {u["name"]: u["password_hash"] for u in users(dump_text(engine, True))}
    assert str(hashes["asha"]).startswith("$argon2")


def test_snapshots_are_base64_and_come_back_byte_for_byte(engine: Engine, reviewed: Reviewed,
                                                          other_engine: Engine) -> None:
    text = dump_text(engine)
    [evidence] = [json.loads(line)["row"] for line in text.splitlines()
                  if json.loads(line).get("table") == "evidence"]
    assert isinstance(evidence["file_data"], str)
    restore_dump(other_engine, io.StringIO(text))
    detail = service.get_claim(other_engine, reviewed.claim_ids[0])
    assert detail.evidence[0].file_data == SNAPSHOT_BYTES


def test_round_trip_into_the_other_kind_of_database_is_identical(
        engine: Engine, reviewed: Reviewed, other_engine: Engine) -> None:
    first = dump_text(engine, with_secrets=True)
    counts = restore_dump(other_engine, io.StringIO(first))
    assert counts == row_counts(engine)
    second = dump_text(other_engine, with_secrets=True)
    assert second.encode("utf-8") == first.encode("utf-8")
    restored = service.get_claim(other_engine, reviewed.claim_ids[0])
    original = service.get_claim(engine, reviewed.claim_ids[0])
    assert restored.claim == original.claim
    assert [(n.body, who) for n, who in restored.notes] == [(n.body, who)
                                                            for n, who in original.notes]
    assert service.claim_history(other_engine, reviewed.claim_ids[0]) == \
        service.claim_history(engine, reviewed.claim_ids[0])


def test_new_rows_after_a_restore_get_fresh_ids(engine: Engine, reviewed: Reviewed,
                                                other_engine: Engine) -> None:
    restore_dump(other_engine, io.StringIO(dump_text(engine, with_secrets=True)))
    admin = service.actor_for(other_engine, service.local_user_name())
    added = service.add_user(other_engine, admin, name="newcomer", role="checker",
                             password="newcomer-password")
    assert added.id is not None and added.id > max(u.id or 0 for u in
                                                   service.list_users(engine))
    result = service.ingest_article(other_engine, admin, ArticleInput(
        text="Exports rose 12% to $65bn in 2023.", title="After restore", body_is_text=True))
    assert result.created and result.article_id == reviewed.article_id + 1
    note = service.add_note(other_engine, admin, reviewed.claim_ids[0], body="After restore.")
    assert note.id == 3


def test_restore_refuses_a_database_that_is_not_empty(engine: Engine, reviewed: Reviewed,
                                                     other_engine: Engine) -> None:
    text = dump_text(engine)
    service.local_actor(other_engine)
    before = database_text(other_engine)
    with pytest.raises(BadInput, match="the database is not empty \\(table 'user' has rows\\)"):
        restore_dump(other_engine, io.StringIO(text))
    assert database_text(other_engine) == before


@pytest.mark.parametrize(("damage", "message"), [
    (lambda lines: lines[:-1], "truncated"),
    (lambda lines: lines[:1] + lines[2:], "do not match its closing record"),
    (lambda lines: ['{"format": "something-else"}', *lines[1:]], "not a claim desk dump"),
    (lambda lines: [lines[0].replace('"version":1', '"version":99'), *lines[1:]],
     "version 99 is not supported"),
    (lambda lines: [lines[0].replace('"schema":"', '"schema":"old-'), *lines[1:]],
     "schema revision"),
    (lambda lines: [*lines[:3], "not json", *lines[3:]], "line 4 of the dump is not JSON"),
    (lambda lines: [*lines[:2], '{"table": "secrets", "row": {}}', *lines[2:]],
     "names no known table"),
    (lambda lines: [], "the dump file is empty"),
])
def test_a_damaged_dump_is_refused_and_nothing_is_written(
        engine: Engine, reviewed: Reviewed, other_engine: Engine, damage: object,
        message: str) -> None:
    lines = dump_text(engine).splitlines()
    broken = "\n".join(damage(lines)) + "\n"  # type: ignore[operator]
    with pytest.raises(BadInput, match=message):
        restore_dump(other_engine, io.StringIO(broken))
    assert set(row_counts(other_engine).values()) == {0}
