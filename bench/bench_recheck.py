"""Benchmark: re-check evidence links served by a local server that answers each after 100 ms.

    .venv/bin/python bench/bench_recheck.py [--links 500] [--concurrency 16] [--delay 0.1]

What it does, on a throwaway SQLite database and a real HTTP server on 127.0.0.1 (in its own
process, HTTP/1.1 keep-alive, so the server does not share the benchmark's interpreter):

1. stores `--links` evidence links (one page each, about `--page-kb` KB of article HTML) and
   re-checks them once without delay, so the stored hashes match the pages as served;
2. then the server edits 10% of the pages, removes 5% (404) and answers each request after
   `--delay` seconds;
3. re-checks them all at `--concurrency` and reports the wall time and the changes found,
   and what a sequential re-check takes (measured on 20 links at concurrency 1);
4. measures peak Python memory (tracemalloc) of the same re-check for 100 links and for
   `--links` links: with bounded concurrency it follows cap x concurrency, not the link count.

Only this benchmark allows 127.0.0.1, through its own Settings object.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.evidence import text_sha256  # noqa: E402
from claims.models import Evidence, EvidenceFetch, utcnow  # noqa: E402
from claims.service import Actor, ingest_article, local_actor  # noqa: E402
from claims.service.evidence import RecheckReport, recheck_evidence  # noqa: E402
from claims.settings import Settings  # noqa: E402
from claims.store import create_engine, upgrade, write_session  # noqa: E402
from tests.conftest import seed_input  # noqa: E402


def page_html(number: int, version: int, size_kb: int) -> str:
    paragraphs = "".join(
        f"<p>Report {number}, paragraph {i}, version {version}: officials said {41 + i} people "
        f"died and trade reached ${65 + i} billion, according to the customs service.</p>\n"
        for i in range(max(1, size_kb * 1024 // 150)))
    return (f"<html><head><title>Evidence page {number}</title>"
            f'<meta property="og:site_name" content="Bench News"></head>'
            f"<body><article><h1>Evidence page {number}</h1>{paragraphs}</article></body></html>")


class _BenchHandler(BaseHTTPRequestHandler):
    """`/phase/N` switches phase; `/p/<links>/<n>`: page n, changed in phase 1."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    phase = 0
    delay = 0.1
    page_kb = 20

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        """Quiet."""

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        if parts[0] == "phase":
            type(self).phase = int(parts[1])
            self._answer(200, b"ok")
            return
        number = int(parts[-1])
        if self.phase:
            time.sleep(self.delay)
        if self.phase and number % 20 == 1:
            self._answer(404, b"<p>not found</p>")
            return
        version = 2 if self.phase and number % 10 == 0 else 1
        self._answer(200, page_html(number, version, self.page_kb).encode())

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(port: Any, delay: float, page_kb: int) -> None:
    _BenchHandler.delay, _BenchHandler.page_kb = delay, page_kb
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BenchHandler)
    server.daemon_threads = True
    port.value = server.server_port
    server.serve_forever()


class BenchServer:
    def __init__(self, delay: float, page_kb: int) -> None:
        self._port = multiprocessing.Value("i", 0)
        self._process = multiprocessing.Process(target=_serve, args=(self._port, delay, page_kb),
                                                daemon=True)
        self._process.start()
        while not self._port.value:
            time.sleep(0.01)
        self.port = self._port.value

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set_phase(self, phase: int) -> None:
        import httpx

        httpx.get(self.url(f"/phase/{phase}"), trust_env=False).raise_for_status()

    def stop(self) -> None:
        self._process.terminate()
        self._process.join()


SETTINGS = Settings(allow_hosts=("127.0.0.1",), fetch_timeout=10.0)


def setup(server: BenchServer, links: int, folder: Path) -> tuple[Any, Actor]:
    """A database with `links` evidence rows pointing at the server (stored directly, then
    settled by one re-check without delay: the set-up is not what is measured)."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{folder / 'bench.sqlite'}")
    upgrade(engine)
    actor = local_actor(engine)
    ingest_article(engine, actor, seed_input())
    with write_session(engine) as session:
        for number in range(links):
            url = server.url(f"/p/{links}/{number}")
            snapshot = f"stored snapshot {number}"
            evidence = Evidence(claim_id=1, url=url, final_url=url, http_status=200,
                                sha256=text_sha256(snapshot), snapshot=snapshot,
                                fetched_at=utcnow(), checked_at=utcnow(),
                                added_by_id=actor.user_id)
            session.add(evidence)
            session.flush()
            session.add(EvidenceFetch(evidence_id=evidence.id or 0, http_status=200,
                                      snapshot=snapshot))
    server.set_phase(0)
    recheck_evidence(engine, actor, settings=SETTINGS)
    return engine, actor


def measure(server: BenchServer, links: int, concurrency: int, folder: Path,
            trace: bool = False) -> tuple[RecheckReport, float, int | None]:
    """(report, CPU seconds of this process, peak traced bytes if `trace`)."""
    engine, actor = setup(server, links, folder)
    server.set_phase(1)
    if trace:
        tracemalloc.start()
    cpu = time.process_time()
    report = recheck_evidence(engine, actor, settings=SETTINGS, concurrency=concurrency)
    cpu = time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    engine.dispose()
    return report, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.1, help="server delay per answer (s)")
    parser.add_argument("--page-kb", type=int, default=20, help="size of each page (KB)")
    args = parser.parse_args()
    server = BenchServer(args.delay, args.page_kb)
    cap = Settings().max_fetch_bytes
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {multiprocessing.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load average {load:.1f} at start")
    try:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            report, cpu, _ = measure(server, args.links, args.concurrency, folder / "wall")
            print(f"re-check of {args.links} links at concurrency {args.concurrency}, "
                  f"{args.delay * 1000:.0f} ms per answer, {args.page_kb} KB pages: "
                  f"{report.seconds:.2f} s wall, {cpu:.2f} s CPU; {len(report.changed)} changed, "
                  f"{len(report.dead)} dead, {len(report.failed)} failed")
            sequential, _, _ = measure(server, 20, 1, folder / "sequential")
            print(f"sequential (concurrency 1): {sequential.seconds:.2f} s for 20 links, "
                  f"about {sequential.seconds / 20 * args.links:.1f} s for {args.links}")
            for links in (100, args.links):
                _, _, peak = measure(server, links, args.concurrency, folder / f"memory{links}",
                                     trace=True)
                assert peak is not None
                print(f"peak traced memory, {links} links: {peak / 1e6:.1f} MB (bound: cap "
                      f"{cap / 1e6:.0f} MB x concurrency {args.concurrency} = "
                      f"{cap * args.concurrency / 1e6:.0f} MB)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
