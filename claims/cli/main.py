"""The `claims` command: a thin door onto the library (every command is one library call)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from claims import service
from claims.cli.common import (
    AS_USER,
    actor,
    clean_errors,
    console,
    engine,
    err_console,
    fail,
    option_date,
    plural,
    stdin_is_terminal,
)
from claims.errors import BadInput, ClaimsError
from claims.settings import PROJECT_ROOT, Settings
from claims.vocabulary import ROLES

# Commands import what they use inside their bodies: `claims --help` and `claims list` must
# not pay for the extractor, the fetcher or the exports (bench/bench_startup.py).

app = typer.Typer(help="claim desk: find, check and publish the checkable claims in news "
                       "articles.", no_args_is_help=True, pretty_exceptions_enable=False,
                  add_completion=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
user_app = typer.Typer(help="Users and roles.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")


@app.command()
@clean_errors
def init() -> None:
    """Create (or upgrade) the database and the local admin user."""
    db = engine()
    who = actor(db, None)
    console.print(f"database ready: {db.url.render_as_string(hide_password=True)}; "
                  f"you act as {who.name} ({who.role})", highlight=False)


@db_app.command("upgrade")
@clean_errors
def db_upgrade() -> None:
    """Upgrade the database schema to the newest revision."""
    from claims.store import create_engine, upgrade

    db = create_engine(Settings.from_env().database_url)
    upgrade(db)
    console.print("database schema is up to date")


def _ingest_one(db: Any, who: service.Actor, source: str, overrides: dict[str, Any],
                settings: Settings) -> tuple[str, str, str]:
    """Ingest one file or URL → (outcome, message, warnings); outcome is ingested, revised,
    present or failed."""
    from claims.service.evidence import stored_allow_hosts
    from claims.sources import is_url, load_file, load_url

    try:
        if is_url(source):
            loaded = load_url(source, settings, stored_allow_hosts(db))
        else:
            loaded = load_file(Path(source), settings)
        item = loaded.article
        changes = {k: v for k, v in overrides.items() if v is not None}
        if changes:
            from dataclasses import replace

            item = replace(item, **changes)
        result = service.ingest_article(db, who, item)
    except ClaimsError as error:
        reason = str(error)
        return "failed", reason if source in reason else f"{source}: {reason}", ""
    notes = "; ".join([*loaded.warnings, *result.warnings])
    outcome = "ingested" if result.created else "revised" if result.revised else "present"
    message = f"{source}: article {result.article_id}, {plural(result.claims, 'claim')}"
    if result.revised:
        from claims.service.revisions import revision_line

        message = f"{source}: {revision_line(result)}"
    return outcome, message, f"{source}: {notes}" if notes else ""


@app.command()
@clean_errors
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .md, .html), folders or URLs."),
    published: str | None = typer.Option(None, help="Publication date, YYYY-MM-DD."),
    title: str | None = typer.Option(None, help="Title (default: from the file)."),
    url: str | None = typer.Option(None, help="The article's URL."),
    outlet: str | None = typer.Option(None, help="The outlet that published it."),
    revision_of: int | None = typer.Option(None, help="Store it as a new revision of this "
                                                      "article (also found by its URL)."),
    as_user: str | None = AS_USER,
) -> None:
    """Ingest articles: store each with its extracted claims (same text twice: stored once).

    An article whose URL is stored already (or named by --revision-of) becomes its next
    revision, with every claim re-anchored."""
    from rich.progress import Progress

    from claims.sources import is_url, iter_article_paths
    from claims.store import get_engine

    settings = Settings.from_env()
    overrides = {"published_on": option_date(published), "title": title, "url": url,
                 "outlet": outlet, "revision_of": revision_of}
    db = get_engine(settings)
    who = actor(db, as_user)
    sources = [source for given in paths for source in (
        [given] if is_url(given) else map(str, iter_article_paths([Path(given)])))]
    if not sources:
        fail("no .txt, .md or .html files found in " + ", ".join(paths))
    outcomes: dict[str, list[str]] = {"ingested": [], "revised": [], "present": [], "failed": []}
    warnings: list[str] = []
    with Progress(console=err_console, transient=True, disable=len(sources) < 2) as progress:
        task = progress.add_task("ingesting", total=len(sources))
        for source in sources:
            outcome, message, warning = _ingest_one(db, who, source, overrides, settings)
            outcomes[outcome].append(message)
            if warning:
                warnings.append(warning)
            progress.advance(task)
    for outcome in ("ingested", "revised", "present", "failed"):
        for message in outcomes[outcome]:
            style = {"ingested": "green", "revised": "cyan", "present": "yellow",
                     "failed": "red"}[outcome]
            # what became of each article is data (stdout); why one failed is an error
            out = err_console if outcome == "failed" else console
            out.print(f"[{style}]{outcome:8}[/] {message}", highlight=False, soft_wrap=True,
                      markup=True)
    for warning in warnings:
        err_console.print(f"warning: {warning}", highlight=False, soft_wrap=True, markup=False)
    revised = f"{len(outcomes['revised'])} revised, " if outcomes["revised"] else ""
    err_console.print(f"{len(outcomes['ingested'])} ingested, {revised}"
                      f"{len(outcomes['present'])} already present, "
                      f"{len(outcomes['failed'])} failed", highlight=False)
    if outcomes["failed"]:
        raise typer.Exit(1)


def _published_from_header(text: str) -> str | None:
    """The `Published :`YYYY-MM-DD...`` stamp some article files carry in their header."""
    head = text[:1000]
    at = head.find("Published")
    if at == -1:
        return None
    digits = [ch for ch in head[at : at + 40] if ch.isdigit() or ch == "-"]
    candidate = "".join(digits).strip("-")[:10]
    return candidate if len(candidate) == 10 else None


@app.command("extract")
@clean_errors
def extract_command(
    files: list[Path] = typer.Argument(..., help="Article files (.txt, .md, .html)."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) that "
                                                     "relative dates resolve against."),
    as_json: bool = typer.Option(False, "--json", help="JSON (one file) or JSON Lines (several)."),
    with_checks: bool = typer.Option(False, "--checks", help="Add each claim's consistency "
                                     "findings (`claims check`)."),
) -> None:
    """Extract claims from files without storing them (offsets count from the file start)."""
    from claims import extract
    from claims.cli.checks_output import checked_claims

    pub = option_date(published)
    for path in files:
        try:
            text, when, warnings = _load_article(path, pub)
            found = extract.extract_claims(text, when)
            claims = (checked_claims(text, found, when) if with_checks
                      else [c.to_dict() for c in found])
        except ClaimsError as error:
            _skip_failed(files, path, error, "claims")
            continue
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if as_json:
            payload: Any = claims if len(files) == 1 else {"file": str(path), "claims": claims}
            print(json.dumps(payload, ensure_ascii=False, indent=None if len(files) > 1 else 1))
        else:
            _print_extracted(path, claims)


def _skip_failed(files: list[Path], path: Path, error: ClaimsError, key: str) -> None:
    """One file: the error ends the command; several: a JSON line says why, and on it goes."""
    if len(files) == 1:
        raise error
    print(json.dumps({"file": str(path), "error": str(error), key: []}))


def _load_article(path: Path, pub: date | None) -> tuple[str, date | None, list[str]]:
    """A file's text as `extract` reads it, its publication date, and decoding warnings."""
    from claims.sources import HTML_SUFFIXES, decode, from_html

    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    text, warnings = decode(path.read_bytes(), str(path))
    when = pub or option_date(_published_from_header(text))
    if path.suffix.lower() in HTML_SUFFIXES:  # offsets index the page's main text
        page = from_html(text, path.name)
        text, when = page.text, when or page.published_on
    return text, when, warnings


