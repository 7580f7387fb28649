"""The record store: round trips, time-to-live, failures refused, unusable files, concurrent writers.

The tests that take ``make_store`` run on both backends: the SQLite file and PostgreSQL
(``$CLAIMCHECK_TEST_PG``, a server `.ci/run` starts; see tests/pgserver.py).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from claimcheck.errors import StoreError
from claimcheck.model import Status
from claimcheck.registry.store import (
    RecordStore,
    Store,
    StoredPubmed,
    StoredRecord,
    default_store_path,
    open_store,
)

ROOT = Path(__file__).resolve().parents[1]
MESSAGE = json.loads((ROOT / "tests/fixtures/crossref/works/10.1038_srep16696.json").read_text())["message"]


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Store]]:
    """A factory of stores that share one place: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield lambda **kw: RecordStore(tmp_path / "r.sqlite3", **kw)
        return
    from pgserver import fresh_schema

    from claimcheck.registry.store import PostgresStore

    with fresh_schema() as url:
        yield lambda **kw: PostgresStore(url, **kw)


def ago(**delta: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(**delta)).isoformat()


def test_round_trip_keeps_the_raw_message(make_store: Callable[..., Store]) -> None:
    with make_store() as store:
        store.put(StoredRecord.resolved("10.1038/SREP16696", MESSAGE))
        record = store.get("10.1038/srep16696")
    assert record is not None
    assert (record.doi, record.status, record.agency) == ("10.1038/srep16696", "resolved", "crossref")
    assert record.message == MESSAGE
    answer = record.to_resolution("10.1038/SREP16696")
    assert answer.status is Status.RESOLVED and answer.from_store
    assert answer.work is not None and answer.work.title is not None
    assert answer.doi == "10.1038/SREP16696"


def test_not_found_and_elsewhere_answers(make_store: Callable[..., Store]) -> None:
    with make_store() as store:
        store.put_many(
            [StoredRecord.not_found("10.1/gone"), StoredRecord.elsewhere("10.5284/1011335", "datacite")]
        )
        gone, datacite = store.get("10.1/GONE"), store.get("10.5284/1011335")
    assert gone is not None and gone.to_resolution("10.1/gone").status is Status.NOT_FOUND
    assert datacite is not None
    answer = datacite.to_resolution("10.5284/1011335")
    assert answer.status is Status.UNCHECKED
    assert answer.agency == "datacite"
    assert answer.reason == "registered with DataCite, not Crossref"


def test_failures_cannot_be_stored() -> None:
    with pytest.raises(ValueError, match="status"):
        StoredRecord("10.1/x", "unchecked", ago())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="message"):
        StoredRecord("10.1/x", "resolved", ago())


def test_time_to_live_is_checked_on_read(make_store: Callable[..., Store]) -> None:
    with make_store(ttl_not_found=timedelta(days=7)) as store:
        store.put_many(
            [
                StoredRecord.resolved("10.1/fresh", {"DOI": "10.1/fresh"}, fetched_at=ago(days=29)),
                StoredRecord.resolved("10.1/stale", {"DOI": "10.1/stale"}, fetched_at=ago(days=31)),
                StoredRecord.not_found("10.1/gone-stale", fetched_at=ago(days=8)),
                StoredRecord.not_found("10.1/gone-fresh", fetched_at=ago(days=6)),
            ]
        )
        fresh = store.get_many(["10.1/fresh", "10.1/stale", "10.1/gone-stale", "10.1/gone-fresh"])
        assert sorted(fresh) == ["10.1/fresh", "10.1/gone-fresh"]
        later = datetime.now(timezone.utc) + timedelta(days=2)
        assert store.get("10.1/fresh", now=later) is None
        assert len(store) == 4  # expired rows stay until replaced


def test_datacite_and_medra_answers_stay_fresh_for_a_month(make_store: Callable[..., Store]) -> None:
    # an answer from another agency is as settled as a Crossref record: 30 days, not 7
    with make_store() as store:
        store.put_many(
            [
                StoredRecord.elsewhere("10.5284/1", "datacite", fetched_at=ago(days=20)),
                StoredRecord.elsewhere("10.1400/2", "medra", fetched_at=ago(days=20)),
                StoredRecord.elsewhere("10.5284/3", "datacite", fetched_at=ago(days=31)),
                StoredRecord.not_found("10.1/gone", fetched_at=ago(days=20)),
            ]
        )
        fresh = store.get_many(["10.5284/1", "10.1400/2", "10.5284/3", "10.1/gone"])
    assert sorted(fresh) == ["10.1400/2", "10.5284/1"]
    assert {r.agency for r in fresh.values()} == {"datacite", "medra"}


