"""How precisely a figure was stated: the rounding a reader must allow for.

"$65bn" may stand for anything from 64.5 to 65.5 billion; "£50.76bn" for 50.755 to 50.765.
Amounts are read with at least two significant digits ("200 million" is 200 ± 5, not ± 50;
"2 million" is 2.0 ± 0.05), since news copy writes exact round figures as often as rounded
ones. Percentages are read to their last written digit ("30%" is 30 ± 0.5).
"""

from __future__ import annotations

import re

from claims.extract.types import Mention

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def stated_number(surface: str) -> re.Match[str] | None:
    """The first written number in a surface ("$65bn" → "65"), or None for words."""
    return _NUMBER.search(surface)


def _step(digits: str, whole_units: bool) -> float:
    """The size of the last stated digit of a written number ("50.76" → 0.01); with
    `whole_units` False, at least two significant digits ("2" → 0.1, "200" → 10)."""
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1])
    plain = digits.replace(",", "").lstrip("0") or "0"
    if whole_units:
        return 1.0
    significant = len(plain.rstrip("0")) or 1
    return 10.0 ** (len(plain) - max(significant, 2))


def step_of(mention: Mention, as_amount: bool = False) -> float:
    """The last stated digit of a mention in its value's unit (0 when written in words);
    a percentage counts its last written digit unless read `as_amount` (a level that
    changed: "from 4% to 5%")."""
    found = stated_number(mention.surface)
    if found is None or not isinstance(mention.value, int | float) or mention.value == 0:
        return 0.0
    written = float(found.group().replace(",", ""))
    scale = mention.value / written if written else 1.0
    return _step(found.group(), mention.kind == "percent" and not as_amount) * scale


def half_step(mention: Mention) -> float:
    """Half the last stated digit of an amount: the rounding error it may carry."""
    return step_of(mention, as_amount=True) / 2


def relative_rounding(mention: Mention) -> float:
    """Half the last stated digit as a fraction of the value."""
    value = mention.value
    return half_step(mention) / abs(value) if value else 0.0


def restate(mention: Mention, value: float) -> str:
    """The mention's surface with its number replaced by `value` at the same scale
    ("$65bn", 52.3e9 → "$52.3bn")."""
    found = stated_number(mention.surface)
    if found is None or not mention.value:
        return f"{value:,.4g}"
    written = float(found.group().replace(",", ""))
    scale = mention.value / written if written else 1.0
    scaled = value / scale
    rounded = float(f"{scaled:.3g}")  # three significant digits, as news copy writes them
    text = f"{rounded:,.0f}" if abs(rounded) >= 100 else f"{rounded:g}"
    return mention.surface[: found.start()] + text + mention.surface[found.end():]


def percent_text(value: float) -> str:
    """A percentage for a message: one decimal below 10, whole above."""
    return f"{value:.1f}%" if abs(value) < 10 else f"{value:.0f}%"


APPROX_SHARE = 0.1  # "about 30%" covers 27 to 33


def stated_range(mention: Mention, slack: float = 0.0) -> tuple[float, float]:
    """The values a stated figure allows: one last digit either way plus `slack`, opened
    on one side by its qualifier ("more than 30%" allows anything above 30)."""
    value = float(mention.value or 0)
    spread = max(step_of(mention), 1e-9) + slack
    if mention.qualifier == "approx":
        spread = max(spread, abs(value) * APPROX_SHARE)
    low, high = value - spread, value + spread
    if mention.qualifier in ("more_than", "at_least"):
        high = float("inf")
    elif mention.qualifier in ("less_than", "up_to"):
        low = float("-inf")
    return low, high


def overlaps(first: tuple[float, float], second: tuple[float, float]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]
