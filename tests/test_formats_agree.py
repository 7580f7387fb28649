"""The seed article as plain text, Markdown and an HTML page gives the same claims, markers and findings.

The renderings in tests/fixtures/formats/ were made for these tests from refs/ketamine-at-home.txt:
the Markdown one uses ``[^N]`` footnotes (``include[^5]:``, ``months.[^1][^2][^3][^4]``), a body
link and a footnote whose DOI is a link; the HTML one wraps the article in a page with a cookie
banner, navigation, header, share buttons, a related-articles aside, a newsletter form and a
footer, marks citations with ``<sup>`` (linked and not, ``[4]`` Wikipedia style, four adjacent
``<sup>``s, ``include<sup>5</sup>:``), and lists the references in an ``<ol>``, one DOI only in a
"Full text" link.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import Claim
from claimcheck.registry.resolve import OfflineResolver

ROOT = Path(__file__).resolve().parent
SEED = ROOT.parent / "refs" / "ketamine-at-home.txt"
RENDERINGS = {
    "markdown": ROOT / "fixtures" / "formats" / "ketamine-at-home.md",
    "html": ROOT / "fixtures" / "formats" / "ketamine-at-home.html",
}


def _words(claim: Claim) -> str:
    """The claim's words: markers, Markdown link markup and spacing aside."""
    text = claim.text
    for marker in sorted(claim.markers, key=lambda m: -m.start):
        if claim.start <= marker.start and marker.end <= claim.end:
            text = text[: marker.start - claim.start] + " " + text[marker.end - claim.start :]
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r" ([.,;:!?])", r"\1", " ".join(text.split()))


@pytest.fixture(scope="module")
def plain() -> claimcheck.Report:
    return claimcheck.audit(SEED, resolver=OfflineResolver())


@pytest.fixture(scope="module", params=sorted(RENDERINGS))
def rendered(request: pytest.FixtureRequest) -> claimcheck.Report:
    return claimcheck.audit(RENDERINGS[request.param], resolver=OfflineResolver())


def test_format_is_detected(rendered):
    assert rendered.article.format in RENDERINGS
    assert rendered.article.source == str(RENDERINGS[rendered.article.format])


def test_same_claims(plain, rendered):
    assert [_words(c) for c in rendered.claims] == [_words(c) for c in plain.claims]
    assert len(plain.claims) == 47


def test_same_markers_per_claim(plain, rendered):
    def numbers(report):  # "[^1][^2]" is two markers where "1,2" is one: compare the numbers
        return [tuple(n for m in c.markers for n in m.numbers) for c in report.claims]

    assert numbers(rendered) == numbers(plain)
    assert [c.citations for c in rendered.claims] == [c.citations for c in plain.claims]
    assert [c.origin for c in rendered.claims] == [c.origin for c in plain.claims]


def test_same_findings(plain, rendered):
    def findings(report):
        return sorted((f.code, f.claim_id, f.reference_number) for f in report.findings)

    assert findings(rendered) == findings(plain)
    assert findings(plain)  # the seed has findings to agree on


def test_same_references(plain, rendered):
    def refs(report):
        return [(r.number, r.authors, r.title, r.container, r.year, r.doi) for r in report.references]

    assert refs(rendered) == refs(plain)


def test_spans_index_each_article(rendered):
    text = rendered.article.text
    assert all(text[c.start : c.end] == c.text for c in rendered.claims)
    assert all(text[m.start : m.end] == m.raw for c in rendered.claims for m in c.markers)
    assert all(text[r.start : r.end] == r.raw for r in rendered.references)
