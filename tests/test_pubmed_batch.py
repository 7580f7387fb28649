"""PubMed in batches and stored, the per-host breaker, and audits against loopback Crossref and PubMed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests
from fakepubmed import FakePubmed, load_medline

import claimcheck
from claimcheck.model import Status
from claimcheck.registry.pubmed import PubmedClient
from claimcheck.registry.pubmed_batch import lookup, split_medline
from claimcheck.registry.store import RecordStore

RETRACTED_DOI = "10.1016/s0140-6736(97)11096-0"  # PMID 9500320, with an abstract
NOTICE_PMID = "20137807"


@pytest.fixture
def fake_pubmed() -> Iterator[FakePubmed]:
    with FakePubmed() as server:
        yield server


def client(url: str, **kwargs: Any) -> PubmedClient:
    session = requests.Session()
    session.trust_env = False  # never a proxy for loopback
    kwargs.setdefault("timeout", 5)
    return PubmedClient(base_url=url, email="tests@example.org", session=session, **kwargs)


def recorded_dois() -> list[str]:
    return sorted(load_medline().by_doi)


def test_many_dois_take_one_search_and_one_fetch(fake_pubmed):
    dois = [*recorded_dois(), "10.1000/not-in-pubmed"]
    answers = lookup(dois, [NOTICE_PMID, "1"], client=client(fake_pubmed.url), store=None)
    assert [r.route for r in fake_pubmed.requests()] == ["esearch", "efetch"]
    assert answers.requests == 2
    term = fake_pubmed.requests("esearch")[0].query["term"][0]
    assert term.count("[AID]") == len(dois) and term.count(" OR ") == len(dois) - 1
    # every recorded DOI maps back to its own record through the DOI the record carries
    for doi in recorded_dois():
        assert f"doi:{doi}" in answers.records
        assert load_medline().by_doi[doi] == answers.records[f"doi:{doi}"].pmid
    assert answers.records[f"doi:{RETRACTED_DOI}"].pmid == "9500320"
    assert answers.records[f"pmid:{NOTICE_PMID}"].is_retraction_notice
    assert answers.missing == {"doi:10.1000/not-in-pubmed", "pmid:1"}
    assert answers.unchecked == {}


def test_answers_are_stored_and_asked_again_only_when_stale(fake_pubmed):
    store = RecordStore(":memory:")
    c = client(fake_pubmed.url)
    first = lookup([RETRACTED_DOI, "10.1000/none"], ["10475862"], client=c, store=store)
    assert first.requests == 2 and first.from_store == 0
    again = lookup([RETRACTED_DOI.upper(), "10.1000/none"], ["10475862"], client=c, store=store)
    assert again.requests == 0 and again.from_store == 3 and len(fake_pubmed.requests()) == 2
    assert again.records[f"doi:{RETRACTED_DOI}"] == first.records[f"doi:{RETRACTED_DOI}"]
    assert again.missing == {"doi:10.1000/none"}
    now = datetime.now(timezone.utc)
    keys = [f"doi:{RETRACTED_DOI}", "doi:10.1000/none", "pmid:10475862"]
    # found for 30 days, "no PMID for this DOI" for 7
    assert set(store.get_pubmed(keys, now=now + timedelta(days=8))) == {keys[0], keys[2]}
    assert store.get_pubmed(keys, now=now + timedelta(days=31)) == {}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_both_store_backends_keep_pubmed_answers(fake_pubmed, tmp_path, backend):
    from contextlib import nullcontext

    from claimcheck.registry.store import PostgresStore

    if backend == "postgresql":
        from pgserver import fresh_schema

        place: Any = fresh_schema()
    else:
        place = nullcontext(str(tmp_path / "r.sqlite3"))
    with place as where:
        store = PostgresStore(where) if backend == "postgresql" else RecordStore(where)
        with store:
            first = lookup([RETRACTED_DOI, "10.1000/none"], [], client=client(fake_pubmed.url), store=store)
        reopened = PostgresStore(where) if backend == "postgresql" else RecordStore(where)
        with reopened:
            again = lookup([RETRACTED_DOI, "10.1000/none"], [], client=None, store=reopened, offline=True)
            stale = reopened.get_pubmed(
                ["doi:10.1000/none"], now=datetime.now(timezone.utc) + timedelta(days=8)
            )
            reopened.clear()
            assert reopened.get_pubmed([f"doi:{RETRACTED_DOI}"]) == {}
    assert first.requests == 2 and again.requests == 0 and again.unchecked == {}
    assert again.records[f"doi:{RETRACTED_DOI}"] == first.records[f"doi:{RETRACTED_DOI}"]
    assert again.missing == {"doi:10.1000/none"} and stale == {}


def test_errors_are_never_stored(fake_pubmed):
    store = RecordStore(":memory:")
    fake_pubmed.fail(1, 503)
    down = lookup([RETRACTED_DOI], [], client=client(fake_pubmed.url), store=store)
    assert down.unchecked == {f"doi:{RETRACTED_DOI}": "PubMed: server error 503"}
    assert store.get_pubmed([f"doi:{RETRACTED_DOI}"]) == {}
    fake_pubmed.fail(1, 503, route="efetch")  # the search answers, the fetch does not
    half = lookup([RETRACTED_DOI], [], client=client(fake_pubmed.url), store=store)
    assert half.unchecked == {f"doi:{RETRACTED_DOI}": "PubMed: server error 503"} and not half.missing
    assert store.get_pubmed([f"doi:{RETRACTED_DOI}"]) == {}
    assert lookup([RETRACTED_DOI], [], client=client(fake_pubmed.url), store=store).records


def test_offline_answers_from_the_store_alone(fake_pubmed):
    store = RecordStore(":memory:")
    lookup([RETRACTED_DOI], [], client=client(fake_pubmed.url), store=store)
    offline = lookup([RETRACTED_DOI, "10.1/new"], [], client=None, store=store, offline=True)
    assert offline.records[f"doi:{RETRACTED_DOI}"].pmid == "9500320"
    assert offline.unchecked == {"doi:10.1/new": "offline"}


def test_split_medline_keeps_each_record_whole():
    body = "\n".join(load_medline().bodies[p] for p in ("9500320", NOTICE_PMID))
    parts = split_medline(body)
    assert [p.split("\n", 1)[0] for p in parts] == ["PMID- 9500320", f"PMID- {NOTICE_PMID}"]
    assert parts[1].strip() == load_medline().bodies[NOTICE_PMID].strip()


# --- the breaker and the rate -------------------------------------------------------------------


def test_two_timeouts_in_a_row_stop_asking_that_host(fake_pubmed):
    fake_pubmed.hang(5, 2.0)
    c = client(fake_pubmed.url, timeout=0.3)
    assert c.fetch(["9500320"]).reason == "timeout"
    assert c.fetch(["9500320"]).reason == "PubMed unreachable (timeout)"
    assert c.search_dois([RETRACTED_DOI]).reason == "PubMed unreachable (timeout)"
    assert len(fake_pubmed.requests()) == 2  # the third question was not sent


def test_an_answer_between_timeouts_keeps_the_host_open(fake_pubmed):
    c = client(fake_pubmed.url, timeout=0.3)
    fake_pubmed.hang(1, 2.0)
    assert c.fetch(["9500320"]).reason == "timeout"
    assert c.fetch(["9500320"]).status == "ok"
    fake_pubmed.hang(1, 2.0)
    assert c.fetch(["9500320"]).reason == "timeout"
    assert c.fetch(["9500320"]).status == "ok" and c.breaker.reason is None


def test_a_refused_connection_stops_asking_at_once():
    c = client("http://127.0.0.1:9")
    answers = lookup([RETRACTED_DOI, "10.1/x"], ["1"], client=c, store=None)
    assert c.requests == 1  # the search failed; the fetch was never sent
    assert set(answers.unchecked.values()) == {"PubMed unreachable (connection error)"}
    assert len(answers.unchecked) == 3 and not answers.missing


def test_crossref_stops_after_two_timeouts_in_a_row(fake_crossref):
    from fakecrossref import iter_dois

    from claimcheck.registry.crossref import CrossrefResolver
    from claimcheck.registry.throttle import Limits

    fake_crossref.hang(20, seconds=1.5)
    dois = list(iter_dois(6))
    r = CrossrefResolver(
        base_url=fake_crossref.url,
        timeout=0.3,
        store=False,
        progress=False,
        batch_size=2,
        limits=Limits(rate=100, concurrency=1, backoff_base=0.0),
    )
    answers = r.resolve(dois)
    assert {(a.status, a.reason) for a in answers.values()} == {(Status.UNCHECKED, "timeout")}
    # the first batch timed out, and so did its retry: the other two batches were never sent
    assert len(fake_crossref.requests()) == 2


def test_requests_stay_within_three_a_second(fake_pubmed):
    fake = FakePubmed(rate_limit=3).start()
    try:
        c = client(fake.url)
        results = [c.fetch(["9500320"]) for _ in range(5)]
        assert {r.status for r in results} == {"ok"}
        assert fake.max_per_window(1.0) <= 3 and all(r.status == 200 for r in fake.requests())
    finally:
        fake.stop()


# --- whole audits ---------------------------------------------------------------------------------

ARTICLE = """\
Alpha-synuclein mutants oligomerise differently in single-molecule studies [1]. The retracted
paper linked ileal hyperplasia with developmental disorder [2]. Vitamin D was studied in old age [3].

