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
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fakeserver import Fault, Logged, LoopbackFake, Reply

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


class FakePubmed(LoopbackFake):
    """The fake E-utilities server; ``url`` is the E-utilities base (``.../entrez/eutils``)."""

    url_path = "/entrez/eutils"

    def __init__(self, *, latency: float = 0.0, rate_limit: int | None = None) -> None:
        super().__init__(latency=latency, rate_limit=rate_limit)
        self.medline = load_medline()

    def fail(self, count: int, status: int = 503, *, route: str | None = None) -> None:
        """Answer the next ``count`` requests (of ``route``) with ``status``."""
        self.faults.append(Fault("status", count, status, route=route))

    # -- what it answers -------------------------------------------------------------------

    def parse_request(self, path: str, user_agent: str = "") -> Logged:
        return parse_request(path, user_agent)

    def _rate_limited(self) -> Reply:
        body = json.dumps({"error": "API rate limit exceeded", "synthetic": SYNTHETIC})
        return Reply(429, body.encode(), "application/json")

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.kind == "hang":
            return Reply(504, b"synthetic: gateway timeout", "text/plain", hang=fault.seconds)
        return Reply(fault.status, f"HTTP {fault.status} ({SYNTHETIC})".encode(), "text/plain")

    def _answer(self, entry: Logged) -> Reply:
        if entry.route == "esearch":
            wanted = [d.lower() for d in _TERM.findall(entry.query.get("term", [""])[0])]
            ids = list(dict.fromkeys(self.medline.by_doi[d] for d in wanted if d in self.medline.by_doi))
            result = {"count": str(len(ids)), "retmax": str(len(ids)), "retstart": "0", "idlist": ids}
            body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
            return Reply(200, json.dumps(body).encode(), "application/json", {"X-Fake-Pubmed": SYNTHETIC})
        if entry.route == "efetch":
            texts = [self.medline.bodies[p] for p in entry.dois if p in self.medline.bodies]
            headers = (
                {"X-Fake-Pubmed": "synthetic: recorded MEDLINE records joined"} if len(texts) > 1 else {}
            )
            return Reply(200, "\n".join(texts).encode(), "text/plain", headers)
        return Reply(404, f"not an E-utilities route ({SYNTHETIC})".encode(), "text/plain")


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


if __name__ == "__main__":  # pragma: no cover
    with FakePubmed() as fake:
        print(f"fake PubMed on {fake.url} ({len(fake.medline.bodies)} recorded records); Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
