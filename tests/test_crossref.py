"""CrossrefResolver end to end: the real habanero stack against the loopback fake Crossref."""

from __future__ import annotations

import os
import socket
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fakecrossref import FakeCrossref, iter_dois, load_records

from claimcheck.errors import ConfigurationError
from claimcheck.model import Reference, Status
from claimcheck.registry.crossref import (
    POLITE_LIMITS,
    PUBLIC_LIMITS,
    CrossrefResolver,
    Limits,
    encode_doi,
    make_resolver,
)
from claimcheck.registry.resolve import resolve_references
from claimcheck.registry.store import RecordStore, StoredRecord
from claimcheck.registry.works import work_from_crossref

FAST = Limits(rate=50, concurrency=4, retries=2, backoff_base=0.01, backoff_max=2.0)
UNKNOWN = "10.1371/notarealdoi"
CANARY = "10.1038/srep16696"  # CrossrefResolver's default canary_doi, a recorded work
DATACITE, MEDRA = "10.5284/1011335", "10.1430/8105"


def resolver(server: FakeCrossref, **kwargs: Any) -> CrossrefResolver:
    kwargs.setdefault("limits", FAST)
    kwargs.setdefault("store", ":memory:")
    kwargs.setdefault("progress", False)
    return CrossrefResolver(base_url=server.url, **kwargs)


def routes(server: FakeCrossref) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.route, r.dois) for r in server.requests()]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- answers -----------------------------------------------------------------------------------


def test_recorded_dois_resolve_in_one_batch(fake_crossref: FakeCrossref) -> None:
    dois = list(iter_dois(10))
    dois[0] = dois[0].upper()
    answers = resolver(fake_crossref).resolve(dois)
    assert list(answers) == dois  # keyed by the DOI as given
    records = load_records()
    for doi, answer in answers.items():
        assert answer.status is Status.RESOLVED and answer.agency == "crossref"
        assert answer.doi == doi and not answer.from_store
        assert answer.work == work_from_crossref(records.messages[doi.lower()])
    (request,) = fake_crossref.requests()
    assert request.route == "list" and request.query["rows"] == ["10"]
    assert sorted(d.lower() for d in request.dois) == sorted(d.lower() for d in dois)


def test_sixty_dois_take_two_requests(fake_crossref: FakeCrossref) -> None:
    dois = list(iter_dois(60))
    r = resolver(fake_crossref)
    answers = r.resolve(dois)
    assert all(a.status is Status.RESOLVED for a in answers.values())
    assert [len(x.dois) for x in fake_crossref.requests()] == [30, 30]
    assert r.stats.requests == 2 and r.stats.batches == 2


def test_unknown_doi_is_not_found_only_after_its_lookup_and_agency_check(fake_crossref: FakeCrossref) -> None:
    known = "10.1038/srep16696"
    answers = resolver(fake_crossref).resolve([known, UNKNOWN])
    assert answers[UNKNOWN].status is Status.NOT_FOUND
    assert answers[known].status is Status.RESOLVED
    assert routes(fake_crossref) == [
        ("list", (known, UNKNOWN)),
        ("work", (UNKNOWN,)),
        ("work", (CANARY,)),  # the 404 means "no such DOI" only if the server knows a known DOI
        ("agency", (UNKNOWN,)),
    ]


def test_a_lone_doi_skips_the_batch(fake_crossref: FakeCrossref) -> None:
    assert resolver(fake_crossref).resolve([UNKNOWN])[UNKNOWN].status is Status.NOT_FOUND
    assert routes(fake_crossref) == [("work", (UNKNOWN,)), ("work", (CANARY,)), ("agency", (UNKNOWN,))]


@pytest.mark.parametrize(
    ("doi", "agency", "label"), [(DATACITE, "datacite", "DataCite"), (MEDRA, "medra", "mEDRA")]
)
def test_doi_of_another_agency_is_not_missing(
    fake_crossref: FakeCrossref, doi: str, agency: str, label: str
) -> None:
    answer = resolver(fake_crossref).resolve([doi])[doi]
    assert answer.status is Status.UNCHECKED
    assert answer.agency == agency
    assert answer.reason == f"registered with {label}, not Crossref"


def test_crossref_agency_without_a_record_is_unchecked_and_asked_again(fake_crossref: FakeCrossref) -> None:
    doi = "10.1126/science.169.3946.635"  # recorded agency body says Crossref; no work recorded
    r = resolver(fake_crossref)
    answer = r.resolve([doi])[doi]
    assert (answer.status, answer.agency) == (Status.UNCHECKED, "crossref")
    assert r.store is not None and len(r.store) == 0


