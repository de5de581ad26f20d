"""The dashboard's pure helpers: escaping, highlights, history lines, table and chart data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from claims.models import AuditEvent, Mention
from claims.service.overview import ArticleProgress, OpenWork
from claims.ui.formatting import (
    Span,
    claim_colour,
    highlight,
    history_line,
    md_escape,
    paragraph_bounds,
    text_block,
    when,
)
from claims.ui.overview import counts_frame, progress_frame, work_frame
from claims.ui.tables import selected_id
from claims.ui.workspace import mention_changes, mentions_frame

NOW = datetime(2026, 3, 2, 10, 42, tzinfo=UTC)


def event(action: str, after: dict | None = None, before: dict | None = None,
          actor: str = "asha") -> AuditEvent:
    return AuditEvent(at=NOW, actor_name=actor, entity="claim", action=action, after=after,
                      before=before)


def test_highlight_escapes_every_piece_and_adds_only_its_own_tags() -> None:
    text = "Before <b>x</b> & <script>alert(1)</script> after"
    start = text.index("<script>")
    result = highlight(text, [Span(start, start + 25, "#fff", title='"><img onerror=x>',
                                   href="claim?claim=3&x=<y>")])
    assert "<script" not in result and "<b>" not in result and "<img" not in result
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result
    assert result.count("<mark") == 1 and 'href="claim?claim=3&amp;x=&lt;y&gt;"' in result
    assert result.startswith("Before &lt;b&gt;x&lt;/b&gt; &amp; ")


def test_highlight_offsets_paragraphs_and_overlaps() -> None:
    body = "One.\n\nTwo three four.\nFive."
    start, end = paragraph_bounds(body, body.index("three"), body.index("three") + 5)
    assert body[start:end] == "Two three four."
    spans = [Span(body.index("three"), body.index("three") + 5, "red"),
             Span(body.index("three") + 1, body.index("four") + 4, "blue")]  # overlaps: skipped
    result = highlight(body[start:end], spans, offset=start)
    assert result == ('Two <mark style="background:red;padding:0 2px;border-radius:3px" '
                      'title="">three</mark> four.')
    assert text_block("a <i>\nb\n\nc") == "<p>a &lt;i&gt;<br>b</p><p>c</p>"


def test_mentions_are_underlined_inside_their_claim_and_escaped() -> None:
    text = "Said: <at least 41> people, on Monday."
    claim = Span(6, len(text), "#ff0", underline=((16, 18), (31, 37), (0, 3)))
    result = highlight(text, [claim])
    assert result == ('Said: <mark style="background:#ff0;padding:0 2px;border-radius:3px" '
                      'title="">&lt;at least <u>41</u>&gt; people, on <u>Monday</u>.</mark>')


def test_markdown_escaping_leaves_nothing_active() -> None:
    escaped = md_escape("**bold** [x](javascript:alert(1)) <b> $x$ :smile: # h")
    assert escaped == (r"\*\*bold\*\* \[x\]\(javascript\:alert\(1\)\) \<b\> \$x\$ "
                       r"\:smile\: \# h")
    assert md_escape("line one\nline two") == "line one  \nline two"


def test_history_lines_read_as_sentences() -> None:
    today = NOW.date()
    assert history_line(event("propose_verdict", {"verdict": "false"}), today=today) == (
        "**asha** proposed *false* — 10:42")
    assert history_line(event("approve", actor="eddie"), today=date(2026, 3, 3)) == (
        "**eddie** approved the verdict — 2026-03-02 10:42")
    assert "moved it to *in progress*" in history_line(event("set_status",
                                                             {"status": "in_progress"}))
    assigned = history_line(event("assign", {"assignee_id": 7, "due_on": "2026-03-09"}),
                            names={7: "asha"})
    assert "assigned it to asha and set the due date to 2026\\-03\\-09" in assigned
    assert "added evidence “Kyiv strike toll”" in history_line(
        event("add_evidence", {"title": "Kyiv strike toll", "url": "http://x"}))
    assert history_line(event("add_note", actor="<img src=x onerror=y>")).startswith(
        r"**\<img src\=x onerror\=y\>**")


def test_times_show_the_day_unless_it_is_today() -> None:
    assert when(NOW, today=NOW.date()) == "10:42"
    assert when(NOW, today=date(2026, 3, 5)) == "2026-03-02 10:42"
    assert when(None) == "—"


def test_claims_take_their_verdict_colour_once_proposed() -> None:
    assert claim_colour("new", None) != claim_colour("approved", "false")
    assert claim_colour("needs_approval", "false") == claim_colour("approved", "false")
    assert claim_colour("in_progress", "false") == claim_colour("in_progress", None)


def test_a_table_selection_maps_positions_back_to_ids() -> None:
    frame = pd.DataFrame({"id": [40, 7, 12]})

    class Selection:
        rows = [2]

    class Event:
        selection = Selection()

    assert selected_id(frame, Event()) == 12
    Selection.rows = [5]
    assert selected_id(frame, Event()) is None
    assert selected_id(frame, None) is None


def test_mention_edits_become_field_changes_and_deletions() -> None:
    mentions = [Mention(id=1, claim_id=1, kind="count", surface="41", start=0, end=2,
                        value=41.0, unit="person", qualifier="at_least"),
                Mention(id=2, claim_id=1, kind="date", surface="Monday", start=5, end=11,
                        date_value="2024-07-08")]
    before = mentions_frame(mentions)
    after = before.copy()
    after.loc[0, "value"] = 42.0
    after.loc[0, "qualifier"] = "more_than"
    after.loc[1, "delete"] = True
    assert mention_changes(before, after) == [(1, {"value": 42.0, "qualifier": "more_than"}),
                                              (2, None)]
    assert mention_changes(before, before.copy()) == []
    cleared = before.copy()
    cleared.loc[0, "unit"] = ""
    assert mention_changes(before, cleared) == [(1, {"unit": None})]


def test_overview_tables_and_chart_data_keep_the_workflow_order() -> None:
    frame = counts_frame({"approved": 3, "new": 5}, ("new", "in_progress", "approved"))
    assert list(frame.index) == ["new", "in progress", "approved"]
    assert list(frame["count"]) == [5, 0, 3]
    progress = progress_frame([ArticleProgress(1, "A", {"approved": 1, "new": 3})])
    assert progress.loc[0, "progress"] == 0.25 and progress.loc[0, "claims"] == 4
    work = work_frame([OpenWork("asha", "checker", {"new": 2, "in_progress": 1}, overdue=1)])
    assert work.loc[0, "open"] == 3 and work.loc[0, "in progress"] == 1
