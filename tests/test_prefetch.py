"""Asking the registries early: what the article prints is asked while it is parsed.

:meth:`CrossrefResolver.prefetch` sends the batch requests for the DOIs printed in the text;
:class:`PubmedLookup` starts with the printed DOIs and PMIDs and :meth:`~PubmedLookup.cover`
adds the parsed references'. The answers must be those of an audit that asks afterwards.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
import requests
from fakecrossref import FakeCrossref, iter_dois
from fakepubmed import FakePubmed

import claimcheck
from claimcheck import api
from claimcheck.model import Reference, Status
from claimcheck.registry.crossref import CrossrefResolver, Limits
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.pubmed_batch import PubmedLookup

FAST = Limits(rate=50, concurrency=4, retries=2, backoff_base=0.01, backoff_max=2.0)
UNKNOWN = "10.1371/notarealdoi"  # the fake Crossref does not know it
RETRACTED_DOI = "10.1016/s0140-6736(97)11096-0"  # PMID 9500320 in the fake PubMed
VITAMIN_PMID = "10475862"


def resolver(server: FakeCrossref, **kwargs: Any) -> CrossrefResolver:
    kwargs.setdefault("limits", FAST)
    kwargs.setdefault("store", ":memory:")
    return CrossrefResolver(base_url=server.url, progress=False, **kwargs)


def summary(answers: dict[str, Any]) -> dict[str, tuple[str, str | None, str | None]]:
    return {
        d: (r.status.value, r.work.title if r.work else None, r.reason) for d, r in sorted(answers.items())
    }


def test_prefetched_answers_are_the_ones_asked_later_and_nothing_is_asked_twice(fake_crossref):
    dois = list(iter_dois(6))
    printed = [*dois[:5], UNKNOWN]  # dois[4] and UNKNOWN are printed but cited by no reference
    cited = [*dois[:4], dois[5]]  # dois[5] is cited but was not seen printed
    expected = summary(resolver(fake_crossref).resolve(cited))
    fake_crossref.reset()

    early = resolver(fake_crossref)
    early.prefetch(printed)
    assert summary(early.resolve(cited)) == expected
    routes = [(r.route, set(r.dois)) for r in fake_crossref.requests()]
    # one batch for what was printed, then the late DOI alone; no single lookup for the
    # unknown DOI nobody cites, and no second batch for the printed ones
    assert routes == [("list", set(printed)), ("work", {dois[5]})]
    assert early.store is not None
    assert set(early.store.get_many([*printed, *cited])) == set(cited)  # uncited answers are dropped
    assert early.stats.batches == 1 and early.stats.lookups == 1


def test_a_second_resolve_asks_again_as_usual(fake_crossref):
    r = resolver(fake_crossref, store=False)
    dois = list(iter_dois(3))
    r.prefetch(dois)
    r.resolve(dois)
    r.resolve(dois)  # the prefetch is used once: no store, so this asks again
    assert [req.route for req in fake_crossref.requests()] == ["list", "list"]


def test_a_host_down_in_the_prefetch_is_not_asked_again():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    r = CrossrefResolver(base_url=f"http://127.0.0.1:{port}", limits=FAST, store=False, progress=False)
    dois = list(iter_dois(3))
    r.prefetch(dois[:2])
    answers = r.resolve(dois)  # dois[2] was not prefetched: the breaker answers it too
    assert {a.status for a in answers.values()} == {Status.UNCHECKED}
    assert {a.reason for a in answers.values()} == {"offline"}
    assert r.stats.requests == 1  # the prefetch's one refused batch; nothing after it


def test_prefetch_offline_does_nothing():
    r = CrossrefResolver(offline=True, store=False)
    r.prefetch(["10.1000/x"])
    assert r.resolve(["10.1000/x"])["10.1000/x"].reason == "offline" and r.stats.requests == 0


@pytest.fixture
def fake_pubmed():
    with FakePubmed() as server:
        yield server


def pubmed_client(url: str) -> PubmedClient:
    session = requests.Session()
    session.trust_env = False  # never a proxy for loopback
    return PubmedClient(base_url=url, email="tests@example.org", session=session, timeout=5)


def test_cover_asks_only_what_the_printed_identifiers_missed(fake_pubmed):
    lookup = PubmedLookup(client=pubmed_client(fake_pubmed.url), store=None, dois=[RETRACTED_DOI]).start()
    refs = [
        Reference(1, "1. Wakefield.", doi=RETRACTED_DOI),
        Reference(2, "2. Vitamin D in old age.", pmid=VITAMIN_PMID),
        Reference(3, "3. Nobody.", doi="10.1000/not-in-pubmed"),
    ]
    answers = lookup.cover(refs).answers()
    assert answers.records[f"doi:{RETRACTED_DOI}"].pmid == "9500320"
    assert answers.records[f"pmid:{VITAMIN_PMID}"].pmid == VITAMIN_PMID
    assert answers.missing == {"doi:10.1000/not-in-pubmed"} and answers.unchecked == {}
    terms = [r.query["term"][0] for r in fake_pubmed.requests("esearch")]
    assert len(terms) == 2 and RETRACTED_DOI not in terms[1].lower()  # asked once each
    assert "not-in-pubmed" in terms[1]


def test_cover_with_nothing_new_sends_nothing_more(fake_pubmed):
    lookup = PubmedLookup(client=pubmed_client(fake_pubmed.url), store=None, dois=[RETRACTED_DOI]).start()
    lookup.cover([Reference(1, "1. Wakefield.", doi=RETRACTED_DOI.upper())]).answers()
    assert [r.route for r in fake_pubmed.requests()] == ["esearch", "efetch"]


# --- whole audits ---------------------------------------------------------------------------------

ARTICLE = """\
Alpha-synuclein mutants oligomerise differently [1]. An unrelated study (doi:{extra}) is mentioned
in passing. The retracted paper linked ileal hyperplasia with developmental disorder [2].
Vitamin D was studied in old age [3].

