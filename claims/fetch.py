"""The one safe way claim desk fetches a URL: evidence pages, re-checks and article ingest.

Rules, held on every hop of every fetch:

- only http and https; at most MAX_REDIRECTS redirects, and each one is vetted again;
- the host is resolved once, each address vetted, and the connection made to a vetted
  address (the Host header and TLS SNI stay on the name), so DNS rebinding cannot slip a
  private address in between the check and the connection;
- refused unless public: loopback, private, link-local, multicast, reserved, unspecified,
  carrier-grade NAT (100.64.0.0/10), and the IPv6 forms that carry such an IPv4 address
  (IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo). Numeric host forms
  (`2130706433`, `0x7f.1`, `127.1`) are vetted as the address the resolver makes of them;
- names or addresses in CLAIMS_ALLOW_HOSTS (and the admin setting) are allowed anyway, on
  the entry's port only when it names one (claims.allowlist);
- one deadline for the whole fetch (DNS, connects, every read), not a per-read timeout;
- at most `max_fetch_bytes` of decoded body, counted while streaming (a gzip bomb is cut
  off after that many inflated bytes, never inflated whole);
- no proxy or certificate settings from the environment (`trust_env=False`).

Every failure raises `Refused` (a FetchRefused with a `kind`) whose message is one line.
"""

from __future__ import annotations

import contextvars
import hashlib
import ipaddress
import math
import re
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import cache
from types import TracebackType
from typing import Any, Self

import anyio
import certifi
import httpcore
import httpx
from charset_normalizer import from_bytes

from claims.allowlist import AllowEntry, parse_entries
from claims.errors import FetchRefused
from claims.settings import Settings

MAX_REDIRECTS = 5
USER_AGENT = "claim-desk/0.1 (fact-checking evidence fetcher)"
HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
           "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"}
#: media types whose text is kept (PDF text is extracted later, in claims.evidence)
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = (*HTML_TYPES, "text/plain", "text/markdown", "text/csv")
PDF_TYPES = ("application/pdf",)
CHUNK = 65_536

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class Refused(FetchRefused):
    """A FetchRefused that also says what kind of failure it was.

    kinds: address (bad URL or scheme), unsafe (non-public address), dns, connect, timeout,
    too_big, redirects, status (HTTP 4xx/5xx), protocol.
    """

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


# --- which addresses may be fetched -----------------------------------------------------

def embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo, compatible)."""
    if ip.ipv4_mapped is not None:
        return "IPv4-mapped", ip.ipv4_mapped
    if ip.sixtofour is not None:
        return "6to4", ip.sixtofour
    if ip.teredo is not None:
        return "Teredo", ip.teredo[1]
    if ip in NAT64:
        return "NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in IPV4_COMPATIBLE and int(ip) > 1:
        return "IPv4-compatible", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why `ip` may not be fetched from ('a loopback address', ...); None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            problem = address_problem(inner[1])
            return f"{problem} in {inner[0]} form" if problem else None
        if ip in NAT64_LOCAL:
            return "a local-use NAT64 address"
    checks = (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
              ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
              ("carrier-grade NAT", isinstance(ip, ipaddress.IPv4Address) and ip in CGNAT),
              ("reserved", ip.is_reserved), ("private", ip.is_private),
              ("non-public", not ip.is_global))
    for name, hit in checks:
        if hit:
            return f"a {name} address"
    return None


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch may do: allowed internal hosts, the deadline and the size cap."""

    allowed: tuple[AllowEntry, ...] = ()
    timeout: float = 10.0
    max_bytes: int = 5_000_000

    @classmethod
    def build(cls, allow_hosts: Iterable[str] = (), timeout: float = 10.0,
              max_bytes: int = 5_000_000) -> FetchPolicy:
        """A policy from allow-list entries (`wiki.internal`, `10.1.2.3:8001`, `10.0.0.0/8`);
        BadInput if an entry cannot be read (claims.allowlist)."""
        return cls(parse_entries(allow_hosts), timeout, max_bytes)

    @classmethod
    def from_settings(cls, settings: Settings, extra_hosts: Iterable[str] = ()) -> FetchPolicy:
        return cls.build([*settings.allow_hosts, *extra_hosts], settings.fetch_timeout,
                         settings.max_fetch_bytes)

    def allows_name(self, host: str, port: int) -> bool:
        return any(entry.allows(host=host, port=port) for entry in self.allowed)

    def allows_address(self, ip: IPAddress, port: int) -> bool:
        return any(entry.allows(address=ip, port=port) for entry in self.allowed)


