"""An allow-list entry with a port allows that port only, on every hop of every fetch.

Two real HTTP servers on 127.0.0.1, on two ports: the first is allowed by `127.0.0.1:PORT`,
the second must stay refused even when the first redirects to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.allowlist import AllowEntry, parse_entry
from claims.errors import BadInput, SettingError
from claims.fetch import Refused, fetch
from claims.service import Actor
from claims.service.evidence import add_evidence, recheck_evidence, set_allow_hosts
from claims.settings import Settings
from claims.sources import load_url
from tests.evidence_server import FULL_PAGE, EvidenceServer


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[EvidenceServer, EvidenceServer]]:
    first, second = EvidenceServer(), EvidenceServer()
    yield first, second
    first.stop()
    second.stop()


def only_first(first: EvidenceServer) -> Settings:
    return Settings(allow_hosts=(f"127.0.0.1:{first.port}",), fetch_timeout=2.0)


def redirect_to_second(first: EvidenceServer, second: EvidenceServer, path: str) -> str:
    first.set_page(path, status=302, location=second.url("/full"))
    return first.url(path)


@pytest.mark.parametrize(("text", "expected"), [
    ("wiki.internal", AllowEntry(name="wiki.internal")),
    ("Wiki.Internal:8080", AllowEntry(name="wiki.internal", port=8080)),
    ("10.0.0.5:8001", AllowEntry(network=parse_entry("10.0.0.5").network, port=8001)),
    ("[::1]:8001", AllowEntry(network=parse_entry("::1").network, port=8001)),
    ("::1", AllowEntry(network=parse_entry("[::1]").network)),
])
def test_entries_keep_their_port(text: str, expected: AllowEntry) -> None:
    assert parse_entry(text) == expected


@pytest.mark.parametrize("text", ["127.0.0.1:abc", "127.0.0.1:99999", "127.0.0.1:",
                                  "host:80:90", "http://wiki.internal/", "exa mple.org",
                                  "127.1", "user@host", "[::1]:x"])
def test_an_entry_that_cannot_be_read_is_an_error(text: str) -> None:
    with pytest.raises(BadInput, match="allowed host"):
        parse_entry(text)


def test_the_entry_port_is_allowed(servers: tuple[EvidenceServer, EvidenceServer]) -> None:
    first, _ = servers
    assert fetch(first.url("/full"), only_first(first)).status == 200


def test_another_port_of_the_host_is_refused(
        servers: tuple[EvidenceServer, EvidenceServer]) -> None:
    first, second = servers
    before = len(second.requests)
    with pytest.raises(Refused) as caught:
        fetch(second.url("/full"), only_first(first))
    assert caught.value.kind == "unsafe"
    assert len(second.requests) == before


def test_a_redirect_to_another_port_is_refused(
        servers: tuple[EvidenceServer, EvidenceServer]) -> None:
    first, second = servers
    before = len(second.requests)
    with pytest.raises(Refused) as caught:
        fetch(redirect_to_second(first, second, "/hop-fetch"), only_first(first))
    assert caught.value.kind == "unsafe" and "redirected to" in str(caught.value)
    assert len(second.requests) == before


def test_ingest_from_a_url_checks_each_hop_port(
        servers: tuple[EvidenceServer, EvidenceServer]) -> None:
    first, second = servers
    before = len(second.requests)
    with pytest.raises(Refused):
        load_url(redirect_to_second(first, second, "/hop-ingest"), only_first(first))
    assert len(second.requests) == before


def test_evidence_add_and_recheck_check_each_hop_port(
        servers: tuple[EvidenceServer, EvidenceServer], engine: Engine, admin: Actor,
        seeded: int) -> None:
    first, second = servers
    claim_id = service.list_claims(engine, service.ClaimFilter(article_id=seeded))[0].id
    before = len(second.requests)
    settings = only_first(first)
    with pytest.raises(Refused):
        add_evidence(engine, admin, claim_id, redirect_to_second(first, second, "/hop-add"),
                     settings=settings)
    first.set_page("/hop-recheck", FULL_PAGE)
    add_evidence(engine, admin, claim_id, first.url("/hop-recheck"), settings=settings)
    redirect_to_second(first, second, "/hop-recheck")
    report = recheck_evidence(engine, admin, claim_id=claim_id, settings=settings)
    assert [check.change for check in report.checks] == ["error"]
    assert "unsafe" not in report.checks[0].message and "loopback" in report.checks[0].message
    assert len(second.requests) == before


def test_the_admin_setting_uses_the_same_parser(engine: Engine, admin: Actor) -> None:
    assert set_allow_hosts(engine, admin, "wiki.internal:8080\n10.0.0.0/8") == (
        "wiki.internal:8080", "10.0.0.0/8")
    with pytest.raises(BadInput, match="'wiki.internal:http'"):
        set_allow_hosts(engine, admin, "wiki.internal:http")


def test_the_environment_variable_refuses_an_unreadable_entry(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_ALLOW_HOSTS", "127.0.0.1:8001, 127.0.0.1:eight")
    with pytest.raises(SettingError, match="CLAIMS_ALLOW_HOSTS"):
        Settings.from_env()
    monkeypatch.setenv("CLAIMS_ALLOW_HOSTS", "127.0.0.1:8001, [::1]:8002")
    assert Settings.from_env().allow_hosts == ("127.0.0.1:8001", "[::1]:8002")


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("CLAIMS_FETCH_TIMEOUT", "abc", "CLAIMS_FETCH_TIMEOUT='abc' cannot be used: it takes a "
                                    "number greater than 0"),
    ("CLAIMS_MAX_FETCH_BYTES", "5MB", "CLAIMS_MAX_FETCH_BYTES='5MB' cannot be used: it takes "
                                      "a whole number greater than 0"),
    ("CLAIMS_RECHECK_CONCURRENCY", "0", "CLAIMS_RECHECK_CONCURRENCY='0' cannot be used"),
    ("CLAIMS_ALLOW_HOSTS", "10.0.0.1:port", "CLAIMS_ALLOW_HOSTS: allowed host '10.0.0.1:port'"),
])
def test_a_bad_setting_is_one_line_naming_the_variable(tmp_path: Path, variable: str,
                                                       value: str, says: str) -> None:
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
           variable: value}
    result = subprocess.run([sys.executable, "-m", "claims", "list"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
