"""The registries' own HTTP client (PubMed, DataCite): loopback fakes only, no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakepubmed import FakePubmed, load_medline

from claimcheck.registry import http
from claimcheck.registry.datacite import DataciteResolver
from claimcheck.registry.http import (
    HttpClient,
    HttpError,
    HttpResponse,
    HttpTimeout,
    HttpUnreachable,
    transport_failure,
)
from claimcheck.registry.pubmed import PubmedClient

ROOT = Path(__file__).resolve().parent.parent
CLOSED = "http://127.0.0.1:9"  # nothing listens on the discard port


@pytest.fixture
def fake_pubmed() -> Iterator[FakePubmed]:
    with FakePubmed() as server:
        yield server


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.lower().endswith("_proxy"):
            monkeypatch.delenv(key)


def test_a_get_sends_the_parameters_and_our_user_agent(fake_pubmed):
    response = HttpClient().get(
        f"{fake_pubmed.url}/esearch.fcgi",
        params={"db": "pubmed", "term": '"10.1000/a b"[AID]', "retmode": "json"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.json()["esearchresult"]["idlist"] == []
    (logged,) = fake_pubmed.requests()
    assert logged.query["term"] == ['"10.1000/a b"[AID]']  # encoded on the way, decoded by the server
    assert logged.user_agent.startswith("claimcheck/")


def test_one_client_keeps_one_pool_per_host(fake_pubmed):
    client = HttpClient()
    for _ in range(3):
        assert client.get(f"{fake_pubmed.url}/efetch.fcgi", params={"id": "1"}, timeout=5).status_code == 200
    assert len(client._managers) == 1
    client.close()
    assert "0 pool managers" in repr(client)


def test_text_is_decoded_as_requests_decoded_it():
    body = "AU  - Casta\u00f1o J\n".encode()
    # text/* without a charset: ISO-8859-1, as requests reads it; a named charset wins
    assert HttpResponse(200, {"content-type": "text/plain"}, body, "u").text == body.decode("latin-1")
    assert HttpResponse(200, {"content-type": "text/plain; charset=UTF-8"}, body, "u").text.endswith("ño J\n")
    assert HttpResponse(200, {}, body, "u").text.endswith("ño J\n")
    assert HttpResponse(200, {"content-type": "text/plain; charset=nonsense"}, body, "u").text.endswith(
        "ño J\n"
    )


def test_a_refused_connection_is_unreachable_and_named():
    with pytest.raises(HttpUnreachable, match="connection refused") as caught:
        HttpClient().get(f"{CLOSED}/x", timeout=2)
    assert transport_failure(caught.value) == "connection error"
    assert isinstance(caught.value, OSError)


def test_a_hanging_server_is_a_timeout(fake_pubmed):
    fake_pubmed.hang(1, 2.0)
    with pytest.raises(HttpTimeout) as caught:
        HttpClient().get(f"{fake_pubmed.url}/efetch.fcgi", timeout=0.3)
    assert transport_failure(caught.value) == "timeout"


def test_transport_failures_are_named_and_other_errors_are_not():
    assert transport_failure(HttpError("x")) == "network error"
    assert transport_failure(ValueError("a bug")) is None
    requests = pytest.importorskip("requests")
    assert transport_failure(requests.ConnectTimeout()) == "timeout"
    assert transport_failure(requests.ConnectionError()) == "connection error"
    assert transport_failure(requests.TooManyRedirects()) == "network error"


def test_proxies_come_from_the_environment(monkeypatch):
    assert http._proxy_for("https://eutils.ncbi.nlm.nih.gov/x") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "api.datacite.org")
    assert http._proxy_for("https://eutils.ncbi.nlm.nih.gov/x") == "http://proxy.example:3128"
    assert http._proxy_for("https://api.datacite.org/dois/x") is None
    assert http._proxy_for("http://eutils.ncbi.nlm.nih.gov/x") is None  # no proxy for http


def test_the_tls_context_is_made_once_and_only_for_https(fake_pubmed, monkeypatch):
    made = []
    real = http._tls_context
    monkeypatch.setattr(http, "_tls_context", lambda: made.append(1) or real())
    HttpClient().get(f"{fake_pubmed.url}/efetch.fcgi", timeout=5)
    assert made == []  # plain http: no certificate bundle loaded
    assert http.tls_context() is http.tls_context()


def test_pubmed_and_datacite_use_it_by_default_and_never_load_requests(fake_pubmed):
    """What a CLI audit does: no ``requests`` in the process, answers as before."""
    doi = sorted(load_medline().by_doi)[0]
    code = f"""
import json, sys
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.datacite import DataciteResolver
c = PubmedClient(base_url={fake_pubmed.url!r}, timeout=5)
found = c.search_dois([{doi!r}])
down = DataciteResolver(base_url={CLOSED!r}).resolve(["10.5061/dryad.x"])["10.5061/dryad.x"]
print(json.dumps([found.status, list(found.pmids), down.reason, "requests" in sys.modules,
                  type(c.session).__name__]))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    status, pmids, reason, loaded, session = json.loads(out.stdout.strip().splitlines()[-1])
    assert (status, pmids) == ("ok", [load_medline().by_doi[doi]])
    assert reason == "DataCite unreachable (connection error)"
    assert (loaded, session) == (False, "HttpClient")


def test_a_closed_pubmed_and_datacite_say_why(monkeypatch):
    assert PubmedClient(base_url=CLOSED, timeout=2).fetch(["1"]).reason
    answer = DataciteResolver(base_url=CLOSED, timeout=2).resolve(["10.5061/dryad.x"])["10.5061/dryad.x"]
    assert answer.status.value == "unchecked" and answer.reason
