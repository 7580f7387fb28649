"""The record store: Crossref answers kept on disk between audits.

One SQLite file (stdlib :mod:`sqlite3`) with one row per normalised DOI: the
registry's answer (``resolved`` with the raw Crossref ``message``, or the
DataCite ``data`` object when ``agency`` is ``datacite``,
``not_found``, or ``elsewhere`` when another agency such as DataCite registered
the DOI), the agency, and when it was fetched (UTC). Failures (offline,
timeouts, rate limits, server errors) are never stored: a row is always a
definite answer.

Rows expire: a read ignores a row older than its time-to-live (30 days for
answers, 7 days for ``not_found``, which is likelier to change). The file is
opened in WAL mode with a busy timeout, and every write is one ``BEGIN
IMMEDIATE`` transaction, so two notebooks auditing at once wait for each other
instead of corrupting it.

PubMed answers live beside them (table ``pubmed``, keyed ``doi:...`` or
``pmid:...``): a MEDLINE record found is fresh for 30 days, "no PMID for this
DOI" for 7; errors are never stored.

Where the file lives: the ``path`` argument, else ``$CLAIMCHECK_STORE``, else
``records.sqlite3`` in the per-user cache directory (:mod:`platformdirs`).
``":memory:"`` keeps it in memory (tests).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import warnings
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol, Self, TypeAlias, runtime_checkable

from claimcheck.errors import StoreError
from claimcheck.registry import store_schema
from claimcheck.registry.records import (
    StoredPubmed,
    StoredRecord,
    doi_key,
    fresh_records,
    pubmed_fresh,
    sound_records,
    to_row,
    utc_now,
    warn_damaged,
)
from claimcheck.settings import STORE_ENV

__all__ = [
    "STORE_ENV",
    "PostgresStore",
    "RecordStore",
    "Store",
    "StoreOption",
    "StoredPubmed",
    "StoredRecord",
    "default_store_path",
    "is_store_url",
    "open_store",
]


@runtime_checkable
class Store(Protocol):
    """What a record store does, whatever keeps it: :class:`RecordStore` (SQLite, the default)
    or :class:`claimcheck.registry.store_pg.PostgresStore` (a ``postgresql://`` URL).

    ``path`` names it in messages (a file, ``":memory:"``, or a URL without its password).
    """

    path: Any
    ttl: dict[str, timedelta]

    def get(self, doi: str, *, now: datetime | None = None) -> StoredRecord | None: ...
    def get_many(self, dois: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredRecord]: ...
    def is_fresh(self, record: StoredRecord, *, now: datetime | None = None) -> bool: ...
    def put(self, record: StoredRecord) -> None: ...
    def put_many(self, records: Iterable[StoredRecord]) -> int: ...
    def clear(self) -> None: ...
    def get_search(
        self, query: str, *, now: datetime | None = None
    ) -> list[tuple[str, float | None]] | None: ...
    def put_search(
        self, query: str, hits: Iterable[tuple[str, float | None]], fetched_at: str | None = None
    ) -> None: ...
    def get_pubmed(self, keys: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredPubmed]: ...
    def put_pubmed(self, answers: Iterable[StoredPubmed]) -> int: ...
    def close(self) -> None: ...
    def __enter__(self) -> Any: ...
    def __exit__(self, *exc: object) -> None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[StoredRecord]: ...


def is_store_url(value: object) -> bool:
    """Whether ``value`` is a ``postgresql://`` (or ``postgres://``) URL naming a PostgreSQL store.

    >>> is_store_url("postgresql://localhost/claimcheck"), is_store_url("records.sqlite3")
    (True, False)
    """
    return isinstance(value, str) and value.strip().lower().startswith(("postgresql://", "postgres://"))


def default_store_path() -> Path:
    """``$CLAIMCHECK_STORE``, else ``records.sqlite3`` in the user's cache directory.

    Examples
    --------
    >>> default_store_path().name  # doctest: +SKIP
    'records.sqlite3'
    """
    env = os.environ.get(STORE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimcheck", appauthor=False)) / "records.sqlite3"


class _Closing:
    """What both stores do around :meth:`close`: a context manager, and a repr with the size."""

    path: str | Path

    def close(self) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            size = f"{len(self)} records"
        except StoreError:
            size = "closed"
        return f"<{type(self).__name__} {self.path} {size}>"


class RecordStore(_Closing):
    """Crossref answers in an SQLite file, one row per DOI, with a time-to-live.

    Parameters
    ----------
    path:
        The SQLite file; ``None`` for :func:`default_store_path`, ``":memory:"``
        for a store that lives as long as the object.
    ttl_resolved:
        How long ``resolved`` and ``elsewhere`` rows are fresh.
    ttl_not_found:
        How long ``not_found`` rows are fresh.
    timeout:
        Seconds to wait for another process holding the write lock.

    Raises
    ------
    StoreError
        When the file cannot be created, opened or read (a directory, a
        read-only place, not an SQLite file); the message names the path.

    Examples
    --------
    >>> with RecordStore(":memory:") as store:
    ...     n = store.put_many([StoredRecord.not_found("10.1000/nothing")])
    ...     store.get("10.1000/NOTHING").status
    'not_found'
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        ttl_resolved: timedelta = timedelta(days=30),
        ttl_not_found: timedelta = timedelta(days=7),
        timeout: float = 30.0,
    ) -> None:
        if is_store_url(path) or (path is None and is_store_url(os.environ.get(STORE_ENV, "").strip())):
            raise StoreError(
                "RecordStore is the SQLite store; for a postgresql:// URL use open_store(url) or "
                "claimcheck.registry.store_pg.PostgresStore(url)"
            )
        self.path = ":memory:" if str(path) == ":memory:" else Path(path or default_store_path())
        self.ttl = {"resolved": ttl_resolved, "elsewhere": ttl_resolved, "not_found": ttl_not_found}
        self._lock = threading.Lock()
        #: True when the file could only be opened for reading: writes are skipped.
        self.read_only = False
        self._conn = self._open(timeout)

    # -- opening -----------------------------------------------------------------

    def _open(self, timeout: float) -> sqlite3.Connection:
        if isinstance(self.path, Path):
            self._prepare_directory(self.path)
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            if isinstance(self.path, Path) and self.path.is_file():
                return self._open_read_only(timeout, exc)
            raise self._error("cannot be opened", exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            store_schema.prepare(conn, str(self.path))
            conn.execute("SELECT count(*) FROM records").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            if isinstance(self.path, Path) and self.path.is_file() and _is_read_only_error(exc):
                return self._open_read_only(timeout, exc)
            raise self._error("cannot be used", exc) from exc
        except StoreError:
            conn.close()
            raise
        return conn

    def _open_read_only(self, timeout: float, cause: sqlite3.Error) -> sqlite3.Connection:
        """A file that cannot be written: read from it, write nothing, say so once."""
        assert isinstance(self.path, Path)
        try:
            conn = store_schema.connect_read_only(self.path, timeout)
        except sqlite3.Error as exc:
            raise self._error("cannot be opened, even for reading", exc) from cause
        self.read_only = True
        warnings.warn(
            f"claimcheck: record store {self.path} is read-only ({cause}); its answers are used, "
            "new ones are not kept. Make it writable or choose another file with store=...",
            RuntimeWarning,
            stacklevel=4,
        )
        return conn

    def _prepare_directory(self, path: Path) -> None:
        if path.is_dir():
            raise StoreError(
                f"record store {path} is a directory; give a file path instead "
                f"(store=..., --store or ${STORE_ENV}), e.g. {path / 'records.sqlite3'}"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._error("cannot be created", exc) from exc

    def _error(self, what: str, exc: BaseException) -> StoreError:
        return StoreError(
            f"record store {self.path} {what}: {exc}. Choose another file with store=..., --store or "
            f"${STORE_ENV}; delete the file if it is damaged (it is only a cache); or run without a "
            f"store (store=False)."
        )

    # -- reading -------------------------------------------------------------------

    def get(self, doi: str, *, now: datetime | None = None) -> StoredRecord | None:
        """The fresh record for ``doi`` (any case), or ``None`` when absent or expired."""
        return self.get_many([doi], now=now).get(doi_key(doi))

    def get_many(self, dois: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredRecord]:
        """Fresh records for ``dois``, keyed by normalised (lower-case) DOI."""
        keys = sorted({doi_key(d) for d in dois})
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows += self._query(f"SELECT * FROM records WHERE doi IN ({marks})", chunk)
        return fresh_records(self, rows, now)

    def is_fresh(self, record: StoredRecord, *, now: datetime | None = None) -> bool:
        """Whether ``record`` is younger than its status's time-to-live."""
        return record.age(now) < self.ttl[record.status]

    def __iter__(self) -> Iterator[StoredRecord]:
        """Every row, fresh or not."""
        return iter(sound_records(self._query("SELECT * FROM records ORDER BY doi", ()), str(self.path)))

    def __len__(self) -> int:
        """The number of rows, fresh or not."""
        return int(self._query("SELECT count(*) FROM records", ())[0][0])

    # -- writing -------------------------------------------------------------------

    def put(self, record: StoredRecord) -> None:
        """Store one record (replacing the DOI's previous row)."""
        self.put_many([record])

    def put_many(self, records: Iterable[StoredRecord]) -> int:
        """Store records in one transaction; return how many were written."""
        rows = [
            (r.doi, r.status, r.agency, None if r.message is None else json.dumps(r.message), r.fetched_at)
            for r in records
        ]
        if self.read_only:
            return 0
        if rows:
            self._write(
                "INSERT INTO records (doi, status, agency, message, fetched_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(doi) DO UPDATE SET status = excluded.status, agency = excluded.agency, "
                "message = excluded.message, fetched_at = excluded.fetched_at",
                rows,
            )
        return len(rows)

    def clear(self) -> None:
        """Delete every row (records and searches)."""
        self._write("DELETE FROM records", [()])
        self._write("DELETE FROM searches", [()])
        self._write("DELETE FROM pubmed", [()])

    # -- bibliographic searches ---------------------------------------------------------

    def get_search(self, query: str, *, now: datetime | None = None) -> list[tuple[str, float | None]] | None:
        """The fresh hits ``[(doi, score), ...]`` stored for ``query``, or ``None``.

        Examples
        --------
        >>> with RecordStore(":memory:") as store:
        ...     store.put_search("rows=5 smith 2020", [("10.1000/x", 71.5)])
        ...     store.get_search("rows=5 smith 2020")
        [('10.1000/x', 71.5)]
        """
        rows = self._query("SELECT hits, fetched_at FROM searches WHERE query = ?", (query,))
        if not rows:
            return None
        hits, fetched_at = rows[0]
        when = datetime.fromisoformat(fetched_at)
        when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        if (now or utc_now()) - when >= self.ttl["resolved"]:
            return None
        return [(str(doi), None if score is None else float(score)) for doi, score in json.loads(hits)]

    def put_search(
        self, query: str, hits: Iterable[tuple[str, float | None]], fetched_at: str | None = None
    ) -> None:
        """Store the hits of ``query`` (their records go in with :meth:`put_many`)."""
        row = (query, json.dumps([[d, s] for d, s in hits]), fetched_at or utc_now().isoformat())
        if self.read_only:
            return
        self._write(
            "INSERT INTO searches (query, hits, fetched_at) VALUES (?, ?, ?) "
            "ON CONFLICT(query) DO UPDATE SET hits = excluded.hits, fetched_at = excluded.fetched_at",
            [row],
        )

    # -- PubMed answers (same freshness: found like ``resolved``, not found like ``not_found``) ----

    def get_pubmed(self, keys: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredPubmed]:
        """Fresh PubMed answers for ``keys`` (``doi:...`` lower case, or ``pmid:...``)."""
        wanted, found, damaged = sorted(set(keys)), {}, []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"SELECT * FROM pubmed WHERE key IN ({','.join('?' * len(chunk))})"
            try:
                rows = self._query(sql, chunk)
            except StoreError:
                if self.read_only:  # an older file opened read-only may have no pubmed table
                    return {}
                raise
            for row in rows:
                try:
                    answer = StoredPubmed(*row)
                    fresh = pubmed_fresh(answer, self.ttl, now)
                except (ValueError, TypeError, KeyError):
                    damaged.append(str(row[0]))
                    continue
                if fresh:
                    found[answer.key] = answer
        if damaged:
            warn_damaged(str(self.path), damaged)
        return found

    def put_pubmed(self, answers: Iterable[StoredPubmed]) -> int:
        """Store PubMed answers in one transaction; return how many were written."""
        rows = [(a.key, a.status, a.pmid, a.medline, a.fetched_at) for a in answers]
        if self.read_only:
            return 0
        if rows:
            self._write(
                "INSERT INTO pubmed (key, status, pmid, medline, fetched_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET status = excluded.status, pmid = excluded.pmid, "
                "medline = excluded.medline, fetched_at = excluded.fetched_at",
                rows,
            )
        return len(rows)

    def _query(self, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise self._error("cannot be read", exc) from exc

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany(sql, rows)
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._error("cannot be written", exc) from exc

    # -- life cycle ------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()


#: What ``store=`` accepts: a store, a path (or ``":memory:"``), a ``postgresql://`` URL,
#: ``None``/``True`` for the default (``$CLAIMCHECK_STORE``, a path or URL), ``False`` for none.
StoreOption: TypeAlias = "Store | str | os.PathLike[str] | bool | None"


def open_store(option: StoreOption) -> Store | None:
    """The store ``option`` names (see :data:`StoreOption`); ``None`` for ``False``.

    Raises
    ------
    StoreError
        When the file cannot be used (see :class:`RecordStore`).

    Examples
    --------
    >>> open_store(False) is None
    True
    >>> open_store(":memory:")
    <RecordStore :memory: 0 records>
    """
    if option is False:
        return None
    if isinstance(option, Store):
        return option
    if option is None or option is True:
        option = os.environ.get(STORE_ENV, "").strip() or None
    if is_store_url(option):
        return PostgresStore(str(option).strip())
    return RecordStore(option)


class PostgresStore(_Closing):
    """Registry answers in PostgreSQL (psycopg 3): the same rows, time-to-live and methods as
    :class:`RecordStore`, shared by every process that opens the same URL.

    The tables, schema versions, migrations and concurrent writes are
    :class:`claimcheck.registry.store_pg.PgTables`; this class turns rows into
    :class:`StoredRecord` values. ``path`` is the URL without its password.

    Raises
    ------
    StoreError
        When the server cannot be reached or its schema cannot be used.
    ConfigurationError
        When psycopg is not installed (``pip install "claimcheck-audit[postgres]"``).
    """

    def __init__(
        self,
        url: str,
        *,
        ttl_resolved: timedelta = timedelta(days=30),
        ttl_not_found: timedelta = timedelta(days=7),
        timeout: float = 30.0,
    ) -> None:
        from claimcheck.registry.store_pg import PgTables

        self.url = url
        self.ttl = {"resolved": ttl_resolved, "elsewhere": ttl_resolved, "not_found": ttl_not_found}
        self.tables = PgTables(url, timeout=timeout)
        self.path = self.tables.where

    def get(self, doi: str, *, now: datetime | None = None) -> StoredRecord | None:
        """The fresh record for ``doi`` (any case), or ``None`` when absent or expired."""
        return self.get_many([doi], now=now).get(doi_key(doi))

    def get_many(self, dois: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredRecord]:
        """Fresh records for ``dois``, keyed by normalised (lower-case) DOI."""
        return fresh_records(self, self.tables.select_records(sorted({doi_key(d) for d in dois})), now)

    def is_fresh(self, record: StoredRecord, *, now: datetime | None = None) -> bool:
        """Whether ``record`` is younger than its status's time-to-live."""
        return record.age(now) < self.ttl[record.status]

    def __iter__(self) -> Iterator[StoredRecord]:
        """Every row, fresh or not."""
        return iter(sound_records(self.tables.all_records(), str(self.path)))

    def __len__(self) -> int:
        """The number of rows, fresh or not."""
        return self.tables.count_records()

    def put(self, record: StoredRecord) -> None:
        """Store one record (replacing the DOI's previous row)."""
        self.put_many([record])

    def put_many(self, records: Iterable[StoredRecord]) -> int:
        """Store records in one transaction; return how many were written."""
        rows = [to_row(r) for r in records]
        self.tables.upsert_records(rows)
        return len(rows)

    def clear(self) -> None:
        """Delete every row (records and searches)."""
        self.tables.clear()

    def get_search(self, query: str, *, now: datetime | None = None) -> list[tuple[str, float | None]] | None:
        """The fresh hits ``[(doi, score), ...]`` stored for ``query``, or ``None``."""
        row = self.tables.select_search(query)
        return None if row is None else _fresh_hits(row[0], row[1], self.ttl["resolved"], now)

    def get_pubmed(self, keys: Iterable[str], *, now: datetime | None = None) -> dict[str, StoredPubmed]:
        """Fresh PubMed answers for ``keys`` (see :meth:`RecordStore.get_pubmed`)."""
        answers = (StoredPubmed(*row) for row in self.tables.select_pubmed(sorted(set(keys))))
        return {a.key: a for a in answers if pubmed_fresh(a, self.ttl, now)}

    def put_pubmed(self, answers: Iterable[StoredPubmed]) -> int:
        """Store PubMed answers in one transaction; return how many were written."""
        rows = [(a.key, a.status, a.pmid, a.medline, a.fetched_at) for a in answers]
        self.tables.upsert_pubmed(rows)
        return len(rows)

    def put_search(
        self, query: str, hits: Iterable[tuple[str, float | None]], fetched_at: str | None = None
    ) -> None:
        """Store the hits of ``query`` (their records go in with :meth:`put_many`)."""
        self.tables.upsert_search(
            (query, json.dumps([[d, s] for d, s in hits]), fetched_at or utc_now().isoformat())
        )

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.tables.close()


def _fresh_hits(
    hits: str, fetched_at: str, ttl: timedelta, now: datetime | None
) -> list[tuple[str, float | None]] | None:
    when = datetime.fromisoformat(fetched_at)
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    if (now or utc_now()) - when >= ttl:
        return None
    return [(str(doi), None if score is None else float(score)) for doi, score in json.loads(hits)]


def _is_read_only_error(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text
