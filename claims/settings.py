"""One settings object, read from the environment (prefix `CLAIMS_`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.allowlist import parse_entries, split_entries
from claims.errors import BadInput, SettingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Every setting: environment variable → (default, what it does). The README documents each.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "CLAIMS_DATABASE_URL": (
        "sqlite:///db/claims.sqlite (under the project folder)",
        "SQLAlchemy URL of the database: sqlite:///path or postgresql+psycopg://user@host/db",
    ),
    "CLAIMS_AUTH": ("local", "dashboard sign-in: `local` (no password) or `password` (team mode)"),
    "CLAIMS_ALLOW_HOSTS": ("", "comma-separated hosts, addresses or networks, each with an "
                           "optional :port (then only that port), evidence may fetch from "
                           "even though they are private or loopback"),
    "CLAIMS_MAX_ARTICLE_BYTES": ("20000000", "largest article file or page accepted by ingest"),
    "CLAIMS_FETCH_TIMEOUT": ("10", "seconds allowed for a whole fetch of a URL"),
    "CLAIMS_MAX_FETCH_BYTES": ("5000000", "largest decoded body read from a URL"),
    "CLAIMS_RECHECK_CONCURRENCY": ("16", "parallel fetches when re-checking evidence"),
    "CLAIMS_ORG_NAME": ("claim desk", "organisation named as author of ClaimReview exports"),
    "CLAIMS_ORG_URL": ("https://example.org", "organisation URL in ClaimReview exports"),
    "CLAIMS_REVIEW_URL": ("https://example.org/fact-checks/claim-{id}",
                          "URL pattern of a published fact-check; {id} is the claim id"),
}


def _default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'db' / 'claims.sqlite'}"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _number(name: str, default: str, kind: type[int] | type[float]) -> Any:
    """A positive number from the environment; SettingError names the variable otherwise."""
    value = _env(name, default)
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or not 0 < number < float("inf"):
        what = "a whole number" if kind is int else "a number"
        raise SettingError(f"{name}={value!r} cannot be used: it takes {what} greater than 0 "
                           f"(default {default})")
    return number


def _allow_hosts(value: str) -> tuple[str, ...]:
    entries = split_entries(value)
    try:
        parse_entries(entries)
    except BadInput as error:
        raise SettingError(f"CLAIMS_ALLOW_HOSTS: {error}") from None
    return entries


@dataclass(frozen=True)
class Settings:
    """Configuration of one process; build it with `Settings.from_env()`."""

    database_url: str = field(default_factory=_default_database_url)
    auth: str = "local"
    allow_hosts: tuple[str, ...] = ()
    max_article_bytes: int = 20_000_000
    fetch_timeout: float = 10.0
    max_fetch_bytes: int = 5_000_000
    recheck_concurrency: int = 16
    org_name: str = "claim desk"
    org_url: str = "https://example.org"
    review_url: str = "https://example.org/fact-checks/claim-{id}"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=_env("CLAIMS_DATABASE_URL", _default_database_url()),
            auth=_env("CLAIMS_AUTH", "local").lower(),
            allow_hosts=_allow_hosts(_env("CLAIMS_ALLOW_HOSTS", "")),
            max_article_bytes=_number("CLAIMS_MAX_ARTICLE_BYTES", "20000000", int),
            fetch_timeout=_number("CLAIMS_FETCH_TIMEOUT", "10", float),
            max_fetch_bytes=_number("CLAIMS_MAX_FETCH_BYTES", "5000000", int),
            recheck_concurrency=_number("CLAIMS_RECHECK_CONCURRENCY", "16", int),
            org_name=_env("CLAIMS_ORG_NAME", "claim desk"),
            org_url=_env("CLAIMS_ORG_URL", "https://example.org"),
            review_url=_env("CLAIMS_REVIEW_URL", "https://example.org/fact-checks/claim-{id}"),
        )
