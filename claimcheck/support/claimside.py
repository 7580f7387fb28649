"""The claim side of the lexical scorer: worked out once per claim text, reused for every source.

A claim is scored against many sources (``better-matching-reference`` tries every entry of
the list), so its analysis, the weights of its units and their surfaces are kept, with an
index of its terms for :meth:`ClaimSide.reachable_weight`: the weight of the units that a
source can credit at all (a bound used to skip pairs that cannot reach a label).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.support.numbers import Statistic, extract_statistics
from claimcheck.support.terms import Doc, Unit

__all__ = ["ClaimSide"]


@dataclass
class ClaimSide:
    """A claim's analysis (``doc``), ``(unit, weight)`` pairs, topical weight and unit surfaces."""

    text: str
    doc: Doc
    weights: list[tuple[Unit, float]]
    topical: float  # the weight of the claim's topical words
    surfaces: list[str]
    _statistics: list[Statistic] | None = field(default=None, repr=False)
    _index: tuple[dict[str, set[int]], ...] | None = field(default=None, repr=False)

    def statistics(self) -> list[Statistic]:
        """The claim's statistics (:func:`~claimcheck.support.numbers.extract_statistics`), once."""
        if self._statistics is None:
            self._statistics = extract_statistics(self.text)
        return self._statistics

    def reachable_weight(self, sdoc: Doc) -> float:
        """The summed weight of the units ``sdoc`` could credit: at least the credited weight.

        A unit earns credit only through a stem of one of its forms counted in the source,
        a near-miss spelling (a stem of six or more letters sharing its first five with a
        source stem), or a definition of its surface written in the source; a unit with
        none of these earns nothing, and no unit earns more than its weight.
        """
        terms, prefixes, surfaces = self._terms()
        hit: set[int] = set()
        for t in terms.keys() & sdoc.counts.keys():
            hit |= terms[t]
        for p in prefixes.keys() & sdoc.prefixes.keys():
            hit |= prefixes[p]
        for s in surfaces.keys() & sdoc.definitions.keys():
            hit |= surfaces[s]
        return sum(self.weights[i][1] for i in hit)

    def _terms(self) -> tuple[dict[str, set[int]], ...]:
        if self._index is None:
            terms: dict[str, set[int]] = {}
            prefixes: dict[str, set[int]] = {}
            surfaces: dict[str, set[int]] = {}
            for i, (unit, _) in enumerate(self.weights):
                surfaces.setdefault(unit.surface, set()).add(i)
                for form in unit.forms:
                    for t in form:
                        terms.setdefault(t, set()).add(i)
                        if len(t) >= 6 and t.isalpha():
                            prefixes.setdefault(t[:5], set()).add(i)
            self._index = (terms, prefixes, surfaces)
        return self._index
