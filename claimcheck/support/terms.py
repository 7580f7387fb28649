"""Text to weighted content terms: the analysis behind the lexical scorer.

Pure functions, cached per text. A text becomes stemmed content terms
(Snowball English stemmer), with:

- function words dropped and generic words marked (:mod:`claimcheck.support.lexicon`);
- compounds of letters and digits kept whole (``COVID-19`` → ``covid19``,
  ``IL-6`` → ``il6``), other hyphenated words split (``at-home`` → ``at``,
  ``home``);
- abbreviations expanded: definitions written in the text itself
  ("treatment-resistant depression (TRD)", found with the Schwartz & Hearst
  2003 algorithm) and a small table of very common health abbreviations,
  applied only to words written in capitals (``US``, not ``us``);
- a few irregular plurals, British spellings and lay/medical pairs mapped to
  one word (``children`` → ``child``, ``mortality`` → ``death``).

>>> doc = analyse("Treatment-resistant depression (TRD) affects 2.8 million US adults.")
>>> sorted(doc.counts)[:4]
['adult', 'affect', 'depress', 'resist']
>>> doc.definitions["TRD"]
'Treatment-resistant depression'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from claimcheck.support.lexicon import ABBREVIATIONS, GENERIC, STOPWORDS, SYNONYMS
from claimcheck.support.numbers import Statistic, extract_numbers

__all__ = ["Doc", "Unit", "analyse", "find_definitions", "is_generic", "stem"]

_TOKEN = re.compile(r"[^\W_]+(?:['’‐-][^\W_]+)*")
_NUMBER_WORDS = frozenset(
    re.findall(
        r"\w+",
        "percent percentage thousand million billion trillion zero two three four five six seven eight "
        "nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred",
    )
)
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,3}(?![A-Za-z])")
_PAREN = re.compile(r"\(\s*([^()]{1,12}?)\s*\)")


@dataclass(frozen=True, slots=True)
class Unit:
    """One idea of a claim: a word, or an abbreviation with its expansions.

    ``forms`` are alternatives; each form is a tuple of stems that must all be
    found. A plain word has one form of one stem; ``TRD`` has ``("trd",)`` and
    ``("treatment", "resist", "depress")``. ``surface`` is the word as written.
    """

    surface: str
    forms: tuple[tuple[str, ...], ...]
    generic: bool = False


@dataclass(frozen=True, slots=True)
class Doc:
    """A text analysed: term counts, claim units, definitions and numbers."""

    text: str
    counts: Counter[str]
    units: tuple[Unit, ...]
    definitions: dict[str, str] = field(default_factory=dict)
    length: int = 0
    bigrams: frozenset[tuple[str, str]] = frozenset()
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def numbers(self) -> tuple[Statistic, ...]:
        """Every number of the text (:func:`~claimcheck.support.numbers.extract_numbers`),
        found when first asked: only a claim with statistics needs its sources' numbers."""
        return _numbers(self.text)


@lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[Statistic, ...]:
    return tuple(extract_numbers(text))


