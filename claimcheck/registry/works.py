"""Registry records become :class:`~claimcheck.model.Work` values.

Pure functions, no network: give :func:`work_from_crossref` the ``message``
object of a Crossref ``/works/{doi}`` response (or one item of a
``/works?filter=...`` list), :func:`work_from_datacite` the ``data`` object of
a DataCite ``/dois/{doi}`` response, :func:`work_from_pubmed` a parsed MEDLINE
record, and get a frozen :class:`~claimcheck.model.Work` back, the untouched
record kept in ``Work.raw`` and its agency in ``Work.agency``.

Titles and container names are tidied for reading and matching: inline markup
such as ``<i>KRAS</i>`` is removed, entities are unescaped and runs of
whitespace become one space. Abstracts are kept exactly as registered (JATS).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from claimcheck.model import Author, Update, Work

if TYPE_CHECKING:
    from claimcheck.registry.pubmed import PubmedRecord

__all__ = [
    "full_title",
    "normalise_update_type",
    "work_from_crossref",
    "work_from_datacite",
    "work_from_pubmed",
]

_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_OPEN_SPACE = re.compile(r"([(\[]) +")
_SPACE_CLOSE = re.compile(r" +([)\]])")
_YEAR_KEYS = ("published-print", "published-online", "issued", "published")
_UPDATE_SYNONYMS = {
    "retracted": "retraction",
    "withdrawn": "withdrawal",
    "concern": "expression_of_concern",
    "eoc": "expression_of_concern",
}


def work_from_crossref(message: Mapping[str, Any]) -> Work:
    """Build a :class:`~claimcheck.model.Work` from a Crossref work message.

    Parameters
    ----------
    message:
        The ``message`` object of ``GET /works/{doi}``, or one of the ``items``
        of a work list. Only ``DOI`` is required.

    Returns
    -------
    Work
        ``title`` is the main title (the first of ``title``; see
        :func:`full_title` for title and subtitle together), ``years`` every
        year among print, online, issued and published dates, ``doi`` the DOI
        in lower case, and ``raw`` the message itself.

    Raises
    ------
    ValueError
        When the message has no ``DOI``: it is not a work record.

    Examples
    --------
    >>> w = work_from_crossref({"DOI": "10.1000/X", "title": ["A <i>KRAS</i> study"],
    ...                         "issued": {"date-parts": [[2020, 5]]}})
    >>> w.doi, w.title, w.years
    ('10.1000/x', 'A KRAS study', (2020,))
    """
    doi = message.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        raise ValueError("a Crossref work message needs a DOI; this one has none")
    return Work(
        doi=doi.strip().lower(),
        title=_clean(_first(message.get("title"))),
        authors=tuple(_author(a) for a in _list(message.get("author")) if isinstance(a, Mapping)),
        container=_clean(_first(message.get("container-title"))),
        short_container=_clean(_first(message.get("short-container-title"))),
        years=_years(message),
        volume=_text(message.get("volume")),
        issue=_text(message.get("issue")),
        pages=_text(message.get("page")),
        article_number=_text(message.get("article-number")),
        type=_text(message.get("type")),
        publisher=_text(message.get("publisher")),
        abstract=message.get("abstract") if isinstance(message.get("abstract"), str) else None,
        updated_by=_updates(message.get("updated-by")),
        update_to=_updates(message.get("update-to")),
        agency="crossref",
        raw=message,
    )


def full_title(work: Work) -> str | None:
    """The main title joined with the registered subtitle, when there is one.

    Joined with ``": "`` unless the title already ends in punctuation or
    already contains the subtitle.

    Examples
    --------
    >>> w = work_from_crossref({"DOI": "10.1/x", "title": ["Penile injury"],
    ...                         "subtitle": ["Result of self-mutilation"]})
    >>> full_title(w)
    'Penile injury: Result of self-mutilation'
    """
    subtitle = _clean(_first(work.raw.get("subtitle")))
    title = work.title
    if not subtitle or not title:
        return title or subtitle
    if subtitle.lower() in title.lower():
        return title
    glue = " " if title[-1] in ":?!.;" else ": "
    return f"{title}{glue}{subtitle}"


def normalise_update_type(value: str) -> str:
    """Crossref's update type as a lower-case slug: ``Expression of Concern`` -> ``expression_of_concern``.

    Examples
    --------
    >>> normalise_update_type("Partial-Retraction")
    'partial_retraction'
    """
    slug = re.sub(r"[\s\-]+", "_", value.strip().lower())
    return _UPDATE_SYNONYMS.get(slug, slug)


def _updates(entries: Any) -> tuple[Update, ...]:
    out = []
    for entry in _list(entries):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("type"), str):
            continue
        doi = entry.get("DOI")
        out.append(
            Update(
                type=normalise_update_type(entry["type"]),
                doi=doi.strip().lower() if isinstance(doi, str) and doi.strip() else None,
                date=_iso_date(entry.get("updated")),
                source=_text(entry.get("source")),
                label=_text(entry.get("label")),
            )
        )
    return tuple(out)


def _author(entry: Mapping[str, Any]) -> Author:
    return Author(
        family=_text(entry.get("family")),
        given=_text(entry.get("given")),
        name=_text(entry.get("name")),
        sequence=_text(entry.get("sequence")),
    )


def _years(message: Mapping[str, Any]) -> tuple[int, ...]:
    years = set()
    for key in _YEAR_KEYS:
        parts = _date_parts(message.get(key))
        if parts:
            years.add(parts[0])
    return tuple(sorted(years))


def _date_parts(date: Any) -> list[int]:
    """The first ``date-parts`` entry as ints (``[[None]]`` gives ``[]``)."""
    if not isinstance(date, Mapping):
        return []
    rows = date.get("date-parts")
    if not isinstance(rows, Sequence) or not rows or not isinstance(rows[0], Sequence):
        return []
    parts = []
    for value in rows[0]:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            break
        try:
            parts.append(int(value))
        except ValueError:
            break
    return parts


def _iso_date(date: Any) -> str | None:
    if isinstance(date, Mapping) and isinstance(date.get("date-time"), str):
        return str(date["date-time"])[:10]
    parts = _date_parts(date)
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _first(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    for item in _list(value):
        if isinstance(item, str) and item.strip():
            return item
    return None


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _clean(value: str | None) -> str | None:
    """Markup removed, entities unescaped, whitespace collapsed."""
    if value is None:
        return None
    text = " ".join(html.unescape(_TAG.sub("", value)).split())
    text = _SPACE_CLOSE.sub(r"\1", _OPEN_SPACE.sub(r"\1", text))
    return text or None


# -- DataCite -------------------------------------------------------------------------------------

_DATACITE_TYPES = {"JournalArticle": "journal-article", "Preprint": "posted-content", "Dataset": "dataset"}


def work_from_datacite(record: Mapping[str, Any]) -> Work:
    """Build a :class:`~claimcheck.model.Work` from a DataCite REST record.

    Parameters
    ----------
    record:
        A ``/dois/{doi}`` response body, or its ``data`` object (with
        ``attributes``). ``Work.raw`` keeps the ``data`` object.

    Raises
    ------
    ValueError
        When the record has no DOI.

    Examples
    --------
    >>> w = work_from_datacite({"data": {"id": "10.48550/arxiv.1706.03762", "attributes": {
    ...     "doi": "10.48550/arxiv.1706.03762", "titles": [{"title": "Attention Is All You Need"}],
    ...     "creators": [{"familyName": "Vaswani", "givenName": "Ashish"}], "publicationYear": 2017,
    ...     "publisher": "arXiv", "types": {"resourceTypeGeneral": "Preprint"}}}})
    >>> w.agency, w.title, w.years, w.authors[0].family, w.type
    ('datacite', 'Attention Is All You Need', (2017,), 'Vaswani', 'posted-content')
    """
    data = record.get("data", record) if isinstance(record.get("data"), Mapping) else record
    attrs = data.get("attributes", data)
    doi = attrs.get("doi") or data.get("id")
    if not isinstance(doi, str) or not doi.strip():
        raise ValueError("a DataCite record needs a DOI; this one has none")
    titles = [
        t for t in _list(attrs.get("titles")) if isinstance(t, Mapping) and isinstance(t.get("title"), str)
    ]
    main = [t for t in titles if not t.get("titleType")] or titles
    container = attrs.get("container") if isinstance(attrs.get("container"), Mapping) else {}
    first, last = _text(container.get("firstPage")), _text(container.get("lastPage"))
    years = {int(attrs["publicationYear"])} if str(attrs.get("publicationYear", "")).isdigit() else set()
    for date in _list(attrs.get("dates")):
        if (
            isinstance(date, Mapping)
            and date.get("dateType") == "Issued"
            and re.match(r"\d{4}", str(date.get("date")))
        ):
            years.add(int(str(date["date"])[:4]))
    kind = (
        attrs.get("types", {}).get("resourceTypeGeneral") if isinstance(attrs.get("types"), Mapping) else None
    )
    return Work(
        doi=doi.strip().lower(),
        title=_clean(main[0]["title"]) if main else None,
        authors=tuple(_datacite_creator(c) for c in _list(attrs.get("creators")) if isinstance(c, Mapping)),
        container=_clean(_text(container.get("title"))),
        years=tuple(sorted(years)),
        volume=_text(container.get("volume")),
        issue=_text(container.get("issue")),
        pages=f"{first}-{last}" if first and last else first,
        type=_DATACITE_TYPES.get(str(kind), str(kind).lower() if kind else None),
        publisher=_text(attrs.get("publisher")),
        abstract=next(
            (d.get("description") for d in _list(attrs.get("descriptions")) if isinstance(d, Mapping)), None
        ),
        agency="datacite",
        raw=data,
    )


def _datacite_creator(entry: Mapping[str, Any]) -> Author:
    family, given, name = (
        _text(entry.get("familyName")),
        _text(entry.get("givenName")),
        _text(entry.get("name")),
    )
    if entry.get("nameType") == "Organizational":
        return Author(name=name)
    if family is None and name and "," in name:  # "Risso, G. L."
        family, given = (p.strip() or None for p in name.split(",", 1))
    if family is None and given is None:
        return Author(name=name)
    return Author(family=family, given=given)


# -- PubMed ------------------------------------------------------------------------------------------

_PUBMED_UPDATED_BY = {
    "RIN": "retraction",
    "ECI": "expression_of_concern",
    "EIN": "erratum",
    "CRI": "correction",
}
_PUBMED_UPDATE_TO = {"ROF": "retraction", "ECF": "expression_of_concern", "EFR": "erratum"}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_CITED_DATE = re.compile(r"\b((?:19|20)\d\d)(?:\s+([A-Z][a-z]{2}))?(?:\s+(\d{1,2}))?\b")


def work_from_pubmed(record: PubmedRecord) -> Work:
    """Build a :class:`~claimcheck.model.Work` from a MEDLINE record (:mod:`claimcheck.registry.pubmed`).

    Retraction, concern and erratum links (``RIN``, ``ECI``, ``EIN``; and
    ``ROF``, ``ECF``, ``EFR`` on the notices) become ``updated_by`` and
    ``update_to`` entries with ``source="pubmed"``; the publication type
    ``Retracted Publication`` counts even without a link. ``doi`` is ``""``
    when PubMed gives none; ``raw`` holds ``PMID`` and every MEDLINE field.

    Examples
    --------
    >>> from claimcheck.registry.pubmed import parse_medline
    >>> rec = parse_medline("PMID- 1\\nTI  - A study.\\nFAU - Wakefield, A J\\nDP  - 1998 Feb 28\\n"
    ...                     "PG  - 637-41\\nPT  - Retracted Publication\\n")[0]
    >>> w = work_from_pubmed(rec)
    >>> w.agency, w.authors[0].family, w.pages, [u.type for u in w.updated_by]
    ('pubmed', 'Wakefield', '637-41', ['retraction'])
    """
    fields = record.fields
    groups = set(fields.get("CN", ()))
    authors = tuple(
        Author(name=a)
        if a in groups or "," not in a
        else Author(*(p.strip() or None for p in a.split(",", 1)))
        for a in record.authors
    )
    years = {record.year} if record.year else set()
    for dep in fields.get("DEP", ()):
        if dep[:4].isdigit():
            years.add(int(dep[:4]))
    updated_by = [
        _pubmed_update(c, _PUBMED_UPDATED_BY[c.tag]) for c in record.comments if c.tag in _PUBMED_UPDATED_BY
    ]
    if "Retracted Publication" in record.publication_types and not any(
        u.type == "retraction" for u in updated_by
    ):
        updated_by.append(Update("retraction", None, None, "pubmed", "PubMed: Retracted Publication"))
    types = record.publication_types
    return Work(
        doi=record.doi or "",
        title=record.title or record.vernacular_title,
        authors=authors,
        container=record.journal,
        short_container=record.journal_abbrev,
        years=tuple(sorted(y for y in years if y)),
        volume=_first_field(fields, "VI"),
        issue=_first_field(fields, "IP"),
        pages=_first_field(fields, "PG"),
        type="journal-article" if "Journal Article" in types else (types[0].lower() if types else None),
        abstract=record.abstract,
        updated_by=tuple(updated_by),
        update_to=tuple(
            _pubmed_update(c, _PUBMED_UPDATE_TO[c.tag]) for c in record.comments if c.tag in _PUBMED_UPDATE_TO
        ),
        agency="pubmed",
        raw={**{tag: list(values) for tag, values in fields.items()}, "PMID": record.pmid},
    )


def _pubmed_update(comment: Any, kind: str) -> Update:
    label = f"PMID {comment.pmid}" if comment.pmid else comment.text
    return Update(kind, comment.doi, _cited_date(comment.text), "pubmed", label)


def _cited_date(text: str) -> str | None:
    """``Lancet. 2010 Feb 6;375(9713):445`` -> ``2010-02-06``."""
    m = _CITED_DATE.search(text)
    if not m:
        return None
    parts = [m.group(1)]
    month = _MONTHS.get((m.group(2) or "").lower())
    if month:
        parts.append(f"{month:02d}")
        if m.group(3):
            parts.append(f"{int(m.group(3)):02d}")
    return "-".join(parts)


def _first_field(fields: Mapping[str, Sequence[str]], tag: str) -> str | None:
    values = fields.get(tag)
    return _text(values[0]) if values else None
