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
#: Words as written whose stems an index remembers before it forgets them all (a bound on memory).
_STEM_CACHE = 50_000
#: Titles a sentence may touch for its best three to be found by sorting them all.
_SORT_AT_MOST = 64


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
        self._numbers: list[int | None] = []
        self._norms: list[float] = []
        self._titles: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._authors: dict[str, int | None] = {}
        self._years: dict[str, int | None] = {}
        for ref in references[:MAX_REFERENCES]:
            stems = terms(ref.title or "")
            if stems:
                k = len(self._numbers)
                self._numbers.append(ref.number)
                self._norms.append(math.sqrt(len(stems)))
                self._titles.append(frozenset(stems))
                for stem in stems:
                    self._postings[stem].append(k)
            family = ref.first_author_family
            if family and len(family) > 2 and family[0].isupper():
                self._authors.setdefault(family, ref.number)
            if ref.year:
                self._years.setdefault(str(ref.year), ref.number)
        # stem -> (its rarity, the titles holding it): one look-up per word of a sentence.
        n = max(paragraphs, 1)
        self._index: dict[str, tuple[float, list[int]]] = {
            stem: (math.log(n / max(df[stem], 1)), postings) for stem, postings in self._postings.items()
        }
        # word as written -> its stem, or "" for a function word: a word recurs from sentence to sentence.
        self._stem_of: dict[str, str] = {}

    def _stems(self, words: list[str]) -> list[str]:
        """Each word's stem, "" for a function word (as :func:`terms` reads them), found once per index."""
        stem_of = self._stem_of
        missing = set(words).difference(stem_of)
        if missing:
            if len(stem_of) > _STEM_CACHE:
                stem_of.clear()
                missing = set(words)
            for word in missing:
                low = word.lower()
                stem_of[word] = "" if low in FUNCTION_WORDS else low[:STEM]
        return list(map(stem_of.__getitem__, words))

    def __len__(self) -> int:
        return len(self._numbers)

    def match(self, text: str) -> TitleMatch:
        """The sentence's overlap with the best reference titles, and a reference author or year it names."""
        text = text[:MAX_CHARS]
        words = _WORD.findall(text)
        stems = self._stems(words)
        order = dict.fromkeys(stems)  # the stems in the order first met: the order scores are summed in
        index = self._index
        scores: dict[int, float] = {}
        get = scores.get
        for hit in map(index.get, order):
            if hit is not None:
                weight, postings = hit
                for k in postings:
                    scores[k] = get(k, 0.0) + weight
        norms = self._norms
        scored = [(s / norms[k], k) for k, s in scores.items()]
        # the same three as heapq.nlargest (the pairs are distinct: k is), sorted in C when few
        ranked = (
            sorted(scored, reverse=True)[:3] if len(scored) <= _SORT_AT_MOST else heapq.nlargest(3, scored)
        )
        authors, years = self._authors, self._years
        author = next(filter(authors.__contains__, _CAPITALISED.findall(text)), None) if authors else None
        year = next(filter(years.__contains__, _YEAR.findall(text)), None) if years else None
        if not ranked or ranked[0][0] <= 0:
            return TitleMatch(author=author, year=year)
        best, k = ranked[0]
        title = self._titles[k]
        first = dict(zip(reversed(stems), reversed(words), strict=True))  # a stem's first word wins
        shared = (first[stem] for stem in order if stem in title)
        return TitleMatch(
            score=best,
            top3=sum(s for s, _ in ranked),
            number=self._numbers[k],
            shared=tuple(sorted(shared, key=str.lower)),
            author=author,
            year=year,
        )
