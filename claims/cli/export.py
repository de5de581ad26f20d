"""`claims export ...`: reports, claims as data, ClaimReview, annotations and dumps.

Every command is one call into `claims.export`; none changes data. Output goes to stdout
unless `-o FILE` is given; a file is written whole or not at all. Summaries and problems
go to stderr, so stdout holds only the export.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer

from claims.cli.common import clean_errors, engine, err_console, fail
from claims.settings import Settings
from claims.vocabulary import CLAIM_KINDS, STATUSES, VERDICTS

# Each command imports its exporter when it runs: `claims --help` stays fast.

app = typer.Typer(help="Export reports, claims, ClaimReview, annotations and dumps "
                       "(read-only).", no_args_is_help=True)

OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout).",
                      dir_okay=False)
ARTICLE = typer.Option(None, "--article", help="Only this article's claims (its id).")


@contextmanager
def output_stream(path: Path | None, *, private: bool = False) -> Iterator[IO[str]]:
    """stdout, or a file that appears only once it is complete (mode 0600 if `private`)."""
    if path is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:  # the reader (e.g. `head`) has had enough: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        return
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        os.chmod(temporary, 0o600 if private else 0o666 & ~_umask())
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@app.command("report")
@clean_errors
def report(
    article_id: int = typer.Argument(..., help="The article's id (see `claims list`)."),
    format: str = typer.Option("html", "--format", "-f", help="html or md"),
    output: Path | None = OUTPUT,
) -> None:
    """One article's report: metadata, summary, every claim with its evidence."""
    from claims.export.report import export_report

    text = export_report(engine(), article_id, format=format, settings=Settings.from_env())
    with output_stream(output) as stream:
        stream.write(text)
    if output:
        err_console.print(f"wrote the {format} report of article {article_id} to {output}")


@app.command("claims")
@clean_errors
def claims(
    format: str = typer.Option("csv", "--format", "-f", help="csv or jsonl"),
    status: str | None = typer.Option(None, help=f"One of: {', '.join(STATUSES)}."),
    article: int | None = ARTICLE,
    verdict: str | None = typer.Option(None, help=f"One of: {', '.join(VERDICTS)}."),
    kind: str | None = typer.Option(None, help=f"One of: {', '.join(CLAIM_KINDS)}."),
    assignee: str | None = typer.Option(None, help="Only claims assigned to this user."),
    output: Path | None = OUTPUT,
) -> None:
    """Claims as data, one a row with its mentions (streamed; the review queue's filters)."""
    from claims.export.tabular import export_claims
    from claims.service.filters import check_filter
    from claims.service.queries import ClaimFilter

    filters = check_filter(ClaimFilter(article_id=article, status=status, verdict=verdict,
                                       kind=kind, assignee=assignee))
    with output_stream(output) as stream:
        count = export_claims(engine(), stream, format=format, filters=filters)
    err_console.print(f"exported {count} claims as {format}")


@app.command("claimreview")
@clean_errors
def claimreview(article: int | None = ARTICLE, output: Path | None = OUTPUT) -> None:
    """ClaimReview JSON-LD for approved claims; claims that fail validation are listed.

    Exits with status 1 when any approved claim could not be exported (the others are).
    """
    from claims.export.claimreview import export_claimreview

    with output_stream(output) as stream:
        result = export_claimreview(engine(), stream, settings=Settings.from_env(),
                                    article_id=article)
    for rejection in result.rejected:
        err_console.print(f"not exported: {rejection}", highlight=False, soft_wrap=True)
    err_console.print(f"exported {result.written} ClaimReview items")
    if result.rejected:
        fail(f"{len(result.rejected)} approved claims were not exported (see above)")


@app.command("annotations")
@clean_errors
def annotations_command(article: int | None = ARTICLE, output: Path | None = OUTPUT) -> None:
    """W3C Web Annotation JSON-LD for claim quotes and notes."""
    from claims.export.annotations import export_annotations

    with output_stream(output) as stream:
        count = export_annotations(engine(), stream, settings=Settings.from_env(),
                                   article_id=article)
    err_console.print(f"exported {count} annotations")


@app.command("dump")
@clean_errors
def dump(
    file: Path = typer.Argument(..., help="The dump file to write.", dir_okay=False),
    with_secrets: bool = typer.Option(False, "--with-secrets",
                                      help="Include password hashes (the file is made "
                                           "readable by you only)."),
) -> None:
    """Everything in the database, in one versioned file (restore: claims import dump)."""
    from claims.export.dump import write_dump

    with output_stream(file, private=with_secrets) as stream:
        counts = write_dump(engine(), stream, with_secrets=with_secrets)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    err_console.print(f"wrote {file}: {summary}", highlight=False, soft_wrap=True)
