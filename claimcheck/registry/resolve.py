"""The resolver seam: how references get a registry's answer.

A *resolver* is anything with ``resolve(dois) -> Mapping[str, Resolution]`` that
answers every DOI it is given with exactly one :class:`~claimcheck.model.Resolution`.
The audit never talks to a registry directly; it is handed a resolver:

- :class:`claimcheck.registry.crossref.CrossrefResolver` asks Crossref (habanero), with a
  record store in front;
- :class:`MemoryResolver` answers from records held in memory (notebooks, tests);
- :class:`OfflineResolver` answers every DOI ``unchecked (offline)``.

:func:`resolve_references` turns a reference list into one status per
reference: references without a usable DOI get ``invalid_doi`` or
``no_identifier`` here, without asking anybody. Two optional helpers widen
what it can answer: a DataCite resolver (:class:`claimcheck.registry.datacite.DataciteResolver`)
for DOIs Crossref says DataCite registered, and a PMID resolver
(:class:`claimcheck.registry.pmid.PubmedResolver`) for references that carry a PMID
but no DOI.

A resolver may also *search* (the :class:`Searcher` protocol:
``search(text, rows) -> SearchResult``): :class:`claimcheck.registry.crossref.CrossrefResolver`
asks Crossref's ``query.bibliographic``; :class:`MemoryResolver` ranks the
records it holds. :mod:`claimcheck.verify.suggest` uses it to find DOIs for
references that lack one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from claimcheck.model import Reference, Resolution, Status, Work


@runtime_checkable
class Resolver(Protocol):
    """Answers DOIs. Must return one Resolution for every DOI asked, keyed by that DOI."""

    def resolve(self, dois: Sequence[str]) -> Mapping[str, Resolution]: ...


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one bibliographic search: never an exception.

    ``status`` is ``ok`` (``works`` holds the hits, best first, with the
    registry's relevance ``scores``) or ``unchecked`` (``reason`` says why:
    ``offline``, ``timeout``, ``rate-limited``, ...).
    """

    status: str
    works: tuple[Work, ...] = ()
    scores: tuple[float | None, ...] = ()
    reason: str | None = None
    from_store: bool = False

    def __repr__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"<SearchResult {self.status}{why} {len(self.works)} hits>"


@runtime_checkable
class Searcher(Protocol):
    """Finds registered works for a reference's text (an optional resolver capability)."""

    def search(self, text: str, rows: int = 5) -> SearchResult: ...


@runtime_checkable
class PmidResolver(Protocol):
    """Answers PMIDs: one Resolution per PMID asked (``agency="pubmed"``)."""

    def resolve_pmids(self, pmids: Sequence[str]) -> Mapping[str, Resolution]: ...


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
        from claimcheck.registry.works import work_from_crossref

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

    def search(self, text: str, rows: int = 5) -> SearchResult:
        """Rank the records held by fuzzy similarity to ``text`` (offline stand-in for a registry search).

        >>> r = MemoryResolver([{"DOI": "10.1/a", "title": ["Ketamine for depression"]},
        ...                     {"DOI": "10.1/b", "title": ["Aspirin and pain"]}])
        >>> r.search("Smith J. Ketamine for depression. 2020.", rows=1).works[0].doi
        '10.1/a'
        """
        from rapidfuzz import fuzz

        from claimcheck.text.fold import fold

        query = fold(text)
        scored = []
        for work in self._works.values():
            first = work.authors[0] if work.authors else None
            parts = [work.title, first and (first.family or first.name), work.container, work.volume]
            parts += [str(y) for y in work.years]
            scored.append((float(fuzz.token_set_ratio(query, fold(" ".join(p for p in parts if p)))), work))
        scored.sort(key=lambda pair: -pair[0])
        top = scored[: max(rows, 0)]
        return SearchResult("ok", tuple(w for _, w in top), tuple(s for s, _ in top))

    def __len__(self) -> int:
        return len(self._works)

    def __repr__(self) -> str:
        return f"<MemoryResolver {len(self._works)} records, missing={self.missing}>"


