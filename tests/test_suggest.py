"""DOI suggestion: search, validation, silence; Crossref search, DataCite and PubMed on the fake."""

from __future__ import annotations

import doctest

import pytest
import requests
from fakecrossref import FakeCrossref
from recordsctx import build_context, codes, medline_records, memory_resolver, run

import claimcheck.registry.crossref_search
import claimcheck.registry.datacite
import claimcheck.registry.pmid
import claimcheck.verify.suggest
from claimcheck.model import Reference, Status
from claimcheck.read.references.parse import parse_reference, parse_reference_list
from claimcheck.registry.crossref import CrossrefResolver
from claimcheck.registry.datacite import DataciteResolver
from claimcheck.registry.pmid import PubmedResolver
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.resolve import MemoryResolver, OfflineResolver, SearchResult, resolve_references
from claimcheck.registry.store import RecordStore
from claimcheck.registry.throttle import Limits
from claimcheck.verify.suggest import search_text, suggest_dois

PEDIATRIC = (
    "Lin CW, Kalb SJ, Yeh WS. Delay in diagnosis of spinal muscular atrophy: a systematic literature review. "
    "Pediatr Neurol. 2015;53(4):293-300."
)


@pytest.mark.parametrize(
    "module",
    [
        claimcheck.verify.suggest,
        claimcheck.registry.crossref_search,
        claimcheck.registry.datacite,
        claimcheck.registry.pmid,
    ],
)
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def suggest(entries: str, resolver: object = None) -> dict:
    refs = parse_reference_list(entries)
    searcher = resolver or memory_resolver()
    return suggest_dois(refs, resolve_references(refs, searcher), searcher)  # type: ignore[arg-type]


def test_search_text_leaves_out_number_and_identifiers() -> None:
    ref = parse_reference(
        f"3. {PEDIATRIC} doi:10.1016/j.pediatrneurol.2015.06.002 PMID: 26206258 https://x.org/a"
    )
    assert search_text(ref) == PEDIATRIC


def test_reasons_no_doi_invalid_not_found_and_different_paper() -> None:
    found = suggest(
        f"1. {PEDIATRIC}\n"
        f"2. {PEDIATRIC} doi:10.1016j.pediatrneurol.2015.06.002\n"
        f"3. {PEDIATRIC} doi:10.1016/j.pediatrneurol.2015.06.009\n"
        f"4. {PEDIATRIC} doi:10.1136/esmoopen-2020-000776\n"
        f"5. {PEDIATRIC} doi:10.1016/j.pediatrneurol.2015.06.002\n"
    )
    doi = "10.1016/j.pediatrneurol.2015.06.002"
    assert {n: (s.doi, s.reason) for n, s in found.items()} == {
        1: (doi, "no-doi"),
        2: (doi, "invalid-doi"),
        3: (doi, "doi-not-found"),
        4: (doi, "different-paper"),
    }
    assert found[4].replaces == "10.1136/esmoopen-2020-000776"
    assert found[1].evidence is not None and found[1].evidence.year == "same"


def test_doi_probably_wrong_finding() -> None:
    text = f"SMA is diagnosed late [1].\n\nReferences\n\n1. {PEDIATRIC} doi:10.1136/esmoopen-2020-000776\n"
    ctx = build_context(text, memory_resolver())
    assert ("doi-probably-wrong", 1, "error") in codes(run(ctx))
    (f,) = [f for f in run(ctx) if f.code == "doi-probably-wrong"]
    assert (
        f.detail["doi"] == "10.1016/j.pediatrneurol.2015.06.002"
        and f.detail["replaces"] == "10.1136/esmoopen-2020-000776"
    )


def test_silence_when_nothing_validates() -> None:
    found = suggest(
        "1. Smith J, Jones K. Ketamine for treatment-resistant depression: a randomized trial. "
        "JAMA. 2020;323:1-9.\n"
        # years apart:
        "2. Lin CW. Delay in diagnosis of spinal muscular atrophy. Pediatr Neurol. 2009;12:1-5.\n"
        "3. Zhang Q, Wu B. Delay in diagnosis of spinal muscular atrophy: a systematic literature review. "
        "Pediatr Neurol. 2015;53(4):293-300.\n"  # another first author
        "4. Ketamine. Accessed February 10, 2022.\n"
    )
    assert found == {}


