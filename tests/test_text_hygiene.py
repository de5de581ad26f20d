"""Control and invisible characters: one rule on both databases, in ingest and in restore.

Control characters (NUL and the like) are replaced by a space, one for one, with a warning;
offsets never move. Zero-width and bidi characters are kept in the stored text but do not
hide a figure from extraction, and the workspace shows them.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from claims import service
from claims.export.dump import restore_dump, write_dump
from claims.extract import extract_claims
from claims.models import Article
from claims.service import Actor, ArticleInput
from claims.store import create_engine, upgrade, write_session
from claims.ui.formatting import show_invisible
from tests.conftest import make_database_url

FILLER = "The council met again on Tuesday to discuss the budget. " * 180  # > 8 KB
LATE_NUL = f"{FILLER}\n\nOfficials said 41 people\x00 were hurt in the blast.\n"


def test_a_nul_past_8kb_is_blanked_with_a_warning(engine: Engine, admin: Actor) -> None:
    assert LATE_NUL.index("\x00") > 8192
    result = service.ingest_article(engine, admin, ArticleInput(
        text=LATE_NUL, title="Blast\x07", body_is_text=True, source_name="late.txt"))
    assert result.warnings == ("late.txt: 2 control characters (such as NUL) replaced by "
                               "spaces",)
    article = service.get_article(engine, result.article_id)
    assert "\x00" not in article.body and "41 people  were hurt" in article.body
    assert article.title == "Blast "
    claim = next(c for c in service.list_claims(
        engine, service.ClaimFilter(article_id=result.article_id), with_mentions=True)
        if "41 people" in c.text)
    assert article.body[claim.start:claim.end] == claim.text
    count = next(m for m in claim.mentions if m["kind"] == "count")
    assert (count["value"], article.body[count["start"]:count["end"]]) == (41, count["surface"])


def test_a_batch_goes_on_past_such_a_file(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "a_late_nul.txt").write_text("Late NUL\n\n" + LATE_NUL, encoding="utf-8")
    (tmp_path / "b_plain.txt").write_text("Plain\n\nOfficials said 30 people died in 2023.\n",
                                          encoding="utf-8")
    env = {**os.environ, "CLAIMS_DATABASE_URL": database_url}
    result = subprocess.run([sys.executable, "-m", "claims", "ingest", str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "2 ingested, 0 already present, 0 failed" in result.stderr
    assert "1 control character (such as NUL) replaced by space" in result.stderr


def test_a_sqlite_dump_holding_a_nul_restores_into_postgresql(
        sqlite_engine: Engine, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    admin = service.local_actor(sqlite_engine)
    article_id = service.ingest_article(sqlite_engine, admin, ArticleInput(
        text=LATE_NUL.replace("\x00", " "), body_is_text=True)).article_id
    with write_session(sqlite_engine) as session:  # as stored before the rule existed
        session.execute(sa.update(Article).where(col(Article.id) == article_id)
                        .values(body=LATE_NUL.rstrip()))
    dump = io.StringIO()
    write_dump(sqlite_engine, dump)
    assert "\\u0000" in dump.getvalue()
    target = create_engine(make_database_url("postgresql", tmp_path, request))
    upgrade(target)
    warnings: list[str] = []
    restore_dump(target, io.StringIO(dump.getvalue()), warnings)
    assert warnings == ["the dump: 1 control character (such as NUL) replaced by space"]
    restored = service.get_article(target, article_id)
    assert restored.body == LATE_NUL.rstrip().replace("\x00", " ")
    assert restored.body_sha256 == service.get_article(sqlite_engine, article_id).body_sha256
    target.dispose()


@pytest.mark.parametrize(("text", "figure", "value"), [
    ("Officials said 4\u200b1 people died in the attack on Monday.", "4\u200b1", 41),
    ("Officials said 4\u200d1 people died in the attack on Monday.", "4\u200d1", 41),
    ("Exports rose by \u202a12\u202c% in 2023, the ministry said.", "12\u202c%", 12),
    ("Officials said 1\u2060500 people died in the attack on Monday.", "1\u2060500", 1500),
])
def test_invisible_characters_do_not_hide_a_figure(text: str, figure: str, value: int) -> None:
    [claim] = extract_claims(text)
    assert text[claim.start:claim.end] == claim.text
    mention = next(m for m in claim.mentions if m.value == value)
    assert mention.surface == figure
    assert text[mention.start:mention.end] == figure


def test_offsets_after_invisible_characters_index_the_given_text() -> None:
    text = "\u200fFirst, 3 people were hurt.\u200e Then 12 people died on Monday."
    for claim in extract_claims(text):
        assert text[claim.start:claim.end] == claim.text
        for mention in claim.mentions:
            assert text[mention.start:mention.end] == mention.surface


def test_the_workspace_shows_invisible_characters() -> None:
    shown = show_invisible("4\u200b1 people &amp; \u202eevil")
    assert "\u200b" not in shown and "\u202e" not in shown
    assert '[U+200B]' in shown and 'title="zero width space"' in shown
    assert '[U+202E]' in shown and 'title="right-to-left override"' in shown
    assert shown.startswith("4<span") and "&amp;" in shown
