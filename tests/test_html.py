"""HTML pages: body without boilerplate, <sup> markers, <ol> reference lists, identifiers in links."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import BlockKind, Reference
from claimcheck.read.html import read_html
from claimcheck.read.load import load_source
from claimcheck.read.markers import find_markers
from claimcheck.read.references.links import link_identifiers, same_link_key, with_link_identifiers
from claimcheck.registry.resolve import OfflineResolver

PAGE = Path(__file__).resolve().parent / "fixtures" / "formats" / "ketamine-at-home.html"


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def _claims(html: str) -> list[tuple[str, tuple[int, ...]]]:
    report = claimcheck.audit(html, resolver=OfflineResolver(), checks=())
    return [(c.text, c.citations) for c in report.claims]


def test_boilerplate_is_dropped_and_the_article_kept():
    article, refs = read_html(PAGE.read_text(encoding="utf-8"), source=str(PAGE))
    text = article.text
    for boiler in ("cookies", "Share on Twitter", "Subscribe", "newsletter", "Related", "©", "dataLayer"):
        assert boiler not in text
    assert "Medically reviewed" not in text  # the article's own header (byline) is boilerplate too
    assert article.format == "html" and article.source == str(PAGE)
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings[0] == "Is At-home Ketamine Safe and Effective?" and headings[-1] == "References"
    assert all(article.text[b.start : b.end] == b.text for b in article.blocks)
    assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6]


def test_main_is_preferred_over_the_page_around_it():
    html = _page(
        "<div class='top'><p>Research shows 90% of sites have menus.</p></div>"
        "<main><p>Ketamine helps.</p></main>"
    )
    article, _ = read_html(html)
    assert [b.text for b in article.blocks] == ["Ketamine helps."]


def test_sup_markers_linked_or_not_become_markers():
    html = _page(
        "<p>Ketamine works.<sup><a href='#r1'>1</a></sup> It lasts weeks.<sup>2,3</sup> "
        "Up to 30%<sup>4</sup> respond. Some include<sup>5</sup>: many. "
        "Wiki style.<sup class='reference'><a href='#cite_note-6'>[6]</a></sup>"
        "<sup class='reference'><a href='#cite_note-7'>[7]</a></sup></p>"
    )
    article, _ = read_html(html)
    markers = find_markers(article.blocks[0].text)
    assert [m.numbers for m in markers] == [(1,), (2, 3), (4,), (5,), (6, 7)]
    assert "30%[4]" in article.text and "include[5]:" in article.text  # pasted form not readable
    assert "works.1 It" in article.text  # pasted form kept where it reads


def test_adjacent_sups_merge_and_exponents_are_not_markers():
    html = _page("<p>It helps.<sup>1</sup><sup>2</sup> Area 3 m<sup>2</sup> and 10<sup>9</sup> cells.</p>")
    article, _ = read_html(html)
    text = article.blocks[0].text
    assert "helps.1,2 Area" in text and "m² and 10⁹ cells" in text
    assert [m.numbers for m in find_markers(text)] == [(1, 2)]


def test_ordered_list_numbers_come_from_list_order_and_start():
    html = _page(
        "<p>A claim.<sup>3</sup></p><h2>Sources</h2><ol start='3'>"
        "<li>Doe J. A trial. J Med. 2020;1:2-3.</li>"
        "<li>Roe K. Another trial of things. BMJ. 2021;2:4.</li></ol>"
    )
    _, refs = read_html(html)
    assert [(r.number, r.authors) for r in refs] == [(3, ("Doe J",)), (4, ("Roe K",))]
    assert refs[0].raw.startswith("3. Doe J")


def test_printed_numbers_in_list_items_win():
    html = _page(
        "<p>Claim.</p><h2>References</h2><ul style='list-style:none'>"
        "<li>[1] Doe J. A trial. J Med. 2020;1:2-3.</li><li>[2] Roe K. Another. BMJ. 2021;2:4.</li></ul>"
    )
    _, refs = read_html(html)
    assert [r.number for r in refs] == [1, 2] and refs[1].raw == "[2] Roe K. Another. BMJ. 2021;2:4."


def test_dois_and_pmids_come_from_links():
    _, refs = read_html(PAGE.read_text(encoding="utf-8"))
    assert refs[1].doi == "10.2147/ppa.s29716"  # only in the href of "Full text"
    assert refs[1].raw.endswith("2012;6:369-388. Full text")
    assert refs[3].pmid == "31579314"


@pytest.mark.parametrize(
    ("href", "doi", "pmid", "pmcid"),
    [
        ("https://doi.org/10.1000/ABC", "10.1000/abc", None, None),
        ("http://dx.doi.org/10.1000%2Fabc", "10.1000/abc", None, None),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/da.22345", "10.1002/da.22345", None, None),
        (
            "https://www.frontiersin.org/articles/10.3389/fpsyt.2022.992624/full",
            "10.3389/fpsyt.2022.992624",
            None,
            None,
        ),
        (
            "https://link.springer.com/content/pdf/10.1007/s00213-019-05324-3.pdf",
            "10.1007/s00213-019-05324-3",
            None,
            None,
        ),
        (
            "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456",
            "10.1371/journal.pone.0123456",
            None,
            None,
        ),
        ("https://pubmed.ncbi.nlm.nih.gov/22879759/", None, "22879759", None),
        ("https://www.ncbi.nlm.nih.gov/pubmed/22879759", None, "22879759", None),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3419356/", None, None, "PMC3419356"),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC3419356/", None, None, "PMC3419356"),
        ("https://www.sciencedirect.com/science/article/pii/S0165032722007649", None, None, None),
    ],
)
def test_link_identifiers(href, doi, pmid, pmcid):
    ids = link_identifiers(href)
    assert (ids.doi, ids.pmid, ids.pmcid) == (doi, pmid, pmcid)


def test_printed_doi_wins_over_a_link():
    ref = Reference(1, "x", doi="10.1000/printed", doi_raw="10.1000/printed")
    assert with_link_identifiers(ref, ("https://doi.org/10.1000/other",)).doi == "10.1000/printed"


def test_same_link_key_ignores_scheme_www_slash_and_tracking():
    a = same_link_key("https://www.cdc.gov/depression/index.html?utm_source=twitter#top")
    assert a == same_link_key("http://cdc.gov/depression/index.html")
    assert same_link_key("https://doi.org/10.1000/X") == same_link_key("http://dx.doi.org/10.1000/x")
    assert same_link_key("https://a.org/p?id=1") != same_link_key("https://a.org/p?id=2")


def test_reference_list_printed_twice_is_read_once():
    entries = "<li>Doe J. A trial. J Med. 2020;1:2-3.</li><li>Roe K. Another. BMJ. 2021;2:4.</li>"
    html = _page(
        f"<article><p>Claim.<sup>1</sup> More.<sup>2</sup></p><h2>References</h2><ol>{entries}</ol></article>"
        f"<div class='print-only'><h2>References</h2><ol class='references'>{entries}</ol></div>"
    )
    article, refs = read_html(html)
    assert [r.number for r in refs] == [1, 2]
    assert article.repeated_references_span is not None
    start, end = article.repeated_references_span
    assert article.text[start:end].startswith("1. Doe J")


def test_paragraph_references_without_a_list_element():
    html = _page(
        "<p>Claim.<sup>1</sup></p><h3>References</h3>"
        "<p>1. Doe J. A trial. J Med. 2020;1:2-3.<br>2. Roe K. Another. BMJ. 2021;2:4.</p>"
    )
    article, refs = read_html(html)
    assert [r.number for r in refs] == [1, 2]
    assert article.blocks[-1].kind is BlockKind.REFERENCES


def test_bare_link_list_gives_urls_and_ids():
    html = _page(
        "<p>Claim.<sup>1</sup> Other.<sup>2</sup></p><h2>References</h2><ol>"
        "<li><a href='https://www.cdc.gov/depression/'>https://www.cdc.gov/depression/</a></li>"
        "<li><a href='https://pubmed.ncbi.nlm.nih.gov/22879759/'>https://pubmed.ncbi.nlm.nih.gov/22879759/</a></li>"
        "</ol>"
    )
    _, refs = read_html(html)
    assert refs[0].url == "https://www.cdc.gov/depression/" and refs[1].pmid == "22879759"


def test_citation_needed_tag_is_kept_as_text():
    html = _page(
        "<p>Half of adults take vitamins.<sup class='noprint Inline-Template Template-Fact'>[<i>"
        "<a href='/wiki/Wikipedia:Citation_needed'>citation needed</a></i>]</sup> Next.</p>"
    )
    article, _ = read_html(html)
    assert "vitamins.[citation needed] Next." in article.text


def test_html_file_string_and_open_file_are_read_as_html(tmp_path):
    html = _page("<p>Ketamine helps.<sup>1</sup></p><h2>References</h2><ol><li>Doe J. T. J. 2020.</li></ol>")
    path = tmp_path / "page.htm"
    path.write_text(html, encoding="utf-8")
    assert load_source(path).format == "html"
    assert load_source(html).format == "html"
    with path.open(encoding="utf-8") as handle:
        report = claimcheck.audit(handle, resolver=OfflineResolver())
    assert report.article.format == "html" and [c.citations for c in report.claims] == [(1,)]


def test_empty_and_text_free_pages_are_input_errors(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("   ", encoding="utf-8")
    with pytest.raises(claimcheck.InputError, match="empty"):
        claimcheck.audit(path, resolver=OfflineResolver())
    assert _claims(_page("<nav><p>Home</p></nav>")) == []


def test_odd_spaces_read_as_one_space_in_ascii_and_unicode_text():
    # Tab, CR/LF, vertical tab and form feed (ASCII), no-break, zero-width and BOM (not \s to re).
    page = _page("<p>Ketamine\t\r\n\x0b\x0chelps\u00a0some\u200bpatients\ufeffat home.</p>")
    article, _ = read_html(page)
    assert [b.text for b in article.blocks] == ["Ketamine helps some patients at home."]
