"""Author-year citations that name an entry almost: a surname spelled otherwise, a year that differs.

A citation that matches no entry is usually a work missing from the list. Two
slips are common enough in real articles to be told apart, because the list
itself points at the entry meant:

* **respelled** — ``(Olivier et al., 2021)`` where the list has ``Ollivier, P.
  ... (2021)``: no entry has the cited surname, and exactly one entry of the
  cited year has a surname that differs from it by a slip of spelling (the
  same first letter, both at least five letters, and a
  :class:`difflib.SequenceMatcher` ratio of at least 0.85, which keeps
  ``Ioannides``/``Ioannidis`` and ``Sacket``/``Sackett`` and refuses
  ``Smith``/``Smyth``);
* **redated** — ``(Haliwa et al., 2020)`` where the list has ``Haliwa, I. ...
  (2021)`` and no citation names that entry: exactly one entry of the cited
  first author (and second author, when the citation gives one) is cited by
  nothing, its year is within two of the cited year (or one side is "in
  press"), and no other unmatched citation points at it.

Both link the citation to the entry (so the entry is not reported as never
cited, and the graph has the edge) and leave a finding that names both forms
(``citation-spelling-differs``, ``citation-year-differs``): the editor still has
a slip to correct, but not a missing work to chase.

Examples
--------
>>> from claimcheck.read.authoryear_entries import Entry
>>> ollivier = Entry(1, "ollivier", None, 3, "2021", "", frozenset())
>>> haliwa = Entry(2, "haliwa", None, 3, "2021", "", frozenset())
>>> near = near_matches(["Olivier et al., 2021", "Haliwa et al., 2020"], [ollivier, haliwa], linked={1})
>>> sorted(near.items())
[('Haliwa et al., 2020', ('redated', 2)), ('Olivier et al., 2021', ('respelled', 1))]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from claimcheck.read.authoryear_entries import Entry, key
from claimcheck.read.authoryear_forms import parse_label

__all__ = ["near_matches"]

_INITIALS = re.compile(r"^(?:[A-Z]\.\s?-?)+\s*")
_MIN_RATIO = 0.85  # Olivier/Ollivier 0.93, Ioannides/Ioannidis 0.89, Sacket/Sackett 0.92; Smith/Smyth 0.80
_MIN_LETTERS = 5
_MAX_YEARS = 2
_UNDATED = ("in press", "n.d.")


def _respelled(name: str, year: str, entries: Sequence[Entry]) -> int | None:
    if len(name) < _MIN_LETTERS:
        return None
    close = {
        e.number
        for e in entries
        if e.year == year
        and len(e.first) >= _MIN_LETTERS
        and e.first[0] == name[0]
        and e.first != name
        and SequenceMatcher(None, name, e.first).ratio() >= _MIN_RATIO
    }
    return close.pop() if len(close) == 1 else None


def _years_close(cited: str, listed: str) -> bool:
    if cited in _UNDATED or listed in _UNDATED:
        return cited != listed
    return cited.isdigit() and listed.isdigit() and 0 < abs(int(cited) - int(listed)) <= _MAX_YEARS


def _redated(
    name: str, second: str | None, year: str, entries: Sequence[Entry], linked: set[int]
) -> int | None:
    mine = [e for e in entries if e.first == name and (second is None or e.second == second)]
    if any(e.year == year for e in mine):
        return None
    free = {e.number for e in mine if e.number not in linked and _years_close(year, e.year)}
    return free.pop() if len(free) == 1 else None


def near_matches(
    missing: Iterable[str], entries: Sequence[Entry], linked: set[int]
) -> dict[str, tuple[str, int]]:
    """For labels that match no entry: ``{label: ("respelled" | "redated", entry number)}``.

    ``linked`` holds the entries that citations already match; a redated citation may only
    take an entry outside it, and only one citation may take it.
    """
    out: dict[str, tuple[str, int]] = {}
    for label in missing:
        parsed = parse_label(label)
        if not parsed:
            continue
        authors, _, year = parsed[0]
        name = key(_INITIALS.sub("", authors[0]))  # "J. Smith" as Linker.match reads it
        if not name:
            continue
        base = year[:4] if year[:4].isdigit() else year
        number = _respelled(name, base, entries)
        if number is not None:
            out[label] = ("respelled", number)
            continue
        second = key(authors[1]) if len(authors) > 1 else None
        number = _redated(name, second, base, entries, linked)
        if number is not None:
            out[label] = ("redated", number)
    taken = Counter(n for status, n in out.values() if status == "redated")
    return {label: m for label, m in out.items() if m[0] == "respelled" or taken[m[1]] == 1}
