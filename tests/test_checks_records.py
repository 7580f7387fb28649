"""Record checks on test articles citing recorded works: clean copies, injected errors, notices, PMIDs.

The articles are in tests/corpus_records/: ``clean.txt`` cites ten recorded Crossref works correctly
(abbreviated journals, elided pages, an article number, the print year of an online-first paper, a
name without its diacritics), ``injected.txt`` is the same list with one error injected per entry,
``updates.txt`` cites retracted, corrected and concerned works, a retraction notice on purpose,
PMID-only entries and a DataCite DOI. Each runs through MemoryResolver (pure) and through the real
habanero stack against the loopback fake Crossref (which also serves DataCite and efetch bodies).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from fakecrossref import FakeCrossref
from recordsctx import build_context, codes, corpus, medline_records, memory_resolver, run

from claimcheck import graph as g
from claimcheck.checks.base import AuditContext
from claimcheck.checks.records import RECORD_CHECKS, RECORD_CODES, check_doi_suggestions, check_metadata
from claimcheck.model import Severity, Status
from claimcheck.registry.crossref import CrossrefResolver
from claimcheck.registry.datacite import DataciteResolver
from claimcheck.registry.pmid import PubmedResolver
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.resolve import OfflineResolver
from claimcheck.registry.throttle import Limits

#: What the injected copy must give, and nothing more: (code, reference, field or severity).
INJECTED = [
    ("corrected-source", 10, "info"),  # the recorded correction, as in the clean copy
    ("doi-suggested", 5, "info"),  # one digit changed: not registered; the right DOI is found
    ("doi-suggested", 6, "info"),  # DOI removed: found again by search
    ("metadata-mismatch", 2, "year"),  # 2013 for 2015
    ("metadata-mismatch", 3, "title"),  # another paper's title on this DOI
    ("metadata-mismatch", 4, "volume"),  # 35 for 33
    ("metadata-mismatch", 7, "first_author"),  # Bernard for Boulkedid
    ("metadata-mismatch", 9, "container"),  # J Med Syst for J Med Internet Res
]
UPDATES = [
    ("corrected-source", 1, "info"),  # Wakefield's 2004 correction (Retraction Watch)
    ("corrected-source", 9, "info"),  # 10.1371/journal.pone.0033693, updated-by correction
    ("doi-suggested", 5, "info"),  # PMID only: PubMed's record gives the DOI
    ("doi-suggested", 6, "info"),
    ("doi-suggested", 7, "info"),
    ("expression-of-concern", 3, "warning"),
    ("expression-of-concern", 6, "warning"),  # PubMed links an expression of concern to Wakefield
    ("expression-of-concern", 7, "warning"),  # PubMed's ECI flag on a PMID-only entry
    ("partially-retracted-source", 4, "warning"),
    ("retracted-source", 1, "error"),  # Crossref + Retraction Watch
    ("retracted-source", 6, "error"),  # PubMed's flags, PMID only
]


@pytest.fixture
def pubmed() -> PubmedResolver:
    return PubmedResolver(records=medline_records())


def session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False  # loopback only, whatever proxy the environment names
    return s


@pytest.fixture
def live(fake_crossref: FakeCrossref) -> Iterator[dict[str, object]]:
    """The real stack against the fake: Crossref (habanero), DataCite and PubMed (requests)."""
    cr = CrossrefResolver(base_url=fake_crossref.url, store=False, limits=Limits(rate=200, concurrency=2))
    yield {
        "resolver": cr,
        "datacite": DataciteResolver(base_url=fake_crossref.url, session=session()),
        "pubmed": PubmedResolver(
            PubmedClient(base_url=f"{fake_crossref.url}/entrez/eutils", session=session())
        ),
    }


# -- the test articles, pure -------------------------------------------------------------------------


def test_clean_copies_have_no_metadata_mismatch() -> None:
    ctx = build_context(corpus("clean.txt"), memory_resolver())
    assert all(r.status is Status.RESOLVED for r in ctx.resolutions.values())
    assert codes(run(ctx)) == [("corrected-source", 10, "info")]


def test_every_injected_error_is_found() -> None:
    ctx = build_context(corpus("injected.txt"), memory_resolver())
    findings = run(ctx)
    assert codes(findings) == sorted(INJECTED)
    by = {(f.code, f.reference_number): f for f in findings}
    year = by["metadata-mismatch", 2]
    assert (year.detail["article"], year.detail["record"], year.severity) == (
        "2013",
        "2015",
        Severity.WARNING,
    )
    title = by["metadata-mismatch", 3]
    assert title.severity is Severity.ERROR and title.detail["different_paper"]
    assert title.detail["article"].startswith("Triose phosphate") and title.detail["record"].startswith(
        "Phase II"
    )
    assert "probably a different paper" in title.message
    assert by["metadata-mismatch", 4].detail["record"] == "33"
    assert (by["metadata-mismatch", 7].detail["article"], by["metadata-mismatch", 7].detail["record"]) == (
        "Bernard",
        "Boulkedid",
    )
    wrong_doi = by["doi-suggested", 5]
    assert wrong_doi.detail["doi"] == "10.1002/jor.1100150407"
    assert (
        wrong_doi.detail["replaces"] == "10.1002/jor.1100150408"
        and wrong_doi.detail["reason"] == "doi-not-found"
    )
    removed = by["doi-suggested", 6]
    assert removed.detail["doi"] == "10.1038/srep16696" and removed.detail["reason"] == "no-doi"
    assert set(removed.detail["evidence"]["agreeing"]) >= {"title", "first_author", "year", "volume", "pages"}
    for f in findings:  # spans point at the entry in the article
        assert ctx.article.text[f.start : f.end].startswith(f"{f.reference_number}. ")


def test_retractions_concerns_corrections_notices_and_pmids(pubmed: PubmedResolver) -> None:
    ctx = build_context(corpus("updates.txt"), memory_resolver(), pubmed=pubmed)
    findings = run(ctx)
    assert codes(findings) == sorted(UPDATES)  # the DataCite DOI (8) is not_found in memory: silent here
    by = {(f.code, f.reference_number): f for f in findings}
    retracted = by["retracted-source", 1]
    assert retracted.detail["notices"][0]["doi"] == "10.1016/s0140-6736(10)60175-4"
    assert retracted.detail["notices"][0]["date"] == "2010-02-06"
    assert "retraction-watch" in retracted.detail["notices"][0]["sources"]
    assert "10.1016/s0140-6736(10)60175-4" in retracted.message and "2010-02-06" in retracted.message
    assert not any(f.reference_number == 2 for f in findings)  # the notice, cited on purpose
    concern = by["expression-of-concern", 3]
    assert concern.detail["notices"][0]["doi"] == "10.1371/journal.pone.0256488"
    partial = by["partially-retracted-source", 4]
    assert partial.detail["notices"][0]["date"] == "2022-12-01"
    assert ctx.resolutions[6].agency == "pubmed" and "PMID 9500320" in by["retracted-source", 6].message
    assert by["doi-suggested", 5].detail["doi"] == "10.1038/s41370-023-00600-7"


def test_correction_gives_corrected_source() -> None:
    ctx = build_context(corpus("clean.txt"), memory_resolver())
    (f,) = [f for f in run(ctx) if f.code == "corrected-source"]
    assert f.reference_number == 10 and f.severity is Severity.INFO
    assert f.detail["notices"] == [
        {
            "type": "correction",
            "doi": "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
            "date": "2012-05-08",
            "sources": ["publisher"],
        }
    ]


def test_unchecked_never_gives_a_wrong_finding() -> None:
    for name in ("injected.txt", "updates.txt"):
        ctx = build_context(corpus(name), OfflineResolver(), pubmed=PubmedResolver(offline=True))
        assert all(r.status in (Status.UNCHECKED, Status.NO_IDENTIFIER) for r in ctx.resolutions.values())
        assert run(ctx) == []
    partial = build_context(corpus("injected.txt"), memory_resolver(missing="unchecked"))
    assert ("doi-suggested", 5, "info") not in codes(run(partial))  # unchecked is not "not found"


def test_pmid_not_found() -> None:
    text = (
        "Bone mass fell [1].\n\nReferences\n\n1. Sato Y, Kuno H. A study of bone. Age Ageing. 1999. PMID: 1"
    )
    ctx = build_context(text, memory_resolver(), pubmed=PubmedResolver(records=medline_records()))
    assert codes(run(ctx)) == [("pmid-not-found", 1, "warning")]


def test_codes_are_documented() -> None:
    for info in RECORD_CODES.values():
        assert info.meaning.endswith(".") and info.meaning.count(". ") == 0
    emitted = {
        f.code
        for name in ("injected.txt", "updates.txt")
        for f in run(build_context(corpus(name), memory_resolver()))
    }
    assert emitted <= set(RECORD_CODES)
    assert len(RECORD_CHECKS) == 3 and all(c.__doc__ for c in RECORD_CHECKS)


def test_without_attached_suggestions_nothing_is_suggested() -> None:
    ctx = build_context(corpus("injected.txt"), memory_resolver())
    bare = AuditContext(ctx.article, ctx.claims, ctx.references, ctx.resolutions, ctx.graph)
    assert list(check_doi_suggestions(bare)) == []
    assert len(list(check_metadata(bare))) == 5


# -- the same through habanero and the loopback fake --------------------------------------------------------


def test_end_to_end_injected(live: dict[str, object], fake_crossref: FakeCrossref) -> None:
    ctx = build_context(corpus("injected.txt"), live["resolver"])  # type: ignore[arg-type]
    assert codes(run(ctx)) == sorted(INJECTED)
    searches = fake_crossref.requests("search")
    assert len(searches) == 3  # no DOI, unregistered DOI, DOI naming another paper
    assert all(r.query["rows"] == ["5"] for r in searches)
    assert not any("10.1002" in r.query["query.bibliographic"][0] for r in searches)  # DOIs left out


def test_end_to_end_updates_pubmed_and_datacite(live: dict[str, object], fake_crossref: FakeCrossref) -> None:
    ctx = build_context(
        corpus("updates.txt"),
        live["resolver"],  # type: ignore[arg-type]
        datacite=live["datacite"],  # type: ignore[arg-type]
        pubmed=live["pubmed"],  # type: ignore[arg-type]
    )
    assert codes(run(ctx)) == sorted(UPDATES)
    arxiv = ctx.resolutions[8]
    assert (arxiv.status, arxiv.agency) == (Status.RESOLVED, "datacite")
    assert arxiv.work is not None and arxiv.work.title == "Attention Is All You Need"
    assert [r.route for r in fake_crossref.requests("datacite")] == ["datacite"]
    (efetch,) = fake_crossref.requests("efetch")
    assert sorted(efetch.dois) == ["10475862", "37726507", "9500320"]


def test_end_to_end_datacite_mismatch(live: dict[str, object]) -> None:
    text = (
        "Transformers need attention [1].\n\nReferences\n\n"
        "1. Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv. 2019. "
        "doi:10.48550/arXiv.1706.03762\n"
    )
    ctx = build_context(text, live["resolver"], datacite=live["datacite"])  # type: ignore[arg-type]
    (f,) = run(ctx)
    assert (f.code, f.detail["field"], f.detail["agency"], f.detail["record"]) == (
        "metadata-mismatch",
        "year",
        "datacite",
        "2017",
    )
    assert "DataCite record 10.48550/arxiv.1706.03762" in f.message


def test_datacite_unreachable_keeps_crossrefs_answer(live: dict[str, object]) -> None:
    text = (
        "Attention [1].\n\nReferences\n\n"
        "1. Vaswani A. Attention is all you need. arXiv. 2017. doi:10.48550/arXiv.1706.03762\n"
    )
    down = DataciteResolver(base_url="http://127.0.0.1:9", session=session())
    ctx = build_context(text, live["resolver"], datacite=down)  # type: ignore[arg-type]
    res = ctx.resolutions[1]
    assert (res.status, res.agency, res.reason) == (
        Status.UNCHECKED,
        "datacite",
        "registered with DataCite, not Crossref",
    )
    assert run(ctx) == []


# -- the graph ------------------------------------------------------------------------------------------


def test_graph_work_nodes_updates_edges_and_retracted_works(pubmed: PubmedResolver) -> None:
    ctx = build_context(corpus("updates.txt"), memory_resolver(), pubmed=pubmed)
    G = ctx.graph
    paper, notice = "doi:10.1016/s0140-6736(97)11096-0", "doi:10.1016/s0140-6736(10)60175-4"
    attrs = G.nodes[paper]
    assert (attrs["kind"], attrs["agency"], attrs["update_status"], attrs["year"]) == (
        "work",
        "crossref",
        "retracted",
        1998,
    )
    assert (attrs["container"], attrs["volume"], attrs["pages"], attrs["type"]) == (
        "The Lancet",
        "351",
        "637-641",
        "journal-article",
    )
    assert G.nodes[notice]["is_notice"] and G.nodes[notice]["update_status"] == "none"
    edge = G.edges[notice, paper]
    assert (
        edge["relation"] == g.UPDATES
        and edge["update_types"] == ["retraction"]
        and edge["date"] == "2010-02-06"
    )
    assert (
        G.edges["ref:1", paper]["relation"] == g.RESOLVES_TO
        and G.edges["ref:6", paper]["relation"] == g.RESOLVES_TO
    )
    assert paper in g.retracted_works(G) and notice not in g.retracted_works(G)
    assert notice in g.notices_of(G, paper)
    concern = G.nodes["doi:10.1371/journal.pone.0064723"]
    assert concern["update_status"] == "concern"
    stub = G.nodes["doi:10.1371/journal.pone.0256488"]
    assert stub["registered"] is False and stub["is_notice"]
    assert G.nodes["doi:10.29328/journal.jcmhs.1001023"]["update_status"] == "partially-retracted"
    assert not G.has_edge("doi:10.29328/journal.jcmhs.1001023", "doi:10.29328/journal.jcmhs.1001023")
    g.to_node_link(G)  # JSON-friendly
