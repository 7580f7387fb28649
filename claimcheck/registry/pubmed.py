"""PubMed through NCBI E-utilities: abstracts by PMID or DOI, and the MEDLINE format.

Two halves. :func:`parse_medline` is pure: efetch's MEDLINE text
(``rettype=medline&retmode=text``) in, :class:`PubmedRecord` values out.
:class:`PubmedClient` is the I/O edge, over ``requests``: ``esearch`` finds the
PMID of a DOI, ``efetch`` returns records. It is polite (``tool`` and ``email``
on every request; at most 3 requests a second, 10 with an API key) and never
raises for network trouble: every call returns a :class:`PubmedResult` whose
``status`` is ``ok``, ``not_found`` or ``unchecked`` (with the ``reason``).

The base URL is ``https://eutils.ncbi.nlm.nih.gov/entrez/eutils``, or
``CLAIMCHECK_PUBMED_URL``, or the ``base_url`` argument (a mirror, a test server).

>>> rec = parse_medline("PMID- 1\\nTI  - A title\\n      that wraps.\\nPT  - Retracted Publication\\n")[0]
>>> rec.title, rec.retracted
('A title that wraps.', True)
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

from claimcheck.model import Reference, Resolution, Status
from claimcheck.registry.throttle import Breaker, Limits, Throttle

__all__ = [
    "DEFAULT_URL",
    "PubmedClient",
    "PubmedComment",
    "PubmedRecord",
    "PubmedResult",
    "fetch_for_references",
    "parse_medline",
]

DEFAULT_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
_LINE = re.compile(r"^([A-Z]{2,4})\s*- ?(.*)$")
_PMID = re.compile(r"PMID:\s*(\d+)")
_DOI = re.compile(r"doi:\s*(10\.\S+?)\.?(?:\s|$)", re.IGNORECASE)

#: Comment and correction tags of MEDLINE (tag -> what the linked record is).
COMMENT_TAGS = {
    "CIN": "comment in",
    "CON": "comment on",
    "EIN": "erratum in",
    "EFR": "erratum for",
    "RIN": "retraction in",
    "ROF": "retraction of",
    "ECI": "expression of concern in",
    "ECF": "expression of concern for",
    "CRI": "corrected and republished in",
    "CRF": "corrected and republished from",
    "RPI": "republished in",
    "RPF": "republished from",
    "UIN": "update in",
    "UOF": "update of",
    "SPIN": "summary for patients in",
    "ORI": "original report in",
}


@dataclass(frozen=True, slots=True)
class PubmedComment:
    """A link to another record: an erratum, a retraction, a comment, a concern."""

    tag: str
    text: str
    pmid: str | None = None
    doi: str | None = None

    @property
    def kind(self) -> str:
        """What the linked record is (``retraction in``, ``erratum for``, ...)."""
        return COMMENT_TAGS.get(self.tag, self.tag)


@dataclass(frozen=True, slots=True)
class PubmedRecord:
    """One MEDLINE record, the fields claimcheck reads; every field is kept in ``fields``.

    ``title`` is ``None`` where PubMed has only its ``[Not Available].``
    placeholder (then ``vernacular_title``, ``TT``, may hold the original);
    a translated title loses its square brackets. ``authors`` are full names
    (``FAU``, or ``AU`` where no full name is given) with group authors
    (``CN``) in their place; ``year`` is the first year of ``DP``; ``doi``
    comes from ``LID`` or ``AID`` ``[doi]``, lower-cased.
    """

    pmid: str
    title: str | None = None
    abstract: str | None = None
    vernacular_title: str | None = None
    authors: tuple[str, ...] = ()
    journal: str | None = None
    journal_abbrev: str | None = None
    year: int | None = None
    doi: str | None = None
    publication_types: tuple[str, ...] = ()
    comments: tuple[PubmedComment, ...] = ()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def retracted(self) -> bool:
        """True when PubMed marks the record as a retracted publication."""
        return "Retracted Publication" in self.publication_types or any(c.tag == "RIN" for c in self.comments)

    @property
    def is_retraction_notice(self) -> bool:
        """True for the notice that retracts another record."""
        notices = {"Retraction Notice", "Retraction of Publication"}
        return bool(notices & set(self.publication_types)) or any(c.tag == "ROF" for c in self.comments)

    @property
    def expression_of_concern(self) -> bool:
        """True when an expression of concern is, or is about, this record."""
        return "Expression of Concern" in self.publication_types or any(
            c.tag in ("ECI", "ECF") for c in self.comments
        )

    def __repr__(self) -> str:
        title = (self.title or "")[:48]
        return f"<PubmedRecord {self.pmid} {title!r}>"


def parse_medline(text: str) -> list[PubmedRecord]:
    """Parse efetch MEDLINE text into records (one per ``PMID-`` block).

    Continuation lines (six spaces) are joined to their field with one space.
    Text that holds no record gives an empty list.

    Examples
    --------
    >>> recs = parse_medline("PMID- 20137807\\nTI  - Retraction--Ileal-lymphoid-nodular hyperplasia.\\n"
    ...                      "PT  - Retraction Notice\\nAID - 10.1016/S0140-6736(10)60175-4 [doi]\\n")
    >>> recs[0].doi, recs[0].is_retraction_notice
    ('10.1016/s0140-6736(10)60175-4', True)
    """
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        m = _LINE.match(line)
        if m and not line.startswith(" "):
            tag, value = m.group(1), m.group(2).strip()
            if tag == "PMID":
                current = []
                records.append(current)
            if current is not None:
                current.append((tag, value))
        elif line.startswith("      ") and current:
            tag, value = current[-1]
            current[-1] = (tag, f"{value} {line.strip()}".strip())
    return [_record(fields) for fields in records]


def _record(pairs: list[tuple[str, str]]) -> PubmedRecord:
    fields: dict[str, list[str]] = {}
    for tag, value in pairs:
        fields.setdefault(tag, []).append(value)
    authors: list[str] = []
    last = ""
    for tag, value in pairs:
        if tag in ("FAU", "CN") or (tag == "AU" and last != "FAU"):
            authors.append(value)
        if tag in ("FAU", "AU", "CN"):
            last = tag
    first = {tag: values[0] for tag, values in fields.items()}
    year = re.match(r"\d{4}", first.get("DP", ""))
    comments = tuple(
        PubmedComment(tag, value, _first_match(_PMID, value), _doi_in(value))
        for tag, value in pairs
        if tag in COMMENT_TAGS
    )
    return PubmedRecord(
        pmid=first.get("PMID", ""),
        title=_title(first.get("TI") or first.get("BTI")),
        abstract=" ".join(fields.get("AB", [])) or None,
        vernacular_title=first.get("TT"),
        authors=tuple(authors),
        journal=first.get("JT"),
        journal_abbrev=first.get("TA"),
        year=int(year.group(0)) if year else None,
        doi=_doi_field(fields.get("LID", []) + fields.get("AID", [])),
        publication_types=tuple(fields.get("PT", [])),
        comments=comments,
        fields={tag: tuple(values) for tag, values in fields.items()},
    )


def _title(text: str | None) -> str | None:
    if not text or text.strip("[]. ").lower() == "not available":
        return None  # PubMed's placeholder for a record with no English title
    if text.startswith("[") and text.rstrip(".").endswith("]"):
        text = text.rstrip(".")[1:-1] + "."  # a translated title, in brackets
    return text


def _doi_field(values: Iterable[str]) -> str | None:
    for value in values:
        if value.endswith("[doi]"):
            return value[: -len("[doi]")].strip().lower()
    return None


def _doi_in(text: str) -> str | None:
    m = _DOI.search(text)
    return m.group(1).rstrip(".").lower() if m else None


def _first_match(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


@dataclass(frozen=True, slots=True)
class PubmedResult:
    """The answer to one E-utilities call: never an exception.

    ``status`` is ``ok``, ``not_found`` (a definite answer: no such record) or
    ``unchecked`` (``reason`` says why: ``timeout``, ``connection error``,
    ``rate-limited``, ``server error 503``, ``bad response``).
    """

    status: str
    records: tuple[PubmedRecord, ...] = ()
    pmids: tuple[str, ...] = ()
    reason: str | None = None
    text: str = field(default="", repr=False, compare=False)  # efetch's MEDLINE body as served

    def __repr__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"<PubmedResult {self.status}{why} {len(self.records) or len(self.pmids)} items>"


class PubmedClient:
    """A small, polite E-utilities client over ``requests``.

    Parameters
    ----------
    base_url:
        The E-utilities base; ``CLAIMCHECK_PUBMED_URL`` or :data:`DEFAULT_URL` by default.
    tool, email:
        Sent with every request, as NCBI asks of every client.
    api_key:
        Optional; raises the rate limit from 3 to 10 requests a second.
    timeout:
        Seconds per request.
    session:
        A ``requests.Session`` to use (tests pass one that ignores proxies).

    Examples
    --------
    >>> client = PubmedClient(email="editor@example.org", base_url="http://127.0.0.1:9")
    >>> client.fetch(["9500320"]).status  # nothing listens there
    'unchecked'
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        tool: str = "claimcheck",
        email: str | None = None,
        api_key: str | None = None,
        timeout: float = 10.0,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = (base_url or os.environ.get("CLAIMCHECK_PUBMED_URL") or DEFAULT_URL).rstrip("/")
        self.tool, self.email, self.api_key, self.timeout = tool, email, api_key, timeout
        self._session = session  # made on the first request: `requests` loads only when PubMed is asked
        self.interval = 1 / (10 if api_key else 3)
        # NCBI's limit counts requests sent: at most 3 (10) started in any second, one at a time.
        limits = Limits(rate=1 / self.interval, concurrency=1, retries=0)
        self._throttle = Throttle(limits, clock=clock, sleep=sleep)
        self.breaker = Breaker("PubMed")
        self.requests = 0

    def __repr__(self) -> str:
        return f"<PubmedClient {self.base_url} {1 / self.interval:.0f} req/s, {self.breaker}>"

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` (made on first use)."""
        if self._session is None:
            import requests

            self._session = requests.Session()
        return self._session

    def _get(self, endpoint: str, params: dict[str, str]) -> tuple[requests.Response | None, str | None]:
        params = {**params, "tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        if self.breaker.reason:  # the host failed earlier in this audit: do not ask again
            return None, self.breaker.reason
        import requests

        with self._throttle.slot():
            self.requests += 1
            try:
                response = self.session.get(
                    f"{self.base_url}/{endpoint}", params=params, timeout=self.timeout
                )
            except requests.Timeout:
                self.breaker.record("timeout")
                return None, self.breaker.reason or "timeout"
            except requests.RequestException:
                self.breaker.record("connection error")
                return None, self.breaker.reason
        self.breaker.record(None)
        if response.status_code == 429:
            return None, "rate-limited"
        if response.status_code >= 500:
            return None, f"server error {response.status_code}"
        if response.status_code >= 400:
            return None, f"http {response.status_code}"
        return response, None

    def pmid_for_doi(self, doi: str) -> PubmedResult:
        """``esearch`` for the record with this DOI: ``pmids`` holds what PubMed found."""
        response, why = self._get(
            "esearch.fcgi", {"db": "pubmed", "term": f'"{doi}"[AID]', "retmode": "json", "retmax": "5"}
        )
        if response is None:
            return PubmedResult("unchecked", reason=why)
        try:
            ids = tuple(str(i) for i in response.json()["esearchresult"]["idlist"])
        except (ValueError, KeyError, TypeError):
            return PubmedResult("unchecked", reason="bad response")
        return (
            PubmedResult("ok", pmids=ids)
            if ids
            else PubmedResult("not_found", reason="no record with that DOI")
        )

    def search_dois(self, dois: Iterable[str]) -> PubmedResult:
        """One ``esearch`` for many DOIs (``"A"[AID] OR "B"[AID]``): ``pmids`` holds every PMID found.

        Which PMID belongs to which DOI is not said; the MEDLINE records
        (:meth:`fetch`) carry their DOIs.
        """
        terms = [f'"{d.strip()}"[AID]' for d in dois if d.strip() and '"' not in d]
        if not terms:
            return PubmedResult("not_found", reason="no DOI given")
        params = {
            "db": "pubmed",
            "term": " OR ".join(terms),
            "retmode": "json",
            "retmax": str(2 * len(terms)),
        }
        response, why = self._get("esearch.fcgi", params)
        if response is None:
            return PubmedResult("unchecked", reason=why)
        try:
            ids = tuple(str(i) for i in response.json()["esearchresult"]["idlist"])
        except (ValueError, KeyError, TypeError):
            return PubmedResult("unchecked", reason="bad response")
        return PubmedResult("ok" if ids else "not_found", pmids=ids)

    def fetch(self, pmids: Iterable[str]) -> PubmedResult:
        """``efetch`` MEDLINE records by PMID (one request for all of them)."""
        ids = [str(p).strip() for p in pmids if str(p).strip()]
        if not ids:
            return PubmedResult("not_found", reason="no PMID given")
        response, why = self._get(
            "efetch.fcgi", {"db": "pubmed", "id": ",".join(ids), "rettype": "medline", "retmode": "text"}
        )
        if response is None:
            return PubmedResult("unchecked", reason=why)
        records = tuple(parse_medline(response.text))
        if not records:
            return PubmedResult("not_found", pmids=tuple(ids), reason="no record for those PMIDs")
        return PubmedResult("ok", records=records, pmids=tuple(r.pmid for r in records), text=response.text)


def fetch_for_references(
    references: Iterable[Reference],
    resolutions: Mapping[int, Resolution] | None = None,
    client: PubmedClient | None = None,
) -> dict[int, PubmedRecord]:
    """PubMed records for the entries whose abstract the registry did not give.

    An entry qualifies when it is not resolved to a work with an abstract; its
    PMID is used when printed, else its DOI is looked up with ``esearch``.
    Records come back keyed by reference number; entries PubMed could not
    answer for are left out (the support check then says so).

    >>> fetch_for_references([], {}, PubmedClient(base_url="http://127.0.0.1:9"))
    {}
    """
    resolutions = resolutions or {}
    client = client or PubmedClient()
    wanted: dict[str, int] = {}
    for ref in references:
        if ref.number is None:
            continue
        res = resolutions.get(ref.number)
        if res is not None and res.status is Status.RESOLVED and res.work is not None and res.work.abstract:
            continue
        pmid = ref.pmid
        doi = ref.doi or (res.work.doi if res is not None and res.work is not None else None)
        if not pmid and doi:
            found = client.pmid_for_doi(doi)
            pmid = found.pmids[0] if found.status == "ok" and len(found.pmids) == 1 else None
        if pmid:
            wanted.setdefault(pmid, ref.number)
    if not wanted:
        return {}
    result = client.fetch(list(wanted))
    return {wanted[r.pmid]: r for r in result.records if r.pmid in wanted}