@app.command("check")
@clean_errors
def check_command(
    files: list[Path] = typer.Argument(..., help="Article files (.txt, .md, .html)."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="JSON (one file) or JSON Lines (several)."),
    currency_tolerance: float = typer.Option(0.03, help="Allowed difference from the ECB "
                                             "rate, as a fraction (0.03 = 3%)."),
) -> None:
    """Check an article's own figures (conversions, changes, shares, ages...); stores nothing."""
    from claims.cli.checks_output import check_text, print_report

    pub = option_date(published)
    for path in files:
        try:
            text, when, _ = _load_article(path, pub)
            report = check_text(text, when, currency_tolerance)
        except ClaimsError as error:
            _skip_failed(files, path, error, "findings")
            continue
        print_report(path, report, as_json=as_json, several=len(files) > 1)


def _print_extracted(path: Path, claims: list[dict[str, Any]]) -> None:
    table = Table(title=f"{path} — {plural(len(claims), 'claim')}", show_lines=True)
    for column in ("kind", "score", "claim", "mentions"):
        table.add_column(column)
    for claim in claims:
        mentions = "\n".join(_mention_line(m) for m in claim["mentions"])
        table.add_row(claim["kind"], f"{claim['score']:.2f}", claim["text"], mentions)
    console.print(table)


