"""Crossref, through habanero: the only module that imports it.

:class:`CrossrefResolver` answers every DOI it is asked with exactly one
:class:`~claimcheck.model.Resolution` and never lets a network failure escape:

1. fresh rows of the :class:`~claimcheck.registry.store.RecordStore` answer first;
2. offline, the rest are ``unchecked (offline)``;
3. the rest are asked in batches, many DOIs per request, with the works
   route's ``doi`` filter (``/works?filter=doi:A,doi:B&rows=2``);
4. each DOI a batch did not return is confirmed with its own lookup
   (``/works/{doi}``, the DOI percent-encoded: habanero sends it as given);
5. each DOI that lookup does not know is checked on the agency route
   (``/works/{doi}/agency``): a DOI registered with DataCite or mEDRA is
   ``unchecked`` with ``agency`` set and the reason ``registered with DataCite,
   not Crossref`` (claimcheck cannot read it from Crossref, and it is not
   missing); only a DOI the agency route does not know either is ``not_found``.
   Before that, a 404 must be shown to mean something: the same server is
   asked once per resolver for a known DOI (the canary); if it does not know
   that either (a wrong URL path, a proxy, an outage page), the DOIs are
   ``unchecked (registry misconfigured? ...)`` and nothing is stored.

:meth:`CrossrefResolver.prefetch` starts steps 1 and 3 in a thread for DOIs the audit has
only seen printed in the article, so the batch requests travel while the article is parsed;
:meth:`~CrossrefResolver.resolve` then takes the answers it is asked about.

Requests respect :class:`~claimcheck.registry.throttle.Limits` (rate, concurrency),
are retried with jittered exponential backoff on ``429`` and ``5xx`` (honouring
``Retry-After``), and end, when they cannot succeed, as ``unchecked`` with one
of the reasons ``offline``, ``timeout``, ``rate-limited``, ``server error
(503)``, ``malformed response``, ``network error``, ``unexpected response
(HTTP 400)``. Definite answers (resolved, not found, registered elsewhere) are
written to the store; failures never are.

:meth:`CrossrefResolver.search` asks the bibliographic search
(``/works?query.bibliographic=...&rows=5``) for a reference's text, under the
same throttle and retries, and answers with a
:class:`~claimcheck.registry.resolve.SearchResult` (``unchecked`` with the reason when
it could not ask); hits and their records are kept in the store, so an offline
audit finds them again.

The stages and their requests are in :mod:`claimcheck.registry.crossref_stages`; this module
keeps the client, the throttled and retried call, and the store.

habanero's quirks absorbed here: it raises bare httpx2 errors, its own
``RequestError`` (status and message only, the response reachable through
the exception's ``__context__``), ``RuntimeError`` around transport errors, or
``KeyError``/``TypeError``/``ValueError`` on odd bodies; it returns a dict or a
list; it opens a new HTTP client per request (hence batching).
"""

from __future__ import annotations

import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from claimcheck import settings
from claimcheck.errors import ConfigurationError, StoreError
from claimcheck.model import Resolution
from claimcheck.registry.crossref_stages import (
    Early,
    agency_stage,
    batch_stage,
    canary,
    encode_doi,
    lookup_stage,
    run_early,
    unchecked,
)
from claimcheck.registry.envelope import Run as _Run
from claimcheck.registry.records import doi_key
from claimcheck.registry.resolve import SearchResult
from claimcheck.registry.store import Store, StoredRecord, StoreOption, open_store
from claimcheck.registry.throttle import (
    POLITE_LIMITS,
    PUBLIC_LIMITS,
    Failure,
    Limits,
    Throttle,
    parse_retry_after,
    retry_delay,
)

__all__ = [
    "CROSSREF_URL",
    "POLITE_LIMITS",
    "PUBLIC_LIMITS",
    "CrossrefResolver",
    "Limits",
    "ResolveStats",
    "encode_doi",
    "make_resolver",
]

CROSSREF_URL = settings.CROSSREF_URL
DEFAULT_BATCH_SIZE = 50
PROGRESS_THRESHOLD = 5