def test_what_each_stored_answer_says(tmp_path: Path) -> None:
    when = "2026-01-02T03:04:05+00:00"
    gone = StoredRecord.not_found("10.1/gone", fetched_at=when).to_resolution("10.1/GONE", from_store=False)
    assert (gone.doi, gone.status, gone.fetched_at, gone.from_store) == (
        "10.1/GONE",
        Status.NOT_FOUND,
        when,
        False,
    )
    medra = StoredRecord.elsewhere("10.1430/8105", "medra", fetched_at=when).to_resolution("10.1430/8105")
    assert (medra.status, medra.agency, medra.reason) == (
        Status.UNCHECKED,
        "medra",
        "registered with mEDRA, not Crossref",
    )
    assert (medra.fetched_at, medra.from_store, medra.work) == (when, True, None)
    unnamed = StoredRecord("10.1/u", "elsewhere", when).to_resolution("10.1/u")
    assert (unnamed.agency, unnamed.reason) == (
        "another agency",
        "registered with another agency, not Crossref",
    )
    odd = StoredRecord.elsewhere("10.1/o", "op", fetched_at=when).to_resolution("10.1/o")
    assert odd.reason == "registered with op, not Crossref"
    # a resolved record is read with its agency's reader: a DataCite body is not a Crossref message
    body = json.loads((ROOT / "tests/fixtures/registries/datacite/datacite_journal_article.json").read_text())
    doi = "10.24377/dteij.article3641"
    datacite = StoredRecord(doi, "resolved", when, "datacite", body).to_resolution(doi)
    assert (datacite.status, datacite.agency, datacite.fetched_at) == (Status.RESOLVED, "datacite", when)
    assert datacite.work is not None and datacite.work.title is not None
    assert datacite.work.title.startswith("The Name You Can Say")
    crossref = StoredRecord("10.1038/srep16696", "resolved", when, None, MESSAGE).to_resolution("10.1038/x")
    assert (crossref.agency, crossref.doi, crossref.from_store) == ("crossref", "10.1038/x", True)
    assert crossref.work is not None and crossref.work.title == MESSAGE["title"][0]


def test_memory_store_is_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with RecordStore(":memory:") as store:
        store.put(StoredRecord.not_found("10.1/x"))
        assert store.path == ":memory:" and len(store) == 1
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "memory"
    assert list(tmp_path.iterdir()) == []  # no file named ":memory:" appeared


def test_many_dois_are_read_in_chunks() -> None:
    dois = [f"10.1/n{i}" for i in range(1201)]  # more than two of the 500-key queries
    with RecordStore(":memory:") as store:
        store.put_many(StoredRecord.not_found(d) for d in dois)
        assert len(store.get_many(dois)) == 1201
        assert len(store.get_many(dois[:1])) == 1


def test_age_reads_a_timestamp_without_zone_as_utc() -> None:
    now = datetime(2026, 1, 10, tzinfo=timezone.utc)
    assert StoredRecord.not_found("10.1/x", fetched_at="2026-01-01T00:00:00").age(now) == timedelta(days=9)
    assert StoredRecord.not_found("10.1/x", fetched_at="2026-01-01T00:00:00+01:00").age(now) == timedelta(
        days=9, hours=1
    )


def test_searches_round_trip_expire_and_are_cleared() -> None:
    now = datetime.now(timezone.utc)
    with RecordStore(":memory:") as store:
        assert store.get_search("rows=5 smith 2020") is None
        store.put_search("rows=5 smith 2020", [("10.1/a", 71.5), ("10.1/b", None)])
        store.put_search("rows=5 old", [("10.1/c", 1.0)], fetched_at=ago(days=31))
        store.put_search("rows=5 naive", [("10.1/d", 2)], fetched_at="2020-01-01T00:00:00")
        assert store.get_search("rows=5 smith 2020") == [("10.1/a", 71.5), ("10.1/b", None)]
        assert store.get_search("rows=5 old") is None  # older than the 30 days of answers
        assert store.get_search("rows=5 old", now=now - timedelta(days=2)) == [("10.1/c", 1.0)]
        # a timestamp without zone is UTC: 2020-01-01 is long gone, and fresh a day after
        assert store.get_search("rows=5 naive") is None
        assert store.get_search("rows=5 naive", now=datetime(2020, 1, 2, tzinfo=timezone.utc)) == [
            ("10.1/d", 2.0)
        ]
        store.put_search("rows=5 smith 2020", [("10.1/z", 3.0)])  # a new answer replaces the old
        assert store.get_search("rows=5 smith 2020") == [("10.1/z", 3.0)]
        hits = store.get_search("rows=5 smith 2020")
        assert hits is not None and isinstance(hits[0][0], str) and isinstance(hits[0][1], float)
        store.put(StoredRecord.not_found("10.1/x"))
        store.clear()
        assert store.get_search("rows=5 smith 2020") is None and len(store) == 0


