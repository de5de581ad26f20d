"""Benchmark claim extraction against the baseline a Python user would assemble.

usage: .venv/bin/python bench/bench_extract.py [--articles 240] [--baseline-sample N] [--seed 7]

The baseline is quantulum3 (`quantulum3.parser.parse`) for quantities and money plus
`dateparser.search.search_dates` for dates; it has no quotes. Both run in this process, one
core, on the same texts: the seed article, the hand-written passages, and a corpus generated
deterministically from them (shuffled paragraphs, varied numbers, names and dates, seeded RNG).
The baseline runs on the seed, the passages and the whole corpus (about two minutes; pass
`--baseline-sample N` to give it only the first N generated articles); the ratio compares both
extractors on exactly the same texts. Times are CPU seconds of this process
(`time.process_time`), so other work on a shared machine does not inflate them. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import json
import pstats
import random
import re
import resource
import statistics
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from claims.checks import run_checks
from claims.extract import body_span, extract_claims
from claims.extract.dates import find_dates
from claims.extract.evaluation import Evaluation, combine, evaluate, ratio
from claims.extract.grouping import group_claims
from claims.extract.pipeline import merge_mentions
from claims.extract.quantities import find_quantities
from claims.extract.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MentionDict = dict[str, Any]
Extractor = Callable[[str, date], list[MentionDict]]
_BASELINE_GROWTH_LIMIT = 30_000  # at 100 KB the baseline takes over a minute


@dataclass(frozen=True, slots=True)
class Article:
    """A text to extract from, with its publication date and hand-made expectations if any."""

    name: str
    text: str
    published: date
    expected: list[MentionDict] | None = None


# --- texts -------------------------------------------------------------------------------------


def load_fixtures() -> list[Article]:
    """The seed and the passages with their hand-made expectations."""
    articles = []
    for path in sorted((FIXTURES / "expected").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        folder = "seed" if (FIXTURES / "seed" / doc["file"]).exists() else "passages"
        text = (FIXTURES / folder / doc["file"]).read_bytes().decode("utf-8")
        published = date.fromisoformat(doc["published"])
        articles.append(Article(path.stem, text, published, doc["mentions"]))
    return sorted(articles, key=lambda a: a.name != "modi_putin_moscow")


_NAMES = {
    "Narendra Modi": ["Anil Mehta", "Sunita Rao", "Rahul Verma"],
    "Vladimir Putin": ["Sergei Ivanov", "Dmitri Orlov"],
    "Modi": ["Mehta", "Rao", "Verma"],
    "Putin": ["Ivanov", "Orlov"],
    "Moscow": ["St Petersburg", "Kazan"],
    "India": ["Brazil", "Indonesia", "India"],
    "Ukraine": ["Georgia", "Moldova", "Ukraine"],
}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_NAME_PATTERN = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True)) + r")\b"
)
_WORD_PATTERN = re.compile(r"\b(?:" + "|".join(_WEEKDAYS + _MONTHS) + r")\b")
_NUMBER_PATTERN = re.compile(r"\d[\d,]*(?:\.\d+)?")
_HEADLINES = [
    "{a} and {b} meet as trade hits record", "Floods leave {n} dead as relief package announced",
    "{a} vows to press ahead despite {n}% fall", "Court orders rerun after {n}-vote margin",
]


def _vary_number(rng: random.Random, match: re.Match[str]) -> str:
    digits = match.group(0)
    if re.fullmatch(r"(?:19|20)\d\d", digits):
        return str(rng.randint(1990, 2026))
    varied = [rng.choice("123456789") if i == 0 and c.isdigit() else
              rng.choice("0123456789") if c.isdigit() else c for i, c in enumerate(digits)]
    return "".join(varied)


def _vary(rng: random.Random, paragraph: str) -> str:
    paragraph = _NAME_PATTERN.sub(lambda m: rng.choice(_NAMES[m.group(0)]), paragraph)
    paragraph = _WORD_PATTERN.sub(
        lambda m: rng.choice(_WEEKDAYS if m.group(0) in _WEEKDAYS else _MONTHS), paragraph
    )
    return _NUMBER_PATTERN.sub(lambda m: _vary_number(rng, m), paragraph)


def _paragraphs(articles: Sequence[Article]) -> list[str]:
    pool = []
    for article in articles:
        start, end = body_span(article.text)
        pool += [p.strip() for p in article.text[start:end].split("\n") if p.strip()]
    return pool


def generate_corpus(sources: Sequence[Article], count: int, seed: int) -> list[Article]:
    """`count` news-length articles (4-12 KB) built from the sources' paragraphs, reproducibly."""
    pool = _paragraphs(sources)
    corpus = []
    for index in range(count):
        rng = random.Random(seed * 1_000_003 + index)
        target = rng.randint(4_000, 12_000)
        body: list[str] = []
        while sum(len(p) + 2 for p in body) < target:
            body.append(_vary(rng, rng.choice(pool)))
        published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        headline = rng.choice(_HEADLINES).format(a="Mehta", b="Orlov", n=rng.randint(2, 99))
        text = _layout(rng, headline, published, "\n\n".join(body))
        corpus.append(Article(f"generated_{index:04d}", text, published))
    return corpus


