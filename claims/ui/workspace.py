"""The claim workspace (`?claim=ID`): the quote in its paragraph, mentions, notes, evidence,
the workflow, the verdict and the claim's history.

Every save sends the version the reviewer saw (the one shown by the previous run). When
someone else saved first, the page says who changed what, keeps everything typed in its
widgets, and offers to apply the change again on top of the newer version.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from claims import service
from claims.errors import ClaimsError, EditConflict
from claims.models import CLAIM_KINDS, MENTION_KINDS, VERDICTS, AuditEvent, Mention
from claims.service import Actor, ClaimDetail
from claims.service.matching import reuse_verdict
from claims.service.overview import status_moves
from claims.ui import routes
from claims.ui.evidence_panel import render_evidence_panel
from claims.ui.findings_panel import render_findings_panel
from claims.ui.formatting import (
    Span,
    browser_zone,
    claim_colour,
    highlight,
    history_line,
    label,
    md_escape,
    paragraph_bounds,
    show_invisible,
    text_block,
    when,
)
from claims.ui.match_panel import render_match_panel
from claims.ui.revision_panel import render_removed_quote, render_revision_story
from claims.ui.session import can, engine, require_actor
from claims.ui.speakers_panel import render_speakers

QUALIFIERS = ("exact", "at_least", "more_than", "less_than", "up_to", "approx")
MENTION_COLUMNS = ("kind", "value", "unit", "qualifier", "date_value", "speaker")
STATUS_BUTTONS = {"in_progress": "Start work", "new": "Back to new", "dismissed": "Dismiss"}
#: a different name for a move out of these statuses
STATUS_BUTTONS_FROM = {("needs_approval", "in_progress"): "Withdraw the proposal",
                       ("dismissed", "in_progress"): "Restore and start work",
                       ("dismissed", "new"): "Restore as new"}
#: actions that can be reapplied after a conflict: name → service function on a claim
CLAIM_ACTIONS: dict[str, Callable[..., Any]] = {
    "set_status": service.set_status,
    "propose_verdict": service.propose_verdict,
    "approve_verdict": service.approve_verdict,
    "send_back": service.send_back,
    "reopen": service.reopen,
    "assign": service.assign,
    "reuse_verdict": reuse_verdict,
}
CONFLICT = "ws_conflict"
FLASH = "ws_flash"
CLEAR = "ws_clear"


def render() -> None:
    """The claim workspace page."""
    actor = require_actor()
    claim_id = routes.id_from_url("claim")
    if claim_id is None:
        _pick_claim()
        return
    _clear_typed()
    detail = service.get_claim(engine(), claim_id)
    history = service.claim_history(engine(), claim_id)
    seen = _seen(claim_id, detail.claim.version, history)
    _header(detail)
    _messages(claim_id, actor, seen)
    main, side = st.columns([3, 2], gap="large")
    with main:
        _quote(detail)
        render_speakers(detail.article.body, detail.mentions)
        render_revision_story(claim_id)
        render_findings_panel(engine(), actor, claim_id)
        _mentions(actor, detail, seen)
        _notes(actor, detail)
        render_evidence_panel(engine(), actor, claim_id)
        render_match_panel(engine(), actor, claim_id, lambda action, kwargs, done: _run(
            claim_id, actor, seen, action, kwargs, done))
        _add_missed_claim(actor, detail)
    with side:
        _workflow(actor, detail, seen)
        _history(history)


def _pick_claim() -> None:
    st.title("Claim")
    st.info("Open a claim from the review queue or an article, or by its number.")
    number = st.number_input("Claim number", min_value=1, step=1, value=None, key="ws_pick")
    if number is not None and st.button("Open"):
        routes.open_claim(int(number))


def _seen(claim_id: int, version: int, history: list[AuditEvent]) -> tuple[int, int]:
    """(version, last event id) shown by the previous run; this run's become the next."""
    key = f"ws_seen_{claim_id}"
    last_event = history[-1].id or 0 if history else 0
    previous = st.session_state.get(key, (version, last_event))
    st.session_state[key] = (version, last_event)
    return previous


