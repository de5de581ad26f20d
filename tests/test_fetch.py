"""The safe fetcher, against a real HTTP server on 127.0.0.1 (never the internet).

Only the tests that need the local server allow 127.0.0.1, and they say so explicitly.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import anyio
import pytest

from claims.errors import BadInput, FetchRefused
from claims.evidence import read_page
from claims.fetch import (
    AsyncFetcher,
    FetchPolicy,
    Refused,
    address_problem,
    fetch,
)
from claims.settings import Settings
from claims.sources import load_url
from tests.evidence_server import LATIN1_TEXT, PDF_TEXT, EvidenceServer, fake_resolver

#: the local test server is allowed here, and only in tests that use this
LOCAL = Settings(allow_hosts=("127.0.0.1",), fetch_timeout=1.0)
DEFAULT = Settings()


@pytest.fixture(scope="module")
def server() -> Iterator[EvidenceServer]:
    running = EvidenceServer()
    yield running
    running.stop()


def refusal(url: str, settings: Settings = DEFAULT, **options: Any) -> Refused:
    with pytest.raises(Refused) as caught:
        fetch(url, settings, **options)
    assert "\n" not in str(caught.value)
    return caught.value


# --- addresses ----------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "problem"), [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"), ("fc00::1", "private"),
    ("::ffff:127.0.0.1", "loopback address in IPv4-mapped"),
    ("::ffff:10.1.2.3", "private address in IPv4-mapped"),
    ("2002:7f00:1::", "loopback address in 6to4"), ("2002:a9fe:a9fe::", "link-local"),
    ("64:ff9b::a00:1", "private address in NAT64"), ("64:ff9b::7f00:1", "NAT64"),
    ("64:ff9b:1::1", "local-use NAT64"), ("::127.0.0.1", "IPv4-compatible"),
])
def test_non_public_addresses_are_named(address: str, problem: str) -> None:
    found = address_problem(ipaddress.ip_address(address))
    assert found is not None and problem in found


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111",
                                     "::ffff:8.8.8.8", "2002:808:808::", "64:ff9b::808:808",
                                     "100.128.0.1"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(("url", "shown"), [
    ("http://2130706433/", "2130706433 is 127.0.0.1"),
    ("http://0x7f.1/", "0x7f.1 is 127.0.0.1"),
    ("http://127.1/", "127.1 is 127.0.0.1"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
    ("http://[::1]:8080/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://100.64.1.1/", "carrier-grade NAT"),
    ("http://[2002:a00:1::]/", "6to4"),
    ("http://[64:ff9b::a00:1]/", "NAT64"),
    ("http://[fe80::1]/", "link-local"),
])
def test_numeric_and_disguised_hosts_are_refused_before_connecting(url: str, shown: str) -> None:
    error = refusal(url)
    assert error.kind == "unsafe"
    assert shown in str(error)
    assert "CLAIMS_ALLOW_HOSTS" in str(error)


@pytest.mark.parametrize(("url", "says"), [
    ("ftp://example.org/file", "ftp: address"),
    ("file:///etc/passwd", "file: address"),
    ("javascript:alert(1)", "javascript: address"),
    ("gopher://127.0.0.1:70/", "gopher: address"),
    ("example.org/page", "not a full address"),
    ("http://", "no host"),
    ("http://exa mple.org/", "not a valid host name"),
    ("http://0177.0.0.1/", "not a valid web address"),
])
def test_only_http_and_https_links_are_fetched(url: str, says: str) -> None:
    error = refusal(url)
    assert error.kind == "address"
    assert says in str(error)


def test_the_local_server_is_refused_unless_allowed(server: EvidenceServer) -> None:
    before = len(server.requests)
    error = refusal(server.url("/full"))
    assert error.kind == "unsafe" and "127.0.0.1 is a loopback address" in str(error)
    assert len(server.requests) == before  # refused before connecting


def test_a_network_in_the_allow_list_allows_its_addresses(server: EvidenceServer) -> None:
    page = fetch(server.url("/full"), Settings(allow_hosts=("127.0.0.0/8",)))
    assert page.status == 200


# --- what is read -------------------------------------------------------------------------

def test_a_page_with_full_metadata(server: EvidenceServer) -> None:
    page = fetch(server.url("/full"), LOCAL)
    info = read_page(page)
    assert (page.status, page.content_type, page.final_url) == (200, "text/html",
                                                                server.url("/full"))
    assert info.title == "Moscow talks: what was agreed"
    assert info.publisher == "The Daily Example"
    assert info.author == "Priya Raman"
    assert info.published_on is not None and info.published_on.isoformat() == "2024-07-08"
    assert info.snapshot is not None and "$65 billion last year" in info.snapshot
    assert "Home | World" not in info.snapshot  # boilerplate is not main text
    assert page.sha256 is not None and page.size_bytes == len(page.body or b"")


def test_a_page_with_no_metadata(server: EvidenceServer) -> None:
    info = read_page(fetch(server.url("/bare"), LOCAL))
    assert (info.title, info.publisher, info.author, info.published_on) == (None,) * 4
    assert info.snapshot is not None and "41 people dead" in info.snapshot


def test_a_non_utf8_page_is_decoded_by_its_charset(server: EvidenceServer) -> None:
    page = fetch(server.url("/latin1"), LOCAL)
    assert page.charset == "windows-1252"
    assert page.text is not None and LATIN1_TEXT in page.text
    info = read_page(page)
    assert info.snapshot is not None and "5 €" in info.snapshot


def test_plain_text_and_pdf_keep_their_text(server: EvidenceServer) -> None:
    text = read_page(fetch(server.url("/text"), LOCAL))
    assert text.snapshot == "Plain text evidence: 41 people died."
    pdf = fetch(server.url("/pdf"), LOCAL)
    assert pdf.content_type == "application/pdf" and pdf.text is None
    info = read_page(pdf)
    assert info.snapshot is not None and PDF_TEXT in info.snapshot
    assert info.title == "Customs statistics 2023" and info.author == "Customs Service"
    assert info.published_on is not None and info.published_on.isoformat() == "2024-01-15"


@pytest.mark.parametrize("path", ["/image", "/octet"])
def test_other_types_keep_metadata_only(server: EvidenceServer, path: str) -> None:
    page = fetch(server.url(path), LOCAL)
    assert page.body is None and page.text is None
    assert page.sha256 is not None and page.size_bytes
    assert read_page(page).snapshot is None


def test_a_binary_body_declared_as_html_keeps_no_text(server: EvidenceServer) -> None:
    page = fetch(server.url("/binary-as-html"), LOCAL)
    assert page.text is None
    assert any("binary" in note for note in page.notes)


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/deflate-raw"])
def test_compressed_pages_are_decoded(server: EvidenceServer, path: str) -> None:
    page = fetch(server.url(path), LOCAL)
    assert page.text is not None and "Moscow talks" in page.text


def test_a_corrupt_compressed_body_is_refused(server: EvidenceServer) -> None:
    error = refusal(server.url("/corrupt-gzip"), LOCAL)
    assert error.kind == "protocol" and "corrupt" in str(error)


def test_an_unknown_content_encoding_is_refused(server: EvidenceServer) -> None:
    error = refusal(server.url("/brotli"), LOCAL)
    assert error.kind == "protocol" and "'br'" in str(error)


# --- redirects ----------------------------------------------------------------------------

def test_a_redirect_chain_is_followed_to_the_final_url(server: EvidenceServer) -> None:
    page = fetch(server.url("/redirect/5"), LOCAL)
    assert page.final_url == server.url("/full")
    assert len(page.redirects) == 5


def test_more_than_five_redirects_are_refused(server: EvidenceServer) -> None:
    error = refusal(server.url("/redirect/6"), LOCAL)
    assert error.kind == "redirects" and "more than 5 redirects" in str(error)


@pytest.mark.parametrize(("path", "says"), [("/to-private", "10.0.0.1 is a private address"),
                                            ("/to-metadata", "169.254.169.254 is a link-local")])
def test_a_redirect_to_a_private_address_is_refused(server: EvidenceServer, path: str,
                                                    says: str) -> None:
    error = refusal(server.url(path), LOCAL)
    assert error.kind == "unsafe" and says in str(error)


def test_a_redirect_to_a_file_url_is_refused(server: EvidenceServer) -> None:
    error = refusal(server.url("/to-file"), LOCAL)
    assert error.kind == "address" and "file:" in str(error)


def test_an_allowed_name_does_not_allow_a_redirect_to_its_address(
        server: EvidenceServer) -> None:
    """`localhost` is allowed by name; its redirect to 127.0.0.1 is vetted again and refused."""
    only_localhost = Settings(allow_hosts=("localhost",), fetch_timeout=1.0)
    assert fetch(server.url("/full", host="localhost"), only_localhost).status == 200
    error = refusal(server.url("/to-loopback", host="localhost"), only_localhost)
    assert error.kind == "unsafe" and "127.0.0.1 is a loopback address" in str(error)


# --- the address connected to -------------------------------------------------------------

@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names resolved by a table (and a log of lookups); `.invalid` names fail locally."""
    table: dict[str, list[str]] = {}
    monkeypatch.setattr(socket, "getaddrinfo", fake_resolver(table))
    return table


