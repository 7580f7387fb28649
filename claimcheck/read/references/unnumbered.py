"""An unnumbered reference list (names and years, or a bulleted wiki list) cut into entries.

A line starts an entry when the line above closed one (a full stop, a bracket,
a number, a URL) and it opens like one: a name with initials, an organisation,
a group author and its year, or, after a blank line, any capital below a
complete entry. Short undated pieces join the entry above; notes above the
list and tables after it are dropped. Used by
:func:`~claimcheck.read.references.split.split_reference_list`.
"""

from __future__ import annotations

import re
import unicodedata

from claimcheck.read.references.entry_shapes import (
    AUTHOR_START,
    BULLET,
    CAPTION,
    COMPLETE,
    ET_AL_START,
    PARTICLE,
    PARTICLE_START,
    YEAR,
    Line,
    closes_entry,
    ends_open,
    opens_entry,
    opens_like_entry,
    word_set,
)
from claimcheck.text.words import PARTICLES

__all__ = ["group_unnumbered"]

# A name with no initials, then its year: a group author or a website ("Stuff, 2022.", "Mind (2021).")
_NAME_DATE_START = re.compile(
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Published|Updated|Accessed|Retrieved)\b)"  # "April 1992)." ends a conference's dates
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3},?\s+\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?\.(?:\s|$)"
)
# A group author in APA's form, its year in brackets after it, maybe on the next line: "Mental Health
# America. (2021).", "Health Professional Shortage Areas (HPSAs). (2021, March 3)."
_GROUP_DATE = re.compile(
    r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|of|for|and|&|the|on|in)){0,10}"
    r"(?:\s*[(\[][A-Za-z]{2,10}[)\]])?\.?,?\s+\((?:1[89]\d\d|20\d\d)[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\)\."
)
# A line that ends inside a list of editors: "... the laboratory. In S." / "In G. Proctor, M."; the
# next line ("Fiske, D. Gilbert, & G. Lindzey (Eds.),") names editors, it opens no entry.
_EDITORS_OPEN = re.compile(r"\b[Ii]n:?(?:\s+(?:[A-Z]\.\s?-?)+(?:[A-Z][\w'’\-]+,?)?)*\s+(?:[A-Z]\.\s?-?)+$")

_IDS = re.compile(r"\bdoi\b|https?://|www\.|\b10\.\d{4,9}/", re.IGNORECASE)

_ORCID = re.compile(r"(?:https?://)?orcid\.org/\S*", re.IGNORECASE)
_UNDATED = re.compile(r"\bn\.\s?d\.|\bno date\b|\bin press\b|\bforthcoming\b", re.IGNORECASE)


def group_unnumbered(lines: list[Line]) -> list[tuple[int | None, int, int]]:
    groups: list[list[int]] = []
    bulleted = sum(1 for ln in lines if BULLET.match(ln.text)) >= 0.5 * len(lines)
    for i, ln in enumerate(lines):
        entry = " ".join(x.text for x in lines[max(groups[-1][0], i - 8) : i]) if groups else ""
        if bulleted:
            new = not groups or BULLET.match(ln.text) is not None
        else:
            whole = " ".join(x.text for x in lines[max(groups[-1][0], i - 40) : i]) if groups else ""
            # pieces of an entry strewn by the page layout ("Preventive Medicine," "S251–S256."
            # "47(3),") hold no entry's start: below them a dated entry opens as below a complete one
            strewn = bool(groups) and not YEAR.search(whole) and not PARTICLE_START.search(whole)
            new = (
                not groups
                or _starts(_with_scattered(lines, i), lines[i - 1].text, entry)
                or _dated_start(lines, i, whole, strewn=strewn)
                or _below_complete(lines[i], whole)
                or _group_start(lines, i, whole)
            )
        if new:
            groups.append([i, i])
        else:
            groups[-1][1] = i
    if not bulleted:
        opening = [opens_like_entry(lines[a].text) for a, _ in groups]
        if len(groups) >= 5 and not opening[0] and sum(opening[1:]) >= 0.8 * (len(groups) - 1):
            groups = groups[1:]  # a note or a stray paragraph above a list of names
        return [(None, a, b) for a, b in _tidy(groups, lines)]
    out: list[tuple[int | None, int, int]] = []
    for a, b in groups:  # a wiki list is in order: its back-links, or the place in the list
        given = _backref_number(lines[a].text)
        out.append((given or ((out[-1][0] or 0) + 1 if out else 1), a, b))
    return out


