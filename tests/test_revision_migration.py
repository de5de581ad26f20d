"""Migration 0002 on a database that already holds an article: its body becomes revision 1,
its URL gets its canonical form; and it goes back down cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from claims.store import MIGRATIONS, create_engine


def migrate(engine: sa.Engine, action: str, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def test_an_existing_article_becomes_revision_one(database_url: str) -> None:
    engine = create_engine(database_url)
    migrate(engine, "upgrade", "0001")
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO article (id, title, url, body, body_sha256, ingested_at) VALUES "
            "(7, 'Old', 'HTTPS://Example.ORG/story/?utm_campaign=x#top', 'Body.', 'abc', :at)"),
            {"at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).replace(tzinfo=None)})
        connection.execute(sa.text(
            "INSERT INTO claim (id, article_id, kind, text, start, \"end\", prefix, suffix, "
            "score, reason, origin, status, version, created_at, updated_at) VALUES (1, 7, "
            "'statement', 'Body.', 0, 5, '', '', 0.5, '', 'extracted', 'new', 1, :at, :at)"),
            {"at": datetime(2026, 1, 2, tzinfo=UTC).replace(tzinfo=None)})
    migrate(engine, "upgrade", "head")
    with engine.connect() as connection:
        assert connection.execute(sa.text(
            "SELECT article_id, number, body, body_sha256 FROM article_revision")).all() == [
            (7, 1, "Body.", "abc")]
        assert connection.execute(sa.text(
            "SELECT url_canonical, revision FROM article")).one() == (
            "https://example.org/story", 1)
        assert connection.execute(sa.text(
            "SELECT revision_status FROM claim")).scalar() == "original"
    migrate(engine, "downgrade", "0001")
    tables = set(sa.inspect(engine).get_table_names())
    assert "article_revision" not in tables and "claim_placement" not in tables
    assert "revision_status" not in {c["name"] for c in sa.inspect(engine).get_columns("claim")}
    engine.dispose()
