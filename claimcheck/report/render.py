"""The report in HTML: the notebook view, collection tables and the standalone page.

- :func:`report_html`: what a notebook shows for a ``Report`` (header,
  findings grouped by severity, reference table);
- :func:`findings_table`, :func:`claims_table`, :func:`references_table`: what
  it shows for ``report.findings``, ``report.claims`` and ``report.references``;
- :func:`page`: one self-contained HTML document (inline CSS, no scripts, no
  external assets; a Content-Security-Policy forbids both) with the annotated
  article, to save and send to a writer.

Everything taken from the article or a registry is escaped: an article that
contains ``<script>`` shows those characters as text.

>>> import claimcheck
>>> report = claimcheck.audit("Ketamine cured <b>90%</b> of patients.\\n", offline=True, store=False)
>>> "&lt;b&gt;90%&lt;/b&gt;" in page(report), "<b>90%" in page(report)
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimcheck.model import Claim, Finding, Reference, Severity
from claimcheck.report.annotate import article_html, claim_states
from claimcheck.report.htmlkit import badge, clip, doi_link, esc, status_badge, style_block

if TYPE_CHECKING:
    from claimcheck.report.core import Report

__all__ = ["claims_table", "findings_table", "page", "references_table", "report_html"]

#: Longer collections show this many rows and say how many more there are.
MAX_ROWS = 250

_SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}
#: The page forbids scripts, frames, fonts, fetches and remote images: only its own inline CSS runs.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _table(
    caption: str, head: Sequence[str], rows: Sequence[str], css: str, more: int = 0, *, hide: bool = False
) -> str:
    cols = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    note = f'<p class="cc-muted">… and {more} more (see the DataFrame for all).</p>' if more else ""
    cap = f'<caption class="cc-hidden">{caption}</caption>' if hide else f"<caption>{caption}</caption>"
    return (
        f'<table class="{css}">{cap}<thead><tr>{cols}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
    )


def _collection(caption: str, total: int, head: Sequence[str], rows: Sequence[str], css: str) -> str:
    """A collection's table, styled on its own, saying how many rows were left out."""
    table = _table(esc(f"{caption} ({total})"), head, rows, css, max(0, total - MAX_ROWS))
    return f'<div class="claimcheck">{style_block()}{table}</div>'


def _where(f: Finding, anchor: str | None) -> str:
    parts = []
    if f.claim_id is not None:
        parts.append(f"claim {f.claim_id}")
    if f.reference_number is not None:
        ref = f"ref {f.reference_number}"
        parts.append(f'<a href="#{anchor}{f.reference_number}">{ref}</a>' if anchor else ref)
    return ", ".join(parts) or "article"


# -- collections --------------------------------------------------------------------------------


def findings_table(findings: Sequence[Finding], caption: str = "Findings") -> str:
    """A table of findings: severity, code, where, message.

    >>> from claimcheck.model import Finding, Severity
    >>> "<td><code>x-code</code></td>" in findings_table([Finding("x-code", Severity.INFO, "a <b>")])
    True
    """
    rows = [
        f"<tr><td>{badge(f.severity.value, 'severity')}</td><td><code>{esc(f.code)}</code></td>"
        f"<td>{_where(f, None)}</td><td>{esc(f.message)}</td></tr>"
        for f in findings[:MAX_ROWS]
    ]
    return _collection(caption, len(findings), ("severity", "code", "where", "message"), rows, "cc-findings")


def claims_table(claims: Sequence[Claim], caption: str = "Claims") -> str:
    """A table of claims: id, cites, check-worthy (and why), text."""
    rows = []
    for c in claims[:MAX_ROWS]:
        cites = ", ".join(str(n) for n in c.citations) or "—"
        origin = f" <span class='cc-muted'>({esc(c.origin.value)})</span>" if c.origin and c.citations else ""
        worthy = (
            "yes: " + "; ".join(c.reasons)
            if c.check_worthy and c.reasons
            else "yes"
            if c.check_worthy
            else "no"
        )
        rows.append(
            f"<tr><td>{c.id}</td><td>{esc(cites)}{origin}</td><td>{esc(worthy)}</td>"
            f"<td>{esc(clip(c.text, 200))}</td></tr>"
        )
    return _collection(caption, len(claims), ("claim", "cites", "check-worthy", "text"), rows, "cc-claims")