# A surname alone on its line, and initials alone on the next: "Cohen," / "J." / "(1988). Title".
_LONE_SURNAME = re.compile(rf"{PARTICLE}[A-Z][\w'’\-]+,")
_LONE_INITIALS = re.compile(r"(?:[A-Z]\.\s?-?){1,3}[,&]?")


def _with_scattered(lines: list[Line], i: int) -> Line:
    """The line, with the initials a justified line scattered onto the next line put back."""
    ln = lines[i]
    if (
        i + 1 < len(lines)
        and _LONE_SURNAME.fullmatch(ln.text)
        and _LONE_INITIALS.fullmatch(lines[i + 1].text)
    ):
        return Line(ln.start, ln.end, f"{ln.text} {lines[i + 1].text}", ln.blank_before)
    return ln


def _tidy(groups: list[list[int]], lines: list[Line]) -> list[list[int]]:
    """An unnumbered list without fragments: short undated pieces join the entry above; what trails
    or leads and is no entry goes.

    ``Psychological Association.`` or ``Associates, Inc.`` on a line of its own
    is the end of a publisher's name, not an entry; a table, its caption or a
    publisher's note printed after the last entry (``Means, standard
    deviations...``, ``Pillai et al., 2006``) is not an entry either.
    """
    out: list[list[int]] = []
    for a, b in groups:
        text = " ".join(ln.text for ln in lines[a : b + 1])
        short = b - a <= 1 or (b - a <= 4 and not opens_like_entry(text))  # or strewn pieces: "47(3),"
        undated = not YEAR.search(text) and not _IDS.search(text)
        # a piece of an entry the page layout cut off from its names: no year, no name opens it
        piece = undated and not opens_like_entry(text) and not _UNDATED.search(text)
        if out and ((short and len(text) <= 100 and undated) or piece):
            out[-1][1] = b
        else:
            out.append([a, b])
    while len(out) > 1 and not _entry_like(" ".join(ln.text for ln in lines[out[-1][0] : out[-1][1] + 1])):
        out.pop()
    # Notes the page layout put under the heading (funding, "ORCID iDs", an author's name and
    # ORCID link) hold no year and no identifier of a work, and open no entry or hold an ORCID.
    while len(out) > 1:
        text = " ".join(ln.text for ln in lines[out[0][0] : out[0][1] + 1])
        if (
            YEAR.search(_ORCID.sub(" ", text))
            or _entry_like(text)
            or (opens_like_entry(text) and not _ORCID.search(text))
        ):
            break
        out.pop(0)
    return out


def _entry_like(text: str) -> bool:
    """Whether an entry of an unnumbered list reads as one: a name or an identifier, and a year."""
    if _IDS.search(_ORCID.sub(" ", text)):  # an ORCID names a person, not a work
        return True
    return bool(YEAR.search(text)) and (opens_entry(text) or bool(_GROUP_DATE.match(text)))


# Lower-case words a list of names may hold: particles, "and", "et al.", an organisation's "of".
_NAME_WORDS = PARTICLES | word_set("am y and et al for of the on in")


