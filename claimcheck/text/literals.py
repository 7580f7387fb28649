"""Patterns searched only in text that holds a literal every match holds.

Python's ``re`` tries a pattern that opens with ``\\b`` or a class at every position of the
text, which costs more than the match itself for the short sentences the cue and feature
patterns read. Most of those patterns cannot match without one of a few fixed strings
(``\\b(?:was|were)\\s+(?:\\w+ly\\s+)?measured\\b`` holds ``measured``); :func:`required_literals`
reads such strings from the parsed pattern, and :class:`Guarded` searches only when the
text holds one of them (``str.__contains__``, a fast scan), so it finds exactly what the
pattern finds.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _parse

__all__ = ["Guarded", "guard", "key", "needles", "required_literals"]

#: Guards: strings shorter than this are in most sentences; more than MAX_NEEDLES cost too much.
MIN_LENGTH = 3
MAX_NEEDLES = 6
#: The most strings an alternation or character class is spelled out into.
MAX_STRINGS = 64
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | {getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}

Strings = frozenset[str]


def _product(left: Strings, right: Strings) -> Strings | None:
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


_RUN = object()  # a run of literal characters, merged: (_RUN, "text")


def _merged(items: Any) -> list[tuple[Any, Any]]:
    """The parsed items with each run of literal characters as one (_RUN, text) item."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _sre.LITERAL:
            if out and out[-1][0] is _RUN:
                out[-1] = (_RUN, out[-1][1] + chr(av))
            else:
                out.append((_RUN, chr(av)))
        else:
            out.append((op, av))
    return out


def _exact_sequence(items: Any) -> Strings | None:
    """Every string a sequence of parsed items can match, when they are few; else None."""
    out: Strings | None = frozenset({""})
    for op, av in _merged(items):
        part = _exact(op, av)
        out = None if part is None or out is None else _product(out, part)
        if out is None:
            return None
    return out


def _exact(op: Any, av: Any) -> Strings | None:
    """Every string one parsed item can match (zero-width assertions match ""), when they are few."""
    if op is _RUN:
        return frozenset({av})
    if op is _sre.AT:
        return frozenset({""})
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _sre.LITERAL:
                chars.add(chr(value))
            elif kind is _sre.RANGE and value[1] - value[0] < MAX_STRINGS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, a category (\w, \d), a big range
                return None
        return frozenset(chars) if len(chars) <= MAX_STRINGS else None
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, inner = av
        return None if add_flags or del_flags else _exact_sequence(inner)
    if op is _sre.BRANCH:
        found = [_exact_sequence(alternative) for alternative in av[1]]
        if any(f is None for f in found) or sum(len(f) for f in found if f) > MAX_STRINGS:
            return None
        return frozenset().union(*(f for f in found if f is not None))
    if op in _REPEATS:
        low, high, inner = av
        part = _exact_sequence(inner)
        if part is None or high > 2:
            return None
        options = [frozenset({""}), part, _product(part, part)][low : high + 1]
        if any(o is None for o in options):
            return None
        return frozenset().union(*(o for o in options if o is not None))
    return None


def _required_sequence(items: Any) -> Strings | None:
    """Strings one of which every match of a sequence holds: the most telling of its parts'."""
    options: list[Strings] = []
    run: Strings | None = frozenset({""})
    for op, av in [*_merged(items), (None, None)]:
        part = _exact(op, av) if op is not None else None
        if part is not None and run is not None:
            joined = _product(run, part)
            if joined is not None:
                run = joined
                continue
        if run is not None and "" not in run:
            options.append(run)
        run = part if part is not None else frozenset({""})
        if part is None and op is not None:
            found = _required(op, av)
            if found is not None:
                options.append(found)
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _required(op: Any, av: Any) -> Strings | None:
    """Strings one of which every match of one parsed item holds (an item not spelled out)."""
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, inner = av
        return None if add_flags or del_flags else _required_sequence(inner)
    if op is _sre.BRANCH:
        found = [_required_sequence(alternative) for alternative in av[1]]
        if any(f is None for f in found):
            return None
        return frozenset().union(*(f for f in found if f is not None))
    if op in _REPEATS:
        low, _, inner = av
        return _required_sequence(inner) if low >= 1 else None
    return None


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` holds; None when none is known.

    Case-insensitive patterns and those with inline flags get None.

    >>> sorted(required_literals(re.compile(r"\\b(?:deaths?|mortality)\\b|\\btoxic\\w*")))
    ['death', 'deaths', 'mortality', 'toxic']
    >>> required_literals(re.compile(r"\\d+\\s?\\d"))  # no fixed string
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unknown construct: no guard, never a wrong one
        return None
    if getattr(parsed, "state", None) is not None and getattr(parsed.state, "flags", 0) & re.IGNORECASE:
        return None
    return _required_sequence(parsed)


class Guarded:
    """``pattern``, searched only in text that holds one of ``needles`` (every match holds one).

    >>> g = guard(re.compile(r"\\b(?:was|were)\\s+measured\\b"))
    >>> g.needles, g.search("It was measured.").group(), g.search("It was weighed.")
    (('measured',), 'was measured', None)
    """

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needles = needles

    def __repr__(self) -> str:
        return f"Guarded({self.pattern.pattern!r}, needles={self.needles!r})"

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        for needle in self.needles:
            if needle in text:
                return self.pattern.search(text)
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``."""
        for needle in self.needles:
            if needle in text:
                return self.pattern.finditer(text)
        return iter(())


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The strings a guard of ``pattern`` looks for, longest first; None where no guard pays.

    A guard pays where its strings are few and long: at most :data:`MAX_NEEDLES` of at least
    :data:`MIN_LENGTH` characters (a string that holds another is dropped: "deaths" is in a
    text only where "death" is). Looking for more costs as much as the search it spares.

    >>> needles(re.compile(r"\\b(?:deaths?|mortality)\\b")), needles(re.compile(r"\\b(?:is|are)\\b"))
    (('mortality', 'death'), None)
    """
    found = required_literals(pattern)
    if found is None:
        return None
    kept = {n for n in found if not any(m != n and m in n for m in found)}
    if len(kept) > MAX_NEEDLES or min(len(n) for n in kept) < MIN_LENGTH:
        return None
    return tuple(sorted(kept, key=lambda n: (-len(n), n)))


def key(pattern: re.Pattern[str]) -> str:
    """A short name of a pattern's source and flags, for a stored table of :func:`needles`.

    >>> key(re.compile("et al"))
    '32-5-7302099e'
    """
    source = pattern.pattern
    return f"{pattern.flags}-{len(source)}-{zlib.crc32(source.encode('utf-8')):08x}"


def guard(
    pattern: re.Pattern[str], stored: Mapping[str, tuple[str, ...]] | None = None
) -> re.Pattern[str] | Guarded:
    """``pattern`` guarded by its :func:`needles`, or ``pattern`` itself where none pays.

    ``stored`` maps :func:`key` to needles computed before (reading them parses the pattern,
    which costs more than a short article's searches save); a pattern it lacks, or whose
    source changed since, is searched unguarded: slower, never wrong.

    >>> guard(re.compile(r"\\bet al\\b"))
    Guarded('\\\\bet al\\\\b', needles=('et al',))
    >>> guard(re.compile(r"\\bet al\\b"), stored={}).pattern
    '\\\\bet al\\\\b'
    """
    found = needles(pattern) if stored is None else stored.get(key(pattern))
    return pattern if found is None else Guarded(pattern, found)
