"""What the checks produce: findings (a figure that looks wrong) and skipped checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from claims.extract.types import Mention

RULES = ("currency_conversion", "percent_change", "share_of_total", "restated_figure",
         "anniversary", "date_after_publication", "age_arithmetic")
SEVERITIES = ("error", "warning")

Number = float | int | str


def mention_ref(mention: Mention) -> dict[str, Any]:
    """The `{"start", "end", "surface"}` a finding names a mention by."""
    return {"start": mention.start, "end": mention.end, "surface": mention.surface}


@dataclass(frozen=True, slots=True)
class Finding:
    """One figure (or pair of figures) that does not add up.

    `stated` and `expected` are in the unit the rule's docstring names; `tolerance` is the
    allowance the rule used before flagging (its unit is documented per rule).
    """

    rule: str
    severity: str
    message: str
    mentions: tuple[Mention, ...]
    stated: Number
    expected: Number
    tolerance: float

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "mentions": [mention_ref(m) for m in self.mentions],
                "stated": self.stated, "expected": self.expected, "tolerance": self.tolerance}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A check that could not run on some mentions, and why (e.g. a currency the ECB lacks)."""

    rule: str
    reason: str
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "reason": self.reason,
                "mentions": [mention_ref(m) for m in self.mentions]}


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Knobs a desk may turn: the currency tolerance and extra anniversary entries."""

    currency_tolerance: float = 0.03
    anniversaries: Mapping[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class CheckReport:
    """Everything one run of the checks found, in text order."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
