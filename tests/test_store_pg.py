"""The PostgreSQL record store: chosen by URL, 8 concurrent writers, schema versions and migrations.

The behaviour it shares with the SQLite store is tested on both in tests/test_store.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pgserver import fresh_schema

from claimcheck.errors import ConfigurationError, StoreError
from claimcheck.registry.crossref import CrossrefResolver
from claimcheck.registry.store import PostgresStore, StoredRecord, open_store
from claimcheck.registry.store_pg import MIGRATIONS, SCHEMA_VERSION, redact

psycopg = pytest.importorskip("psycopg")
ROOT = Path(__file__).resolve().parents[1]

WRITER = """
import pathlib, sys, time
from claimcheck.registry.store import StoredRecord, open_store
url, name, go = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
store = open_store(url)
while not go.exists():  # start together
    time.sleep(0.005)
for i in range(40):
    # each writer's own DOIs, and DOIs every writer writes (the same rows, at once)
    # a minimal work record (DOI and title), so that the store reads every row back as a work
    work = lambda doi: {"DOI": doi, "title": [f"{name} {i}"], "by": name, "i": i}
    own = [StoredRecord.resolved(d, work(d)) for d in (f"10.1/{name}-{i}-{j}" for j in range(5))]
    shared = [StoredRecord.resolved(d, work(d)) for d in (f"10.1/shared-{(i + k) % 20}" for k in range(3))]
    store.put_many(own + shared)
    store.get_many([f"10.1/{name}-{i}-0", "10.1/shared-0"])
store.close()
"""


def test_eight_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    with fresh_schema() as url:
        PostgresStore(url).close()  # the schema made before the race
        go = tmp_path / "go"
        names = [f"w{n}" for n in range(8)]
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, url, name, str(go)], cwd=ROOT, stderr=subprocess.PIPE
            )
            for name in names
        ]
        go.touch()
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        with PostgresStore(url) as store:
            rows = {r.doi: r for r in store}
        own = {d: r for d, r in rows.items() if not d.startswith("10.1/shared-")}
        assert len(own) == 8 * 40 * 5  # every writer's every answer
        for name in names:
            for i in range(40):
                for j in range(5):
                    record = own[f"10.1/{name}-{i}-{j}"]
                    assert record.status == "resolved" and record.message is not None
                    assert (record.message["by"], record.message["i"]) == (name, i)
        shared = {d: r for d, r in rows.items() if d.startswith("10.1/shared-")}
        assert sorted(shared) == sorted(f"10.1/shared-{k}" for k in range(20))
        assert all(r.message is not None and r.message["by"] in names for r in shared.values())  # whole rows


def test_a_url_chooses_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    with fresh_schema() as url:
        store = open_store(url)
        assert isinstance(store, PostgresStore)
        store.put(StoredRecord.not_found("10.1/gone"))
        assert repr(store) == f"<PostgresStore {redact(url)} 1 records>"
        store.close()
        monkeypatch.setenv("CLAIMCHECK_STORE", url)
        from_env = open_store(None)
        assert isinstance(from_env, PostgresStore) and len(from_env) == 1
        from_env.close()
        # the resolver answers from it without asking anybody, and leaves a caller's store open
        with PostgresStore(url) as shared:
            resolver = CrossrefResolver(store=shared, offline=True)
            assert resolver.resolve(["10.1/GONE"])["10.1/GONE"].status.value == "not_found"
            resolver.close()
            assert len(shared) == 1


def test_an_old_schema_is_migrated_and_keeps_its_rows() -> None:
    with fresh_schema() as url, psycopg.connect(url, autocommit=True) as conn:
        for sql in MIGRATIONS[0]:  # a database at version 1, as the first release left it
            conn.execute(sql)
        conn.execute("CREATE TABLE claimcheck_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO claimcheck_meta VALUES ('schema_version', '1')")
        conn.execute(
            "INSERT INTO records (doi, status, agency, message, fetched_at) VALUES "
            "('10.1/old', 'not_found', NULL, NULL, %s)",
            (StoredRecord.not_found("10.1/old").fetched_at,),
        )
        with PostgresStore(url) as store:
            assert store.tables.schema_version() == SCHEMA_VERSION == 3
            old = store.get("10.1/old")
            assert old is not None and old.status == "not_found"
            assert store.get_pubmed(["doi:10.1/old"]) == {}  # version 3's PubMed table is there
        columns = {
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'records'"
                " AND table_schema = current_schema()"
            )
        }
        assert "written_at" in columns
        PostgresStore(url).close()  # opening again changes nothing
        assert conn.execute("SELECT value FROM claimcheck_meta").fetchone()[0] == str(SCHEMA_VERSION)


def test_a_newer_schema_is_refused() -> None:
    with fresh_schema() as url:
        PostgresStore(url).close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("UPDATE claimcheck_meta SET value = '99' WHERE key = 'schema_version'")
        with pytest.raises(StoreError, match="schema version 99, made by a newer claimcheck"):
            PostgresStore(url)


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    url = "postgresql://ann:secret@127.0.0.1:9/claimcheck"
    with pytest.raises(StoreError) as info:
        PostgresStore(url, timeout=2)
    message = str(info.value)
    assert "cannot be reached" in message and "secret" not in message and "ann:***@" in message
    assert redact(url) == "postgresql://ann:***@127.0.0.1:9/claimcheck"


def test_without_psycopg_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(ConfigurationError, match=r"claimcheck-audit\[postgres\]"):
        open_store("postgresql://127.0.0.1:9/x")
