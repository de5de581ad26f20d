"""Ingest speed: 1,000 distinct seed-size articles into SQLite, and cost per article as the
database grows (100, 1,000 and 10,000 articles already present).

usage: .venv/bin/python bench/bench_ingest.py [--articles 1000]

Prints articles per second and peak memory (max RSS). Nothing is asserted: the figures go
into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from claims import service
from claims.service import ArticleInput
from claims.store import create_engine, upgrade

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"


def variant(n: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    title, _, rest = seed.partition("\n\n")
    lead = f"Story {n}: officials said {n % 97 + 3} people were hurt on Friday."
    return f"{title} {n}\n\n{lead}\n\n{rest}"


def ingest_many(url: str, first: int, count: int) -> float:
    """Ingest `count` new articles; returns seconds taken."""
    engine = create_engine(url)
    upgrade(engine)
    who = service.local_actor(engine)
    started = time.perf_counter()
    for n in range(first, first + count):
        service.ingest_article(engine, who, ArticleInput(text=variant(n),
                                                         published_on=date(2024, 7, 8)))
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def prefill(path: Path, count: int) -> None:
    """Copy the one ingested article `count - 1` times with raw SQL (fast setup)."""
    connection = sqlite3.connect(path)
    article = connection.execute("SELECT * FROM article WHERE id = 1").fetchone()
    columns = [c[1] for c in connection.execute("PRAGMA table_info(article)")]
    claims = connection.execute("SELECT * FROM claim WHERE article_id = 1").fetchall()
    claim_columns = [c[1] for c in connection.execute("PRAGMA table_info(claim)")]
    sha_at, id_at = columns.index("body_sha256"), columns.index("id")
    article_at, claim_id_at = claim_columns.index("article_id"), claim_columns.index("id")
    rows, claim_rows = [], []
    for n in range(2, count + 1):
        row = list(article)
        row[id_at], row[sha_at] = n, hashlib.sha256(f"prefill {n}".encode()).hexdigest()
        rows.append(row)
        for claim in claims:
            copy = list(claim)
            copy[claim_id_at], copy[article_at] = None, n
            claim_rows.append(copy)
    marks = ",".join("?" * len(columns))
    connection.executemany(f"INSERT INTO article VALUES ({marks})", rows)
    connection.executemany(f"INSERT INTO claim VALUES ({','.join('?' * len(claim_columns))})",
                           claim_rows)
    connection.commit()
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    url = f"sqlite:///{folder / 'fresh.sqlite'}"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = ingest_many(url, 0, args.articles)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"fresh SQLite: {args.articles} articles in {seconds:.2f} s = "
          f"{args.articles / seconds:.0f} articles/s ({1000 * seconds / args.articles:.2f} ms "
          f"each); peak RSS {rss_after / 1024:.0f} MB (grew {(rss_after - rss_before) / 1024:.0f} "
          "MB during the run)")
    for present in (100, 1000, 10000):
        path = folder / f"present-{present}.sqlite"
        url = f"sqlite:///{path}"
        ingest_many(url, 10**6, 1)
        prefill(path, present)
        batch = 200
        seconds = ingest_many(url, 2 * 10**6, batch)
        print(f"{present:>6} articles present: {1000 * seconds / batch:.2f} ms per new article "
              f"({batch} ingested)")


if __name__ == "__main__":
    main()
