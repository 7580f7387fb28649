"""The HTML views: the notebook report, the annotated article, the standalone page, --format html."""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pytest
from htmlcheck import assert_inert
from notebookfixtures import HOSTILE, bibliography_report, handmade_report, hostile_report, seed_report

import claimcheck
from claimcheck.cli import main
from claimcheck.report import annotate, htmlkit, render
from claimcheck.report import core as report_module
from claimcheck.report.annotate import ClaimState


@pytest.fixture(scope="module")
def bib() -> claimcheck.Report:
    return bibliography_report()


@pytest.fixture(scope="module")
def seed() -> claimcheck.Report:
    return seed_report()


@pytest.mark.parametrize("module", [annotate, htmlkit, render, report_module])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# -- the notebook view of a report ----------------------------------------------------------------


def test_report_html_has_header_findings_by_severity_and_reference_table(bib: claimcheck.Report) -> None:
    out = bib._repr_html_()
    assert out.startswith('<div class="claimcheck cc-report"><style>')
    assert "bibliography-example.txt" in out and "citation style: numeric" in out
    counts = bib.counts()
    assert all(f">{n} {severity}<" in out for severity, n in counts.items())
    assert ">4 resolved<" in out and ">1 not found<" in out and ">0 unchecked<" in out
    errors, warnings = f"<summary>Errors ({counts['error']})</summary>", f"Warnings ({counts['warning']})"
    assert out.index(errors) < out.index(warnings)
    # the finding names its claim's words and links its reference entry
    assert "C2: Video visits are here to stay" in out
    assert '<a href="#cc-ref-4">[4]</a> Construction of a reference material panel' in out
    # the reference table: status in words, a doi.org link, who cites it
    row4 = re.search(r'<tr id="cc-ref-4">.*?</tr>', out)
    assert row4 and "not found" in row4.group() and "C5" in row4.group()
    assert '<a href="https://doi.org/10.2196/22081" rel="noreferrer">10.2196/22081</a>' in out
    # the registered title of [4] differs from the entry's, so the row shows it
    assert_inert(out, "registered: ")


def test_unchecked_references_say_why_and_are_never_shown_as_fine(seed: claimcheck.Report) -> None:
    out = seed._repr_html_()
    assert out.count("unchecked (offline)") == 5
    assert ">0 resolved<" in out and "cc-status-none" in out  # zero counts are greyed, not green
    assert "no identifier (no DOI, PMID, URL or ISBN)" in out


def test_empty_severity_groups_are_left_out() -> None:
    out = handmade_report()._repr_html_()
    assert "<summary>Warnings (1)</summary>" in out and "Errors (" not in out
    assert "Reference 1 &lt;b&gt;x&lt;/b&gt;." in out


def test_a_report_without_findings_says_so() -> None:
    report = claimcheck.audit("The sky was grey.\n", offline=True, store=False)
    assert "<p>No findings.</p>" in report._repr_html_()


# -- the annotated article ------------------------------------------------------------------------


def test_claim_states_of_the_bibliography(bib: claimcheck.Report) -> None:
    states = annotate.claim_states(bib)
    assert states[2] is ClaimState.UNCITED  # "about 40% of adults" cites nothing
    assert states[5] is ClaimState.FLAGGED  # cites reference 4, whose DOI does not exist
    assert states[1] is ClaimState.SUPPORTED
    assert bib.claim_states()[5] == "flagged"