def test_silence_when_two_works_fit_equally() -> None:
    record = {
        "title": ["Delay in diagnosis of spinal muscular atrophy: a systematic literature review"],
        "author": [{"family": "Lin", "given": "Chia-Wei"}],
        "container-title": ["Pediatric Neurology"],
        "issued": {"date-parts": [[2015]]},
        "volume": "53",
        "page": "293-300",
    }
    twins = MemoryResolver([{**record, "DOI": "10.1/one"}, {**record, "DOI": "10.1/two"}])
    assert suggest(f"1. {PEDIATRIC}\n", twins) == {}


def test_no_searcher_no_suggestion() -> None:
    refs = parse_reference_list(f"1. {PEDIATRIC}\n")
    assert suggest_dois(refs, resolve_references(refs, OfflineResolver()), OfflineResolver()) == {}

    class Down:
        def search(self, text: str, rows: int = 5) -> SearchResult:
            return SearchResult("unchecked", reason="timeout")

    assert suggest_dois(refs, {}, Down()) == {}


def test_pubmed_suggestion_needs_agreement() -> None:
    pubmed = PubmedResolver(records=medline_records())
    good = parse_reference(
        "1. Sato Y, Kuno H, Asoh T, Honda Y, Oizumi K. Effect of immobilization on vitamin D status "
        "and bone mass in chronically hospitalized disabled stroke patients. Age Ageing. "
        "1999;28(3):265-9. PMID: 10475862"
    )
    wrong = parse_reference(
        "2. Sato Y, Kuno H. Vitamin K and hip fractures in women with Parkinson disease. "
        "Neurology. 2005;64:1-5. PMID: 10475862"
    )
    resolutions = resolve_references([good, wrong], OfflineResolver(), pubmed=pubmed)
    found = suggest_dois([good, wrong], resolutions, OfflineResolver())
    assert list(found) == [1] and found[1].doi == "10.1093/ageing/28.3.265" and found[1].reason == "pubmed"


# -- Crossref's bibliographic search through habanero, against the fake --------------------------------


def resolver(fake: FakeCrossref, **kwargs: object) -> CrossrefResolver:
    kwargs.setdefault("limits", Limits(rate=200, concurrency=2, backoff_base=0.01))
    return CrossrefResolver(base_url=fake.url, **kwargs)  # type: ignore[arg-type]


def test_crossref_search_and_store(fake_crossref: FakeCrossref) -> None:
    store = RecordStore(":memory:")
    r = resolver(fake_crossref, store=store)
    result = r.search(PEDIATRIC, rows=3)
    assert result.status == "ok" and len(result.works) == 3 and not result.from_store
    assert result.works[0].doi == "10.1016/j.pediatrneurol.2015.06.002"
    assert result.scores[0] is not None and result.scores[0] >= (result.scores[1] or 0)
    (request,) = fake_crossref.requests("search")
    assert request.query["query.bibliographic"] == [PEDIATRIC] and request.query["rows"] == ["3"]
    assert r.stats.searches == 1
    again = r.search(PEDIATRIC, rows=3)
    assert again.from_store and [w.doi for w in again.works] == [w.doi for w in result.works]
    offline = resolver(fake_crossref, store=store, offline=True)
    assert offline.search(PEDIATRIC, rows=3).works[0].doi == "10.1016/j.pediatrneurol.2015.06.002"
    assert offline.search("something never asked", rows=3).reason == "offline"
    assert len(fake_crossref.requests("search")) == 1
    # The hits' records went into the store: the DOI now resolves offline too.
    assert offline.resolve(["10.1016/j.pediatrneurol.2015.06.002"])[
        "10.1016/j.pediatrneurol.2015.06.002"
    ].status is (Status.RESOLVED)


