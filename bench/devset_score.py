"""Score the extractor on a hand-annotated development set (the team's devset folder).

usage: python bench/devset_score.py DEVSET_DIR [--verbose] [--only ID] [--scorer SCORE_PY]

Runs `claims.extract` in-process on every `<id>.md` with the `published` date from
`<id>.json`, scores each with the devset's own `score.py`, and prints the summed
per-kind table and the micro strict F1 over all articles.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from claims.extract import extract_claims

_ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$")
_LAST = re.compile(r"F1 ([\d.]+) .*?(\d+)/(\d+) gold right, (\d+) predicted")

# The articles the extractor was tuned on before the set doubled (devset README, first ten
# rows of its table); every other article is reported as "newer".
FIRST_TEN = frozenset({
    "us_dow_plunge", "us_boeing_new_ceo", "us_black_farmers", "fr_state_dinner_cost",
    "in_panna_diamond", "ps_aljazeera_journalists", "in_kerala_landslides",
    "us_az_senate_primary", "us_aspirin_colorectal", "dz_khelif_olympic_bout",
})


def micro_f1(right: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Micro strict precision, recall and F1 from summed counts."""
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_one(scorer: Path, gold_path: Path, verbose: bool) -> tuple[dict, tuple[int, int, int]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = gold_path.with_suffix(".md")
    text = text_path.read_bytes().decode("utf-8")
    claims = extract_claims(text, date.fromisoformat(gold["published"]))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump([c.to_dict() for c in claims], out)
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold_path), out.name, str(text_path)],
        capture_output=True, text=True, check=True,
    )
    rows = {}
    for line in result.stdout.splitlines():
        if m := _ROW.match(line.strip()):
            g, p, f = (int(x) for x in m.groups()[1:4])
            rows[m.group(1)] = (g, p, f, round(float(m.group(5)) * f))
    last = _LAST.search(result.stdout)
    assert last, result.stdout
    right, total_gold, predicted = int(last.group(2)), int(last.group(3)), int(last.group(4))
    f1 = float(last.group(1))
    print(f"{gold_path.stem:28} F1 {f1:.3f}  ({right}/{total_gold}, {predicted} predicted)")
    if verbose:
        print(result.stdout)
    return rows, (right, total_gold, predicted)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("devset", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only")
    parser.add_argument("--scorer", type=Path, help="the devset's score.py (default: the one "
                        "in DEVSET_DIR; fixtures/ownset has none of its own)")
    args = parser.parse_args()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gold_path in sorted(args.devset.glob("*.json")):
        if args.only and gold_path.stem != args.only:
            continue
        rows, counts = score_one(args.scorer or args.devset / "score.py", gold_path, args.verbose)
        group = "first ten" if gold_path.stem in FIRST_TEN else "newer"
        for name in (group, "all"):
            groups[name] = [a + b for a, b in zip(groups[name], counts, strict=True)]
        for kind, values in rows.items():
            totals[kind] = [a + b for a, b in zip(totals[kind], values, strict=True)]
    print(f"\n{'kind':8} {'gold':>5} {'pred':>5} {'found':>5} {'value':>5} {'P':>5} {'R':>5}")
    for kind, (g, p, f, v) in sorted(totals.items()):
        print(f"{kind:8} {g:5} {p:5} {f:5} {v:5} {f / p if p else 0:5.2f} {f / g if g else 0:5.2f}")
    print()
    for name in ("first ten", "newer"):
        if name in groups:
            right, gold, predicted = groups[name]
            precision, recall, f1 = micro_f1(right, gold, predicted)
            print(f"{name:9} micro strict F1 {f1:.3f} (P {precision:.3f} R {recall:.3f};"
                  f" {right}/{gold} right)")
    right, gold, predicted = groups["all"]
    precision, recall, f1 = micro_f1(right, gold, predicted)
    print(f"\nmicro strict F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}; {right}/{gold} right)")


if __name__ == "__main__":
    main()
