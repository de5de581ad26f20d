"""Benchmark claim matching on a large desk, on SQLite and on PostgreSQL.

usage: .venv/bin/python bench/bench_matching.py [--sizes 1000,10000,100000]
           [--postgres] [--repeat 5] [--memory] [--all-up-to N]

For each size a fresh database is filled with generated articles of 20 claims each (seeded
RNG; stories share words, so claims of one story repeat and change figures across articles),
their mentions and their signatures (bulk inserts). Then:

- new article: 20 new claims of a new article are inserted and matched
  (`match_stored_claims`, what ingest runs in its transaction); the baseline is the same
  insert without matching, in the same run. Median of `--repeat` runs, each rolled back;
- match --all: `match_desk(everything=True)`, the whole desk re-matched in one transaction;
- with --memory, match --all runs again under tracemalloc, its text caches emptied first, and
  its peak is printed: what a run holds at most, the caches (bounded: 65,536 entries each)
  and the candidates kept for the run (bounded: 50,000) included. Memory stays flat when the
  peak stops growing with the desk.

PostgreSQL (--postgres) runs a throwaway server from tests/pg_server.py. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import service  # noqa: E402
from claims.matching import _lower_words, _masked, _signature_from_json, names  # noqa: E402
from claims.models import Article  # noqa: E402
from claims.service.articles import insert_claims  # noqa: E402
from claims.service.matching import match_desk, match_stored_claims, store_signatures  # noqa: E402
from claims.store import create_engine, upgrade, write_session  # noqa: E402

CLAIMS_PER_ARTICLE = 20
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "bra", "cho", "dun", "fel",
             "gri", "hap", "jor", "kel", "mor", "nup", "pra", "quo", "sto", "tri", "wen")
UNITS = (("person", "people killed"), ("flight", "flights canceled"), ("USD", "dollars spent"),
         ("%", "percent of voters"), ("home", "homes destroyed"), ("job", "jobs added"))
COMMON = ("officials", "minister", "government", "report", "country", "region", "week",
          "police", "company", "city")


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def claim_row(rng: random.Random, story: list[str], start: int) -> tuple[dict[str, Any],
                                                                        list[dict[str, Any]]]:
    unit, phrase = rng.choice(UNITS)
    value = rng.choice((12, 41, 250, 2000, 2600, 38, 7, 90)) * rng.choice((1, 1, 1, 10))
    words = rng.sample(story, 6) + rng.sample(COMMON, 2)
    text = f"{' '.join(words[:4]).capitalize()} said {value:,} {phrase} in {' '.join(words[4:])}."
    number_at = text.index(f"{value:,}")
    claim = {"kind": "statistic", "text": text, "start": start, "end": start + len(text),
             "prefix": "", "suffix": "", "score": 0.5, "reason": "generated"}
    mention = {"kind": "money" if unit == "USD" else "percent" if unit == "%" else "count",
               "surface": f"{value:,}", "start": start + number_at,
               "end": start + number_at + len(f"{value:,}"), "value": float(value),
               "unit": unit, "qualifier": "exact", "date_value": None, "speaker": None}
    return claim, [mention]


def fill(engine: Engine, actor: service.Actor, claims: int, seed: int = 7) -> None:
    """`claims` generated claims in articles of 20, with mentions and signatures."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    stories = [rng.sample(vocab, 12) for _ in range(max(1, claims // 60))]
    for first in range(0, claims // CLAIMS_PER_ARTICLE, 50):
        with write_session(engine) as session:
            for number in range(first, min(first + 50, claims // CLAIMS_PER_ARTICLE)):
                article = _article(session, number)
                rows = [claim_row(rng, rng.choice(stories), i * 200)
                        for i in range(CLAIMS_PER_ARTICLE)]
                ids = insert_claims(session, article, actor.user_id, rows)
                store_signatures(session, ids)


def _article(session: Session, number: int) -> int:
    article = Article(title=f"generated {number}", body="x" * 10, body_sha256=f"{number:064d}",
                      published_on=date(2024, 7, 1), ingested_at=datetime.now(UTC))
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def new_article_ms(engine: Engine, actor: service.Actor, match: bool, seed: int) -> float:
    rng = random.Random(seed)
    vocab = vocabulary(random.Random(7))
    stories = [rng.sample(vocab, 12) for _ in range(5)]
    rows = [claim_row(rng, rng.choice(stories), i * 200) for i in range(CLAIMS_PER_ARTICLE)]
    with Session(engine) as session:
        session.begin()
        article = _article(session, 10**9 + seed)
        started = time.perf_counter()
        ids = insert_claims(session, article, actor.user_id, rows)
        if match:
            match_stored_claims(session, ids)
        elapsed = (time.perf_counter() - started) * 1000
        session.rollback()
    return elapsed


def median_ms(engine: Engine, actor: service.Actor, match: bool, repeat: int) -> float:
    new_article_ms(engine, actor, match, 0)  # warm-up
    return statistics.median(new_article_ms(engine, actor, match, seed)
                             for seed in range(1, repeat + 1))


def run_size(url: str, size: int, repeat: int, memory: bool, all_up_to: int) -> None:
    engine = create_engine(url)
    upgrade(engine)
    actor = service.local_actor(engine)
    started = time.perf_counter()
    fill(engine, actor, size)
    fill_s = time.perf_counter() - started
    baseline = median_ms(engine, actor, False, repeat)
    matched = median_ms(engine, actor, True, repeat)
    print(f"{engine.dialect.name:10} {size:>8,} {fill_s:8.1f} {baseline:10.1f} {matched:10.1f} "
          f"{matched - baseline:10.1f}", end="", flush=True)  # --all may take long
    all_s, links, peak = float("nan"), 0, ""
    if size <= all_up_to:
        started = time.perf_counter()
        links = match_desk(engine, actor, everything=True).links
        all_s = time.perf_counter() - started
    if memory and size <= all_up_to:
        for cached in (_masked, _lower_words, _signature_from_json, names):
            cached.cache_clear()  # the peak counts the caches filling again (bounded)
        tracemalloc.start()
        match_desk(engine, actor, everything=True)
        peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:8.1f}"
        tracemalloc.stop()
    print(f" {all_s:10.1f} {links:>8,} {peak}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--all-up-to", type=int, default=10**9,
                        help="run match --all only on desks of at most this many claims")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("database     claims   fill s  insert ms  +match ms   match ms  --all s     links"
          "  peak MiB")
    if args.postgres:
        sys.path.insert(0, str(ROOT))
        from tests.pg_server import start_server

        server = start_server()
        assert server is not None, "no PostgreSQL binaries"
        try:
            for number, size in enumerate(sizes):
                run_size(server.create_database(f"bench_{number}"), size, args.repeat,
                         args.memory, args.all_up_to)
        finally:
            server.stop()
        return
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            run_size(f"sqlite:///{folder}/bench-{size}.sqlite", size, args.repeat, args.memory,
                     args.all_up_to)


if __name__ == "__main__":
    main()
