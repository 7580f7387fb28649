"""A numbered reference list's entries: numbers paired with the lines that start entries.

PDF text prints a list's numbers where the columns put them: beside their
entries (``12. Smith J...``), or apart, alone on their lines (``7.`` ``8.``,
before their texts, after them, or in the middle of another entry). The
numbering itself says how many entries a stretch of lines holds, so the
pairing is decided by it:

* A line opening with the next number of the list's own kind (``12. Smith``)
  is an **anchor**: it starts that entry. A number that cannot be next (``856.``
  ending a page range ``24:827–``, ``2016`` in a date) continues the entry above;
  one far ahead is next when names follow it and the number beside it is printed
  too (``82. Simich L`` and ``83.`` among ``49.``-``51.``: columns read across).
* A number printed **alone** is owed a text. Between two anchors numbered
  ``p`` and ``q``, the texts of the lone numbers ``p < n < q`` are in the lines
  between them, in order; so are those below the first anchor in the lines
  above it, and those above the last anchor in the lines after it.
* In a stretch owed ``k`` texts, the ``k`` lines that look most like an entry's
  start (scored by :mod:`claimcheck.read.references.split`: the line above
  closed an entry, the line opens with names and initials, ...) start them.
  A number printed nowhere (``58.`` then ``60.``) is owed a text too when the
  stretch has a line that surely opens an entry for it (above the first
  numbered line, only where lone numbers are owed texts too).
* A numbered line off the list's rising run (the longest run of numbered lines
  whose numbers rise) is text when no entry opens after it (``30.
  https://doi.org/...``, a wrapped DOI), or when its number is printed again on
  the run and no names follow it.

Text above the first number that no number claims is a note, not an entry.
Each step is one pass over the lines, plus a sort per stretch.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

__all__ = ["Shape", "group_numbered"]

# How far past the highest number so far a number may jump (columns read across, a lost entry).
_MAX_JUMP = 30
# A line with no number this sure to open an entry (names and initials after a line that closed
# one) takes a number the list skips: "58." and "60." printed, the entry between them not numbered.
_SURE = 5.0


@dataclass(frozen=True, slots=True)
class Shape:
    """What the pairing needs to know of one line of the list."""

    number: int | None  # the number it opens with, when of the list's own kind
    alone: bool = False  # the number is all the line holds
    after_dash: bool = False  # under a line ending in a dash, no capital follows: "24:827–" then "856."
    restarts: bool = False  # names follow the number and the line above closed an entry
    opens: bool = True  # what follows the number opens like an entry (not a URL, not lower case)
    named: bool = False  # names with initials or an organisation follow the number
    score: float = 0.0  # how much the line looks like an entry's first line when it has no number


def group_numbered(shapes: list[Shape], spaced: bool = False) -> list[tuple[int | None, int, int]]:
    """Entries as (number, first line, last line), in printed order.

    ``spaced`` says the list is numbered with bare digits (``12 Smith J``),
    where a number may only step a little past the highest so far.
    """
    shapes = _demote_strays(shapes)
    anchors: list[tuple[int, int]] = []  # (line, number)
    alone: dict[int, int] = {}  # number -> the line it was printed alone on
    skip: set[int] = set()
    used: set[int] = set()
    anchored: set[int] = set()
    top = 0
    printed = {sh.number for sh in shapes if sh.number is not None and not sh.alone}
    for i, sh in enumerate(shapes):
        n = sh.number
        if n is None:
            continue
        waiting = n in alone and n not in anchored
        # Far ahead but with names after it and a neighbour printed: columns read across.
        across = sh.named and n not in used and (n - 1 in printed or n + 1 in printed)
        fits = _fits(n, used, top, sh.alone, spaced) or (across and not spaced)
        if (fits or (waiting and not sh.alone)) and not sh.after_dash:
            top = max(top, n)
            used.add(n)
            if sh.alone:
                alone[n] = i
                skip.add(i)
            else:
                anchors.append((i, n))
                anchored.add(n)
        elif not sh.alone and n in used and sh.restarts:
            anchors.append((i, n))  # a second list, or columns read out of order
    if not used:
        return [(None, 0, len(shapes) - 1)] if shapes else []
    owed = sorted(set(alone) - anchored)
    starts: list[tuple[int, int | None]] = [(i, n) for i, n in anchors]
    bounds = [(-1, 0), *anchors, (len(shapes), 10**9)]
    for (a, lo), (b, hi) in itertools.pairwise(bounds):
        numbers = [n for n in owed if lo < n < hi]
        owed = [n for n in owed if n not in numbers]
        lines = [k for k in range(a + 1, b) if k not in skip]
        # Between two numbered lines, or above the first when lone numbers say entries are there.
        inside = b < len(shapes) and (a >= 0 or bool(numbers))
        unprinted = [n for n in range(lo + 1, hi) if n not in used] if inside else []
        sure = sum(1 for k in lines if shapes[k].score >= _SURE)
        if unprinted and sure >= len(numbers) + len(unprinted):
            numbers = sorted(numbers + unprinted)  # "58." ... "60.": the entry between lost its number
        if not numbers:
            continue
        best = sorted(lines, key=lambda k: (-shapes[k].score, k))[: len(numbers)]
        starts += list(zip(sorted(best), numbers[: len(best)], strict=True))
    starts.sort()
    out: list[tuple[int | None, int, int]] = []
    for (first, n), (nxt, _) in itertools.pairwise([*starts, (len(shapes), None)]):
        last = max((k for k in range(first, nxt) if k not in skip), default=first)
        out.append((n, first, last))
    return out


def _demote_strays(shapes: list[Shape]) -> list[Shape]:
    """Numbered lines off the list's rising run are text when no entry opens after the number
    (``30. https://doi.org/...``, a DOI broken at its line end), or when the number is printed
    again on the run and no names follow it after a closed entry (a true repeat, ``4. Grey M.``
    after ``4. Black T.``, stays an entry)."""
    lines = [i for i, sh in enumerate(shapes) if sh.number is not None and not sh.alone]
    run = set(_rising(lines, shapes))
    on_run = {shapes[i].number for i in run} | {sh.number for sh in shapes if sh.alone}
    out = list(shapes)
    for i in lines:
        sh = shapes[i]
        if i not in run and (not sh.opens or (sh.number in on_run and not sh.restarts)):
            out[i] = Shape(None, score=shapes[i].score)
    return out


def _rising(lines: list[int], shapes: list[Shape]) -> list[int]:
    """The longest run of lines whose numbers rise strictly (patience sorting, O(n log n))."""
    tails: list[int] = []  # tails[k]: number ending the best run of length k + 1
    ends: list[int] = []  # the line holding it
    back: dict[int, int | None] = {}
    for i in lines:
        n = shapes[i].number
        assert n is not None
        k = bisect.bisect_left(tails, n)
        back[i] = ends[k - 1] if k else None
        if k == len(tails):
            tails.append(n)
            ends.append(i)
        else:
            tails[k], ends[k] = n, i
    out: list[int] = []
    at = ends[-1] if ends else None
    while at is not None:
        out.append(at)
        at = back[at]
    return out[::-1]


def _fits(number: int, used: set[int], top: int, alone: bool, spaced: bool) -> bool:
    if number in used or number < 1:
        return False
    if not used:
        return number <= _MAX_JUMP
    if spaced:
        return number <= top + 3
    return number <= top + (_MAX_JUMP // 2 if alone else _MAX_JUMP)
