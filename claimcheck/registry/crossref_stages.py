"""How :class:`~claimcheck.registry.crossref.CrossrefResolver` asks Crossref about DOIs it has no answer for.

Three stages, each answer a :class:`~claimcheck.registry.store.StoredRecord` (definite) or an
``unchecked`` :class:`~claimcheck.model.Resolution`: the works route's ``doi`` filter in batches,
then ``/works/{doi}`` one by one for the DOIs a batch did not return, then the agency route for
those that lookup does not know (after the canary has shown that a 404 means something); and the
prefetch that runs the batch stage early. Every request goes through the resolver's throttled,
retried ``_call`` on its habanero client (this module imports no HTTP library:
:mod:`claimcheck.registry.crossref` stays the only habanero importer).
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimcheck.model import Resolution, Status
from claimcheck.registry.envelope import Run as _Run
from claimcheck.registry.envelope import message as _message
from claimcheck.registry.records import doi_key
from claimcheck.registry.store import StoredRecord
from claimcheck.registry.throttle import Failure

if TYPE_CHECKING:
    from claimcheck.registry.crossref import CrossrefResolver

__all__ = [
    "Answer",
    "Early",
    "agency_stage",
    "batch_stage",
    "canary",
    "encode_doi",
    "lookup_stage",
    "run_early",
    "unchecked",
]

Answer = Resolution | StoredRecord  # a stored record is a definite answer, to be written


def run_early(resolver: CrossrefResolver, keys: list[str], early: Early) -> None:
    """The prefetch's thread: the store, then the batch stage, its outcomes kept in ``early``."""
    try:
        early.stored = resolver._from_store(keys, count=False)
        todo = [k for k in keys if k not in early.stored]
        if not todo:
            return
        from claimcheck.registry.progress import SilentBar  # resolve() shows the bar, if any

        with ThreadPoolExecutor(resolver.limits.concurrency) as pool:
            run = _Run(SilentBar(len(todo), "Crossref"), pool.map)
            final, pending = batch_stage(resolver, todo, run, {})
        early.batch = {**dict.fromkeys(pending), **final}
        early.down, early.timeouts = run.down, run.timeouts
    except Exception:  # a bug here must not stop the audit: resolve() asks as if never prefetched
        early.stored, early.batch, early.down = {}, {}, None


# -- the three stages: each answer a StoredRecord (definite) or a Resolution (unchecked) --


def batch_stage(
    resolver: CrossrefResolver, keys: list[str], run: _Run, early: Mapping[str, Answer | None]
) -> tuple[dict[str, Answer], list[str]]:
    """Ask the ``doi`` filter; return answers and the DOIs to look up one by one.

    ``early`` holds the prefetch's outcomes (an answer, or ``None``: look it up); those
    DOIs are not asked again.
    """
    final: dict[str, Answer] = {k: a for k in keys if (a := early.get(k)) is not None}
    pending = [k for k in keys if k in early and early[k] is None]
    run.done(len(final))
    keys = [k for k in keys if k not in early]
    # A comma would split the filter; a lone DOI costs the same request either way.
    batchable = [k for k in keys if "," not in k] if len(keys) > 1 else []
    pending += [k for k in keys if "," in k or not batchable]
    batches = _chunks(batchable, resolver.batch_size)
    for batch, outcome in zip(batches, run.map(lambda b: _ask_batch(resolver, b, run), batches), strict=True):
        if isinstance(outcome, Failure) and (_refused(outcome) or outcome.reason == "malformed response"):
            # declined, or garbled twice: ask one by one instead
            pending.extend(batch)
        elif isinstance(outcome, Failure):
            final.update({k: unchecked(k, outcome.reason) for k in batch})
        else:
            final.update({k: StoredRecord.resolved(k, outcome[k]) for k in batch if k in outcome})
            pending.extend(k for k in batch if k not in outcome)
        run.done(sum(k in final for k in batch))
    return final, pending


def lookup_stage(
    resolver: CrossrefResolver, keys: list[str], run: _Run
) -> tuple[dict[str, Answer], list[str]]:
    """Look DOIs up one by one; return answers and the DOIs the works route does not know."""
    final: dict[str, Answer] = {}
    absent = []
    for key, outcome in zip(keys, run.map(lambda k: _ask_work(resolver, k, run), keys), strict=True):
        if isinstance(outcome, Failure) and outcome.status == 404:
            absent.append(key)
            continue
        if isinstance(outcome, Failure):
            final[key] = unchecked(key, outcome.reason)
        else:
            final[key] = StoredRecord.resolved(key, outcome)
        run.done()
    return final, absent


