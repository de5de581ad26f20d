"""A real HTTP server on 127.0.0.1 for the evidence tests and the re-check benchmark.

`EvidenceServer()` starts a threaded `http.server` on a free port. Fixed routes cover the
cases the fetcher must handle (metadata, redirects, slow and endless bodies, gzip bombs,
wrong types, error statuses, encodings, PDF); `set_page(path, ...)` adds or changes a
page while the server runs, so a test can edit or remove a page between two fetches.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FULL_PAGE = """<!doctype html>
<html><head>
<title>Ignored title tag | The Daily Example</title>
<meta property="og:title" content="Moscow talks: what was agreed">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-07-08T09:30:00+00:00">
<meta name="author" content="Priya Raman">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Moscow talks: what was agreed",
 "datePublished": "2024-07-08T09:30:00+00:00",
 "author": {"@type": "Person", "name": "Priya Raman"},
 "publisher": {"@type": "Organization", "name": "The Daily Example"}}
</script>
</head><body>
<nav>Home | World | Business</nav>
<article>
<h1>Moscow talks: what was agreed</h1>
<p>The two leaders met for two days in Moscow and agreed to raise bilateral trade to
$100 billion by 2030, officials said on Tuesday.</p>
<p>Trade between the countries stood at $65 billion last year, according to the customs
service, up from $13 billion five years earlier.</p>
<p>Analysts said the target would be hard to reach without new payment arrangements.</p>
</article>
<footer>Copyright The Daily Example</footer>
</body></html>"""

BARE_PAGE = """<html><body><div>
<p>Officials counted 41 people dead after the strike on the hospital, the ministry said in
a statement published late on Monday evening.</p>
<p>The figure could not be independently verified by reporters on the ground.</p>
</div></body></html>"""

LATIN1_TEXT = "Le café coûte 5 € à Zürich — naïve façade, déjà vu."
LATIN1_PAGE = (f"<html><head><title>Café prices</title></head><body><article><p>{LATIN1_TEXT} "
               "The same sentence again for length, so the extractor keeps it.</p></article>"
               "</body></html>")
PDF_TEXT = "Customs statistics report: trade reached 65 billion dollars in 2023."
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")

HTML = "text/html; charset=utf-8"


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def make_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer is `text` (built by hand: valid xref offsets)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Customs statistics 2023) /Author (Customs Service) "
        b"/CreationDate (D:20240115120000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


@cache
def gzip_bomb(inflated_mb: int = 100) -> bytes:
    """A gzip body of a few hundred KB that inflates to `inflated_mb` MB of spaces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * 1_000_000
    parts = [compressor.compress(block) for _ in range(inflated_mb)]
    return b"".join(parts) + compressor.flush()


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def fixed_pages() -> dict[str, Page]:
    return {
        "/full": Page(body=FULL_PAGE.encode()),
        "/bare": Page(body=BARE_PAGE.encode()),
        "/text": Page(body=b"Plain text evidence: 41 people died.\n", content_type="text/plain"),
        "/latin1": Page(body=LATIN1_PAGE.encode("windows-1252"),
                        content_type="text/html; charset=windows-1252"),
        "/pdf": Page(body=make_pdf(PDF_TEXT), content_type="application/pdf"),
        "/image": Page(body=PNG_BYTES, content_type="image/png"),
        "/octet": Page(body=FULL_PAGE.encode(), content_type="application/octet-stream"),
        "/binary-as-html": Page(body=b"\x00\x01\x02GIF89a\x00" * 100),
        "/gzip": Page(body=gzip.compress(FULL_PAGE.encode()),
                      headers=(("Content-Encoding", "gzip"),)),
        "/deflate": Page(body=zlib.compress(FULL_PAGE.encode()),
                         headers=(("Content-Encoding", "deflate"),)),
        "/deflate-raw": Page(body=_raw_deflate(FULL_PAGE.encode()),
                             headers=(("Content-Encoding", "deflate"),)),
        "/corrupt-gzip": Page(body=b"\x1f\x8b\x08\x00garbage" * 10,
                              headers=(("Content-Encoding", "gzip"),)),
        "/brotli": Page(body=b"\x0b\x02\x80hello\x03", headers=(("Content-Encoding", "br"),)),
        "/status/404": Page(status=404, body=b"<p>not here</p>"),
        "/status/410": Page(status=410, body=b"<p>gone for good</p>"),
        "/status/500": Page(status=500, body=b"<p>oops</p>"),
        "/slow": Page(body=FULL_PAGE.encode(), delay=6.0),
        "/to-private": Page(status=302, headers=(("Location", "http://10.0.0.1/"),)),
        "/to-metadata": Page(status=302,
                             headers=(("Location", "http://169.254.169.254/latest/"),)),
        "/to-file": Page(status=302, headers=(("Location", "file:///etc/passwd"),)),
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        """Quiet: the tests assert on what they need."""

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.record(self.path, self.headers.get("Host", ""))
        owner.in_flight(+1)
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            return  # the fetcher hung up on purpose (size cap, deadline)
        finally:
            owner.in_flight(-1)

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        special = {"/drip": self._drip, "/endless": self._endless, "/big": self._big,
                   "/echo-host": self._echo_host, "/gzip-bomb": self._gzip_bomb}
        if path in special:
            special[path]()
        elif path.startswith("/redirect/"):
            self._redirect(int(path.rsplit("/", 1)[1]))
        elif path == "/to-loopback":
            self._send(Page(status=302, headers=(
                ("Location", f"http://127.0.0.1:{self.server.server_port}/full"),)))
        else:
            self._send(self.server.owner.page(path))

    def _send(self, page: Page) -> None:
        if page.delay:
            time.sleep(page.delay)
        self.send_response(page.status)
        if page.content_type:
            self.send_header("Content-Type", page.content_type)
        for name, value in page.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)

    def _redirect(self, left: int) -> None:
        target = f"/redirect/{left - 1}" if left > 1 else "/full"
        self._send(Page(status=302, headers=(("Location", target),)))

    def _gzip_bomb(self) -> None:
        """About 100 KB on the wire, 100 MB inflated (made on first use, then cached)."""
        self._send(Page(body=gzip_bomb(), headers=(("Content-Encoding", "gzip"),)))

    def _echo_host(self) -> None:
        host = self.headers.get("Host", "")
        self._send(Page(body=f"<html><body><p>Host header: {host}</p></body></html>".encode()))

    def _stream_headers(self, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _drip(self) -> None:
        """A body that never ends, one small piece every 0.2 s (each read is quick)."""
        self._stream_headers()
        for _ in range(10_000):
            self.wfile.write(b"<p>drip</p>\n")
            self.wfile.flush()
            time.sleep(0.2)

    def _endless(self) -> None:
        """A body that never ends, as fast as the reader takes it."""
        self._stream_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>\n"
        while True:
            self.wfile.write(chunk)

    def _big(self) -> None:
        """A 50 MB body with an honest Content-Length."""
        size, chunk = 50_000_000, b"y" * 1_000_000
        self._stream_headers(size)
        for _ in range(size // len(chunk)):
            self.wfile.write(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: EvidenceServer


class EvidenceServer:
    """The server, its pages and a log of the requests it answered."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._pages = fixed_pages()
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.busy = 0
        self.most_busy = 0  # the most requests answered at the same time
        self._server = _Server((host, 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def set_page(self, path: str, body: str | bytes = b"", *, status: int = 200,
                 content_type: str | None = HTML, delay: float = 0.0,
                 location: str | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        headers = (("Location", location),) if location else ()
        with self._lock:
            self._pages[path] = Page(status, data, content_type, headers, delay)

    def page(self, path: str) -> Page:
        with self._lock:
            return self._pages.get(path, Page(status=404, body=b"<p>no such page</p>"))

    def record(self, path: str, host: str) -> None:
        with self._lock:
            self.requests.append((path, host))

    def in_flight(self, step: int) -> None:
        with self._lock:
            self.busy += step
            self.most_busy = max(self.most_busy, self.busy)

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def fake_resolver(table: dict[str, list[str]]) -> Any:
    """A `socket.getaddrinfo` that answers names in `table` (and logs each lookup under
    '#lookups'); a name mapped to no address, and every `.invalid` name, fails as a DNS error
    without asking the network; other names go to the real resolver."""
    import socket

    real = socket.getaddrinfo

    def lookup(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if table.get(name) == [] or name.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if name in table:
            table.setdefault("#lookups", []).append(name)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in table[name]]
        return real(host, port, *args, **kwargs)

    return lookup
