"""PubMed in batches, stored: every DOI and PMID of an article in two or three requests.

:func:`lookup` answers many DOIs and PMIDs at once:

1. fresh answers of the record store (table ``pubmed``) first;
2. offline, the rest are ``unchecked (offline)``;
3. one ``esearch`` per 60 DOIs (``"A"[AID] OR "B"[AID] ...``) finds their PMIDs;
4. one ``efetch`` per 200 PMIDs (those found, and those printed in the
   article) returns the MEDLINE records, which carry their DOIs, so each
   record maps back to the DOI asked;
5. a DOI whose search and fetch both answered, with no record carrying it, is
   ``not_found`` ("no PMID for this DOI"); a PMID the fetch did not return is
   ``not_found`` too. Definite answers are written to the store (found for 30
   days, not found for 7); failures never are, and leave ``unchecked`` with the reason.

:class:`PubmedLookup` runs it in a thread beside Crossref and answers the audit
afterwards: :meth:`~PubmedLookup.resolve_pmids` (references with only a PMID)
and :meth:`~PubmedLookup.records_for` (abstracts for support scoring). It may start
before the reference list is parsed, with the DOIs and PMIDs printed in the article;
:meth:`~PubmedLookup.cover` then asks about any the parsed references hold beyond those.

>>> answers = lookup(["10.1/x"], [], client=None, store=None, offline=True)
>>> answers.unchecked
{'doi:10.1/x': 'offline'}
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from claimcheck.errors import StoreError
from claimcheck.model import Reference, Resolution, Status
from claimcheck.registry.pubmed import PubmedClient, PubmedRecord, parse_medline
from claimcheck.registry.store import Store, StoredPubmed

__all__ = ["PubmedAnswers", "PubmedLookup", "lookup", "split_medline"]

SEARCH_BATCH, FETCH_BATCH = 60, 200  # 60 DOIs keep the GET URL near 4 KB
_RECORD_START = re.compile(r"^PMID- ", re.MULTILINE)


@dataclass
class PubmedAnswers:
    """What PubMed said, by key (``doi:`` + lower-case DOI, or ``pmid:`` + PMID).

    ``records`` holds the found records, ``missing`` the keys PubMed has no
    record for (definite), ``unchecked`` the keys it could not be asked about,
    with the reason; ``requests`` counts the requests sent, ``from_store`` the
    keys the store answered.
    """

    records: dict[str, PubmedRecord] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    unchecked: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    from_store: int = 0


def split_medline(text: str) -> list[str]:
    """The MEDLINE text of each record in an efetch body (one per ``PMID-`` line).

    >>> [t.split()[1] for t in split_medline("PMID- 1\\nTI  - A.\\n\\nPMID- 2\\nTI  - B.\\n")]
    ['1', '2']
    """
    starts = [m.start() for m in _RECORD_START.finditer(text)]
    return [text[a:b].strip() + "\n" for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _doi_key(doi: str) -> str:
    return f"doi:{doi.strip().lower()}"


def _dois_of(record: PubmedRecord) -> set[str]:
    values = [*record.fields.get("LID", ()), *record.fields.get("AID", ())]
    return {v[: -len("[doi]")].strip().lower() for v in values if v.endswith("[doi]")}


def lookup(
    dois: Iterable[str],
    pmids: Iterable[str],
    *,
    client: PubmedClient | None,
    store: Store | None,
    offline: bool = False,
) -> PubmedAnswers:
    """Answer every DOI and PMID: from the store, else in batches (see the module docstring)."""
    keys = list(
        dict.fromkeys(
            [f"doi:{d.strip().lower()}" for d in dois if d.strip()]
            + [f"pmid:{p.strip()}" for p in pmids if p.strip()]
        )
    )
    out = PubmedAnswers()
    stored = _read(store, keys)
    for key, answer in stored.items():
        if answer.status == "found" and answer.medline:
            records = parse_medline(answer.medline)
            if records:
                out.records[key] = records[0]
                continue
        elif answer.status == "not_found":
            out.missing.add(key)
            continue
    out.from_store = len(out.records) + len(out.missing)
    todo = [k for k in keys if k not in out.records and k not in out.missing]
    if not todo:
        return out
    if offline or client is None:
        out.unchecked.update(dict.fromkeys(todo, "offline"))
        return out
    before = client.requests
    texts = _ask(client, todo, out)
    out.requests = client.requests - before
    _save(store, out, todo, texts)
    return out


def _ask(client: PubmedClient, todo: list[str], out: PubmedAnswers) -> dict[str, str]:
    """Search, then fetch; fills ``out`` and returns the MEDLINE text of each record by PMID."""
    doi_keys = [k for k in todo if k.startswith("doi:")]
    wanted = [k[len("pmid:") :] for k in todo if k.startswith("pmid:")]
    searched: list[str] = []  # DOI keys whose search answered
    for start in range(0, len(doi_keys), SEARCH_BATCH):
        chunk = doi_keys[start : start + SEARCH_BATCH]
        found = client.search_dois([k[len("doi:") :] for k in chunk])
        if found.status == "unchecked":
            out.unchecked.update(dict.fromkeys(chunk, _why(found.reason)))
        else:
            searched += chunk
            wanted += [p for p in found.pmids if p not in wanted]
    texts: dict[str, str] = {}
    by_pmid: dict[str, PubmedRecord] = {}
    fetch_failure: str | None = None
    for start in range(0, len(wanted), FETCH_BATCH):
        chunk = wanted[start : start + FETCH_BATCH]
        result = client.fetch(chunk)
        if result.status == "unchecked":
            fetch_failure = _why(result.reason)
            out.unchecked.update({f"pmid:{p}": fetch_failure for p in chunk if f"pmid:{p}" in todo})
            continue
        by_pmid.update({r.pmid: r for r in result.records})
        for text in split_medline(result.text):
            texts[text.split("\n", 1)[0][len("PMID- ") :].strip()] = text
    by_doi = {doi: r for r in by_pmid.values() for doi in _dois_of(r)}
    for key in todo:
        if key in out.unchecked:
            continue
        kind, _, value = key.partition(":")
        record = by_doi.get(value) if kind == "doi" else by_pmid.get(value)
        if record is not None:
            out.records[key] = record
        elif fetch_failure is None or kind == "pmid":  # failed PMIDs were marked unchecked above
            out.missing.add(key)
        else:  # a PMID was found for some DOI, but the records could not be fetched
            out.unchecked[key] = fetch_failure
    return texts


def _why(reason: str | None) -> str:
    """An unchecked reason that names PubMed once."""
    reason = reason or "no answer"
    return reason if reason.startswith("PubMed") else f"PubMed: {reason}"


def _read(store: Store | None, keys: list[str]) -> dict[str, StoredPubmed]:
    if store is None or not keys:
        return {}
    try:
        return store.get_pubmed(keys)
    except StoreError as exc:
        warnings.warn(
            f"claimcheck: PubMed answers not read from the store: {exc}", RuntimeWarning, stacklevel=3
        )
        return {}


def _save(store: Store | None, out: PubmedAnswers, asked: list[str], texts: Mapping[str, str]) -> None:
    if store is None:
        return
    now = datetime.now(timezone.utc).isoformat()
    rows = []
    for key in asked:
        record = out.records.get(key)
        if record is not None and record.pmid in texts:
            rows.append(StoredPubmed(key, "found", record.pmid, texts[record.pmid], now))
        elif key in out.missing:
            rows.append(StoredPubmed(key, "not_found", None, None, now))
    try:
        store.put_pubmed(rows)
    except StoreError as exc:
        warnings.warn(f"claimcheck: PubMed answers not cached: {exc}", RuntimeWarning, stacklevel=3)


class PubmedLookup:
    """One article's PubMed questions, asked in a thread while Crossref is asked.

    Parameters
    ----------
    references:
        The article's entries: their DOIs and printed PMIDs are asked.
    client, store, offline:
        See :func:`lookup`.
    dois, pmids:
        More to ask: those printed in the article, before its references are parsed.
    """

    def __init__(
        self,
        references: Sequence[Reference] = (),
        *,
        client: PubmedClient | None,
        store: Store | None,
        offline: bool = False,
        dois: Iterable[str] = (),
        pmids: Iterable[str] = (),
    ) -> None:
        self._dois = list(dict.fromkeys([*dois, *(r.doi for r in references if r.doi)]))
        self._pmids = list(dict.fromkeys([*pmids, *(r.pmid for r in references if r.pmid)]))
        self._args = (client, store, offline)
        self._answers: PubmedAnswers | None = None
        self._error: BaseException | None = None
        self._more: PubmedLookup | None = None
        self._thread = threading.Thread(target=self._run, name="claimcheck-pubmed", daemon=True)

    def start(self) -> PubmedLookup:
        self._thread.start()
        return self

    def _run(self) -> None:
        client, store, offline = self._args
        try:
            self._answers = lookup(self._dois, self._pmids, client=client, store=store, offline=offline)
        except Exception as exc:  # a bug here must not stop the audit: every key is then unchecked
            self._error = exc

    def cover(self, references: Iterable[Reference]) -> PubmedLookup:
        """Also ask, in a second thread, about the references' DOIs and PMIDs not asked yet."""
        asked = {_doi_key(d) for d in self._dois} | {f"pmid:{p.strip()}" for p in self._pmids}
        refs = list(references)
        dois = [r.doi for r in refs if r.doi and _doi_key(r.doi) not in asked]
        pmids = [r.pmid for r in refs if r.pmid and f"pmid:{r.pmid.strip()}" not in asked]
        if (dois or pmids) and self._more is None:
            client, store, offline = self._args
            self._more = PubmedLookup(client=client, store=store, offline=offline, dois=dois, pmids=pmids)
            self._more.start()
        return self

    def answers(self) -> PubmedAnswers:
        """Wait for the answers (every key ``unchecked`` with the reason when the lookup failed)."""
        if self._answers is None and self._error is None and not self._thread.is_alive():
            self._run()  # never started: ask here
        self._thread.join() if self._thread.is_alive() else None
        if self._answers is None:
            why = f"PubMed lookup failed: {type(self._error).__name__}: {self._error}"
            keys = [_doi_key(d) for d in self._dois] + [f"pmid:{p}" for p in self._pmids]
            self._answers = PubmedAnswers(unchecked=dict.fromkeys(keys, why))
        if self._more is not None:  # the second lookup's keys are new: merge them in
            more, self._more = self._more.answers(), None
            self._answers.records.update(more.records)
            self._answers.missing |= more.missing
            self._answers.unchecked.update(more.unchecked)
            self._answers.requests += more.requests
            self._answers.from_store += more.from_store
        return self._answers

    def resolve_pmids(self, pmids: Sequence[str]) -> dict[str, Resolution]:
        """The :class:`~claimcheck.registry.resolve.PmidResolver` protocol, from the answers."""
        from claimcheck.registry.pmid import PubmedResolver

        answers = self.answers()
        out = {}
        for pmid in pmids:
            key = f"pmid:{str(pmid).strip()}"
            out[pmid] = PubmedResolver._answer(
                str(pmid).strip(), answers.records.get(key), answers.unchecked.get(key)
            )
        return out

    def records_for(
        self, references: Iterable[Reference], resolutions: Mapping[int, Resolution]
    ) -> dict[int, PubmedRecord]:
        """PubMed records, by reference number, for entries whose registered record has no abstract."""
        answers = self.answers()
        out: dict[int, PubmedRecord] = {}
        for ref in references:
            if ref.number is None:
                continue
            res = resolutions.get(ref.number)
            work = res.work if res is not None and res.status is Status.RESOLVED else None
            if work is not None and work.abstract:
                continue
            doi = ref.doi or (work.doi if work is not None else None)
            record = answers.records.get(f"pmid:{ref.pmid}") if ref.pmid else None
            record = record or (answers.records.get(f"doi:{doi.lower()}") if doi else None)
            if record is not None:
                out[ref.number] = record
        return out

    def __repr__(self) -> str:
        state = (
            "answered"
            if self._answers is not None
            else "asking"
            if self._thread.is_alive()
            else "not started"
        )
        return f"<PubmedLookup {len(self._dois)} DOIs, {len(self._pmids)} PMIDs, {state}>"
