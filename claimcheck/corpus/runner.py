"""``audit_many()``: audit a corpus in parallel, resolving each DOI of the corpus once.

1. The sources are expanded (:mod:`claimcheck.corpus.sources`) and each local
   file hashed (SHA-256 of its bytes); files with the same bytes are one audit.
2. With ``results=`` a folder, articles whose result is already there (same
   hash, same settings) are taken from it: an interrupted run continues where
   it stopped (:class:`~claimcheck.corpus.results.ResultsDir`).
3. The workers read the remaining articles and list their DOIs
   (:func:`~claimcheck.corpus.work.scan_one`).
4. The corpus's unique DOIs are resolved once, here, in batches (Crossref's
   ``doi`` filter, the record store in front; DataCite for the DOIs it registered).
5. The workers audit each article with :func:`claimcheck.audit`, handed those
   answers (:func:`~claimcheck.corpus.work.audit_one`); each result is saved as
   it arrives. A failed article is recorded and the rest go on.

Workers are local processes (``jobs``) or a Dask cluster (``client=``); the
functions they run are the same. One progress bar counts articles.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any

from claimcheck import settings
from claimcheck.corpus.report import CorpusReport
from claimcheck.corpus.results import ArticleResult, ResultsDir, content_hash
from claimcheck.corpus.sources import CorpusSource, SourcesOption, expand_sources
from claimcheck.corpus.work import AuditOptions, Scanned, Task, audit_one, scan_one
from claimcheck.errors import ConfigurationError
from claimcheck.model import Resolution, Status
from claimcheck.read.load import MAX_BYTES
from claimcheck.registry.store import StoreOption, open_store

__all__ = ["audit_many"]


def audit_many(
    sources: SourcesOption,
    *,
    jobs: int | None = None,
    client: Any = None,
    results: str | os.PathLike[str] | None = None,
    offline: bool | None = None,
    store: StoreOption = None,
    mailto: str | None = None,
    crossref_url: str | None = None,
    timeout: float | None = None,
    pubmed: bool | None = None,
    progress: bool | None = None,
    max_bytes: int = MAX_BYTES,
    suggest: bool = True,
) -> CorpusReport:
    """Audit every article of a corpus; return a :class:`~claimcheck.corpus.report.CorpusReport`.

    Parameters
    ----------
    sources:
        A folder, a glob, a file listing URLs or paths (one a line), a URL, an
        article file, or an iterable of these (see :mod:`claimcheck.corpus.sources`).
    jobs:
        Worker processes on this machine (default: one per CPU); ``1`` works in
        this process. Ignored when ``client`` is given.
    client:
        A ``dask.distributed.Client``: the same work runs on its cluster. The
        workers need claimcheck installed and, to share answers, a store they
        can all reach (``store="postgresql://..."``).
    results:
        A folder for per-article results (by content hash) and reports; a
        rerun with the same folder audits only what is missing. ``None``
        keeps results in memory only.
    offline, store, mailto, crossref_url, timeout, pubmed, max_bytes:
        As for :func:`claimcheck.audit`; ``store`` may also be a
        ``postgresql://`` URL. ``pubmed`` defaults to on when not offline.
    progress:
        Show the progress bar (default: in a terminal or notebook).
    suggest:
        Search Crossref for a DOI for each reference without a usable one, as
        a single audit does (one rate-limited search per such reference, kept
        in the store); ``False`` skips those searches.

    Returns
    -------
    CorpusReport
        One result per source (failures included), ranked by risk.

    Examples
    --------
    >>> corpus = audit_many("site/", jobs=2, results="audit-results")  # doctest: +SKIP
    >>> corpus.ranked()[:3]  # doctest: +SKIP
    """
    started = time.perf_counter()
    is_offline = settings.offline(offline)
    options = AuditOptions(
        offline=is_offline,
        store=_store_spec(store),
        mailto=mailto,
        crossref_url=crossref_url,
        timeout=timeout,
        pubmed=(not is_offline) if pubmed is None else bool(pubmed),
        max_bytes=max_bytes,
        keep_html=results is not None,
        suggest=suggest,
    )
    folder = ResultsDir(results) if results is not None else None
    fingerprint = options.fingerprint()
    listed = expand_sources(sources)
    names: dict[str, list[str]] = {}  # content hash -> the names of the sources with those bytes
    done: dict[str, ArticleResult] = {}  # content hash -> result
    failed: list[ArticleResult] = []
    tasks = _hash_files(listed, max_bytes, fingerprint, names, failed)
    stats: dict[str, Any] = {
        "articles": len(listed),
        "unique": 0,
        "reused": 0,
        "audited": 0,
        "failed": 0,
        "dois": 0,
    }
    if folder is not None:
        tasks = _reuse(tasks, folder, fingerprint, done, stats)
    with _bar(len(tasks), progress) as bar, _Workers(jobs, client, len(tasks)) as workers:
        bar.set_description("reading")
        scanned = []
        for scan in workers.map(scan_one, [(t, options) for t in tasks], _scan_crashed(options)):
            bar.update(1)
            if scan.failure is None:
                scanned.append(scan)
                continue
            stats["audited"] += 1
            if scan.task.source.is_url and scan.failure.sha256 is not None:
                names.setdefault(scan.failure.sha256, []).append(scan.task.source.name)
            _record(scan.failure, None, folder, done, failed)
        scanned = _dedupe_fetched(scanned, folder, fingerprint, names, done, stats)
        dois = sorted({d.lower() for s in scanned for d in s.dois})
        stats["dois"] = len(dois)
        bar.set_description(f"resolving {len(dois)} DOIs")
        answers, resolver_stats = _resolve(dois, options, store)
        bar.reset(total=len(scanned))
        bar.set_description("auditing")
        work = [
            (s.task, {d: answers[d.lower()] for d in s.dois if d.lower() in answers}, options)
            for s in scanned
        ]
        for result, page in workers.map(audit_one, work, _audit_crashed(options)):
            bar.update(1)
            stats["audited"] += 1
            _record(result, page, folder, done, failed)
    by_source = _per_source(listed, names, done, failed)
    stats["unique"] = len(names)
    stats["failed"] = sum(1 for r in by_source if not r.ok)
    stats["seconds"] = round(time.perf_counter() - started, 3)
    return CorpusReport(
        by_source, folder=folder.path if folder else None, stats=stats, registry=resolver_stats
    )


# -- planning ------------------------------------------------------------------------------------


def _hash_files(
    listed: Sequence[CorpusSource],
    max_bytes: int,
    fingerprint: str,
    names: dict[str, list[str]],
    failed: list[ArticleResult],
) -> list[Task]:
    """One task per distinct content; URLs are hashed when fetched (by the workers)."""
    tasks: list[Task] = []
    for source in listed:
        if source.is_url:
            tasks.append(Task(source))
            continue
        try:
            size = os.path.getsize(source.location)
            if size > max_bytes:
                raise OSError(f"the file is {size} bytes, over the limit of {max_bytes}")
            with open(source.location, "rb") as handle:
                sha = content_hash(handle.read())
        except OSError as exc:
            failed.append(
                ArticleResult(source.name, None, error=f"{source.name}: {exc}", settings=fingerprint)
            )
            continue
        if sha not in names:
            tasks.append(Task(source, sha))
        names.setdefault(sha, []).append(source.name)
    return tasks


def _reuse(
    tasks: list[Task],
    folder: ResultsDir,
    fingerprint: str,
    done: dict[str, ArticleResult],
    stats: dict[str, Any],
) -> list[Task]:
    todo = []
    for task in tasks:
        stored = folder.load(task.sha256, settings=fingerprint) if task.sha256 else None
        if stored is None:
            todo.append(task)
        else:
            done[task.sha256 or ""] = stored
            stats["reused"] += 1
    return todo


def _dedupe_fetched(
    scanned: list[Scanned],
    folder: ResultsDir | None,
    fingerprint: str,
    names: dict[str, list[str]],
    done: dict[str, ArticleResult],
    stats: dict[str, Any],
) -> list[Scanned]:
    """Fetched pages now have a hash: merge repeats, and reuse stored results for them."""
    out = []
    for scan in scanned:
        task = scan.task
        if not task.source.is_url:
            out.append(scan)
            continue
        sha = task.sha256 or ""
        first = sha not in names
        names.setdefault(sha, []).append(task.source.name)
        if not first:
            continue
        stored = folder.load(sha, settings=fingerprint) if folder is not None else None
        if stored is not None:
            done[sha] = stored
            stats["reused"] += 1
        else:
            out.append(scan)
    return out


# -- the registry, once for the corpus -------------------------------------------------------------


def _resolve(dois: list[str], options: AuditOptions, store: StoreOption) -> tuple[dict[str, Resolution], Any]:
    """Every DOI of the corpus asked once: Crossref in batches, then DataCite for those it registered."""
    from claimcheck.registry.crossref import make_resolver
    from claimcheck.registry.datacite import DataciteResolver

    if not dois:
        return {}, None
    opened = open_store(store)
    try:
        resolver = make_resolver(
            offline=options.offline,
            store=opened if opened is not None else False,
            mailto=options.mailto,
            crossref_url=options.crossref_url,
            timeout=options.timeout,
            progress=False,
        )
        answers = dict(resolver.resolve(dois))
        elsewhere = [
            d for d, r in answers.items() if r.status is Status.UNCHECKED and (r.agency or "") == "datacite"
        ]
        if elsewhere:
            datacite = DataciteResolver(
                timeout=options.timeout,
                store=opened if opened is not None else False,
                offline=options.offline,
            )
            found = datacite.resolve(elsewhere)
            answers.update({d: r for d, r in found.items() if r.status is Status.RESOLVED})
    finally:
        if opened is not None and opened is not store:
            opened.close()
    return answers, resolver.stats


# -- workers -----------------------------------------------------------------------------------------


class _Workers:
    """Runs a function over argument tuples: in this process, in local processes, or on Dask."""

    def __init__(self, jobs: int | None, client: Any, n_tasks: int) -> None:
        if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
            raise ConfigurationError(f"jobs must be a whole number of processes, 1 or more, not {jobs!r}")
        self.client = client
        wanted = jobs if jobs is not None else (os.cpu_count() or 1)
        self.jobs = max(1, min(wanted, n_tasks))
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        if self.client is None and self.jobs > 1:
            import multiprocessing

            # spawn: no fork of a process whose threads (progress bar, HTTP pools) may hold locks
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def map(
        self,
        fn: Callable[..., Any],
        calls: list[tuple[Any, ...]],
        crashed: Callable[[tuple[Any, ...], str], Any],
    ) -> Iterator[Any]:
        """``fn(*args)`` for each call, in the order they finish; ``crashed`` answers for a lost worker."""
        if not calls:
            return
        if self.client is not None:
            yield from self._dask(fn, calls, crashed)
        elif self._pool is None:
            for args in calls:
                yield fn(*args)
        else:
            futures: dict[Future[Any], tuple[Any, ...]] = {self._pool.submit(fn, *a): a for a in calls}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:  # a worker process died (killed, out of memory)
                    yield crashed(futures[future], f"worker process lost: {type(exc).__name__}: {exc}")

    def _dask(
        self,
        fn: Callable[..., Any],
        calls: list[tuple[Any, ...]],
        crashed: Callable[[tuple[Any, ...], str], Any],
    ) -> Iterator[Any]:
        from claimcheck.optional import import_optional

        distributed = import_optional("distributed", purpose="audit_many(client=...)", extra="dask")
        futures = self.client.map(fn, *zip(*calls, strict=True), pure=False)
        args_of = {f.key: a for f, a in zip(futures, calls, strict=True)}
        for future in distributed.as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # a worker died or the task was lost
                yield crashed(args_of[future.key], f"Dask task failed: {type(exc).__name__}: {exc}")


def _scan_crashed(options: AuditOptions) -> Callable[[tuple[Any, ...], str], Scanned]:
    def answer(args: tuple[Any, ...], why: str) -> Scanned:
        task: Task = args[0]
        return Scanned(
            task,
            failure=ArticleResult(task.source.name, task.sha256, error=why, settings=options.fingerprint()),
        )

    return answer


def _audit_crashed(options: AuditOptions) -> Callable[[tuple[Any, ...], str], tuple[ArticleResult, None]]:
    def answer(args: tuple[Any, ...], why: str) -> tuple[ArticleResult, None]:
        task: Task = args[0]
        return ArticleResult(task.source.name, task.sha256, error=why, settings=options.fingerprint()), None

    return answer


# -- results -----------------------------------------------------------------------------------------


def _record(
    result: ArticleResult,
    page: str | None,
    folder: ResultsDir | None,
    done: dict[str, ArticleResult],
    failed: list[ArticleResult],
) -> None:
    if folder is not None:
        result = folder.save(result, html=page)
    if result.sha256 is None:
        failed.append(result)
    else:
        done[result.sha256] = result


def _per_source(
    listed: Sequence[CorpusSource],
    names: dict[str, list[str]],
    done: dict[str, ArticleResult],
    failed: list[ArticleResult],
) -> list[ArticleResult]:
    """One result per source name, in the corpus's order (repeats share their result)."""
    by_name: dict[str, ArticleResult] = {r.name: r for r in failed}
    for sha, these in names.items():
        result = done.get(sha)
        if result is not None:
            for name in these:
                by_name[name] = result.renamed(name)
    return [by_name[s.name] for s in listed if s.name in by_name]


def _store_spec(store: StoreOption) -> str | bool | None:
    """The store as the workers can open it: a path or URL, ``False`` for none, ``None`` for the default."""
    if store is None or store is True:
        return None
    if store is False:
        return False
    if isinstance(store, (str, os.PathLike)):
        return os.fspath(store)
    where = str(getattr(store, "path", ":memory:"))
    return False if where == ":memory:" else where


def _bar(total: int, progress: bool | None) -> Any:
    import sys

    from claimcheck.registry.progress import in_notebook, progress_bar

    show = progress if progress is not None else in_notebook() or sys.stderr.isatty()
    return progress_bar(total, desc="reading", unit="article", show=bool(show))