def agency_stage(resolver: CrossrefResolver, keys: list[str], run: _Run) -> dict[str, Answer]:
    """Ask the agency route about DOIs the works route does not know."""
    final: dict[str, Answer] = {}
    for key, outcome in zip(keys, run.map(lambda k: _ask_agency(resolver, k, run), keys), strict=True):
        if isinstance(outcome, Failure) and outcome.status == 404:
            final[key] = StoredRecord.not_found(key)
        elif isinstance(outcome, Failure):
            final[key] = unchecked(key, outcome.reason)
        elif outcome == "crossref":  # known to Crossref, yet no record: ask again next time
            final[key] = unchecked(key, "Crossref lists the DOI but served no record", "crossref")
        else:
            final[key] = StoredRecord.elsewhere(key, outcome)
        run.done()
    return final


def canary(resolver: CrossrefResolver, run: _Run) -> str | None:
    """``None`` when the server knows :data:`CANARY_DOI` (so its 404s mean "no such DOI"), else why not.

    Asked once per resolver, only when some DOI came back 404: a wrong URL
    path, a proxy or an outage page answers 404 to everything, and those
    404s must not become ``not_found`` (nor be stored).
    """
    if resolver._canary_answer is None:
        outcome = _ask_work(resolver, resolver.canary_doi, run)
        if isinstance(outcome, Failure) and outcome.status == 404:
            resolver._canary_answer = (
                f"registry misconfigured? {resolver.base_url} does not know {resolver.canary_doi} either"
            )
        elif isinstance(outcome, Failure):
            return outcome.reason  # not cached: a passing failure
        else:
            resolver._canary_answer = ""
    return resolver._canary_answer or None


# -- one request each --------------------------------------------------------------------


def _ask_batch(
    resolver: CrossrefResolver, batch: list[str], run: _Run
) -> dict[str, Mapping[str, Any]] | Failure:
    for _ in range(2):  # a body that parses but is not a work list: once more, then single look-ups
        body = resolver._call(
            run, "batches", resolver._client.works, filter={"doi": list(batch)}, limit=len(batch)
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
            found[doi_key(item["DOI"])] = item
    return {k: found[k] for k in batch if k in found}


def _ask_work(resolver: CrossrefResolver, key: str, run: _Run) -> Mapping[str, Any] | Failure:
    body = resolver._call(run, "lookups", resolver._client.works, ids=encode_doi(key))
    if isinstance(body, Failure):
        return body
    message = _message(body, "work")
    return message if isinstance(message.get("DOI"), str) else Failure("malformed response")


def _ask_agency(resolver: CrossrefResolver, key: str, run: _Run) -> str | Failure:
    labels = resolver._call(run, "agency", resolver._client.registration_agency, encode_doi(key))
    if isinstance(labels, Failure):
        return labels
    if not isinstance(labels, list) or not labels or not isinstance(labels[0], str):
        return Failure("malformed response")
    return labels[0].strip().lower()


# -- helpers ------------------------------------------------------------------------------------


@dataclass
class Early:
    """What :meth:`CrossrefResolver.prefetch` found: store answers, batch outcomes, a failed host."""

    stored: dict[str, Resolution] = field(default_factory=dict)
    batch: dict[str, Answer | None] = field(default_factory=dict)  # None: look it up one by one
    down: Failure | None = None
    timeouts: int = 0
    thread: threading.Thread | None = None


def encode_doi(doi: str) -> str:
    """Percent-encode a DOI for a URL path (``/`` kept, ``#;[<?%`` and the like encoded).

    Examples
    --------
    >>> encode_doi("10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2")
    '10.1890/0012-9615(1999)069%5B0569:EDILSA%5D2.0.CO%3B2'
    """
    return urllib.parse.quote(doi, safe="/:()")


def _refused(failure: Failure) -> bool:
    """A 4xx other than 429: the server declined this request, not every request."""
    return failure.status is not None and 400 <= failure.status < 500 and failure.status != 429


def unchecked(key: str, reason: str, agency: str | None = None) -> Resolution:
    return Resolution(key, Status.UNCHECKED, reason=reason, agency=agency)


def _chunks(keys: list[str], size: int) -> list[list[str]]:
    """Split into near-equal chunks of at most ``size`` (60 by 50 gives 30 + 30)."""
    if not keys:
        return []
    n = -(-len(keys) // size)
    step = -(-len(keys) // n)
    return [keys[i : i + step] for i in range(0, len(keys), step)]