def test_every_doi_asked_gets_one_answer(fake_crossref: FakeCrossref) -> None:
    dois = ["10.1038/srep16696", "10.1038/SREP16696", "10.1038/srep16696", UNKNOWN]
    answers = resolver(fake_crossref).resolve(dois)
    assert set(answers) == set(dois)
    assert answers["10.1038/SREP16696"].doi == "10.1038/SREP16696"
    assert len(fake_crossref.requests("list")) == 1
    assert resolver(fake_crossref).resolve([]) == {}


def test_it_plugs_into_resolve_references(fake_crossref: FakeCrossref) -> None:
    # what a Resolver is for: resolve_references hands it the DOIs and files its answers
    refs = [
        Reference(1, "1. Tosatto L. Single-molecule FRET. Sci Rep. 2015.", doi="10.1038/srep16696"),
        Reference(2, "2. Nobody A. Nothing. 2020.", doi=UNKNOWN),
    ]
    out = resolve_references(refs, resolver(fake_crossref))
    assert (out[1].status, out[2].status) == (Status.RESOLVED, Status.NOT_FOUND)
    assert out[1].work is not None and out[1].work.title is not None
    assert out[1].work.title.startswith("Single-molecule FRET studies")


def test_store_option_false_means_no_store(fake_crossref: FakeCrossref) -> None:
    r = resolver(fake_crossref, store=False)
    assert r.store is None
    r.resolve(["10.1038/srep16696"])
    r.resolve(["10.1038/srep16696"])
    assert r.stats.requests == 2 and r.stats.from_store == 0


# -- URLs ----------------------------------------------------------------------------------------


def test_special_characters_are_percent_encoded_in_the_path(fake_crossref: FakeCrossref) -> None:
    doi = "10.1000/a#b;c[d]<e>?f%g h"
    answer = resolver(fake_crossref).resolve([doi])[doi]
    assert answer.status is Status.NOT_FOUND
    work, _canary, agency = fake_crossref.requests()
    assert work.path == "/works/10.1000/a%23b%3Bc%5Bd%5D%3Ce%3E%3Ff%25g%20h"
    assert work.dois == agency.dois == (doi,)


def test_sici_doi_round_trips(fake_crossref: FakeCrossref) -> None:
    sici = "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2"
    assert encode_doi(sici) == "10.1890/0012-9615(1999)069%5B0569:EDILSA%5D2.0.CO%3B2"
    resolver(fake_crossref).resolve([sici, "10.1038/srep16696"])
    batch = fake_crossref.requests("list")[0]
    assert sici.lower() in batch.dois  # the filter value survives query encoding
    assert fake_crossref.requests("work")[0].dois == (sici.lower(),)


def test_doi_with_a_comma_is_never_put_in_a_filter(fake_crossref: FakeCrossref) -> None:
    comma = "10.1000/a,b"
    resolver(fake_crossref).resolve([comma, "10.1038/srep16696", "10.2196/22081"])
    assert all(comma not in r.dois for r in fake_crossref.requests("list"))
    assert fake_crossref.requests("work")[0].dois == (comma,)


# -- failures --------------------------------------------------------------------------------------


def test_429_then_recovery_resolves(fake_crossref: FakeCrossref) -> None:
    fake_crossref.fail(2, 429)
    dois = list(iter_dois(3))
    r = resolver(fake_crossref)
    assert all(a.status is Status.RESOLVED for a in r.resolve(dois).values())
    assert [x.status for x in fake_crossref.requests()] == [429, 429, 200]
    assert r.stats.retries == 2


@pytest.mark.parametrize("status", [429, 500])  # 500 carries a recorded JSON error body
def test_retry_after_is_honoured(fake_crossref: FakeCrossref, status: int) -> None:
    fake_crossref.fail(1, status, retry_after="1")
    answers = resolver(fake_crossref).resolve(list(iter_dois(2)))
    assert all(a.status is Status.RESOLVED for a in answers.values())
    first, second = fake_crossref.requests()
    assert second.arrived - first.arrived >= 0.95


def test_server_rate_limit_without_retry_after_recovers(fake_crossref: FakeCrossref) -> None:
    fake_crossref.rate_limit = 1  # one request per second, 429 past it, no Retry-After
    r = resolver(
        fake_crossref, limits=Limits(rate=50, concurrency=1, retries=4, backoff_base=0.4, backoff_max=2)
    )
    answer = r.resolve([UNKNOWN])[UNKNOWN]  # two requests: the second one is throttled
    assert answer.status is Status.NOT_FOUND
    assert 429 in [x.status for x in fake_crossref.requests()]