def test_annotated_article_highlights_links_and_explains(bib: claimcheck.Report) -> None:
    view = bib.annotated()
    assert re.fullmatch(r"<AnnotatedArticle 6 claims: (\d+ [a-z]+, )*1 uncited>", repr(view))
    out = str(view)
    assert out == view._repr_html_()
    mark = re.search(r'<mark id="cc-claim-5" class="cc-claim-flagged" title="([^"]*)">(.*?)</mark>', out)
    assert mark, "claim 5 is highlighted as flagged"
    assert "DOI 10.1136/jclinpath-2020-206754 is not registered" in html.unescape(mark.group(1))
    assert '<a href="#cc-aref-4"' in mark.group(2)  # its marker links to the entry
    assert '<sup class="cc-tag">C5&#160;flagged</sup>' in out  # the state in words, not only colour
    assert (
        '<li id="cc-aref-4"><strong>[4]</strong> <span class="cc-badge cc-status-not_found">'
        "not found</span>" in out
    )
    # the finding stands beside its paragraph
    assert re.search(
        r'<aside class="cc-notes"><ol><li><a href="#cc-claim-5">C5</a>.*?doi-not-found|'
        r'<aside class="cc-notes"><ol><li><a href="#cc-claim-5">C5</a>.*?is not registered',
        out,
    )
    assert "<script" not in out


def _visible_text(fragment: str) -> str:
    body = fragment.split('<article class="cc-article">', 1)[1].split("</article>", 1)[0]
    body = re.sub(r'<sup class="cc-tag">.*?</sup>', "", body)
    body = re.sub(r'<aside class="cc-notes">.*?</aside>', "", body, flags=re.S)
    body = re.sub(r"</(?:p|li|h3)>", " ", body)  # blocks are apart; inline tags add nothing
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


@pytest.mark.parametrize("make", [seed_report, bibliography_report, hostile_report])
def test_annotated_article_keeps_every_character_of_the_body(make) -> None:  # type: ignore[no-untyped-def]
    report = make()
    expected = " ".join(" ".join(b.text for b in report.article.body_blocks).split())
    assert _visible_text(str(report.annotated())) == expected


def test_every_marker_number_links_its_entry(seed: claimcheck.Report) -> None:
    out = str(seed.annotated())
    mark = re.search(r'<mark id="cc-claim-47"[^>]*>(.*?)</mark>', out)
    assert mark
    assert re.findall(r'href="#cc-aref-(\d+)"', mark.group(1)) == ["1", "2", "3", "4"]
    # inherited citations (list items under "may include 5:") are highlighted but carry no marker
    assert '<mark id="cc-claim-29" class="cc-claim-unassessed"' in out


# -- the standalone page ----------------------------------------------------------------------------


def test_page_is_one_self_contained_document(bib: claimcheck.Report) -> None:
    page = bib.to_html()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '<section id="findings">' in page and '<section id="article">' in page
    assert '<table class="cc-findings">' in page
    for forbidden in ("<script", "<link", "<iframe", "src=", "@import", "url("):
        assert forbidden not in page.lower()
    urls = re.findall(r"""(?:href|src|action)\s*=\s*["']?([^"' >]+)""", page)
    assert urls and all(u.startswith(("#", "https://doi.org/")) for u in urls), urls
    # the annotated article links to the page's own reference table
    assert 'href="#cc-ref-4"' in page and '<tr id="cc-ref-4">' in page and "cc-aref-" not in page


def test_markup_in_the_article_is_shown_as_text() -> None:
    # parsed, not searched: no element or handler of the article's markup exists in the page
    # (registry text is checked the same way in test_hostile_registry.py)
    report = hostile_report()
    page = report.to_html()
    shown = ("<script>document.title='PWNED'", "<img src=x onerror=\"document.title='PWNED'\">")
    assert_inert(page, *shown, "A <b>bold</b> title")
    assert_inert(report._repr_html_(), "A <b>bold</b> title")
    assert_inert(str(report.annotated()), *shown)
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;" in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;PWNED&#x27;&quot;&gt;" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; title" in page
    assert "<title>claimcheck audit: &lt;string&gt;</title>" in page


def test_to_html_writes_the_page(tmp_path: Path, bib: claimcheck.Report) -> None:
    target = tmp_path / "audit.html"
    text = bib.to_html(target, title="Audit <draft>")
    assert target.read_text(encoding="utf-8") == text
    assert "<title>Audit &lt;draft&gt;</title>" in text


def test_cli_format_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "audit.html"
    assert main(["audit", str(article), "--offline", "--no-store", "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert main(["audit", str(article), "--offline", "--no-store", "--format", "html"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == page.rstrip("\n")
