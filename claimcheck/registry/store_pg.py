"""The record store in PostgreSQL: one cache shared by a team, or by every worker of a cluster.

:class:`PostgresStore` keeps the same rows as the SQLite
:class:`~claimcheck.registry.store.RecordStore` (``records``: one row per
normalised DOI with the registry's definite answer; ``searches``: the hits of
bibliographic searches), with the same time-to-live rules and the same methods
(the :class:`~claimcheck.registry.store.Store` protocol), so the store's test
suite runs unchanged on both. It is chosen by a URL: ``store="postgresql://..."``,
``--store postgresql://...`` or ``CLAIMCHECK_STORE=postgresql://...``.

Concurrent writers: each :meth:`PostgresStore.put_many` is one transaction of
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

import json
import re
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from claimcheck.errors import ConfigurationError, StoreError
from claimcheck.registry.store import StoredRecord
from claimcheck.settings import STORE_ENV

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PostgresStore", "redact"]

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


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _key(doi: str) -> str:
    return doi.strip().lower()


class PostgresStore:
    """Registry answers in PostgreSQL, one row per DOI, with a time-to-live.

    Parameters
    ----------
    url:
        A ``postgresql://`` (or ``postgres://``) connection URL; libpq
        parameters such as ``?options=-csearch_path%3Dclaimcheck`` pick a schema.
    ttl_resolved, ttl_not_found:
        How long answers stay fresh (as for :class:`~claimcheck.registry.store.RecordStore`).
    timeout:
        Seconds to wait for the server to answer a connection.

    Raises
    ------
    StoreError
        When the server cannot be reached or the schema cannot be used; the
        message names the URL (without its password).
    ConfigurationError
        When psycopg is not installed.
    """

    def __init__(
        self,
        url: str,
        *,
        ttl_resolved: timedelta = timedelta(days=30),
        ttl_not_found: timedelta = timedelta(days=7),
        timeout: float = 30.0,
    ) -> None:
        self.url = url
        self.path = redact(url)  # what messages and the corpus runner show; no password
        self.ttl = {"resolved": ttl_resolved, "elsewhere": ttl_resolved, "not_found": ttl_not_found}
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

    # -- schema -----------------------------------------------------------------------------------

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
                        f"record store {self.path} has schema version {version}, made by a newer claimcheck "
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

    def schema_version(self) -> int:
        """The schema version the database is at."""
        rows = self._query("SELECT value FROM claimcheck_meta WHERE key = 'schema_version'", ())
        return int(rows[0][0]) if rows else 0

    def _error(self, what: str, exc: BaseException) -> StoreError:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return StoreError(
            f"record store {self.path} {what}: {detail}. Check the server and the URL (store=..., --store or "
            f"${STORE_ENV}), or run without a shared store (store=False)."
        )

    # -- reading ------------------------------------------------------------------------------------

    def get(self, doi: str, *, now: datetime | None = None) -> StoredRecord | None:
        """The fresh record for ``doi`` (any case), or ``None`` when absent or expired."""
        return self.get_many([doi], now=now).get(_key(doi))

    def get_many(self, dois: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredRecord]:
        """Fresh records for ``dois``, keyed by normalised (lower-case) DOI."""
        keys = sorted({_key(d) for d in dois})
        found: dict[str, StoredRecord] = {}
        for start in range(0, len(keys), 1000):
            rows = self._query(
                "SELECT doi, status, agency, message, fetched_at FROM records WHERE doi = ANY(%s)",
                (keys[start : start + 1000],),
            )
            for row in rows:
                record = _from_row(row)
                if self.is_fresh(record, now=now):
                    found[record.doi] = record
        return found

    def is_fresh(self, record: StoredRecord, *, now: datetime | None = None) -> bool:
        """Whether ``record`` is younger than its status's time-to-live."""
        return record.age(now) < self.ttl[record.status]

    def __iter__(self) -> Iterator[StoredRecord]:
        """Every row, fresh or not."""
        rows = self._query("SELECT doi, status, agency, message, fetched_at FROM records ORDER BY doi", ())
        return iter([_from_row(row) for row in rows])

    def __len__(self) -> int:
        """The number of rows, fresh or not."""
        return int(self._query("SELECT count(*) FROM records", ())[0][0])

    # -- writing ------------------------------------------------------------------------------------

    def put(self, record: StoredRecord) -> None:
        """Store one record (replacing the DOI's previous row)."""
        self.put_many([record])

    def put_many(self, records: Iterable[StoredRecord]) -> int:
        """Store records in one transaction; return how many were written."""
        given = list(records)
        latest = {r.doi: r for r in given}  # one row per DOI: the last given wins, as in SQLite
        rows = [
            (r.doi, r.status, r.agency, None if r.message is None else json.dumps(r.message), r.fetched_at)
            for r in sorted(latest.values(), key=lambda r: r.doi)  # one lock order for every writer
        ]
        if rows:
            self._write(
                "INSERT INTO records (doi, status, agency, message, fetched_at) VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT (doi) DO UPDATE SET status = excluded.status, agency = excluded.agency, "
                "message = excluded.message, fetched_at = excluded.fetched_at, written_at = now()",
                rows,
            )
        return len(given)

    def clear(self) -> None:
        """Delete every row (records and searches)."""
        self._write("DELETE FROM records", [()])
        self._write("DELETE FROM searches", [()])

    # -- bibliographic searches -----------------------------------------------------------------------

    def get_search(self, query: str, *, now: datetime | None = None) -> list[tuple[str, float | None]] | None:
        """The fresh hits ``[(doi, score), ...]`` stored for ``query``, or ``None``."""
        rows = self._query("SELECT hits, fetched_at FROM searches WHERE query = %s", (query,))
        if not rows:
            return None
        hits, fetched_at = rows[0]
        when = datetime.fromisoformat(fetched_at)
        when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        if (now or _now()) - when >= self.ttl["resolved"]:
            return None
        return [(str(doi), None if score is None else float(score)) for doi, score in json.loads(hits)]

    def put_search(
        self, query: str, hits: Iterable[tuple[str, float | None]], fetched_at: str | None = None
    ) -> None:
        """Store the hits of ``query`` (their records go in with :meth:`put_many`)."""
        row = (query, json.dumps([[d, s] for d, s in hits]), fetched_at or _now().isoformat())
        self._write(
            "INSERT INTO searches (query, hits, fetched_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (query) DO UPDATE SET hits = excluded.hits, fetched_at = excluded.fetched_at",
            [row],
        )

    # -- the connection ----------------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return list(self._conn.execute(sql, params).fetchall())
            except self._pg.Error as exc:
                raise self._error("cannot be read", exc) from exc

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
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

    # -- life cycle -----------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            size = f"{len(self)} records"
        except StoreError:
            size = "closed"
        return f"<PostgresStore {self.path} {size}>"


def _from_row(row: tuple[Any, ...]) -> StoredRecord:
    doi, status, agency, message, fetched_at = row
    return StoredRecord(doi, status, fetched_at, agency, None if message is None else json.loads(message))
