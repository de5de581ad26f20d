"""`claims findings`: the stored consistency-check findings of an article; dismiss; re-run."""

from __future__ import annotations

import json

import typer

from claims.cli.common import AS_USER, actor, clean_errors, console, engine

app = typer.Typer(help="Consistency-check findings stored on claims.", no_args_is_help=True)


@app.command("list")
@clean_errors
def list_(article_id: int,
          as_json: bool = typer.Option(False, "--json", help="A JSON array of findings.")) -> None:
    """The article's open findings, in text order."""
    from claims.service.findings import open_findings

    found = open_findings(engine(), article_id)
    if as_json:
        print(json.dumps([{**f.to_dict(), "claim_id": f.claim_id} for f in found],
                         ensure_ascii=False, indent=1))
        return
    console.print(f"article {article_id}: {len(found)} open finding(s)")
    for f in found:
        console.print(f"  #{f.id} claim {f.claim_id} {f.severity} {f.rule}: {f.message}",
                      markup=False, highlight=False)


@app.command("dismiss")
@clean_errors
def dismiss(finding_id: int,
            reason: str = typer.Option(..., help="Why this is not a problem (audited)."),
            as_user: str | None = AS_USER) -> None:
    """Mark a finding "not a problem"; it stays dismissed when the checks run again."""
    from claims.service.findings import dismiss_finding

    db = engine()
    dismiss_finding(db, actor(db, as_user), finding_id, reason)
    console.print(f"finding {finding_id} dismissed", markup=False)


@app.command("recheck")
@clean_errors
def recheck(article_id: int, as_user: str | None = AS_USER) -> None:
    """Run the checks again on a stored article (dismissals are kept)."""
    from claims.service.findings import recheck_article

    db = engine()
    count = recheck_article(db, actor(db, as_user), article_id)
    console.print(f"article {article_id}: {count} open finding(s)", markup=False)


@app.command("tolerance")
@clean_errors
def tolerance(percent: str | None = typer.Argument(
        None, help="The new tolerance, a percentage such as 3 or 2.5%; leave out to show it."),
              as_user: str | None = AS_USER) -> None:
    """Show or set (admins; audited) how far a stated currency conversion may be from the
    ECB rate before ingest flags it. Stored articles keep their findings until rechecked."""
    from claims.service.findings import set_currency_tolerance, stored_currency_tolerance

    db = engine()
    if percent is None:
        value = stored_currency_tolerance(db)
    else:
        value = set_currency_tolerance(db, actor(db, as_user), percent)
    console.print(f"currency tolerance: {100 * value:g}%", markup=False)