def _layout(rng: random.Random, headline: str, published: date, body: str) -> str:
    if rng.random() < 0.5:  # the devset scraper's layout
        return f"# {headline}\n\nPublished :`{published} 09:30:00`\n\n---\n{body}\n---\n"
    return f"{headline}\n\n{body}\n\nRelated Posts"


def sized_text(corpus: Sequence[Article], size: int) -> str:
    """About `size` characters of article bodies under one headline."""
    parts, total = [], 0
    for article in itertools.cycle(corpus):
        start, end = body_span(article.text)
        parts.append(article.text[start:end])
        total += end - start
        if total >= size:
            break
    return "Headline of a very long article\n\n" + "\n\n".join(parts)[:size]


# --- the two extractors ------------------------------------------------------------------------


def ours(text: str, published: date) -> list[MentionDict]:
    return [m.to_dict() for claim in extract_claims(text, published) for m in claim.mentions]


_CURRENCIES = {"dollar": "USD", "pound": "GBP", "euro": "EUR", "rupee": "INR", "yen": "JPY",
               "zloty": "PLN", "rouble": "RUB", "ruble": "RUB", "yuan": "CNY"}
_MONTH_WORDS = re.compile("|".join(m[:3].lower() for m in _MONTHS))


def _baseline_quantity(quantity: Any, offset: int) -> MentionDict:
    unit_name: str = quantity.unit.name
    entity: str = quantity.unit.entity.name
    currency = next((code for word, code in _CURRENCIES.items() if word in unit_name), None)
    if entity == "currency" or currency:
        kind, unit = "money", currency or unit_name
    elif unit_name == "percentage":
        kind, unit = "percent", "%"
    elif entity == "dimensionless":
        kind, unit = "count", None
    else:
        kind, unit = "measure", unit_name
    start, end = quantity.span
    return {"kind": kind, "surface": quantity.surface, "start": start + offset,
            "end": end + offset, "value": quantity.value, "unit": unit, "qualifier": "exact"}


def _baseline_date(surface: str, when: datetime, start: int) -> MentionDict:
    """A found date at the granularity its words suggest: year only, month, or day."""
    words = surface.lower()
    if re.fullmatch(r"\D*\d{4}\D*", words) and not _MONTH_WORDS.search(words):
        iso = f"{when.year}"
    elif _MONTH_WORDS.search(words) and not re.search(r"\b\d{1,2}\b", words):
        iso = f"{when.year}-{when.month:02d}"
    else:
        iso = when.date().isoformat()
    return {"kind": "date", "surface": surface, "start": start, "end": start + len(surface),
            "date": iso}


