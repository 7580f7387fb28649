"""The two pieces of work a corpus audit sends to its workers (processes or Dask).

:func:`scan_one` reads an article and lists the DOIs of its references (so the
runner can resolve every DOI of the corpus once, in batches). :func:`audit_one`
audits it with :func:`claimcheck.audit`, the same code path as a single audit:
the resolver it hands ``audit()`` answers from the corpus-wide answers first and
asks the configured registry (through the shared record store) only for a DOI
the scan did not see. Both are plain functions of picklable arguments, and
neither ever raises: a failure comes back as an :class:`ArticleResult` with
``error`` set.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.corpus.results import ArticleResult, CitedRef, content_hash
from claimcheck.corpus.sources import CorpusSource
from claimcheck.errors import ClaimcheckError
from claimcheck.model import Resolution, Status
from claimcheck.registry.resolve import SearchResult

__all__ = ["AuditOptions", "Scanned", "Task", "audit_one", "scan_one"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """The settings every worker audits with (picklable: the store is named, not opened)."""

    offline: bool = False
    store: str | bool | None = None
    mailto: str | None = None
    crossref_url: str | None = None
    timeout: float | None = None
    pubmed: bool = False
    max_bytes: int = 20 * 1024 * 1024
    keep_html: bool = True
    suggest: bool = True

    def fingerprint(self) -> str:
        """What a stored result must have been made with to be reused."""
        from claimcheck.settings import VERSION as __version__

        return (
            f"claimcheck {__version__}; offline={self.offline}; pubmed={self.pubmed}; suggest={self.suggest}"
        )


@dataclass(frozen=True, slots=True)
class Task:
    """One article to audit: ``text`` is set for a fetched URL (so it is fetched once)."""

    source: CorpusSource
    sha256: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Scanned:
    """What :func:`scan_one` learnt: the task (hash and fetched text filled in) and its DOIs."""

    task: Task
    dois: tuple[str, ...] = ()
    failure: ArticleResult | None = None


def scan_one(task: Task, options: AuditOptions) -> Scanned:
    """Read and parse one article; list the DOIs of its references (never raises)."""
    from claimcheck.api import parse

    started = time.perf_counter()
    try:
        if task.source.is_url and task.text is None:
            from claimcheck.read.load import load_source

            loaded = load_source(task.source.location, max_bytes=options.max_bytes, timeout=options.timeout)
            task = replace(task, text=loaded.text, sha256=content_hash(loaded.text.encode("utf-8")))
        _, refs = parse(_source_of(task), max_bytes=options.max_bytes, timeout=options.timeout)
    except Exception as exc:  # one article's failure is its own result, never the corpus's
        return Scanned(task, failure=_failed(task, exc, options, started))
    return Scanned(task, tuple(dict.fromkeys(r.doi for r in refs if r.doi)))


def audit_one(
    task: Task, answers: Mapping[str, Resolution], options: AuditOptions
) -> tuple[ArticleResult, str | None]:
    """Audit one article with ``answers`` for its DOIs; the result and its HTML report (never raises)."""
    from claimcheck.api import audit

    started = time.perf_counter()
    resolver = (SearchingResolver if options.suggest else AnsweredResolver)(answers, options)
    try:
        report = audit(
            _source_of(task),
            resolver=resolver,
            offline=options.offline,
            mailto=options.mailto,
            pubmed=options.pubmed,
            timeout=options.timeout,
            max_bytes=options.max_bytes,
        )
        result = summarise(report, task, options, time.perf_counter() - started)
        page = report.to_html(title=task.source.name) if options.keep_html else None
    except Exception as exc:  # one article's failure is its own result, never the corpus's
        return _failed(task, exc, options, started), None
    finally:
        resolver.close()
    return result, page


def summarise(report: Any, task: Task, options: AuditOptions, seconds: float) -> ArticleResult:
    """The small, picklable summary of a :class:`~claimcheck.report.core.Report`."""
    from claimcheck.verify.updates import work_updates

    article = report.article
    body = article.text
    if article.references_span is not None:
        start, end = article.references_span
        body = body[:start] + body[end:]
    counts = report.counts()
    cited = []
    for ref in report.references:
        res = report.resolutions.get(ref.number) if ref.number is not None else None
        work = res.work if res is not None and res.status is Status.RESOLVED else None
        update = work_updates(work).status if work is not None else "none"
        cited.append(
            CitedRef(
                number=ref.number,
                doi=(ref.doi or "").lower() or None,
                status=res.status.value if res is not None else None,
                reason=res.reason if res is not None else None,
                cited_title=ref.title,
                cited_year=ref.year,
                cited_author=ref.authors[0] if ref.authors else None,
                cited_container=ref.container,
                registered_title=work.title if work is not None else None,
                registered_year=work.year if work is not None else None,
                update=None if update == "none" else update,
            )
        )
    return ArticleResult(
        name=task.source.name,
        sha256=task.sha256,
        words=len(_WORD.findall(body)),
        claims=len(report.claims),
        references=len(report.references),
        errors=counts.get("error", 0),
        warnings=counts.get("warning", 0),
        infos=counts.get("info", 0),
        uncited=sum(1 for f in report.findings if f.code == "uncited-claim"),
        codes=report.by_code(),
        cited=tuple(cited),
        seconds=round(seconds, 4),
        settings=options.fingerprint(),
    )


class AnsweredResolver:
    """Answers from the corpus-wide answers; asks the configured registry only for the rest.

    The fallback (a :class:`~claimcheck.registry.crossref.CrossrefResolver` on the
    shared store, without a progress bar) is made on first need. It cannot
    search: :class:`SearchingResolver` can (DOI suggestions on).
    """

    def __init__(self, answers: Mapping[str, Resolution], options: AuditOptions) -> None:
        self.answers = {k.lower(): v for k, v in answers.items()}
        self.options = options
        self._fallback: Any = None

    def resolve(self, dois: Sequence[str]) -> dict[str, Resolution]:
        out = {d: replace(self.answers[d.lower()], doi=d) for d in dois if d.lower() in self.answers}
        rest = [d for d in dois if d not in out]
        if rest:
            out.update(self._registry().resolve(rest))
        return out

    @property
    def store(self) -> Any:
        """The shared record store (so that the audit's PubMed answers are kept in it too)."""
        return self._registry().store

    def _registry(self) -> Any:
        if self._fallback is None:
            from claimcheck.registry.crossref import make_resolver

            o = self.options
            self._fallback = make_resolver(
                offline=o.offline,
                store=o.store,
                mailto=o.mailto,
                crossref_url=o.crossref_url,
                timeout=o.timeout,
                progress=False,
            )
        return self._fallback

    def close(self) -> None:
        if self._fallback is not None:
            self._fallback.close()


class SearchingResolver(AnsweredResolver):
    """:class:`AnsweredResolver` that also answers bibliographic searches (DOI suggestions), as a
    single audit's resolver does: one Crossref search per reference without a usable DOI,
    kept in the record store."""

    def search(self, text: str, rows: int = 5) -> SearchResult:
        result: SearchResult = self._registry().search(text, rows)
        return result


def _source_of(task: Task) -> str | Path:
    return task.text if task.text is not None else Path(task.source.location)


def _failed(task: Task, exc: BaseException, options: AuditOptions, started: float) -> ArticleResult:
    if isinstance(exc, ClaimcheckError):
        error = str(exc)
    else:  # a bug: say where, so it can be reported
        where = traceback.extract_tb(exc.__traceback__)[-1:]
        place = f" at {Path(where[0].filename).name}:{where[0].lineno}" if where else ""
        error = f"{type(exc).__name__}: {exc}{place}"
    return ArticleResult(
        name=task.source.name,
        sha256=task.sha256,
        error=error,
        seconds=round(time.perf_counter() - started, 4),
        settings=options.fingerprint(),
    )
