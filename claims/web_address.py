"""Web addresses that claim desk stores: article and evidence URLs are http(s) only.

A stored URL ends up as a link in reports and in the ClaimReview and Web Annotation exports,
so `javascript:`, `data:` or `file:` addresses are refused when they come in, not later.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from claims.errors import BadInput


def checked_web_address(url: str | None, what: str = "the article's URL") -> str | None:
    """`url` stripped if it is an http(s) address with a host; None if empty; else BadInput."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname
            or any(ord(ch) < 33 or ord(ch) == 127 for ch in url)):
        raise BadInput(f"{what} {url!r} is not an http or https address; only web links "
                       "are stored")
    return url
