"""How much a sentence shares the rare words of a reference title, names a reference's author or year.

The citation-worthiness model's strongest clue that a sentence reports someone else's work:
a sentence that shares the article's rare words with the title of an entry of its own
reference list most likely restates that entry ("Plasma concentrations are increased by CYP3A4
inhibitors" next to a reference titled "CYP3A4 inhibition and ketamine plasma levels").

Built once per article from its reference list and its body text. A word's weight is its rarity
in the article's own paragraphs (``log(N / df)`` over the N paragraphs: the same for an article and
for that article repeated), so the
article's topic words ("ketamine" in an article about ketamine) point at nothing; words are
compared by their first six letters ("inhibitors" meets "inhibition"). A title's score is the
summed weight of the words it shares with the sentence over the square root of its word count,
so long titles do not win by length.

>>> from claimcheck.model import Reference
>>> refs = [Reference(1, "", title="CYP3A4 inhibition raises ketamine plasma levels",
...                   authors=("Peltoniemi MA",), year=2012)]
>>> body = ["Ketamine is old.", "Ketamine helps.", "Plasma levels rise with CYP3A4 inhibitors."]
>>> m = TitleIndex(refs, body).match("Plasma concentrations rise with CYP3A4 inhibitors (Peltoniemi 2012).")
>>> m.number, m.shared, m.author, m.year, m.score > 0
(1, ('CYP3A4', 'inhibitors', 'Plasma'), 'Peltoniemi', '2012', True)
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck.model import Reference
from claimcheck.text.words import FUNCTION_WORDS

__all__ = ["NO_MATCH", "TitleIndex", "TitleMatch", "terms"]

#: Letters a word is compared by ("inhibitors" and "inhibition" meet as "inhibi").
STEM = 6
#: Bounds on what is read: entries of the reference list, paragraphs, characters of a sentence.
MAX_REFERENCES = 5000
MAX_PARAGRAPHS = 20_000
MAX_CHARS = 2000
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]{2,}")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]+")
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")


def terms(text: str) -> dict[str, str]:
    """The content words of ``text`` by their stem: stem -> the word as written (first seen).

    >>> terms("Inhibitors of the CYP3A4 enzyme")
    {'inhibi': 'Inhibitors', 'cyp3a4': 'CYP3A4', 'enzyme': 'enzyme'}
    """
    out: dict[str, str] = {}
    for word in _WORD.findall(text[:MAX_CHARS]):
        low = word.lower()
        if low not in FUNCTION_WORDS:
            out.setdefault(low[:STEM], word)
    return out


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """What a sentence shares with the reference list."""

    score: float = 0.0  # the best title's score
    top3: float = 0.0  # the three best titles' scores summed
    number: int | None = None  # the reference with the best title
    shared: tuple[str, ...] = ()  # the words it shares with that title, as the sentence writes them
    author: str | None = None  # a reference's first author named in the sentence
    year: str | None = None  # a reference's year written in the sentence


NO_MATCH = TitleMatch()


class TitleIndex:
    """The reference titles of one article, indexed by word, weighted by rarity in its body."""

    def __init__(self, references: Sequence[Reference], body: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        paragraphs = 0
        for text in body:
            if paragraphs >= MAX_PARAGRAPHS:
                break
            paragraphs += 1
            df.update(terms(text).keys())
        self._paragraphs = paragraphs
        self._df = df
        self._weights: dict[str, float] = {}  # stem -> rarity, filled as stems are met
        self._numbers: list[int | None] = []
        self._norms: list[float] = []
        self._stems: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._authors: dict[str, int | None] = {}
        self._years: dict[str, int | None] = {}
        for ref in references[:MAX_REFERENCES]:
            stems = terms(ref.title or "")
            if stems:
                k = len(self._numbers)
                self._numbers.append(ref.number)
                self._norms.append(math.sqrt(len(stems)))
                self._stems.append(frozenset(stems))
                for stem in stems:
                    self._postings[stem].append(k)
            family = ref.first_author_family
            if family and len(family) > 2 and family[0].isupper():
                self._authors.setdefault(family, ref.number)
            if ref.year:
                self._years.setdefault(str(ref.year), ref.number)

    def _weight(self, stem: str) -> float:
        weight = self._weights.get(stem)
        if weight is None:
            weight = self._weights[stem] = math.log(max(self._paragraphs, 1) / max(self._df[stem], 1))
        return weight

    def __len__(self) -> int:
        return len(self._numbers)

    def match(self, text: str) -> TitleMatch:
        """The sentence's overlap with the best reference titles, and a reference author or year it names."""
        text = text[:MAX_CHARS]
        words = terms(text)
        scores: dict[int, float] = defaultdict(float)
        for stem in words:
            postings = self._postings.get(stem)
            if postings:
                weight = self._weight(stem)
                for k in postings:
                    scores[k] += weight
        ranked = heapq.nlargest(3, ((s / self._norms[k], k) for k, s in scores.items()))
        author = (
            next((w for w in _CAPITALISED.findall(text) if w in self._authors), None)
            if self._authors
            else None
        )
        year = next((y for y in _YEAR.findall(text) if y in self._years), None) if self._years else None
        if not ranked or ranked[0][0] <= 0:
            return TitleMatch(author=author, year=year)
        best, k = ranked[0]
        title = self._stems[k]
        shared = (w for stem, w in words.items() if stem in title)
        return TitleMatch(
            score=best,
            top3=sum(s for s, _ in ranked),
            number=self._numbers[k],
            shared=tuple(sorted(shared, key=str.lower)),
            author=author,
            year=year,
        )
