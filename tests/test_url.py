"""Auditing a URL: a page served from loopback; non-HTML, oversized, missing and slow answers."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import claimcheck
from claimcheck.errors import InputError, UnsupportedFormat
from claimcheck.read.fetch import fetch_url, is_url
from claimcheck.read.load import load_source
from claimcheck.registry.resolve import OfflineResolver

PAGE = (Path(__file__).resolve().parent / "fixtures" / "formats" / "ketamine-at-home.html").read_bytes()
SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        route = self.path.split("?")[0]
        if route == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif route == "/no-charset":
            self._send(200, "text/html", PAGE)
        elif route == "/latin1":
            self._send(200, "text/html; charset=iso-8859-1", "<p>Caf\u00e9 users.</p>".encode("latin-1"))
        elif route == "/plain":
            self._send(200, "text/plain; charset=utf-8", SEED.read_bytes())
        elif route == "/paper.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        elif route == "/data.json":
            self._send(200, "application/json", b"{}")
        elif route == "/big":
            self._send(200, "text/html", b"<p>" + b"word " * 50_000 + b"</p>")
        elif route == "/big-stream":
            self._stream(b"<p>" + b"word " * 50_000 + b"</p>")
        elif route == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "/slow":
            time.sleep(1.5)
            # the client timed out and left, as the test wants: the late answer finds no reader
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(200, "text/html", b"<p>Late.</p>")
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, body: bytes) -> None:
        """No Content-Length: the size is only known as the page arrives."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        for i in range(0, len(body), 8192):
            self.wfile.write(body[i : i + 8192])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_audit_a_url_served_from_loopback(server):
    url = f"{server}/article"
    report = claimcheck.audit(url, resolver=OfflineResolver())
    assert report.article.source == url and report.article.format == "html"
    plain = claimcheck.audit(SEED, resolver=OfflineResolver())
    assert [c.citations for c in report.claims] == [c.citations for c in plain.claims]
    assert sorted((f.code, f.claim_id, f.reference_number) for f in report.findings) == sorted(
        (f.code, f.claim_id, f.reference_number) for f in plain.findings
    )


def test_redirects_are_followed_and_the_address_asked_is_kept(server):
    # The test server is on loopback: redirects there are refused unless allowed (tests/test_hostile.py).
    page = fetch_url(f"{server}/moved", max_bytes=10**6, allow_private_redirects=True)
    assert page.url == f"{server}/moved" and page.final_url == f"{server}/article"
    assert page.format == "html" and "Ketamine" in page.text


def test_charsets_from_header_or_meta(server):
    assert "Café" in fetch_url(f"{server}/latin1", max_bytes=10**6).text
    assert "aren’t effective" in fetch_url(f"{server}/no-charset", max_bytes=10**6).text  # <meta charset>


def test_plain_text_is_read_as_text(server):
    loaded = load_source(f"{server}/plain")
    assert loaded.format == "text" and loaded.text.startswith("Ketamine is an effective way")


@pytest.mark.parametrize(
    ("route", "kind"), [("/paper.pdf", "application/pdf"), ("/data.json", "application/json")]
)
def test_non_html_answers_get_a_clear_error(server, route, kind):
    url = f"{server}{route}"
    with pytest.raises(UnsupportedFormat) as info:
        claimcheck.audit(url, resolver=OfflineResolver())
    message = str(info.value)
    assert url in message and kind in message and "not an HTML page" in message


@pytest.mark.parametrize("route", ["/big", "/big-stream"])
def test_oversized_pages_are_refused(server, route):
    url = f"{server}{route}"
    with pytest.raises(InputError, match=r"over the 0\.1 MB limit") as info:
        claimcheck.audit(url, resolver=OfflineResolver(), max_bytes=100_000)
    assert url in str(info.value)


def test_http_errors_and_timeouts_name_the_url(server):
    with pytest.raises(InputError, match="404") as info:
        load_source(f"{server}/missing")
    assert f"{server}/missing" in str(info.value)
    with pytest.raises(InputError, match=r"no answer within 0.3 s"):
        load_source(f"{server}/slow", timeout=0.3)


def test_connection_refused_is_an_input_error():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError, match="cannot connect"):
        load_source(f"http://127.0.0.1:{port}/article", timeout=2)


def test_is_url():
    assert is_url("https://example.org/a?b=c")
    assert not is_url("refs/ketamine-at-home.txt")
    assert not is_url("see https://example.org")
    assert not is_url("ftp://example.org/a")