def resolve_references(
    references: Sequence[Reference],
    resolver: Resolver,
    *,
    datacite: Resolver | None = None,
    pubmed: PmidResolver | None = None,
) -> dict[int, Resolution]:
    """Give every numbered reference one Resolution.

    References with no identifier at all get ``no_identifier``; those carrying
    a DOI that fails the syntax check get ``invalid_doi``; those with only a
    PMID are asked of ``pubmed`` when given (else, like those with only a
    PMCID, URL or ISBN, they stay ``unchecked``); the others are sent to
    ``resolver`` in one call (duplicates asked once). DOIs the resolver reports
    as registered with DataCite are then asked of ``datacite`` when given; its
    answer replaces the resolver's only when it found the record. A resolver
    that forgets a DOI, or raises, leaves those references ``unchecked`` with
    the reason; it never stops the audit.

    Unnumbered entries are keyed ``-1``, ``-2``, ... by their position.

    Examples
    --------
    >>> from claimcheck.model import Reference
    >>> res = resolve_references([Reference(1, "1. A.", doi="10.1/a"), Reference(2, "2. B.")],
    ...                          MemoryResolver([{"DOI": "10.1/a"}]))
    >>> res[1].status.value, res[2].status.value
    ('resolved', 'no_identifier')
    """
    out: dict[int, Resolution] = {}
    wanted: dict[str, list[int]] = {}
    pmids: dict[str, list[int]] = {}
    for i, ref in enumerate(references):
        key = ref.number if ref.number is not None else -(i + 1)
        if ref.doi:
            wanted.setdefault(ref.doi, []).append(key)
        elif ref.doi_raw:
            out[key] = Resolution(ref.doi_raw, Status.INVALID_DOI, reason=ref.doi_problem)
        elif ref.pmid and pubmed is not None:
            pmids.setdefault(ref.pmid, []).append(key)
        elif ref.has_identifier:
            kind = "PMID" if ref.pmid else "PMCID" if ref.pmcid else "ISBN" if ref.isbn else "URL"
            out[key] = Resolution("", Status.UNCHECKED, reason=f"no DOI to resolve ({kind} only)")
        else:
            out[key] = Resolution("", Status.NO_IDENTIFIER, reason="no DOI, PMID, URL or ISBN")
    answers = _ask(resolver.resolve, list(wanted))
    if datacite is not None:
        answers.update(_from_datacite(answers, datacite))
    for doi, keys in wanted.items():
        for key in keys:
            out[key] = answers[doi]
    if pubmed is not None and pmids:
        by_pmid = _ask(pubmed.resolve_pmids, list(pmids), empty="")
        for pmid, keys in pmids.items():
            for key in keys:
                out[key] = by_pmid[pmid]
    return out


def _ask(fn: Any, keys: list[str], *, empty: str | None = None) -> dict[str, Resolution]:
    """Call a resolver; every key gets an answer, ``unchecked`` with the reason when it gave none."""
    if not keys:
        return {}
    failure = None
    try:
        answers = dict(fn(keys))
    except Exception as exc:  # a resolver's bug must not stop the audit: it is reported per reference
        answers, failure = {}, f"resolver failed: {type(exc).__name__}: {exc}"
    reason = failure or "the resolver gave no answer"
    return {
        k: answers.get(k) or Resolution(k if empty is None else empty, Status.UNCHECKED, reason=reason)
        for k in keys
    }


def _from_datacite(answers: Mapping[str, Resolution], datacite: Resolver) -> dict[str, Resolution]:
    """DataCite's records for the DOIs the resolver says DataCite registered (found ones only)."""
    elsewhere = [
        d
        for d, r in answers.items()
        if r.status is Status.UNCHECKED and (r.agency or "").lower() == "datacite"
    ]
    found = _ask(datacite.resolve, elsewhere)
    return {d: r for d, r in found.items() if r.status is Status.RESOLVED}
