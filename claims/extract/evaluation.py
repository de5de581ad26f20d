"""Compare extracted mentions with hand-made expectations: per-kind precision and recall.

Pure: mentions in and out as dicts (`Mention.to_dict()` or a baseline's equivalent). A
prediction matches an expected mention of the same kind family whose span it overlaps most;
each prediction matches at most once. Values are judged separately from detection so that a
table shows both "found it" and "read it right".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

QUANTITY_KINDS = frozenset({"count", "money", "percent", "measure", "ordinal", "vague"})
_INTERCHANGEABLE = frozenset({"count", "measure"})
_RELATIVE_TOLERANCE = 0.01

MentionDict = dict[str, Any]


@dataclass(slots=True)
class KindScore:
    """Counts for one kind: expected, predicted, found (detected), value right."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    value_right: int = 0

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Evaluation:
    """Per-kind scores plus readable lists of what went wrong."""

    kinds: dict[str, KindScore] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    attributed_quotes: int = 0
    dates: int = 0

    def kind(self, name: str) -> KindScore:
        return self.kinds.setdefault(name, KindScore())

    def table(self) -> str:
        """The per-kind table, then the misses, extras and wrong values, one per line."""
        lines = [f"{'kind':8} {'gold':>5} {'pred':>5} {'found':>5} {'P':>5} {'R':>5} {'value':>6}"]
        for name, s in sorted(self.kinds.items()):
            value = s.value_right / s.found if s.found else 0.0
            lines.append(
                f"{name:8} {s.gold:5} {s.predicted:5} {s.found:5} "
                f"{ratio(s.found, s.predicted):>5} {ratio(s.found, s.gold):>5} {value:6.2f}"
            )
        lines += [f"  miss  {m}" for m in self.misses]
        lines += [f"  extra {m}" for m in self.extras]
        lines += [f"  value {m}" for m in self.wrong_values]
        return "\n".join(lines)


def ratio(part: int, whole: int) -> str:
    """`part / whole` to two decimals, or "-" when there is nothing to divide by."""
    return f"{part / whole:.2f}" if whole else "-"


def compatible(gold_kind: str, predicted_kind: str) -> bool:
    """Whether a prediction of `predicted_kind` may stand for an expected `gold_kind`."""
    if gold_kind == "vague":
        return predicted_kind in QUANTITY_KINDS
    if gold_kind in _INTERCHANGEABLE:
        return predicted_kind in _INTERCHANGEABLE
    return gold_kind == predicted_kind


def evaluate(gold: Iterable[MentionDict], predicted: Iterable[MentionDict]) -> Evaluation:
    """Match `predicted` against `gold` and count, per gold kind, what was found and read right."""
    result = Evaluation()
    predictions = _unique(predicted)
    for p in predictions:
        result.kind(_kind_name(p)).predicted += 1
    used: set[int] = set()
    for g in sorted(gold, key=lambda m: m["start"]):
        result.kind(g["kind"]).gold += 1
        best = _best_match(g, predictions, used)
        if best is None:
            result.misses.append(_describe(g))
            _count_checked(result, g, None)
            continue
        used.add(best)
        _credit(result, g, predictions[best])
    result.extras += [_describe(p) for i, p in enumerate(predictions) if i not in used]
    return result


def combine(evaluations: Iterable[Evaluation]) -> Evaluation:
    """One evaluation summing several (for a table over many documents)."""
    total = Evaluation()
    for one in evaluations:
        for name, s in one.kinds.items():
            t = total.kind(name)
            t.gold, t.predicted = t.gold + s.gold, t.predicted + s.predicted
            t.found, t.value_right = t.found + s.found, t.value_right + s.value_right
        for attr in ("misses", "extras", "wrong_values", "wrong_speakers", "wrong_dates"):
            getattr(total, attr).extend(getattr(one, attr))
        total.attributed_quotes += one.attributed_quotes
        total.dates += one.dates
    return total


def _unique(predicted: Iterable[MentionDict]) -> list[MentionDict]:
    seen: set[tuple[Any, Any, Any]] = set()
    out = []
    for p in predicted:
        key = (p.get("kind"), p.get("start"), p.get("end"))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _kind_name(mention: MentionDict) -> str:
    kind = mention.get("kind")
    return kind if isinstance(kind, str) else "other"


def _best_match(gold: MentionDict, predictions: list[MentionDict], used: set[int]) -> int | None:
    best, best_overlap = None, 0
    for i, p in enumerate(predictions):
        if i in used or not compatible(gold["kind"], _kind_name(p)):
            continue
        overlap = min(gold["end"], p["end"]) - max(gold["start"], p["start"])
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _credit(result: Evaluation, gold: MentionDict, predicted: MentionDict) -> None:
    result.kind(_kind_name(predicted)).predicted -= 1
    score = result.kind(gold["kind"])
    score.predicted += 1
    score.found += 1
    if value_right(gold, predicted):
        score.value_right += 1
    else:
        result.wrong_values.append(f"{_describe(gold)} got {_reading(predicted)}")
    _count_checked(result, gold, predicted)


def _count_checked(result: Evaluation, gold: MentionDict, predicted: MentionDict | None) -> None:
    """Track the two hard checks: every attributed quote's speaker, every date's value."""
    if gold["kind"] == "quote" and gold.get("speaker"):
        result.attributed_quotes += 1
        if predicted is None or not same_speaker(gold.get("speaker"), predicted.get("speaker")):
            got = predicted.get("speaker") if predicted else "(not found)"
            result.wrong_speakers.append(f"{gold['surface'][:40]!r}: {gold['speaker']} got {got}")
    if gold["kind"] == "date":
        result.dates += 1
        if predicted is None or not same_date(gold.get("date"), predicted.get("date")):
            got = predicted.get("date") if predicted else "(not found)"
            result.wrong_dates.append(f"{gold['surface']!r}: {gold.get('date')} got {got}")


def value_right(gold: MentionDict, predicted: MentionDict) -> bool:
    """Whether the prediction reads the expected mention's value, unit and qualifier right."""
    kind = gold["kind"]
    if kind == "date":
        return same_date(gold.get("date"), predicted.get("date"))
    if kind == "quote":
        return same_speaker(gold.get("speaker"), predicted.get("speaker"))
    if kind == "vague":
        return True
    if kind == "money" and (predicted.get("unit") or "").upper() != (gold.get("unit") or ""):
        return False
    qualifier_right = (predicted.get("qualifier") or "exact") == (gold.get("qualifier") or "exact")
    return qualifier_right and _close(gold.get("value"), predicted.get("value"))


def same_speaker(gold: str | None, predicted: Any) -> bool:
    """Speakers match when their words match, ignoring case and spacing."""
    def words(name: Any) -> list[str]:
        return str(name).casefold().split() if name else []
    return words(gold) == words(predicted)


def same_date(gold: str | None, predicted: Any) -> bool:
    """ISO values equal; an expected time is also met by its day (as the devset scorer does)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    got = str(predicted)
    return got == gold or ("T" in gold and len(got) >= 10 and gold.startswith(got))


def _close(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    try:
        a, b = float(expected), float(got)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= _RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _describe(mention: MentionDict) -> str:
    return f"{_kind_name(mention):8} {str(mention.get('surface'))[:50]!r} @{mention.get('start')}"


def _reading(mention: MentionDict) -> str:
    fields = ("kind", "value", "unit", "qualifier", "date", "speaker")
    return " ".join(f"{f}={mention.get(f)}" for f in fields if mention.get(f) is not None)
