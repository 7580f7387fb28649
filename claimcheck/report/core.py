"""The audit's result: sorted findings, counts, and renderings.

``Report.to_json()`` follows this schema (``"schema": "claimcheck-report/1"``)::

    {
      "schema": "claimcheck-report/1",
      "tool": {"name": "claimcheck", "version": "0.1.0"},
      "source": {"origin": "refs/ketamine-at-home.txt", "format": "text"},
      "summary": {"claims": 58, "cited_claims": 15, "uncited_check_worthy": 2,
                  "references": 6, "findings": {"error": 0, "warning": 3, "info": 6},
                  "reference_status": {"resolved": 0, "not_found": 0, "invalid_doi": 0,
                                       "no_identifier": 1, "unchecked": 5}},
      "claims": [{"id": 1, "text": "...", "start": 0, "end": 134,
                  "citations": [1], "origin": "marker", "check_worthy": true,
                  "reasons": ["..."], "notes": [], "markers": [{"raw": "1", "start": 282, "end": 283,
                  "numbers": [1], "style": "trailing"}]}],
      "references": [{"number": 1, "text": "...", "start": 0, "end": 0, "authors": ["..."],
                      "title": "...", "container": "...", "year": 2022, "volume": "13",
                      "issue": null, "pages": null, "doi": "10.3389/fpsyt.2022.992624",
                      "pmid": null, "url": null, "status": "unchecked",
                      "status_reason": "offline", "registered_title": null}],
      "findings": [{"code": "uncited-claim", "severity": "warning", "message": "...",
                    "claim_id": 3, "reference_number": null, "start": 10, "end": 90,
                    "detail": {}}]
    }

``start``/``end`` are character offsets into the article text (half-open).
Findings are sorted most severe first, then by position in the article.
"""

from __future__ import annotations

import html
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from claimcheck.graph import AuditGraph, reference_status_counts, to_node_link
from claimcheck.model import Article, Claim, Finding, Reference, Resolution, Severity, Status, clip

if TYPE_CHECKING:
    import networkx as nx

    from claimcheck.graph import Graph
    from claimcheck.report.htmlkit import HtmlView