def baseline(text: str, published: date) -> list[MentionDict]:
    """quantulum3 quantities and dateparser dates on the same body our extractor reads."""
    from dateparser.search import search_dates
    from quantulum3 import parser

    start, end = body_span(text)
    body = text[start:end]
    found = [_baseline_quantity(q, start) for q in parser.parse(body)]
    base = datetime.combine(published, datetime.min.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    cursor = 0
    for surface, when in search_dates(body, languages=["en"], settings=settings) or []:
        at = body.find(surface, cursor)
        if at == -1:
            continue
        found.append(_baseline_date(surface, when, start + at))
        cursor = at + len(surface)
    return found


# --- measurements ------------------------------------------------------------------------------


def extractor_build() -> str:
    """Which build of the extractor this process runs: the sources, or the mypyc-compiled
    modules of `CLAIMS_COMPILE=1 pip install .` (see setup.py)."""
    import claims.extract.quantities as module

    where = Path(module.__file__ or "").parent
    kind = "compiled with mypyc" if (module.__file__ or "").endswith(".so") else "Python sources"
    return f"{kind} ({where})"


def timed(extractor: Extractor, articles: Sequence[Article]) -> list[float]:
    """Seconds per article, one after another on this core."""
    times = []
    for article in articles:
        began = time.process_time()
        extractor(article.text, article.published)
        times.append(time.process_time() - began)
    return times


def checking_cost(articles: Sequence[Article]) -> tuple[float, float]:
    """CPU seconds extracting the articles, then running the consistency checks on what was
    extracted; each phase starts after a garbage collection, so neither pays for the
    other's garbage (nor for the baseline's large heap)."""
    gc.collect()
    began = time.process_time()
    extracted = [(article, extract_claims(article.text, article.published))
                 for article in articles]
    extracting = time.process_time() - began
    gc.collect()
    began = time.process_time()
    for article, found in extracted:
        run_checks(article.text, found, article.published)
    return extracting, time.process_time() - began


def describe_times(label: str, times: list[float], chars: int) -> str:
    total = sum(times)
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    return (f"{label:34} {len(times):5} articles  {total:8.3f} s  "
            f"mean {1000 * total / len(times):8.3f} ms  "
            f"median {1000 * statistics.median(times):8.3f} ms"
            f"  p95 {1000 * p95:8.3f} ms  {len(times) / total:9.1f} articles/s  "
            f"{chars / total / 1e6:6.2f} MB/s")


def memory_profile(articles: Sequence[Article]) -> list[tuple[int, float, float]]:
    """(articles processed, peak MB while processing, MB still held after) as the count grows."""
    rows = []
    for count in (len(articles) // 8, len(articles) // 2, len(articles)):
        tracemalloc.start()
        for article in articles[:count]:
            extract_claims(article.text, article.published)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((count, peak / 1e6, current / 1e6))
    return rows


def seed_peak_memory(seed: Article) -> float:
    tracemalloc.start()
    extract_claims(seed.text, seed.published)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def best_of(extractor: Extractor, text: str, published: date, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        extractor(text, published)
        best = min(best, time.process_time() - began)
    return best


def stage_times(articles: Sequence[Article]) -> dict[str, float]:
    """Seconds spent in each part of the pipeline over `articles`, each part timed on its own."""
    totals = dict.fromkeys(("body_span", "quotes", "dates", "quantities", "merge", "grouping"), 0.0)
    for article in articles:
        text, published = article.text, article.published
        marks = [time.process_time()]
        span = body_span(text)
        marks.append(time.process_time())
        quotes = find_quotes(text, *span)
        marks.append(time.process_time())
        dates = find_dates(text, *span, published)
        marks.append(time.process_time())
        quantities = find_quantities(text, *span)
        marks.append(time.process_time())
        mentions = merge_mentions(text, span, quotes=quotes, dates=dates, quantities=quantities)
        marks.append(time.process_time())
        group_claims(text, mentions, *span)
        marks.append(time.process_time())
        for key, began, ended in zip(totals, marks[:-1], marks[1:], strict=True):
            totals[key] += ended - began
    return totals


def print_hot_spots(articles: Sequence[Article], top: int = 20) -> None:
    """cProfile of our extractor over `articles`: the functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        extract_claims(article.text, article.published)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def quality(extractor: Extractor, articles: Sequence[Article]) -> Evaluation:
    return combine(
        evaluate(a.expected or [], extractor(a.text, a.published)) for a in articles
    )


def side_by_side(title: str, mine: Evaluation, theirs: Evaluation) -> str:
    lines = [f"\n{title}", f"{'kind':8} {'gold':>5} | {'ours P':>7} {'R':>5} {'value':>6} | "
             f"{'baseline P':>10} {'R':>5} {'value':>6}"]
    for kind in sorted(set(mine.kinds) | set(theirs.kinds)):
        a, b = mine.kind(kind), theirs.kind(kind)
        if not a.gold and not a.predicted and not b.predicted:
            continue
        lines.append(
            f"{kind:8} {a.gold:5} | {ratio(a.found, a.predicted):>7} {ratio(a.found, a.gold):>5} "
            f"{_value(a):6.2f} | {ratio(b.found, b.predicted):>10} {ratio(b.found, b.gold):>5} "
            f"{_value(b):6.2f}"
        )
    return "\n".join(lines)


def _value(score: Any) -> float:
    return score.value_right / score.found if score.found else 0.0


def micro_f1(evaluation: Evaluation) -> float:
    right = sum(s.value_right for s in evaluation.kinds.values())
    gold = sum(s.gold for s in evaluation.kinds.values())
    predicted = sum(s.predicted for s in evaluation.kinds.values())
    precision, recall = right / predicted if predicted else 0.0, right / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- report ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240, help="generated corpus size")
    parser.add_argument("--baseline-sample", type=int, default=None,
                        help="generated articles the baseline also runs on (default: all)")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    parser.add_argument("--profile", action="store_true",
                        help="only profile our extractor on the corpus and print the hot spots")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="quantulum3")

    fixtures = load_fixtures()
    seed = fixtures[0]
    corpus = generate_corpus(fixtures, args.articles, args.seed)
    if args.profile:
        print_hot_spots(corpus)
        return
    corpus_chars = sum(len(a.text) for a in corpus)
    print(f"extractor: {extractor_build()}")
    print(f"texts: seed {len(seed.text):,} chars, {len(fixtures) - 1} passages, generated corpus "
          f"{len(corpus)} articles, mean {corpus_chars / len(corpus) / 1000:.1f} K chars")

    for article in fixtures[:2]:  # warm-up: imports, regex compilation, quantulum3's model
        ours(article.text, article.published)
        baseline(article.text, article.published)
    began = time.process_time()
    run_checks(seed.text, extract_claims(seed.text, seed.published), seed.published)
    print(f"once per process: the checks load the ECB rate history and check the seed in "
          f"{time.process_time() - began:.2f} s")

    print("\n== throughput, one core, sequential")
    mine = timed(ours, corpus)
    print(describe_times("ours, generated corpus", mine, corpus_chars))
    seeds = [seed] * 300
    seed_times = timed(ours, seeds)
    print(describe_times("ours, seed x300", seed_times, len(seed.text) * 300))
    extracting, checking = checking_cost(corpus)
    print(f"consistency checks (claims/checks) on the generated corpus: {checking:.2f} s after "
          f"{extracting:.2f} s of extraction: checking adds {100 * checking / extracting:.1f}% "
          f"(goal: under 10%)")

    shared = [*fixtures, *corpus[: args.baseline_sample]]
    shared_chars = sum(len(a.text) for a in shared)
    mine_shared = timed(ours, shared)
    theirs_shared = timed(baseline, shared)
    print(describe_times("ours, baseline's texts", mine_shared, shared_chars))
    print(describe_times("baseline (quantulum3+dateparser)", theirs_shared, shared_chars))
    print(f"ratio: ours is {sum(theirs_shared) / sum(mine_shared):.1f}x the baseline's throughput "
          f"on the same {len(shared)} texts (goal: 20x)")
    print(f"seed-size articles per second on one core: {len(seeds) / sum(seed_times):.0f} "
          f"(goal: 1,000)")

    print("\n== memory (tracemalloc)")
    print(f"peak while extracting the seed: {seed_peak_memory(seed):.2f} MB")
    for count, peak, held in memory_profile(corpus):
        print(f"after {count:4} articles: peak {peak:6.2f} MB, still held {held:6.3f} MB")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS so far: {max_rss:.0f} MB")

    print("\n== growth with text length (best of 3; baseline once, up to 30 KB: it is superlinear)")
    for size in (10_000, 30_000, 100_000, 1_000_000):
        text = sized_text(corpus, size)
        seconds = best_of(ours, text, seed.published, 3)
        line = (f"{size // 1000:6} KB  ours {seconds * 1000:9.1f} ms  "
                f"({seconds / size * 1e9:7.1f} ns/char)")
        if size <= _BASELINE_GROWTH_LIMIT:
            other = best_of(baseline, text, seed.published, 1)
            line += f"   baseline {other * 1000:9.1f} ms  ({other / size * 1e9:8.1f} ns/char)"
        print(line)

    print("\n== where our time goes (generated corpus)")
    stages = stage_times(corpus)
    total = sum(stages.values())
    for stage, seconds in stages.items():
        print(f"{stage:12} {seconds * 1000:9.1f} ms  {100 * seconds / total:5.1f}%")

    print("\n== quality against the hand-made expectations")
    print(side_by_side("seed (modi_putin_moscow)", quality(ours, fixtures[:1]),
                       quality(baseline, fixtures[:1])))
    mine_p, theirs_p = quality(ours, fixtures[1:]), quality(baseline, fixtures[1:])
    print(side_by_side(f"{len(fixtures) - 1} passages", mine_p, theirs_p))
    print(f"\nstrict micro F1 (found and value right): seed ours "
          f"{micro_f1(quality(ours, fixtures[:1])):.3f} baseline "
          f"{micro_f1(quality(baseline, fixtures[:1])):.3f}; passages ours {micro_f1(mine_p):.3f} "
          f"baseline {micro_f1(theirs_p):.3f}")


if __name__ == "__main__":
    main()
