"""Collections a notebook shows as tables: ``report.findings``, ``report.claims``, ``report.references``.

They are tuples (index them, loop over them, compare them with tuples) with a
one-line ``repr`` and an HTML table for Jupyter. ``list(report.findings)``
shows each item's own one-line ``repr``.

>>> from claimcheck.model import Finding, Severity
>>> fs = Findings([Finding("uncited-claim", Severity.WARNING, "m", claim_id=3)])
>>> fs
<Findings 1: 0 error, 1 warning, 0 info>
>>> fs[0], fs == (fs[0],)
(<Finding warning uncited-claim (claim 3)>, True)
"""

from __future__ import annotations

from collections import Counter
from typing import Any, SupportsIndex, overload

from claimcheck.model import Claim, Finding, Reference, Severity

__all__ = ["Claims", "Findings", "References"]


class _View(tuple):
    """A tuple that keeps its type when sliced."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Any: ...
    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        return type(self)(item) if isinstance(index, slice) else item


class Findings(_View):
    """The audit's findings, most severe first.

    >>> Findings([])
    <Findings 0: 0 error, 0 warning, 0 info>
    """

    __slots__ = ()

    def __repr__(self) -> str:
        counted = Counter(f.severity for f in self)
        counts = ", ".join(f"{counted[s]} {s.value}" for s in Severity)
        return f"<Findings {len(self)}: {counts}>"

    def _repr_html_(self) -> str:
        from claimcheck.report.render import findings_table

        findings: tuple[Finding, ...] = tuple(self)
        return findings_table(findings)


class Claims(_View):
    """The article's claims, in reading order.

    >>> from claimcheck.model import BlockKind
    >>> Claims([Claim(1, "Ketamine works.", 0, 15, 0, BlockKind.PARAGRAPH, citations=(1,))])
    <Claims 1: 1 cited, 0 check-worthy uncited>
    """

    __slots__ = ()

    def __repr__(self) -> str:
        cited = sum(1 for c in self if c.citations)
        bare = sum(1 for c in self if c.check_worthy and not c.citations)
        return f"<Claims {len(self)}: {cited} cited, {bare} check-worthy uncited>"

    def _repr_html_(self) -> str:
        from claimcheck.report.render import claims_table

        claims: tuple[Claim, ...] = tuple(self)
        return claims_table(claims)


class References(_View):
    """The reference list's entries, in list order.

    >>> References([Reference(1, "1. A B. T. 2020.", doi="10.1/x"), Reference(2, "2. C D.")])
    <References 2: 1 with a DOI, 1 without identifier>
    """

    __slots__ = ()

    def __repr__(self) -> str:
        with_doi = sum(1 for r in self if r.doi)
        without = sum(1 for r in self if not r.has_identifier)
        return f"<References {len(self)}: {with_doi} with a DOI, {without} without identifier>"

    def _repr_html_(self) -> str:
        from claimcheck.report.render import references_table

        refs: tuple[Reference, ...] = tuple(self)
        return references_table(refs)
