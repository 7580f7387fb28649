"""The reference list parsed into :class:`~claimcheck.model.Reference` records.

:func:`split_reference_list` (from :mod:`claimcheck.read.references.split`)
cuts a reference section into entries, numbered or not, PDF text included;
:func:`parse_reference` reads one entry into fields; :func:`parse_reference_list`
does both. Parsing never raises on article content: an entry that cannot be
read still gives a ``Reference``, with ``problems`` saying what is missing.

Parsing an entry goes in data-flow order, every step linear in its length:

1. the number marker is taken off;
2. identifiers are cut out (DOI via :mod:`claimcheck.read.references.doi`, PMID, PMCID, URL,
   ISBN, access date) with notes such as ``Available at:`` or ``[PubMed]``;
3. the author list is read (:mod:`claimcheck.text.names`);
4. the year after the names, the numeric tail, and title and container are
   read (:mod:`claimcheck.read.references.styles`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Reference
from claimcheck.read.references.crf import merge_fields
from claimcheck.read.references.doi import check_doi, find_dois
from claimcheck.read.references.locate import find_locator, read_locator, read_year_slot, year_of
from claimcheck.read.references.noise import blank, markup_spans, noise_spans
from claimcheck.read.references.split import split_reference_list
from claimcheck.read.references.styles import split_title
from claimcheck.text.names import family_name, scan_authors, tokenize
from claimcheck.text.words import GROUP_WORDS as _GROUP_WORDS
from claimcheck.text.words import PARTICLES as _PARTICLES

__all__ = ["family_name", "parse_reference", "parse_reference_list", "split_reference_list"]

_MARKER_RE = re.compile(
    r"\s*(?:\[(\d{1,5})\]|\((\d{1,5})\)(?=\s)|(\d{1,5})[.)](?=\s|[A-Z])|(\d{1,3})\s+(?=[^\W\d_]|[“\"'‘«]))"
)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_PMID_RE = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
_PMCID_RE = re.compile(r"\bPMC(?:ID)?\s*:?\s*(?:PMC)?(\d{3,9})\b", re.IGNORECASE)
_ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][ -]?)?\d[\d -]{7,14}[\dXx])\b")
_ACCESSED_RE = re.compile(
    r"[\[(]?\b(?:(?:last\s+)?accessed|retrieved|cited|consulted|consulté\s+le|zugriff\s+am|abgerufen\s+am)"
    r"\b\s*:?\s*(?:on\s+)?([^.\[\]()]{0,40}?\b\d{4})\b[\])]?\.?",
    re.IGNORECASE,
)
_NOISE_RE = re.compile(
    r"\b(?:available\s+(?:at|from|online)|retrieved\s+from|accessed\s+from|online\s+at|full\s+text)\s*:?"
    r"|\[(?:internet|pubmed|journal|crossref|google scholar|cross ?ref|medline|abstract|online)\]"
    r"|\b(?:pubmed|google scholar|crossref|medline)\b(?:\s*\[[^\]]{0,20}\])?"
    r"|\bpublished\s+online(?:\s+ahead\s+of\s+print)?:?"
    r"|\bepub\s+(?:ahead\s+of\s+print|\d{4}(?:\s+[a-z]{3,9})?(?:\s+\d{1,2})?)"
    r"|[*†‡§]+",
    re.IGNORECASE,
)
_NAME_WORDS = frozenset(_PARTICLES) | {"and", "et", "al", "y", "of", "the", "for"}
_OPEN_QUOTES = frozenset('‘“"«')
_BRACKET_RE = re.compile(r"\[[^\[\]]{0,120}\]")
_PUBLISHER_PAREN_RE = re.compile(r"\(([^()]{1,80}):([^()]{1,80})\)")


@dataclass(slots=True)
class _Ids:
    """Identifiers cut out of an entry, and the text that is left."""

    text: str
    plain: str = ""  # identifiers blanked, nothing else removed (what the labeller reads)
    doi_raw: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    isbn: str | None = None
    accessed: str | None = None


def parse_reference(
    text: str, *, number: int | None = None, start: int = 0, method: str = "combined"
) -> Reference:
    """Parse one reference-list entry into a :class:`~claimcheck.model.Reference`.

    Reads AMA / Vancouver entries best, and APA, Harvard, MLA, Chicago, IEEE
    and CS (``In Proceedings of``) entries reasonably. Never raises on the
    entry's content: what cannot be read is listed in ``problems``.

    Parameters
    ----------
    text
        The entry as printed, with or without its number marker.
    number
        The entry's number; when ``None`` it is taken from a leading marker
        (``1.``, ``[1]``, ``1)``) if there is one.
    start
        Offset of ``text`` in the article; ``start``/``end`` of the result are
        the span of the (stripped) entry.
    method
        ``"combined"`` (the default): authors, title, container, year, volume,
        issue and pages from the trained labeller of
        :mod:`claimcheck.read.references.crf` where it is sure of them, else
        the rules' (see :func:`~claimcheck.read.references.crf.merge_fields`);
        ``"rules"``: the hand-written rules only;
        ``"crf"``: the labeller only. Identifiers are always the rules'.

    Returns
    -------
    Reference
        Authors as printed, title, container, year, volume, issue, pages,
        DOI (normalised when valid, else ``doi_raw`` with ``doi_problem`` and
        maybe ``doi_suggestion``), PMID, PMCID, URL, ISBN and access date.

    Examples
    --------
    >>> ref = parse_reference(
    ...     "2. Al-Harbi KS. Treatment-resistant depression: therapeutic trends, challenges, "
    ...     "and future directions. Patient Prefer Adherence. 2012;6:369-388. doi:10.2147/PPA.S29716"
    ... )
    >>> ref.number, ref.authors, ref.container, ref.year, ref.volume, ref.pages, ref.doi
    (2, ('Al-Harbi KS',), 'Patient Prefer Adherence', 2012, '6', '369-388', '10.2147/ppa.s29716')
    """
    lead = len(text) - len(text.lstrip())
    raw = text.strip()
    body = raw
    marker = _MARKER_RE.match(body)
    if marker:
        found = next(int(g) for g in marker.groups() if g is not None)
        number = found if number is None else number
        body = body[marker.end() :]
    ref = Reference(number, raw, start + lead, start + lead + len(raw))
    return _parse_body(ref, body, method)


def _with(ref: Reference, **changes: object) -> Reference:
    from dataclasses import replace

    return replace(ref, **changes)  # type: ignore[arg-type]


def _parse_body(ref: Reference, body: str, method: str = "combined") -> Reference:
    ids = _cut_identifiers(body)
    text = _attach_accents(" ".join(_LINE_HYPHEN.sub("-", ids.text).split()))
    toks = tokenize(text)
    names = scan_authors(text, toks)
    authors, et_al, j = names.authors, names.et_al, names.end
    year, j = read_year_slot(toks, j)
    while j < len(toks) and toks[j].text in ".,:;":
        j += 1
    if not authors:
        authors, year, j = _group_author(text, toks, year, j)
    tail = find_locator(toks, j + 1)
    loc = read_locator(text, toks, tail, year)
    numbers = any((loc.volume, loc.issue, loc.pages))
    parts = split_title(text, toks, j, tail, numbers)
    year = year or _dated_year(toks) or parts.year or loc.year or _last_year(toks, j)
    title = _clean_title(parts.title)
    fields: dict[str, Any] = {
        "authors": authors,
        "et_al": et_al,
        "title": title,
        "container": parts.container,
    }
    fields["year"] = year
    fields |= {"volume": loc.volume, "issue": loc.issue, "pages": loc.pages}
    if method != "rules" and ids.plain:
        fields = merge_fields(ids.plain, fields, method=method)
    doi_fields = _doi_fields(ids.doi_raw)
    problems = _problems(fields["title"], fields["container"], fields["authors"], fields["year"], ids, text)
    return _with(
        ref,
        **fields,
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        url=ids.url,
        isbn=ids.isbn,
        accessed=ids.accessed,
        problems=problems,
        **doi_fields,
    )


# A name hyphenated at a line's end: "Mayo-\nWilson E" is "Mayo-Wilson E", not "Mayo- Wilson".
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[A-Z])")
# PDF text prints an accent apart from its letter, before or after it: "Hr ́objartsson", "Schu ̈ttler",
# "Garc´ıa". Which letter it belongs to cannot be told, so it is dropped (names are matched without accents).
_DETACHED = re.compile(r"(?<=\w)(?: [\u0300-\u036f´¨ˆ˜ˇ¸] ?|[´¨ˆ˜ˇ¸] ?)(?=[^\W\d_])")


def _attach_accents(text: str) -> str:
    """A name split by an accent printed apart from its letter, joined: ``Hrobjartsson``.

    >>> _attach_accents("Hr \u0301objartsson A, Garc´ıa B")
    'Hrobjartsson A, Garcia B'
    """
    if not _DETACHED.search(text):
        return text
    return _DETACHED.sub("", text.replace("´ı", "´i").replace("\u0301ı", "\u0301i"))


def _doi_fields(raw: str | None) -> dict[str, str | None]:
    if raw is None:
        return {}
    check = check_doi(raw)
    return {
        "doi": check.doi,
        "doi_raw": raw,
        "doi_problem": check.problem,
        "doi_suggestion": check.suggestion,
    }


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


def _cut_identifiers(body: str) -> _Ids:
    ids = _Ids(body)
    urls = [
        (m.start(), m.end() - (len(m.group()) - len(m.group().rstrip(".,;:)]"))))
        for m in _URL_RE.finditer(body)
    ]
    dois = find_dois(body)
    if dois:
        raw, d_start, d_end = dois[0]
        inside = next(((s, e) for s, e in urls if s <= d_start and d_end <= e), None)
        if inside and "doi.org" not in body[inside[0] : inside[1]].lower():
            ids.url = body[inside[0] : inside[1]]
        ids.doi_raw = raw
        body = blank(body, [inside or (d_start, d_end)])
    kept = [(s, e) for s, e in urls if body[s:e].strip()]
    if kept:
        ids.url = ids.url or body[kept[0][0] : kept[0][1]]
        body = blank(body, kept)
    for pattern, field in (
        (_PMID_RE, "pmid"),
        (_PMCID_RE, "pmcid"),
        (_ISBN_RE, "isbn"),
        (_ACCESSED_RE, "accessed"),
    ):
        match = pattern.search(body)
        if match:
            value = match.group(1).strip()
            setattr(ids, field, "PMC" + value if field == "pmcid" else value)
            body = blank(body, [match.span()])
    ids.plain = " ".join(body.split())
    body = _NOISE_RE.sub(" ", body)
    body = _BRACKET_RE.sub(" ", body)
    ids.text = _PUBLISHER_PAREN_RE.sub(_keep_year, body) if "(" in body else body
    return ids


def _keep_year(match: re.Match[str]) -> str:
    """``(London: Routledge, 1992)`` -> ``(1992)``: the publisher goes, the year stays."""
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", match.group())
    return f" ({years[-1]})" if years else " "


def _group_author(text: str, toks: list, year: int | None, j: int) -> tuple[tuple[str, ...], int | None, int]:
    """An organisation named before an APA / Harvard year: ``UNHCR, 2015.``."""
    for k in range(1, min(len(toks), 30)):
        tok = toks[k]
        if tok.kind == "word" and tok.text[0].islower() and tok.text not in _GROUP_WORDS:
            break
        if tok.text in '“"«':
            break
        if tok.kind == "num" and year_of(tok.text):
            prev = toks[k - 1].text
            if prev in "(,." or (prev.isalpha() and k + 1 < len(toks) and toks[k + 1].text in ".,"):
                got, after = read_year_slot(toks, k - 1 if prev == "(" else k)
                if got is not None and after + 2 < len(toks):
                    name = text[: toks[k - 1 if prev in "(," else k].start].strip(" .,;:")
                    if name:
                        return (name,), got, after
            break
    return (), year, j


def _dated_year(toks: list) -> int | None:
    """A year printed as the date right after the names: ``(2018)``, ``, 2021.`` or ``. 2013 ‘Title’``.

    When the name reader could not finish an author list (``Sunkel C and UnÜtzer J
    (2018)``, ``Loret de Mola, C., ..., 2021.``), the year slot stays unread and later
    year-like numbers are often a page (``1553–1598``) or a DOI's digits (``2020-1628``).
    Only names, initials, particles and ``and`` may come before the date, so a year in
    a title (``Global burden of disease (2019)``) is not taken, nor a page after a volume
    (``One Health: The Impacts of Nature. Front. Psychol. 2019, 10, 1611.``). Names the reader
    could not finish (``Willführ Kai P., and Gagnon Alain. 2013 ‘Are stepparents...’``) are
    followed by a full stop, the year and the quoted title, in the author-date form
    of author manuscripts.
    """
    for k, tok in enumerate(toks):
        if (
            tok.kind == "word"
            and not tok.text[0].isupper()
            and tok.text.lower() not in _NAME_WORDS
            and toks[k - 1].text != "-"  # "Omigbo-\ndun O": a name hyphenated at a line's end
        ):
            return None
        if tok.kind == "num" and 1 < k < len(toks) - 1 and toks[k - 2].kind != "num":
            pair = (toks[k - 1].text, toks[k + 1].text)  # not "10, 1611." (volume, page)
            if pair in (("(", ")"), (",", ".")) or (pair[0] == "." and pair[1] in _OPEN_QUOTES):
                return year_of(tok.text)
    return None


def _last_year(toks: list, start: int) -> int | None:
    for tok in reversed(toks[start:]):
        if tok.kind == "num":
            year = year_of(tok.text)
            if year:
                return year
    return None


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = title.strip(" ,;:.")
    if len(title) >= 2 and title[0] in '“"«‘' and title[-1] in '”"»’':
        title = title[1:-1].strip(" ,;:.")
    return title or None


def _problems(
    title: str | None, container: str | None, authors: tuple[str, ...], year: int | None, ids: _Ids, text: str
) -> tuple[str, ...]:
    identified = any((ids.doi_raw, ids.pmid, ids.pmcid, ids.url, ids.isbn))
    if not text.strip(" .,;:"):
        return () if identified else ("the entry is empty",)
    if (
        not authors
        and year is None
        and not identified
        and not ids.accessed
        and not container
        and len((title or "").split()) < 3
    ):
        return ("no author, title, year or identifier could be read",)
    if title is None and container is None:
        return ("no title could be read",)
    if title is not None and not any(c.isalpha() for c in title):
        return (f"the title {title!r} has no words",)
    return ()


def parse_reference_list(text: str, offset: int = 0, *, context: str | None = None) -> tuple[Reference, ...]:
    """Split a reference section and parse every entry.

    Running heads and page numbers inside the list
    (:func:`~claimcheck.read.references.noise.noise_spans`; ``context``, the
    whole article, helps tell running heads), bullets and wiki back-links
    (``- ↑ 12.0 12.1``) are left out of the fields, not out of ``raw``.

    Examples
    --------
    >>> text = "1. Ketamine. Accessed February 10, 2022.\\n2. Hull TD. A study. J. 2022;1:2."
    >>> refs = parse_reference_list(text)
    >>> [(r.number, r.title, r.accessed) for r in refs]
    [(1, 'Ketamine', 'February 10, 2022'), (2, 'A study', None)]
    """
    clean = blank(text, noise_spans(text, context))
    bare = blank(clean, markup_spans(clean))  # bullets and wiki back-links split entries, then go
    out = []
    for number, _, start, end in split_reference_list(clean, offset):
        ref = parse_reference(bare[start - offset : end - offset], number=number, start=start)
        printed = text[ref.start - offset : ref.end - offset]
        out.append(ref if ref.raw == printed else _with(ref, raw=printed))
    return tuple(out)
