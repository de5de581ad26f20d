"""Migration 0005 and ingest: a quote mention's cue offsets are stored (issue 9)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from claims import service
from claims.models import Mention
from claims.service import ClaimFilter
from claims.store import MIGRATIONS, create_engine, upgrade
from tests.ui_desk import build_desk


def _mention_columns(engine: Engine) -> set[str]:
    return {column["name"] for column in sa.inspect(engine).get_columns("mention")}


def _alembic(engine: Engine, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_migration_0005_adds_and_drops_the_cue_columns(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine)
    assert {"cue_start", "cue_end"} <= _mention_columns(engine)
    _alembic(engine, "downgrade", "0001")
    assert not {"cue_start", "cue_end"} & _mention_columns(engine)
    _alembic(engine, "upgrade", "head")
    assert {"cue_start", "cue_end"} <= _mention_columns(engine)
    engine.dispose()


def test_ingest_stores_the_cue_of_each_quote(sqlite_url: str) -> None:
    desk = build_desk(sqlite_url)
    [claim] = service.list_claims(desk.engine, ClaimFilter(search="The bilateral visit this time"))
    detail = service.get_claim(desk.engine, claim.id)
    [quote] = [m for m in detail.mentions if m.kind == "quote"]
    assert quote.speaker == "Vinay Kwatra"
    assert quote.cue_start is not None and quote.cue_end is not None
    assert detail.article.body[quote.cue_start : quote.cue_end] == "told the BBC"
    others = [m for m in detail.mentions if m.kind != "quote"]
    assert all(m.cue_start is None and m.cue_end is None for m in others)
    assert isinstance(quote, Mention)


def test_stored_quotes_carry_their_cue_in_the_contracts_shape(sqlite_url: str) -> None:
    from claims.service.queries import mention_dict

    desk = build_desk(sqlite_url)
    [claim] = service.list_claims(desk.engine, ClaimFilter(search="The bilateral visit this time"))
    detail = service.get_claim(desk.engine, claim.id)
    shapes = [mention_dict(m) for m in detail.mentions]
    [quote] = [s for s in shapes if s["kind"] == "quote"]
    cue = quote["speaker_cue"]
    assert detail.article.body[cue["start"] : cue["end"]] == "told the BBC"
    assert all("speaker_cue" not in s for s in shapes if s["kind"] != "quote")


def test_correcting_the_speaker_drops_the_extractors_cue(sqlite_url: str) -> None:
    desk = build_desk(sqlite_url)
    [claim] = service.list_claims(desk.engine, ClaimFilter(search="The bilateral visit this time"))
    detail = service.get_claim(desk.engine, claim.id)
    [quote] = [m for m in detail.mentions if m.kind == "quote"]
    assert quote.id is not None and quote.cue_start is not None
    service.update_mention(desk.engine, desk.checker, quote.id,
                           seen_version=detail.claim.version, speaker="Someone Else")
    [after] = [m for m in service.get_claim(desk.engine, claim.id).mentions if m.id == quote.id]
    assert after.speaker == "Someone Else"
    assert after.cue_start is None and after.cue_end is None
