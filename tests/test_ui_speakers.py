"""The claim workspace shows each quote's speaker, with the cue words underlined (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims import service
from claims.models import Mention
from claims.service import ClaimFilter
from claims.ui.speakers_panel import speaker_line
from tests.ui_desk import Desk, make_desk, texts

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return make_desk(tmp_path, monkeypatch)


def _quote_claim(desk: Desk, words: str) -> int:
    [claim] = service.list_claims(desk.engine, ClaimFilter(search=words))
    return claim.id


def test_workspace_underlines_the_cue_that_names_the_speaker(desk: Desk) -> None:
    # The seed article: "“The bilateral visit …,” Vinay Kwatra, … told the BBC."
    claim_id = _quote_claim(desk, "The bilateral visit this time")
    at = desk.app(desk.checker, claim=str(claim_id))
    assert not at.exception
    page = texts(at)
    assert "Speakers" in page
    assert "<b>Vinay Kwatra</b>" in page
    assert "<u>told the BBC</u>" in page


def test_a_quote_without_a_cue_shows_no_underline() -> None:
    mention = Mention(claim_id=1, kind="quote", surface="miracle cure", start=4, end=16)
    line = speaker_line("The “miracle cure” sold well.", mention)
    assert "<i>no named speaker</i>" in line and "<u>" not in line


def test_speaker_and_context_are_escaped(desk: Desk) -> None:
    claim_id = _quote_claim(desk, "The bilateral visit this time")
    detail = service.get_claim(desk.engine, claim_id)
    [quote] = [m for m in detail.mentions if m.kind == "quote"]
    assert quote.id is not None
    service.update_mention(desk.engine, desk.checker, quote.id,
                           seen_version=detail.claim.version, speaker=XSS)
    at = desk.app(desk.checker, claim=str(claim_id))
    assert not at.exception
    page = "\n".join(str(el.value) for el in at.get("html"))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cue_offsets_outside_the_body_are_ignored() -> None:
    mention = Mention(claim_id=1, kind="quote", surface="x", start=0, end=1, speaker="Ann Lee",
                      cue_start=5, cue_end=500)
    assert speaker_line("“x,” Ann said.", mention) == "<b>Ann Lee</b> — “x”"