def vet_addresses(policy: FetchPolicy, host: str, port: int,
                  infos: Sequence[tuple[Any, ...]]) -> list[str]:
    """The addresses `host` resolved to that may be connected to on `port`; Refused if none.

    Every hop of a fetch (each redirect) comes through here with its own host and port.
    """
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    if policy.allows_name(host, port):
        return addresses
    allowed: list[tuple[str, str | None]] = []
    problems: list[tuple[str, str | None]] = []
    for address in addresses:
        ip = ipaddress.ip_address(address)
        problem = None if policy.allows_address(ip, port) else address_problem(ip)
        (problems if problem else allowed).append((address, problem))
    if not allowed:
        address, problem = problems[0] if problems else (host, "no address")
        shown = f"{host} is" if host == address else f"{host} is {address},"
        raise Refused("unsafe", f"refused: {shown} {problem} (port {port}); internal hosts are "
                                "fetched only when listed in CLAIMS_ALLOW_HOSTS or the admin "
                                "settings")
    return [address for address, _ in allowed]


# --- one deadline for the whole fetch ----------------------------------------------------

@dataclass(frozen=True)
class Deadline:
    at: float
    seconds: float

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise Refused("timeout", f"no complete answer within {self.seconds:g} s "
                                     "(CLAIMS_FETCH_TIMEOUT)")
        return left

    def clamp(self, timeout: float | None) -> float:
        return min(math.inf if timeout is None else timeout, self.remaining())


_deadline: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "claims_fetch_deadline", default=None)


def _clamp(timeout: float | None) -> float | None:
    deadline = _deadline.get()
    return timeout if deadline is None else deadline.clamp(timeout)


def _check_deadline() -> None:
    deadline = _deadline.get()
    if deadline is not None:
        deadline.remaining()


# --- network backends that resolve, vet and connect to the vetted address -----------------

_resolver = ThreadPoolExecutor(max_workers=8, thread_name_prefix="claims-dns")


def _dns_refusal(host: str) -> Refused:
    return Refused("dns", f"cannot find the host {host} (DNS lookup failed); check the address")


