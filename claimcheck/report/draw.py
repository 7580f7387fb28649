"""The audit graph as a picture (matplotlib, an optional extra).

Three columns, read left to right like the audit: claims (in reading order,
coloured by state), references (by number, coloured by status) and registered
works (coloured by whether a retraction or concern updates them). Every
colour has a legend entry in words. Claims that cite nothing and are not
check-worthy are left out unless ``all_claims=True``.

>>> import claimcheck
>>> text = "Ketamine cured 90% of patients. 1\\n\\n1. Smith J. A title. J Med. 2020;1:1-2."
>>> report = claimcheck.audit(text, offline=True, store=False)
>>> sorted(layout(report.graph))
['claim:1', 'ref:1']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from claimcheck.graph import CITES, RESOLVES_TO, UPDATES, nodes_of_kind
from claimcheck.optional import import_optional
from claimcheck.report.htmlkit import STATE_COLOURS

__all__ = ["STATUS_COLOURS", "WORK_COLOURS", "draw", "layout"]

#: Reference node colours by resolution status (``None``: not resolved).
STATUS_COLOURS = {
    "resolved": "#2e7d32",
    "not_found": "#b3261e",
    "invalid_doi": "#b3261e",
    "no_identifier": "#d9822b",
    "unchecked": "#9e9e9e",
    None: "#cfcfcf",
}
#: Work node colours by update status.
WORK_COLOURS = {
    "retracted": "#7f0000",
    "partially-retracted": "#b3261e",
    "concern": "#d9822b",
    "corrected": "#5c6bc0",
    "notice": "#9575cd",
    "none": "#1565c0",
}
_STATE_FILL = {state: border for state, (_, border) in STATE_COLOURS.items()} | {"plain": "#e0e0e0"}
_COLUMN = {"claim": 0.0, "reference": 1.0, "work": 2.0}


def _shown_claims(G: nx.DiGraph, all_claims: bool) -> list[str]:
    claims = nodes_of_kind(G, "claim")
    if not all_claims:
        claims = [
            n
            for n in claims
            if G.nodes[n].get("check_worthy")
            or any(rel == CITES for _, _, rel in G.out_edges(n, data="relation"))
        ]
    return sorted(claims, key=lambda n: G.nodes[n].get("start", 0))


def layout(G: nx.DiGraph, *, all_claims: bool = False) -> dict[str, tuple[float, float]]:
    """Positions for :func:`draw`: claims, references and works in three columns, top to bottom.

    Works sit beside the first reference that resolves to them; notices of
    retraction or concern follow the works.
    """
    refs = sorted(nodes_of_kind(G, "reference"), key=lambda n: (G.nodes[n].get("number") or 0, n))
    works: list[str] = []
    for ref in refs:
        for _, w, rel in G.out_edges(ref, data="relation"):
            if rel == RESOLVES_TO and w not in works:
                works.append(w)
    works += [n for n in G if G.nodes[n].get("kind") == "work" and n not in works]
    pos: dict[str, tuple[float, float]] = {}
    for column, nodes in ((0.0, _shown_claims(G, all_claims)), (1.0, refs), (2.0, works)):
        step = 1.0 / max(len(nodes), 1)
        for i, node in enumerate(nodes):
            pos[node] = (column, 1.0 - (i + 0.5) * step)
    return pos


def _label(G: nx.DiGraph, node: str) -> str:
    data = G.nodes[node]
    kind = data.get("kind")
    if kind == "claim":
        return f"C{data.get('id', node.split(':', 1)[-1])}"
    if kind == "reference":
        return f"[{data.get('number')}]"
    text = node.split(":", 1)[-1]
    return text if len(text) <= 22 else text[:21] + "…"


def _colour(G: nx.DiGraph, node: str, states: Mapping[int, str]) -> str:
    data = G.nodes[node]
    kind = data.get("kind")
    if kind == "claim":
        return _STATE_FILL.get(states.get(data.get("id", -1), "plain"), "#e0e0e0")
    if kind == "reference":
        return STATUS_COLOURS.get(data.get("status"), "#cfcfcf")
    return WORK_COLOURS.get(_work_state(data), "#1565c0")


def _work_state(data: Mapping[str, Any]) -> str:
    """``notice`` for a retraction/correction notice, else the work's update status (``none``)."""
    if data.get("is_notice"):
        return "notice"
    return str(data.get("update_status") or "none")


