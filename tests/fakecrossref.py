"""A loopback fake Crossref REST API that serves recorded bodies, with injectable faults.

Serves, on ``127.0.0.1`` at a random port:

- ``GET /works/{doi}``: the recorded ``/works/{doi}`` body byte for byte when
  there is one (``fixtures/crossref/works/``), else a ``work`` envelope around
  a recorded record (a list item of ``fixtures/crossref/lists/`` or a
  ``registries/`` file that holds only the ``message``); DOIs match
  case-insensitively after percent-decoding the path;
- ``GET /works?filter=doi:A,doi:B&rows=N``: a ``work-list`` *assembled here*
  from those recorded records (Crossref's list envelope, recorded items);
- ``GET /works/{doi}/agency``: the recorded agency bodies (Crossref, DataCite,
  mEDRA); for another DOI with a recorded work, a Crossref agency answer built
  here and marked ``"synthetic"`` in its body and ``X-Fake-Crossref`` header;
- ``GET /works?query.bibliographic=...&rows=N``: a ``work-list`` of recorded
  records ranked *here* by fuzzy similarity to the query (the ranking and its
  ``score`` values are synthetic and say so in the body and the
  ``X-Fake-Crossref`` header; the items are recorded);
- ``GET /dois/{doi}`` (DataCite's REST route): the recorded DataCite bodies of
  ``fixtures/registries/datacite/`` byte for byte; the agency route answers
  ``datacite`` for those DOIs (synthetic, labelled);
- ``GET .../efetch.fcgi?db=pubmed&id=A,B`` (E-utilities): the recorded MEDLINE
  bodies of ``fixtures/registries/pubmed/`` and ``fixtures/pubmed/`` (several
  joined by a blank line, labelled synthetic); an empty body for unknown PMIDs;
- ``404 Resource not found.`` for anything else (recorded bodies in
  ``fixtures/crossref/errors/``).

Faults: ``latency`` per request; ``rate_limit`` requests per second, past which
it answers ``429`` (with ``Retry-After`` when ``retry_after`` is set);
:meth:`FakeCrossref.fail` queues status answers (500, 503, 429...), hangs
(timeouts) or malformed JSON for the next requests. Every request is logged
(:class:`Logged`) so tests can count requests and check rate and concurrency.

Run ``python tests/fakecrossref.py`` to serve it by hand.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from fakeserver import Fault, Logged, LoopbackFake, Reply

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"
REGISTRIES = Path(__file__).parent / "fixtures" / "registries"
MEDLINE_DIRS = (REGISTRIES / "pubmed", Path(__file__).parent / "fixtures" / "pubmed")
JSON, TEXT = "application/json", "text/plain"
SYNTHETIC = "synthetic: built by tests/fakecrossref.py, not a recorded Crossref response"


@dataclass(frozen=True)
class Records:
    """Recorded Crossref records by lower-case DOI, and where each came from."""

    messages: Mapping[str, Mapping[str, Any]]
    bodies: Mapping[str, bytes]  # recorded /works/{doi} responses, served byte for byte
    agencies: Mapping[str, bytes]  # recorded /works/{doi}/agency responses
    origin: Mapping[str, str]
    errors: Mapping[str, bytes]
    datacite: Mapping[str, bytes] = field(default_factory=dict)  # recorded DataCite /dois/{doi} bodies
    medline: Mapping[str, str] = field(default_factory=dict)  # recorded efetch MEDLINE bodies by PMID

    def dois(self, *, recorded_single: bool | None = None) -> list[str]:
        """Every DOI with a record (``recorded_single=True``: those with a recorded /works body)."""
        if recorded_single is None:
            return sorted(self.messages)
        return sorted(d for d in self.messages if (d in self.bodies) == recorded_single)


@cache
def load_records(root: Path = FIXTURES) -> Records:
    """Read the fixtures once: single works first, then registries, then list items."""
    messages: dict[str, Mapping[str, Any]] = {}
    bodies, agencies, origin = {}, {}, {}
    for path in sorted((root / "works").glob("*.json")):
        raw = path.read_bytes()
        message = json.loads(raw)["message"]
        key = message["DOI"].lower()
        messages[key], bodies[key], origin[key] = message, raw, f"works/{path.name}"
    for path in sorted((root / "registries").glob("*.json")):
        data = json.loads(path.read_bytes())
        message = data.get("message", data) if "message-type" in data else data
        messages.setdefault(message["DOI"].lower(), message)
        origin.setdefault(message["DOI"].lower(), f"registries/{path.name}")
    for path in sorted((root / "lists").glob("*.json")):
        for i, item in enumerate(json.loads(path.read_bytes())["message"]["items"]):
            messages.setdefault(item["DOI"].lower(), item)
            origin.setdefault(item["DOI"].lower(), f"lists/{path.name} item {i}")
    for path in sorted((root / "agency").glob("*.agency.json")):
        raw = path.read_bytes()
        agencies[json.loads(raw)["message"]["DOI"].lower()] = raw
    errors = {p.name: p.read_bytes() for p in (root / "errors").iterdir()}
    datacite = {}
    for path in sorted((REGISTRIES / "datacite").glob("*.json")):
        raw = path.read_bytes()
        datacite[json.loads(raw)["data"]["id"].lower()] = raw
    medline: dict[str, str] = {}
    for folder in MEDLINE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for pmid in re.findall(r"^PMID- (\d+)", text, flags=re.MULTILINE)[:1]:
                medline.setdefault(pmid, text)
    return Records(messages, bodies, agencies, origin, errors, datacite, medline)


class FakeCrossref(LoopbackFake):
    """The fake server. Use as a context manager, or call :meth:`start` and :meth:`stop`.

    >>> with FakeCrossref() as server:  # doctest: +SKIP
    ...     Crossref(base_url=server.url).works(ids="10.1038/srep16696")
    """

    def __init__(
        self,
        records: Records | None = None,
        *,
        latency: float = 0.0,
        rate_limit: int | None = None,
        retry_after: str | None = None,
    ) -> None:
        super().__init__(latency=latency, rate_limit=rate_limit)
        self.records = records or load_records()
        self.retry_after = retry_after

    # -- control ---------------------------------------------------------------------

    def fail(
        self, count: int, status: int = 503, *, retry_after: str | None = None, route: str | None = None
    ) -> None:
        """Answer the next ``count`` requests (of ``route``) with ``status``."""
        self.faults.append(Fault("status", count, status, retry_after, route=route))

    def malform(self, count: int, *, route: str | None = None) -> None:
        """Answer the next ``count`` requests with truncated JSON (status 200)."""
        self.faults.append(Fault("malformed", count, route=route))

    # -- what it answers -------------------------------------------------------------------

    def parse_request(self, path: str, user_agent: str = "") -> Logged:
        return parse_request(path, user_agent)

    def _rate_limited(self) -> Reply:
        headers = {"x-rate-limit-limit": str(self.rate_limit), "x-rate-limit-interval": "1s"}
        if self.retry_after is not None:
            headers["Retry-After"] = self.retry_after
        return Reply(429, f"Too many requests ({SYNTHETIC})".encode(), TEXT, headers)

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.kind == "hang":
            return Reply(
                504, self.records.errors["504_gateway-timeout.html"], "text/html", hang=fault.seconds
            )
        if fault.kind == "malformed":
            truncated = next(iter(self.records.bodies.values()))[:150]
            return Reply(200, truncated, JSON, {"X-Fake-Crossref": "synthetic: truncated recorded body"})
        headers = {} if fault.retry_after is None else {"Retry-After": fault.retry_after}
        if fault.status == 500:
            return Reply(500, self.records.errors["500_exception_cursor-5.json"], JSON, headers)
        if fault.status == 504:
            return Reply(504, self.records.errors["504_gateway-timeout.html"], "text/html", headers)
        return Reply(fault.status, f"HTTP {fault.status} ({SYNTHETIC})".encode(), TEXT, headers)

    def _answer(self, entry: Logged) -> Reply:
        if entry.route == "work":
            return self._work(entry.dois[0])
        if entry.route == "agency":
            return self._agency(entry.dois[0])
        if entry.route == "list":
            return self._list(entry)
        if entry.route == "search":
            return self._search(entry)
        if entry.route == "datacite":
            return self._datacite(entry.dois[0])
        if entry.route == "efetch":
            return self._efetch(entry)
        return Reply(404, self.records.errors["404_works_10.1371_notarealdoi.txt"], TEXT)

    def _work(self, doi: str) -> Reply:
        key = doi.lower()
        if key in self.records.bodies:
            return Reply(200, self.records.bodies[key], JSON)
        if key in self.records.messages:  # a recorded record in a work envelope built here
            envelope = {"status": "ok", "message-type": "work", "message-version": "1.0.0"}
            body = json.dumps({**envelope, "message": self.records.messages[key]}).encode()
            return Reply(200, body, JSON)
        return Reply(404, self.records.errors["404_works_10.1371_notarealdoi.txt"], TEXT)

    def _agency(self, doi: str) -> Reply:
        key = doi.lower()
        if key in self.records.agencies:
            return Reply(200, self.records.agencies[key], "application/json;charset=utf-8")
        if key in self.records.datacite:
            message = {"DOI": doi, "agency": {"id": "datacite", "label": "DataCite"}}
            body = {"status": "ok", "message-type": "work-agency", "message-version": "1.0.0"}
            payload = json.dumps({**body, "message": message, "synthetic": SYNTHETIC}).encode()
            return Reply(200, payload, JSON, {"X-Fake-Crossref": "synthetic"})
        if key in self.records.messages:
            message = {"DOI": doi, "agency": {"id": "crossref", "label": "Crossref"}}
            body = {"status": "ok", "message-type": "work-agency", "message-version": "1.0.0"}
            payload = json.dumps({**body, "message": message, "synthetic": SYNTHETIC}).encode()
            return Reply(200, payload, JSON, {"X-Fake-Crossref": "synthetic"})
        # Recorded: Crossref's agency 404 is plain text labelled as JSON.
        return Reply(404, self.records.errors["404_works_5_agency.txt"], "application/json;charset=utf-8")

    def _list(self, entry: Logged) -> Reply:
        # The work-list envelope is assembled here from recorded work messages;
        # Crossref never sent this exact list.
        if entry.query.get("filter") and not entry.dois:
            return Reply(400, f"only doi filters are served ({SYNTHETIC})".encode(), TEXT)
        rows = int(entry.query.get("rows", ["20"])[0])
        found = sorted({d.lower() for d in entry.dois if d.lower() in self.records.messages})
        items = [self.records.messages[d] for d in found]
        message = {
            "facets": {},
            "total-results": len(items),
            "items": items[:rows],
            "items-per-page": rows,
            "query": {"start-index": 0, "search-terms": None},
        }
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0", "message": message}
        return Reply(200, json.dumps(body).encode(), JSON)

    def _search(self, entry: Logged) -> Reply:
        """Recorded records ranked here by similarity to ``query.bibliographic`` (synthetic ranking)."""
        from rapidfuzz import fuzz

        query = _fold(entry.query["query.bibliographic"][0])
        rows = int(entry.query.get("rows", ["20"])[0])
        scored = []
        for doi, message in self.records.messages.items():
            score = fuzz.token_set_ratio(query, _fold(_index_text(message)))
            scored.append((score, doi, message))
        scored.sort(key=lambda t: (-t[0], t[1]))
        items = [{**m, "score": float(s)} for s, _, m in scored[:rows]]
        message = {
            "facets": {},
            "total-results": len(scored),
            "items": items,
            "items-per-page": rows,
            "query": {"start-index": 0, "search-terms": entry.query["query.bibliographic"][0]},
        }
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0", "message": message}
        headers = {"X-Fake-Crossref": "synthetic: search ranking computed over recorded records"}
        return Reply(200, json.dumps({**body, "synthetic": SYNTHETIC}).encode(), JSON, headers)

    def _datacite(self, doi: str) -> Reply:
        body = self.records.datacite.get(doi.lower())
        if body is None:
            error = {
                "errors": [
                    {
                        "status": "404",
                        "title": f"The resource you are looking for doesn't exist. ({SYNTHETIC})",
                    }
                ]
            }
            return Reply(404, json.dumps(error).encode(), "application/vnd.api+json")
        return Reply(200, body, "application/vnd.api+json; charset=utf-8")

    def _efetch(self, entry: Logged) -> Reply:
        texts = [self.records.medline[p] for p in entry.dois if p in self.records.medline]
        headers = {"X-Fake-Crossref": "synthetic: recorded MEDLINE records joined"} if len(texts) > 1 else {}
        return Reply(200, "\n".join(texts).encode(), TEXT, headers)


def parse_request(path: str, user_agent: str = "") -> Logged:
    """Route and DOIs of a request path (``/works/10.1%2Fx/agency?...``)."""
    parts = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qs(parts.query)
    raw = parts.path.rstrip("/")
    route = "other"
    dois: tuple[str, ...] = ()
    if raw == "/works" and "query.bibliographic" in query:
        route = "search"
    elif raw == "/works":
        route = "list"
        filters = ",".join(query.get("filter", []))
        dois = tuple(v for k, _, v in (f.partition(":") for f in filters.split(",") if f) if k == "doi")
    elif raw.startswith("/dois/"):
        route, dois = "datacite", (urllib.parse.unquote(raw[len("/dois/") :]),)
    elif raw.endswith("/efetch.fcgi"):
        route = "efetch"
        dois = tuple(p.strip() for p in ",".join(query.get("id", [])).split(",") if p.strip())
    elif raw.startswith("/works/") and raw.endswith("/agency"):
        route, dois = "agency", (urllib.parse.unquote(raw[len("/works/") : -len("/agency")]),)
    elif raw.startswith("/works/"):
        route, dois = "work", (urllib.parse.unquote(raw[len("/works/") :]),)
    return Logged(parts.path, route, dois, query, time.monotonic(), 0, user_agent)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _index_text(message: Mapping[str, Any]) -> str:
    """What the fake search matches a query against: title, names, journal, year, volume, page."""
    parts: list[str] = []
    for key in ("title", "container-title", "short-container-title"):
        parts += [t for t in message.get(key) or [] if isinstance(t, str)]
    parts += [
        a.get("family") or a.get("name") or "" for a in message.get("author") or [] if isinstance(a, dict)
    ]
    issued = (message.get("issued") or {}).get("date-parts") or [[None]]
    parts += [str(issued[0][0] or ""), str(message.get("volume") or ""), str(message.get("page") or "")]
    return " ".join(parts)


def _serve(conn: Connection, latency: float, rate_limit: int | None) -> None:
    """Child process of :class:`FakeCrossrefProcess`: serve, answer commands until ``stop``."""
    with FakeCrossref(latency=latency, rate_limit=rate_limit) as server:
        conn.send(server.url)
        while (command := conn.recv()) != "stop":
            if command == "reset":
                server.reset()
            log = server.requests()
            conn.send({"requests": len(log), "rate_limited": sum(r.status == 429 for r in log)})


class FakeCrossrefProcess:
    """The fake server in its own process, so that its CPU time is not the client's.

    ``counts()`` returns ``{"requests": n, "rate_limited": m}`` since the last ``reset()``.
    """

    def __init__(self, *, latency: float = 0.0, rate_limit: int | None = None) -> None:
        self._args = (latency, rate_limit)
        self.url = ""

    def __enter__(self) -> FakeCrossrefProcess:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, *self._args), daemon=True)
        self._process.start()
        self.url = self._conn.recv()
        return self

    def counts(self) -> dict[str, int]:
        self._conn.send("counts")
        return dict(self._conn.recv())

    def reset(self) -> None:
        self._conn.send("reset")
        self._conn.recv()

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self._process.join(timeout=10)


def iter_dois(n: int) -> Iterator[str]:
    """``n`` distinct recorded DOIs, those with a recorded /works body first."""
    records = load_records()
    pool = records.dois(recorded_single=True) + records.dois(recorded_single=False)
    if n > len(pool):
        raise ValueError(f"only {len(pool)} recorded DOIs")
    yield from pool[:n]


if __name__ == "__main__":  # pragma: no cover
    with FakeCrossref() as fake:
        print(f"fake Crossref on {fake.url} ({len(fake.records.messages)} recorded records); Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
