"""PubMed: the MEDLINE parser on recorded efetch bodies, and the client against a loopback server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from claimcheck.model import Reference, Resolution, Status, Work
from claimcheck.registry.pubmed import PubmedClient, fetch_for_references, parse_medline
from claimcheck.support.score import source_text

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"


def medline(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def only(name: str):
    records = parse_medline(medline(name))
    assert len(records) == 1
    return records[0]


# --- parser -------------------------------------------------------------------------------------


def test_retracted_article_fields():
    rec = only("pubmed_retracted.txt")
    assert rec.pmid == "9500320"
    assert rec.title == (
        "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental "
        "disorder in children."
    )
    assert rec.abstract is not None and rec.abstract.startswith("BACKGROUND: We investigated")
    assert "(p=0.003)" in rec.abstract and "  " not in rec.abstract
    assert rec.authors[:2] == ("Wakefield, A J", "Murch, S H") and len(rec.authors) == 13
    assert (rec.journal, rec.journal_abbrev, rec.year) == ("Lancet (London, England)", "Lancet", 1998)
    assert rec.doi == "10.1016/s0140-6736(97)11096-0"
    assert "Retracted Publication" in rec.publication_types
    assert rec.retracted and not rec.is_retraction_notice
    rin = [c for c in rec.comments if c.tag == "RIN"]
    assert [(c.pmid, c.doi) for c in rin] == [
        ("15016483", "10.1016/s0140-6736(04)15715-2"),
        ("20137807", "10.1016/s0140-6736(10)60175-4"),
    ]
    assert rin[0].kind == "retraction in"
    # A comment wrapped over two lines keeps its PMID: "PMID: \n      9500313".
    assert rec.comments[0].tag == "CIN" and rec.comments[0].pmid == "9500313"


def test_retraction_notice_points_back():
    rec = only("pubmed_retraction_notice.txt")
    assert rec.is_retraction_notice and not rec.retracted
    assert rec.publication_types == ("Retraction Notice",)
    assert rec.abstract is None and rec.authors == ()
    assert [(c.tag, c.pmid) for c in rec.comments] == [("ROF", "9500320")]
    assert rec.doi == "10.1016/s0140-6736(10)60175-4"


def test_expression_of_concern_notice_and_concerned_article():
    notice = only("pubmed_eci_concern_notice.txt")
    assert "Expression of Concern" in notice.publication_types and notice.expression_of_concern
    assert notice.authors == ("PLOS ONE Editors",)  # a group author (CN)
    assert [(c.tag, c.pmid) for c in notice.comments] == [("ECF", "23741377")]
    concerned = only("pubmed_concern_only.txt")
    assert concerned.expression_of_concern and not concerned.retracted
    assert [c.kind for c in concerned.comments] == ["expression of concern in"]


def test_retracted_erratum_has_both_links():
    rec = only("pubmed_retracted_erratum.txt")
    assert {"Published Erratum", "Retracted Publication"} <= set(rec.publication_types)
    assert {c.tag for c in rec.comments} == {"EFR", "RIN"}
    assert rec.retracted


def test_wrapped_title_and_long_abstract_are_joined():
    rec = only("pubmed_wrapped_title.txt")
    assert rec.title is not None and rec.title.startswith("Lifetime exposure to brominated trihalomethanes")
    assert "swimming pool attendance are associated" in rec.title
    assert rec.abstract is not None and "2.38 (1.61, 3.52)" in rec.abstract
    assert rec.doi == "10.1038/s41370-023-00600-7" and rec.year == 2024


def test_collective_author_kept_in_place():
    rec = only("pubmed_collective_creator.txt")
    assert "ITC Project Collaborators" in rec.authors
    assert rec.authors.index("ITC Project Collaborators") > 0


def test_placeholder_and_translated_titles():
    unavailable = only("pubmed_title_unavailable.txt")
    assert unavailable.title is None
    assert unavailable.vernacular_title and unavailable.vernacular_title.startswith("El modelo")
    translated = only("pubmed_translated_title.txt")
    assert translated.title == "Dog breeds and behaviour."


def test_book_uses_book_title_and_has_no_doi():
    rec = only("pubmed_book.txt")
    assert rec.title == "GeneReviews((R))" and rec.doi is None and rec.year == 1993


def test_several_records_in_one_body_and_no_record():
    body = medline("pubmed_retracted.txt") + medline("pubmed_retraction_notice.txt")
    assert [r.pmid for r in parse_medline(body)] == ["9500320", "20137807"]
    assert parse_medline("") == [] and parse_medline("<html>error</html>") == []


def test_source_text_uses_pubmed_abstract_when_the_registry_has_none():
    rec = only("pubmed_retracted.txt")
    ref = Reference(1, "1. Wakefield AJ. Ileal hyperplasia. Lancet. 1998.", title="Ileal hyperplasia")
    work = Work(doi=rec.doi or "", title="Ileal-lymphoid-nodular hyperplasia")
    resolved = Resolution(work.doi, Status.RESOLVED, work=work)
    title, abstract, origin = source_text(ref, resolved, pubmed=rec)
    assert (title, origin) == ("Ileal-lymphoid-nodular hyperplasia", "pubmed")
    assert abstract == rec.abstract
    assert source_text(ref, None, pubmed=rec)[2] == "pubmed"
    assert source_text(ref, None) == ("Ileal hyperplasia", None, "reference")


# --- client against a loopback server -----------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    bodies: ClassVar[dict[str, str]] = {}
    dois: ClassVar[dict[str, str]] = {}
    status: ClassVar[int] = 200
    seen: ClassVar[list[dict[str, list[str]]]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        type(self).seen.append({"path": [url.path], **query})
        if self.status != 200:
            self._send(self.status, "text/plain", "synthetic error")
        elif url.path.endswith("/esearch.fcgi"):
            term = query["term"][0]
            doi = term.split('"')[1].lower() if '"' in term else term
            ids = [self.dois[doi]] if doi in self.dois else []
            # synthetic: no esearch response was recorded; this is its documented JSON shape
            self._send(
                200,
                "application/json",
                json.dumps({"esearchresult": {"count": str(len(ids)), "idlist": ids}}),
            )
        elif url.path.endswith("/efetch.fcgi"):
            ids = query["id"][0].split(",")
            self._send(200, "text/plain", "".join(self.bodies.get(i, "") for i in ids))
        else:
            self._send(404, "text/plain", "synthetic: not found")

    def _send(self, status: int, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def eutils() -> Iterator[tuple[str, type[_Handler]]]:
    """A loopback E-utilities serving the recorded efetch bodies on a random port."""
    bodies = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        for rec in parse_medline(path.read_text(encoding="utf-8")):
            bodies[rec.pmid] = path.read_text(encoding="utf-8")
    handler = type("Handler", (_Handler,), {"bodies": bodies, "seen": [], "status": 200})
    handler.dois = {r.doi: r.pmid for b in bodies.values() for r in parse_medline(b) if r.doi}
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils", handler
    finally:
        server.shutdown()
        server.server_close()


def client(url: str, **kwargs: Any) -> PubmedClient:
    session = requests.Session()
    session.trust_env = False  # never a proxy for loopback
    kwargs.setdefault("sleep", lambda _s: None)
    return PubmedClient(base_url=url, email="tests@example.org", session=session, timeout=5, **kwargs)


def test_fetch_by_pmid_end_to_end(eutils):
    url, handler = eutils
    result = client(url).fetch(["9500320", "20137807"])
    assert result.status == "ok" and [r.pmid for r in result.records] == ["9500320", "20137807"]
    assert result.records[0].retracted
    query = handler.seen[-1]
    assert query["db"] == ["pubmed"] and query["rettype"] == ["medline"] and query["retmode"] == ["text"]
    assert query["tool"] == ["claimcheck"] and query["email"] == ["tests@example.org"]
    assert "api_key" not in query


def test_doi_to_pmid_and_references(eutils):
    url, handler = eutils
    c = client(url, api_key="k")
    assert c.pmid_for_doi("10.1016/S0140-6736(97)11096-0").pmids == ("9500320",)
    assert c.pmid_for_doi("10.1000/none").status == "not_found"
    assert handler.seen[-1]["api_key"] == ["k"]
    refs = [
        Reference(1, "1. ...", title="Ileal", doi="10.1016/s0140-6736(97)11096-0"),
        Reference(2, "2. ...", title="Vitamin D", pmid="10475862"),
        Reference(3, "3. ...", title="Unknown", doi="10.1000/none"),
        Reference(4, "4. ...", title="Has abstract", doi="10.1000/x"),
    ]
    with_abstract = Work(doi="10.1000/x", title="Has abstract", abstract="<jats:p>Known.</jats:p>")
    resolutions = {4: Resolution("10.1000/x", Status.RESOLVED, work=with_abstract)}
    found = fetch_for_references(refs, resolutions, c)
    assert {n: r.pmid for n, r in found.items()} == {1: "9500320", 2: "10475862"}


def test_base_url_from_environment(eutils, monkeypatch):
    url, _ = eutils
    monkeypatch.setenv("CLAIMCHECK_PUBMED_URL", url)
    c = PubmedClient(session=requests.Session())
    c.session.trust_env = False
    assert c.base_url == url and c.fetch(["10475862"]).records[0].year == 1999


@pytest.mark.parametrize(
    ("status", "reason"), [(429, "rate-limited"), (503, "server error 503"), (400, "http 400")]
)
def test_http_trouble_is_a_status_not_an_exception(eutils, status, reason):
    url, handler = eutils
    handler.status = status
    assert client(url).fetch(["9500320"]).reason == reason
    assert client(url).pmid_for_doi("10.1/x").status == "unchecked"


def test_no_server_is_unchecked():
    with socket_free_port() as port:
        result = client(f"http://127.0.0.1:{port}").fetch(["9500320"])
    assert (result.status, result.reason) == ("unchecked", "PubMed unreachable (connection error)")


def test_unknown_pmid_is_not_found(eutils):
    url, _ = eutils
    assert client(url).fetch(["1"]).status == "not_found"
    assert client(url).fetch([]).status == "not_found"


def test_rate_limit_spaces_requests():
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    c = PubmedClient(base_url="http://127.0.0.1:9", clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        with c._throttle.slot():
            pass
    # NCBI's limit counts requests sent: 3 in any second (with 10% headroom), the 4th waits.
    assert slept == pytest.approx([1.1])
    assert PubmedClient(api_key="k").interval == pytest.approx(0.1)


class socket_free_port:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        return None
