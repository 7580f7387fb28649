"""Citations the reference list finds: an uncited entry's surname followed closely by its year.

:func:`~claimcheck.read.authoryear_forms.find_author_year` reads citations by
their form. PDF text breaks forms: a column's words land inside a citation
(``Bakic and Ajdukovic\\ninterpersonal and community\\n(2021)``), a group
author's name is split (``(APA, 2006; National\\na priority\\nCollaborating
Center for Mental Health, 2009)``), and some authors cite in forms no reader
knows (``Kosinski posted in February 2023 a preprint``). As GROBID and CERMINE
do, :func:`find_list_mentions` then starts from the list: for each entry no
citation links to, it looks in the body (paragraphs and list items before the
reference section, not table or figure captions) for the entry's first
author's surname (its keys, :func:`~claimcheck.read.authoryear_entries.entry_keys`;
an organisation also by its acronym in capitals) followed, within
:data:`REACH` characters of the same sentence, by the entry's year (and its
letter, if the list letters it), where

* no other year and no sentence end lies between them, nor a semicolon before more words
  (``APA (3rd ed.; 1980)`` is one citation, ``(Lee; Kim, 2020)`` cites Kim);
* the year is a year: not part of a longer number (``2020.5``), of a range
  (``2009-2012``) or of a decade (``2020s``), and not a date's (``May 2020``);
* neither overlaps a citation the form reader found;
* the surname and year name one entry: when several entries share them, the
  words between must name the second author (or say "et al." for the one
  entry with three authors or more); otherwise nothing is linked;
* one year is claimed by one entry (two surnames before it naming different
  entries link neither).

A list printed with numbers (``1. Smith J``) is a numeric article's, whatever
:func:`~claimcheck.read.authoryear.detect_style` says of a text that lost its
markers: nothing is looked for.

Each mention becomes a :class:`~claimcheck.model.Marker` of style
:data:`LIST_STYLE` from the surname to the year, labelled as the entry would
be cited (``Bakic & Ajdukovic, 2021``) and linked to it alone.

Examples
--------
>>> from claimcheck.model import Block, BlockKind, Reference
>>> from claimcheck.read.authoryear_entries import entry_keys
>>> text = "As Bakic and Ajdukovic\\ninterpersonal and community\\n(2021) showed, it helps."
>>> authors = ("Bakic, H.", "Ajdukovic, D.")
>>> ref = Reference(1, "Bakic, H., & Ajdukovic, D. (2021). Resilience.", authors=authors, year=2021)
>>> [(m.raw, m.label, m.numbers) for m in find_list_mentions(
...     [Block(0, BlockKind.PARAGRAPH, text, 0, len(text))], [entry_keys(ref)], [ref], linked=())]
[('Bakic and Ajdukovic\\ninterpersonal and community\\n(2021)', 'Bakic & Ajdukovic, 2021', (1,))]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from claimcheck.model import Block, BlockKind, Marker, Reference
from claimcheck.read.authoryear_entries import Entry, key
from claimcheck.text.lazy import lazy_compile
from claimcheck.text.names import family_name
from claimcheck.text.words import MONTHS, PARTICLES, PEOPLE

__all__ = ["LIST_STYLE", "REACH", "find_list_mentions"]

#: The style of a marker the reference list found (see the module docstring).
LIST_STYLE = "author-year-list"
#: How far (in characters) the year may follow the end of the surname.
REACH = 80

_WORD = lazy_compile(r"[^\W\d_][\w'’-]*")
_YEAR = lazy_compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
# A caption: "Table 2", "Fig. 3", "Figure S1", "Supplementary Table 1".
_CAPTION = lazy_compile(r"\s*(?:Supplementa(?:l|ry)\s+)?(?:Table|Fig\.?|Figure)\s*[A-Z]?\d", re.IGNORECASE)
# A sentence's end: a stop and a capital or a digit, unless the stop ends "et al.", an initial or a short
# abbreviation ("e.g.", "cf.", "Dr.").
_STOP = lazy_compile(r"(\w*)[.!?][\"”’)\]]*\s+[\"“(]?[A-Z\d]")
_ABBREVIATIONS = frozenset({"al", "cf", "vs", "dr", "mr", "ms", "st", "no", "pp", "vol", "ed", "eds", "fig"})
_ET_AL = lazy_compile(r"\bet\.?\s+al\b")


@dataclass(frozen=True, slots=True)
class _Name:
    """A surname as printed: its span and key."""

    start: int
    end: int
    key: str
    acronym: bool


def find_list_mentions(
    blocks: Sequence[Block],
    entries: Sequence[Entry],
    references: Sequence[Reference],
    linked: Collection[int],
    taken: Sequence[tuple[int, int]] = (),
    before: int | None = None,
) -> tuple[Marker, ...]:
    """Markers for the mentions of entries that no citation links to.

    Parameters
    ----------
    blocks
        The article's blocks; only paragraphs and list items that start before ``before``
        (the reference section's start) and are no caption are read.
    entries, references
        The list as citations name it, and as printed (for the labels).
    linked
        The numbers of the entries that citations already link to.
    taken
        The spans of the citations already found: a mention never overlaps one.

    Returns
    -------
    tuple of Marker
        In text order, never overlapping, each linking one entry.
    """
    if all(e.number in linked for e in entries) or _numbered(references):
        return ()
    firsts: dict[str, list[Entry]] = {}
    acronyms: dict[str, list[Entry]] = {}
    for e in entries:
        if e.first:
            firsts.setdefault(e.first, []).append(e)
        for alias in e.aliases:
            acronyms.setdefault(alias, []).append(e)
    wanted = {e.first for e in entries if e.number not in linked} | {
        a for e in entries if e.number not in linked for a in e.aliases
    }
    printed = {r.number: r for r in references if r.number is not None}
    spans = sorted(taken)
    out: list[Marker] = []
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or _CAPTION.match(block.text):
            continue
        if before is not None and block.start >= before:
            continue
        found: dict[int, list[tuple[int, Entry]]] = {}  # by the year's start: (the name's start, entry)
        for name in _names(block.text, wanted):
            pool = (acronyms if name.acronym else firsts).get(name.key, [])
            hit = _year_after(block.text, name, pool)
            if hit is not None:
                found.setdefault(hit[0], []).append((name.start, hit[1]))
        for year_start, claims in sorted(found.items()):
            if len({e.number for _, e in claims}) > 1:
                continue  # two entries claim one year: ambiguous
            start, entry = min(claims, key=lambda c: c[0])
            if entry.number in linked:
                continue
            end = year_start + 4 + len(entry.suffix)
            if block.text[end : end + 1] == ")" and "(" in block.text[start:year_start]:
                end += 1  # "Bakic and Ajdukovic ... (2021)": the parenthesis closes with it
            a, b = block.start + start, block.start + end
            if any(s < b and a < e for s, e in spans):
                continue
            label = _label(block.text[start:end], entry, printed.get(entry.number))
            out.append(Marker(block.text[start:end], a, b, (entry.number,), LIST_STYLE, label))
    return tuple(out)


def _numbered(references: Sequence[Reference]) -> bool:
    """Whether most entries open with their number (``1. Smith J``): a numeric article's list,
    cited by numbers its text has lost (masked, or superscripts dropped), not by names."""
    opened = sum(bool(re.match(rf"\s*\[?{r.number}\s*[.)\]]", r.raw)) for r in references)
    return 2 * opened > len(references)


def _names(text: str, wanted: Collection[str]) -> Iterator[_Name]:
    """Capitalised surnames (with their particles: ``van der Does``) whose key is wanted;
    organisations' acronyms in capitals (``WHO``)."""
    words = list(_WORD.finditer(text))
    for i, word in enumerate(words):
        last = word.group()
        if not last[0].isupper():
            continue
        # particles before it: "van der Does", "De Vries"
        first = i
        while first > 0 and i - first < 2 and words[first - 1].group().lower() in PARTICLES:
            if text[words[first - 1].end() : words[first].start()].strip():
                break
            first -= 1
        bare = re.sub(r"['’]s$", "", last)
        for j in range(first, i + 1):
            name = key(text[words[j].start() : word.start()] + bare)
            if name in wanted and len(name) > 1:
                acronym = bare.isupper() and len(bare) > 1 and j == i
                yield _Name(words[j].start(), word.end(), name, acronym)
                break


def _year_after(text: str, name: _Name, pool: Sequence[Entry]) -> tuple[int, Entry] | None:
    """The year that follows the name closely, and the one entry of ``pool`` they name."""
    year = _YEAR.search(text, name.end, name.end + REACH + 4)  # starting within REACH
    if year is None:
        return None
    gap = text[name.end : year.start()]
    if re.search(r";[^;]*[^\W\d_]", gap) or _ends_sentence(text[name.end : year.start() + 1]):
        return None
    if text[name.start : name.end].lower() in MONTHS and not gap.strip(" ,\n"):
        return None  # a date: "May 2020"
    before, after = text[year.start() - 2 : year.start()], text[year.end() : year.end() + 2]
    if re.fullmatch(r"\d[.,:/–-]", before) or re.match(r"[.,:/–-]\d", after):
        return None  # part of a number or a range: "1.2020", "2020.5", "2009–2012"
    letter = re.match(r"[a-z](?![a-z])", after)
    if after[:1].isalpha() and not letter:
        return None  # "2020s", "2020th"
    counted = re.match(r"\s+([a-z]+)", text[year.end() : year.end() + 20])
    if counted and counted.group(1) in PEOPLE:
        return None  # a count: "Smith's cohort of 2019 participants"
    suffix = letter.group() if letter else ""
    found = [e for e in pool if e.year == year.group() and e.suffix == suffix]
    if len(found) > 1:
        found = _co_authors(gap, found)
    return (year.start(), found[0]) if len(found) == 1 else None


def _ends_sentence(text: str) -> bool:
    """Whether a sentence ends in the text: a stop, then a capital or a digit, unless it ends an
    initial (``J. Smith``), "et al." or a short abbreviation (``cf. Lee``)."""
    return any(len(m.group(1)) > 1 and m.group(1).lower() not in _ABBREVIATIONS for m in _STOP.finditer(text))


def _co_authors(gap: str, entries: list[Entry]) -> list[Entry]:
    """The entries the words between name and year fit: the second author named, or three
    authors or more for "et al."; all of them when nothing tells (then nothing is linked)."""
    words = {key(w) for w in _WORD.findall(gap)}
    second = [e for e in entries if e.second and e.second in words]
    if second:
        return second
    if _ET_AL.search(gap):
        return [e for e in entries if e.count >= 3]
    return entries


def _label(printed: str, entry: Entry, ref: Reference | None) -> str:
    """The citation the mention stands for: ``Bakic & Ajdukovic, 2021``, ``Lee et al., 2020a``."""
    name = _WORD.match(printed)
    surname = (ref.first_author_family if ref else None) or (name.group() if name else printed)
    group = ref.authors[0] if ref and ref.authors else ""
    if len(group.split()) > 2 and "," not in group and not entry.second:
        surname = group  # an organisation: "National Collaborating Center for Mental Health"
    second = family_name(ref.authors[1]) if ref and len(ref.authors) > 1 else None
    if entry.count >= 3:
        surname += " et al."
    elif entry.count == 2 and second:
        surname += f" & {second}"
    return f"{surname}, {entry.year}{entry.suffix}"