def test_iteration_gives_every_row_fresh_or_not_in_doi_order() -> None:
    with RecordStore(":memory:") as store:
        store.put_many(
            [
                StoredRecord.resolved("10.1/B", {"DOI": "10.1/b", "title": ["B"]}, fetched_at=ago(days=90)),
                StoredRecord.not_found("10.1/a"),
                StoredRecord.elsewhere("10.1/c", "datacite"),
            ]
        )
        rows = list(store)
    assert [(r.doi, r.status, r.agency) for r in rows] == [
        ("10.1/a", "not_found", None),
        ("10.1/b", "resolved", "crossref"),
        ("10.1/c", "elsewhere", "datacite"),
    ]
    assert rows[1].message == {"DOI": "10.1/b", "title": ["B"]} and rows[0].message is None


def test_open_store_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_STORE", str(tmp_path / "env.sqlite3"))
    assert open_store(False) is None
    with RecordStore(":memory:") as mine:
        assert open_store(mine) is mine
    for option in (None, True):
        store = open_store(option)
        assert store is not None and store.path == tmp_path / "env.sqlite3"
        store.close()
    given = open_store(tmp_path / "given.sqlite3")
    assert given is not None and given.path == tmp_path / "given.sqlite3" and given.path.exists()
    given.close()
    memory = open_store(":memory:")
    assert memory is not None and memory.path == ":memory:"
    memory.close()


def test_a_failed_write_leaves_nothing_behind() -> None:
    sql = "INSERT INTO records (doi, status, agency, message, fetched_at) VALUES (?, ?, ?, ?, ?)"
    with RecordStore(":memory:") as store:
        store.put(StoredRecord.not_found("10.1/kept"))
        rows = [("10.1/new", "not_found", None, None, ago()), ("10.1/kept", "not_found", None, None, ago())]
        with pytest.raises(StoreError, match="cannot be written"):
            store._write(sql, rows)  # the second row breaks the primary key
        assert [r.doi for r in store] == ["10.1/kept"]  # the first row was rolled back with it
        store.put_many([])  # nothing to write is not an error
        assert len(store) == 1


def test_newer_answer_replaces_older(make_store: Callable[..., Store]) -> None:
    with make_store() as store:
        store.put(StoredRecord.not_found("10.1/x"))
        store.put(StoredRecord.resolved("10.1/x", {"DOI": "10.1/x"}))
        assert len(store) == 1
        record = store.get("10.1/x")
        assert record is not None and record.status == "resolved"
        store.clear()
        assert len(store) == 0


def test_searches_round_trip_and_expire(make_store: Callable[..., Store]) -> None:
    with make_store() as store:
        assert store.get_search("rows=5 smith 2020") is None
        store.put_search("rows=5 smith 2020", [("10.1/a", 71.5), ("10.1/b", None)])
        assert store.get_search("rows=5 smith 2020") == [("10.1/a", 71.5), ("10.1/b", None)]
        store.put_search("rows=5 old", [("10.1/c", 1.0)], fetched_at=ago(days=31))
        assert store.get_search("rows=5 old") is None
        store.clear()
        assert store.get_search("rows=5 smith 2020") is None


