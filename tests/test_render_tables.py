"""The notebook tables cell by cell, on hand-built claims and references (expected HTML written out)."""

from __future__ import annotations

from claimcheck.model import BlockKind, CitationOrigin, Claim, Reference
from claimcheck.report.render import claims_table, references_table

HEAD = "<thead><tr>{}</tr></thead>"


def cols(*names: str) -> str:
    return HEAD.format("".join(f'<th scope="col">{n}</th>' for n in names))


def table(html: str) -> str:
    """The table itself, without the stylesheet before it."""
    return html[html.index("<table") :]


def test_claims_table_says_what_each_claim_cites_and_why_it_is_check_worthy():
    claims = [
        Claim(1, "Ketamine cured 90% of patients.", 0, 30, 0, BlockKind.PARAGRAPH, citations=(1, 2),
              origin=CitationOrigin.MARKER, check_worthy=True, reasons=("statistic", "outcome")),
        Claim(2, "It was sunny.", 31, 44, 0, BlockKind.PARAGRAPH),
        Claim(3, "x" * 250, 45, 300, 0, BlockKind.PARAGRAPH, check_worthy=True),
        Claim(4, "Inherited.", 301, 311, 0, BlockKind.PARAGRAPH, origin=CitationOrigin.INHERITED),
    ]  # fmt: skip
    assert table(claims_table(claims)) == (
        '<table class="cc-claims"><caption>Claims (4)</caption>'
        + cols("claim", "cites", "check-worthy", "text")
        + "<tbody>"
        "<tr><td>1</td><td>1, 2 <span class='cc-muted'>(marker)</span></td>"
        "<td>yes: statistic; outcome</td>"
        "<td>Ketamine cured 90% of patients.</td></tr>"
        "<tr><td>2</td><td>—</td><td>no</td><td>It was sunny.</td></tr>"
        f"<tr><td>3</td><td>—</td><td>yes</td><td>{'x' * 199}…</td></tr>"
        # an origin without citations is not shown
        "<tr><td>4</td><td>—</td><td>no</td><td>Inherited.</td></tr>"
        "</tbody></table></div>"
    )


def test_references_table_links_dois_and_lists_problems():
    refs = [
        Reference(1, "1. A. T. 2020.", title="A title", container="Lancet", year=2020, doi="10.1/a"),
        Reference(2, "2. B. 2021. doi:10.1000.x", doi_raw="10.1000.x", doi_problem="a dot for a slash",
                  problems=("no title could be read",)),
        Reference(3, "3. C."),
    ]  # fmt: skip
    assert table(references_table(refs)) == (
        '<table class="cc-references"><caption>References (3)</caption>'
        + cols("#", "title", "container", "year", "DOI", "problems")
        + "<tbody>"
        "<tr><td>1</td><td>A title</td><td>Lancet</td><td>2020</td>"
        '<td><a href="https://doi.org/10.1/a" rel="noreferrer">10.1/a</a></td><td></td></tr>'
        "<tr><td>2</td><td>2. B. 2021. doi:10.1000.x</td><td></td><td></td><td>10.1000.x</td>"
        "<td>a dot for a slash; no title could be read</td></tr>"
        "<tr><td>3</td><td>3. C.</td><td></td><td></td><td>—</td><td></td></tr>"
        "</tbody></table></div>"
    )


def test_the_seed_report_header_counts_references_by_status():
    from notebookfixtures import seed_report

    report = seed_report()
    html = report._repr_html_()
    # the seed lists six entries: five DOIs (offline: unchecked) and one with no identifier
    assert (
        "<strong>6 references: "
        '<span class="cc-badge cc-status-none">0 resolved</span> '
        '<span class="cc-badge cc-status-none">0 not found</span> '
        '<span class="cc-badge cc-status-unchecked">5 unchecked</span> '
        '<span class="cc-badge cc-status-no_identifier">1 without a usable DOI</span></strong>'
    ) in html
    cited = [c for c in report.claims if c.citations]
    assert 0 < len(cited) < len(report.claims)
    assert f"<li>{len(report.claims)} claims, {len(cited)} cited</li>" in html
    assert '<span class="cc-badge cc-severity-none">0 error</span>' in html  # no errors: greyed
    assert "<li>source: <code>" in html and "<li>citation style: numeric</li>" in html

    page = report.to_html()
    assert '<section id="references"><h2>References</h2>' in page
    assert "<h2>Findings</h2>" in page and '<caption class="cc-hidden">Reference list</caption>' in page
    assert page.endswith("it is neither right nor wrong.</p></footer></main></body></html>\n")
    # claims citing a reference are listed beside it, and the article's markers link to its row
    assert 'href="#cc-ref-1"' in page and '<tr id="cc-ref-1">' in page


def test_the_bibliography_report_header_colours_each_status():
    from notebookfixtures import bibliography_report

    # the bibliography's records: four registered DOIs, one DOI nobody registered
    html = bibliography_report()._repr_html_()
    assert (
        "<strong>5 references: "
        '<span class="cc-badge cc-status-resolved">4 resolved</span> '
        '<span class="cc-badge cc-status-not_found">1 not found</span> '
        '<span class="cc-badge cc-status-none">0 unchecked</span> '
        '<span class="cc-badge cc-status-none">0 without a usable DOI</span></strong>'
    ) in html
    assert '<th scope="col">severity</th><th scope="col">code</th><th scope="col">claim</th>' in html
    assert '<span class="cc-badge cc-severity-error">error</span>' in html


def test_the_header_says_how_the_article_was_read_and_where_its_references_came_from():
    import dataclasses

    from notebookfixtures import handmade_report

    report = handmade_report()
    article = dataclasses.replace(report.article, reading="pdfplumber text", references_source="refs.bib")
    html = dataclasses.replace(report, article=article)._repr_html_()
    assert "<li>read: pdfplumber text</li>" in html
    assert "<li>references from: <code>refs.bib</code></li>" in html
