"""Articles: the list, one article with every claim highlighted (`?article=ID`), and ingest
from an uploaded file, pasted text or a URL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from claims import service
from claims.errors import BadInput, ClaimsError
from claims.models import STATUSES, VERDICTS
from claims.service import Actor, ArticleInput, ClaimFilter, ClaimRow, IngestResult
from claims.service.evidence import stored_allow_hosts
from claims.service.findings import FindingView, open_findings
from claims.sources import HTML_SUFFIXES, decode, from_html, load_url
from claims.ui import kept, routes
from claims.ui.downloads import render_article_downloads
from claims.ui.findings_panel import render_article_findings
from claims.ui.formatting import (
    STATUS_COLOURS,
    VERDICT_COLOURS,
    Span,
    claim_colour,
    highlight,
    label,
    md_escape,
)
from claims.ui.revision_view import render_article_revisions
from claims.ui.session import can, engine, require_actor, settings
from claims.ui.tables import pick_row

LIST_SIZE = 100


def render() -> None:
    """The article page: one article if `?article=ID`, else the list and the ingest form."""
    actor = require_actor()
    article_id = routes.id_from_url("article")
    if article_id is not None:
        _article(actor, article_id)
        return
    st.title("Articles")
    _article_list()
    if can(actor, "ingest"):
        _ingest(actor)


def _article_list() -> None:
    articles = service.list_articles(engine(), limit=LIST_SIZE)
    if not articles:
        st.info("No articles yet.")
        return
    frame = pd.DataFrame({
        "id": [a.id for a in articles],
        "title": [a.title or f"article {a.id}" for a in articles],
        "outlet": [a.outlet or "" for a in articles],
        "published": [a.published_on for a in articles],
        "claims": [a.claims for a in articles],
        "approved": [a.approved / a.claims if a.claims else 0.0 for a in articles],
    })
    article_id = pick_row(frame, "article_table", column_config={
        "id": st.column_config.NumberColumn("#", width="small"),
        "approved": st.column_config.ProgressColumn("approved", min_value=0, max_value=1,
                                                    format="percent"),
    })
    st.caption(f"The {LIST_SIZE} newest articles. Select one to read it with its claims.")
    if article_id is not None:
        routes.open_article(article_id)


def article_spans(claims: list[ClaimRow], findings: Sequence[FindingView] = ()) -> list[Span]:
    """One highlight per claim, numbered in text order, linking to the claim (in a new tab:
    a plain link reloads the app, and in team mode a new session signs in again). A claim
    with open check findings is marked: a warning sign by its number, the figures they
    name underlined, and their messages in its tooltip."""
    flagged: dict[int, list[FindingView]] = {}
    for finding in findings:
        flagged.setdefault(finding.claim_id, []).append(finding)
    spans = []
    for number, c in enumerate(claims, start=1):
        title = f"#{c.id} · {label(c.status)}" + (f" · {label(c.verdict)}" if c.verdict else "")
        own = flagged.get(c.id, [])
        title += "".join(f" · {f.severity}: {f.message}" for f in own)
        spans.append(Span(c.start, c.end, claim_colour(c.status, c.verdict), title=title,
                          href=f"claim?claim={c.id}", tag=f"{number} ⚠" if own else str(number),
                          underline=tuple(sorted({(m["start"], m["end"]) for f in own
                                                  for m in f.mentions}))))
    return spans


def _article(actor: Actor, article_id: int) -> None:
    article = service.get_article(engine(), article_id)
    claims = service.list_claims(engine(), ClaimFilter(article_id=article_id), order="position",
                                 limit=None, with_mentions=False)
    findings = open_findings(engine(), article_id)
    st.title(md_escape(article.title or f"Article {article_id}"))
    if flash := st.session_state.pop("article_flash", None):
        st.success(md_escape(flash))
    facts = [article.outlet, article.author,
             article.published_on.isoformat() if article.published_on else None]
    st.caption(md_escape(" · ".join(f for f in facts if f) or "no metadata"))
    if st.button("All articles", icon=":material/arrow_back:", type="tertiary",
                 key="article_all"):
        st.query_params.clear()  # the address bar shows the list's address again
        st.rerun()
    text, side = st.columns([3, 2], gap="large")
    with text:
        _legend()
        st.html('<div style="font-size:1.02rem;line-height:1.7"><p>'
                f"{highlight(article.body, article_spans(claims, findings))}</p></div>")
    with side:
        render_article_findings(findings)
        _claim_links(claims)
        render_article_downloads(engine(), actor, article_id)
    render_article_revisions(actor, article_id)


def _legend() -> None:
    chips = [(label(s), STATUS_COLOURS[s]) for s in STATUSES]
    chips += [(label(v), VERDICT_COLOURS[v]) for v in VERDICTS]
    st.html("".join(f'<span style="background:{colour};padding:1px 6px;margin:2px;'
                    f'border-radius:3px;font-size:0.8rem;display:inline-block">{name}</span>'
                    for name, colour in chips))


def _claim_links(claims: list[ClaimRow]) -> None:
    approved = sum(1 for c in claims if c.status == "approved")
    st.subheader(f"Claims ({approved} of {len(claims)} approved)")
    if claims:
        st.progress(approved / len(claims))
    for number, claim in enumerate(claims, start=1):
        text = claim.text if len(claim.text) <= 90 else claim.text[:89] + "…"
        verdict = f" · {label(claim.verdict)}" if claim.verdict else ""
        st.page_link(routes.claim(), query_params={"claim": str(claim.id)},
                     label=md_escape(f"{number}. [{label(claim.status)}{verdict}] {text}"))


def _ingest(actor: Actor) -> None:
    st.subheader("Add an article")
    upload, paste, url = st.tabs(["Upload a file", "Paste text", "From a URL"])
    with upload:
        _ingest_upload(actor)
    with paste:
        _ingest_paste(actor)
    with url:
        _ingest_url(actor)


def _details(prefix: str) -> dict[str, object]:
    left, right = st.columns(2)
    title = left.text_input("Title (optional)", key=f"{prefix}_title")
    published = right.date_input("Published on (optional)", value=None, key=f"{prefix}_date")
    return {"title": title.strip() or None, "published_on": published}


def upload_input(data: bytes, name: str, limit: int) -> ArticleInput:
    """An uploaded file's bytes → an article, or BadInput (too big, binary, empty HTML)."""
    if len(data) > limit:
        raise BadInput(f"{name}: {len(data):,} bytes is over the {limit:,}-byte limit")
    text, _ = decode(data, name)
    if name.lower().endswith(HTML_SUFFIXES):
        return from_html(text, name)
    return ArticleInput(text=text, source_name=name)


