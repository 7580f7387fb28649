"""The audit as a networkx graph, and the queries the checks ask of it.

Nodes have stable string ids and JSON-friendly attributes:

- ``claim:N`` (``kind="claim"``): a sentence of the body; ``text``, ``start``,
  ``end``, ``check_worthy``, ``reasons``.
- ``ref:N`` (``kind="reference"``): an entry of the reference list; ``listed``
  is ``False`` for a number that is cited but has no entry (so "cited but not
  listed" is a query, not a special case); ``status`` is the resolution status.
- ``doi:10.x/y`` (``kind="work"``): a registered work; ``title``, ``year``,
  ``years``, ``container``, ``volume``, ``issue``, ``pages``, ``type``,
  ``agency`` (``crossref``, ``datacite``, ``pubmed``), ``registered``
  (``False`` for a notice known only from another record's update list),
  ``update_status`` (``retracted``, ``partially-retracted``, ``concern``,
  ``corrected``, ``none``) and ``is_notice``. A PubMed record without a DOI is
  ``pmid:N``.

Edges: ``claim -> ref`` with ``relation="cites"`` (``origin`` says whether the
number was printed, inherited from a lead-in or carried over from the previous
sentence), ``ref -> work`` with ``relation="resolves_to"``, and ``notice ->
work`` with ``relation="updates"`` (``update_types``, ``date``, ``sources``)
from each retraction, concern or correction notice to the work it updates,
read from either side's record.

>>> from claimcheck.model import Claim, BlockKind, Reference
>>> G = build_graph([Claim(1, "Ketamine works.", 0, 15, 0, BlockKind.PARAGRAPH, citations=(1,),
...                        check_worthy=True)], [Reference(1, "1. A B. T. J. 2020.")])
>>> sorted(G.nodes)
['claim:1', 'ref:1']
>>> uncited_claims(G), uncited_references(G)
([], [])
>>> from claimcheck.model import Resolution, Status, Update, Work
>>> w = Work("10.1/x", title="RETRACTED: A study", updated_by=(Update("retraction", "10.1/n", "2010-02-06"),))
>>> G = build_graph([], [Reference(1, "1. A study.")], {1: Resolution("10.1/x", Status.RESOLVED, w)})
>>> retracted_works(G), list(G.successors("doi:10.1/n"))
(['doi:10.1/x'], ['doi:10.1/x'])

While the audit runs the graph is an :class:`AuditGraph`: the part of ``networkx.DiGraph`` the
stages use (``G.nodes[n]``, ``G.nodes(data="kind")``, ``add_node``, ``add_edge``, ``in_edges`` and
``out_edges`` with ``data=``, ``edges[u, v]``, ``has_edge``, ``get_edge_data``, ``successors``,
``predecessors``), the same nodes, edges and attribute dicts in the same insertion order, without
importing networkx (about 0.09 s of CPU, more than reading a 60-reference article).
:meth:`AuditGraph.to_networkx` makes the ``networkx.DiGraph`` (same node, edge and neighbour
order) when ``report.graph`` is asked for.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from claimcheck.model import Claim, Reference, Resolution, Status, Work
from claimcheck.verify.updates import work_updates

CITES = "cites"
RESOLVES_TO = "resolves_to"
UPDATES = "updates"

if TYPE_CHECKING:
    import networkx as nx

    #: What the queries below accept: the audit's own graph or a ``networkx.DiGraph`` of the same shape.
    Graph: TypeAlias = "AuditGraph | nx.DiGraph"


def build_graph(
    claims: Iterable[Claim],
    references: Iterable[Reference],
    resolutions: Mapping[int, Resolution] | None = None,
) -> nx.DiGraph:
    """Build the claim / reference / work graph as a ``networkx.DiGraph`` (see :func:`build_audit_graph`)."""
    return build_audit_graph(claims, references, resolutions).to_networkx()


def build_audit_graph(
    claims: Iterable[Claim],
    references: Iterable[Reference],
    resolutions: Mapping[int, Resolution] | None = None,
) -> AuditGraph:
    """Build the claim / reference / work graph as an :class:`~claimcheck.graphcore.AuditGraph`.

    What :func:`claimcheck.audit` builds: the checks query it without networkx, and
    ``report.graph`` turns it into a ``networkx.DiGraph`` when asked.

    Parameters
    ----------
    claims, references:
        What the article and its reference list gave.
    resolutions:
        One :class:`Resolution` per reference number, when resolution ran.
    """
    G = AuditGraph()
    resolutions = resolutions or {}
    for ref in references:
        if ref.number is None:
            continue
        res = resolutions.get(ref.number)
        G.add_node(ref.node_id, **_reference_attrs(ref, res))
        if res is not None and res.work is not None:
            work = res.work
            node = work_node_id(work)
            if not G.nodes.get(node, {}).get("registered"):
                G.add_node(node, **_work_attrs(work))
            G.add_edge(ref.node_id, node, relation=RESOLVES_TO)
            _add_updates(G, work, node)
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


def work_node_id(work: Work) -> str:
    """``doi:10.x/y``, or ``pmid:N`` for a PubMed record without a DOI."""
    if work.doi:
        return work.node_id
    return f"pmid:{work.raw.get('PMID', '')}"


def _work_attrs(work: Work) -> dict[str, Any]:
    updates = work_updates(work)
    return {
        "kind": "work",
        "doi": work.doi or None,
        "title": work.title,
        "year": work.year,
        "years": list(work.years),
        "container": work.container,
        "volume": work.volume,
        "issue": work.issue,
        "pages": work.pages or work.article_number,
        "type": work.type,
        "agency": work.agency,
        "registered": True,
        "update_status": updates.status,
        "is_notice": updates.is_notice,
    }


def _add_updates(G: AuditGraph, work: Work, node: str) -> None:
    """``updates`` edges between ``work`` and its notices (or, for a notice, what it updates)."""
    updates = work_updates(work)
    pairs = [(n, f"doi:{n.doi}", node) for n in updates.notices if n.doi]
    pairs += [(n, node, f"doi:{n.doi}") for n in updates.notice_of if n.doi]
    for notice, source, target in pairs:
        if source == target:
            continue  # a notice registered on the work itself (a partial retraction): no self-loop
        for end in (source, target):
            if end not in G:
                G.add_node(end, kind="work", doi=end.removeprefix("doi:"), registered=False)
        if target != node and not G.nodes[target].get("registered"):
            G.nodes[target].setdefault("update_status", notice.status)
        data = G.get_edge_data(source, target) or {"relation": UPDATES, "update_types": []}
        types = (
            data["update_types"]
            if notice.type in data["update_types"]
            else [*data["update_types"], notice.type]
        )
        sources = sorted({*data.get("sources", []), *notice.sources})
        G.add_edge(
            source,
            target,
            relation=UPDATES,
            update_types=types,
            date=data.get("date") or notice.date,
            sources=sources,
        )
        G.nodes[source]["is_notice"] = True


def _cites_in(G: Graph, node: str) -> int:
    return sum(1 for _, _, rel in G.in_edges(node, data="relation") if rel == CITES)


def _cites_out(G: Graph, node: str) -> list[str]:
    return [v for _, v, rel in G.out_edges(node, data="relation") if rel == CITES]


def nodes_of_kind(G: Graph, kind: str) -> list[str]:
    """Node ids of one kind (``claim``, ``reference``, ``work``), in insertion order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def uncited_claims(G: Graph) -> list[str]:
    """Check-worthy claims that cite nothing (no ``cites`` edge of any origin)."""
    return [n for n in nodes_of_kind(G, "claim") if G.nodes[n]["check_worthy"] and not _cites_out(G, n)]


