"""Property tests (hypothesis) over the readers, reference splitting and reference files.

For any text: no exception but ClaimcheckError; every span lies inside the text; every reference
has exactly one status. (Markers and claims have their own property suite.)
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.errors import ClaimcheckError
from claimcheck.read.decode import decode_text
from claimcheck.read.load import load_source, read_article
from claimcheck.read.references.files import read_reference_file
from claimcheck.read.references.parse import parse_reference_list

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that make reference-list-like and HTML-like text, mixed with arbitrary text.
_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "References\n",
        "1. ",
        "[2] ",
        "(1000) ",
        "999. ",
        "Doe J, Roe A. ",
        "A trial of ketamine. ",
        "J Med. 2020;1:2-3. ",
        "doi:10.1000/xyz ",
        "https://doi.org/10.1000/ABC ",
        "PMID: 123456 ",
        "<ol start='3'>",
        "<li>",
        "</li>",
        "</ol>",
        "<p>",
        "<sup>1</sup>",
        "[^1]: ",
        "# Heading\n",
        "et al. ",
        "1,2,3",
        "\u00a0",
        "\ufffd",
        "“",
    ]
)
ARTICLE_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join)


def _read(text: str):
    try:
        return read_article(load_source(io.StringIO(text)))
    except ClaimcheckError:
        return None


@FAST
@given(ARTICLE_TEXT)
def test_readers_raise_only_claimcheck_errors_and_keep_spans_inside(text):
    result = _read(text)
    if result is None:
        return
    article, refs = result
    n = len(article.text)
    for block in article.blocks:
        assert 0 <= block.start <= block.end <= n
    if article.references_span is not None:
        assert 0 <= article.references_span[0] <= article.references_span[1] <= n
    for ref in refs:
        assert 0 <= ref.start <= ref.end <= n


@FAST
@given(ARTICLE_TEXT, st.integers(min_value=0, max_value=50))
def test_reference_splitting_keeps_spans_inside_the_section(section, offset):
    refs = parse_reference_list(section, offset=offset)
    for ref in refs:
        assert offset <= ref.start <= ref.end <= offset + len(section)


@FAST
@given(ARTICLE_TEXT)
def test_every_reference_has_exactly_one_status(text):
    try:
        report = claimcheck.audit(text=text, resolver=claimcheck.OfflineResolver(), pubmed=False)
    except ClaimcheckError:
        return
    for i, ref in enumerate(report.references):  # each entry's key (number, else -position) has one
        key = ref.number if ref.number is not None else -(i + 1)
        assert report.resolutions[key].status in claimcheck.Status
    assert set(report.resolutions) == {
        r.number if r.number is not None else -(i + 1) for i, r in enumerate(report.references)
    }


_FILE_PIECES = st.sampled_from(
    [
        "@article{a, title={A trial}, author={Doe, J}, year={2020}, doi={10.1000/x}}\n",
        "@article{b, title={",
        "}",
        "TY  - JOUR\n",
        "TI  - A trial\n",
        "ER  - \n",
        '[{"id": "1", "title": "A trial", "citation-number": "99999999999"}]',
        '{"items": [',
        "[",
        "]",
        '{"id": 2}',
        "1. Doe J. A trial. J Med. 2020.\n",
    ]
)
FILE_TEXT = st.lists(st.one_of(_FILE_PIECES, st.text(max_size=15)), max_size=25).map("".join)


@FAST
@given(text=FILE_TEXT, name=st.sampled_from(["refs.bib", "refs.ris", "refs.json", "refs.txt"]))
def test_reference_files_raise_only_claimcheck_errors(tmp_path_factory, text, name):
    path = tmp_path_factory.mktemp("refs") / name
    path.write_text(text, encoding="utf-8")
    try:
        ref_file = read_reference_file(path)
    except ClaimcheckError:
        return
    for ref in ref_file.references:
        assert ref.number is None or ref.number >= 0


@FAST
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_claimcheck_error(data):
    try:
        text, notes = decode_text(data, "<bytes>")
    except ClaimcheckError:
        return
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
    if notes == ():
        assert data.decode("utf-8-sig") == text  # no note means nothing was guessed or replaced