def _ingest_upload(actor: Actor) -> None:
    file = st.file_uploader("A .txt or .html article", type=["txt", "md", "html", "htm"],
                            key="article_upload")
    details = _details("article_upload")
    if st.button("Ingest the file", key="article_upload_go", disabled=file is None) and file:
        _run_ingest(actor, lambda: upload_input(file.getvalue(), file.name,
                                                settings().max_article_bytes), details)


def _ingest_paste(actor: Actor) -> None:
    kept.restore("article_paste")
    text = st.text_area("The article's text (a headline line first, then the body)",
                        key="article_paste", height=200)
    kept.remember("article_paste", text)
    details = _details("article_paste")
    if st.button("Ingest the text", key="article_paste_go"):
        _run_ingest(actor, lambda: _pasted(text), details)


def _pasted(text: str) -> ArticleInput:
    if not text.strip():
        raise BadInput("paste the article's text first")
    return ArticleInput(text=text, source_name="pasted text")


def _ingest_url(actor: Actor) -> None:
    kept.restore("article_url")
    address = st.text_input("The article's address (http:// or https://)", key="article_url")
    kept.remember("article_url", address)
    details = _details("article_url")
    if st.button("Fetch and ingest", key="article_url_go"):
        _run_ingest(actor, lambda: _fetched(address), details)


def _fetched(address: str) -> ArticleInput:
    if not address.strip().lower().startswith(("http://", "https://")):
        raise BadInput("give a full address starting with http:// or https://")
    allowed = stored_allow_hosts(engine())
    return load_url(address.strip(), settings(), allowed).article


def _run_ingest(actor: Actor, read: Callable[[], ArticleInput],
                details: dict[str, object]) -> None:
    """Read, extract and store with a progress box; a bad input is one clear message, shown
    in the box's label and below it (the box collapses, with its steps in it)."""
    with st.status("Ingesting…", expanded=True) as progress:
        try:
            result = _ingest_steps(actor, read, details)
        except ClaimsError as error:
            failure = md_escape(f"Not ingested: {error}")
            progress.update(label=failure, state="error", expanded=False)
        else:
            failure = ""
            done = ("Ingested" if result.created
                    else f"Revision {result.revision}" if result.revised else "Already stored")
            progress.update(label=f"{done}: {result.claims} claims", state="complete")
    if failure:
        st.error(failure)
        return
    st.session_state["article_flash"] = f"{done}: {result.title or 'the article'}"
    kept.forget("article_paste", "article_url")
    routes.open_article(result.article_id)


def _ingest_steps(actor: Actor, read: Callable[[], ArticleInput],
                  details: dict[str, object]) -> IngestResult:
    st.write("Reading the article…")
    item = read()
    changes = {k: v for k, v in details.items() if v is not None}
    item = replace(item, **changes)  # type: ignore[arg-type]
    st.write("Finding the claims and storing them…")
    return service.ingest_article(engine(), actor, item)
