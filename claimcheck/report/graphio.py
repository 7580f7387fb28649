"""The audit graph in files: GraphML (Gephi, Cytoscape, yEd) and node-link JSON.

GraphML holds only scalar attributes, so :func:`graphml_ready` turns lists and
mappings into JSON text and drops ``None`` values; node-link JSON keeps every
attribute as it is (see :func:`claimcheck.graph.to_node_link`).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("claim:1", kind="claim", reasons=["a statistic"], support=None)
>>> dict(graphml_ready(G).nodes["claim:1"])
{'kind': 'claim', 'reasons': '["a statistic"]'}
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from claimcheck.graph import to_node_link

__all__ = ["graphml_ready", "to_graphml", "to_node_link_json"]


def _scalar(value: Any) -> Any:
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return json.dumps(items, ensure_ascii=False, default=str)
    if isinstance(value, Mapping):
        return json.dumps(dict(value), ensure_ascii=False, default=str, sort_keys=True)
    return str(value)


def _clean(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): _scalar(v) for k, v in attrs.items() if v is not None}


def graphml_ready(G: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``G`` with only scalar attributes: lists and mappings as JSON text, no ``None``.

    Parameters
    ----------
    G:
        The audit graph (``report.graph``) or any graph with string node ids.

    Returns
    -------
    networkx.DiGraph
        A new graph; ``G`` is left as it is.
    """
    H = G.__class__()
    H.graph.update(_clean(G.graph))
    H.add_nodes_from((n, _clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, _clean(d)) for u, v, d in G.edges(data=True))
    return H


def to_graphml(G: nx.DiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML (UTF-8) to ``path``, attributes made scalar; returns the path.

    >>> import tempfile, networkx as nx
    >>> G = nx.DiGraph([("claim:1", "ref:1")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = to_graphml(G, f"{tmp}/audit.graphml")
    ...     sorted(nx.read_graphml(path).nodes)
    ['claim:1', 'ref:1']
    """
    out = Path(path)
    nx.write_graphml(graphml_ready(G), out, encoding="utf-8")
    return out


def to_node_link_json(G: nx.DiGraph, path: str | os.PathLike[str] | None = None, *, indent: int = 2) -> str:
    """``G`` as node-link JSON text (``edges="links"``); also written to ``path`` when given.

    >>> import networkx as nx
    >>> '"links"' in to_node_link_json(nx.DiGraph([("claim:1", "ref:1")]))
    True
    """
    text = json.dumps(to_node_link(G), indent=indent, ensure_ascii=False, default=str)
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text