@dataclass
class ResolveStats:
    """What a resolver did, summed over its calls.

    ``requests`` counts every HTTP request sent (retries included), of which
    ``batches`` to the ``doi`` filter, ``lookups`` to ``/works/{doi}`` and
    ``agency`` to the agency route, ``searches`` to the bibliographic search.
    ``from_store`` counts DOIs answered by the store, ``stored`` rows written to it.
    """

    requests: int = 0
    retries: int = 0
    batches: int = 0
    lookups: int = 0
    agency: int = 0
    searches: int = 0
    from_store: int = 0
    stored: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        """Add to counters, thread-safely."""
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def __repr__(self) -> str:
        return (
            f"<ResolveStats {self.requests} requests ({self.batches} batch, {self.lookups} single, "
            f"{self.agency} agency, {self.retries} retries), {self.from_store} from store>"
        )


def make_resolver(
    *,
    offline: bool | None = None,
    store: StoreOption = None,
    mailto: str | None = None,
    crossref_url: str | None = None,
    timeout: float | None = None,
    progress: bool | None = None,
) -> CrossrefResolver:
    """The resolver ``audit()`` uses: Crossref with the record store, settings from the environment.

    Arguments left out (``None``) come from ``CLAIMCHECK_OFFLINE``,
    ``CLAIMCHECK_MAILTO``, ``CLAIMCHECK_CROSSREF_URL`` and ``CLAIMCHECK_STORE``
    (see :mod:`claimcheck.settings`); ``offline=True`` or
    ``CLAIMCHECK_OFFLINE=1`` answers from the store alone.

    Examples
    --------
    >>> r = make_resolver(offline=True, store=False)
    >>> r.resolve(["10.1000/x"])["10.1000/x"].reason
    'offline'
    """
    return CrossrefResolver(
        base_url=crossref_url,
        mailto=mailto,
        timeout=timeout,
        store=store,
        offline=offline,
        progress=progress,
    )


