"""Claim matching quality on a hand-labelled set of claim pairs.

usage: .venv/bin/python bench/matching_quality.py [--show-errors]

fixtures/matching/pairs.jsonl holds pairs of claim sentences labelled by hand (not by the
matcher) as same, conflict, related or unrelated: repeated figures, rephrasings, changed
figures and look-alikes (the same number about another thing). Sentence `a` of most pairs
is a short excerpt of a dev-set CNN article (sometimes trimmed); the rest were written for
this set. Pairs marked `"set": "holdout"` were written after the thresholds were tuned and
are reported apart.

Each sentence goes through the extractor (mentions → signature), then the matcher decides as
it does on the desk: the pair must first pass the text index's candidate rule (the newer
claim's query shares two words with the older claim's indexed words), then `compare`. A
pair the matcher does not link counts as `unrelated`. Prints precision and recall per
relation, and the baseline of a matcher that only looks at text similarity (same above
0.62), measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import extract  # noqa: E402
from claims.matching import (  # noqa: E402
    SAME_TEXT,
    Side,
    compare,
    index_words,
    query_words,
    signature_of,
    text_similarity,
    word_pairs,
)

PAIRS = ROOT / "fixtures" / "matching" / "pairs.jsonl"
RELATIONS = ("same", "conflict", "related", "unrelated")
PUBLISHED = date(2024, 7, 25)


def side(text: str) -> Side:
    mentions = extract.extract_mentions(text, PUBLISHED)
    return Side(text, signature_of(mentions, (m.date for m in mentions if m.kind == "date")))


def is_candidate(new: Side, old: Side) -> bool:
    stored = set(index_words(old.text, old.signature).split())
    asked = query_words(index_words(new.text, new.signature))
    return any(set(pair) <= stored for pair in word_pairs(asked))


def predict(a: str, b: str) -> str:
    old, new = side(a), side(b)
    if not is_candidate(new, old):
        return "unrelated"
    match = compare(new, old)
    return match.relation if match is not None else "unrelated"


def baseline(a: str, b: str) -> str:
    return "same" if text_similarity(a, b) >= SAME_TEXT else "unrelated"


def scores(rows: list[tuple[str, str]]) -> list[tuple[str, int, float, float]]:
    found = []
    for relation in RELATIONS:
        truth = sum(1 for label, _ in rows if label == relation)
        said = sum(1 for _, guess in rows if guess == relation)
        right = sum(1 for label, guess in rows if label == guess == relation)
        found.append((relation, truth, right / said if said else 1.0,
                      right / truth if truth else 1.0))
    return found


def _table(title: str, pairs: list[dict[str, str]], ours: list[tuple[str, str]]) -> None:
    plain = [(p["label"], baseline(p["a"], p["b"])) for p in pairs]
    print(f"\n{title}: {len(pairs)} labelled pairs {dict(Counter(p['label'] for p in pairs))}")
    print(f"{'relation':10} {'pairs':>5} {'precision':>9} {'recall':>7}   baseline (text only)")
    for (relation, n, p, r), (_, _, bp, br) in zip(scores(ours), scores(plain), strict=True):
        print(f"{relation:10} {n:5d} {p:9.2f} {r:7.2f}   {bp:9.2f} {br:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    ours = [(p["label"], predict(p["a"], p["b"])) for p in pairs]
    for title, wanted in (("all pairs", None), ("tuning pairs", "tuning"),
                          ("held-out pairs (written after tuning)", "holdout")):
        chosen = [i for i, p in enumerate(pairs) if wanted in (None, p.get("set", "tuning"))]
        _table(title, [pairs[i] for i in chosen], [ours[i] for i in chosen])
    if args.show_errors:
        for pair, (label, guess) in zip(pairs, ours, strict=True):
            if label != guess:
                print(f"\n{label} → {guess}: {pair['a']}\n    {pair['b']}")


if __name__ == "__main__":
    main()
