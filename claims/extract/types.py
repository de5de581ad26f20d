"""The values extraction produces: mentions (normalised pieces) grouped into claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MENTION_KINDS = ("count", "money", "percent", "measure", "ordinal", "vague", "date", "quote")
CLAIM_KINDS = ("casualty", "money", "statistic", "date", "quote", "statement")
QUALIFIERS = ("exact", "at_least", "more_than", "less_than", "up_to", "approx")


@dataclass(slots=True)
class Cue:
    """Where the cue words that name a quote's speaker stand: `text[start:end]` ("said",
    "according to", "told CNN")."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """One normalised piece of a claim; `text[start:end] == surface` always holds."""

    kind: str
    surface: str
    start: int
    end: int
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    date: str | None = None
    speaker: str | None = None
    # For a quote: the cue words that name its speaker, or None; always None for other kinds.
    speaker_cue: Cue | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out: `dataclasses.asdict` deep-copies each field and costs ~15x more.
        found: dict[str, Any] = {
            "kind": self.kind, "surface": self.surface, "start": self.start, "end": self.end,
            "value": self.value, "unit": self.unit, "qualifier": self.qualifier,
            "date": self.date, "speaker": self.speaker,
        }
        if self.kind == "quote":
            cue = self.speaker_cue
            found["speaker_cue"] = None if cue is None else {"start": cue.start, "end": cue.end}
        return found


@dataclass(slots=True)
class Claim:
    """A claim sentence (or quote span) with the mentions inside it."""

    kind: str
    text: str
    start: int
    end: int
    score: float
    reason: str = ""
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
            "score": self.score, "reason": self.reason,
            "mentions": [m.to_dict() for m in self.mentions],
        }
