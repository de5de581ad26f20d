"""Benchmark: streaming exports of 10,000 and 100,000 claims (CSV, JSON Lines, ClaimReview).

For each size it bulk-inserts that many approved claims (two mentions each, one approval
event each, spread over articles of 100 claims) into a temporary SQLite database, then
exports them to a file in each format, twice: once timed, once under tracemalloc for the
peak of Python memory. Goals (issue 6): memory flat (the 100,000 run within 10% of the
10,000 run), time linear, 100,000 claims in under 10 s per format.

    .venv/bin/python bench/bench_export.py [--sizes 10000 100000] [--seed 7] [--record]

`--record` replaces the "Exports" section of bench/RESULTS.md with the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from claims.export.claimreview import export_claimreview
from claims.export.tabular import export_claims
from claims.models import Article, AuditEvent, Claim, Mention, User
from claims.settings import Settings
from claims.store import create_engine, upgrade

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
CLAIMS_PER_ARTICLE = 100
BATCH = 5000
VERDICTS = ("true", "mostly_true", "half_true", "misleading", "mostly_false", "false",
            "unverifiable")
SENTENCE = ("Officials said on {day} that at least {count} people were affected and that "
            "spending reached ${money}bn in {year}, up {percent}% on the year before.")
EXPORTS: dict[str, Callable[[Engine, IO[str]], object]] = {
    "csv": lambda engine, out: export_claims(engine, out, format="csv"),
    "jsonl": lambda engine, out: export_claims(engine, out, format="jsonl"),
    "claimreview": lambda engine, out: export_claimreview(engine, out, settings=Settings()),
}


def _claim_rows(rng: random.Random, first_id: int, count: int,
                when: datetime) -> tuple[list[dict], list[dict], list[dict]]:
    claims, mentions, events = [], [], []
    for claim_id in range(first_id, first_id + count):
        count, year = rng.randint(2, 900), rng.randint(1990, 2024)
        text = SENTENCE.format(day=rng.choice(("Monday", "Friday")), count=count,
                               money=rng.randint(1, 99), year=year, percent=rng.randint(1, 60))
        article_id = (claim_id - 1) // CLAIMS_PER_ARTICLE + 1
        start = ((claim_id - 1) % CLAIMS_PER_ARTICLE) * 200
        claims.append(dict(id=claim_id, article_id=article_id, kind="statistic", text=text,
                           start=start, end=start + len(text), prefix="", suffix="",
                           score=rng.random(), reason="bench", origin="extracted",
                           status="approved", verdict=rng.choice(VERDICTS),
                           rationale="Checked against the official figures.",
                           proposed_by_id=1, approved_by_id=1, version=3, created_at=when,
                           updated_at=when, updated_by_id=1))
        mentions.append(_mention(claim_id, start, text, str(count), kind="count",
                                 value=float(count), unit="person", qualifier="at_least"))
        mentions.append(_mention(claim_id, start, text, str(year), kind="date",
                                 date_value=str(year)))
        events.append(dict(at=when, actor_id=1, actor_name="bench", entity="claim",
                           entity_id=claim_id, claim_id=claim_id, action="approve",
                           before={"status": "needs_approval"}, after={"status": "approved"}))
    return claims, mentions, events


def _mention(claim_id: int, claim_start: int, text: str, surface: str, **values: object) -> dict:
    at = text.index(surface)
    row = dict(claim_id=claim_id, surface=surface, start=claim_start + at,
               end=claim_start + at + len(surface), value=None, unit=None, qualifier=None,
               date_value=None, speaker=None)
    row.update(values)
    return row


def build_database(path: Path, size: int, seed: int) -> Engine:
    """A new SQLite database holding `size` approved claims, inserted in bulk."""
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    rng = random.Random(seed)
    when = datetime(2024, 7, 9, 12, tzinfo=UTC)
    articles = (size + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
    with engine.begin() as connection:
        connection.execute(sa.insert(User), [dict(id=1, name="bench", role="admin",
                                                  created_at=when)])
        connection.execute(sa.insert(Article), [
            dict(id=i, title=f"Article {i}", outlet="Bench Times",
                 url=f"https://news.example/{i}", published_on=date(2024, 7, 8)
                 - timedelta(days=i % 365), body="x" * 200 * CLAIMS_PER_ARTICLE,
                 body_sha256=f"{i:064x}", ingested_at=when) for i in range(1, articles + 1)])
        for first in range(1, size + 1, BATCH):
            claims, mentions, events = _claim_rows(rng, first, min(BATCH, size - first + 1),
                                                   when)
            connection.execute(sa.insert(Claim), claims)
            connection.execute(sa.insert(Mention), mentions)
            connection.execute(sa.insert(AuditEvent), events)
    return engine


Figure = tuple[int, str, float, float, float, int]  # claims, format, wall s, CPU s, MiB, bytes


def measure(engine: Engine, export: Callable[[Engine, IO[str]], object],
            target: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MiB under tracemalloc, bytes written) of one export to `target`.

    CPU time is this process's: it stays meaningful when other work shares the machine.
    """
    with open(target, "w", encoding="utf-8", newline="") as out:
        started, cpu = time.perf_counter(), time.process_time()
        export(engine, out)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    with open(target, "w", encoding="utf-8", newline="") as out:
        export(engine, out)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, cpu, peak, target.stat().st_size