def _clear_typed() -> None:
    """Empty the inputs of the last successful save (before their widgets exist)."""
    for key in st.session_state.pop(CLEAR, []):
        st.session_state[key] = ""


def _header(detail: ClaimDetail) -> None:
    claim = detail.claim
    st.title(f"Claim #{claim.id}")
    verdict = f" · verdict **{label(claim.verdict)}**" if claim.verdict else ""
    st.markdown(f"{claim.kind} · score {claim.score:.2f} · status **{label(claim.status)}**"
                f"{verdict} · version {claim.version}")
    title = detail.article.title or "untitled article"
    st.page_link(routes.article(), label=md_escape(f"In: {title}"),
                 query_params={"article": str(claim.article_id)}, icon=":material/article:")


def _messages(claim_id: int, actor: Actor, seen: tuple[int, int]) -> None:
    if flash := st.session_state.pop(FLASH, None):
        st.success(flash)
    conflict = st.session_state.get(CONFLICT)
    if conflict and conflict["claim"] == claim_id:
        _conflict_box(claim_id, actor, conflict, seen)


def _conflict_box(claim_id: int, actor: Actor, conflict: dict[str, Any],
                  seen: tuple[int, int]) -> None:
    with st.container(border=True):
        st.warning(md_escape(f"Not saved: {conflict['message']}"))
        if conflict["changes"]:
            st.markdown("What changed since you loaded the claim:\n\n"
                        + "\n".join(f"- {line}" for line in conflict["changes"]))
        st.caption("What you typed is still on the page. Check the claim as it is now, then "
                   "apply your change again.")
        left, right = st.columns(2)
        if left.button("Reapply my change", key="ws_reapply", type="primary"):
            del st.session_state[CONFLICT]
            _run(claim_id, actor, seen, conflict["action"], conflict["kwargs"],
                 conflict["done"], conflict.get("clear", []))
        if right.button("Discard it", key="ws_discard"):
            del st.session_state[CONFLICT]
            st.rerun()


def _run(claim_id: int, actor: Actor, seen: tuple[int, int], action: str,
         kwargs: dict[str, Any], done: str, clear: list[str] | None = None) -> None:
    """Call a claim action with the version the reviewer saw; rerun on success or conflict."""
    try:
        CLAIM_ACTIONS[action](engine(), actor, claim_id, seen_version=seen[0], **kwargs)
    except EditConflict as error:
        _remember_conflict(claim_id, seen[1], error, action, kwargs, done, clear)
    except ClaimsError as error:
        st.error(md_escape(str(error)))
        return
    else:
        _saved(done, clear)
    st.rerun()


def _saved(done: str, clear: list[str] | None) -> None:
    st.session_state[FLASH] = done
    st.session_state[CLEAR] = list(clear or [])
    st.session_state.pop(CONFLICT, None)


def _remember_conflict(claim_id: int, seen_event: int, error: EditConflict, action: str,
                       kwargs: dict[str, Any], done: str, clear: list[str] | None) -> None:
    """Keep what the reviewer asked for, and what others changed since they looked."""
    newer = [e for e in service.claim_history(engine(), claim_id) if (e.id or 0) > seen_event]
    names = _user_names()
    st.session_state[CONFLICT] = {
        "claim": claim_id, "message": str(error), "action": action, "kwargs": kwargs,
        "done": done, "clear": clear or [],
        "changes": [history_line(e, names, _zone()) for e in newer],
    }


def _zone() -> Any:
    return browser_zone(st.context.timezone)


def _user_names() -> dict[int, str]:
    return {u.id: u.name for u in service.list_users(engine()) if u.id is not None}


