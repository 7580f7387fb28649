"""What the loopback fakes share: a threaded HTTP server on ``127.0.0.1`` with latency, a rate
limit, queued faults and a request log.

:class:`LoopbackFake` serves, times and logs; a fake (:mod:`fakecrossref`, :mod:`fakepubmed`)
says how a path is routed (:meth:`LoopbackFake.parse_request`), what it answers
(:meth:`LoopbackFake._answer`), and how its registry words a 429 and a queued fault.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass
class Logged:
    """One request as the server saw it."""

    path: str  # as sent, still percent-encoded
    route: str  # the fake's name for the endpoint ("work", "list", "esearch", ... or "other")
    dois: tuple[str, ...]  # percent-decoded identifiers asked (DOIs, or PMIDs for efetch)
    query: dict[str, list[str]]
    arrived: float  # time.monotonic()
    in_flight: int  # requests being served when it arrived, itself included
    user_agent: str
    status: int = 0
    finished: float = 0.0


@dataclass
class Fault:
    """A canned answer for the next ``count`` requests (of ``route``, when given)."""

    kind: str  # "status", "hang" or "malformed"
    count: int
    status: int = 503
    retry_after: str | None = None
    seconds: float = 0.0
    route: str | None = None


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    hang: float = 0.0


class LoopbackFake:
    """A fake registry on a random loopback port. Use as a context manager, or start and stop it."""

    #: Appended to ``http://host:port`` in :attr:`url` (E-utilities lives under a path).
    url_path = ""

    def __init__(self, *, latency: float = 0.0, rate_limit: int | None = None) -> None:
        self.latency = latency
        self.rate_limit = rate_limit
        self.log: list[Logged] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self._in_flight = 0
        self._server: ThreadingHTTPServer | None = None

    # -- control ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{self.url_path}"

    def start(self) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def hang(self, count: int, seconds: float, *, route: str | None = None) -> None:
        """Hold the next ``count`` requests (of ``route``) for ``seconds`` (client timeouts)."""
        self.faults.append(Fault("hang", count, seconds=seconds, route=route))

    def reset(self) -> None:
        """Forget the log and the queued faults."""
        with self._lock:
            self.log.clear()
            self.faults.clear()

    # -- what happened -----------------------------------------------------------------------

    def requests(self, route: str | None = None) -> list[Logged]:
        with self._lock:
            return [r for r in self.log if route is None or r.route == route]

    def max_in_flight(self) -> int:
        return max((r.in_flight for r in self.requests()), default=0)

    def max_per_window(self, window: float = 1.0) -> int:
        """The most requests that arrived within any ``window`` seconds."""
        times = sorted(r.arrived for r in self.requests())
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= window:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # -- what a fake says ----------------------------------------------------------------------

    def parse_request(self, path: str, user_agent: str = "") -> Logged:
        raise NotImplementedError

    def _answer(self, entry: Logged) -> Reply:
        raise NotImplementedError

    def _rate_limited(self) -> Reply:
        raise NotImplementedError

    def _fault_reply(self, fault: Fault) -> Reply:
        raise NotImplementedError

    # -- serving -----------------------------------------------------------------------------

    def _admit(self, entry: Logged) -> Reply | None:
        """Rate limit and queued faults, decided on arrival; ``None`` to answer normally."""
        with self._lock:
            self._in_flight += 1
            entry.in_flight = self._in_flight
            self.log.append(entry)
            if self.rate_limit is not None:
                recent = [r for r in self.log[:-1] if entry.arrived - r.arrived < 1.0 and r.status != 429]
                if len(recent) >= self.rate_limit:
                    entry.status = 429
                    return self._rate_limited()
            for fault in self.faults:
                if fault.count > 0 and fault.route in (None, entry.route):
                    fault.count -= 1
                    return self._fault_reply(fault)
        return None

    def _done(self, entry: Logged, status: int) -> None:
        with self._lock:
            self._in_flight -= 1
            entry.status = status
            entry.finished = time.monotonic()


def _handler_for(server: LoopbackFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            entry = server.parse_request(self.path, self.headers.get("User-Agent", ""))
            reply = server._admit(entry)
            time.sleep(server.latency + (reply.hang if reply else 0.0))
            reply = reply or server._answer(entry)
            # Counted out before the client can read the answer and send its next request.
            server._done(entry, reply.status)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)  # fails when the client gave up (a timeout test)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