@pytest.mark.parametrize(
    ("status", "retry_after", "reason", "requests"),
    [
        (429, None, "rate-limited", 3),
        (429, "120", "rate-limited", 1),  # asks for longer than backoff_max: give up at once
        (503, None, "server error (503)", 3),
        (500, None, "server error (500)", 3),  # recorded JSON error body: habanero's RequestError path
        (504, "0", "server error (504)", 3),
    ],
)
def test_persistent_failures_end_unchecked(
    fake_crossref: FakeCrossref, status: int, retry_after: str | None, reason: str, requests: int
) -> None:
    fake_crossref.fail(100, status, retry_after=retry_after)
    r = resolver(fake_crossref)
    answers = r.resolve([*iter_dois(4), UNKNOWN])
    assert {(a.status, a.reason) for a in answers.values()} == {(Status.UNCHECKED, reason)}
    assert len(fake_crossref.requests()) == requests
    assert r.store is not None and len(r.store) == 0  # errors are never stored


def test_500_with_recorded_body_then_recovery(fake_crossref: FakeCrossref) -> None:
    fake_crossref.fail(1, 500)
    answers = resolver(fake_crossref).resolve(list(iter_dois(2)))
    assert all(a.status is Status.RESOLVED for a in answers.values())


@pytest.mark.parametrize("route", ["work", "agency"])
def test_errors_after_the_batch_are_never_not_found(fake_crossref: FakeCrossref, route: str) -> None:
    fake_crossref.fail(100, 503, route=route)
    answers = resolver(fake_crossref).resolve(["10.1038/srep16696", UNKNOWN])
    assert answers[UNKNOWN].status is Status.UNCHECKED
    assert answers[UNKNOWN].reason == "server error (503)"
    assert answers["10.1038/srep16696"].status is Status.RESOLVED


def test_refused_filter_falls_back_to_single_lookups(fake_crossref: FakeCrossref) -> None:
    fake_crossref.fail(1, 400, route="list")
    dois = list(iter_dois(3))
    answers = resolver(fake_crossref).resolve(dois)
    assert all(a.status is Status.RESOLVED for a in answers.values())
    assert [x.route for x in fake_crossref.requests()] == ["list", "work", "work", "work"]


def test_malformed_json_is_unchecked(fake_crossref: FakeCrossref) -> None:
    fake_crossref.malform(100)
    r = resolver(fake_crossref)
    answers = r.resolve([*iter_dois(2), UNKNOWN])
    assert {a.reason for a in answers.values()} == {"malformed response"}
    assert r.store is not None and len(r.store) == 0


def test_a_hanging_server_times_out(fake_crossref: FakeCrossref) -> None:
    fake_crossref.hang(10, seconds=2.0)
    started = time.monotonic()
    answer = resolver(fake_crossref, timeout=0.3).resolve([UNKNOWN])[UNKNOWN]
    assert (answer.status, answer.reason) == (Status.UNCHECKED, "timeout")
    assert time.monotonic() - started < 1.5
    assert len(fake_crossref.requests()) == 2  # a timeout is retried once


def test_unreachable_server_is_offline_at_once() -> None:
    r = CrossrefResolver(base_url=f"http://127.0.0.1:{closed_port()}", store=":memory:", limits=FAST)
    started = time.monotonic()
    answers = r.resolve(list(iter_dois(12)))
    assert {(a.status, a.reason) for a in answers.values()} == {(Status.UNCHECKED, "offline")}
    assert time.monotonic() - started < 2
    assert r.stats.requests == 1  # the others give up without trying


# -- politeness -------------------------------------------------------------------------------------


def test_rate_and_concurrency_are_never_exceeded(fake_crossref: FakeCrossref) -> None:
    fake_crossref.latency = 0.2
    fake_crossref.rate_limit = 6  # 429 past 6 requests a second
    # One 429 would leave a DOI unchecked. The margin absorbs the scheduling jitter of a
    # loaded machine (client threads and this in-process server share the CPUs).
    limits = Limits(rate=6, concurrency=3, retries=0, margin=0.5)
    unknown = [f"10.1000/missing-{i}" for i in range(6)]
    answers = resolver(fake_crossref, limits=limits).resolve(unknown)
    assert {a.status for a in answers.values()} == {Status.NOT_FOUND}
    log = fake_crossref.requests()
    assert len(log) == 14  # one batch, then 6 lookups, the canary and 6 agency checks
    assert all(x.status != 429 for x in log)
    assert fake_crossref.max_per_window(1.0) <= 6
    assert 2 <= fake_crossref.max_in_flight() <= 3


