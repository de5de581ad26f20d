"""Checking the review queue's filters before they reach a query (the CLI's `--status` ...).

A value the desk does not know would match nothing and look like an empty queue; it is
refused instead, with the values that exist.
"""

from __future__ import annotations

from claims.errors import BadInput
from claims.models import CLAIM_KINDS, STATUSES, VERDICTS
from claims.service.queries import ORDERS, ClaimFilter


def _one_of(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise BadInput(f"unknown {option} {value!r}; choose one of {', '.join(allowed)}")


def check_filter(filters: ClaimFilter, order: str | None = None) -> ClaimFilter:
    """`filters` unchanged if every value exists; BadInput naming the first that does not."""
    _one_of("status", filters.status, STATUSES)
    _one_of("verdict", filters.verdict, VERDICTS)
    _one_of("kind", filters.kind, CLAIM_KINDS)
    _one_of("order", order, ORDERS)
    return filters