def draw(
    G: nx.DiGraph,
    *,
    states: Mapping[int, str] | None = None,
    ax: Any = None,
    all_claims: bool = False,
    title: str | None = None,
) -> Any:
    """Draw the audit graph with matplotlib and return the Axes.

    Parameters
    ----------
    G:
        The audit graph (``report.graph``).
    states:
        Claim states by claim id (``"supported"``, ``"weak"``, ``"uncited"``,
        ``"flagged"``, ``"unassessed"``, ``"plain"``); :meth:`Report.draw` passes them.
    ax:
        A matplotlib Axes to draw on; by default a new figure sized to the graph.
    all_claims:
        Also draw claims that cite nothing and are not check-worthy.
    title:
        A title for the Axes.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ModuleNotFoundError
        When matplotlib is not installed (the message says how to install it).
    """
    plt = import_optional("matplotlib.pyplot", purpose="Report.draw()")
    patches = import_optional("matplotlib.patches", purpose="Report.draw()")
    states = states or {}
    pos = layout(G, all_claims=all_claims)
    tallest = max((sum(1 for x, _ in pos.values() if x == col) for col in _COLUMN.values()), default=1)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, max(4.0, min(40.0, 0.26 * tallest + 1.5))))
    nodes = list(pos)
    sub = G.subgraph(nodes)
    kinds = {
        CITES: ("#8a8a8a", "solid", "arc3"),
        RESOLVES_TO: ("#1565c0", "solid", "arc3"),
        UPDATES: ("#7f0000", "dashed", "arc3,rad=-0.5"),  # bowed: notices share the works' column
    }
    for relation, (colour, style, shape) in kinds.items():
        edges = [(u, v) for u, v, rel in sub.edges(data="relation") if rel == relation]
        if edges:
            nx.draw_networkx_edges(
                sub,
                pos,
                edgelist=edges,
                ax=ax,
                edge_color=colour,
                style=style,
                connectionstyle=shape,
                arrows=True,
                arrowsize=8,
                width=0.8,
                node_size=260,
            )
    colours = [_colour(G, n, states) for n in nodes]
    nx.draw_networkx_nodes(
        sub,
        pos,
        nodelist=nodes,
        node_color=colours,
        node_size=260,
        ax=ax,
        edgecolors="#333333",
        linewidths=0.6,
    )
    labels = {n: _label(G, n) for n in nodes}
    for node, (x, y) in pos.items():
        ha = "right" if x == 0.0 else "left"
        ax.annotate(
            labels[node],
            (x, y),
            xytext=(-9 if ha == "right" else 9, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=8,
        )
    for x, head in ((0.0, "claims"), (1.0, "references"), (2.0, "works")):
        ax.text(
            x,
            1.02,
            head,
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            transform=ax.get_xaxis_transform(),
        )
    shown_states = sorted(
        {states.get(G.nodes[n].get("id", -1), "plain") for n in nodes if G.nodes[n].get("kind") == "claim"}
    )
    shown_status = {G.nodes[n].get("status") for n in nodes if G.nodes[n].get("kind") == "reference"}
    handles = [
        patches.Patch(facecolor=_STATE_FILL.get(s, "#e0e0e0"), edgecolor="#333", label=f"claim: {s}")
        for s in shown_states
    ]
    handles += [
        patches.Patch(
            facecolor=STATUS_COLOURS.get(s, "#cfcfcf"),
            edgecolor="#333",
            label=f"reference: {s or 'not resolved'}",
        )
        for s in STATUS_COLOURS
        if s in shown_status
    ]
    shown_updates = {_work_state(G.nodes[n]) for n in nodes if G.nodes[n].get("kind") == "work"}
    handles += [
        patches.Patch(facecolor=c, edgecolor="#333", label=f"work: {'registered' if s == 'none' else s}")
        for s, c in WORK_COLOURS.items()
        if s in shown_updates
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_xlim(-0.6, 2.9)
    ax.set_ylim(-0.02, 1.02)
    ax.set_axis_off()
    if title:
        ax.set_title(title, loc="left", fontsize=11, pad=24)
    return ax