def _quote(detail: ClaimDetail) -> None:
    claim, body = detail.claim, detail.article.body
    if claim.revision_status == "removed":  # its offsets are not into the latest body
        return render_removed_quote(detail)
    start, end = paragraph_bounds(body, claim.start, claim.end)
    span = Span(claim.start, claim.end, claim_colour(claim.status, claim.verdict),
                title=label(claim.status),
                underline=tuple((m.start, m.end) for m in detail.mentions))
    st.subheader("Source")
    st.caption("The claim is highlighted; its mentions (numbers, dates, quotes) are underlined.")
    st.html('<div style="font-size:1.05rem;line-height:1.6;border-left:4px solid #94a3b8;'
            f'padding-left:0.8rem"><p>'
            f"{show_invisible(highlight(body[start:end], [span], offset=start))}</p></div>")


def mentions_frame(mentions: list[Mention]) -> pd.DataFrame:
    """The mentions as the editable table shows them (id kept to map edits back)."""
    return pd.DataFrame({
        "id": [m.id for m in mentions],
        "surface": [m.surface for m in mentions],
        "kind": [m.kind for m in mentions],
        "value": pd.Series([m.value for m in mentions], dtype="float64"),
        "unit": [m.unit for m in mentions],
        "qualifier": [m.qualifier for m in mentions],
        "date_value": [m.date_value for m in mentions],
        "speaker": [m.speaker for m in mentions],
        "delete": [False for _ in mentions],
    })


def _same(a: Any, b: Any) -> bool:
    def missing(x: Any) -> bool:
        return x is None or (isinstance(x, float) and math.isnan(x)) or x == ""

    return (missing(a) and missing(b)) or a == b


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return value.item() if hasattr(value, "item") else value


def mention_changes(before: pd.DataFrame,
                    after: pd.DataFrame) -> list[tuple[int, dict[str, Any] | None]]:
    """(mention id, changed fields) per edited row, or (id, None) for a row to delete."""
    changes: list[tuple[int, dict[str, Any] | None]] = []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        mention_id = int(old["id"])
        if bool(new["delete"]):
            changes.append((mention_id, None))
            continue
        fields = {c: _clean(new[c]) for c in MENTION_COLUMNS if not _same(old[c], new[c])}
        if fields:
            changes.append((mention_id, fields))
    return changes


def apply_mention_changes(actor: Actor, seen_version: int,
                          changes: list[tuple[int, dict[str, Any] | None]]) -> int:
    """Save the changes one by one, each on the version the previous one produced."""
    version = seen_version
    for mention_id, fields in changes:
        if fields is None:
            result = service.delete_mention(engine(), actor, mention_id, seen_version=version)
        else:
            result = service.update_mention(engine(), actor, mention_id, seen_version=version,
                                            **fields)
        version = result.claim.version
    return version


def _mentions(actor: Actor, detail: ClaimDetail, seen: tuple[int, int]) -> None:
    st.subheader("Mentions")
    frame = mentions_frame(detail.mentions)
    if frame.empty:
        st.caption("No numbers, dates or quotes were found in this claim.")
        return
    if not can(actor, "annotate"):
        st.dataframe(frame.drop(columns=["id", "delete"]).rename(columns={"date_value": "date"}),
                     hide_index=True)
        return
    generation = st.session_state.get(f"ws_mentions_gen_{detail.claim.id}", 0)
    edited = st.data_editor(
        frame, hide_index=True, key=f"ws_mentions_{detail.claim.id}_{generation}",
        disabled=["id", "surface"], column_order=["surface", "kind", "value", "unit",
                                                  "qualifier", "date_value", "speaker", "delete"],
        column_config={
            "kind": st.column_config.SelectboxColumn("kind", options=list(MENTION_KINDS)),
            "qualifier": st.column_config.SelectboxColumn("qualifier", options=list(QUALIFIERS)),
            "date_value": st.column_config.TextColumn("date", help="ISO: 2024, 2024-07-08"),
            "delete": st.column_config.CheckboxColumn("delete", help="not a real mention"),
        })
    if st.button("Save mention changes", key="ws_save_mentions"):
        _save_mentions(actor, detail, seen, mention_changes(frame, edited), generation)


