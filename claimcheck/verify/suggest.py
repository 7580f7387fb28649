"""DOI suggestions: search the registry for references that lack a usable DOI, and validate.

A stage between resolution and the checks. :func:`suggest_dois` searches (a
:class:`~claimcheck.registry.resolve.Searcher`, e.g. Crossref's ``query.bibliographic``)
with the reference's text for each reference that

- has no DOI at all (``no-doi``),
- prints an invalid DOI (``invalid-doi``),
- prints a DOI the registry does not know (``doi-not-found``), or
- prints a DOI that resolves to a clearly different paper (``different-paper``),

and accepts a hit only when :func:`claimcheck.verify.match.validate_candidate` finds the
reference's own fields confirm it; when two different hits validate equally
well it says nothing. References resolved through PubMed by PMID get the DOI
PubMed lists (``pubmed``) when the record agrees with the reference.

A resolver that cannot search (offline, :class:`~claimcheck.registry.resolve.OfflineResolver`)
gives no suggestions; nothing here raises for network trouble.

The checks read the suggestions with :func:`suggestions_for`: from
``ctx.suggestions`` when the audit context has that field, else from
:func:`attach_suggestions` (held while the context lives).

>>> from claimcheck.model import Reference
>>> from claimcheck.registry.resolve import MemoryResolver, resolve_references
>>> searcher = MemoryResolver([{"DOI": "10.1/a", "title": ["Ketamine for treatment-resistant depression"],
...     "author": [{"family": "Hassan"}], "issued": {"date-parts": [[2021]]}, "volume": "5"}])
>>> ref = Reference(1, "1. Hassan K. Ketamine for treatment-resistant depression. J Psych. 2021;5:1-9.",
...                 authors=("Hassan K",), title="Ketamine for treatment-resistant depression", year=2021)
>>> suggest_dois([ref], resolve_references([ref], searcher), searcher)[1].doi
'10.1/a'
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Reference, Resolution, Status, Work
from claimcheck.registry.resolve import Searcher
from claimcheck.text.lazy import lazy_compile
from claimcheck.verify.compare import compare_reference, is_different_work
from claimcheck.verify.match import Evidence, validate_candidate

__all__ = ["Suggestion", "attach_suggestions", "search_text", "suggest_dois", "suggestions_for"]

_DOI_TEXT = lazy_compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)10\.\S+", re.IGNORECASE)
_URL_TEXT = lazy_compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_ID_TEXT = lazy_compile(r"\b(?:PMID|PMCID|ISBN)\s*:?\s*\S+", re.IGNORECASE)
_MARKER = lazy_compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s*")


@dataclass(frozen=True, slots=True, repr=False)
class Suggestion:
    """A DOI for a reference, found by search (or PubMed) and validated against its fields.

    ``reason`` says why one was looked for: ``no-doi``, ``invalid-doi``,
    ``doi-not-found``, ``different-paper`` or ``pubmed``; ``replaces`` is the
    DOI the article prints, when it prints one.
    """

    number: int
    doi: str
    work: Work
    evidence: Evidence | None
    reason: str
    replaces: str | None = None
    score: float | None = None

    def __repr__(self) -> str:
        return f"<Suggestion ref {self.number} doi:{self.doi} ({self.reason})>"


def search_text(ref: Reference) -> str:
    """The text to search with: the entry as printed, less its number, DOI, URL and identifiers.

    >>> search_text(Reference(3, "3. Smith J. A title. 2020. doi:10.1/x PMID: 123"))
    'Smith J. A title. 2020.'
    """
    text = _MARKER.sub("", ref.raw)
    for pattern in (_DOI_TEXT, _URL_TEXT, _ID_TEXT):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def suggest_dois(
    references: Sequence[Reference],
    resolutions: Mapping[int, Resolution],
    searcher: Any,
    *,
    rows: int = 5,
) -> dict[int, Suggestion]:
    """Validated DOI suggestions by reference number (see the module docstring).

    Parameters
    ----------
    references, resolutions:
        The parsed list and :func:`claimcheck.registry.resolve.resolve_references`'s answers.
    searcher:
        Anything with ``search(text, rows)`` (a :class:`~claimcheck.registry.resolve.Searcher`);
        anything else gives only PubMed-based suggestions.
    rows:
        Hits to validate per reference.
    """
    out: dict[int, Suggestion] = {}
    can_search = isinstance(searcher, Searcher)
    for ref in references:
        if ref.number is None:
            continue
        res = resolutions.get(ref.number)
        reason = _why_search(ref, res)
        if reason is None:
            continue
        if reason == "pubmed":
            found = _from_pubmed(ref, res)
        elif can_search and _searchable(ref):
            found = _search(ref, searcher, reason, rows)
        else:
            found = None
        if found is not None:
            out[ref.number] = found
    return out


def _why_search(ref: Reference, res: Resolution | None) -> str | None:
    if res is not None and res.status is Status.RESOLVED and res.work is not None:
        if res.agency == "pubmed" and not ref.doi:
            return "pubmed" if res.work.doi else None
        return "different-paper" if is_different_work(compare_reference(ref, res.work)) else None
    if ref.doi and res is not None and res.status is Status.NOT_FOUND:
        return "doi-not-found"
    if ref.doi:
        return None  # unchecked or registered elsewhere: nothing says it is wrong
    return "invalid-doi" if ref.doi_raw else "no-doi"


def _searchable(ref: Reference) -> bool:
    """Worth a search: a title, or authors with a year; and a few words in all."""
    return len(search_text(ref).split()) >= 4 and bool(ref.title or (ref.authors and ref.year))


def _search(ref: Reference, searcher: Searcher, reason: str, rows: int) -> Suggestion | None:
    result = searcher.search(search_text(ref), rows=rows)
    if result.status != "ok":
        return None  # could not ask: silence, never a guess
    accepted: list[tuple[int, float, int, Work, Evidence, float | None]] = []
    for rank, work in enumerate(result.works):
        if ref.doi and work.doi == ref.doi.lower():
            continue  # the DOI already printed is not a suggestion
        ok, evidence = validate_candidate(ref, work)
        if ok:
            score = result.scores[rank] if rank < len(result.scores) else None
            accepted.append((len(evidence.agreeing), evidence.title, -rank, work, evidence, score))
    if not accepted:
        return None
    accepted.sort(key=lambda a: (a[0], a[1], a[2]), reverse=True)
    best = accepted[0]
    if len(accepted) > 1 and accepted[1][:2] == best[:2] and accepted[1][3].doi != best[3].doi:
        return None  # two different works fit equally well: prefer silence
    assert ref.number is not None
    replaces = ref.doi or ref.doi_raw
    return Suggestion(ref.number, best[3].doi, best[3], best[4], reason, replaces, best[5])


def _from_pubmed(ref: Reference, res: Resolution | None) -> Suggestion | None:
    assert res is not None and res.work is not None and ref.number is not None
    if is_different_work(compare_reference(ref, res.work)):
        return None
    ok, evidence = validate_candidate(ref, res.work)
    return Suggestion(ref.number, res.work.doi, res.work, evidence, "pubmed") if ok else None


# -- carrying the suggestions to the checks ---------------------------------------------------------

_HELD: dict[int, tuple[weakref.ref[Any], Mapping[int, Suggestion]]] = {}


def attach_suggestions(ctx: Any, suggestions: Mapping[int, Suggestion]) -> None:
    """Hold ``suggestions`` for the audit context ``ctx`` (while it lives) for :func:`suggestions_for`."""
    key = id(ctx)
    _HELD[key] = (weakref.ref(ctx, lambda _: _HELD.pop(key, None)), dict(suggestions))


def suggestions_for(ctx: Any) -> Mapping[int, Suggestion]:
    """The audit's suggestions: ``ctx.suggestions`` if the context has it, else attached ones, else none."""
    own = getattr(ctx, "suggestions", None)
    if isinstance(own, Mapping) and own:
        return own
    held = _HELD.get(id(ctx))
    if held is not None and held[0]() is ctx:
        return held[1]
    return {}
