"""Allowed internal hosts: one parser for CLAIMS_ALLOW_HOSTS and the admin's stored list.

An entry is a host name, an address or a network, with an optional port:

    wiki.internal   wiki.internal:8080   10.0.0.5   10.0.0.5:8001   10.20.0.0/16
    ::1   [::1]   [::1]:8001   [fd00::]/8   [fd00::/8]:443

An entry with a port allows only that port; without one, every port. An entry the parser
cannot read raises BadInput: it is never widened to something else (a port dropped, say).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claims.errors import BadInput

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAME = re.compile(r"(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?"
                   r"(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")
_BRACKETED = re.compile(r"\[(?P<host>[^\]]+)\](?P<suffix>/\d+)?(?::(?P<port>[^:]*))?")


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """One allowed host name or network, on one port (None: every port)."""

    name: str | None = None
    network: IPNetwork | None = None
    port: int | None = None

    def allows(self, *, host: str | None = None, address: IPAddress | None = None,
               port: int) -> bool:
        """Whether this entry allows connecting to `host` (by name) or `address` on `port`."""
        if self.port is not None and self.port != port:
            return False
        if host is not None and self.name is not None:
            return host.lower().rstrip(".") == self.name
        return address is not None and self.network is not None and address in self.network


def _port(text: str | None, entry: str) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise BadInput(f"allowed host {entry!r}: the port must be a number from 1 to 65535")
    return int(text)


def _split(entry: str) -> tuple[str, int | None]:
    """`host[:port]`, `[v6][/n][:port]`, or a bare IPv6 address or network (no port)."""
    bracketed = _BRACKETED.fullmatch(entry)
    if bracketed:
        host = bracketed["host"] + (bracketed["suffix"] or "")
        return host, _port(bracketed["port"], entry)
    if entry.count(":") == 1:
        host, port = entry.split(":")
        return host, _port(port, entry)
    return entry, None


def parse_entry(text: str) -> AllowEntry:
    """One entry (see the module docstring) → AllowEntry; BadInput if it cannot be read."""
    entry = text.strip().lower()
    host, port = _split(entry)
    host = host.rstrip(".") if not host.endswith("..") else host
    try:
        return AllowEntry(network=ipaddress.ip_network(host, strict=False), port=port)
    except ValueError:
        pass
    if not _NAME.fullmatch(host) or host.replace(".", "").isdigit() or "/" in host:
        raise BadInput(f"allowed host {text.strip()!r} is not a host name, address or network "
                       "(optionally with :port)")
    return AllowEntry(name=host, port=port)


def split_entries(value: str) -> tuple[str, ...]:
    """`a.example, 10.0.0.5\\n10.1.0.0/16` → ('a.example', '10.0.0.5', '10.1.0.0/16')."""
    parts = value.replace("\n", ",").split(",")
    return tuple(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))


def parse_entries(entries: Iterable[str]) -> tuple[AllowEntry, ...]:
    """Every entry parsed; BadInput naming the first that cannot be read."""
    return tuple(parse_entry(entry) for entry in entries if entry.strip())
