"""The SQLite record store's schema: its version, its migrations, and opening a file read-only.

The version lives in SQLite's ``PRAGMA user_version``:

* ``0``: a file from before versions (a ``records`` table, perhaps no ``searches``);
* ``1``: ``records`` and ``searches``, the version stamped;
* ``2``: and ``pubmed`` (PubMed answers).

:func:`prepare` brings a writable file up to :data:`SCHEMA_VERSION` one step at
a time (each step in its own transaction) and refuses a file made by a newer
claimcheck. :func:`connect_read_only` opens a file that cannot be written
(read-only file or folder, read-only medium) for reading alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from claimcheck.errors import StoreError

__all__ = [
    "PUBMED_TABLE",
    "RECORDS_TABLE",
    "SCHEMA_VERSION",
    "SEARCHES_TABLE",
    "connect_read_only",
    "prepare",
    "version",
]

RECORDS_TABLE = """
CREATE TABLE IF NOT EXISTS records (
    doi        TEXT PRIMARY KEY,  -- normalised: stripped, lower case
    status     TEXT NOT NULL CHECK (status IN ('resolved', 'not_found', 'elsewhere')),
    agency     TEXT,              -- 'crossref', 'datacite', 'medra', ...
    message    TEXT,              -- the raw Crossref work message (JSON), when resolved
    fetched_at TEXT NOT NULL      -- UTC, ISO 8601
)
"""
SEARCHES_TABLE = """
CREATE TABLE IF NOT EXISTS searches (
    query      TEXT PRIMARY KEY,  -- the bibliographic query as sent, with its row count
    hits       TEXT NOT NULL,     -- JSON list of [doi, score], best first; the records are in `records`
    fetched_at TEXT NOT NULL      -- UTC, ISO 8601
)
"""
PUBMED_TABLE = """
CREATE TABLE IF NOT EXISTS pubmed (
    key        TEXT PRIMARY KEY,  -- 'doi:' + normalised DOI, or 'pmid:' + PMID
    status     TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
    pmid       TEXT,              -- the record's PMID, when found
    medline    TEXT,              -- the record's MEDLINE text (efetch), when found
    fetched_at TEXT NOT NULL      -- UTC, ISO 8601
)
"""
SCHEMA_VERSION = 2


def _to_1(conn: sqlite3.Connection) -> None:
    """Version 0 to 1: the ``searches`` table (bibliographic search hits) where it is missing."""
    conn.execute(RECORDS_TABLE)
    conn.execute(SEARCHES_TABLE)


def _to_2(conn: sqlite3.Connection) -> None:
    """Version 1 to 2: the ``pubmed`` table (PubMed answers by DOI or PMID)."""
    conn.execute(PUBMED_TABLE)


#: ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1``.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _to_1, 1: _to_2}


def version(conn: sqlite3.Connection) -> int:
    """The file's schema version (``PRAGMA user_version``)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def prepare(conn: sqlite3.Connection, where: str) -> None:
    """Create or migrate the tables of a writable file to :data:`SCHEMA_VERSION`.

    Raises
    ------
    StoreError
        When the file was made by a newer claimcheck (a higher version).
    sqlite3.Error
        When the file cannot be written (the caller may then open it read-only).
    """
    found = version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"record store {where} has schema version {found}, newer than this claimcheck reads "
            f"({SCHEMA_VERSION}); upgrade claimcheck, choose another file with store=..., or run "
            "with store=False"
        )
    for step in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    for table in (RECORDS_TABLE, SEARCHES_TABLE, PUBMED_TABLE):  # a table deleted by hand comes back
        conn.execute(table)


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """Open an existing file for reading only (``mode=ro``, else ``immutable=1`` for a read-only folder)."""
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(
                f"{uri}?{options}", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            conn.execute("SELECT count(*) FROM records").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
    assert last is not None
    raise last
