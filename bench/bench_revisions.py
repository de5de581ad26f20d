"""Re-anchoring speed: the claims of an article placed into a revision of it.

usage: .venv/bin/python bench/bench_revisions.py [--repeat 20] [--seed 11]

Articles of 2,500 to 40,000 characters are made from the seed's paragraphs (numbers varied
per copy so sentences differ, seeded RNG); their claims come from the extractor. Two
revisions of each: "few" changes the figures of three claim sentences; "most" edits words
and figures in four paragraphs out of five. Timed: `claims.anchoring.place_all` (what
`service.revisions` runs inside the ingest transaction), median of --repeat runs. Baselines
measured in the same run: extracting the claims of the revision (what every ingest already
pays) and aligning every claim approximately (no exact passes). One end-to-end figure: a
revision of the 10,000-character article ingested into SQLite (extraction, re-anchoring,
writes, commit). Nothing is asserted: the figures go into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from claims import extract, service
from claims.anchoring import Anchor, place_all, place_approximately
from claims.service import ArticleInput
from claims.service.articles import quote_context
from claims.store import create_engine, upgrade

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"
LENGTHS = (2_500, 5_000, 10_000, 20_000, 40_000)
PUBLISHED = date(2024, 7, 8)


def paragraphs() -> list[str]:
    body = SEED.read_text(encoding="utf-8").split("\n\n")[2:-1]
    return [p for p in body if len(p) > 80]


def article(length: int, rng: random.Random) -> str:
    """About `length` characters of seed paragraphs, each copy's numbers varied."""
    pool, parts, size, copy = paragraphs(), [], 0, 0
    while size < length:
        paragraph = pool[len(parts) % len(pool)]
        if len(parts) and len(parts) % len(pool) == 0:
            copy += 1
        if copy:
            paragraph = bump_figures(paragraph, rng, copy)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[:length].rsplit("\n\n", 1)[0]


def bump_figures(text: str, rng: random.Random, times: int = 1) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + times * rng.randint(1, 9)), text)


def few_changes(body: str, claims: list[extract.Claim], rng: random.Random) -> str:
    """Three claim sentences with their figures changed (or a word, where they have none)."""
    for claim in rng.sample(claims, min(3, len(claims))):
        changed = bump_figures(claim.text, rng)
        if changed == claim.text:
            changed = claim.text.replace(" the ", " this ", 1) + " Officials agreed."
        body = body.replace(claim.text, changed, 1)
    return body


def most_changed(body: str, rng: random.Random) -> str:
    """Four paragraphs in five edited: figures changed, words swapped, a clause added."""
    edited = []
    for number, paragraph in enumerate(body.split("\n\n")):
        if number % 5:
            paragraph = bump_figures(paragraph, rng).replace(" the ", " that ")
            paragraph = paragraph.replace(", ", ", reportedly, ", 1)
        edited.append(paragraph)
    return "\n\n".join(edited)


def anchors_of(body: str, claims: list[extract.Claim]) -> list[Anchor]:
    return [Anchor(c.text, c.start, *quote_context(body, c.start, c.end)) for c in claims]


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(length: int, repeat: int, rng: random.Random) -> None:
    body = article(length, rng)
    claims = extract.extract_claims(body, PUBLISHED)
    anchors = anchors_of(body, claims)
    for name, revised in (("few", few_changes(body, claims, rng)),
                          ("most", most_changed(body, rng))):
        found = extract.extract_claims(revised, PUBLISHED)
        spans = [(c.start, c.end) for c in found]
        placed = place_all(anchors, revised, spans)
        fuzzy = sum(1 for p in placed if p is not None and p.how == "approximate")
        lost = sum(1 for p in placed if p is None)
        anchor_ms = median_ms(lambda r=revised, s=spans: place_all(anchors, r, s), repeat)
        naive_ms = median_ms(lambda r=revised, s=spans: [place_approximately(a, r, s)
                                                         for a in anchors], max(3, repeat // 4))
        extract_ms = median_ms(lambda r=revised: extract.extract_claims(r, PUBLISHED),
                               max(3, repeat // 4))
        print(f"{len(body):>7,} chars {len(anchors):>4} claims  {name:<4}  re-anchor "
              f"{anchor_ms:7.2f} ms ({fuzzy:>3} approximate, {lost:>2} not found)  "
              f"all-approximate {naive_ms:8.2f} ms  extraction {extract_ms:7.1f} ms")


def end_to_end(repeat: int, rng: random.Random) -> None:
    body = article(10_000, rng)
    claims = extract.extract_claims(body, PUBLISHED)
    times = []
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        upgrade(engine)
        who = service.local_actor(engine)
        item = ArticleInput(text=body, published_on=PUBLISHED, body_is_text=True,
                            url="https://example.org/story")
        service.ingest_article(engine, who, item)
        for _ in range(repeat):
            body = few_changes(body, claims, rng)
            claims = extract.extract_claims(body, PUBLISHED)
            started = time.perf_counter()
            result = service.ingest_article(engine, who, replace(item, text=body))
            times.append(time.perf_counter() - started)
            assert result.revised
        engine.dispose()
    print(f"end to end, 10,000 chars, 'few' revision ingested into SQLite: median "
          f"{statistics.median(times) * 1000:.1f} ms over {repeat} revisions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for length in LENGTHS:
        measure(length, args.repeat, rng)
    end_to_end(max(5, args.repeat // 2), rng)


if __name__ == "__main__":
    main()