def _resolve(host: str, port: int) -> list[tuple[Any, ...]]:
    future = _resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        return future.result(timeout=_clamp(None))
    except FutureTimeout:
        _check_deadline()
        raise
    except (OSError, UnicodeError):
        raise _dns_refusal(host) from None


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname,
                                                     _clamp(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _SafeBackend(httpcore.NetworkBackend):
    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = vet_addresses(self._policy, host, port, _resolve(host, port))
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(address, port, _clamp(timeout), local_address,
                                                 socket_options)
            except httpcore.ConnectError as failed:
                error = failed
                continue
            return _DeadlineStream(stream)
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise Refused("address", "unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _clamp(timeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _clamp(timeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout))
        return _AsyncDeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncSafeBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def _resolve(self, host: str, port: int) -> list[tuple[Any, ...]]:
        try:
            with anyio.fail_after(_clamp(None)):
                return list(await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except TimeoutError:
            _check_deadline()
            raise
        except (OSError, UnicodeError):
            raise _dns_refusal(host) from None

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None
                          ) -> httpcore.AsyncNetworkStream:
        addresses = vet_addresses(self._policy, host, port,
                                   await self._resolve(host, port))
        error: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(address, port, _clamp(timeout),
                                                       local_address, socket_options)
            except httpcore.ConnectError as failed:
                error = failed
                continue
            return _AsyncDeadlineStream(stream)
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None
                                  ) -> httpcore.AsyncNetworkStream:
        raise Refused("address", "unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)


@cache
def _ssl_context() -> ssl.SSLContext:
    """Certificates from certifi, never from environment variables."""
    return ssl.create_default_context(cafile=certifi.where())


def _pool_options(limits: httpx.Limits) -> dict[str, Any]:
    return {"ssl_context": _ssl_context(), "max_connections": limits.max_connections,
            "max_keepalive_connections": limits.max_keepalive_connections,
            "keepalive_expiry": limits.keepalive_expiry}


class _SafeTransport(httpx.HTTPTransport):
    # httpx takes no network backend, httpcore's pool does: the pool is rebuilt with ours.
    def __init__(self, policy: FetchPolicy, limits: httpx.Limits) -> None:
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(network_backend=_SafeBackend(policy),
                                             **_pool_options(limits))


class _AsyncSafeTransport(httpx.AsyncHTTPTransport):
    def __init__(self, policy: FetchPolicy, limits: httpx.Limits) -> None:
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.AsyncConnectionPool(network_backend=_AsyncSafeBackend(policy),
                                                  **_pool_options(limits))


# --- reading a body within the cap --------------------------------------------------------

@dataclass(frozen=True)
class FetchedPage:
    """What a fetch found. `body` is kept for HTML, text and PDF; `text` for HTML and text."""

    url: str
    final_url: str
    status: int
    reason: str
    content_type: str | None
    charset: str | None = None
    body: bytes | None = None
    text: str | None = None
    sha256: str | None = None
    size_bytes: int | None = None
    redirects: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    @property
    def is_pdf(self) -> bool:
        return self.content_type in PDF_TYPES


def _decoder(encoding: str) -> Any:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise Refused("protocol", f"the server sent the body encoded as {encoding!r}, "
                              "which claim desk does not decode")


class BodyReader:
    """Decodes content-encoding and counts decoded bytes as raw chunks arrive.

    Inflation is bounded per step (`max_length`), so a gzip bomb never inflates more than
    the cap plus one byte. With `keep=False` the body is only hashed, and reading stops
    quietly at the cap (the hash is then dropped) instead of refusing.
    """

    def __init__(self, content_encoding: str, max_bytes: int, keep: bool) -> None:
        self._decoder = _decoder(content_encoding)
        self._encoding = content_encoding.strip().lower()
        self._fell_back = False
        self._max = max_bytes
        self._keep = keep
        self._chunks: list[bytes] = []
        self._hash = hashlib.sha256()
        self.size = 0
        self.over = False

    def feed(self, raw: bytes) -> None:
        """Take one raw chunk; Refused('too_big') once the decoded body passes the cap."""
        if self._decoder is None:
            self._add(raw)
            return
        try:
            self._inflate(raw)
        except zlib.error:
            if not self._raw_deflate_fallback():
                raise Refused("protocol", "the server sent a corrupt compressed body") from None
            self._inflate(raw)

    def _inflate(self, data: bytes) -> None:
        while data and not self.over:
            self._add(self._decoder.decompress(data, self._max - self.size + 1))
            data = self._decoder.unconsumed_tail

    def _raw_deflate_fallback(self) -> bool:
        """`deflate` bodies come zlib-wrapped or raw; switch to raw if nothing was read yet."""
        if self._encoding != "deflate" or self.size or self._fell_back:
            return False
        self._decoder, self._fell_back = zlib.decompressobj(-zlib.MAX_WBITS), True
        return True

    def _add(self, data: bytes) -> None:
        if self.size + len(data) > self._max:
            self.over = True
            if self._keep:
                raise Refused("too_big", f"the body is over the {self._max:,}-byte limit "
                                         "(CLAIMS_MAX_FETCH_BYTES); reading stopped there. "
                                         "Download the file and upload it as evidence instead")
            return
        self.size += len(data)
        self._hash.update(data)
        if self._keep:
            self._chunks.append(data)

    def result(self) -> tuple[bytes | None, str | None, int | None]:
        """(body if kept, sha256, size); hash and size are None when reading stopped early.
        Call once: the chunks are released as the body is joined."""
        if self.over:
            return None, None, None
        body = b"".join(self._chunks) if self._keep else None
        self._chunks = []
        return body, self._hash.hexdigest(), self.size


def media_type(header: str | None) -> tuple[str | None, str | None]:
    """`text/html; charset=ISO-8859-1` → ('text/html', 'iso-8859-1')."""
    if not header:
        return None, None
    kind, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return kind.strip().lower() or None, match.group(1).lower() if match else None


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
#: labels the web reads as windows-1252 (WHATWG Encoding Standard), so "€" in a page
#: declared ISO-8859-1 is not read as a control character
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                 "cp819", "ibm819", "iso-ir-100", "x-cp1252"}


def decode_text(body: bytes, charset: str | None) -> str:
    """Bytes → text: by the declared charset, a <meta> charset, UTF-8, or a detected one."""
    candidates = [charset]
    meta = _META_CHARSET.search(body[:4096])
    candidates.append(meta.group(1).decode("ascii").lower() if meta else None)
    for encoding in (c for c in candidates if c):
        encoding = "windows-1252" if encoding in _WINDOWS_1252 else encoding
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def _sniff(body_start: bytes) -> str | None:
    head = body_start.lstrip()[:512].lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    return None


def _looks_binary(body: bytes) -> bool:
    return b"\x00" in body[:4096]


@dataclass
class _Hop:
    """One response being read: its status and headers, and the reader for its body."""

    response: httpx.Response
    policy: FetchPolicy
    started_url: str
    redirects: list[str]
    reader: BodyReader | None = None
    declared: str | None = None
    charset: str | None = None

    def start(self) -> bool:
        """Prepare to read the body; False when the body is not needed (error status)."""
        self.declared, self.charset = media_type(self.response.headers.get("content-type"))
        if self.response.status_code >= 400:
            return False
        keep = self.declared is None or self.declared in TEXT_TYPES + PDF_TYPES
        self.reader = BodyReader(self.response.headers.get("content-encoding", ""),
                                 self.policy.max_bytes, keep)
        return True

    def feed(self, raw: bytes) -> bool:
        """Take a raw chunk; False once enough has been read."""
        assert self.reader is not None
        _check_deadline()
        self.reader.feed(raw)
        return not self.reader.over

    def page(self) -> FetchedPage:
        response = self.response
        body, sha, size = self.reader.result() if self.reader else (None, None, None)
        kind, notes = self.declared, []
        if kind is None and body is not None:
            kind = _sniff(body)
            notes.append(f"no content type given; read as {kind or 'unknown'}")
        if body is not None and kind not in TEXT_TYPES + PDF_TYPES:
            body = None
        text = None
        if body is not None and kind in TEXT_TYPES:
            if _looks_binary(body):
                notes.append(f"declared {kind} but the body is binary; text not kept")
                body = None
            else:
                text = decode_text(body, self.charset)
        if self.reader and self.reader.over:
            notes.append(f"over the {self.policy.max_bytes:,}-byte limit; not hashed")
        return FetchedPage(url=self.started_url, final_url=str(response.url),
                           status=response.status_code, reason=response.reason_phrase,
                           content_type=kind, charset=self.charset, body=body, text=text,
                           sha256=sha, size_bytes=size, redirects=tuple(self.redirects),
                           notes=tuple(notes))


# --- the fetch loop: redirects one hop at a time ------------------------------------------

_HOST_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def first_request_url(url: str) -> httpx.URL:
    """The URL to fetch, or Refused('address') for anything but an http(s) URL with a host."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError):
        raise Refused("address", f"{url!r} is not a valid web address") from None
    _check_scheme(parsed, url)
    return parsed


def _check_scheme(parsed: httpx.URL, shown: str) -> None:
    if parsed.scheme not in ("http", "https"):
        what = f"a {parsed.scheme}: address" if parsed.scheme else "not a full address"
        raise Refused("address", f"{shown} is {what}; only http and https links are fetched")
    if not parsed.host:
        raise Refused("address", f"{shown} has no host name")
    host = parsed.raw_host.decode("ascii", errors="replace")
    if not (_HOST_NAME.fullmatch(host) or ":" in host):
        raise Refused("address", f"{shown} is not a valid host name")


def _next_request(response: httpx.Response, hops: int) -> httpx.Request:
    if hops >= MAX_REDIRECTS:
        raise Refused("redirects", f"more than {MAX_REDIRECTS} redirects; stopped at "
                                   f"{response.url}")
    request = response.next_request
    assert request is not None
    _check_scheme(request.url, f"redirect to {request.url}")
    return request


def _after_redirects(error: Refused, url: str, redirects: list[str]) -> Refused:
    """Say which redirect led to a refused hop."""
    if not redirects:
        return error
    return Refused(error.kind, f"{url} redirected to {redirects[-1]}, and that was {error}",
                   error.status)


def _status_refusal(page: FetchedPage) -> Refused:
    gone = " (the page is gone)" if page.status in (404, 410) else ""
    return Refused("status", f"{page.final_url} answered {page.status} {page.reason}{gone}",
                   page.status)


def _translate(error: Exception, url: str, policy: FetchPolicy) -> Refused:
    """httpx and timeout errors → Refused with one line."""
    if isinstance(error, httpx.TimeoutException | TimeoutError | FutureTimeout):
        return Refused("timeout", f"no complete answer within {policy.timeout:g} s "
                                  "(CLAIMS_FETCH_TIMEOUT)")
    if isinstance(error, httpx.ConnectError):
        return Refused("connect", f"could not connect to {httpx.URL(url).host}: "
                                  f"{str(error) or 'connection refused'}")
    if isinstance(error, httpx.TooManyRedirects | httpx.RemoteProtocolError):
        return Refused("protocol", f"the server at {url} broke the HTTP protocol: {error}")
    return Refused("protocol", f"could not fetch {url}: {error.__class__.__name__}: {error}")


_FAILURES = (httpx.HTTPError, TimeoutError, FutureTimeout, httpx.InvalidURL)


class Fetcher:
    """Fetches URLs safely, one at a time (sync); use as a context manager."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self._client = httpx.Client(transport=_SafeTransport(policy, httpx.Limits()),
                                    trust_env=False, follow_redirects=False, headers=HEADERS,
                                    timeout=policy.timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, accept_error_status: bool = False) -> FetchedPage:
        """Fetch `url` by the rules above; Refused on any failure (and on 4xx/5xx unless
        `accept_error_status`, which returns the page with its status and no body)."""
        token = _deadline.set(Deadline(time.monotonic() + self.policy.timeout,
                                       self.policy.timeout))
        try:
            page = self._follow(url)
        except _FAILURES as error:
            raise _translate(error, url, self.policy) from None
        finally:
            _deadline.reset(token)
        if page.status >= 400 and not accept_error_status:
            raise _status_refusal(page)
        return page

    def _follow(self, url: str) -> FetchedPage:
        request = self._client.build_request("GET", first_request_url(url))
        redirects: list[str] = []
        while True:
            try:
                response = self._client.send(request, stream=True)
            except Refused as error:
                raise _after_redirects(error, url, redirects) from None
            try:
                if response.next_request is None:
                    return self._read(_Hop(response, self.policy, url, redirects))
                request = _next_request(response, len(redirects))
                redirects.append(str(request.url))
            finally:
                response.close()

    @staticmethod
    def _read(hop: _Hop) -> FetchedPage:
        if hop.start():
            for raw in hop.response.iter_raw(CHUNK):
                if not hop.feed(raw):
                    break
        return hop.page()


