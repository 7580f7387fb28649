"""The record store's PostgreSQL tables: one cache shared by a team, or by every worker of a cluster.

:class:`PgTables` is the connection, the schema and the SQL, in rows (tuples);
:class:`claimcheck.registry.store.PostgresStore` turns them into
:class:`~claimcheck.registry.store.StoredRecord` values. The store keeps the same rows as the SQLite
:class:`~claimcheck.registry.store.RecordStore` (``records``: one row per
normalised DOI with the registry's definite answer; ``searches``: the hits of
bibliographic searches), with the same time-to-live rules and the same methods
(the :class:`~claimcheck.registry.store.Store` protocol), so the store's test
suite runs unchanged on both. It is chosen by a URL: ``store="postgresql://..."``,
``--store postgresql://...`` or ``CLAIMCHECK_STORE=postgresql://...``.

Concurrent writers: each :meth:`PgTables.upsert_records` is one transaction of
``INSERT ... ON CONFLICT DO UPDATE`` rows in DOI order (so two writers take row
locks in the same order and cannot deadlock), retried on a deadlock or
serialisation failure; no answer is lost and no row is half written.

The schema is versioned: ``claimcheck_meta`` holds ``schema_version``, and
opening a store applies the missing :data:`MIGRATIONS` in order, under an
advisory lock so that two processes opening a fresh database at once migrate it
once. A database made by a newer claimcheck (a higher version) is refused with
a :class:`~claimcheck.errors.StoreError` rather than guessed at.

psycopg 3 is optional (``pip install "claimcheck-audit[postgres]"``); without
it, asking for a PostgreSQL store raises :class:`~claimcheck.errors.ConfigurationError`
saying what to install.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from claimcheck.errors import ConfigurationError, StoreError
from claimcheck.settings import STORE_ENV

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PgTables", "redact"]

Row = tuple[Any, ...]

#: The schema, one step per version: ``MIGRATIONS[i]`` takes version ``i`` to ``i + 1``.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 0 -> 1: the two tables, as in the SQLite store
        """CREATE TABLE IF NOT EXISTS records (
            doi        TEXT PRIMARY KEY,
            status     TEXT NOT NULL CHECK (status IN ('resolved', 'not_found', 'elsewhere')),
            agency     TEXT,
            message    TEXT,
            fetched_at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS searches (
            query      TEXT PRIMARY KEY,
            hits       TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        )""",
    ),
    (  # 1 -> 2: when each row was last written, by the server's clock (for sweeping a shared cache)
        "ALTER TABLE records ADD COLUMN IF NOT EXISTS written_at TIMESTAMPTZ NOT NULL DEFAULT now()",
        "CREATE INDEX IF NOT EXISTS records_written_at ON records (written_at)",
    ),
    (  # 2 -> 3: PubMed answers, as in the SQLite store
        """CREATE TABLE IF NOT EXISTS pubmed (
            key        TEXT PRIMARY KEY,
            status     TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
            pmid       TEXT,
            medline    TEXT,
            fetched_at TEXT NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_LOCK_KEY = 7_214_553_901  # the advisory lock that serialises migrations
_RETRIES = 5


def redact(url: str) -> str:
    """The URL without its password, for messages and reprs.

    >>> redact("postgresql://ann:secret@db.example:5432/cache")
    'postgresql://ann:***@db.example:5432/cache'
    """
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _psycopg() -> Any:
    try:
        import psycopg
    except ModuleNotFoundError:
        raise ConfigurationError(
            "a postgresql:// record store needs psycopg 3, which is not installed; install it with:\n"
            'pip install "claimcheck-audit[postgres]"'
        ) from None
    return psycopg


_RECORD_COLUMNS = "doi, status, agency, message, fetched_at"


class PgTables:
    """The store's tables on a PostgreSQL server, reached by ``url``; rows in, rows out.

    Record rows are ``(doi, status, agency, message_json, fetched_at)``; search
    rows ``(query, hits_json, fetched_at)``. Opening applies the missing migrations.

    Raises
    ------
    StoreError
        When the server cannot be reached or the schema cannot be used; the
        message names the URL without its password.
    ConfigurationError
        When psycopg is not installed.
    """

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self.url = url
        self.where = redact(url)
        self._pg = _psycopg()
        self._lock = threading.Lock()
        try:
            self._conn = self._pg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except self._pg.Error as exc:
            raise self._error("cannot be reached", exc) from exc
        try:
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def _migrate(self) -> None:
        try:
            with self._lock, self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                self._conn.execute(
                    "CREATE TABLE IF NOT EXISTS claimcheck_meta (key TEXT PRIMARY KEY, value TEXT)"
                )
                row = self._conn.execute(
                    "SELECT value FROM claimcheck_meta WHERE key = 'schema_version'"
                ).fetchone()
                version = int(row[0]) if row else 0
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"record store {self.where} has schema version {version}, made by a newer claimcheck "
                        f"(this one knows up to {SCHEMA_VERSION}); upgrade claimcheck, or use another "
                        f"database with store=..., --store or ${STORE_ENV}"
                    )
                for step in MIGRATIONS[version:]:
                    for sql in step:
                        self._conn.execute(sql)
                self._conn.execute(
                    "INSERT INTO claimcheck_meta (key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(SCHEMA_VERSION),),
                )
        except self._pg.Error as exc:
            raise self._error("cannot be set up", exc) from exc

    def _error(self, what: str, exc: BaseException) -> StoreError:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return StoreError(
            f"record store {self.where} {what}: {detail}. Check the server and the URL (store=..., --store "
            f"or ${STORE_ENV}), or run without a shared store (store=False)."
        )

    # -- rows -------------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version the database is at."""
        rows = self._query("SELECT value FROM claimcheck_meta WHERE key = 'schema_version'", ())
        return int(rows[0][0]) if rows else 0

    def select_records(self, keys: list[str]) -> list[Row]:
        """The record rows of ``keys`` (normalised DOIs), fresh or not."""
        out: list[Row] = []
        for start in range(0, len(keys), 1000):
            sql = f"SELECT {_RECORD_COLUMNS} FROM records WHERE doi = ANY(%s)"
            out += self._query(sql, (keys[start : start + 1000],))
        return out

    def all_records(self) -> list[Row]:
        return self._query(f"SELECT {_RECORD_COLUMNS} FROM records ORDER BY doi", ())

    def count_records(self) -> int:
        return int(self._query("SELECT count(*) FROM records", ())[0][0])

    def upsert_records(self, rows: list[Row]) -> None:
        """Write record rows in one transaction, in DOI order (one lock order for every writer)."""
        latest = {row[0]: row for row in rows}  # one row per DOI: the last given wins, as in SQLite
        self._write(
            f"INSERT INTO records ({_RECORD_COLUMNS}) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (doi) DO UPDATE SET status = excluded.status, agency = excluded.agency, "
            "message = excluded.message, fetched_at = excluded.fetched_at, written_at = now()",
            [latest[k] for k in sorted(latest)],
        )

    def select_search(self, query: str) -> Row | None:
        rows = self._query("SELECT hits, fetched_at FROM searches WHERE query = %s", (query,))
        return rows[0] if rows else None

    def upsert_search(self, row: Row) -> None:
        self._write(
            "INSERT INTO searches (query, hits, fetched_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (query) DO UPDATE SET hits = excluded.hits, fetched_at = excluded.fetched_at",
            [row],
        )

    def select_pubmed(self, keys: list[str]) -> list[Row]:
        """The PubMed rows of ``keys`` (``doi:...``, ``pmid:...``), fresh or not."""
        sql = "SELECT key, status, pmid, medline, fetched_at FROM pubmed WHERE key = ANY(%s)"
        return [
            row
            for start in range(0, len(keys), 1000)
            for row in self._query(sql, (keys[start : start + 1000],))
        ]

    def upsert_pubmed(self, rows: list[Row]) -> None:
        """Write PubMed rows in one transaction, in key order."""
        latest = {row[0]: row for row in rows}
        self._write(
            "INSERT INTO pubmed (key, status, pmid, medline, fetched_at) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET status = excluded.status, pmid = excluded.pmid, "
            "medline = excluded.medline, fetched_at = excluded.fetched_at",
            [latest[k] for k in sorted(latest)],
        )

    def clear(self) -> None:
        self._write("DELETE FROM records", [()])
        self._write("DELETE FROM searches", [()])
        self._write("DELETE FROM pubmed", [()])

    # -- the connection ---------------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[Row]:
        with self._lock:
            try:
                return list(self._conn.execute(sql, params).fetchall())
            except self._pg.Error as exc:
                raise self._error("cannot be read", exc) from exc

    def _write(self, sql: str, rows: list[Row]) -> None:
        if not rows:
            return
        errors = self._pg.errors
        retry = (errors.DeadlockDetected, errors.SerializationFailure)
        with self._lock:
            for attempt in range(_RETRIES):
                try:
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        cur.executemany(sql, rows)
                    return
                except retry as exc:
                    if attempt == _RETRIES - 1:
                        raise self._error("cannot be written", exc) from exc
                    time.sleep(0.05 * (attempt + 1))
                except self._pg.Error as exc:
                    raise self._error("cannot be written", exc) from exc

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()