def test_public_and_polite_pools(fake_crossref: FakeCrossref) -> None:
    assert resolver(fake_crossref, limits=None).limits == PUBLIC_LIMITS
    polite = resolver(fake_crossref, limits=None, mailto="editor@example.org")
    assert polite.limits == POLITE_LIMITS
    polite.resolve(["10.1038/srep16696"])
    assert "mailto:editor@example.org" in fake_crossref.requests()[0].user_agent


# -- store and offline -------------------------------------------------------------------------------


def test_offline_with_an_empty_store_asks_nobody(fake_crossref: FakeCrossref) -> None:
    answers = resolver(fake_crossref, offline=True).resolve(list(iter_dois(3)))
    assert {(a.status, a.reason) for a in answers.values()} == {(Status.UNCHECKED, "offline")}
    assert fake_crossref.requests() == []


def test_warm_store_answers_without_requests(fake_crossref: FakeCrossref, tmp_path: Path) -> None:
    path = tmp_path / "warm.sqlite3"
    dois = [*iter_dois(5), UNKNOWN, DATACITE]
    with resolver(fake_crossref, store=path) as cold:
        first = cold.resolve(dois)
        assert cold.stats.stored == 7
    fake_crossref.reset()
    for offline in (True, False):
        with resolver(fake_crossref, store=path, offline=offline) as warm:
            again = warm.resolve(dois)
            assert warm.stats.requests == 0 and warm.stats.from_store == 7
        assert all(a.from_store for a in again.values())
        assert [(a.status, a.reason, a.agency) for a in again.values()] == [
            (a.status, a.reason, a.agency) for a in first.values()
        ]
    assert fake_crossref.requests() == []


def test_expired_records_are_fetched_again(fake_crossref: FakeCrossref) -> None:
    store = RecordStore(":memory:")
    old = (datetime.now(timezone.utc) - timedelta(days=40)).isoformat()
    store.put(StoredRecord.resolved("10.1038/srep16696", {"DOI": "10.1038/srep16696", "title": ["Old"]}, old))
    answer = resolver(fake_crossref, store=store).resolve(["10.1038/srep16696"])["10.1038/srep16696"]
    assert not answer.from_store and answer.work is not None and answer.work.title != "Old"
    assert len(fake_crossref.requests()) == 1
    fresh = store.get("10.1038/srep16696")
    assert fresh is not None and fresh.fetched_at > old


def test_environment_settings(fake_crossref: FakeCrossref, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CROSSREF_URL", fake_crossref.url + "/")
    monkeypatch.setenv("CLAIMCHECK_MAILTO", "editor@example.org")
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    r = make_resolver()
    assert (r.base_url, r.mailto, r.offline, r.limits) == (
        fake_crossref.url,
        "editor@example.org",
        True,
        POLITE_LIMITS,
    )
    assert r.store is not None and str(r.store.path) == os.environ["CLAIMCHECK_STORE"]
    assert make_resolver(offline=False, store=False).offline is False
    r.close()


@pytest.mark.parametrize(
    "kwargs",
    [{"base_url": "ftp://example.org"}, {"mailto": "nobody"}, {"timeout": 0}, {"batch_size": 500}],
)
def test_bad_settings_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        CrossrefResolver(store=False, **kwargs)


def test_bad_offline_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "maybe")
    with pytest.raises(ConfigurationError, match="CLAIMCHECK_OFFLINE"):
        make_resolver(store=False)


# -- progress and repr -----------------------------------------------------------------------------------


def test_progress_bar_on_request_and_quiet_otherwise(
    fake_crossref: FakeCrossref, capsys: pytest.CaptureFixture[str]
) -> None:
    resolver(fake_crossref, progress=True).resolve(list(iter_dois(8)))
    assert "Crossref" in capsys.readouterr().err
    resolver(fake_crossref, progress=None).resolve(list(iter_dois(8)))  # not a terminal
    assert capsys.readouterr().err == ""


def test_repr_is_one_line(fake_crossref: FakeCrossref) -> None:
    r = resolver(fake_crossref)
    assert repr(r) == f"<CrossrefResolver {fake_crossref.url} 50/s x4, store :memory:>"
    assert "\n" not in repr(r.stats)
