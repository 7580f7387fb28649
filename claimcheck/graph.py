"""The audit as a networkx graph, and the queries the checks ask of it.

Nodes have stable string ids and JSON-friendly attributes:

- ``claim:N`` (``kind="claim"``): a sentence of the body; ``text``, ``start``,
  ``end``, ``check_worthy``, ``reasons``.
- ``ref:N`` (``kind="reference"``): an entry of the reference list; ``listed``
  is ``False`` for a number that is cited but has no entry (so "cited but not
  listed" is a query, not a special case); ``status`` is the resolution status.
- ``doi:10.x/y`` (``kind="work"``): a registered work; ``title``, ``year``,
  ``container``, ``type``.

Edges: ``claim -> ref`` with ``relation="cites"`` (``origin`` says whether the
number was printed, inherited from a lead-in or carried over from the previous
sentence) and ``ref -> work`` with ``relation="resolves_to"``.

>>> from claimcheck.model import Claim, BlockKind, Reference
>>> G = build_graph([Claim(1, "Ketamine works.", 0, 15, 0, BlockKind.PARAGRAPH, citations=(1,),
...                        check_worthy=True)], [Reference(1, "1. A B. T. J. 2020.")])
>>> sorted(G.nodes)
['claim:1', 'ref:1']
>>> uncited_claims(G), uncited_references(G)
([], [])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from .model import Claim, Reference, Resolution, Status

CITES = "cites"
RESOLVES_TO = "resolves_to"


def build_graph(
    claims: Iterable[Claim],
    references: Iterable[Reference],
    resolutions: Mapping[int, Resolution] | None = None,
) -> nx.DiGraph:
    """Build the claim / reference / work graph.

    Parameters
    ----------
    claims, references:
        What the article and its reference list gave.
    resolutions:
        One :class:`Resolution` per reference number, when resolution ran.
    """
    G: nx.DiGraph = nx.DiGraph()
    resolutions = resolutions or {}
    for ref in references:
        if ref.number is None:
            continue
        res = resolutions.get(ref.number)
        G.add_node(ref.node_id, **_reference_attrs(ref, res))
        if res is not None and res.work is not None:
            work = res.work
            if work.node_id not in G:
                G.add_node(work.node_id, **_work_attrs(work))
            G.add_edge(ref.node_id, work.node_id, relation=RESOLVES_TO)
    for claim in claims:
        G.add_node(claim.node_id, **_claim_attrs(claim))
        origin = claim.origin.value if claim.origin else "marker"
        for number in claim.citations:
            ref_id = f"ref:{number}"
            if ref_id not in G:
                G.add_node(ref_id, kind="reference", number=number, listed=False, status=None)
            G.add_edge(claim.node_id, ref_id, relation=CITES, origin=origin)
    return G


def _claim_attrs(claim: Claim) -> dict[str, Any]:
    return {
        "kind": "claim",
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "check_worthy": claim.check_worthy,
        "reasons": list(claim.reasons),
    }


def _reference_attrs(ref: Reference, res: Resolution | None) -> dict[str, Any]:
    return {
        "kind": "reference",
        "number": ref.number,
        "listed": True,
        "text": ref.raw,
        "title": ref.title,
        "doi": ref.doi or ref.doi_raw,
        "status": res.status.value if res else None,
        "reason": res.reason if res else None,
    }


def _work_attrs(work: Any) -> dict[str, Any]:
    return {
        "kind": "work",
        "doi": work.doi,
        "title": work.title,
        "year": work.year,
        "container": work.container,
        "type": work.type,
        "agency": work.agency,
    }


def _cites_in(G: nx.DiGraph, node: str) -> int:
    return sum(1 for _, _, rel in G.in_edges(node, data="relation") if rel == CITES)


def _cites_out(G: nx.DiGraph, node: str) -> list[str]:
    return [v for _, v, rel in G.out_edges(node, data="relation") if rel == CITES]


def nodes_of_kind(G: nx.DiGraph, kind: str) -> list[str]:
    """Node ids of one kind (``claim``, ``reference``, ``work``), in insertion order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def uncited_claims(G: nx.DiGraph) -> list[str]:
    """Check-worthy claims that cite nothing (no ``cites`` edge of any origin)."""
    return [n for n in nodes_of_kind(G, "claim") if G.nodes[n]["check_worthy"] and not _cites_out(G, n)]


def uncited_references(G: nx.DiGraph) -> list[str]:
    """Listed references that no claim cites."""
    return [n for n in nodes_of_kind(G, "reference") if G.nodes[n]["listed"] and _cites_in(G, n) == 0]


def unlisted_citations(G: nx.DiGraph) -> list[str]:
    """Reference nodes that are cited but have no entry in the list."""
    return [n for n in nodes_of_kind(G, "reference") if not G.nodes[n]["listed"]]


def citing_claims(G: nx.DiGraph, ref_node: str) -> list[str]:
    """Claims that cite a reference node, in document order."""
    claims = [u for u, _, rel in G.in_edges(ref_node, data="relation") if rel == CITES]
    return sorted(claims, key=lambda n: G.nodes[n]["start"])


def unsupported_claims(G: nx.DiGraph) -> list[str]:
    """Check-worthy claims with no path to a resolved registered work.

    A claim is backed when it cites a reference that resolves to a work. Claims
    citing only unresolved, unchecked or unlisted references are returned, as
    are uncited ones.
    """
    out = []
    for n in nodes_of_kind(G, "claim"):
        if not G.nodes[n]["check_worthy"]:
            continue
        backed = any(
            G.nodes[w].get("kind") == "work"
            for ref in _cites_out(G, n)
            for _, w, rel in G.out_edges(ref, data="relation")
            if rel == RESOLVES_TO
        )
        if not backed:
            out.append(n)
    return out


def reference_status_counts(G: nx.DiGraph) -> dict[str, int]:
    """How many listed references ended in each status."""
    counts = {s.value: 0 for s in Status}
    for n in nodes_of_kind(G, "reference"):
        status = G.nodes[n].get("status")
        if G.nodes[n]["listed"] and status:
            counts[status] += 1
    return counts


def to_node_link(G: nx.DiGraph) -> dict[str, Any]:
    """The graph as node-link JSON data (``networkx.node_link_data``, ``edges="links"``)."""
    return nx.node_link_data(G, edges="links")