def _mention_line(m: dict[str, Any]) -> str:
    detail = m.get("date") or m.get("speaker") or (
        f"{m['value']} {m['unit'] or ''} {m['qualifier'] or ''}".strip())
    return f"{m['kind']}: {m['surface'][:40]} → {detail}"


@app.command("list")
@clean_errors
def list_command(
    article: int | None = typer.Option(None, help="Only this article's claims."),
    status: str | None = typer.Option(None, help="new, in_progress, needs_approval, approved, "
                                                 "dismissed"),
    verdict: str | None = typer.Option(None, help="Only claims with this verdict."),
    kind: str | None = typer.Option(None, help="casualty, money, statistic, date, quote, "
                                               "statement"),
    assignee: str | None = typer.Option(None, help="Only claims assigned to this user."),
    search: str | None = typer.Option(None, help="Only claims whose text contains this."),
    order: str = typer.Option("position", help="position, score, newest, due or findings "
                                               "(open check errors first)."),
    limit: int | None = typer.Option(None, help="At most this many claims."),
    as_json: bool = typer.Option(False, "--json", help="A JSON array of claim objects."),
    has_findings: bool = typer.Option(False, "--has-findings",
                                      help="Only claims with an open check finding."),
) -> None:
    """List claims with their status and verdict."""
    from claims.service.filters import check_filter

    filters = service.ClaimFilter(article_id=article, status=status, verdict=verdict, kind=kind,
                                  assignee=assignee, search=search, has_findings=has_findings)
    rows = service.list_claims(engine(), check_filter(filters, order), order=order, limit=limit)
    if as_json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table(title=plural(len(rows), "claim"))
    columns = ("id", "article", "kind", "status", "verdict", "score", "v", "due", "claim")
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(str(r.id), str(r.article_id), r.kind, r.status, r.verdict or "",
                      f"{r.score:.2f}", str(r.version), r.due_on.isoformat() if r.due_on else "",
                      r.text[:110])
    console.print(table)