def test_crossref_search_never_raises(fake_crossref: FakeCrossref) -> None:
    fake_crossref.fail(1, 503, route="search")
    assert resolver(fake_crossref, store=False).search(PEDIATRIC).status == "ok"  # retried
    fake_crossref.fail(10, 500, route="search")
    down = resolver(fake_crossref, store=False, limits=Limits(rate=200, retries=1, backoff_base=0.01))
    assert down.search(PEDIATRIC).reason == "server error (500)"
    fake_crossref.reset()
    fake_crossref.malform(1, route="search")
    assert (
        resolver(fake_crossref, store=False).search(PEDIATRIC).status == "ok"
    )  # a garbled body: retried once
    fake_crossref.malform(2, route="search")
    assert resolver(fake_crossref, store=False).search(PEDIATRIC).reason == "malformed response"
    closed = CrossrefResolver(base_url="http://127.0.0.1:9", store=False)
    assert closed.search(PEDIATRIC).reason == "offline"
    assert resolver(fake_crossref, store=False).search("   ").works == ()


# -- DataCite and PubMed resolvers against the fake ----------------------------------------------------------


def session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


def test_datacite_resolver(fake_crossref: FakeCrossref) -> None:
    store = RecordStore(":memory:")
    dc = DataciteResolver(base_url=fake_crossref.url, session=session(), store=store)
    answers = dc.resolve(["10.48550/arXiv.1706.03762", "10.5284/1011335"])
    arxiv = answers["10.48550/arXiv.1706.03762"]
    assert (arxiv.status, arxiv.agency, arxiv.doi) == (
        Status.RESOLVED,
        "datacite",
        "10.48550/arXiv.1706.03762",
    )
    assert (
        arxiv.work is not None and arxiv.work.authors[0].family == "Vaswani" and arxiv.work.years == (2017,)
    )
    missing = answers["10.5284/1011335"]
    assert (missing.status, missing.reason) == (
        Status.UNCHECKED,
        "registered with DataCite, but DataCite served no record",
    )
    offline = DataciteResolver(base_url="http://127.0.0.1:9", store=store, offline=True)
    assert offline.resolve(["10.48550/arxiv.1706.03762"])["10.48550/arxiv.1706.03762"].from_store
    # The Crossref resolver reads the DataCite row back as a DataCite work.
    cr = resolver(fake_crossref, store=store, offline=True)
    back = cr.resolve(["10.48550/arxiv.1706.03762"])["10.48550/arxiv.1706.03762"]
    assert (back.status, back.agency, back.work.title if back.work else None) == (
        Status.RESOLVED,
        "datacite",
        "Attention Is All You Need",
    )
    fake_crossref.fail(1, 503, route="datacite")
    flaky = DataciteResolver(base_url=fake_crossref.url, session=session())
    assert (
        flaky.resolve(["10.48550/arxiv.1706.03762"])["10.48550/arxiv.1706.03762"].reason
        == "server error (503)"
    )
    closed = DataciteResolver(base_url="http://127.0.0.1:9", session=session())
    answers = closed.resolve(["10.1/x", "10.1/y"])
    assert {a.reason for a in answers.values()} == {"DataCite unreachable (connection error)"}


def test_datacite_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATACITE_URL", "http://127.0.0.1:8/api/")
    assert DataciteResolver().base_url == "http://127.0.0.1:8/api"
    monkeypatch.delenv("CLAIMCHECK_DATACITE_URL")
    assert DataciteResolver().base_url == "https://api.datacite.org"


def test_pubmed_resolver(fake_crossref: FakeCrossref) -> None:
    client = PubmedClient(base_url=f"{fake_crossref.url}/entrez/eutils", session=session())
    answers = PubmedResolver(client).resolve_pmids(["9500320", "20137807", "1"])
    assert (
        answers["9500320"].work is not None and answers["9500320"].work.doi == "10.1016/s0140-6736(97)11096-0"
    )
    assert answers["20137807"].agency == "pubmed" and answers["1"].status is Status.NOT_FOUND
    down = PubmedResolver(PubmedClient(base_url="http://127.0.0.1:9", session=session()))
    res = down.resolve_pmids(["9500320"])["9500320"]
    assert res.status is Status.UNCHECKED and res.reason is not None and res.reason.startswith("PubMed: ")


def test_resolve_references_survives_a_failing_helper() -> None:
    class Broken:
        def resolve_pmids(self, pmids: object) -> dict:
            raise RuntimeError("boom")

    ref = Reference(1, "1. A. PMID: 5", pmid="5")
    res = resolve_references([ref], OfflineResolver(), pubmed=Broken())[1]
    assert res.status is Status.UNCHECKED and res.reason == "resolver failed: RuntimeError: boom"
