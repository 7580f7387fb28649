"""What every check shares: the audit context, the code catalogue entry, the finding helper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from claimcheck.graph import AuditGraph
from claimcheck.model import Article, Claim, Finding, Reference, Resolution, Severity

if TYPE_CHECKING:
    from claimcheck.graph import Graph


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """A finding code's default severity and its meaning for an editor."""

    severity: Severity
    meaning: str


@dataclass(frozen=True)
class AuditContext:
    """Everything the stages before the checks produced."""

    article: Article
    claims: tuple[Claim, ...]
    references: tuple[Reference, ...]
    resolutions: Mapping[int, Resolution] = field(default_factory=dict)
    #: The audit graph (:func:`claimcheck.graph.build_audit_graph`; a ``networkx.DiGraph`` works too).
    graph: Graph = field(default_factory=AuditGraph)
    #: DOI suggestions for references without a usable DOI, by reference number
    #: (:class:`claimcheck.verify.suggest.Suggestion`); empty when nothing could search.
    suggestions: Mapping[int, Any] = field(default_factory=dict)

    def claim(self, node_or_id: str | int) -> Claim:
        """The claim with this id or node id."""
        cid = int(str(node_or_id).removeprefix("claim:"))
        return self._claims_by_id[cid]

    def reference(self, number: int) -> Reference | None:
        """The first entry with this number, or None."""
        return self._refs_by_number.get(number)

    @cached_property
    def _claims_by_id(self) -> dict[int, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def _refs_by_number(self) -> dict[int, Reference]:
        out: dict[int, Reference] = {}
        for ref in self.references:
            if ref.number is not None:
                out.setdefault(ref.number, ref)
        return out


Check = Callable[[AuditContext], Iterable[Finding]]


#: Every code registered by a check family (filled by :func:`register_codes` as they load).
_REGISTERED: dict[str, CodeInfo] = {}


def register_codes(codes: Mapping[str, CodeInfo]) -> Mapping[str, CodeInfo]:
    """Register a family's codes so that :func:`finding` knows their severity; returns them."""
    _REGISTERED.update(codes)
    return codes


def finding(code: str, message: str, *, severity: Severity | None = None, **where: Any) -> Finding:
    """Make a finding with the code's default severity (checks use this; codes must be registered)."""
    info = _REGISTERED[code]
    return Finding(code=code, severity=severity or info.severity, message=message, **where)
