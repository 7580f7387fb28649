"""Markdown: headings, lists, footnote references ([^1]), links; format sniffing."""

from __future__ import annotations

import claimcheck
from claimcheck.model import BlockKind
from claimcheck.read.load import load_source, read_article, sniff_format
from claimcheck.read.markers import find_markers
from claimcheck.registry.resolve import OfflineResolver

ARTICLE = """# Ketamine at Home

Ketamine helps many patients.[^1] It may include[^2]:

- Dizziness
- Nausea

## What Studies Show

A [2022 study](https://example.org/study) found it safe for 1247 people.[^1][^2]

[^1]: Hull TD, Malgaroli M, Gazzaley A, et al. At-home, sublingual ketamine telehealth is a safe
    and effective treatment. J Affect Disord. 2022;314:59-67. doi:10.1016/j.jad.2022.07.004
[^2]: Al-Harbi KS. [Treatment-resistant depression: therapeutic trends](https://doi.org/10.2147/PPA.S29716).
    Patient Prefer Adherence. 2012;6:369-388.
"""


def _read(text: str):
    return read_article(load_source(text))


def test_headings_lists_and_footnote_markers():
    article, _ = _read(ARTICLE)
    assert article.format == "markdown"
    kinds = [(b.kind, b.text) for b in article.body_blocks]
    assert kinds[0] == (BlockKind.HEADING, "Ketamine at Home")
    assert (BlockKind.LIST_ITEM, "Dizziness") in kinds
    assert (BlockKind.HEADING, "What Studies Show") in kinds
    markers = [m for b in article.body_blocks for m in find_markers(b.text, b.start)]
    assert [(m.raw, m.numbers) for m in markers] == [
        ("[^1]", (1,)),
        ("[^2]", (2,)),
        ("[^1]", (1,)),
        ("[^2]", (2,)),
    ]


def test_footnote_definitions_are_numbered_entries_with_links_read():
    article, refs = _read(ARTICLE)
    assert [r.number for r in refs] == [1, 2]
    hull, harbi = refs
    assert hull.doi == "10.1016/j.jad.2022.07.004" and hull.authors[0] == "Hull TD"
    assert harbi.doi == "10.2147/ppa.s29716"
    assert harbi.title == "Treatment-resistant depression: therapeutic trends"  # link words kept
    assert article.text[harbi.start : harbi.end] == harbi.raw and harbi.raw.startswith("Al-Harbi KS. [")


def test_footnote_before_a_colon_cites_and_list_items_inherit():
    report = claimcheck.audit(ARTICLE, resolver=OfflineResolver())
    lead = next(c for c in report.claims if c.text.startswith("It may include"))
    assert lead.citations == (2,)
    items = [c for c in report.claims if c.kind is BlockKind.LIST_ITEM]
    assert [c.citations for c in items] == [(2,), (2,)]
    assert not report.filter(code="reference-never-cited")
    assert not report.filter(code="citation-not-in-list")


def test_footnote_definitions_are_not_markers():
    assert find_markers("[^1]: Doe J. A title. 2020.") == ()
    assert [m.numbers for m in find_markers("Text.[^3] More.")] == [(3,)]


def test_numbered_reference_list_under_a_heading_with_links():
    text = (
        "# Title\n\nIt helps.[1]\n\n## References\n\n"
        "1. Doe J. [A trial of ketamine](https://pubmed.ncbi.nlm.nih.gov/123456/). J Med. 2020;1:2-3.\n"
    )
    _, refs = _read(text)
    assert refs[0].number == 1 and refs[0].pmid == "123456" and refs[0].title == "A trial of ketamine"


def test_sniffing_markdown_html_and_text():
    assert sniff_format(ARTICLE) == "markdown"
    assert sniff_format("Title\n\n```\ncode\n```\n") == "markdown"
    assert sniff_format("# A\n\ntext\n\n## B\n\nmore") == "markdown"
    assert sniff_format("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format("<div><p>x</p><p>y</p></div>") == "html"
    assert sniff_format("Ketamine helps. 1\n\n1. Doe J. T. 2020.") == "text"
    assert sniff_format("Costs < 5 dollars and > 2 euros.") == "text"


def test_suffix_wins_over_sniffing(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("# A\n\ntext\n\n## B\n\nmore\n", encoding="utf-8")
    assert load_source(path).format == "text"
    path = tmp_path / "article"  # no suffix: sniffed
    path.write_text(ARTICLE, encoding="utf-8")
    assert load_source(path).format == "markdown"