def run(sizes: list[int], seed: int) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        for size in sizes:
            started = time.perf_counter()
            engine = build_database(Path(folder) / f"claims-{size}.sqlite", size, seed)
            print(f"{size:>7} claims inserted in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            for name, export in EXPORTS.items():
                seconds, cpu, peak, written = measure(engine, export,
                                                      Path(folder) / f"out.{name}")
                figures.append((size, name, seconds, cpu, peak, written))
                print(f"{size:>7} {name:<12} {seconds:6.2f} s (CPU {cpu:6.2f} s)  peak "
                      f"{peak:6.2f} MiB  {written / 2**20:7.1f} MiB written", file=sys.stderr)
            engine.dispose()
    return figures


def table(figures: list[Figure]) -> list[str]:
    lines = ["| claims | format | wall (s) | CPU (s) | claims/s (CPU) | peak Python memory (MiB) "
             "| file (MiB) |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size, name, seconds, cpu, peak, written in figures:
        lines.append(f"| {size:,} | {name} | {seconds:.2f} | {cpu:.2f} | {size / cpu:,.0f} | "
                     f"{peak:.2f} | {written / 2**20:.1f} |")
    return lines


def verdicts(figures: list[Figure]) -> list[str]:
    """How the largest run compares with the smallest, per format, against the goals."""
    sizes = sorted({f[0] for f in figures})
    small, large = sizes[0], sizes[-1]
    by = {(f[0], f[1]): f for f in figures}
    lines = []
    for name in EXPORTS:
        _, _, w_small, t_small, m_small, _ = by[(small, name)]
        _, _, w_large, t_large, m_large, _ = by[(large, name)]
        lines.append(f"- {name}: memory {large:,} vs {small:,}: {m_large / m_small - 1:+.1%} "
                     f"(goal within ±10%); CPU time ×{t_large / t_small:.1f} for ×"
                     f"{large // small} claims; {large:,} claims in {w_large:.2f} s wall, "
                     f"{t_large:.2f} s CPU (goal < 10 s)")
    return lines


def record(figures: list[Figure], command: str) -> None:
    """Replace (or add) the "## Exports" section of RESULTS.md; re-reads the file first."""
    section = ["## Exports", "", f"Command: `{command}`", "",
               f"Machine: {platform.machine()}, {platform.python_implementation()} "
               f"{platform.python_version()}, SQLite {_sqlite_version()}, {os.cpu_count()} CPUs, "
               f"load average {os.getloadavg()[0]:.1f} at the end; recorded "
               f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.", "",
               "Wall time depends on what else runs on the machine; CPU time (this process's) "
               "is the steadier figure.", "",
               "Each export streams from a temporary SQLite database to a file; peak memory is "
               "tracemalloc's peak of Python allocations during a second, identical run.", "",
               *table(figures), "", *verdicts(figures), ""]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    lines = text.rstrip("\n").split("\n")
    if "## Exports" in lines:
        start = lines.index("## Exports")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = section
    else:
        lines += ["", *section]
    RESULTS.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--record", action="store_true",
                        help="write the figures into bench/RESULTS.md (section Exports)")
    args = parser.parse_args()
    figures = run(sorted(args.sizes), args.seed)
    print("\n".join([*table(figures), "", *verdicts(figures)]))
    if args.record:
        command = ".venv/bin/python bench/bench_export.py " + " ".join(sys.argv[1:])
        record(figures, command.strip())


if __name__ == "__main__":
    main()