@cache
def _stemmer() -> Any:
    """Snowball English: PyStemmer's C build when installed, else snowballstemmer's pure Python.

    Both are generated from the same Snowball source and give the same stems.
    """
    try:
        import Stemmer  # PyStemmer

        return Stemmer.Stemmer("english")
    except ImportError:
        import snowballstemmer

        return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The canonical stem of one lower-case word (synonyms mapped first).

    >>> stem("children"), stem("randomised"), stem("treatments")
    ('child', 'random', 'treatment')
    """
    word = SYNONYMS.get(word, word)
    return str(_stemmer().stemWord(word))


@cache
def _generic_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in GENERIC)


def is_generic(term: str) -> bool:
    """True for the stem of a generic word (``studi``, ``patient``, ``treatment``)."""
    return term in _generic_stems()


def find_definitions(text: str) -> dict[str, str]:
    """Abbreviations defined in ``text``: ``"long form (SHORT)"`` → ``{SHORT: long form}``.

    The long form is the shortest run of preceding words whose letters spell
    the abbreviation from its end (Schwartz & Hearst 2003, "A simple algorithm
    for identifying abbreviation definitions in biomedical text").

    >>> find_definitions("major depressive disorder (MDD) and interleukin-6 (IL-6)")
    {'MDD': 'major depressive disorder', 'IL-6': 'interleukin-6'}
    """
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        short = m.group(1)
        if not _is_short_form(short):
            continue
        words = re.split(r"\s+", text[: m.start()].rstrip())
        window = words[-min(len(short) + 5, 2 * len(short)) :]
        long = _best_long_form(short, " ".join(window))
        if long and len(long) > len(short) and short not in out:
            out[short] = long
    return out


def _is_short_form(short: str) -> bool:
    if not 2 <= len(short) <= 10 or len(short.split()) > 2 or not short[0].isalnum():
        return False
    return any(c.isupper() for c in short) and any(c.isalpha() for c in short)


def _best_long_form(short: str, long: str) -> str | None:
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while (i >= 0 and long[i].lower() != c) or (s == 0 and i > 0 and long[i - 1].isalnum()):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    return long[start:].strip(" ,;:") or None


@lru_cache(maxsize=65536)
def _is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and token[0].isupper()


_POSSESSIVE = re.compile(r"'s$")
_HYPHENS = re.compile(r"[‐-]")


@lru_cache(maxsize=65536)
def _word_terms(token: str) -> tuple[str, ...]:
    """Stems of one token (cached): letter-digit compounds whole, other hyphenated words split."""
    low = unicodedata.normalize("NFKC", token).lower().replace("’", "'")
    low = _POSSESSIVE.sub("", low).replace("'", "")
    parts = [p for p in _HYPHENS.split(low) if p]
    has_digit = any(c.isdigit() for c in low)
    if has_digit and any(c.isalpha() for c in low):
        return ("".join(parts),)
    out = []
    for part in parts:
        if part.isdigit() or part in STOPWORDS or part in _NUMBER_WORDS or len(part) < 2:
            continue
        out.append(stem(part))
    return tuple(out)


def _expansion(token: str, definitions: dict[str, str]) -> tuple[str, ...]:
    long = definitions.get(token) or ABBREVIATIONS.get(token)
    if not long:
        return ()
    terms: list[str] = []
    for t in _TOKEN.findall(long):
        terms.extend(_word_terms(t))
    return tuple(terms)


@lru_cache(maxsize=4096)
def analyse(text: str) -> Doc:
    """Analyse one text (cached): counts of content terms, claim units, definitions, numbers.

    Parameters
    ----------
    text:
        A claim, a title, an abstract, or a title and abstract together.

    Returns
    -------
    Doc
        ``counts`` counts every stem, an abbreviation counted both as itself and
        as its expansion; ``units`` lists the distinct ideas in order of first
        appearance (for scoring the text as a claim); ``prefixes`` indexes the
        stems by their first five letters (for near-miss matching).

    Examples
    --------
    >>> [u.forms for u in analyse("MDD in the US").units]
    [(('mdd',), ('major', 'depress', 'disord')), (('us',), ('unit', 'state'))]
    """
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    definitions = find_definitions(text)
    letters = sum(map(str.isalpha, text))  # map: the per-character loop runs in C
    shouting = letters > 20 and sum(map(str.isupper, filter(str.isalpha, text))) > 0.5 * letters
    counts: Counter[str] = Counter()
    units: dict[str, Unit] = {}
    length = 0
    sequence: list[str] = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if not shouting and _is_abbreviation(token):
            known = token in definitions or token in ABBREVIATIONS
            if known or token.lower() not in STOPWORDS:
                own = "".join(_word_terms(token)) or token.lower()
                expansion = _expansion(token, definitions)
                counts[own] += 1
                counts.update(expansion)
                sequence.append(own)
                length += 1
                if own not in units and not (expansion and all(t in units for t in expansion)):
                    units[own] = Unit(token, ((own,), expansion) if expansion else ((own,),))
                continue
        for term in _word_terms(token):
            sequence.append(term)
            counts[term] += 1
            length += 1
            if term not in units:
                units[term] = Unit(token, ((term,),), generic=is_generic(term))
    prefixes: dict[str, list[str]] = {}
    for term in counts:
        if len(term) >= 5 and term.isalpha():
            prefixes.setdefault(term[:5], []).append(term)
    return Doc(
        text=text,
        counts=counts,
        units=tuple(units.values()),
        definitions=definitions,
        length=length,
        bigrams=frozenset(itertools.pairwise(sequence)),
        prefixes={k: tuple(v) for k, v in prefixes.items()},
    )