def uncited_references(G: Graph) -> list[str]:
    """Listed references that no claim cites."""
    return [n for n in nodes_of_kind(G, "reference") if G.nodes[n]["listed"] and _cites_in(G, n) == 0]


def unlisted_citations(G: Graph) -> list[str]:
    """Reference nodes that are cited but have no entry in the list."""
    return [n for n in nodes_of_kind(G, "reference") if not G.nodes[n]["listed"]]


def citing_claims(G: Graph, ref_node: str) -> list[str]:
    """Claims that cite a reference node, in document order."""
    claims = [u for u, _, rel in G.in_edges(ref_node, data="relation") if rel == CITES]
    return sorted(claims, key=lambda n: G.nodes[n]["start"])


def unsupported_claims(G: Graph) -> list[str]:
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


def retracted_works(G: Graph) -> list[str]:
    """Work nodes whose record (or a notice's) says they were retracted, in insertion order."""
    return [n for n in nodes_of_kind(G, "work") if G.nodes[n].get("update_status") == "retracted"]


def notices_of(G: Graph, work_node: str) -> list[str]:
    """The notice nodes that update ``work_node`` (retractions, concerns, corrections)."""
    return [u for u, _, rel in G.in_edges(work_node, data="relation") if rel == UPDATES]


def reference_status_counts(G: Graph) -> dict[str, int]:
    """How many listed references ended in each status."""
    counts = {s.value: 0 for s in Status}
    for n in nodes_of_kind(G, "reference"):
        status = G.nodes[n].get("status")
        if G.nodes[n]["listed"] and status:
            counts[status] += 1
    return counts


def to_node_link(G: Graph) -> dict[str, Any]:
    """The graph as node-link JSON data (``networkx.node_link_data``, ``edges="links"``)."""
    import networkx as nx

    return nx.node_link_data(as_networkx(G), edges="links")


