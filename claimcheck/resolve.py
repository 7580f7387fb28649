"""The resolver seam: how references get a registry's answer.

A *resolver* is anything with ``resolve(dois) -> Mapping[str, Resolution]`` that
answers every DOI it is given with exactly one :class:`~claimcheck.model.Resolution`.
The audit never talks to a registry directly; it is handed a resolver:

- :class:`claimcheck.crossref.CrossrefResolver` asks Crossref (habanero), with a
  record store in front;
- :class:`MemoryResolver` answers from records held in memory (notebooks, tests);
- :class:`OfflineResolver` answers every DOI ``unchecked (offline)``.

:func:`resolve_references` turns a reference list into one status per
reference: references without a usable DOI get ``invalid_doi`` or
``no_identifier`` here, without asking anybody.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from .model import Reference, Resolution, Status


@runtime_checkable
class Resolver(Protocol):
    """Answers DOIs. Must return one Resolution for every DOI asked, keyed by that DOI."""

    def resolve(self, dois: Sequence[str]) -> Mapping[str, Resolution]: ...


class OfflineResolver:
    """Answers every DOI ``unchecked`` with the reason given (``offline`` by default).

    >>> OfflineResolver().resolve(["10.1000/x"])["10.1000/x"].status.value
    'unchecked'
    """

    def __init__(self, reason: str = "offline") -> None:
        self.reason = reason

    def resolve(self, dois: Sequence[str]) -> dict[str, Resolution]:
        return {d: Resolution(d, Status.UNCHECKED, reason=self.reason) for d in dois}

    def __repr__(self) -> str:
        return f"<OfflineResolver reason={self.reason!r}>"


class MemoryResolver:
    """Answers from Crossref ``work`` messages held in memory.

    Parameters
    ----------
    records:
        Crossref work messages (the ``message`` object of ``/works/{doi}``), or
        whole response bodies (``{"status": "ok", "message": {...}}``).
    missing:
        What to say for a DOI not among ``records``: ``"not_found"`` (the
        records are the whole registry) or ``"unchecked"`` (they are a partial
        cache: say the DOI could not be checked).

    >>> r = MemoryResolver([{"DOI": "10.1000/x", "title": ["A title"]}])
    >>> r.resolve(["10.1000/X"])["10.1000/X"].work.title
    'A title'
    """

    def __init__(self, records: Iterable[Mapping[str, Any]] = (), *, missing: str = "not_found") -> None:
        from .works import work_from_crossref

        if missing not in {"not_found", "unchecked"}:
            raise ValueError("missing must be 'not_found' or 'unchecked'")
        self.missing = missing
        self._works = {}
        for record in records:
            message = record.get("message", record) if "message-type" in record else record
            work = work_from_crossref(message)
            self._works[work.doi.lower()] = work

    def resolve(self, dois: Sequence[str]) -> dict[str, Resolution]:
        out: dict[str, Resolution] = {}
        for doi in dois:
            work = self._works.get(doi.lower())
            if work is not None:
                out[doi] = Resolution(doi, Status.RESOLVED, work=work, agency="crossref")
            elif self.missing == "not_found":
                out[doi] = Resolution(doi, Status.NOT_FOUND, agency=None)
            else:
                out[doi] = Resolution(doi, Status.UNCHECKED, reason="not in the records held in memory")
        return out

    def __len__(self) -> int:
        return len(self._works)

    def __repr__(self) -> str:
        return f"<MemoryResolver {len(self._works)} records, missing={self.missing}>"


def resolve_references(references: Sequence[Reference], resolver: Resolver) -> dict[int, Resolution]:
    """Give every numbered reference one Resolution.

    References with no identifier at all get ``no_identifier``; those carrying
    a DOI that fails the syntax check get ``invalid_doi``; those with only a
    PMID, URL or ISBN stay ``unchecked`` (nothing here resolves those yet);
    the others are sent to ``resolver`` in one call (duplicates asked once). A resolver that forgets a DOI, or
    raises, leaves those references ``unchecked`` with the reason; it never
    stops the audit.
    """
    out: dict[int, Resolution] = {}
    wanted: dict[str, list[int]] = {}
    for i, ref in enumerate(references):
        key = ref.number if ref.number is not None else -(i + 1)
        if ref.doi:
            wanted.setdefault(ref.doi, []).append(key)
        elif ref.doi_raw:
            out[key] = Resolution(ref.doi_raw, Status.INVALID_DOI, reason=ref.doi_problem)
        elif ref.has_identifier:
            kind = "PMID" if ref.pmid else "PMCID" if ref.pmcid else "ISBN" if ref.isbn else "URL"
            out[key] = Resolution("", Status.UNCHECKED, reason=f"no DOI to resolve ({kind} only)")
        else:
            out[key] = Resolution("", Status.NO_IDENTIFIER, reason="no DOI, PMID, URL or ISBN")
    answers: Mapping[str, Resolution] = {}
    failure = None
    if wanted:
        try:
            answers = resolver.resolve(list(wanted))
        except Exception as exc:
            failure = f"resolver failed: {type(exc).__name__}: {exc}"
    for doi, keys in wanted.items():
        answer = answers.get(doi)
        if answer is None:
            answer = Resolution(doi, Status.UNCHECKED, reason=failure or "the resolver gave no answer")
        for key in keys:
            out[key] = answer
    return out
