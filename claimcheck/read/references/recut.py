"""An author-year list re-cut where its citations say an entry opens.

A list read from PDF text loses entry boundaries: two entries run together
(``..., 45, 1-9.`` / ``Lee, K. (2019). A trial...`` read as one), an entry is
cut in two at a line of names, or falls between the entries the splitter kept
(dropped as a note or a running head). The splitter alone cannot tell
``Murray, V. (2018).`` opening an entry from the same words closing the author
list of the entry above. The article's citations can: a citation that matches
no entry, whose surname and year open a line inside the section, marks an
entry the list lost. :func:`recut` repairs the list from those citations:

* **split**: the line opens inside an entry that has its year above the line,
  or that no citation names as read: the entry is cut in two there;
* **rejoin**: an undated entry of the cited surname is followed by an entry of
  the cited year that no citation names: the two are one entry;
* **recover**: the line lies outside every entry: an entry is read from it to
  where the next entry (or the section) starts;
* **rehead**: a line of names alone, opening with the cited surname, is the
  first line of an entry that two columns read across moved away from its rest;
  the one entry of the cited year that no citation names is that rest, or, when
  there is none, the one line that opens with the year below a complete entry
  (``2014. Basal ganglia...``), cut from the entry that holds it.

Every repair needs a citation that names the entry it makes, so a list that
all citations match is returned as it is.

Examples
--------
>>> from claimcheck.read.references.parse import parse_reference
>>> text = "Doe, J. (2019). A trial. BMJ, 1, 2. Mol,\\nLee, K. (2020). A study. Lancet, 3, 4."
>>> merged = (parse_reference(text),)  # the splitter kept one entry
>>> [(r.first_author_family, r.year) for r in recut(merged, text, [("Lee", "2020")])]
[('Doe', 2019), ('Lee', 2020)]
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from claimcheck.model import Reference
from claimcheck.read.authoryear_entries import key as _fold
from claimcheck.read.references.entry_shapes import closes_entry
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.noise import blank, noise_spans
from claimcheck.read.references.parse import parse_reference

__all__ = ["recut"]

_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)")
# Lower-case words a line of names may hold before its year.
_NAME_WORDS = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "dos", "das"}
    | {"ter", "ten", "and", "et", "al", "y", "&", "…"}
)
_HEAD_CHARS = 300  # how far a line of names may run to its year


def recut(
    refs: Sequence[Reference],
    text: str,
    missing: Sequence[tuple[str, str]],
    cited: Collection[int] = (),
    *,
    span: tuple[int, int] | None = None,
    names: Collection[str] = (),
) -> tuple[Reference, ...]:
    """The list with the entries its unmatched citations find in the text split off, rejoined or read.

    Parameters
    ----------
    refs
        The parsed entries in printed order; ``start``/``end`` index ``text``.
    text
        The text the entries were read from (the article's).
    missing
        ``(surname, year)`` of each citation that matches no entry (``year`` may
        carry a letter: ``2020a``).
    cited
        Positions in ``refs`` of the entries some citation names: an entry no
        citation names may be cut where a citation says another one opens.
    span
        The reference section in ``text``: lines outside every entry but inside
        it may be read as entries. ``None``: from the first entry to the last.
    names
        The surnames the article's citations name (first authors): an entry whose
        first author no citation names may be the rest of an entry whose first line
        the page layout moved.

    Returns
    -------
    tuple of Reference
        Unnumbered when the entries were unnumbered; number them afterwards.
    """
    out = list(refs)
    if not out or not missing:
        return tuple(out)
    lo, hi = span if span is not None else (out[0].start, out[-1].end)
    names_cited = frozenset(_fold(n) for n in names)
    section = _Section(text, _clean(text, lo, hi), _base(text), lo, hi, names_cited)
    named = [i in cited for i in range(len(out))]
    wanted = [(s, y[:4]) for s, y in dict.fromkeys(missing) if s.strip() and y[:4].isdigit()]
    for repair in (_split, _rejoin, _recover, _rehead):  # a moved line is put back once the cuts are made
        for surname, year in wanted:
            if not _listed(out, surname, year):
                changed = repair(out, named, section, surname, year)
                if changed is not None:
                    out, named = changed
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Section:
    """The text, the same with running heads blanked and by base letters, the section's bounds,
    the cited surnames.

    ``plain`` is ``_base(text)``, made once: every repair looks for openings in it, and making
    it per look made a list of 100 entries with 40 unmatched citations take seconds. It has
    the text's offsets (one character for one), so ``plain[:end]`` is ``_base(text[:end])``.
    """

    text: str
    clean: str
    plain: str
    lo: int
    hi: int
    names: frozenset[str]

    def parse(self, start: int, end: int) -> Reference:
        """The entry between ``start`` and ``end``, parsed from the blanked text, raw as printed."""
        ref = parse_reference(self.clean[start:end], start=start)
        printed = self.text[ref.start : ref.end]
        return with_link_identifiers(ref if ref.raw == printed else dataclasses.replace(ref, raw=printed))


# --- the repairs ----------------------------------------------------------------------------------

_Lists = tuple[list[Reference], list[bool]]


def _split(refs: list[Reference], named: list[bool], sec: _Section, surname: str, year: str) -> _Lists | None:
    """Cut an entry where a line opens with the cited surname and, names alone on, the year."""
    for i, ref in enumerate(refs):
        for pos in _openings(sec.plain, ref.start, ref.end, surname, year):
            above = sec.text[ref.start : pos]
            if not above.strip() or (_YEAR.search(above) is None and named[i]):
                continue  # the line is the end of this entry's author list, as far as anyone can tell
            second = sec.parse(pos, ref.end)
            if _names_only(above):  # the head of an entry the page layout parted from its rest
                return _spliced(refs, named, i, i + 1, [(second, False)])
            first = sec.parse(ref.start, pos)
            return _spliced(refs, named, i, i + 1, [(first, named[i]), (second, False)])
    return None


def _rejoin(
    refs: list[Reference], named: list[bool], sec: _Section, surname: str, year: str
) -> _Lists | None:
    """An undated entry of the surname, then an entry of the year no citation names: one entry."""
    want = _fold(surname)
    for i in range(len(refs) - 1):
        head, tail = refs[i], refs[i + 1]
        if (
            head.year is None
            and _fold(head.first_author_family or "") == want
            and tail.year == int(year)
            and not named[i + 1]
            and not _YEAR.search(head.raw)
        ):
            return _spliced(refs, named, i, i + 2, [(sec.parse(head.start, tail.end), named[i])])
    return None


def _recover(
    refs: list[Reference], named: list[bool], sec: _Section, surname: str, year: str
) -> _Lists | None:
    """Read an entry from a line outside every entry: up to the next entry or the section's end."""
    edges = [sec.lo] + [p for r in refs for p in (r.start, r.end)] + [sec.hi]
    for k in range(0, len(edges) - 1, 2):  # the gaps: before the first entry, between, after
        gap_start, gap_end = edges[k], edges[k + 1]
        for pos in _openings(sec.plain, gap_start, gap_end, surname, year):
            entry = sec.parse(pos, _gap_end(sec.text, pos, gap_end))
            return _spliced(refs, named, k // 2, k // 2, [(entry, False)])
    return None


def _rehead(
    refs: list[Reference], named: list[bool], sec: _Section, surname: str, year: str
) -> _Lists | None:
    """The first line of an entry, moved away by the page layout, put back on the rest of it.

    In two columns read across, an entry's first line (``Himle M, Freitag M, Ely L,``: names
    alone, ending open, no year) may land elsewhere in the list, and its rest opens with the
    entry's later authors (``Woods D (2012). A randomised trial``). When a citation that matches
    no entry names the surname of such a line, and one entry of its year is named by no
    citation, nor is its first author: that entry's authors are the line's, then its own.
    When no entry is of that year, the rest may open with the year alone (``Womer, F.Y., ...,
    et al.,`` moved; ``2014. Basal ganglia...`` left inside another entry): see
    :func:`_dated_rest`. The entry that held the moved line keeps what is left of it, if that
    reads as an entry.
    """
    heads = [h for h in _moved_lines(sec, surname) if not any(r.start == h[0] and r.year for r in refs)]
    rests = [
        i
        for i, r in enumerate(refs)
        if r.year == int(year) and not named[i] and _fold(r.first_author_family or "") not in sec.names
    ]
    if len(heads) != 1 or len(rests) > 1:
        return None
    (start, end) = heads[0]
    if rests:
        rest = refs[rests[0]]
        out, flags = refs, named
        at = rests[0]
    else:  # the rest opens with the year, on a line of its own inside another entry or between entries
        cut = _dated_rest(refs, named, sec, year)
        if cut is None:
            return None
        out, flags, at = cut
        rest = out[at]
    whole = parse_reference(f"{sec.clean[start:end]}\n{sec.clean[rest.start : rest.end]}")
    if _fold(whole.first_author_family or "") != _fold(surname) or whole.year != int(year):
        return None
    moved = dataclasses.replace(rest, authors=whole.authors, et_al=whole.et_al, year=whole.year)
    out, flags = _spliced(out, flags, at, at + 1, [(moved, False)])
    for i, r in enumerate(out):  # the entry that held the moved line
        if i != at and r.start <= start < r.end and (r.start == start or r.end <= end):
            left = (r.start, start) if r.start < start else (end, r.end)
            piece = sec.text[left[0] : left[1]]
            keep = [(sec.parse(*left), flags[i])] if piece.strip() and _YEAR.search(piece) else []
            return _spliced(out, flags, i, i + 1, keep)
    return out, flags


def _dated_rest(
    refs: list[Reference], named: list[bool], sec: _Section, year: str
) -> tuple[list[Reference], list[bool], int] | None:
    """The rest of an entry whose names the page layout moved: the one line of the section that
    opens with the year (``2014. Basal ganglia...``) below a line that closes an entry, not at an
    entry's start. It runs to the end of the entry that holds it (which keeps what is above it,
    if that has its own year) or, between entries, to the next one.

    Returns the list with the rest as an entry of its own, and where it is.
    """
    opening = re.compile(rf"(?m)^[ \t]*\(?{year}[a-z]?\)?[.,]?[ \t]+\S")
    found = []
    for m in opening.finditer(sec.clean, sec.lo, sec.hi):
        pos = m.start() + len(m.group()) - len(m.group().lstrip())
        above = sec.clean[sec.lo : m.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if any(r.start == pos for r in refs) or not above or not closes_entry(above):
            continue  # an entry's own start, or its author list going on
        found.append(pos)
    if len(found) != 1:
        return None
    pos = found[0]
    for i, r in enumerate(refs):
        if r.start < pos < r.end:
            kept = sec.text[r.start : pos]
            if _YEAR.search(kept) is None:
                return None
            new = [(sec.parse(r.start, pos), named[i]), (sec.parse(pos, r.end), False)]
            out, flags = _spliced(refs, named, i, i + 1, new)
            return out, flags, i + 1
    at = sum(r.end <= pos for r in refs)
    stop = refs[at].start if at < len(refs) else sec.hi
    out, flags = _spliced(refs, named, at, at, [(sec.parse(pos, _gap_end(sec.text, pos, stop)), False)])
    return out, flags, at


# --- helpers --------------------------------------------------------------------------------------


def _moved_lines(sec: _Section, surname: str) -> list[tuple[int, int]]:
    """Spans of lines in the section that open with the surname and initials and hold names alone,
    ending open (``Himle M, Freitag M, Ely L,``); a line of names that goes on below joins."""
    opening = re.compile(rf"(?m)^[ \t]*{_surname(surname)},?\s+(?:[A-Z]\.?\s?-?){{1,3}}(?=[\s,.;&]|$)")
    plain = sec.plain
    out = []
    for m in opening.finditer(plain, sec.lo, sec.hi):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = plain.find("\n", start, sec.hi)
        end = sec.hi if end < 0 else end
        while _names_only(plain[start:end]):
            more = re.match(r"\n[ \t]*([^\n]+)", plain[end : sec.hi])
            if more is None or not _names_only(plain[start : end + more.end()]):
                break
            end += more.end()
        if _names_only(plain[start:end]):
            out.append((start, len(plain[:end].rstrip())))
    return out


def _openings(plain: str, start: int, end: int, surname: str, year: str) -> list[int]:
    """Where, between ``start`` and ``end``, a line opens with the surname, initials or names, and
    runs on, names alone, to the year (``Lee, K., & Park, J. (2020).``, ``Lee K, Park J, 2020.``).

    ``plain`` is the text by base letters (:func:`_base`), so the surname is matched without
    regard to case or accents (``de Vries`` for ``De Vries``, ``Müller`` for ``Muller``); a
    group author (``World Health Organization``, ``WHO``) needs no initials. Nothing at or
    after ``end`` is read: the search stops there, as if the text ended there.
    """
    group = " " in surname.strip() or surname.isupper()
    initials = r"(?:[.,]?\s*\(?(?=\d))|" if group else ""
    opening = re.compile(
        rf"(?m)^[ \t]*{_surname(surname)}(?:{initials},?\s+(?:[A-Z]\.?\s?-?){{1,3}}(?=[\s,.;&(]|$))"
    )
    out = []
    for m in opening.finditer(plain, start, end):
        pos = m.start() + len(m.group()) - len(m.group().lstrip())
        if pos == start:
            continue  # the entry already opens there
        head = plain[pos : min(end, pos + _HEAD_CHARS)]
        found = re.search(rf"\b{year}[a-z]?\b", head)
        if found is None or _YEAR.search(head[: found.start()]):
            continue
        words = re.findall(r"[^\W\d_][\w'’]*|&|…", head[: found.start()])
        if all(w[0].isupper() or w in _NAME_WORDS for w in words):
            out.append(pos)
    return out


def _surname(surname: str) -> str:
    """A pattern for the surname in :func:`_base` text, any case (``de Vries`` for ``De Vries``)."""
    return "(?i:" + re.escape(_base(surname)).replace(r"\ ", r"\s+") + ")"


def _base(text: str) -> str:
    """Each character by its base letter (``ü`` -> ``u``), so offsets stay put."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else (unicodedata.normalize("NFKD", c)[:1] or c) for c in text)


def _spliced(
    refs: list[Reference], named: list[bool], i: int, j: int, new: list[tuple[Reference, bool]]
) -> _Lists:
    """The entries ``i`` to ``j`` (not included) replaced by ``new``, with whether a citation names each."""
    return [*refs[:i], *(r for r, _ in new), *refs[j:]], [*named[:i], *(n for _, n in new), *named[j:]]


def _names_only(text: str) -> bool:
    """Names and initials alone, no year, ending open (``Storch E, Caporino N, Rojas A,``)."""
    words = re.findall(r"[^\W\d_][\w'’]*|&|…|\d+", text)
    return (
        bool(words) and text.rstrip()[-1:] in ",&" and all(w[0].isupper() or w in _NAME_WORDS for w in words)
    )


def _gap_end(text: str, pos: int, gap_end: int) -> int:
    """Where an entry read from a gap stops: at a blank line after its year's line, or the gap's end."""
    year = _YEAR.search(text, pos, gap_end)
    stop = text.find("\n\n", year.end() if year else pos, gap_end)
    end = gap_end if stop < 0 else stop
    return len(text[:end].rstrip())


def _listed(refs: list[Reference], surname: str, year: str) -> bool:
    want = _fold(surname)
    return any(_fold(r.first_author_family or "") == want and str(r.year) == year for r in refs)


def _clean(text: str, lo: int, hi: int) -> str:
    """``text`` with the section's running heads and page numbers blanked (offsets kept)."""
    section = text[lo:hi]
    return text[:lo] + blank(section, noise_spans(section, text)) + text[hi:]