def references_table(references: Sequence[Reference], caption: str = "References") -> str:
    """A table of parsed references: number, title, container, year, DOI, problems."""
    rows = []
    for r in references[:MAX_ROWS]:
        doi = doi_link(r.doi) if r.doi else esc(r.doi_raw or "—")
        problems = "; ".join([*([r.doi_problem] if r.doi_problem else []), *r.problems])
        rows.append(
            f"<tr><td>{esc(r.number)}</td><td>{esc(clip(r.title or r.raw, 160))}</td>"
            f"<td>{esc(r.container)}</td><td>{esc(r.year)}</td><td>{doi}</td><td>{esc(problems)}</td></tr>"
        )
    head = ("#", "title", "container", "year", "DOI", "problems")
    return _collection(caption, len(references), head, rows, "cc-references")


# -- the report ---------------------------------------------------------------------------------


def _header(report: Report, *, level: int) -> str:
    art = report.article
    source = esc(art.source or "<string>")
    facts = [f"<li>source: <code>{source}</code></li>", f"<li>format: {esc(art.format)}</li>"]
    if art.reading:
        facts.append(f"<li>read: {esc(art.reading)}</li>")
    facts.append(f"<li>citation style: {esc(art.style)}</li>")
    if art.references_source:
        facts.append(f"<li>references from: <code>{esc(art.references_source)}</code></li>")
    cited = sum(1 for c in report.claims if c.citations)
    facts.append(f"<li>{len(report.claims)} claims, {cited} cited</li>")
    counts = report.counts()
    severity = " ".join(
        badge(s.value if counts[s.value] else "none", "severity", f"{counts[s.value]} {s.value}")
        for s in Severity
    )
    status = report.reference_status()
    resolved, missing = status.get("resolved", 0), status.get("not_found", 0)
    unchecked = status.get("unchecked", 0)
    others = status.get("invalid_doi", 0) + status.get("no_identifier", 0)
    parts = (
        ("resolved", resolved, "resolved"),
        ("not_found", missing, "not found"),
        ("unchecked", unchecked, "unchecked"),
        ("no_identifier", others, "without a usable DOI"),
    )
    refs = f"{len(report.references)} references: " + " ".join(
        badge(name if n else "none", "status", f"{n} {words}") for name, n, words in parts
    )
    return (
        f"<h{level}>claimcheck audit</h{level}><ul class='cc-meta'>{''.join(facts)}</ul>"
        f"<p class='cc-summary'><strong>{len(report.findings)} findings:</strong> {severity}</p>"
        f"<p class='cc-summary'><strong>{refs}</strong></p>"
    )


def _findings_by_severity(report: Report, *, anchor: str, level: int) -> str:
    claims = {c.id: c for c in report.claims}
    refs = {r.number: r for r in report.references if r.number is not None}
    citing = _citing(report)
    parts = []
    for severity in Severity:
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        rows = []
        for f in group:
            claim = claims.get(f.claim_id) if f.claim_id is not None else None
            ref = refs.get(f.reference_number) if f.reference_number is not None else None
            claim_cell = f"C{claim.id}: {esc(clip(claim.text, 110))}" if claim else "—"
            if claim is None and citing.get(f.reference_number or -1):
                cited = ", ".join(f"C{i}" for i in citing[f.reference_number or -1])
                claim_cell = f"<span class='cc-muted'>cited by {cited}</span>"
            if ref is not None:
                link = f'<a href="#{anchor}{ref.number}">[{ref.number}]</a>'
                ref_cell = f"{link} {esc(clip(ref.title or ref.raw, 70))}"
            else:
                ref_cell = (
                    esc(f"[{f.reference_number}] (no entry)") if f.reference_number is not None else "—"
                )
            rows.append(
                f"<tr><td>{badge(f.severity.value, 'severity')}</td><td><code>{esc(f.code)}</code></td>"
                f"<td>{claim_cell}</td><td>{ref_cell}</td><td>{esc(f.message)}</td></tr>"
            )
        title = f"{_SEVERITY_TITLES[severity]} ({len(group)})"
        head = ("severity", "code", "claim", "reference", "message")
        table = _table(esc(title), head, rows, "cc-findings", hide=True)
        parts.append(f"<details open><summary>{esc(title)}</summary>{table}</details>")
    body = "".join(parts) or "<p>No findings.</p>"
    return f'<section id="findings"><h{level}>Findings</h{level}>{body}</section>'