class CrossrefResolver:
    """Resolves DOIs through Crossref (habanero), with a record store in front.

    Parameters
    ----------
    base_url:
        The API's root (default ``$CLAIMCHECK_CROSSREF_URL`` or
        ``https://api.crossref.org``).
    mailto:
        Contact address for Crossref's polite pool (default
        ``$CLAIMCHECK_MAILTO``). It selects :data:`POLITE_LIMITS` instead of
        :data:`PUBLIC_LIMITS`.
    timeout:
        Seconds per request (default 15).
    store:
        A :class:`~claimcheck.registry.store.RecordStore`, a path to one, ``None`` for
        the default file, or ``False`` for no store.
    offline:
        Answer from the store alone (default ``$CLAIMCHECK_OFFLINE``).
    limits:
        Rate, concurrency, retries and backoff; default by ``mailto``.
    batch_size:
        DOIs per ``doi``-filter request (1 to 100).
    progress:
        Show a progress bar: ``None`` when more than 5 DOIs need the network
        and stderr is a terminal or this is a notebook.
    canary_doi:
        A DOI Crossref certainly has. When a DOI's lookup answers 404, it is
        asked once per resolver: only if the server knows it do 404s count as
        ``not_found``; otherwise those DOIs are ``unchecked (registry
        misconfigured? ...)`` and nothing is stored.

    Examples
    --------
    >>> r = CrossrefResolver(offline=True, store=False)
    >>> r.resolve(["10.1371/journal.pone.0033693"])["10.1371/journal.pone.0033693"]
    <Resolution doi:10.1371/journal.pone.0033693 unchecked (offline)>
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        mailto: str | None = None,
        timeout: float | None = None,
        store: StoreOption = None,
        offline: bool | None = None,
        limits: Limits | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: bool | None = None,
        canary_doi: str = "10.1038/srep16696",
    ) -> None:
        if not 1 <= batch_size <= 100:
            raise ConfigurationError(f"batch_size must be between 1 and 100, not {batch_size!r}")
        self.base_url = settings.crossref_url(base_url)
        self.mailto = settings.mailto(mailto)
        self.timeout = settings.timeout(timeout)
        self.offline = settings.offline(offline)
        self.limits = limits or (POLITE_LIMITS if self.mailto else PUBLIC_LIMITS)
        self.batch_size = batch_size
        self.progress = progress
        self.stats = ResolveStats()
        self._owns_store = not isinstance(store, Store)
        self.store = open_store(store)
        self._throttle = Throttle(self.limits)
        self.canary_doi = canary_doi
        self._canary_answer: str | None = None  # "" once the canary was answered
        self._habanero: Any = None
        self._early: Early | None = None

    @property
    def _client(self) -> Any:
        """habanero's ``Crossref`` client, made (and habanero imported) on the first request."""
        if self._habanero is None:
            from habanero import Crossref

            self._habanero = Crossref(
                base_url=self.base_url, mailto=self.mailto, timeout=self.timeout, ua_string="claimcheck"
            )
        return self._habanero

    # -- the Resolver protocol ----------------------------------------------------

    def resolve(self, dois: Sequence[str]) -> dict[str, Resolution]:
        """One :class:`~claimcheck.model.Resolution` per DOI asked, keyed by the DOI as given."""
        keys = list(dict.fromkeys(doi_key(d) for d in dois))
        early = self._take_early()
        answers = {k: early.stored[k] for k in keys if k in early.stored}
        self.stats.add(from_store=len(answers))
        answers.update(self._from_store([k for k in keys if k not in answers and k not in early.batch]))
        todo = [k for k in keys if k not in answers]
        if todo and self.offline:
            answers.update({k: unchecked(k, "offline") for k in todo})
        elif todo:
            answers.update(self._fetch(todo, early))
        return {d: replace(answers[doi_key(d)], doi=d) for d in dois}

    def prefetch(self, dois: Iterable[str]) -> None:
        """Start asking about ``dois`` in a thread: the store, then the batch route (steps 1 and 3).

        For DOIs seen printed in an article before its reference list is parsed: the
        requests travel while the audit reads on. The next :meth:`resolve` waits for
        them and takes the answers of the DOIs it is asked about; a DOI the batch did not
        return goes on to its own lookup there, as usual. Answers of DOIs it is not asked
        about are dropped, never stored, and cost no single lookup. Offline, it does nothing.

        >>> r = CrossrefResolver(offline=True, store=False)
        >>> r.prefetch(["10.1000/x"]); r.resolve(["10.1000/x"])["10.1000/x"].reason
        'offline'
        """
        keys = list(dict.fromkeys(doi_key(d) for d in dois if d.strip()))
        if self.offline or not keys or self._early is not None:
            return
        early = Early()
        early.thread = threading.Thread(
            target=run_early, args=(self, keys, early), name="claimcheck-crossref-prefetch", daemon=True
        )
        self._early = early
        early.thread.start()

    def _take_early(self) -> Early:
        """The prefetched answers (waited for), once; empty when nothing was prefetched."""
        early, self._early = self._early, None
        if early is None:
            return Early()
        if early.thread is not None:
            early.thread.join()
        return early

    def _from_store(self, keys: list[str], *, count: bool = True) -> dict[str, Resolution]:
        out = {}
        for key, record in (self.store.get_many(keys) if self.store and keys else {}).items():
            try:
                out[key] = record.to_resolution(key)
            except ValueError:  # a damaged row: ask again
                continue
        if count:
            self.stats.add(from_store=len(out))
        return out

    def _fetch(self, keys: list[str], early: Early | None = None) -> dict[str, Resolution]:
        """Batches, then single lookups, then the agency route; definite answers are stored."""
        early = early or Early()
        with self._bar(len(keys)) as bar, ThreadPoolExecutor(self.limits.concurrency) as pool:
            run = _Run(bar, pool.map)
            run.down, run.timeouts = early.down, early.timeouts  # the prefetch's breaker carries on
            final, missing = batch_stage(self, keys, run, early.batch)
            found, absent = lookup_stage(self, missing, run)
            final.update(found)
            if absent and (doubt := canary(self, run)) is not None:  # a 404 proves nothing here
                final.update({k: unchecked(k, doubt) for k in absent})
                run.done(len(absent))
                absent = []
            final.update(agency_stage(self, absent, run))
        records = [a for a in final.values() if isinstance(a, StoredRecord)]
        self._save(records)
        return {
            k: a.to_resolution(k, from_store=False) if isinstance(a, StoredRecord) else a
            for k, a in final.items()
        }

    def _call(self, run: _Run, kind: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One habanero call under the throttle, retried; the body or a :class:`Failure`."""
        attempt = 0
        while run.down is None:
            with self._throttle.slot():
                self.stats.add(requests=1, **{kind: 1})
                try:
                    body = fn(*args, **kwargs)
                    run.timeouts = 0
                    return body
                except Exception as exc:  # habanero raises many types: all are classified
                    failure = _classify(exc)
            run.timeouts = run.timeouts + 1 if failure.reason == "timeout" else 0
            if failure.unreachable or run.timeouts >= 2:
                run.down = failure  # the other requests of this run give up at once
                break
            delay = retry_delay(failure, attempt, self.limits)
            if delay is None:
                return failure
            if failure.status == 429:
                self._throttle.pause(delay)  # everybody waits, not just this thread
            else:
                time.sleep(delay)
            attempt += 1
            self.stats.add(retries=1)
        return run.down

    # -- the Searcher protocol -----------------------------------------------------------------

    def search(self, text: str, rows: int = 5) -> SearchResult:
        """Crossref's bibliographic search for a reference's text: the best ``rows`` hits, never raising.

        Parameters
        ----------
        text:
            The reference as printed (DOIs and URLs are best taken out first).
        rows:
            How many hits to ask for (1 to 20).

        Returns
        -------
        SearchResult
            ``ok`` with the hits as :class:`~claimcheck.model.Work` values and
            Crossref's relevance scores, or ``unchecked`` with the reason.

        Examples
        --------
        >>> CrossrefResolver(offline=True, store=False).search("Smith J. A title. 2020.")
        <SearchResult unchecked (offline) 0 hits>
        """
        from claimcheck.registry.crossref_search import search

        return search(self, text, rows)

    # -- store and progress ------------------------------------------------------------------

    def _save(self, records: list[StoredRecord]) -> None:
        if self.store is None:
            return
        try:
            self.stats.add(stored=self.store.put_many(records))
        except StoreError as exc:
            warnings.warn(f"claimcheck: answers not cached: {exc}", RuntimeWarning, stacklevel=4)

    def _bar(self, total: int) -> AbstractContextManager[Any]:
        from claimcheck.registry.progress import (
            progress_bar,  # a widget in Jupyter (with ipywidgets), else text
        )

        show = self.progress if self.progress is not None else total > PROGRESS_THRESHOLD and _interactive()
        return progress_bar(total, desc="Crossref", unit="DOI", show=bool(show))

    # -- life cycle ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the record store if this resolver opened it (after a prefetch still running)."""
        early = self._early
        if early is not None and early.thread is not None:
            early.thread.join()
        if self.store is not None and self._owns_store:
            self.store.close()

    def __enter__(self) -> CrossrefResolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "offline" if self.offline else f"{self.limits.rate:g}/s x{self.limits.concurrency}"
        store = "no store" if self.store is None else f"store {self.store.path}"
        return f"<CrossrefResolver {self.base_url} {mode}, {store}>"


# -- helpers ------------------------------------------------------------------------------------


def _classify(exc: BaseException) -> Failure:
    """Turn whatever habanero raised into a :class:`Failure`."""
    import httpx2
    from habanero.exceptions import RequestError

    chain = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for e in chain:
        if isinstance(e, httpx2.HTTPStatusError):
            return _status_failure(e.response.status_code, e.response.headers.get("retry-after"))
    for e in chain:
        if isinstance(e, httpx2.TimeoutException):
            return Failure("timeout", retryable=True, unreachable=isinstance(e, httpx2.ConnectTimeout))
        if isinstance(e, (httpx2.ConnectError, httpx2.UnsupportedProtocol)):
            return Failure("offline", unreachable=True)
        if isinstance(e, httpx2.TransportError):
            return Failure("network error", retryable=True)
        if isinstance(e, RequestError):  # status and message only: no Retry-After here
            return _status_failure(int(e.status_code), None)
    if isinstance(exc, (ValueError, KeyError, TypeError, IndexError, RecursionError)):
        return Failure("malformed response", retryable=True)  # a cut-off body: worth one more try
    return Failure(f"unexpected error ({type(exc).__name__})")


def _status_failure(status: int, retry_after: str | None) -> Failure:
    wait = parse_retry_after(retry_after)
    if status == 429:
        return Failure("rate-limited", status, wait, retryable=True)
    if status >= 500:
        return Failure(f"server error ({status})", status, wait, retryable=True)
    if status == 404:
        return Failure("not found", status)
    if status < 300:
        return Failure("malformed response", status)
    return Failure(f"unexpected response (HTTP {status})", status)


def _interactive() -> bool:
    from claimcheck.registry.progress import (
        in_notebook,  # a running Jupyter kernel, not merely ipykernel imported
    )

    return in_notebook() or bool(getattr(sys.stderr, "isatty", lambda: False)())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()
