"""The support assessments in the audit graph, and the query for claims without support.

>>> from claimcheck.graph import build_graph
>>> from claimcheck.model import BlockKind, Claim, Reference
>>> from claimcheck.support.score import SupportAssessment
>>> G = build_graph([Claim(1, "x", 0, 1, 0, BlockKind.PARAGRAPH, citations=(1,))], [Reference(1, "1. x")])
>>> _ = add_support_edges(G, {(1, 1): SupportAssessment(0.0, "unrelated", source="title")})
>>> G.nodes["claim:1"]["support"], claims_without_support(G)
('unrelated', ['claim:1'])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from claimcheck.support.score import SupportAssessment

if TYPE_CHECKING:
    from claimcheck.graph import Graph

__all__ = ["SUPPORTS", "add_support_edges", "claims_without_support"]

SUPPORTS = "supports"


def add_support_edges(G: Graph, assessments: Mapping[tuple[int, int], SupportAssessment]) -> Graph:
    """Record the assessments in the audit graph (in place; ``G`` is returned).

    A claim whose reference resolved gets a ``claim:N -> doi:...`` edge with
    ``relation="supports"``; for an unresolved reference the existing
    ``claim:N -> ref:N`` ``cites`` edge carries the same attributes (a
    ``DiGraph`` holds one edge per pair, and ``cites`` must stay). Attributes:
    ``weight`` (the score), ``label``, ``source``. Each claim node gets
    ``support`` (its best label) and ``support_score`` (its best score).
    """
    best: dict[str, SupportAssessment] = {}
    for (cid, n), a in assessments.items():
        claim_node, ref_node = f"claim:{cid}", f"ref:{n}"
        if claim_node not in G:
            continue
        attrs = {"weight": round(a.score, 4), "label": a.label, "source": a.source}
        work = (
            next((w for _, w, rel in G.out_edges(ref_node, data="relation") if rel == "resolves_to"), None)
            if ref_node in G
            else None
        )
        if work is not None:
            G.add_edge(claim_node, work, relation=SUPPORTS, via=ref_node, **attrs)
        elif G.has_edge(claim_node, ref_node):
            G.edges[claim_node, ref_node].update(attrs)
        if (
            claim_node not in best
            or _RANK[a.label] < _RANK[best[claim_node].label]
            or (a.label == best[claim_node].label and a.score > best[claim_node].score)
        ):
            best[claim_node] = a
    for node, a in best.items():
        G.nodes[node]["support"] = a.label
        G.nodes[node]["support_score"] = round(a.score, 4)
    return G


_RANK = {"supported": 0, "weak": 1, "unrelated": 2, "not_assessable": 3}


def claims_without_support(G: Graph, *, include_unassessed: bool = False) -> list[str]:
    """Claims whose cited sources were assessed and none supports them even weakly.

    A claim node with a ``support`` attribute (see :func:`add_support_edges`)
    of ``unrelated`` is returned; with ``include_unassessed`` also those that
    could not be judged. Uncited claims are a different question
    (:func:`claimcheck.graph.uncited_claims`).
    """
    wanted = {"unrelated", "not_assessable"} if include_unassessed else {"unrelated"}
    return [n for n, label in G.nodes(data="support") if label in wanted]