def _save_mentions(actor: Actor, detail: ClaimDetail, seen: tuple[int, int],
                   changes: list[tuple[int, dict[str, Any] | None]], generation: int) -> None:
    if not changes:
        st.info("Nothing changed in the mentions.")
        return
    try:
        apply_mention_changes(actor, seen[0], changes)
    except EditConflict as error:
        st.error(md_escape(f"Not saved: {error}. Your edits are still in the table."))
        return
    except ClaimsError as error:
        st.error(md_escape(str(error)))
        return
    st.session_state[f"ws_mentions_gen_{detail.claim.id}"] = generation + 1
    _saved(f"Saved {len(changes)} mention change(s).", [])
    st.rerun()


def _notes(actor: Actor, detail: ClaimDetail) -> None:
    st.subheader("Notes")
    zone = _zone()
    if not detail.notes:
        st.caption("No notes yet.")
    for note, author in detail.notes:
        with st.container(border=True):
            st.caption(f"{md_escape(author or 'someone')} · {when(note.created_at, zone)}")
            st.html(text_block(note.body))
    if can(actor, "annotate"):
        key = f"ws_note_{detail.claim.id}"
        with st.form(f"ws_note_form_{detail.claim.id}", border=False):
            body = st.text_area("Add a note", key=key, height=90)
            added = st.form_submit_button("Add note", key="ws_add_note")
        if added:
            try:
                service.add_note(engine(), actor, detail.claim.id or 0, body=body)
            except ClaimsError as error:
                st.error(md_escape(str(error)))
                return
            _saved("Note added.", [key])
            st.rerun()


def _add_missed_claim(actor: Actor, detail: ClaimDetail) -> None:
    if not can(actor, "annotate"):
        return
    with st.expander("Add a claim the extractor missed"):
        words = st.text_area("Its exact words, as printed in the article", key="ws_add_words")
        kind = st.selectbox("Kind", CLAIM_KINDS, index=CLAIM_KINDS.index("statement"),
                            key="ws_add_kind")
        if st.button("Add claim", key="ws_add_claim"):
            try:
                added = service.add_claim(engine(), actor, detail.claim.article_id, words=words,
                                          kind=kind)
            except ClaimsError as error:
                st.error(md_escape(str(error)))
                return
            st.session_state[CLEAR] = ["ws_add_words"]
            st.session_state[FLASH] = f"Claim #{added.id} added."
            routes.open_claim(added.id or 0)


def _workflow(actor: Actor, detail: ClaimDetail, seen: tuple[int, int]) -> None:
    claim = detail.claim
    claim_id = claim.id or 0
    st.subheader("Workflow")
    st.markdown(f"Status: **{label(claim.status)}**  \nVerdict: **{label(claim.verdict)}**"
                + (f"  \nProposed by {md_escape(detail.proposed_by)}" if detail.proposed_by
                   else "")
                + (f"  \nApproved by {md_escape(detail.approved_by)}" if detail.approved_by
                   else ""))
    if claim.rationale:
        st.caption("Rationale")
        st.html(text_block(claim.rationale))
    if not can(actor, "annotate"):
        st.caption(f"You are a {actor.role}: you can read this claim but not change it.")
    else:
        _status_buttons(actor, claim_id, claim.status, seen)
        _verdict_form(actor, detail, seen)
        _approval(actor, claim_id, claim.status, seen)
    _assignment(actor, detail, seen)


def _status_buttons(actor: Actor, claim_id: int, status: str, seen: tuple[int, int]) -> None:
    moves = [m for m in status_moves(status) if m in STATUS_BUTTONS]
    if not moves:
        return
    for cell, target in zip(st.columns(len(moves)), moves, strict=True):
        name = STATUS_BUTTONS_FROM.get((status, target), STATUS_BUTTONS[target])
        if cell.button(name, key=f"ws_status_{target}"):
            _run(claim_id, actor, seen, "set_status", {"status": target},
                 f"Status set to {label(target)}.")