@app.command()
@clean_errors
def show(claim_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show one claim: its text, mentions, status, verdict, notes, evidence and history."""
    from claims.service.matching import claim_matches
    from claims.service.revisions import claim_place

    db = engine()
    detail = service.get_claim(db, claim_id)
    history = service.claim_history(db, claim_id)
    c = detail.claim
    if as_json:
        from claims.service.queries import mention_dict

        print(json.dumps({
            "id": c.id, "article_id": c.article_id, "kind": c.kind, "text": c.text,
            **claim_place(c), "status": c.status, "verdict": c.verdict,
            "rationale": c.rationale, "score": c.score, "reason": c.reason,
            "version": c.version, "assignee": detail.assignee,
            "due_on": c.due_on.isoformat() if c.due_on else None,
            "mentions": [mention_dict(m) for m in detail.mentions],
            "notes": [{"author": who, "body": n.body, "at": n.created_at.isoformat()}
                      for n, who in detail.notes],
            "evidence": [{"id": e.id, "url": e.url, "title": e.title, "stance": e.stance}
                         for e in detail.evidence],
            "history": [{"at": h.at.isoformat(), "actor": h.actor_name, "action": h.action,
                         "before": h.before, "after": h.after} for h in history],
            "matches": claim_matches(db, [claim_id])[claim_id],
        }, ensure_ascii=False, indent=1))
        return
    console.print(f"[bold]claim {c.id}[/] ({c.kind}, score {c.score:.2f}: {c.reason}) in "
                  f"article {c.article_id} «{detail.article.title or ''}»", highlight=False)
    console.print(f"  {c.text}", highlight=False, markup=False)
    console.print(f"  status {c.status} · verdict {c.verdict or '—'} · version {c.version} · "
                  f"assignee {detail.assignee or '—'} · due {c.due_on or '—'}", highlight=False)
    if c.rationale:
        console.print(f"  rationale: {c.rationale}", highlight=False, markup=False)
    for m in detail.mentions:
        from claims.service.queries import mention_dict

        console.print("  • " + _mention_line(mention_dict(m)), highlight=False, markup=False)
    for note, who in detail.notes:
        console.print(f"  note by {who}: {note.body}", highlight=False, markup=False)
    for e in detail.evidence:
        console.print(f"  evidence [{e.stance}] {e.title or ''} {e.url or e.file_name or ''}",
                      highlight=False, markup=False)
    for h in history:
        console.print(f"  {h.at:%Y-%m-%d %H:%M} {h.actor_name} {h.action} {h.after or ''}",
                      highlight=False, markup=False)
    for link in claim_matches(db, [claim_id])[claim_id]:
        other = (f"claim {link['claim_id']} (article {link['article_id']})"
                 if "claim_id" in link else
                 f"{link['publisher']}: {link['rating']} (external {link['external_id']})")
        console.print(f"  checked before: {other}, {link['relation']} {link['score']:.2f}",
                      highlight=False, markup=False)


@app.command()
@clean_errors
def review(
    claim_id: int,
    status: str | None = typer.Option(None, help="new, in_progress or dismissed."),
    verdict: str | None = typer.Option(None, help="Propose this verdict (needs --rationale)."),
    rationale: str | None = typer.Option(None, help="Why the verdict holds."),
    note: str | None = typer.Option(None, help="Add a note."),
    approve: bool = typer.Option(False, "--approve", help="Approve the proposed verdict (editor)."),
    send_back: str | None = typer.Option(None, "--send-back", help="Send the proposed verdict "
                                         "back with this comment (editor)."),
    reopen: bool = typer.Option(False, "--reopen", help="Reopen an approved claim (editor)."),
    reuse_from: int | None = typer.Option(None, "--reuse-verdict-from", help="Propose the "
                                          "verdict and rationale of this (linked) claim."),
    assign: str | None = typer.Option(None, help="Assign to this user (editor); '' unassigns."),
    due: str | None = typer.Option(None, help="Due date with --assign, YYYY-MM-DD."),
    expect_version: int | None = typer.Option(None, "--expect-version",
                                              help="Refuse if the claim is no longer at this "
                                                   "version (default: the current one)."),
    as_user: str | None = AS_USER,
) -> None:
    """Move a claim through the workflow: status, notes, verdict, approval."""
    from claims.service.review_steps import ReviewRequest, apply_review

    db = engine()
    ask = ReviewRequest(note=note, status=status, assign=assign, due_on=option_date(due),
                        verdict=verdict, rationale=rationale, send_back=send_back,
                        approve=approve, reopen=reopen, reuse_from=reuse_from)
    outcome = apply_review(db, actor(db, as_user), claim_id, ask, seen_version=expect_version)
    for label in outcome.steps:
        console.print(f"claim {claim_id}: {label}", highlight=False)
    claim = outcome.claim
    console.print(f"claim {claim_id} is {claim.status}, verdict {claim.verdict or '—'}, "
                  f"version {claim.version}", highlight=False)


@user_app.command("add")
@clean_errors
def user_add(
    name: str,
    role: str = typer.Option(..., help=", ".join(ROLES)),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from standard input."),
    as_user: str | None = AS_USER,
) -> None:
    """Add a user with a role (and a password for the dashboard's team mode)."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif stdin_is_terminal() and Settings.from_env().auth == "password":
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    db = engine()
    user = service.add_user(db, actor(db, as_user), name=name, role=role, password=password)
    console.print(f"user {user.name} added as {user.role}"
                  f"{' with a password' if password else ''}", highlight=False)


@user_app.command("set")
@clean_errors
def user_set(
    name: str,
    role: str | None = typer.Option(None, help=", ".join(ROLES)),
    active: bool | None = typer.Option(None, "--active/--inactive"),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
    as_user: str | None = AS_USER,
) -> None:
    """Change a user's role, switch them off or on, or set their password."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    db = engine()
    user = service.update_user(db, actor(db, as_user), name=name, role=role, active=active,
                               password=password)
    console.print(f"user {user.name}: {user.role}, {'active' if user.active else 'inactive'}",
                  highlight=False)


@user_app.command("list")
@clean_errors
def user_list() -> None:
    """List users and their roles."""
    for user in service.list_users(engine()):
        state = "" if user.active else " (inactive)"
        console.print(f"{user.name:20} {user.role}{state}", highlight=False, markup=False)


def _streamlit_command(host: str, port: int) -> list[str]:
    # uploads obey CLAIMS_MAX_ARTICLE_BYTES, so the uploaders say that, not Streamlit's 200 MB
    upload_mb = max(1, -(-Settings.from_env().max_article_bytes // 2**20))
    return [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
            "--server.address", host, "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none",
            "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal",
            "--server.maxUploadSize", str(upload_mb)]


@app.command()
@clean_errors
def serve(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8501)) -> None:
    """Run the dashboard on the configured database."""
    engine().dispose()  # upgrade the schema before the app starts; fail here if the db is bad
    console.print(f"dashboard on http://{host}:{port}", highlight=False)
    sys.stdout.flush()
    sys.stderr.flush()
    # Streamlit takes this process over, so a stop signal (Ctrl-C, `kill`, a service manager)
    # reaches the server itself and no orphan keeps the port.
    command = _streamlit_command(host, port)
    os.execv(command[0], command)


@app.command()
@clean_errors
def demo(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8501),
         serve_app: bool = typer.Option(True, "--serve/--no-serve",
                                        help="Start the dashboard afterwards.")) -> None:
    """A new demo database (db/demo.sqlite, or db/demo-N.sqlite when that exists) with the
    seed article loaded, then serve it."""
    from claims.demo import DEMO_USERS, build_demo

    made = build_demo()
    if made.earlier:
        console.print(f"earlier demo databases are left as they are (a dashboard may be "
                      f"serving one): {', '.join(map(str, made.earlier))}; this demo uses "
                      f"{made.path}", highlight=False, soft_wrap=True)
    os.environ["CLAIMS_DATABASE_URL"] = f"sqlite:///{made.path}"
    users = ", ".join(f"{name} ({role})" for name, role in DEMO_USERS.items())
    console.print(f"demo database {made.path}: seed article {made.article_id} with "
                  f"{made.claims} claims; users {users}, password <name>-demo-pass",
                  highlight=False, soft_wrap=True)
    if serve_app:
        serve(host=host, port=port)


def run() -> None:
    """Console-script entry point."""
    from claims.cli import register_subcommands

    register_subcommands(app)
    app()
