"""Crossref ``work`` messages become :class:`~claimcheck.model.Work` values.

Pure functions, no network: give them the ``message`` object of a
``/works/{doi}`` response (or one item of a ``/works?filter=...`` list) and get
a frozen :class:`~claimcheck.model.Work` back, the untouched message kept in
``Work.raw``.

Titles and container names are tidied for reading and matching: inline markup
such as ``<i>KRAS</i>`` is removed, entities are unescaped and runs of
whitespace become one space. Abstracts are kept exactly as registered (JATS).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .model import Author, Update, Work

__all__ = ["full_title", "normalise_update_type", "work_from_crossref"]

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