def _dated_start(lines: list[Line], i: int, entry: str, *, strewn: bool = False) -> bool:
    """A line that opens an entry by its shape alone, however the line above ends.

    PDF text breaks entries at page and column ends, in the middle of a URL or
    a hyphenated word, and scatters words of a justified line onto lines of
    their own. A line still opens an entry when the entry above already has
    its year, the line opens with a name and initials, and names alone run
    from it to a year (``Berry, H. L., Waite, T. D., &`` / ``Murray, V. (2018).``).
    ``strewn``: the "entry" above is pieces with no year and no name with initials, not an entry.
    """
    if (
        not (strewn or YEAR.search(entry))
        or not opens_like_entry(lines[i].text)
        or ET_AL_START.match(lines[i].text)
    ):
        return False
    head = " ".join(ln.text for ln in lines[i : i + 3])[:400]
    year = YEAR.search(head)
    if year is None:
        return False
    words = re.findall(r"[^\W\d_][\w'’]*|\d+", head[: year.start()])
    return all(w[0].isupper() or w in _NAME_WORDS for w in words)


def _below_complete(ln: Line, entry: str) -> bool:
    """A name with initials after a blank line, below an entry that has its year and its tail.

    The page layout strews words of an entry's last lines (``14(2),`` ``Journal``) after
    it, so the line above may end open; the entry above is complete all the same.
    """
    plain = unicodedata.normalize("NFKD", ln.text).encode("ascii", "ignore").decode()
    return (
        ln.blank_before
        and bool(AUTHOR_START.match(plain))
        and bool(YEAR.search(entry))
        and bool(COMPLETE.search(entry))
    )


_ENDS_DATED = re.compile(r"\(?(?:1[89]\d\d|20\d\d)[a-z]?\)?[.,:]?$")


def _untitled(entry: str) -> bool:
    """An entry that so far holds names and then its year, and nothing after: its title is to come."""
    end = _ENDS_DATED.search(entry)
    if end is None or not opens_like_entry(entry) or YEAR.search(entry[: end.start()]):
        return False
    words = re.findall(r"[^\W\d_][\w'’]*", entry[: end.start()])
    return all(w[0].isupper() or w in _NAME_WORDS for w in words)


def _group_start(lines: list[Line], i: int, entry: str) -> bool:
    """A group author and its year (:data:`_GROUP_DATE`) below a line that closes an entry, or
    after a blank line below a complete one (a URL broken with spaces ends ``apps- safety/``)."""
    prev = lines[i - 1].text
    below = closes_entry(prev) and not _EDITORS_OPEN.search(prev) and not _untitled(entry)
    if not (below or (lines[i].blank_before and YEAR.search(entry) and COMPLETE.search(entry))):
        return False
    return bool(_GROUP_DATE.match(" ".join(ln.text for ln in lines[i : i + 2])))


def _backref_number(text: str) -> int | None:
    """The number a wiki entry's back-links give (``↑ 12.0 12.1``), or ``None``."""
    match = BULLET.match(text)
    return int(match.group(1)) if match and match.group(1) else None


def _starts(ln: Line, prev: str, entry: str = "") -> bool:
    """Whether an unnumbered line starts a new entry after the line ``prev`` (of ``entry``)."""
    if not prev:
        return True
    if (
        ends_open(prev)
        or _EDITORS_OPEN.search(prev)
        or (not ln.text[:1].isupper() and ln.text[:1] not in "“\"'‘[(" and not PARTICLE_START.match(ln.text))
    ):
        return False
    if CAPTION.match(ln.text):
        return False  # a figure or table printed after the list goes with the last entry, not as one
    if _untitled(entry):
        return False  # "Eapen, M., ... Gore, J. C. (2011)." then "Using High-Resolution MR Imaging ..."
    if closes_entry(prev) and (opens_like_entry(ln.text) or _NAME_DATE_START.match(ln.text)):
        return True
    # After a blank line, below an entry that has its year and its tail, a line that opens like an
    # entry opens one even if the line above ends oddly ("Washington, DC: Author; 2000. text rev").
    return (
        ln.blank_before
        and (closes_entry(prev) or opens_like_entry(ln.text))
        and bool(YEAR.search(entry))
        and bool(COMPLETE.search(entry))
    )
