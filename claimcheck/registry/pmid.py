"""References with a PMID but no DOI, resolved through PubMed.

:class:`PubmedResolver` answers PMIDs with :class:`~claimcheck.model.Resolution`
values whose work comes from the MEDLINE record
(:func:`claimcheck.registry.works.work_from_pubmed`, ``agency="pubmed"``): title,
authors, journal (``JT`` and ``TA``), year, volume, issue, pages, DOI when
PubMed has one, and PubMed's retraction, concern and erratum links. It asks
E-utilities through :class:`claimcheck.registry.pubmed.PubmedClient` (one ``efetch``
for all PMIDs), or answers from records held in memory (tests, notebooks).

Never raises for network trouble: a PMID PubMed could not be asked about is
``unchecked`` with the reason; one PubMed answered without a record is
``not_found`` (``reason`` says so).

>>> from claimcheck.registry.pubmed import parse_medline
>>> r = PubmedResolver(records=parse_medline("PMID- 9500320\\nTI  - A title.\\nAID - 10.1/x [doi]\\n"))
>>> res = r.resolve_pmids(["9500320", "1"])
>>> res["9500320"].work.doi, res["1"].status.value
('10.1/x', 'not_found')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimcheck.model import Resolution, Status
from claimcheck.registry.pubmed import PubmedClient, PubmedRecord
from claimcheck.registry.works import work_from_pubmed

__all__ = ["PubmedResolver"]


class PubmedResolver:
    """Resolves PMIDs to works through PubMed.

    Parameters
    ----------
    client:
        The E-utilities client; a default :class:`~claimcheck.registry.pubmed.PubmedClient`
        when neither ``client`` nor ``records`` is given.
    records:
        MEDLINE records to answer from without asking anybody; a PMID not
        among them is ``not_found`` unless a ``client`` is also given.
    offline:
        Never ask E-utilities: PMIDs not among ``records`` are ``unchecked (offline)``.
    """

    def __init__(
        self,
        client: PubmedClient | None = None,
        *,
        records: Iterable[PubmedRecord] = (),
        offline: bool = False,
    ) -> None:
        self._records = {r.pmid: r for r in records}
        self.offline = offline
        self.client = client if client is not None or self._records or offline else PubmedClient()

    def resolve_pmids(self, pmids: Sequence[str]) -> dict[str, Resolution]:
        """One Resolution per PMID asked, keyed by the PMID as given."""
        keys = [str(p).strip() for p in pmids]
        found = {k: self._records[k] for k in keys if k in self._records}
        missing = sorted({k for k in keys if k not in found})
        reasons: dict[str, str] = {}
        if missing and self.offline:
            reasons = dict.fromkeys(missing, "offline")
        elif missing and self.client is not None:
            result = self.client.fetch(missing)
            found.update({r.pmid: r for r in result.records if r.pmid in missing})
            if result.status == "unchecked":
                reasons = dict.fromkeys(missing, f"PubMed: {result.reason}")
        out = {}
        for pmid, key in zip(pmids, keys, strict=True):
            out[pmid] = self._answer(key, found.get(key), reasons.get(key))
        return out

    @staticmethod
    def _answer(pmid: str, record: PubmedRecord | None, unchecked: str | None) -> Resolution:
        if record is not None:
            work = work_from_pubmed(record)
            return Resolution(work.doi, Status.RESOLVED, work, agency="pubmed")
        if unchecked is not None:
            return Resolution("", Status.UNCHECKED, reason=unchecked, agency="pubmed")
        return Resolution("", Status.NOT_FOUND, reason=f"PubMed has no record PMID {pmid}", agency="pubmed")

    def __repr__(self) -> str:
        source = "offline" if self.offline else repr(self.client) if self.client else "records only"
        return f"<PubmedResolver {len(self._records)} records, {source}>"
