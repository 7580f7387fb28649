"""Property tests: for any text, markers and claims keep their spans inside it, and every
claim's citations come from its own markers (or from the claim it inherits them from)."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.model import CitationOrigin
from claimcheck.read.article import parse_article
from claimcheck.read.claims import extract_claims
from claimcheck.read.markers import find_markers, fit_markers, mask_markers

# Pieces that make markers, near-markers and the structure around them likely.
_TOKENS = [
    "It works",
    " helps",
    "patients",
    " adults",
    "column",
    "CD4",
    "H2O",
    "COVID-19",
    "5-HT2A",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "1",
    "2",
    "3",
    "12",
    "1999",
    "2,3",
    "4–6",
    "[1]",
    "[2]–[7]",
    "[1, 3]",
    "(1)",
    "(2)",
    "(ii)",
    "(5)",
    "(18-65)",
    "”",
    "“",
    "'",
    "(PHQ-9)",
    "<sup>1</sup>",
    "<sup>",
    "</sup>",
    "¹",
    "²³",
    "%",
    "mg",
    "(Smith et al., 2020)",
    "(Lee and Park, 2018)",
    "References",
    "1. Doe J. A trial. J Med. 2020;1:2-3.",
    "- ",
    "• ",
    "[^1]",
    "[^1]: Doe J. 2019.",
    "[citation needed]",
    "(",
    ")",
    "[",
    "]",
    "—",
    "-",
]
texts = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join),
    st.text(alphabet=st.sampled_from(list('ab A.,;:()[]-–1234567890 \n"”%¹²<>/sup^')), max_size=200),
)
_SETTINGS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(texts, st.integers(min_value=0, max_value=10_000))
def test_markers_stay_inside_any_text(text: str, offset: int) -> None:
    markers = find_markers(text, offset)
    previous_end = offset
    for m in markers:
        assert offset <= m.start < m.end <= offset + len(text)
        assert text[m.start - offset : m.end - offset] == m.raw
        assert m.start >= previous_end  # in order, never overlapping
        assert m.numbers and all(1 <= n <= 999 for n in m.numbers)
        previous_end = m.end
    kept, dropped = fit_markers(text, markers, offset)
    assert kept == markers and dropped == ()
    assert len(mask_markers(text, markers, offset)) == len(text)


@_SETTINGS
@given(texts)
def test_claims_cite_only_their_markers(text: str) -> None:
    if not text.strip():
        return
    article, refs = claimcheck.parse(io.StringIO(text))
    claims = extract_claims(article, refs)
    by_id = {c.id: c for c in claims}
    for c in claims:
        assert 0 <= c.start <= c.end <= len(article.text)
        assert article.text[c.start : c.end] == c.text
        for m in c.markers:
            assert 0 <= m.start < m.end <= len(article.text)
            assert article.text[m.start : m.end] == m.raw
        own = tuple(dict.fromkeys(n for m in c.markers for n in m.numbers))
        if c.origin is CitationOrigin.MARKER:
            assert c.citations == own
        elif c.origin in (CitationOrigin.INHERITED, CitationOrigin.CARRIED):
            assert c.inherited_from in by_id
            assert c.citations == by_id[c.inherited_from].citations
        else:
            assert c.citations == () and c.markers == ()


@_SETTINGS
@given(texts)
def test_plain_text_reading_never_raises(text: str) -> None:
    extract_claims(parse_article(text))


def test_a_marker_opening_a_block_before_a_lead_in_does_not_crash() -> None:
    """PDF text puts a marker at the start of a block ("(16). To date ...:"): it used to raise."""
    article = parse_article("It may lower the response\n\n(16). To date, nothing was examined:\n\n- one item")
    claims = extract_claims(article)
    assert [c.citations for c in claims] == [(), (16,), (16,)]
    assert claims[1].markers[0].raw == "(16)"
