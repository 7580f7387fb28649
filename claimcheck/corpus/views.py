"""A corpus report as rows, DataFrames, a notebook view, a standalone HTML index and text.

Every value from an article (names, titles, DOIs, error messages) is escaped;
the pages carry no scripts and a Content-Security-Policy that forbids them.
Links to an article's own report are relative (``articles/<hash>.html``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimcheck.optional import import_optional
from claimcheck.report.htmlkit import badge, clip, doi_link, esc, status_badge, style_block

if TYPE_CHECKING:
    from claimcheck.corpus.report import CorpusReport

__all__ = ["KINDS", "index_page", "notebook_html", "rows", "text_summary", "to_dataframe"]

KINDS = ("articles", "sources", "flagged", "disagreements", "failures")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def rows(report: CorpusReport, kind: str) -> list[dict[str, Any]]:
    """The table ``kind`` (see :data:`KINDS`) as a list of plain dicts."""
    if kind == "articles":
        return [
            {
                "rank": i,
                "article": r.name,
                "errors_per_1k_words": round(r.risk[0], 3),
                "warnings_per_1k_words": round(r.risk[1], 3),
                "uncited_per_1k_words": round(r.risk[2], 3),
                "errors": r.errors,
                "warnings": r.warnings,
                "uncited": r.uncited,
                "words": r.words,
                "claims": r.claims,
                "references": r.references,
                "report": r.report_file,
            }
            for i, r in enumerate(report.ranked(), 1)
        ]
    if kind == "sources":
        return [
            {"doi": w.doi, "articles": w.articles, "status": w.status, "update": w.update, "title": w.title}
            for w in report.cited_most(None)
        ]
    if kind == "flagged":
        return [
            {
                "article": f.article,
                "reference": f.reference,
                "doi": f.doi,
                "update": f.update,
                "title": f.title,
            }
            for f in report.flagged()
        ]
    if kind == "disagreements":
        return [
            {"doi": d.doi, "field": d.field, "value": value, "articles": list(names)}
            for d in report.disagreements()
            for value, names in d.values
        ]
    if kind == "failures":
        return [{"article": r.name, "error": r.error} for r in report.failures]
    raise ValueError(f"no table {kind!r}; choose one of {', '.join(KINDS)}")


def to_dataframe(report: CorpusReport, kind: str = "articles") -> Any:
    """:func:`rows` as a pandas DataFrame (pandas comes with the ``notebook`` extra)."""
    table = rows(report, kind)
    pd = import_optional("pandas", purpose="CorpusReport.to_dataframe()")
    return pd.DataFrame.from_records(table)


# -- HTML ------------------------------------------------------------------------------------------------


def _article_cell(name: str, report_file: str | None) -> str:
    label = esc(clip(name, 80))
    return f'<a href="{esc(report_file)}">{label}</a>' if report_file else label


def _table(caption: str, head: list[str], body: list[list[str]], empty: str) -> str:
    if not body:
        return f"<h2>{esc(caption)}</h2><p>{esc(empty)}</p>"
    ths = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in body)
    return f"<h2>{esc(caption)}</h2><table><thead><tr>{ths}</tr></thead><tbody>{trs}</tbody></table>"


def _sections(report: CorpusReport, *, limit: int | None) -> str:
    ranked = report.ranked()
    shown = ranked if limit is None else ranked[:limit]
    parts = [
        _table(
            "Articles by risk" + ("" if limit is None or len(ranked) <= limit else f" (top {limit})"),
            ["#", "article", "errors /1k words", "warnings /1k words", "uncited /1k words", "words"],
            [
                [
                    str(i),
                    _article_cell(r.name, r.report_file),
                    f"{r.risk[0]:.2f} ({r.errors})",
                    f"{r.risk[1]:.2f} ({r.warnings})",
                    f"{r.risk[2]:.2f} ({r.uncited})",
                    str(r.words),
                ]
                for i, r in enumerate(shown, 1)
            ],
            "No article was audited.",
        ),
        _table(
            "Articles citing retracted or concerned sources",
            ["article", "reference", "source", "notice"],
            [
                [
                    _article_cell(f.article, f.report_file),
                    esc(f.reference),
                    doi_link(f.doi),
                    badge(f.update, "update") + " " + esc(clip(f.title or "", 70)),
                ]
                for f in report.flagged()
            ],
            "No article cites a source with a retraction or concern notice.",
        ),
        _table(
            "Sources cited most",
            ["source", "articles", "status", "title"],
            [
                [
                    doi_link(w.doi),
                    str(w.articles),
                    status_badge(w.status) + (" " + badge(w.update, "update") if w.update else ""),
                    esc(clip(w.title or "", 80)),
                ]
                for w in report.cited_most(20 if limit is not None else None)
            ],
            "No article cites a DOI.",
        ),
        _table(
            "Shared references that disagree (same DOI, different entries)",
            ["source", "field", "values (articles)"],
            [
                [
                    doi_link(d.doi),
                    esc(d.field),
                    "<br>".join(
                        f"{esc(clip(v, 70))} ({esc(', '.join(clip(n, 40) for n in names[:5]))}"
                        f"{esc(f' and {len(names) - 5} more') if len(names) > 5 else ''})"
                        for v, names in d.values
                    ),
                ]
                for d in report.disagreements()
            ],
            "Articles citing the same DOI agree on its year, title and first author.",
        ),
        _table(
            "Articles that could not be audited",
            ["article", "error"],
            [[esc(r.name), esc(clip(r.error or "", 200))] for r in report.failures],
            "None.",
        ),
    ]
    return "".join(parts)


def _header(report: CorpusReport) -> str:
    s = report.stats
    facts = [f"{len(report)} articles"]
    if s.get("unique") is not None:
        facts.append(f"{s['unique']} distinct")
    for key, label in (
        ("audited", "audited now"),
        ("reused", "from a previous run"),
        ("dois", "unique DOIs"),
    ):
        if s.get(key) is not None:
            facts.append(f"{s[key]} {label}")
    facts.append(f"{len(report.failures)} failed")
    return f"<p>{esc(', '.join(facts))}.</p>"


def index_page(report: CorpusReport, *, title: str) -> str:
    """The standalone index: one page, inline CSS, no scripts, every value escaped."""
    from claimcheck.settings import VERSION as __version__

    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="generator" content="claimcheck {esc(__version__)}">'
        f"<title>{esc(title)}</title>{style_block()}</head>"
        f'<body><main class="claimcheck"><h1>{esc(title)}</h1>{_header(report)}'
        f"{_sections(report, limit=None)}</main></body></html>\n"
    )


def notebook_html(report: CorpusReport) -> str:
    """The notebook view: the same tables, the ranking cut to the top 20."""
    return f'{style_block()}<div class="claimcheck">{_header(report)}{_sections(report, limit=20)}</div>'


def text_summary(report: CorpusReport, *, top: int = 10) -> str:
    """Counts, the riskiest articles, flagged citations and failures, as plain text."""
    s = report.stats
    lines = [
        f"{len(report)} articles ({s.get('unique', '?')} distinct): {s.get('audited', '?')} audited now, "
        f"{s.get('reused', 0)} from a previous run, {len(report.failures)} failed; "
        f"{s.get('dois', '?')} unique DOIs"
    ]
    ranked = report.ranked()
    if ranked:
        lines += [
            "",
            "Riskiest articles (errors, warnings, uncited claims per 1,000 words), "
            f"top {min(top, len(ranked))}:",
        ]
        for i, r in enumerate(ranked[:top], 1):
            e, w, u = r.risk
            lines.append(
                f"{i:>4}. {r.name}  errors {e:.2f}  warnings {w:.2f}  uncited {u:.2f}  ({r.words} words)"
            )
    flagged = report.flagged()
    if flagged:
        lines += ["", "Citing retracted or concerned sources:"]
        lines += [f"  {f.article} [{f.reference}] doi:{f.doi} {f.update}" for f in flagged]
    disagree = report.disagreements()
    if disagree:
        lines += ["", f"Shared references that disagree: {len(disagree)} (see the index or corpus.jsonl)"]
    if report.failures:
        lines += ["", "Could not audit:"]
        lines += [f"  {r.name}: {r.error}" for r in report.failures]
    if report.folder is not None:
        lines += ["", f"Reports: {report.folder / 'index.html'}"]
    return "\n".join(lines) + "\n"
