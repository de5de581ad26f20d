"""Benchmark the dashboard's server time on a large desk, with streamlit's AppTest.

usage: .venv/bin/python bench/bench_dashboard.py [--sizes 1000:10,100000:1000] [--repeat 5]

For each size (claims:articles) a fresh SQLite database is filled by bulk insert (generated
articles, claims with mentions, statuses, verdicts, assignees, due dates; seeded RNG), then
app.py runs in-process under AppTest (no browser, no network) and these are timed:

- queue, first render: a new session opening the review queue;
- queue, filter change: the same session rerun with a status filter, then a text search,
  then turned to a page in the middle of the results (page 1,000 of 2,000 at 100,000);
- workspace: a new session opening `?claim=ID` (quote, mentions, notes, evidence, history);
- overview: a new session of an editor on the editor overview.

Server time is the time AppTest's script runner takes to run app.py and collect what it
sends (`LocalScriptRunner.run`): what a Streamlit server spends on the page before the
browser draws it. The wall time of the whole `AppTest.run()` is printed too; for a new
session it is dominated by AppTest scanning installed packages for components, which a real
server does once at start-up. Each figure is the median of `--repeat` runs after one warm-up,
in ms. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import service  # noqa: E402
from claims.models import CLAIM_KINDS, STATUSES, VERDICTS, Article, Claim, Mention  # noqa: E402
from claims.service import Actor  # noqa: E402
from claims.store import create_engine, upgrade  # noqa: E402

APP = ROOT / "app.py"
WORDS = ("minister", "officials", "said", "ministry", "percent", "budget", "people", "killed",
         "trade", "billion", "border", "election", "votes", "report", "hospital", "exports")
CHUNK = 5_000


def _sentence(rng: random.Random, number: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18)))
    return f"The {words} reached {number} people, the report said."


def fill(url: str, claims: int, articles: int, seed: int = 7) -> tuple[Actor, Actor, int]:
    """A new database at `url` with `claims` claims over `articles` articles (bulk insert).

    Returns a checker, an editor and the id of a claim in the middle of the table.
    """
    engine = create_engine(url)
    upgrade(engine)
    admin = service.local_actor(engine)
    for name, role in (("asha", "checker"), ("eddie", "editor"), ("chen", "checker")):
        service.add_user(engine, admin, name=name, role=role)
    checker, editor = service.actor_for(engine, "asha"), service.actor_for(engine, "eddie")
    rng = random.Random(seed)
    per_article = claims // articles
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        article_rows, claim_rows, mention_rows = [], [], []
        claim_id = 0
        for article_id in range(1, articles + 1):
            sentences = [_sentence(rng, rng.randint(2, 5000)) for _ in range(per_article)]
            body = "\n\n".join(sentences)
            article_rows.append({"id": article_id, "title": f"Generated article {article_id}",
                                 "outlet": "Bench News", "body": body,
                                 "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
                                 "ingested_at": now, "published_on": date(2024, 7, 8)})
            at = 0
            for sentence in sentences:
                claim_id += 1
                claim_rows.append(_claim_row(rng, claim_id, article_id, sentence, at, now,
                                             checker.user_id))
                number_at = sentence.index(" reached ") + 9
                surface = sentence[number_at:sentence.index(" ", number_at)]
                mention_rows.append({"claim_id": claim_id, "kind": "count", "surface": surface,
                                     "start": at + number_at,
                                     "end": at + number_at + len(surface),
                                     "value": float(surface), "unit": "person",
                                     "qualifier": "exact"})
                at += len(sentence) + 2
        for table, rows in ((Article.__table__, article_rows), (Claim.__table__, claim_rows),
                            (Mention.__table__, mention_rows)):
            for start in range(0, len(rows), CHUNK):
                connection.execute(sa.insert(table), rows[start:start + CHUNK])  # type: ignore[arg-type]
    engine.dispose()
    return checker, editor, claims // 2


def _claim_row(rng: random.Random, claim_id: int, article_id: int, sentence: str, at: int,
               now: datetime, checker_id: int) -> dict[str, Any]:
    status = rng.choices(STATUSES, weights=(60, 15, 10, 10, 5))[0]
    verdict = rng.choice(VERDICTS) if status in ("needs_approval", "approved") else None
    assigned = status != "new" and rng.random() < 0.7
    return {"id": claim_id, "article_id": article_id, "kind": rng.choice(CLAIM_KINDS),
            "text": sentence, "start": at, "end": at + len(sentence), "prefix": "",
            "suffix": "", "score": round(rng.random(), 3), "reason": "generated",
            "origin": "extracted", "status": status, "verdict": verdict,
            "rationale": "generated" if verdict else None,
            "assignee_id": checker_id if assigned else None,
            "due_on": date(2026, 1, 1) + timedelta(days=rng.randint(-30, 60)) if assigned
            else None, "version": 1, "created_at": now, "updated_at": now}


_script_ms: list[float] = []


def _time_script_runs() -> None:
    """Record how long each script run takes inside AppTest (the server's share)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner.run

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            _script_ms.append((time.perf_counter() - start) * 1000)

    LocalScriptRunner.run = run  # type: ignore[method-assign]


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median (server ms, wall ms) of `run()` over `repeat` runs, after one warm-up."""
    run()
    server, wall = [], []
    for _ in range(repeat):
        _script_ms.clear()
        start = time.perf_counter()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        server.append(sum(_script_ms))
    return statistics.median(server), statistics.median(wall)


def session(actor: Actor, **query: str) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["actor"] = actor
    at.query_params.update(query)
    return at


def _checked(at: Any) -> Any:
    if at.exception or at.error:
        raise RuntimeError(f"the page failed: {[e.value for e in (*at.exception, *at.error)]}")
    return at


def measure(checker: Actor, editor: Actor, claim_id: int,
            repeat: int) -> dict[str, tuple[float, float]]:
    def queue_first() -> Any:
        return _checked(session(checker).run())

    queue = queue_first()

    def status_filter() -> None:
        value = "in_progress" if queue.selectbox(key="queue_status").value == "any" else "any"
        _checked(queue.selectbox(key="queue_status").set_value(value).run())

    def all_claims() -> None:
        queue.selectbox(key="queue_status").set_value("any")
        _checked(queue.text_input(key="queue_search").set_value("").run())

    def middle_page() -> None:
        box = queue.number_input(key="queue_page_no")
        middle = max(1, int(box.proto.max) // 2)
        _checked(box.set_value(middle + 1 if box.value == middle else middle).run())

    def search() -> None:
        box = queue.text_input(key="queue_search")
        _checked(box.set_value("hospital" if box.value != "hospital" else "ministry").run())

    results = {
        "queue, first render": timed(queue_first, repeat),
        "queue, status filter change": timed(status_filter, repeat),
        "queue, text search change": timed(search, repeat),
    }
    all_claims()
    results["queue, a page in the middle"] = timed(middle_page, repeat)
    results["workspace (?claim=ID)"] = timed(
        lambda: _checked(session(checker, claim=str(claim_id)).run()), repeat)
    results["editor overview"] = timed(lambda: _checked(session(editor).run()), repeat)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000:10,100000:1000",
                        help="comma-separated claims:articles pairs")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    _time_script_runs()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for pair in args.sizes.split(","):
            claims, articles = (int(x) for x in pair.split(":"))
            url = f"sqlite:///{folder}/bench-{claims}.sqlite"
            start = time.perf_counter()
            checker, editor, claim_id = fill(url, claims, articles)
            print(f"{claims:,} claims over {articles:,} articles: filled in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
            os.environ["CLAIMS_DATABASE_URL"] = url
            os.environ["CLAIMS_AUTH"] = "password"
            results[f"{claims:,} claims"] = measure(checker, editor, claim_id, args.repeat)
    sizes = list(results)
    print(f"\nmedian ms per page, server time (AppTest wall time), {args.repeat} runs after a "
          "warm-up")
    print(f"{'':30}" + "".join(f"{s:>20}" for s in sizes))
    for name in results[sizes[0]]:
        cells = (f"{results[s][name][0]:.0f} ({results[s][name][1]:.0f})" for s in sizes)
        print(f"{name:30}" + "".join(f"{cell:>20}" for cell in cells))


if __name__ == "__main__":
    main()
