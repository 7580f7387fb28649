"""The record store's values: one definite registry answer per DOI or PubMed key, and its rows.

:class:`StoredRecord` (a Crossref or DataCite answer for a DOI) and :class:`StoredPubmed` (a
PubMed answer) are what both stores (:mod:`claimcheck.registry.store`: SQLite, and PostgreSQL
through :mod:`claimcheck.registry.store_pg`) keep and give back. A row read from either is
checked field by field (:func:`sound_records`): a damaged row is skipped with one warning, so its
DOI is asked again, never trusted.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from claimcheck.model import Resolution, Status, Work
from claimcheck.registry.works import work_from_crossref, work_from_datacite

__all__ = [
    "AGENCY_LABELS",
    "STATUSES",
    "RecordStatus",
    "StoredPubmed",
    "StoredRecord",
    "doi_key",
    "fresh_records",
    "from_row",
    "pubmed_fresh",
    "sound_records",
    "to_row",
    "utc_now",
    "warn_damaged",
]

RecordStatus = Literal["resolved", "not_found", "elsewhere"]
STATUSES = ("resolved", "not_found", "elsewhere")
AGENCY_LABELS = {"crossref": "Crossref", "datacite": "DataCite", "medra": "mEDRA", "jalc": "JaLC"}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def doi_key(doi: str) -> str:
    return doi.strip().lower()


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One definite registry answer for a DOI.

    Build them with :meth:`resolved`, :meth:`not_found` or :meth:`elsewhere`.

    Examples
    --------
    >>> StoredRecord.resolved("10.1000/X", {"DOI": "10.1000/x"}).doi
    '10.1000/x'
    """

    doi: str
    status: RecordStatus
    fetched_at: str
    agency: str | None = None
    message: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    #: ``message`` read as a work, kept once the store has read it so (to check the row).
    work: Work | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"a stored record's status is one of {STATUSES}, not {self.status!r}")
        if self.status == "resolved" and self.message is None:
            raise ValueError(f"a resolved record needs its Crossref message ({self.doi})")

    @classmethod
    def resolved(cls, doi: str, message: Mapping[str, Any], fetched_at: str | None = None) -> StoredRecord:
        """Crossref answered with a work ``message``."""
        return cls(doi_key(doi), "resolved", fetched_at or utc_now().isoformat(), "crossref", message)

    @classmethod
    def not_found(cls, doi: str, fetched_at: str | None = None) -> StoredRecord:
        """Neither the works route nor the agency route knows the DOI."""
        return cls(doi_key(doi), "not_found", fetched_at or utc_now().isoformat())

    @classmethod
    def elsewhere(cls, doi: str, agency: str, fetched_at: str | None = None) -> StoredRecord:
        """Another agency (DataCite, mEDRA, ...) registered the DOI."""
        return cls(doi_key(doi), "elsewhere", fetched_at or utc_now().isoformat(), agency)

    def to_resolution(self, doi: str, *, from_store: bool = True) -> Resolution:
        """The :class:`~claimcheck.model.Resolution` this answer gives ``doi`` (the DOI as asked).

        ``elsewhere`` becomes ``unchecked`` with ``agency`` set and the reason
        ``registered with DataCite, not Crossref``: not missing, but not
        readable from Crossref either.

        Raises
        ------
        ValueError
            When a ``resolved`` record's message is not a work of its agency.

        Examples
        --------
        >>> StoredRecord.elsewhere("10.5284/1011335", "datacite").to_resolution("10.5284/1011335")
        <Resolution doi:10.5284/1011335 unchecked (registered with DataCite, not Crossref)>
        """
        when, stored = self.fetched_at, from_store
        if self.status == "not_found":
            return Resolution(doi, Status.NOT_FOUND, fetched_at=when, from_store=stored)
        if self.status == "elsewhere":
            agency = self.agency or "another agency"
            reason = f"registered with {AGENCY_LABELS.get(agency, agency)}, not Crossref"
            return Resolution(
                doi, Status.UNCHECKED, reason=reason, agency=agency, fetched_at=when, from_store=stored
            )
        agency = self.agency or "crossref"
        work = self.work
        if work is None:
            work = (work_from_datacite if agency == "datacite" else work_from_crossref)(self.message or {})
        return Resolution(doi, Status.RESOLVED, work, agency=agency, fetched_at=when, from_store=stored)

    def age(self, now: datetime | None = None) -> timedelta:
        """Time since the record was fetched."""
        fetched = datetime.fromisoformat(self.fetched_at)
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=timezone.utc)
        return (now or utc_now()) - fetched


@dataclass(frozen=True, slots=True)
class StoredPubmed:
    """One definite PubMed answer: a MEDLINE record found (``found``), or none for the DOI/PMID.

    >>> StoredPubmed("doi:10.1/x", "not_found", None, None, "2026-01-01T00:00:00+00:00").status
    'not_found'
    """

    key: str
    status: str
    pmid: str | None
    medline: str | None
    fetched_at: str


def pubmed_fresh(answer: StoredPubmed, ttl: Mapping[str, timedelta], now: datetime | None) -> bool:
    """A PubMed answer is fresh like a Crossref one: found like ``resolved``, not found like ``not_found``."""
    when = datetime.fromisoformat(answer.fetched_at)
    age = (now or utc_now()) - (when if when.tzinfo else when.replace(tzinfo=timezone.utc))
    return age < ttl["resolved" if answer.status == "found" else "not_found"]


def to_row(r: StoredRecord) -> tuple[Any, ...]:
    return (r.doi, r.status, r.agency, None if r.message is None else json.dumps(r.message), r.fetched_at)


def from_row(row: tuple[Any, ...]) -> StoredRecord:
    doi, status, agency, message, fetched_at = row
    return StoredRecord(doi, status, fetched_at, agency, None if message is None else json.loads(message))


def parsed(row: tuple[Any, ...]) -> StoredRecord:
    """A row as a record, every field checked, or ``ValueError`` (bad JSON, status, date, shape)."""
    record = from_row(row)
    if record.message is not None and not isinstance(record.message, Mapping):
        raise ValueError(f"message is a {type(record.message).__name__}, not an object")
    if record.agency is not None and not isinstance(record.agency, str):
        raise ValueError("agency is not text")
    record.age()  # the date parses
    if record.status == "resolved":  # the record reads as a work, read once
        record = replace(record, work=record.to_resolution(record.doi).work)
    return record


def sound_records(rows: Iterable[tuple[Any, ...]], where: str) -> list[StoredRecord]:
    """The rows that parse; damaged ones are skipped with one warning naming them."""
    good, damaged = [], []
    for row in rows:
        try:
            good.append(parsed(row))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            damaged.append(str(row[0]) if row else "?")
    if damaged:
        warn_damaged(where, damaged)
    return good


def fresh_records(
    store: Any, rows: Iterable[tuple[Any, ...]], now: datetime | None
) -> dict[str, StoredRecord]:
    """Fresh, sound records by DOI. A row that does not parse is ignored (so its DOI is asked
    again, and the new answer replaces it) and named in one warning for the whole read."""
    records = sound_records(rows, str(store.path))
    return {r.doi: r for r in records if store.is_fresh(r, now=now)}


def warn_damaged(where: str, dois: list[str]) -> None:
    shown = ", ".join(dois[:5]) + (f" and {len(dois) - 5} more" if len(dois) > 5 else "")
    rows = "row" if len(dois) == 1 else "rows"
    warnings.warn(
        f"claimcheck: record store {where}: {len(dois)} damaged {rows} ignored and fetched again ({shown})",
        RuntimeWarning,
        stacklevel=5,
    )
