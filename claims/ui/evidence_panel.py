"""The evidence panel of the claim workspace: list, add a link, upload, quote, re-check.

Every action is one service call; every refusal is shown as a warning or error text.
User and page text is shown through plain-text widgets only (never as HTML).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st
from sqlalchemy.engine import Engine

from claims.errors import ClaimsError, FetchRefused
from claims.models import STANCES, Evidence
from claims.permissions import role_allows
from claims.service.actors import Actor
from claims.service.evidence import (
    EvidenceView,
    LinkCheck,
    RecheckReport,
    add_evidence,
    clear_evidence_alert,
    evidence_history,
    get_evidence,
    list_evidence,
    quote_evidence,
    recheck_evidence,
    update_evidence,
    upload_evidence,
)

CHANGE_LABELS = {"edited": "page edited since checked", "gone": "gone",
                 "status": "status changed", "error": "could not re-check"}
#: Material icons: Streamlit ships their font, while emoji need a font Debian's Chromium
#: lacks (they showed as empty boxes)
STANCE_ICONS = {"supports": ":material/check_circle:", "refutes": ":material/cancel:",
                "context": ":material/info:"}


def _key(claim_id: int, name: str) -> str:
    return f"evidence_{claim_id}_{name}"


def _source(item: EvidenceView) -> str:
    if item.file_name and not item.url:
        return f"file {item.file_name}"
    return urlsplit(item.final_url or item.url or "").hostname or (item.url or "")


def _status(item: EvidenceView) -> str:
    if item.url is None:
        size = f"{item.size_bytes:,} bytes" if item.size_bytes is not None else "no size"
        return f"uploaded · {size}"
    status = f"HTTP {item.http_status}" if item.http_status else "not fetched"
    checked = item.checked_at.strftime("%Y-%m-%d %H:%M UTC") if item.checked_at else "never"
    return f"{status} · checked {checked}"


def _label(item: EvidenceView) -> str:
    """The expander label: plain text (Streamlit renders labels as markdown, so escape)."""
    title = item.title or item.url or item.file_name or f"evidence {item.id}"
    flag = (f" · :material/warning: {_escape_markdown(CHANGE_LABELS.get(item.change, item.change))}"
            if item.change else "")
    return _escape_markdown(title[:120]) + flag


def _escape_markdown(text: str) -> str:
    specials = "\\`*_{}[]()<>#+-.!|~$"
    return "".join(f"\\{c}" if c in specials else c for c in text)


def _run(action: str, call: Callable[[], object]) -> bool:
    """Run a service call; show a refusal as text. True when it went through."""
    try:
        call()
    except FetchRefused as error:
        st.warning(_escape_markdown(f"{action}: {error}"), icon=":material/block:")
        return False
    except ClaimsError as error:
        st.error(_escape_markdown(f"{action}: {error}"))
        return False
    return True


def _facts(item: EvidenceView) -> None:
    st.text(f"source: {_source(item)}")
    details = [("publisher", item.publisher), ("author", item.author),
               ("published", item.published_on.isoformat() if item.published_on else None),
               ("status", _status(item)), ("type", item.content_type),
               ("sha256", item.sha256), ("added by", item.added_by)]
    st.text("\n".join(f"{name}: {value}" for name, value in details if value))
    if item.url:
        st.text(f"link: {item.url}")
    if item.final_url and item.final_url != item.url:
        st.text(f"ended at: {item.final_url}")
    if item.fetch_error:
        st.warning(_escape_markdown(f"last re-check: {item.fetch_error}"))
    if item.note:
        st.text(f"note: {item.note}")
    if item.quote_exact:
        st.text(f"decisive passage: “{item.quote_exact}”")


def _snapshot(item: EvidenceView) -> None:
    if not item.snapshot:
        st.caption("no text snapshot (metadata only)")
        return
    st.text_area("snapshot (as fetched when added)", item.snapshot, height=220, disabled=True,
                 key=_key(item.claim_id, f"snap_{item.id}"))


def _history(engine: Engine, item: EvidenceView) -> None:
    fetches = evidence_history(engine, item.id)
    if len(fetches) < 2:
        return
    rows = [{"fetched": f.fetched_at.strftime("%Y-%m-%d %H:%M"), "status": f.http_status,
             "change": f.change or "", "error": f.error or "",
             "sha256": (f.sha256 or "")[:12]} for f in fetches]
    st.dataframe(rows, hide_index=True, width="stretch")
    latest = next((f for f in reversed(fetches) if f.snapshot), None)
    if latest is not None and latest.sha256 != item.sha256:
        st.text_area("latest snapshot (re-check)", latest.snapshot or "", height=160,
                     disabled=True, key=_key(item.claim_id, f"latest_{item.id}"))


def _edit_form(engine: Engine, actor: Actor, item: EvidenceView) -> None:
    with st.form(_key(item.claim_id, f"edit_{item.id}")):
        stance = st.selectbox("stance", STANCES, index=STANCES.index(item.stance))
        note = st.text_area("note", item.note or "", height=80)
        words = st.text_input("decisive passage (paste its exact words from the snapshot)",
                              item.quote_exact or "", disabled=not item.snapshot)
        if st.form_submit_button("Save"):
            saved: list[Evidence] = []
            ok = _run("not saved", lambda: saved.append(update_evidence(
                engine, actor, item.id, seen_version=item.version, stance=stance, note=note)))
            if ok and words.strip() and words.strip() != (item.quote_exact or ""):
                # the version the update left: unchanged when stance and note were kept
                ok = _run("passage not marked", lambda: quote_evidence(
                    engine, actor, item.id, seen_version=saved[0].version, words=words))
            if ok:
                st.rerun()


def _download(engine: Engine, item: EvidenceView) -> None:
    """The uploaded file, loaded only when asked for (files can be large)."""
    if not item.file_name or item.url:
        return
    if st.button("Prepare the file for download", key=_key(item.claim_id, f"prep_{item.id}")):
        stored = get_evidence(engine, item.id)
        st.download_button(f"Download {item.file_name}", stored.file_data or b"",
                           file_name=item.file_name,
                           mime=item.content_type or "application/octet-stream",
                           key=_key(item.claim_id, f"download_{item.id}"))


def _item(engine: Engine, actor: Actor, item: EvidenceView, can_edit: bool) -> None:
    with st.expander(_label(item), icon=STANCE_ICONS.get(item.stance)):
        _facts(item)
        _snapshot(item)
        _download(engine, item)
        _history(engine, item)
        if can_edit:
            _edit_form(engine, actor, item)


def _add_form(engine: Engine, actor: Actor, claim_id: int) -> None:
    with st.form(_key(claim_id, "add"), clear_on_submit=False):
        url = st.text_input("link (http or https)")
        stance = st.selectbox("stance", STANCES, index=STANCES.index("context"))
        note = st.text_area("note", height=68)
        if st.form_submit_button("Add link"):
            with st.spinner("fetching the page…"):
                ok = _run("link refused", lambda: add_evidence(engine, actor, claim_id, url,
                                                               stance=stance, note=note))
            if ok:
                st.rerun()


def _upload_form(engine: Engine, actor: Actor, claim_id: int) -> None:
    with st.form(_key(claim_id, "upload"), clear_on_submit=True):
        upload = st.file_uploader("file (PDF, HTML, image, text)")
        stance = st.selectbox("stance", STANCES, index=STANCES.index("context"))
        note = st.text_area("note", height=68)
        # not "Upload": the file picker's own button says that
        if st.form_submit_button("Store the file") and upload is not None:
            ok = _run("file not stored", lambda: upload_evidence(
                engine, actor, claim_id, file_name=upload.name, data=upload.getvalue(),
                stance=stance, note=note))
            if ok:
                st.rerun()


def _alert(engine: Engine, actor: Actor, claim_id: int, items: list[EvidenceView],
           can_edit: bool) -> None:
    changed = [item for item in items if item.change]
    if not changed:
        return
    st.warning(_escape_markdown(
        f"{len(changed)} evidence link(s) changed since they were checked: "
        + "; ".join(f"{_source(i)}: {CHANGE_LABELS.get(i.change or '', i.change)}"
                    for i in changed)))
    if (can_edit and st.button("Mark evidence changes as seen", key=_key(claim_id, "seen"))
            and _run("not cleared", lambda: clear_evidence_alert(engine, actor, claim_id))):
        st.rerun()


def _recheck(engine: Engine, actor: Actor, claim_id: int, items: list[EvidenceView]) -> None:
    links = sum(1 for item in items if item.url)
    if not links or not st.button(f"Re-check this claim's {links} link(s)",
                                  key=_key(claim_id, "recheck")):
        return
    bar = st.progress(0.0, text="re-checking…")

    def progress(done: int, total: int, _: LinkCheck | None) -> None:
        bar.progress(done / total if total else 1.0, text=f"re-checked {done} of {total}")

    reports: list[RecheckReport] = []
    if _run("re-check failed", lambda: reports.append(
            recheck_evidence(engine, actor, claim_id=claim_id, progress=progress))):
        st.session_state[_key(claim_id, "report")] = _summary(reports[0])
        st.rerun()


def _summary(report: RecheckReport) -> str:
    changed = [f"{c.url}: {c.message}" for c in report.changed + report.dead + report.failed]
    head = (f"re-checked {len(report.checks)} link(s) in {report.seconds:.1f} s: "
            f"{len(report.changed)} changed, {len(report.dead)} dead, "
            f"{len(report.failed)} could not be fetched")
    return "\n".join([head, *changed])


def render_evidence_panel(engine: Engine, actor: Actor, claim_id: int) -> None:
    """The claim's evidence; checkers and up also add, upload, annotate, quote, re-check."""
    st.subheader("Evidence")
    items = list_evidence(engine, claim_id)
    can_edit = role_allows(actor.role, "annotate")
    report = st.session_state.pop(_key(claim_id, "report"), None)
    if report:
        st.text(report)
    _alert(engine, actor, claim_id, items, can_edit)
    if not items:
        st.caption("no evidence yet")
    for item in items:
        _item(engine, actor, item, can_edit)
    if not can_edit:
        return
    _recheck(engine, actor, claim_id, items)
    add_tab, upload_tab = st.tabs(["Add a link", "Upload a file"])
    with add_tab:
        _add_form(engine, actor, claim_id)
    with upload_tab:
        _upload_form(engine, actor, claim_id)