References
1. Tosatto L, Horrocks MH, Dear AJ, et al. Single-molecule FRET studies on alpha-synuclein oligomerization of Parkinson's disease genetically related mutants. Sci Rep. 2015;5:16696. doi:10.1038/srep16696
2. Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0
3. Vitamin D in old age. Age Ageing. 1999;28(3):265-9. PMID: 10475862
"""  # noqa: E501


def test_the_audit_asks_before_parsing_and_reports_as_if_it_had_not(
    fake_crossref, fake_pubmed, tmp_path, monkeypatch
):
    monkeypatch.setenv("CLAIMCHECK_PUBMED_URL", fake_pubmed.url)
    text = ARTICLE.format(extra=next(iter_dois(1)))
    order: list[str] = []
    prefetch, parse = CrossrefResolver.prefetch, api._parse

    def spy_prefetch(self: CrossrefResolver, dois: Any) -> None:
        order.append(f"prefetch {sorted(dois)}")
        prefetch(self, dois)

    def spy_parse(*args: Any, **kwargs: Any) -> Any:
        order.append("parse")
        return parse(*args, **kwargs)

    monkeypatch.setattr(CrossrefResolver, "prefetch", spy_prefetch)
    monkeypatch.setattr(api, "_parse", spy_parse)
    early = claimcheck.audit(text, crossref_url=fake_crossref.url, store=tmp_path / "early.sqlite3")
    printed = sorted([next(iter_dois(1)), "10.1038/srep16696", "10.1016/s0140-6736(97)11096-0"])
    assert order == [f"prefetch {printed}", "parse"]

    monkeypatch.setattr(CrossrefResolver, "prefetch", lambda self, dois: None)  # ask afterwards only
    late = claimcheck.audit(text, crossref_url=fake_crossref.url, store=tmp_path / "late.sqlite3")
    assert early.to_dict() == late.to_dict()
    assert early.status(3).agency == "pubmed" and early.status(1).status is Status.RESOLVED


def test_pubmed_sends_three_requests_back_to_back_and_holds_the_fourth(fake_pubmed):
    # NCBI's rule is at most 3 requests in any second, not one every 333 ms: a search and
    # its fetch go out one after the other, without a wait
    now, sleeps = [0.0], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    session = requests.Session()
    session.trust_env = False
    client = PubmedClient(base_url=fake_pubmed.url, session=session, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        assert client.fetch(["9500320"]).status == "ok"
    assert sleeps == []
    client.fetch(["9500320"])
    assert len(sleeps) == 1 and 1.0 <= sleeps[0] <= 1.2  # the fourth waits out the second


def test_a_text_printing_more_identifiers_than_any_reference_list_is_not_asked_early():
    many = " ".join(f"doi:10.1000/x{i} PMID: {i + 1}" for i in range(api.PREFETCH_MAX + 1))
    assert api.printed_identifiers(many) == ([], [])  # a page of identifiers sends nothing early
    some = " ".join(f"doi:10.1000/x{i} PMID: {i + 1}" for i in range(api.PREFETCH_MAX))
    dois, pmids = api.printed_identifiers(some + " doi:10.1000/x0")  # repeats do not count
    assert len(dois) == len(pmids) == api.PREFETCH_MAX
