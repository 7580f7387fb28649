"""Patterns searched only in text whose words and strings could hold a match.

A :class:`~claimcheck.text.literals.Guarded` pattern looks for a few strings in the text before it
searches; a pattern whose matches hold one of many short words (``\\b(?:is|are|was|were)\\s+
(?:known|thought|believed|...)\\b``) gets no such guard, since looking for thirteen strings costs
as much as the search. But when such a word stands between two non-word characters in every match
(after ``\\b`` or ``\\s+``, before ``\\b`` or ``\\s``), it is one of the text's words, its maximal
runs of ``\\w``: a set the caller reads once per sentence (``set(WORD.findall(text))``) and then
asks of every pattern in one look-up per word.

:func:`required_words` reads from a parsed pattern, for each of its top-level alternatives, the
conditions every match of that alternative meets: each a pair of *words* (one of them is a word
of the text) and *strings* (or the text holds one of them). A run of literal items (``per ?cent``:
``percent``, ``per cent``) gives one condition: its strings made only of word characters are
words when non-word characters or the text's ends surely stand on both sides, and strings
otherwise. :class:`WordGuarded` searches only when some alternative meets all its conditions, so
it finds exactly what the pattern finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from claimcheck.text.literals import _RUN, _exact, _merged, _parse, _sre

__all__ = ["WORD", "Condition", "WordGuarded", "required_words", "text_words", "word_guard"]

#: The text's words, as the conditions read them: maximal runs of ``\\w``.
WORD = re.compile(r"\w+")


@lru_cache(maxsize=128)
def text_words(text: str) -> frozenset[str]:
    """The words of ``text``, read once a sentence for the cue patterns and then the feature
    patterns (:mod:`claimcheck.read.claims` reads a paragraph's sentences for both in turn);
    the cache holds a long paragraph's sentences, not an article's.

    >>> sorted(text_words("it is 2% of x-rays"))
    ['2', 'is', 'it', 'of', 'rays', 'x']
    """
    return frozenset(WORD.findall(text))


#: (words, strings): one of the words is a word of the text, or the text holds one of the strings.
Condition = tuple[tuple[str, ...], tuple[str, ...]]
#: An alternative's conditions, all met by each of its matches.
Alternative = tuple[Condition, ...]

_YES, _MAYBE_EMPTY, _NO = "yes", "maybe empty", "no"
_BEFORE = {_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING}
_AFTER = {_sre.AT_BOUNDARY, _sre.AT_END, _sre.AT_END_STRING}
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | {getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_NOT_WORD_CATEGORIES = {_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD}


def _is_word(text: str) -> bool:
    return WORD.fullmatch(text) is not None


def _class_edge(members: Any) -> str:
    """A character class: every character it matches is a non-word one (_YES), or not (_NO)."""
    for kind, value in members:
        if kind is _sre.LITERAL:
            ok = not _is_word(chr(value))
        elif kind is _sre.RANGE:
            ok = value[1] - value[0] < 256 and not any(
                _is_word(chr(c)) for c in range(value[0], value[1] + 1)
            )
        elif kind is _sre.CATEGORY:
            ok = value in _NOT_WORD_CATEGORIES
        else:  # NEGATE and the rest
            ok = False
        if not ok:
            return _NO
    return _YES


def _edge(op: Any, av: Any, last: bool) -> str:
    """What one item puts at its first (or ``last``) character: surely a non-word character
    (_YES), that or nothing (_MAYBE_EMPTY), or maybe a word character (_NO)."""
    if op is _RUN:
        return _NO if _is_word(av[-1] if last else av[0]) else _YES
    if op is _sre.LITERAL:
        return _NO if _is_word(chr(av)) else _YES
    if op is _sre.IN:
        return _class_edge(av)
    if op in _REPEATS:
        low, _, inner = av
        found = _sequence_edge(_merged(inner), last)
        return _MAYBE_EMPTY if found == _YES and low == 0 else found
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, inner = av
        return _NO if add_flags or del_flags else _sequence_edge(_merged(inner), last)
    if op is _sre.BRANCH:
        edges = {_sequence_edge(_merged(alternative), last) for alternative in av[1]}
        return _NO if _NO in edges else _MAYBE_EMPTY if _MAYBE_EMPTY in edges else _YES
    if op in _ZERO_WIDTH:
        return _MAYBE_EMPTY  # consumes nothing
    return _NO


def _sequence_edge(items: list[tuple[Any, Any]], last: bool) -> str:
    for op, av in reversed(items) if last else items:
        found = _edge(op, av, last)
        if found != _MAYBE_EMPTY:
            return found
    return _MAYBE_EMPTY


def _bounded(items: list[tuple[Any, Any]], start: int, step: int) -> bool:
    """Whether a non-word character or the text's end surely stands next to items[start - step]:
    the first item met walking from ``start`` by ``step`` that says so (``\\b`` next to a word
    character, an anchor, a class of non-word characters), past items that may match nothing."""
    anchors = _BEFORE if step < 0 else _AFTER
    i = start
    while 0 <= i < len(items):
        op, av = items[i]
        if op is _sre.AT and av in anchors:
            return True
        found = _edge(op, av, last=step < 0)
        if found != _MAYBE_EMPTY:
            return found == _YES
        i += step
    return False


def _condition(strings: frozenset[str], left: bool, right: bool) -> Condition:
    """Strings one of which a match holds, as a condition: a string of word characters alone is
    one of the text's words when bounded on both sides, else it is looked for as a string."""
    words = tuple(sorted(s for s in strings if left and right and _is_word(s)))
    rest = tuple(sorted(strings.difference(words), key=lambda s: (-len(s), s)))
    return words, rest


def _alternative(items: Any) -> Alternative:
    """The conditions every match of one sequence meets: one per run of exactly spelled items."""
    merged = _merged(items)
    conditions: list[Condition] = []
    run: frozenset[str] = frozenset({""})
    start = 0
    for i, (op, av) in enumerate([*merged, (None, None)]):
        part = None if op is None or op in _ZERO_WIDTH else _exact(op, av)
        joined = None if part is None else frozenset(a + b for a in run for b in part)
        if joined is not None and len(joined) <= 64:
            run = joined
            continue
        if "" not in run:
            conditions.append(_condition(run, _bounded(merged, start - 1, -1), _bounded(merged, i, 1)))
        run, start = (part, i) if part is not None and len(part) <= 64 else (frozenset({""}), i + 1)
    return tuple(conditions)


def required_words(pattern: re.Pattern[str]) -> tuple[Alternative, ...] | None:
    """Each top-level alternative's conditions; None when one has none (or the pattern's flags
    change what ``\\w`` or a letter means: ``IGNORECASE``, ``ASCII``, ``LOCALE``, inline flags).

    >>> required_words(re.compile(r"\\b(?:is|are)\\s+(?:\\w+ly\\s+)?(?:known|thought)\\b"))
    (((('are', 'is'), ()), (('known', 'thought'), ())),)
    >>> required_words(re.compile(r"\\bper ?cent\\b|±"))
    (((('percent',), ('per cent',)),), (((), ('±',)),))
    >>> required_words(re.compile(r"\\d+\\s?\\d")) is None
    True
    """
    if pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
        return None
    try:
        parsed = _parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unknown construct: no guard, never a wrong one
        return None
    if getattr(parsed, "state", None) is not None and parsed.state.flags != pattern.flags:
        return None
    items = list(parsed)
    *head, (op, av) = items or [(None, None)]
    # the parser moves a prefix the alternatives share out of them: "\\ba|\\bb" is \\b(?:a|b)
    if op is _sre.BRANCH and all(o in _ZERO_WIDTH for o, _ in head):
        branches = [[*head, *alternative] for alternative in av[1]]
    else:
        branches = [items]
    found = tuple(_alternative(branch) for branch in branches)
    return None if any(not alternative for alternative in found) else found


class WordGuarded:
    """``pattern`` searched only in text where one of ``alternatives`` meets all its conditions.

    >>> g = word_guard(re.compile(r"\\b(?:is|are)\\s+(?:known|thought)\\b"))
    >>> text = "it is thought so"
    >>> bool(g.search(text, set(WORD.findall(text)))), g.possible({"it", "is", "so"}, "it is so")
    (True, False)
    """

    __slots__ = ("alternatives", "pattern")

    def __init__(self, pattern: Any, alternatives: Sequence[Alternative]) -> None:
        self.pattern = pattern  # a compiled pattern or a Guarded one
        self.alternatives = tuple(
            tuple((frozenset(words), strings) for words, strings in alternative)
            for alternative in alternatives
        )

    def __repr__(self) -> str:
        return f"WordGuarded({self.pattern!r})"

    def possible(self, words: set[str] | frozenset[str], text: str) -> bool:
        """Whether some alternative meets all its conditions in ``text`` with these ``words``."""
        for alternative in self.alternatives:
            for names, strings in alternative:
                if names.isdisjoint(words) and not any(map(text.__contains__, strings)):
                    break
            else:
                return True
        return False

    def search(self, text: str, words: set[str] | frozenset[str]) -> re.Match[str] | None:
        """``pattern.search(text)``, given ``words = set(WORD.findall(text))``."""
        return self.pattern.search(text) if self.possible(words, text) else None

    def finditer(self, text: str, words: set[str] | frozenset[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, given ``words = set(WORD.findall(text))``."""
        return self.pattern.finditer(text) if self.possible(words, text) else iter(())


def word_guard(
    pattern: re.Pattern[str],
    stored: Mapping[str, tuple[Alternative, ...]] | None = None,
    searched: Any = None,
) -> WordGuarded | None:
    """``searched`` (``pattern`` itself by default, or its :class:`~claimcheck.text.literals.Guarded`
    twin) guarded by :func:`required_words` of ``pattern``, or None where none is known.

    ``stored`` maps :func:`claimcheck.text.literals.key` to conditions read before (parsing costs
    at import); a pattern it lacks is not guarded: slower, never wrong.
    """
    from claimcheck.text.literals import key

    found = required_words(pattern) if stored is None else stored.get(key(pattern))
    return None if found is None else WordGuarded(pattern if searched is None else searched, found)
