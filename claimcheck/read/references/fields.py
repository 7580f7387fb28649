"""Fields of a reference-file entry, made into a :class:`~claimcheck.model.Reference`.

The readers of :mod:`claimcheck.read.references.files` (BibTeX, RIS, CSL-JSON) each gather a
:class:`Fields` value; :func:`to_reference` turns it into the same record a
typed entry gives: authors in Vancouver form (``Hassan K``), a year with its
``2020a`` letter dropped, pages with ``--`` made ``-``, the DOI checked as a
printed one is, identifiers from the URL, and ``problems`` when the entry has
no title or nothing to go on.

Examples
--------
>>> vancouver("van der Berg", "Anna-Lena M."), vancouver("Hassan", "Kevin")
('van der Berg ALM', 'Hassan K')
>>> to_reference(Fields(authors=(("Doe", "Jane"),), date="2020b", pages="1--9"), raw="x").year
2020
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Reference
from claimcheck.read.references.doi import check_doi
from claimcheck.read.references.links import with_link_identifiers

__all__ = ["Fields", "csl_fields", "ris_fields", "to_reference", "vancouver"]


@dataclass(frozen=True, slots=True)
class Fields:
    """What a file entry says, before it becomes a ``Reference``.

    ``authors`` holds ``(family, given)`` pairs, or names to keep as they are
    (organisations, or names already written ``Hassan K``).
    """

    authors: tuple[str | tuple[str, str], ...] = ()
    title: str | None = None
    container: str | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    isbn: str | None = None
    accessed: str | None = None


def vancouver(family: str, given: str) -> str:
    """``Family Initials``, as an AMA / Vancouver list prints an author."""
    initials = "".join(w[0] for w in re.split(r"[\s.\-‐]+", given) if w and w[0].isalpha()).upper()
    return f"{family.strip()} {initials}".strip()


def to_reference(
    fields: Fields, *, raw: str, start: int = 0, end: int = 0, problems: tuple[str, ...] = ()
) -> Reference:
    """Make the ``Reference`` a file entry describes (number left ``None``)."""
    authors = tuple(vancouver(*a) if isinstance(a, tuple) else a for a in fields.authors)
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)", fields.date or "")
    title = (fields.title or "").strip().rstrip(".") or None
    ref = Reference(
        number=None,
        raw=raw,
        start=start,
        end=end,
        authors=tuple(a for a in authors if a),
        et_al=any(a.lower() in ("others", "et al", "et al.") for a in authors),
        title=title,
        container=(fields.container or "").strip().rstrip(".") or None,
        year=int(year.group(1)) if year else None,
        volume=_clean(fields.volume),
        issue=_clean(fields.issue),
        pages=re.sub(r"\s*(?:--|[–—])\s*", "-", fields.pages).strip() if fields.pages else None,
        pmid=_digits(fields.pmid),
        pmcid=_pmcid(fields.pmcid),
        url=_clean(fields.url),
        isbn=_clean(fields.isbn),
        accessed=_clean(fields.accessed),
    )
    if fields.doi and fields.doi.strip():
        check = check_doi(fields.doi.strip())
        ref = dataclasses.replace(
            ref,
            doi=check.doi,
            doi_raw=fields.doi.strip(),
            doi_problem=check.problem,
            doi_suggestion=check.suggestion,
        )
    ref = dataclasses.replace(
        ref, authors=tuple(a for a in ref.authors if a.lower() not in ("others", "et al", "et al."))
    )
    ref = with_link_identifiers(ref)
    return dataclasses.replace(ref, problems=problems + _missing(ref))


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def _digits(value: str | None) -> str | None:
    match = re.search(r"\d{1,9}", value or "")
    return match.group() if match else None


def _pmcid(value: str | None) -> str | None:
    digits = _digits(value)
    return f"PMC{digits}" if digits else None


def _missing(ref: Reference) -> tuple[str, ...]:
    if not ref.title and not ref.container:
        if not ref.authors and ref.year is None and not ref.has_identifier:
            return ("the entry has no author, title, year or identifier",)
        return ("the entry has no title",)
    return ()


# --- RIS tags -------------------------------------------------------------------------------------

_RIS_AUTHORS = ("AU", "A1")
_RIS_TITLE = ("TI", "T1", "CT", "BT")
_RIS_CONTAINER = ("JF", "JO", "T2", "JA", "J2", "J1", "BT", "PB")
_RIS_DATE = ("PY", "Y1", "DA")


def ris_fields(record: Mapping[str, list[str]]) -> Fields:
    """The fields of one RIS record (``tag -> values``)."""

    def first(*tags: str) -> str | None:
        return next((v for t in tags for v in record.get(t, []) if v.strip()), None)

    authors: list[str | tuple[str, str]] = []
    for tag in _RIS_AUTHORS:
        for name in record.get(tag, []):
            family, _, given = name.partition(",")
            authors.append((family, given) if given.strip() else name.strip())
    start, end = first("SP"), first("EP")
    pages = f"{start}-{end}" if start and end and end != start else start
    notes = " ".join(record.get("N1", []))
    pmid = re.search(r"\bPMID:?\s*(\d{1,9})", notes)
    isbn = first("SN")
    title = first(*_RIS_TITLE)
    container = next((c for c in (first(t) for t in _RIS_CONTAINER) if c and c != title), None)
    return Fields(
        authors=tuple(authors),
        title=title,
        container=container,
        date=first(*_RIS_DATE),
        volume=first("VL"),
        issue=first("IS", "CP"),
        pages=pages,
        doi=first("DO"),
        pmid=pmid.group(1) if pmid else None,
        url=first("UR", "L2"),
        isbn=isbn if isbn and re.fullmatch(r"(?:97[89][- ]?)?[\d -]{9,14}[\dXx]", isbn) else None,
        accessed=first("Y2"),
    )


# --- CSL-JSON items -------------------------------------------------------------------------------


def csl_fields(item: Mapping[str, Any]) -> Fields:
    """The fields of one CSL-JSON item."""
    authors: list[str | tuple[str, str]] = []
    for person in item.get("author") or []:
        if not isinstance(person, dict):
            continue
        if person.get("literal") or not person.get("family"):
            authors.append(str(person.get("literal") or person.get("given") or "").strip())
            continue
        particle = person.get("non-dropping-particle") or person.get("dropping-particle") or ""
        authors.append((f"{particle} {person['family']}".strip(), str(person.get("given") or "")))
    container = item.get("container-title") or item.get("publisher")
    if isinstance(container, list):
        container = container[0] if container else None
    return Fields(
        authors=tuple(a for a in authors if a),
        title=_first(item.get("title")),
        container=_first(container),
        date=_csl_date(item.get("issued")),
        volume=_first(item.get("volume")),
        issue=_first(item.get("issue")),
        pages=_first(item.get("page")),
        doi=_first(item.get("DOI")),
        pmid=_first(item.get("PMID")),
        pmcid=_first(item.get("PMCID")),
        url=_first(item.get("URL")),
        isbn=_first(item.get("ISBN")),
        accessed=_csl_date(item.get("accessed")),
    )


def _first(value: Any) -> str | None:
    if isinstance(value, Sequence) and not isinstance(value, str):
        value = value[0] if value else None
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _csl_date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return _first(value)
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return "-".join(str(p) for p in parts[0])
    return _first(value.get("raw") or value.get("literal"))
