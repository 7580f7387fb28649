"""How an article cites, learned from the whole body before any marker is judged.

A bare number is a citation or prose depending on the article around it: in
an article printed with flattened superscripts (``adults.1``, ``column5``,
``studied 2,3 and``) glued trailing digits cite, in one that cites with
brackets they are names and values (``CD4``, ``Rab5``). :func:`learn_habit`
counts the candidates of each family over the body and says which one the
article uses:

``bracket``      ``[1]``, ``[2]–[7]``;
``paren``        ``(1)``, ``(3, 7)``;
``superscript``  bare numbers after a word or punctuation (``adults.1``, ``column5``).

Candidates count only when their numbers fit the reference list (1..N, when
N is known); the family must outnumber each other one by half again. A
word-number token with a short word printed twice (``Sox2`` ... ``Sox2``) is a
name, never a marker; so is one printed three times or more whose word never
stands alone (``Island3`` ... ``Island3`` ... ``Island3``: a name, where a cited
tool is also named bare, ``PhyML``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["FAMILIES", "Habit", "learn_habit", "token_at"]

#: The citation families an article may use.
FAMILIES = ("bracket", "paren", "superscript")

_NUM = r"[1-9]\d{0,2}"
_GROUP = rf"{_NUM}(?:[-–—]{_NUM})?(?:,{_NUM}(?:[-–—]{_NUM})?)*"
_BRACKET = re.compile(rf"\[[ ]*{_NUM}(?:[ ]*[-–—,;][ ]*{_NUM})*[ ]*\]")
_PAREN = re.compile(rf"(?<=[^\W\d_][ ])\([ ]*{_NUM}(?:[ ]*[-–—,;][ ]*{_NUM})*[ ]*\)")
# A bare group glued to a lower-case word or to sentence punctuation: "column5", "adults.1", "trial,3".
_GLUED = re.compile(
    rf"(?:(?<=[a-z][a-z][a-z])|(?<=[^\W\d_][.,;:])|(?<=[)”’])|(?<=[)”’][.,;:]))(?P<n>{_GROUP})(?=[\s.,;:)]|$)"
)
# Neither pattern below finds a match starting right after a letter: one starting at that letter
# would be found first (no match ends on a letter, so none can be in its way). The look-behind
# only spares the search its tries from inside each word, which cost time quadratic in its length.
_AFTER_NO_LETTER = r"(?<![^\W\d_])"
# A word, a space and a number: "method 2", "presacral 1".
_LABELLED = re.compile(rf"{_AFTER_NO_LETTER}([^\W\d_]{{2,}})[ ]\d{{1,3}}\b")
# A word standing alone, with no digits glued to it.
_WORD = re.compile(r"(?<![\w-])[^\W\d_](?:[^\W\d_]|-)*(?![\w-])")
#: A word glued to digits: ``Sox2``, ``column5``, ``adults.1`` (group 1 the word, 2 the digits).
TOKEN = re.compile(rf"{_AFTER_NO_LETTER}([^\W\d_][\w-]*?)({_GROUP})(?![\w-])")


@dataclass(frozen=True, slots=True)
class Habit:
    """What an article cites with, and how many references it lists.

    ``family`` is one of :data:`FAMILIES`, or ``None`` when the body shows no
    clear habit (then only the strict shapes of each family are read).
    ``names`` holds word-number tokens printed more than once (``Sox2``),
    which are never markers; ``labels`` the words a spaced number follows
    twice or more (``method 1`` ... ``method 2``): they label, not cite.
    """

    family: str | None = None
    reference_count: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()
    #: Reference numbers no marker of the first reading cites, each with the article span
    #: where first-citation order puts it (from the first citation of the number below to
    #: that of the number above): a second look accepts a bare group there citing only such
    #: numbers (see :func:`claimcheck.read.markers.find_markers`).
    missing: dict[int, tuple[int, int]] = field(default_factory=dict)

    def fits(self, numbers: Iterable[int]) -> bool:
        """Whether every number is in the reference list (always, when its size is unknown)."""
        n = self.reference_count
        return not n or all(1 <= k <= n for k in numbers)


def learn_habit(texts: Iterable[str], reference_count: int | None = None) -> Habit:
    """The article's citation family, from the candidates of each family in its body texts.

    >>> learn_habit(["It works in adults.1 The effect grew2 and faded.3"], 5).family
    'superscript'
    >>> learn_habit(["It works [1]. The CD4 count fell [2], [3]."], 5).family
    'bracket'
    """
    bodies = list(texts)
    n = reference_count or None
    tokens: Counter[str] = Counter()
    for body in bodies:
        tokens.update(m.group() for m in TOKEN.finditer(body))
    # the words of the tokens printed three times or more that are no short names, and which of
    # them also stand alone (most articles have no such token: then the body is not read again)
    wanted = {_word_of(t) for t, k in tokens.items() if k > 2 and not _short_name(t)}
    alone = {w for body in bodies for w in _WORD.findall(body) if w in wanted} if wanted else set()
    names = frozenset(
        t for t, k in tokens.items() if (k > 1 and _short_name(t)) or (k > 2 and _word_of(t) not in alone)
    )
    before: Counter[str] = Counter()
    for body in bodies:
        before.update(m.group(1).lower() for m in _LABELLED.finditer(body))
    labels = frozenset(w for w, k in before.items() if k > 1)
    counts = dict.fromkeys(FAMILIES, 0)
    for body in bodies:
        counts["bracket"] += sum(_fits(m.group(), n) for m in _BRACKET.finditer(body))
        counts["paren"] += sum(_fits(m.group(), n) for m in _PAREN.finditer(body))
        counts["superscript"] += sum(
            _fits(m.group("n"), n) and token_at(body, m.start()) not in names for m in _GLUED.finditer(body)
        )
    best = max(FAMILIES, key=lambda f: counts[f])
    others = max(counts[f] for f in FAMILIES if f != best)
    family = best if counts[best] >= 3 and counts[best] >= 1.5 * others else None
    return Habit(family, n, counts, names, labels)


def _word_of(token: str) -> str:
    """The word of a word-number token: ``Island3`` -> ``Island``."""
    match = TOKEN.match(token)
    return match.group(1) if match else token


def _short_name(token: str) -> bool:
    """``Sox2``, ``Rab5``: a word of at most four letters before the digits."""
    word = re.match(r"[^\W\d_]+", token)
    return word is not None and len(word.group()) <= 4


def token_at(text: str, digits_start: int) -> str:
    """The word-number token whose digits start at ``digits_start`` (``""`` after punctuation)."""
    word = re.search(r"[^\W\d_][\w-]*$", text[max(0, digits_start - 40) : digits_start])
    end = re.match(rf"{_GROUP}", text[digits_start:])
    if word is None or end is None:
        return ""
    return word.group() + end.group()


def _fits(raw: str, n: int | None) -> bool:
    if n is None:
        return True
    return all(1 <= int(d) <= n for d in re.findall(r"\d+", raw))