class AsyncFetcher:
    """Fetches URLs safely and concurrently (asyncio or trio); use as an async context
    manager. The caller bounds concurrency (a semaphore): the pool limits are not a bound
    on how many fetches wait."""

    def __init__(self, policy: FetchPolicy, max_connections: int = 100) -> None:
        self.policy = policy
        limits = httpx.Limits(max_connections=max_connections,
                              max_keepalive_connections=max_connections)
        self._client = httpx.AsyncClient(transport=_AsyncSafeTransport(policy, limits),
                                         trust_env=False, follow_redirects=False,
                                         headers=HEADERS, timeout=policy.timeout)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, accept_error_status: bool = True) -> FetchedPage:
        """As Fetcher.get, but an error status is returned by default (re-checks want it)."""
        token = _deadline.set(Deadline(time.monotonic() + self.policy.timeout,
                                       self.policy.timeout))
        try:
            with anyio.fail_after(self.policy.timeout):
                page = await self._follow(url)
        except _FAILURES as error:
            raise _translate(error, url, self.policy) from None
        finally:
            _deadline.reset(token)
        if page.status >= 400 and not accept_error_status:
            raise _status_refusal(page)
        return page

    async def _follow(self, url: str) -> FetchedPage:
        request = self._client.build_request("GET", first_request_url(url))
        redirects: list[str] = []
        while True:
            try:
                response = await self._client.send(request, stream=True)
            except Refused as error:
                raise _after_redirects(error, url, redirects) from None
            try:
                if response.next_request is None:
                    return await self._read(_Hop(response, self.policy, url, redirects))
                request = _next_request(response, len(redirects))
                redirects.append(str(request.url))
            finally:
                await response.aclose()

    @staticmethod
    async def _read(hop: _Hop) -> FetchedPage:
        if hop.start():
            async for raw in hop.response.aiter_raw(CHUNK):
                if not hop.feed(raw):
                    break
        return hop.page()


def fetch(url: str, settings: Settings, *, allow_hosts: Iterable[str] = (),
          accept_error_status: bool = False) -> FetchedPage:
    """Fetch one URL safely with the limits in `settings` (plus `allow_hosts`).

    Raises Refused (a FetchRefused) with a one-line reason: unsafe address, DNS failure,
    timeout, too big, too many redirects, or an HTTP error status.
    """
    with Fetcher(FetchPolicy.from_settings(settings, allow_hosts)) as fetcher:
        return fetcher.get(url, accept_error_status=accept_error_status)
