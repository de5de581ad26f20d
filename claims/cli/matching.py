"""`claims match`: link claims across articles, and say "not the same claim".

Reusing a linked claim's verdict is `claims review ID --reuse-verdict-from OTHER_ID`.
"""

from __future__ import annotations

import typer

from claims.cli.common import AS_USER, actor, clean_errors, console, engine, fail

app = typer.Typer(help="Match claims across articles (checked before, conflicting figures).",
                  invoke_without_command=True)
LONG_RUN = 200  # claims: show a progress bar from this many


@app.callback()
@clean_errors
def match(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Re-match every claim (dismissed "
                                    "links stay dismissed)."),
    article: int | None = typer.Option(None, "--article", help="Re-match this article's "
                                       "claims."),
    as_user: str | None = AS_USER,
) -> None:
    """Match claims to earlier claims and external reviews. Without options: the claims
    never matched yet (for example from a database made before matching existed)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from claims.service.matching import claims_to_match, match_desk

    if ctx.invoked_subcommand is not None:
        return
    if everything and article is not None:
        fail("give --all or --article, not both")
    db = engine()
    who = actor(db, as_user)
    total = claims_to_match(db, article_id=article, everything=everything)
    columns = (TextColumn("matching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=total < LONG_RUN) as progress:
        task = progress.add_task("matching", total=total)
        run = match_desk(db, who, article_id=article, everything=everything,
                         progress=lambda n: progress.advance(task, n))
    console.print(f"matched {run.claims} claims: {run.links} links", highlight=False)


@app.command("not-same")
@clean_errors
def not_same(
    claim_id: int,
    other_claim_id: int | None = typer.Argument(None, help="The linked claim."),
    external: int | None = typer.Option(None, "--external", help="The linked external "
                                        "review's id instead of a claim."),
    as_user: str | None = AS_USER,
) -> None:
    """Not the same claim: remove a link for good (it is not suggested again; audited)."""
    from claims.service.matching import dismiss_link

    if (other_claim_id is None) == (external is None):
        fail("name the other claim, or an external review with --external ID")
    db = engine()
    dismiss_link(db, actor(db, as_user), claim_id, other_claim_id=other_claim_id,
                 external_id=external)
    other = f"claim {other_claim_id}" if external is None else f"external review {external}"
    console.print(f"claim {claim_id}: link to {other} removed", highlight=False)
