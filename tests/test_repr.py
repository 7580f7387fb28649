"""Every public type shows itself in one short line; reports and collections also as HTML tables."""

from __future__ import annotations

import re

import pytest
from notebookfixtures import bibliography_report, handmade_report

import claimcheck
from claimcheck.model import BlockKind, Finding, Severity
from claimcheck.report.views import Claims, Findings, References


@pytest.fixture(scope="module")
def bib() -> claimcheck.Report:
    return bibliography_report()


def _one_line(text: str, type_name: str) -> None:
    assert "\n" not in text and len(text) <= 120, text
    assert re.fullmatch(rf"<{type_name}( .*)?>", text), text


def test_repr_shapes() -> None:
    report = handmade_report()
    claim, ref, res = report.claims[0], report.references[0], report.resolutions[1]
    work = res.work
    assert work is not None
    shapes = {
        "Report": (report, "<Report 2 findings: 0 error, 1 warning, 1 info>"),
        "Finding": (report.findings[0], "<Finding warning uncited-claim (claim 2)>"),
        "Claim": (claim, "<Claim 1 cites [1] 'Ketamine eased depression in a week.'>"),
        "Reference": (ref, "<Reference 1 doi:10.1000/k1 'Ketamine'>"),
        "Marker": (claim.markers[0], "<Marker '1' 37:38 -> [1]>"),
        "Article": (report.article, "<Article text 92 chars, 3 blocks, with references>"),
        "Block": (report.article.blocks[1], "<Block 1 paragraph 40:63 'Most patients relapsed.'>"),
        "Work": (work, "<Work doi:10.1000/k1 'Ketamine for depression: a trial'>"),
        "Resolution": (res, "<Resolution doi:10.1000/k1 resolved>"),
        "Findings": (report.findings, "<Findings 2: 0 error, 1 warning, 1 info>"),
        "Claims": (report.claims, "<Claims 2: 1 cited, 1 check-worthy uncited>"),
        "References": (report.references, "<References 1: 1 with a DOI, 0 without identifier>"),
        "AnnotatedArticle": (report.annotated(), "<AnnotatedArticle 2 claims: 1 unassessed, 1 uncited>"),
    }
    for value, expected in shapes.values():
        assert repr(value) == expected


def test_reprs_of_a_real_audit_are_one_short_line(bib: claimcheck.Report) -> None:
    work = bib.resolutions[1].work
    values = {
        "Report": bib,
        "Finding": bib.findings[0],
        "Claim": bib.claims[0],
        "Reference": bib.references[3],
        "Marker": bib.claims[0].markers[0],
        "Article": bib.article,
        "Block": bib.article.blocks[0],
        "Work": work,
        "Resolution": bib.resolutions[1],
        "Findings": bib.findings,
        "Claims": bib.claims,
        "References": bib.references,
        "AnnotatedArticle": bib.annotated(),
    }
    for name, value in values.items():
        _one_line(repr(value), name)


def test_collections_are_still_tuples(bib: claimcheck.Report) -> None:
    assert isinstance(bib.findings, Findings) and isinstance(bib.findings, tuple)
    assert bib.findings == tuple(bib.findings)
    assert isinstance(bib.claims[1:3], Claims) and len(bib.claims[1:3]) == 2
    assert isinstance(bib.references, References)
    assert bib.claims[0].id == 1  # an index gives the item, a slice the collection


def test_report_html_shape() -> None:
    out = handmade_report()._repr_html_()
    skeleton = re.findall(
        r"<(h3|h4|details open|summary|table class=\"[a-z-]+\"|section id=\"[a-z]+\")>", out
    )
    assert skeleton == [
        "h3",
        'section id="findings"',
        "h4",
        "details open",
        "summary",
        'table class="cc-findings"',
        "details open",
        "summary",
        'table class="cc-findings"',
        'section id="references"',
        "h4",
        'table class="cc-references"',
    ]
    assert re.findall(r"<th scope=\"col\">([^<]+)</th>", out)[:5] == [
        "severity",
        "code",
        "claim",
        "reference",
        "message",
    ]


@pytest.mark.parametrize(
    ("collection", "css", "head"),
    [
        ("findings", "cc-findings", ["severity", "code", "where", "message"]),
        ("claims", "cc-claims", ["claim", "cites", "check-worthy", "text"]),
        ("references", "cc-references", ["#", "title", "container", "year", "DOI", "problems"]),
    ],
)
def test_collection_html_shape(bib: claimcheck.Report, collection: str, css: str, head: list[str]) -> None:
    items = getattr(bib, collection)
    out = items._repr_html_()
    assert out.startswith('<div class="claimcheck"><style>') and out.endswith("</table></div>")
    assert f'<table class="{css}"><caption>{collection.capitalize()} ({len(items)})</caption>' in out
    assert re.findall(r"<th scope=\"col\">([^<]+)</th>", out) == head
    assert out.count("<tr>") == len(items) + 1


def test_long_collections_are_cut_and_say_so() -> None:
    many = Findings(Finding("uncited-claim", Severity.WARNING, f"m{i}", claim_id=i) for i in range(300))
    out = many._repr_html_()
    assert out.count("<tr>") == 251 and "… and 50 more" in out


def test_empty_collections() -> None:
    assert repr(Claims()) == "<Claims 0: 0 cited, 0 check-worthy uncited>"
    assert "<tbody></tbody>" in References()._repr_html_()
    assert BlockKind.PARAGRAPH.value == "paragraph"
