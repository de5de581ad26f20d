"""Quality of the consistency checks: recall on the planted set, false alarms on real articles.

    .venv/bin/python bench/checks_quality.py [--devset DIR]

Planted: `fixtures/planted/expected.json` lists, written by hand, the one figure changed in
each file and the rule that must flag it; a case counts as found when a finding of that rule
names the changed figure. Every other finding on the planted files is printed too. With
`--devset`, every finding on each unmodified article (the seed and the dev set, publication
date from each `.json`) is printed for reading by hand.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path

from claims.checks import RULES, Finding, run_checks
from claims.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "fixtures" / "planted"
SEED = ROOT / "fixtures" / "seed" / "modi_putin_moscow.txt"


def findings_in(path: Path, published: date) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    return run_checks(text, extract_claims(text, published), published).findings


def planted_recall() -> dict[str, tuple[int, int]]:
    """rule → (found, planted); prints misses and extra findings."""
    tally: dict[str, list[int]] = {rule: [0, 0] for rule in RULES}
    for case in json.loads((PLANTED / "expected.json").read_text(encoding="utf-8")):
        findings = findings_in(PLANTED / case["file"], date.fromisoformat(case["published"]))
        hit = [f for f in findings if f.rule == case["rule"]
               and case["surface"] in [m.surface for m in f.mentions]]
        tally[case["rule"]][1] += 1
        tally[case["rule"]][0] += bool(hit)
        if not hit:
            print(f"MISSED {case['file']}: {case['rule']} on {case['surface']}")
        for extra in (f for f in findings if f not in hit):
            print(f"EXTRA  {case['file']}: {extra.rule}: {extra.message}")
    return {rule: (found, total) for rule, (found, total) in tally.items()}


def devset_findings(devset: Path) -> Counter[str]:
    """Every finding on the seed and the dev set's articles, printed; counts per rule."""
    counts: Counter[str] = Counter()
    articles = [(SEED, date(2024, 7, 8))] + [
        (path, date.fromisoformat(json.loads(path.with_suffix(".json").read_text())["published"]))
        for path in sorted(devset.glob("*.md")) if path.with_suffix(".json").exists()]
    for path, published in articles:
        for finding in findings_in(path, published):
            counts[finding.rule] += 1
            print(f"FINDING {path.name}: {finding.rule} {finding.severity}: {finding.message}")
    print(f"{len(articles)} unmodified articles, {sum(counts.values())} findings")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, help="folder of dev-set articles (.md + .json)")
    args = parser.parse_args()
    recall = planted_recall()
    found = sum(f for f, _ in recall.values())
    total = sum(t for _, t in recall.values())
    for rule, (hits, cases) in recall.items():
        print(f"{rule:24} recall {hits}/{cases} = {hits / cases if cases else 0:.2f}")
    print(f"{'overall':24} recall {found}/{total} = {found / total:.2f}")
    if args.devset:
        devset_findings(args.devset)


if __name__ == "__main__":
    main()