def _citing(report: Report) -> dict[int, list[int]]:
    """Claim ids by the reference number they cite."""
    citing: dict[int, list[int]] = {}
    for c in report.claims:
        for n in c.citations:
            citing.setdefault(n, []).append(c.id)
    return citing


def _reference_table(report: Report, *, anchor: str, level: int) -> str:
    citing = _citing(report)
    rows = []
    for ref in report.references:
        res = report.resolutions.get(ref.number) if ref.number is not None else None
        status = status_badge(res.status.value, res.reason) if res is not None else status_badge(None)
        doi = doi_link(ref.doi) if ref.doi else esc(ref.doi_raw or "—")
        registered = res.work.title if res is not None and res.work is not None else None
        title = esc(clip(ref.title or ref.raw, 200))
        if registered and _letters(registered) != _letters(ref.title or ""):
            title += f"<br><span class='cc-muted'>registered: {esc(clip(registered, 200))}</span>"
        cited = ", ".join(f"C{i}" for i in citing.get(ref.number or -1, [])) or "never cited"
        ident = f' id="{anchor}{ref.number}"' if ref.number is not None else ""
        rows.append(
            f'<tr{ident}><th scope="row">{esc(ref.number)}</th><td>{status}</td><td>{doi}</td>'
            f"<td>{title}</td><td>{esc(cited)}</td></tr>"
        )
    head = ("#", "status", "DOI", "title", "cited by")
    table = _table("Reference list", head, rows, "cc-references", hide=True)
    return f'<section id="references"><h{level}>References</h{level}>{table}</section>'


def _letters(text: str) -> str:
    """Letters and digits only, case-folded: titles that differ only in quotes or case are the same."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def report_html(report: Report) -> str:
    """The notebook view of a report: header, findings by severity, reference table."""
    return (
        f'<div class="claimcheck cc-report">{style_block()}{_header(report, level=3)}'
        f"{_findings_by_severity(report, anchor='cc-ref-', level=4)}"
        f"{_reference_table(report, anchor='cc-ref-', level=4)}</div>"
    )


def page(report: Report, *, title: str | None = None) -> str:
    """The whole report as one self-contained HTML document.

    Parameters
    ----------
    report:
        An audit's report.
    title:
        The page title; by default ``claimcheck audit: <source>``.

    Returns
    -------
    str
        An HTML5 document: inline CSS, no scripts, no external assets.
    """
    from claimcheck.settings import VERSION as __version__

    heading = title or f"claimcheck audit: {report.article.source or 'article'}"
    states = claim_states(report)
    flagged = sum(1 for s in states.values() if s.value in {"flagged", "uncited"})
    nav = (
        '<nav><p><a href="#findings">Findings</a> · <a href="#article">Annotated article</a> '
        f"({flagged} claims to look at) · <a href='#references'>References</a></p></nav>"
    )
    article = (
        f'<section id="article"><h2>Annotated article</h2>'
        f"{article_html(report, ref_anchor='cc-ref-')}</section>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="generator" content="claimcheck {esc(__version__)}">'
        f"<title>{esc(heading)}</title>"
        "<style>body{margin:1.5em auto;padding:0 1em;max-width:80em;background:#fff}</style>"
        f"{style_block()}</head>\n"
        f'<body><main class="claimcheck cc-page">{_header(report, level=1)}{nav}'
        f"{_findings_by_severity(report, anchor='cc-ref-', level=2)}{article}"
        f"{_reference_table(report, anchor='cc-ref-', level=2)}"
        f"<footer><p class='cc-muted'>Made by claimcheck {esc(__version__)}. "
        "“Unchecked” means the question could not be answered (offline, rate-limited, server error); "
        "it is neither right nor wrong.</p></footer></main></body></html>\n"
    )
