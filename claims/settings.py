"""One settings object, read from the environment (prefix `CLAIMS_`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Every setting: environment variable → (default, what it does). The README documents each.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "CLAIMS_DATABASE_URL": (
        "sqlite:///db/claims.sqlite (under the project folder)",
        "SQLAlchemy URL of the database: sqlite:///path or postgresql+psycopg://user@host/db",
    ),
    "CLAIMS_AUTH": ("local", "dashboard sign-in: `local` (no password) or `password` (team mode)"),
    "CLAIMS_ALLOW_HOSTS": ("", "comma-separated hosts or addresses evidence may fetch from "
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
        hosts = _env("CLAIMS_ALLOW_HOSTS", "")
        return cls(
            database_url=_env("CLAIMS_DATABASE_URL", _default_database_url()),
            auth=_env("CLAIMS_AUTH", "local").lower(),
            allow_hosts=tuple(h.strip().lower() for h in hosts.split(",") if h.strip()),
            max_article_bytes=int(_env("CLAIMS_MAX_ARTICLE_BYTES", "20000000")),
            fetch_timeout=float(_env("CLAIMS_FETCH_TIMEOUT", "10")),
            max_fetch_bytes=int(_env("CLAIMS_MAX_FETCH_BYTES", "5000000")),
            recheck_concurrency=int(_env("CLAIMS_RECHECK_CONCURRENCY", "16")),
            org_name=_env("CLAIMS_ORG_NAME", "claim desk"),
            org_url=_env("CLAIMS_ORG_URL", "https://example.org"),
            review_url=_env("CLAIMS_REVIEW_URL", "https://example.org/fact-checks/claim-{id}"),
        )