Attrs = dict[str, Any]
Edges = Iterator[tuple[Any, ...]]


class NodeView(Mapping[Hashable, Attrs]):
    """``G.nodes``: a mapping of node to its attribute dict, callable as ``G.nodes(data=...)``."""

    __slots__ = ("_node",)

    def __init__(self, node: dict[Hashable, Attrs]) -> None:
        self._node = node

    def __getitem__(self, n: Hashable) -> Attrs:
        return self._node[n]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, n: object) -> bool:
        return n in self._node

    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator[Any]:
        if data is False:
            return iter(self._node)
        if data is True:
            return iter(self._node.items())
        return ((n, d.get(data, default)) for n, d in self._node.items())


class EdgeView:
    """``G.edges``: ``G.edges[u, v]`` is the edge's attribute dict; iterating gives ``(u, v)``."""

    __slots__ = ("_edges",)

    def __init__(self, edges: dict[tuple[Hashable, Hashable], Attrs]) -> None:
        self._edges = edges

    def __getitem__(self, uv: tuple[Hashable, Hashable]) -> Attrs:
        return self._edges[uv]

    def __iter__(self) -> Iterator[tuple[Hashable, Hashable]]:
        return iter(self._edges)

    def __len__(self) -> int:
        return len(self._edges)


class AuditGraph:
    """A directed graph with one edge per ordered pair, as ``networkx.DiGraph`` keeps it."""

    def __init__(self) -> None:
        self.graph: Attrs = {}
        self._node: dict[Hashable, Attrs] = {}
        self._succ: dict[Hashable, dict[Hashable, Attrs]] = {}
        self._pred: dict[Hashable, dict[Hashable, Attrs]] = {}
        self._edges: dict[tuple[Hashable, Hashable], Attrs] = {}  # in insertion order

    def __contains__(self, n: object) -> bool:
        try:
            return n in self._node
        except TypeError:
            return False

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    @property
    def nodes(self) -> NodeView:
        return NodeView(self._node)

    @property
    def edges(self) -> EdgeView:
        return EdgeView(self._edges)

    def number_of_nodes(self) -> int:
        return len(self._node)

    def number_of_edges(self) -> int:
        return len(self._edges)

    def add_node(self, n: Hashable, **attr: Any) -> None:
        if n not in self._node:
            self._node[n] = {}
            self._succ[n] = {}
            self._pred[n] = {}
        self._node[n].update(attr)

    def add_edge(self, u: Hashable, v: Hashable, **attr: Any) -> None:
        for n in (u, v):
            if n not in self._node:
                self.add_node(n)
        data = self._succ[u].get(v)
        if data is None:
            data = self._succ[u][v] = self._pred[v][u] = self._edges[u, v] = {}
        data.update(attr)

    def has_edge(self, u: Hashable, v: Hashable) -> bool:
        return (u, v) in self._edges

    def get_edge_data(self, u: Hashable, v: Hashable, default: Any = None) -> Any:
        return self._edges.get((u, v), default)

    def successors(self, n: Hashable) -> Iterator[Hashable]:
        return iter(self._succ[n])

    def predecessors(self, n: Hashable) -> Iterator[Hashable]:
        return iter(self._pred[n])

    def out_edges(self, n: Hashable, data: bool | str = False, default: Any = None) -> Edges:
        """Edges leaving ``n`` (none when ``n`` is not a node), as ``networkx`` gives them."""
        nbrs = self._succ.get(n, {}) if n in self else {}
        return _edges_of(((n, v, d) for v, d in nbrs.items()), data, default)

    def in_edges(self, n: Hashable, data: bool | str = False, default: Any = None) -> Edges:
        """Edges into ``n`` (none when ``n`` is not a node), as ``networkx`` gives them."""
        nbrs = self._pred.get(n, {}) if n in self else {}
        return _edges_of(((u, n, d) for u, d in nbrs.items()), data, default)

    def to_networkx(self) -> nx.DiGraph:
        """The same graph as a ``networkx.DiGraph``: nodes, then edges, each in insertion order."""
        import networkx as nx

        G = nx.DiGraph()
        G.graph.update(self.graph)
        G.add_nodes_from(self._node.items())
        G.add_edges_from((u, v, d) for (u, v), d in self._edges.items())
        return G


def _edges_of(triples: Iterator[tuple[Any, Any, Attrs]], data: bool | str, default: Any) -> Edges:
    if data is False:
        return ((u, v) for u, v, _ in triples)
    if data is True:
        return triples
    return ((u, v, d.get(data, default)) for u, v, d in triples)


def as_networkx(G: Any) -> nx.DiGraph:
    """``G`` as a ``networkx.DiGraph`` (an :class:`AuditGraph` converted, anything else as it is)."""
    return G.to_networkx() if isinstance(G, AuditGraph) else G
