"""A loopback fake PubMed (NCBI E-utilities) that serves recorded MEDLINE records, with fault knobs.

Serves, on ``127.0.0.1`` at a random port, under ``/entrez/eutils``:

- ``GET esearch.fcgi?db=pubmed&term=...&retmode=json``: the PMIDs of the
  recorded records whose DOI (``LID``/``AID`` ``[doi]``) is named in the term,
  as ``"10.1/x"[AID]`` (or ``[doi]``) clauses joined with ``OR``. The JSON is
  *built here* in E-utilities' documented ``esearchresult`` shape (no esearch
  response was recorded) and says so in ``X-Fake-Pubmed``;
- ``GET efetch.fcgi?db=pubmed&id=A,B&rettype=medline&retmode=text``: the
  recorded MEDLINE bodies of ``fixtures/registries/pubmed/`` byte for byte
  (several joined by a blank line, labelled synthetic); an empty body for
  unknown PMIDs, as E-utilities answers.

Knobs, like :mod:`fakecrossref`: ``latency`` per request; ``rate_limit``
requests per second, past which it answers ``429`` with NCBI's JSON error
(synthetic); :meth:`FakePubmed.fail` and :meth:`FakePubmed.hang` queue faults.
Every request is logged (route ``esearch``, ``efetch`` or ``other``).
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fakecrossref import Fault, Logged, _Reply

MEDLINE = Path(__file__).parent / "fixtures" / "registries" / "pubmed"
SYNTHETIC = "synthetic: built by tests/fakepubmed.py, not a recorded E-utilities response"
_TERM = re.compile(r'"([^"]+)"\s*\[(?:AID|doi)\]', re.IGNORECASE)
_DOI_FIELD = re.compile(r"^(?:LID|AID) - (\S+) \[doi\]", re.MULTILINE)


@dataclass(frozen=True)
class Medline:
    """Recorded MEDLINE bodies by PMID, and the PMID of each recorded DOI (lower case)."""

    bodies: Mapping[str, str]
    by_doi: Mapping[str, str]


@cache
def load_medline(folder: Path = MEDLINE) -> Medline:
    bodies: dict[str, str] = {}
    by_doi: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pmid = re.search(r"^PMID- (\d+)", text, flags=re.MULTILINE)
        if pmid is None:
            continue
        bodies.setdefault(pmid.group(1), text)
        for doi in _DOI_FIELD.findall(text)[:1]:
            by_doi.setdefault(doi.lower(), pmid.group(1))
    return Medline(bodies, by_doi)


class FakePubmed:
    """The fake E-utilities server; ``url`` is the E-utilities base (``.../entrez/eutils``)."""

    def __init__(self, *, latency: float = 0.0, rate_limit: int | None = None) -> None:
        self.medline = load_medline()
        self.latency, self.rate_limit = latency, rate_limit
        self.log: list[Logged] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self._in_flight = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/entrez/eutils"

    def start(self) -> FakePubmed:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakePubmed:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(self, count: int, status: int = 503, *, route: str | None = None) -> None:
        """Answer the next ``count`` requests (of ``route``) with ``status``."""
        self.faults.append(Fault("status", count, status, route=route))

    def hang(self, count: int, seconds: float, *, route: str | None = None) -> None:
        """Hold the next ``count`` requests for ``seconds`` (client timeouts)."""
        self.faults.append(Fault("hang", count, seconds=seconds, route=route))

    def reset(self) -> None:
        with self._lock:
            self.log.clear()
            self.faults.clear()

    def requests(self, route: str | None = None) -> list[Logged]:
        with self._lock:
            return [r for r in self.log if route is None or r.route == route]

    def max_per_window(self, window: float = 1.0) -> int:
        """The most requests that arrived within any ``window`` seconds."""
        times = sorted(r.arrived for r in self.requests())
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= window:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # -- serving --------------------------------------------------------------------------

    def _admit(self, entry: Logged) -> _Reply | None:
        with self._lock:
            self._in_flight += 1
            entry.in_flight = self._in_flight
            self.log.append(entry)
            if self.rate_limit is not None:
                recent = [r for r in self.log[:-1] if entry.arrived - r.arrived < 1.0 and r.status != 429]
                if len(recent) >= self.rate_limit:
                    entry.status = 429
                    body = json.dumps({"error": "API rate limit exceeded", "synthetic": SYNTHETIC})
                    return _Reply(429, body.encode(), "application/json")
            for fault in self.faults:
                if fault.count > 0 and fault.route in (None, entry.route):
                    fault.count -= 1
                    if fault.kind == "hang":
                        return _Reply(504, b"synthetic: gateway timeout", "text/plain", hang=fault.seconds)
                    return _Reply(fault.status, f"HTTP {fault.status} ({SYNTHETIC})".encode(), "text/plain")
        return None

    def _answer(self, entry: Logged) -> _Reply:
        if entry.route == "esearch":
            wanted = [d.lower() for d in _TERM.findall(entry.query.get("term", [""])[0])]
            ids = list(dict.fromkeys(self.medline.by_doi[d] for d in wanted if d in self.medline.by_doi))
            result = {"count": str(len(ids)), "retmax": str(len(ids)), "retstart": "0", "idlist": ids}
            body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
            return _Reply(200, json.dumps(body).encode(), "application/json", {"X-Fake-Pubmed": SYNTHETIC})
        if entry.route == "efetch":
            texts = [self.medline.bodies[p] for p in entry.dois if p in self.medline.bodies]
            headers = (
                {"X-Fake-Pubmed": "synthetic: recorded MEDLINE records joined"} if len(texts) > 1 else {}
            )
            return _Reply(200, "\n".join(texts).encode(), "text/plain", headers)
        return _Reply(404, f"not an E-utilities route ({SYNTHETIC})".encode(), "text/plain")

    def _done(self, entry: Logged, status: int) -> None:
        with self._lock:
            self._in_flight -= 1
            entry.status = status
            entry.finished = time.monotonic()


def parse_request(path: str, user_agent: str = "") -> Logged:
    """Route (``esearch``, ``efetch``, ``other``) and the PMIDs asked of efetch."""
    parts = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qs(parts.query)
    route, ids = "other", ()
    if parts.path.endswith("/esearch.fcgi"):
        route = "esearch"
    elif parts.path.endswith("/efetch.fcgi"):
        route = "efetch"
        ids = tuple(p.strip() for p in ",".join(query.get("id", [])).split(",") if p.strip())
    return Logged(parts.path, route, ids, query, time.monotonic(), 0, user_agent)


def _handler_for(server: FakePubmed) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            entry = parse_request(self.path, self.headers.get("User-Agent", ""))
            reply = server._admit(entry)
            time.sleep(server.latency + (reply.hang if reply else 0.0))
            reply = reply or server._answer(entry)
            server._done(entry, reply.status)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


if __name__ == "__main__":  # pragma: no cover
    with FakePubmed() as fake:
        print(f"fake PubMed on {fake.url} ({len(fake.medline.bodies)} recorded records); Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