def test_wal_mode_and_repr(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "r.sqlite3"
    store = RecordStore(path)
    assert path.exists()
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert repr(store) == f"<RecordStore {path} 0 records>"
    store.close()
    assert repr(store) == f"<RecordStore {path} closed>"


def test_default_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_STORE", str(tmp_path / "env.sqlite3"))
    assert default_store_path() == tmp_path / "env.sqlite3"
    with RecordStore() as store:
        assert store.path == tmp_path / "env.sqlite3"
    monkeypatch.delenv("CLAIMCHECK_STORE")
    assert default_store_path().parts[-2:] == ("claimcheck", "records.sqlite3")


def test_a_directory_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory") as info:
        RecordStore(tmp_path)
    assert str(tmp_path) in str(info.value) and "records.sqlite3" in str(info.value)


def test_a_damaged_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not an sqlite database, just bytes " * 100)
    with pytest.raises(StoreError) as info:
        RecordStore(path)
    message = str(info.value)
    assert str(path) in message and "delete the file" in message and "store=False" in message
    assert f"record store {path} cannot be used: file is not a database" in message


def test_a_closed_store_says_it_cannot_be_read_or_written(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "r.sqlite3")
    store.close()
    with pytest.raises(StoreError, match=r"r\.sqlite3 cannot be read: Cannot operate on a closed database"):
        store.get("10.1/x")
    with pytest.raises(
        StoreError, match=r"r\.sqlite3 cannot be written: Cannot operate on a closed database"
    ):
        store.put(StoredRecord.not_found("10.1/x"))


def test_an_unopenable_file_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as root no permission stops sqlite, so the refusal is simulated where it happens
    def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    with pytest.raises(StoreError, match=r"r\.sqlite3 cannot be opened: unable to open database file"):
        RecordStore(tmp_path / "r.sqlite3")


def test_an_uncreatable_place_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be created"):
        RecordStore(blocker / "sub" / "r.sqlite3")


def test_concurrent_writers_in_threads(make_store: Callable[..., Store]) -> None:
    stores = [make_store(timeout=10) for _ in range(4)]

    def write(n: int) -> None:
        for i in range(25):
            stores[n].put_many([StoredRecord.resolved(f"10.1/t{n}-{i}-{j}", {"DOI": "x"}) for j in range(4)])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(stores[0]) == 4 * 25 * 4
    for store in stores:
        store.close()


WRITER = """
import pathlib, sys, time
from claimcheck.registry.store import RecordStore, StoredRecord
path, name, go = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
with RecordStore(path, timeout=20) as store:
    while not go.exists():  # start together
        time.sleep(0.005)
    for i in range(100):
        store.put_many([StoredRecord.resolved(f"10.1/{name}-{i}-{j}", {"i": i}) for j in range(5)])
        store.get_many([f"10.1/{name}-{i}-0", "10.1/other"])
"""


def test_two_processes_writing_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    RecordStore(path).close()  # created (and WAL set) before the race
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(go)], cwd=ROOT, stderr=subprocess.PIPE
        )
        for name in ("a", "b")
    ]
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    with RecordStore(path) as store:
        assert len(store) == 2 * 100 * 5
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_pubmed_answers_keep_a_month_when_found_and_a_week_when_not() -> None:
    when = datetime(2026, 3, 1, tzinfo=timezone.utc)

    def at(days: float) -> str:
        return (when - timedelta(days=days)).isoformat()

    answers = [
        StoredPubmed("doi:10.1/found", "found", "123", "PMID- 123\nTI  - A title.", at(20)),
        StoredPubmed("doi:10.1/old", "found", "124", "PMID- 124", at(31)),
        StoredPubmed("doi:10.1/none", "not_found", None, None, at(6)),
        StoredPubmed("pmid:999", "not_found", None, None, "2026-02-20T00:00:00"),  # no zone: UTC, 9 days
    ]
    with RecordStore(":memory:") as store:
        assert store.put_pubmed(answers) == 4 and store.put_pubmed([]) == 0
        fresh = store.get_pubmed(["doi:10.1/found", "doi:10.1/old", "doi:10.1/none", "pmid:999"], now=when)
        assert fresh == {"doi:10.1/found": answers[0], "doi:10.1/none": answers[2]}
        # a newer answer replaces the old one
        store.put_pubmed([StoredPubmed("doi:10.1/none", "found", "7", "PMID- 7", at(1))])
        assert store.get_pubmed(["doi:10.1/none"], now=when)["doi:10.1/none"].pmid == "7"
        many = [StoredPubmed(f"pmid:{i}", "found", str(i), "x", at(1)) for i in range(1100)]
        store.put_pubmed(many)
        assert len(store.get_pubmed([a.key for a in many], now=when)) == 1100  # read in chunks of 500


def test_damaged_pubmed_rows_are_ignored_with_a_warning_naming_them() -> None:
    sql = "INSERT INTO pubmed (key, status, pmid, medline, fetched_at) VALUES (?, ?, ?, ?, ?)"
    with RecordStore(":memory:") as store:
        good = StoredPubmed("doi:10.1/ok", "found", "1", "PMID- 1", ago(days=1))
        store.put_pubmed([good])
        store._write(sql, [(f"doi:10.1/bad{i}", "found", None, None, "not a date") for i in range(6)])
        with pytest.warns(
            RuntimeWarning, match=r"6 damaged rows ignored and fetched again \(doi:10.1/bad0, "
        ):
            found = store.get_pubmed(["doi:10.1/ok", *(f"doi:10.1/bad{i}" for i in range(6))])
    assert found == {"doi:10.1/ok": good}


def test_a_stored_record_is_read_as_a_work_once(tmp_path, monkeypatch):
    # the store reads each row as a work to check it; the resolver's answer reuses that work
    import claimcheck.registry.records as store_module

    store = RecordStore(tmp_path / "s.sqlite3")
    store.put_many([StoredRecord.resolved("10.1/x", {"DOI": "10.1/x", "title": ["A title"]})])
    calls = []
    read = store_module.work_from_crossref
    monkeypatch.setattr(store_module, "work_from_crossref", lambda m: calls.append(m) or read(m))
    answer = store.get_many(["10.1/x"])["10.1/x"].to_resolution("10.1/X")
    assert answer.work is not None and answer.work.title == "A title" and answer.doi == "10.1/X"
    assert len(calls) == 1
    store.close()