def _verdict_form(actor: Actor, detail: ClaimDetail, seen: tuple[int, int]) -> None:
    claim = detail.claim
    if claim.status in ("approved", "dismissed") or not can(actor, "propose"):
        return
    st.markdown("**Propose a verdict**")
    verdict_key, rationale_key = f"ws_verdict_{claim.id}", f"ws_rationale_{claim.id}"
    st.session_state.setdefault(verdict_key, claim.verdict)  # no default: a choice is asked
    st.session_state.setdefault(rationale_key, claim.rationale or "")
    # A form: the verdict and its rationale reach the server together, on the click, so
    # picking a verdict does not rerun the page under a reviewer who is still typing.
    with st.form(f"ws_propose_form_{claim.id}", border=False):
        verdict = st.selectbox("Verdict", VERDICTS, key=verdict_key, format_func=label,
                               index=None, placeholder="Choose a verdict")
        rationale = st.text_area("Rationale", key=rationale_key, height=110,
                                 placeholder="Why: what the evidence shows, in a sentence or two")
        proposed = st.form_submit_button("Propose verdict", key="ws_propose", type="primary")
    if proposed and verdict is None:
        st.error("Choose a verdict first: none is picked for you.")
    elif proposed:
        _run(claim.id or 0, actor, seen, "propose_verdict",
             {"verdict": verdict, "rationale": rationale}, f"Proposed {label(verdict)}.")


def _approval(actor: Actor, claim_id: int, status: str, seen: tuple[int, int]) -> None:
    if not can(actor, "approve") or status not in ("needs_approval", "approved"):
        return
    if status == "approved":
        if st.button("Reopen", key="ws_reopen"):
            _run(claim_id, actor, seen, "reopen", {}, "Reopened.")
        return
    st.markdown("**Editor's decision**")
    key = f"ws_comment_{claim_id}"
    with st.form(f"ws_decision_form_{claim_id}", border=False):
        comment = st.text_area("Comment (required to send back)", key=key, height=80)
        left, right = st.columns(2)
        approved = left.form_submit_button("Approve", key="ws_approve", type="primary")
        sent_back = right.form_submit_button("Send back", key="ws_send_back")
    if approved:
        _run(claim_id, actor, seen, "approve_verdict", {"comment": comment},
             "Verdict approved.", [key])
    if sent_back:
        _run(claim_id, actor, seen, "send_back", {"comment": comment},
             "Sent back to the checker.", [key])


def _assignment(actor: Actor, detail: ClaimDetail, seen: tuple[int, int]) -> None:
    claim = detail.claim
    st.markdown("**Assignment**")
    if not can(actor, "assign"):
        due_text = claim.due_on.isoformat() if claim.due_on else "no due date"
        st.caption(f"Assigned to {md_escape(detail.assignee or 'nobody')} · {due_text}")
        return
    names = ["", *(u.name for u in service.list_users(engine()) if u.active)]
    who_key, due_key = f"ws_assignee_{claim.id}", f"ws_due_{claim.id}"
    st.session_state.setdefault(who_key, detail.assignee or "")
    st.session_state.setdefault(due_key, claim.due_on)
    left, right = st.columns(2)
    who = left.selectbox("Assignee", names, key=who_key, format_func=lambda n: n or "nobody")
    due: date | None = right.date_input("Due", key=due_key)  # type: ignore[assignment]
    if st.button("Save assignment", key="ws_assign"):
        _run(claim.id or 0, actor, seen, "assign", {"assignee": who or None, "due_on": due},
             "Assignment saved.")


def _history(history: list[AuditEvent]) -> None:
    st.subheader("History")
    if not history:
        st.caption("Nothing has happened to this claim yet.")
        return
    names, zone = _user_names(), _zone()
    st.markdown("\n".join(f"- {history_line(e, names, zone)}" for e in history))