def test_a_name_that_resolves_to_a_private_address_is_refused(
        server: EvidenceServer, fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = ["10.9.8.7"]
    error = refusal(server.url("/full", host="news.example"), LOCAL)
    assert "news.example is 10.9.8.7, a private address" in str(error)


def test_the_vetted_address_is_connected_to_with_the_name_kept(
        server: EvidenceServer, fake_dns: dict[str, list[str]]) -> None:
    """A name resolving to a private and an allowed address: only the allowed one is used,
    it is resolved once, and the Host header stays on the name."""
    fake_dns["mixed.example"] = ["10.0.0.1", "127.0.0.1"]
    page = fetch(server.url("/echo-host", host="mixed.example"), LOCAL)
    assert page.text is not None and f"Host header: mixed.example:{server.port}" in page.text
    assert fake_dns["#lookups"] == ["mixed.example"]


def test_a_dns_failure_is_a_clear_refusal(fake_dns: dict[str, list[str]]) -> None:
    error = refusal("http://no-such-host.invalid/page")
    assert error.kind == "dns" and "no-such-host.invalid" in str(error)


def test_environment_proxies_are_ignored(server: EvidenceServer,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://10.255.255.1:3128")
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent.pem")
    assert fetch(server.url("/full"), LOCAL).status == 200
    assert refusal("http://10.0.0.1/").kind == "unsafe"


# --- time and size ------------------------------------------------------------------------

def timed_refusal(url: str, settings: Settings) -> tuple[Refused, float]:
    started = time.monotonic()
    error = refusal(url, settings)
    return error, time.monotonic() - started


def test_a_slow_answer_is_cut_at_the_deadline(server: EvidenceServer) -> None:
    error, took = timed_refusal(server.url("/slow"), LOCAL)
    assert error.kind == "timeout" and "1 s" in str(error)
    assert took < 4.0  # the page answers after 6 s; the margin is for a loaded CI machine


def test_a_dripping_endless_body_is_cut_at_the_deadline(server: EvidenceServer) -> None:
    """Every read is quick (a piece each 0.2 s); only a whole-fetch deadline stops it."""
    error, took = timed_refusal(server.url("/drip"), LOCAL)
    assert error.kind == "timeout"
    assert took < 4.0  # the body never ends: only the deadline can stop it


def test_the_deadline_covers_redirect_hops_together(server: EvidenceServer) -> None:
    """Four hops of 0.6 s each: every hop is within 1 s, all of them together are not."""
    for hop in range(3):
        server.set_page(f"/slow-hop/{hop}", status=302, content_type=None, delay=0.6,
                        location=f"/slow-hop/{hop + 1}")
    server.set_page("/slow-hop/3", "<p>late</p>", delay=0.6)
    error, took = timed_refusal(server.url("/slow-hop/0"), LOCAL)
    assert error.kind == "timeout" and took < 2.2  # all four hops would take 2.4 s


@pytest.mark.parametrize("path", ["/endless", "/big", "/gzip-bomb"])
def test_bodies_over_the_cap_are_cut_off_while_streaming(server: EvidenceServer,
                                                         path: str) -> None:
    settings = Settings(allow_hosts=("127.0.0.1",), fetch_timeout=5.0)
    tracemalloc.start()
    try:
        error, took = timed_refusal(server.url(path), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.kind == "too_big" and "5,000,000-byte limit" in str(error)
    assert peak < 3 * settings.max_fetch_bytes  # never read whole (50 MB, 100 MB inflated)
    assert took < 3.0


# --- statuses -----------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "gone"), [(404, True), (410, True), (500, False)])
def test_error_statuses_are_refused_with_the_status(server: EvidenceServer, status: int,
                                                    gone: bool) -> None:
    error = refusal(server.url(f"/status/{status}"), LOCAL)
    assert error.kind == "status" and error.status == status
    assert f"answered {status}" in str(error)
    assert ("gone" in str(error)) is gone


def test_an_error_status_can_be_accepted(server: EvidenceServer) -> None:
    page = fetch(server.url("/status/410"), LOCAL, accept_error_status=True)
    assert (page.status, page.body) == (410, None)


# --- async and article ingest share the rules ---------------------------------------------

def test_the_async_fetcher_holds_the_same_rules(server: EvidenceServer) -> None:
    policy = FetchPolicy.from_settings(LOCAL)

    async def run() -> list[str]:
        async with AsyncFetcher(policy) as fetcher:
            outcomes = []
            for path in ("/full", "/to-private", "/drip", "/status/404", "/gzip-bomb"):
                try:
                    page = await fetcher.get(server.url(path))
                    outcomes.append(f"{page.status}")
                except FetchRefused as error:
                    outcomes.append(getattr(error, "kind", "?"))
            return outcomes

    started = time.monotonic()
    assert anyio.run(run) == ["200", "unsafe", "timeout", "404", "too_big"]
    assert time.monotonic() - started < 3.0


def test_article_ingest_fetches_through_the_same_rules(server: EvidenceServer) -> None:
    loaded = load_url(server.url("/full"), LOCAL)
    assert loaded.article.title == "Moscow talks: what was agreed"
    assert "$65 billion" in loaded.article.text
    with pytest.raises(FetchRefused, match="10.0.0.1 is a private address"):
        load_url(server.url("/to-private"), LOCAL)
    with pytest.raises(BadInput, match="image/png"):
        load_url(server.url("/image"), LOCAL)


def test_a_page_declared_iso_8859_1_is_read_as_the_web_reads_it(server: EvidenceServer) -> None:
    server.set_page("/iso", "<p>Price: 5 € — café</p>".encode("windows-1252"),
                    content_type="text/html; charset=ISO-8859-1")
    page = fetch(server.url("/iso"), LOCAL)
    assert page.text == "<p>Price: 5 € — café</p>"
