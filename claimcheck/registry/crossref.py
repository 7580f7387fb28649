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
import urllib.parse
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from claimcheck import settings
from claimcheck.errors import ConfigurationError, StoreError
from claimcheck.model import Resolution, Status
from claimcheck.registry.envelope import Run as _Run
from claimcheck.registry.envelope import message as _message
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
_Answer = Resolution | StoredRecord  # a stored record is a definite answer, to be written


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


def encode_doi(doi: str) -> str:
    """Percent-encode a DOI for a URL path (``/`` kept, ``#;[<?%`` and the like encoded).

    Examples
    --------
    >>> encode_doi("10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2")
    '10.1890/0012-9615(1999)069%5B0569:EDILSA%5D2.0.CO%3B2'
    """
    return urllib.parse.quote(doi, safe="/:()")


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
        self._early: _Early | None = None

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
        keys = list(dict.fromkeys(_key(d) for d in dois))
        early = self._take_early()
        answers = {k: early.stored[k] for k in keys if k in early.stored}
        self.stats.add(from_store=len(answers))
        answers.update(self._from_store([k for k in keys if k not in answers and k not in early.batch]))
        todo = [k for k in keys if k not in answers]
        if todo and self.offline:
            answers.update({k: _unchecked(k, "offline") for k in todo})
        elif todo:
            answers.update(self._fetch(todo, early))
        return {d: replace(answers[_key(d)], doi=d) for d in dois}

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
        keys = list(dict.fromkeys(_key(d) for d in dois if d.strip()))
        if self.offline or not keys or self._early is not None:
            return
        early = _Early()
        early.thread = threading.Thread(
            target=self._run_early, args=(keys, early), name="claimcheck-crossref-prefetch", daemon=True
        )
        self._early = early
        early.thread.start()

    def _run_early(self, keys: list[str], early: _Early) -> None:
        try:
            early.stored = self._from_store(keys, count=False)
            todo = [k for k in keys if k not in early.stored]
            if not todo:
                return
            from claimcheck.registry.progress import SilentBar  # resolve() shows the bar, if any

            with ThreadPoolExecutor(self.limits.concurrency) as pool:
                run = _Run(SilentBar(len(todo), "Crossref"), pool.map)
                final, pending = self._batch_stage(todo, run, {})
            early.batch = {**dict.fromkeys(pending), **final}
            early.down, early.timeouts = run.down, run.timeouts
        except Exception:  # a bug here must not stop the audit: resolve() asks as if never prefetched
            early.stored, early.batch, early.down = {}, {}, None

    def _take_early(self) -> _Early:
        """The prefetched answers (waited for), once; empty when nothing was prefetched."""
        early, self._early = self._early, None
        if early is None:
            return _Early()
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

    def _fetch(self, keys: list[str], early: _Early | None = None) -> dict[str, Resolution]:
        """Batches, then single lookups, then the agency route; definite answers are stored."""
        early = early or _Early()
        with self._bar(len(keys)) as bar, ThreadPoolExecutor(self.limits.concurrency) as pool:
            run = _Run(bar, pool.map)
            run.down, run.timeouts = early.down, early.timeouts  # the prefetch's breaker carries on
            final, missing = self._batch_stage(keys, run, early.batch)
            found, absent = self._lookup_stage(missing, run)
            final.update(found)
            if absent and (doubt := self._canary(run)) is not None:  # a 404 proves nothing here
                final.update({k: _unchecked(k, doubt) for k in absent})
                run.done(len(absent))
                absent = []
            final.update(self._agency_stage(absent, run))
        records = [a for a in final.values() if isinstance(a, StoredRecord)]
        self._save(records)
        return {
            k: a.to_resolution(k, from_store=False) if isinstance(a, StoredRecord) else a
            for k, a in final.items()
        }

    # -- the three stages: each answer a StoredRecord (definite) or a Resolution (unchecked) --

    def _batch_stage(
        self, keys: list[str], run: _Run, early: Mapping[str, _Answer | None]
    ) -> tuple[dict[str, _Answer], list[str]]:
        """Ask the ``doi`` filter; return answers and the DOIs to look up one by one.

        ``early`` holds the prefetch's outcomes (an answer, or ``None``: look it up); those
        DOIs are not asked again.
        """
        final: dict[str, _Answer] = {k: a for k in keys if (a := early.get(k)) is not None}
        pending = [k for k in keys if k in early and early[k] is None]
        run.done(len(final))
        keys = [k for k in keys if k not in early]
        # A comma would split the filter; a lone DOI costs the same request either way.
        batchable = [k for k in keys if "," not in k] if len(keys) > 1 else []
        pending += [k for k in keys if "," in k or not batchable]
        batches = _chunks(batchable, self.batch_size)
        for batch, outcome in zip(batches, run.map(lambda b: self._ask_batch(b, run), batches), strict=True):
            if isinstance(outcome, Failure) and (_refused(outcome) or outcome.reason == "malformed response"):
                # declined, or garbled twice: ask one by one instead
                pending.extend(batch)
            elif isinstance(outcome, Failure):
                final.update({k: _unchecked(k, outcome.reason) for k in batch})
            else:
                final.update({k: StoredRecord.resolved(k, outcome[k]) for k in batch if k in outcome})
                pending.extend(k for k in batch if k not in outcome)
            run.done(sum(k in final for k in batch))
        return final, pending

    def _lookup_stage(self, keys: list[str], run: _Run) -> tuple[dict[str, _Answer], list[str]]:
        """Look DOIs up one by one; return answers and the DOIs the works route does not know."""
        final: dict[str, _Answer] = {}
        absent = []
        for key, outcome in zip(keys, run.map(lambda k: self._ask_work(k, run), keys), strict=True):
            if isinstance(outcome, Failure) and outcome.status == 404:
                absent.append(key)
                continue
            if isinstance(outcome, Failure):
                final[key] = _unchecked(key, outcome.reason)
            else:
                final[key] = StoredRecord.resolved(key, outcome)
            run.done()
        return final, absent

    def _agency_stage(self, keys: list[str], run: _Run) -> dict[str, _Answer]:
        """Ask the agency route about DOIs the works route does not know."""
        final: dict[str, _Answer] = {}
        for key, outcome in zip(keys, run.map(lambda k: self._ask_agency(k, run), keys), strict=True):
            if isinstance(outcome, Failure) and outcome.status == 404:
                final[key] = StoredRecord.not_found(key)
            elif isinstance(outcome, Failure):
                final[key] = _unchecked(key, outcome.reason)
            elif outcome == "crossref":  # known to Crossref, yet no record: ask again next time
                final[key] = _unchecked(key, "Crossref lists the DOI but served no record", "crossref")
            else:
                final[key] = StoredRecord.elsewhere(key, outcome)
            run.done()
        return final

    def _canary(self, run: _Run) -> str | None:
        """``None`` when the server knows :data:`CANARY_DOI` (so its 404s mean "no such DOI"), else why not.

        Asked once per resolver, only when some DOI came back 404: a wrong URL
        path, a proxy or an outage page answers 404 to everything, and those
        404s must not become ``not_found`` (nor be stored).
        """
        if self._canary_answer is None:
            outcome = self._ask_work(self.canary_doi, run)
            if isinstance(outcome, Failure) and outcome.status == 404:
                self._canary_answer = (
                    f"registry misconfigured? {self.base_url} does not know {self.canary_doi} either"
                )
            elif isinstance(outcome, Failure):
                return outcome.reason  # not cached: a passing failure
            else:
                self._canary_answer = ""
        return self._canary_answer or None

    # -- one request each --------------------------------------------------------------------

    def _ask_batch(self, batch: list[str], run: _Run) -> dict[str, Mapping[str, Any]] | Failure:
        for _ in range(2):  # a body that parses but is not a work list: once more, then single look-ups
            body = self._call(
                run, "batches", self._client.works, filter={"doi": list(batch)}, limit=len(batch)
            )
            if isinstance(body, Failure):
                return body
            items = _message(body, "work-list").get("items")
            if isinstance(items, list):
                break
        else:
            return Failure("malformed response")
        found = {}
        for item in items:
            if isinstance(item, Mapping) and isinstance(item.get("DOI"), str):
                found[_key(item["DOI"])] = item
        return {k: found[k] for k in batch if k in found}

    def _ask_work(self, key: str, run: _Run) -> Mapping[str, Any] | Failure:
        body = self._call(run, "lookups", self._client.works, ids=encode_doi(key))
        if isinstance(body, Failure):
            return body
        message = _message(body, "work")
        return message if isinstance(message.get("DOI"), str) else Failure("malformed response")

    def _ask_agency(self, key: str, run: _Run) -> str | Failure:
        labels = self._call(run, "agency", self._client.registration_agency, encode_doi(key))
        if isinstance(labels, Failure):
            return labels
        if not isinstance(labels, list) or not labels or not isinstance(labels[0], str):
            return Failure("malformed response")
        return labels[0].strip().lower()

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


