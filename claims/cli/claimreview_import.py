"""`claims import claimreview FILE`: other fact-checkers' ClaimReview JSON-LD."""

from __future__ import annotations

from pathlib import Path

import typer

from claims.cli.common import AS_USER, actor, clean_errors, console, engine


@clean_errors
def claimreview(
    file: Path = typer.Argument(..., help="ClaimReview JSON-LD: one object, an array, or "
                                "JSON Lines.", exists=True, dir_okay=False, readable=True),
    as_user: str | None = AS_USER,
) -> None:
    """Import ClaimReview items as external reviews and match them to claims.

    All or nothing: a file with any bad item is refused with one problem per item.
    """
    from claims.service.external_reviews import import_claimreview
    from claims.sources import decode

    text, _ = decode(file.read_bytes(), str(file))
    db = engine()
    report = import_claimreview(db, actor(db, as_user), text, source=str(file))
    console.print(f"{file}: {report.imported} reviews imported, {report.duplicates} "
                  f"already stored, {report.links} links to claims", highlight=False)