SCHEMA = "claimcheck-report/1"


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most severe first, then in reading order, then by code."""
    far = 1 << 62
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                f.severity.rank,
                f.start if f.start is not None else far,
                f.reference_number if f.reference_number is not None else far,
                f.code,
            ),
        )
    )


class _NetworkxOnRead:
    """``Report.graph``: kept as given; an :class:`~claimcheck.graph.AuditGraph` (what the audit
    builds) becomes a ``networkx.DiGraph`` the first time it is read, so an audit whose report
    is only printed never imports networkx."""

    KEY = "_graph_value"

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        G = obj.__dict__.get(self.KEY)
        if G is None or isinstance(G, AuditGraph):
            G = (G or AuditGraph()).to_networkx()
            obj.__dict__[self.KEY] = G
        return G

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.KEY] = None if value is self else value


_GRAPH_ON_READ = _NetworkxOnRead()


@dataclass(frozen=True, repr=False)
class Report:
    """What ``claimcheck.audit()`` returns.

    >>> import claimcheck
    >>> report = claimcheck.audit("1. Smith J. A title. J Med. 2020;1:1-2.\\n", offline=True)
    >>> report.counts()["error"]
    0
    """

    article: Article
    claims: tuple[Claim, ...]
    references: tuple[Reference, ...]
    findings: tuple[Finding, ...]
    resolutions: Mapping[int, Resolution] = field(default_factory=dict)
    #: A ``networkx.DiGraph``; an :class:`~claimcheck.graph.AuditGraph` given here is converted when read.
    graph: nx.DiGraph = field(default=cast(Any, _GRAPH_ON_READ), repr=False)

    def __post_init__(self) -> None:
        # Tuples that show as tables in a notebook (claimcheck.report.views); still equal to plain tuples.
        from claimcheck.report.views import Claims, Findings, References

        object.__setattr__(self, "claims", Claims(self.claims))
        object.__setattr__(self, "references", References(self.references))
        object.__setattr__(self, "findings", Findings(self.findings))

    @property
    def source(self) -> str | None:
        """Where the article came from (path, URL or ``<string>``)."""
        return self.article.source

    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present (``{"error": 0, ...}``)."""
        counted = Counter(f.severity.value for f in self.findings)
        return {s.value: counted.get(s.value, 0) for s in Severity}

    def by_code(self) -> dict[str, int]:
        """Findings per code, most frequent first."""
        return dict(Counter(f.code for f in self.findings).most_common())

    def filter(self, *, code: str | None = None, severity: str | Severity | None = None) -> list[Finding]:
        """Findings with this code and/or at least this severity."""
        out = list(self.findings)
        if code is not None:
            out = [f for f in out if f.code == code]
        if severity is not None:
            limit = Severity.parse(severity).rank
            out = [f for f in out if f.severity.rank <= limit]
        return out

    def status(self, number: int) -> Resolution | None:
        """The resolution of reference ``number``, when resolution ran."""
        return self.resolutions.get(number)

    def reference_status(self) -> dict[str, int]:
        """How many references ended in each status."""
        return reference_status_counts(self._graph_as_given())

    def _graph_as_given(self) -> Graph:
        """The graph without converting it: the queries work on either kind."""
        G = self.__dict__.get(_NetworkxOnRead.KEY)
        return self.graph if G is None else cast("Graph", G)

    def worst_severity(self) -> Severity | None:
        """The most severe finding's severity, or None when there are no findings."""
        return min((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    # -- serialisation -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (see the module docstring for the schema)."""
        from claimcheck.settings import VERSION as __version__

        return {
            "schema": SCHEMA,
            "tool": {"name": "claimcheck", "version": __version__},
            "source": self._source(),
            "summary": self._summary(),
            "claims": [_claim_dict(c) for c in self.claims],
            "references": [self._reference_dict(r) for r in self.references],
            "findings": [_finding_dict(f) for f in self.findings],
        }

    def _source(self) -> dict[str, Any]:
        source: dict[str, Any] = {
            "origin": self.article.source,
            "format": self.article.format,
            "read": self.article.reading,
        }
        if self.article.notes:
            source["notes"] = list(self.article.notes)
        return source

    def _summary(self) -> dict[str, Any]:
        uncited = sum(1 for f in self.findings if f.code == "uncited-claim")
        return {
            "claims": len(self.claims),
            "cited_claims": sum(1 for c in self.claims if c.citations),
            "uncited_check_worthy": uncited,
            "references": len(self.references),
            "findings": self.counts(),
            "reference_status": self.reference_status(),
        }

    def _reference_dict(self, ref: Reference) -> dict[str, Any]:
        res = self.resolutions.get(ref.number) if ref.number is not None else None
        return {
            "number": ref.number,
            "text": ref.raw,
            "start": ref.start,
            "end": ref.end,
            "authors": list(ref.authors),
            "title": ref.title,
            "container": ref.container,
            "year": ref.year,
            "volume": ref.volume,
            "issue": ref.issue,
            "pages": ref.pages,
            "doi": ref.doi or ref.doi_raw,
            "pmid": ref.pmid,
            "url": ref.url,
            "status": res.status.value if res else None,
            "status_reason": res.reason if res else None,
            "registered_title": res.work.title if res and res.work else None,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as a JSON string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def graph_json(self) -> dict[str, Any]:
        """The graph as node-link JSON data."""
        return to_node_link(self._graph_as_given())

    def to_text(self) -> str:
        """A plain-text rendering for terminals."""
        lines = [self._headline(), ""]
        if self.article.reading:
            lines[1:1] = [f"Read: {self.article.reading}"]
        if self.article.notes:
            lines += [*(f"Source note: {note}" for note in self.article.notes), ""]
        for f in self.findings:
            where = _where(f)
            lines.append(f"{f.severity.value.upper():7} {f.code:28} {where:12} {f.message}")
        lines += ["", "References:"]
        for ref in self.references:
            lines.append(f"  [{ref.number}] {self._status_text(ref):28} {clip(ref.title or ref.raw, 70)}")
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """A Markdown rendering (findings table and reference table)."""
        out = [f"# claimcheck audit of {_md(self.article.source or 'article')}", "", self._headline(), ""]
        if self.article.notes:
            out += [*(f"> Source note: {_md(note)}" for note in self.article.notes), ""]
        out += ["| severity | code | where | message |", "| --- | --- | --- | --- |"]
        for f in self.findings:
            out.append(f"| {f.severity.value} | `{f.code}` | {_md(_where(f))} | {_md(f.message)} |")
        out += ["", "## References", "", "| # | status | DOI | title |", "| --- | --- | --- | --- |"]
        for ref in self.references:
            doi = ref.doi or ref.doi_raw or ""
            status, title = _md(self._status_text(ref)), _md(ref.title or ref.raw)
            out.append(f"| {ref.number} | {status} | {_md(doi)} | {title} |")
        return "\n".join(out) + "\n"

    def _status_text(self, ref: Reference) -> str:
        res = self.resolutions.get(ref.number) if ref.number is not None else None
        if res is None:
            return "not resolved"
        if res.status is Status.UNCHECKED and res.reason:
            return f"unchecked ({res.reason})"
        return res.status.value

    def _headline(self) -> str:
        c = self.counts()
        return (
            f"{len(self.claims)} claims, {len(self.references)} references, "
            f"{len(self.findings)} findings: {c['error']} error, {c['warning']} warning, {c['info']} info"
        )

    def __repr__(self) -> str:
        c = self.counts()
        counts = f"{c['error']} error, {c['warning']} warning, {c['info']} info"
        return f"<Report {len(self.findings)} findings: {counts}>"

    # -- notebook views (claimcheck.report.render, annotate, frames, draw, graphio) --------------------
    def _repr_html_(self) -> str:
        from claimcheck.report.render import report_html

        return report_html(self)

    def annotated(self) -> HtmlView:
        """The article with claims highlighted by state and findings beside the text.

        Returns an :class:`~claimcheck.report.htmlkit.HtmlView` that a notebook shows;
        ``str()`` of it is the HTML. See :mod:`claimcheck.report.annotate`.

        >>> import claimcheck
        >>> claimcheck.audit("Ketamine cured 90% of patients.\\n", offline=True, store=False).annotated()
        <AnnotatedArticle 1 claims: 1 uncited>
        """
        from claimcheck.report.annotate import annotated_html, claim_states
        from claimcheck.report.htmlkit import HtmlView

        counted = Counter(s.value for s in claim_states(self).values() if s.value != "plain")
        states = ", ".join(f"{n} {state}" for state, n in sorted(counted.items())) or "none highlighted"
        return HtmlView(annotated_html(self), f"<AnnotatedArticle {len(self.claims)} claims: {states}>")

    def claim_states(self) -> dict[int, str]:
        """Each claim's state by id (see :mod:`claimcheck.report.annotate`).

        One of ``supported``, ``weak``, ``unassessed``, ``uncited``, ``flagged``, ``plain``.
        """
        from claimcheck.report.annotate import claim_states

        return {cid: state.value for cid, state in claim_states(self).items()}

    def to_html(self, path: str | os.PathLike[str] | None = None, *, title: str | None = None) -> str:
        """The report as one self-contained HTML page (see :func:`claimcheck.report.render.page`).

        Written to ``path`` (UTF-8) when given; the HTML is returned either way.
        """
        from claimcheck.report.render import page

        text = page(self, title=title)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_dataframe(self, kind: str = "findings") -> Any:
        """One table as a pandas DataFrame: ``"findings"``, ``"claims"`` or ``"references"``.

        pandas comes with the ``notebook`` extra; see :mod:`claimcheck.report.frames` for the columns.
        """
        from claimcheck.report.frames import to_dataframe

        return to_dataframe(self, kind)

    def draw(self, *, ax: Any = None, all_claims: bool = False, title: str | None = None) -> Any:
        """Draw the graph with matplotlib, claims and references coloured by state; returns the Axes.

        matplotlib comes with the ``notebook`` extra; see :mod:`claimcheck.report.draw`.
        """
        from claimcheck.report.draw import draw

        return draw(self.graph, states=self.claim_states(), ax=ax, all_claims=all_claims, title=title)

    def to_graphml(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as GraphML, attributes made scalar (see :mod:`claimcheck.report.graphio`)."""
        from claimcheck.report.graphio import to_graphml

        return to_graphml(self.graph, path)


def _claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "citations": [int(n) for n in c.citations],
        "origin": c.origin.value if c.origin else None,
        "check_worthy": c.check_worthy,
        "reasons": list(c.reasons),
        "notes": list(c.notes),
        "markers": [
            {"raw": m.raw, "start": m.start, "end": m.end, "numbers": list(m.numbers), "style": m.style}
            for m in c.markers
        ],
    }


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "claim_id": f.claim_id,
        "reference_number": f.reference_number,
        "start": f.start,
        "end": f.end,
        "detail": dict(f.detail),
    }


def _where(f: Finding) -> str:
    parts = []
    if f.claim_id is not None:
        parts.append(f"claim {f.claim_id}")
    if f.reference_number is not None:
        parts.append(f"ref {f.reference_number}")
    return ", ".join(parts) or "article"


def _md(text: str) -> str:
    """One table cell: one line, ``|`` escaped, and markup as entities (Markdown renders inline HTML).

    >>> _md("a <img src=x onerror=alert(1)> | b")
    'a &lt;img src=x onerror=alert(1)&gt; \\\\| b'
    """
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")
