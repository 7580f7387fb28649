"""Identifiers carried by links: DOIs, PubMed and PMC ids in web addresses.

Web pages link their sources rather than print their identifiers: a reference
reads "Full text" and its ``href`` is ``https://doi.org/10.1000/x``, a
publisher page (``.../doi/10.1002/da.22345``, ``.../articles/10.3389/x/full``)
or a PubMed page. :func:`link_identifiers` reads those; :func:`same_link_key`
gives one key per web page, so the same source listed under two numbers with
``http``/``https``, ``www.``, a trailing slash or tracking parameters is seen
as one. :func:`with_link_identifiers` fills a reference's missing DOI, PMID or
PMCID from its URL. No network.

Examples
--------
>>> link_identifiers("https://dx.doi.org/10.2147/PPA.S29716")
LinkIds(doi='10.2147/ppa.s29716', pmid=None, pmcid=None)
>>> link_identifiers("https://pubmed.ncbi.nlm.nih.gov/22879759/").pmid
'22879759'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from claimcheck.model import Reference
from claimcheck.read.references.doi import check_doi, find_dois

__all__ = ["LinkIds", "link_identifiers", "same_link_key", "with_link_identifiers"]

_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_PUBMED = re.compile(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/(?:\?term=)?|europepmc\.org/(?:abstract/)?med/)"
    r"(\d{1,9})\b",
    re.IGNORECASE,
)
_PMC = re.compile(
    r"(?:ncbi\.nlm\.nih\.gov/pmc/articles/|pmc\.ncbi\.nlm\.nih\.gov/articles/|europepmc\.org/(?:abstract/)?pmc/)"
    r"(?:PMC)?(\d{3,9})\b",
    re.IGNORECASE,
)
# Query parameters that track a visit and do not change the page.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_[ce]id|ref|source|via|s|share)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkIds:
    """The identifiers one link carries (each ``None`` when absent)."""

    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None


def link_identifiers(href: str) -> LinkIds:
    """Read a DOI, PMID or PMCID out of a web address.

    Parameters
    ----------
    href
        A link target as found in a page (absolute, or at least with a host).

    Returns
    -------
    LinkIds
        The DOI in normal form (a publisher page's ``/full`` or ``.pdf`` tail
        dropped), the PMID of a PubMed page, the PMCID (``PMC123``) of a PMC page.

    Examples
    --------
    >>> link_identifiers("https://www.frontiersin.org/articles/10.3389/fpsyt.2022.992624/full").doi
    '10.3389/fpsyt.2022.992624'
    >>> link_identifiers("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3419356/").pmcid
    'PMC3419356'
    >>> link_identifiers("https://example.org/news")
    LinkIds(doi=None, pmid=None, pmcid=None)
    """
    href = href.strip()
    pubmed = _PUBMED.search(href)
    pmc = _PMC.search(href)
    return LinkIds(
        doi=_doi_in(href),
        pmid=pubmed.group(1) if pubmed else None,
        pmcid=f"PMC{pmc.group(1)}" if pmc else None,
    )


def _doi_in(href: str) -> str | None:
    parts = urlsplit(href if "//" in href else f"//{href}")
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host in _DOI_HOSTS:
        candidates = [path.lstrip("/")]
    else:
        query = unquote(parts.query)
        text = path + (f"?{query}" if query else "")
        candidates = [raw for raw, _, _ in find_dois(text)]
    for raw in candidates:
        check = check_doi(raw)
        if check.doi is None:
            continue
        # A publisher address ends in "/full", "/pdf", ".pdf": the DOI is the stem.
        return check.suggestion if check.problem and check.suggestion else check.doi
    return None


def same_link_key(url: str) -> str:
    """One key per web page: no scheme, ``www.``, fragment, tracking parameters or final slash.

    A DOI link's key is its DOI, so ``https://doi.org/10.1000/X`` and
    ``http://dx.doi.org/10.1000/x`` are the same page.

    Examples
    --------
    >>> same_link_key("https://www.Example.org/a/?utm_source=x#top") == same_link_key("http://example.org/a")
    True
    """
    ids = link_identifiers(url)
    if ids.doi:
        return f"doi:{ids.doi}"
    if ids.pmid:
        return f"pmid:{ids.pmid}"
    if ids.pmcid:
        return f"pmcid:{ids.pmcid}"
    parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{query}" if query else "")


def with_link_identifiers(ref: Reference, hrefs: tuple[str, ...] = ()) -> Reference:
    """Fill a reference's missing DOI, PMID, PMCID and URL from its links.

    ``hrefs`` are the link targets of the entry (an HTML list item); the
    entry's own printed URL is read too. What the entry prints wins: a DOI
    printed in the text is never replaced by one from a link.

    Examples
    --------
    >>> ref = with_link_identifiers(Reference(1, "Full text"), ("https://doi.org/10.1000/ABC",))
    >>> ref.doi, ref.url
    ('10.1000/abc', 'https://doi.org/10.1000/ABC')
    """
    links = [h for h in (*hrefs, ref.url) if h and re.match(r"(?:https?:)?//|www\.", h, re.IGNORECASE)]
    if not links:
        return ref
    changes: dict[str, str] = {}
    for href in links:
        ids = link_identifiers(href)
        if ids.doi and not (ref.doi or ref.doi_raw) and "doi" not in changes:
            changes["doi"] = ids.doi
            changes["doi_raw"] = ids.doi
        if ids.pmid and not ref.pmid and "pmid" not in changes:
            changes["pmid"] = ids.pmid
        if ids.pmcid and not ref.pmcid and "pmcid" not in changes:
            changes["pmcid"] = ids.pmcid
    if not ref.url:
        changes["url"] = links[0]
    return dataclasses.replace(ref, **changes) if changes else ref  # type: ignore[arg-type]
