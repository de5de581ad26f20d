"""The findings panel of the claim workspace: what the consistency checks found, with the
mentions each finding names and its numbers; checkers mark one "not a problem" with a reason.

Every action is one service call. Messages and surfaces are shown as plain text only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st
from sqlalchemy.engine import Engine

from claims.errors import ClaimsError
from claims.permissions import role_allows
from claims.service.actors import Actor
from claims.service.findings import (
    FindingView,
    claim_findings,
    dismiss_finding,
    set_anniversaries,
    set_currency_tolerance,
    stored_anniversaries,
    stored_currency_tolerance,
)
from claims.ui import routes
from claims.ui.formatting import md_escape

SEVERITY_BADGES = {"error": ":red-background[**error**]",
                   "warning": ":orange-background[**warning**]"}
RULE_LABELS = {"currency_conversion": "currency conversion", "percent_change": "percent change",
               "share_of_total": "share of total", "restated_figure": "figure stated twice",
               "anniversary": "anniversary", "date_after_publication": "date after publication",
               "age_arithmetic": "age arithmetic"}


def _key(finding_id: int, name: str) -> str:
    return f"finding_{finding_id}_{name}"


def mentions_line(finding: FindingView) -> str:
    """The mentions a finding names: “$65bn” (chars 1234–1239), ..."""
    return ", ".join(f"“{m['surface']}” (chars {m['start']}–{m['end']})"
                     for m in finding.mentions)


def pretty_number(value: str) -> str:
    """A stored figure for reading: 40760000000.0 → 40,760,000,000; dates stay as they are."""
    try:
        number = float(value)
    except ValueError:
        return value
    return f"{number:,.0f}" if abs(number) >= 1000 else f"{number:g}"


def numbers_line(finding: FindingView) -> str:
    return (f"stated {pretty_number(finding.stated)} · expected "
            f"{pretty_number(finding.expected)} · tolerance {finding.tolerance:g}")


def _dismiss_form(engine: Engine, actor: Actor, finding: FindingView) -> None:
    with st.form(_key(finding.id, "dismiss")):
        reason = st.text_input("Why is this not a problem?", key=_key(finding.id, "reason"))
        if st.form_submit_button("Not a problem"):
            try:
                dismiss_finding(engine, actor, finding.id, reason)
            except ClaimsError as error:
                st.error(md_escape(str(error)))
            else:
                st.rerun()


def _finding(engine: Engine, actor: Actor, finding: FindingView, can_dismiss: bool) -> None:
    rule = RULE_LABELS.get(finding.rule, finding.rule)
    with st.container(border=True):
        st.markdown(f"{SEVERITY_BADGES.get(finding.severity, '')} {md_escape(rule)}")
        st.text(finding.message)
        st.caption(md_escape(f"mentions: {mentions_line(finding)}"))
        st.caption(md_escape(numbers_line(finding)))
        if finding.status == "dismissed":
            st.text(f"not a problem: {finding.dismissed_reason}")
        elif can_dismiss:
            _dismiss_form(engine, actor, finding)


def render_findings_panel(engine: Engine, actor: Actor, claim_id: int) -> None:
    """The claim's findings beside its mentions; nothing when the checks found nothing."""
    findings = claim_findings(engine, claim_id)
    if not findings:
        return
    st.subheader("Consistency checks")
    can_dismiss = role_allows(actor.role, "annotate")
    for finding in findings:
        _finding(engine, actor, finding, can_dismiss)


def render_article_findings(findings: Sequence[FindingView]) -> None:
    """An article's open findings (`open_findings`), each linking to its claim; the text
    beside marks the claims they are about."""
    if not findings:
        return
    st.subheader(f"Check findings ({len(findings)} open)")
    for finding in findings:
        st.page_link(routes.claim(), query_params={"claim": str(finding.claim_id)},
                     label=md_escape(f"{finding.severity}, claim #{finding.claim_id}: "
                                     f"{finding.message}"))


def render_tolerance_setting(engine: Engine, actor: Actor) -> None:
    """The Settings page's editor of the desk's currency tolerance (admins; audited)."""
    st.subheader("Currency conversion tolerance")
    st.caption("How far a stated conversion, as in \"\\$65bn (£50.76bn)\", may be from the "
               "European Central Bank's rate of the publication date before the checks flag "
               "it. Articles ingested from now on use it; `claims findings recheck ARTICLE` "
               "re-checks a stored one.")
    with st.form("admin_settings_tolerance"):
        value = st.text_input("Tolerance (%)", f"{100 * stored_currency_tolerance(engine):g}")
        if st.form_submit_button("Save tolerance"):
            _save(lambda: f"saved: {100 * set_currency_tolerance(engine, actor, value):g}%")


def render_anniversaries_setting(engine: Engine, actor: Actor) -> None:
    """The Settings page's editor of the desk's anniversaries (admins; audited)."""
    st.subheader("Anniversaries for the consistency checks")
    st.caption("The checks know well-known start years (NATO 1949, the UN 1945, ...). Add "
               "your own, one a line as 'Name: year'.")
    stored = stored_anniversaries(engine)
    with st.form("admin_settings_anniversaries"):
        value = st.text_area("Anniversaries", "\n".join(f"{k}: {v}" for k, v in stored.items()),
                             height=120)
        if st.form_submit_button("Save anniversaries"):
            _save(lambda: f"saved: {len(set_anniversaries(engine, actor, value))} anniversaries")


def _save(change: Callable[[], str]) -> None:
    """Run a settings change; show what it says, or the reason it was refused."""
    try:
        done = change()
    except ClaimsError as error:
        st.error(md_escape(str(error)))
    else:
        st.success(done)  # our own words: no markdown to escape