@dataclass
class _Early:
    """What :meth:`CrossrefResolver.prefetch` found: store answers, batch outcomes, a failed host."""

    stored: dict[str, Resolution] = field(default_factory=dict)
    batch: dict[str, _Answer | None] = field(default_factory=dict)  # None: look it up one by one
    down: Failure | None = None
    timeouts: int = 0
    thread: threading.Thread | None = None


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


def _refused(failure: Failure) -> bool:
    """A 4xx other than 429: the server declined this request, not every request."""
    return failure.status is not None and 400 <= failure.status < 500 and failure.status != 429


def _unchecked(key: str, reason: str, agency: str | None = None) -> Resolution:
    return Resolution(key, Status.UNCHECKED, reason=reason, agency=agency)


def _interactive() -> bool:
    from claimcheck.registry.progress import (
        in_notebook,  # a running Jupyter kernel, not merely ipykernel imported
    )

    return in_notebook() or bool(getattr(sys.stderr, "isatty", lambda: False)())


def _chunks(keys: list[str], size: int) -> list[list[str]]:
    """Split into near-equal chunks of at most ``size`` (60 by 50 gives 30 + 30)."""
    if not keys:
        return []
    n = -(-len(keys) // size)
    step = -(-len(keys) // n)
    return [keys[i : i + step] for i in range(0, len(keys), step)]


def _key(doi: str) -> str:
    return doi.strip().lower()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()
