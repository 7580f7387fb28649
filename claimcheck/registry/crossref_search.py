"""Crossref's bibliographic search, behind :meth:`claimcheck.registry.crossref.CrossrefResolver.search`.

One ``/works?query.bibliographic=...&rows=N`` request through the resolver's
habanero client (this module imports no HTTP library: :mod:`claimcheck.registry.crossref`
stays the only habanero importer), under the resolver's throttle and retries.
The hits' records go into the record store as ``resolved`` rows and the hit
list into its ``searches`` table, so the same search is answered from the
store next time (and offline).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from claimcheck.errors import StoreError
from claimcheck.model import Work
from claimcheck.registry.envelope import Run as _Run
from claimcheck.registry.envelope import message as _message
from claimcheck.registry.resolve import SearchResult
from claimcheck.registry.store import StoredRecord
from claimcheck.registry.throttle import Failure

if TYPE_CHECKING:
    from claimcheck.registry.crossref import CrossrefResolver

__all__ = ["MAX_QUERY_CHARS", "search"]

#: A reference is far shorter; longer text is cut.
MAX_QUERY_CHARS = 1000


def search(resolver: CrossrefResolver, text: str, rows: int = 5) -> SearchResult:
    """The best ``rows`` (1 to 20) hits for ``text``, or ``unchecked`` with the reason.

    Examples
    --------
    >>> from claimcheck.registry.crossref import CrossrefResolver
    >>> search(CrossrefResolver(offline=True, store=False), "Smith J. A title. 2020.").reason
    'offline'
    """
    query = " ".join(text.split())[:MAX_QUERY_CHARS]
    rows = max(1, min(int(rows), 20))
    if not query:
        return SearchResult("ok")
    key = f"rows={rows} {query}"
    cached = _from_store(resolver, key)
    if cached is not None:
        return cached
    if resolver.offline:
        return SearchResult("unchecked", reason="offline")
    client = resolver._client
    body = resolver._call(_Run(None, map), "searches", client.works, query_bibliographic=query, limit=rows)
    if isinstance(body, Failure):
        return SearchResult("unchecked", reason=body.reason)
    items = _message(body, "work-list").get("items")
    if not isinstance(items, list):
        return SearchResult("unchecked", reason="malformed response")
    hits: list[tuple[Work, float | None, StoredRecord]] = []
    for item in items:
        try:
            record = StoredRecord.resolved(item["DOI"], item)
            work = record.to_resolution(record.doi).work
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # an odd item is skipped, the others still count
        score = item.get("score")
        if work is not None:
            hits.append((work, float(score) if isinstance(score, (int, float)) else None, record))
    resolver._save([r for _, _, r in hits])
    if resolver.store is not None:
        try:
            resolver.store.put_search(key, [(w.doi, s) for w, s, _ in hits])
        except StoreError as exc:
            warnings.warn(f"claimcheck: search not cached: {exc}", RuntimeWarning, stacklevel=3)
    return SearchResult("ok", tuple(w for w, _, _ in hits), tuple(s for _, s, _ in hits))


def _from_store(resolver: CrossrefResolver, key: str) -> SearchResult | None:
    store = resolver.store
    if store is None:
        return None
    hits = store.get_search(key)
    if hits is None:
        return None
    records = store.get_many([d for d, _ in hits])
    works = []
    for doi, _ in hits:
        record = records.get(doi)
        if record is None or record.status != "resolved":
            return None  # a hit's record expired: ask again
        work = record.to_resolution(doi).work
        if work is not None:
            works.append(work)
    return SearchResult("ok", tuple(works), tuple(s for _, s in hits), from_store=True)
