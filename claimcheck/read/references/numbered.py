"""A numbered reference list's entries: numbers paired with the lines that start entries.

PDF text prints a list's numbers where the columns put them: beside their
entries (``12. Smith J...``), or apart, alone on their lines (``7.`` ``8.``,
before their texts, after them, or in the middle of another entry). The
numbering itself says how many entries a stretch of lines holds, so the
pairing is decided by it:

* A line opening with the next number of the list's own kind (``12. Smith``)
  is an **anchor**: it starts that entry. A number that cannot be next (``856.``
  ending a page range ``24:827–``, ``2016`` in a date) continues the entry above.
* A number printed **alone** is owed a text. Between two anchors numbered
  ``p`` and ``q``, the texts of the lone numbers ``p < n < q`` are in the lines
  between them, in order; so are those below the first anchor in the lines
  above it, and those above the last anchor in the lines after it.
* In a stretch owed ``k`` texts, the ``k`` lines that look most like an entry's
  start (scored by :mod:`claimcheck.read.references.split`: the line above
  closed an entry, the line opens with names and initials, ...) start them.

Text above the first number that no number claims is a note, not an entry.
Each step is one pass over the lines, plus a sort per stretch.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

__all__ = ["Shape", "group_numbered"]

# How far past the highest number so far a number may jump (columns read across, a lost entry).
_MAX_JUMP = 30


@dataclass(frozen=True, slots=True)
class Shape:
    """What the pairing needs to know of one line of the list."""

    number: int | None  # the number it opens with, when of the list's own kind
    alone: bool = False  # the number is all the line holds
    after_dash: bool = False  # the line above ends in a dash: "24:827–" then "856."
    restarts: bool = False  # names follow the number and the line above closed an entry
    score: float = 0.0  # how much the line looks like an entry's first line when it has no number


def group_numbered(shapes: list[Shape], spaced: bool = False) -> list[tuple[int | None, int, int]]:
    """Entries as (number, first line, last line), in printed order.

    ``spaced`` says the list is numbered with bare digits (``12 Smith J``),
    where a number may only step a little past the highest so far.
    """
    anchors: list[tuple[int, int]] = []  # (line, number)
    alone: dict[int, int] = {}  # number -> the line it was printed alone on
    skip: set[int] = set()
    used: set[int] = set()
    anchored: set[int] = set()
    top = 0
    for i, sh in enumerate(shapes):
        n = sh.number
        if n is None:
            continue
        waiting = n in alone and n not in anchored
        if (_fits(n, used, top, sh.alone, spaced) or (waiting and not sh.alone)) and not sh.after_dash:
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
        if not numbers:
            continue
        owed = [n for n in owed if n not in numbers]
        lines = [k for k in range(a + 1, b) if k not in skip]
        best = sorted(lines, key=lambda k: (-shapes[k].score, k))[: len(numbers)]
        starts += list(zip(sorted(best), numbers[: len(best)], strict=True))
    starts.sort()
    out: list[tuple[int | None, int, int]] = []
    for (first, n), (nxt, _) in itertools.pairwise([*starts, (len(shapes), None)]):
        last = max((k for k in range(first, nxt) if k not in skip), default=first)
        out.append((n, first, last))
    return out


def _fits(number: int, used: set[int], top: int, alone: bool, spaced: bool) -> bool:
    if number in used or number < 1:
        return False
    if not used:
        return number <= _MAX_JUMP
    if spaced:
        return number <= top + 3
    return number <= top + (_MAX_JUMP // 2 if alone else _MAX_JUMP)