References
1. Tosatto L, Horrocks MH, Dear AJ, et al. Single-molecule FRET studies on alpha-synuclein oligomerization of Parkinson's disease genetically related mutants. Sci Rep. 2015;5:16696. doi:10.1038/srep16696
2. Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0
3. Vitamin D in old age. Age Ageing. 1999;28(3):265-9. PMID: 10475862
"""  # noqa: E501


def test_cold_then_warm_audit(fake_crossref, fake_pubmed, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_PUBMED_URL", fake_pubmed.url)
    store = tmp_path / "s.sqlite3"
    cold = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store)
    assert [r.route for r in fake_pubmed.requests()] == ["esearch", "efetch"]
    assert cold.status(3).status is Status.RESOLVED and cold.status(3).agency == "pubmed"
    crossref_before = len(fake_crossref.requests())
    warm = claimcheck.audit(ARTICLE, crossref_url=fake_crossref.url, store=store)
    assert len(fake_pubmed.requests()) == 2 and len(fake_crossref.requests()) == crossref_before
    assert warm.to_dict()["references"] == cold.to_dict()["references"]
    assert [f.code for f in warm.findings] == [f.code for f in cold.findings]


def test_unreachable_registries_leave_every_doi_unchecked_with_the_reason(tmp_path):
    report = claimcheck.audit(
        ARTICLE, crossref_url="http://127.0.0.1:9", store=tmp_path / "s.sqlite3", timeout=2
    )
    assert [report.status(n).status for n in (1, 2, 3)] == [Status.UNCHECKED] * 3
    assert report.status(1).reason == report.status(2).reason == "offline"
    assert report.status(3).reason == "PubMed unreachable (connection error)"
