"""Reference files: BibTeX, RIS and CSL-JSON give the same references as the typed list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import claimcheck
from claimcheck.errors import InputError, UnsupportedFormat
from claimcheck.read.references.files import parse_bibtex, parse_csl_json, parse_ris, read_reference_file
from claimcheck.registry.resolve import OfflineResolver

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"
FILES = {
    "bibtex": FORMATS / "ketamine-at-home.bib",
    "ris": FORMATS / "ketamine-at-home.ris",
    "csl-json": FORMATS / "ketamine-at-home.json",
}


def _fields(refs):
    return [
        (
            r.number,
            r.authors,
            r.et_al,
            r.title,
            r.container,
            r.year,
            r.volume,
            r.issue,
            r.pages,
            r.doi,
            r.accessed,
        )
        for r in refs
    ]


@pytest.fixture(scope="module")
def typed() -> tuple[claimcheck.Reference, ...]:
    return claimcheck.parse(SEED)[1]


@pytest.fixture
def body(tmp_path: Path) -> Path:
    """The seed article without its reference list."""
    text = SEED.read_text(encoding="utf-8").split("\n\n\n1. Hassan")[0] + "\n"
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_a_reference_file_gives_the_typed_list(typed, fmt):
    ref_file = read_reference_file(FILES[fmt])
    assert ref_file.format == fmt
    assert _fields(ref_file.references) == _fields(typed)
    assert all(not r.problems for r in ref_file.references)
    text = FILES[fmt].read_text(encoding="utf-8")
    assert all(text[r.start : r.end] == r.raw for r in ref_file.references)


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_audit_with_a_reference_file_finds_what_the_typed_list_finds(body, fmt):
    plain = claimcheck.audit(SEED, resolver=OfflineResolver())
    report = claimcheck.audit(body, references=FILES[fmt], resolver=OfflineResolver())
    assert report.article.references_source == str(FILES[fmt])
    assert report.article.references_format == fmt

    def findings(r):
        return sorted((f.code, f.claim_id, f.reference_number) for f in r.findings)

    assert findings(report) == findings(plain)


def test_pmids_from_ris_notes_and_csl(typed):
    assert read_reference_file(FILES["ris"]).references[3].pmid == "31579314"
    assert read_reference_file(FILES["csl-json"]).references[3].pmid == "31579314"


def test_malformed_bibtex_entries_are_findings_not_crashes(body, tmp_path):
    bib = tmp_path / "broken.bib"
    bib.write_text(
        FILES["bibtex"]
        .read_text(encoding="utf-8")
        .replace(
            "therapeutic trends, challenges, and future directions},",
            "therapeutic trends,",
        ),
        encoding="utf-8",
    )
    refs = read_reference_file(bib).references
    assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6]
    assert refs[1].problems and "line 12" in refs[1].problems[0] and "malformed" in refs[1].problems[0]
    assert refs[2].title and refs[2].title.startswith("The Prevalence")
    report = claimcheck.audit(body, references=bib, resolver=OfflineResolver())
    [unparsed] = report.filter(code="reference-unparsed")
    assert unparsed.reference_number == 2 and "malformed" in unparsed.message
    assert not report.filter(code="citation-not-in-list")


def test_bibtex_failed_block_at_the_end_and_latex(capsys):
    refs = parse_bibtex(
        '@article{a, author={M{\\"u}ller, J{\\"o}rg and {World Health Organization}},'
        " title={{COVID}-19 and {\\'e}tudes --- a review}, year={2020a}}\n"
        "@article{b, title = {never closed"
    )
    assert refs[0].authors == ("Müller J", "World Health Organization")
    assert refs[0].title == "COVID-19 and études — a review" and refs[0].year == 2020
    assert refs[1].number == 2 and refs[1].problems
    assert capsys.readouterr().err == ""  # bibtexparser's log line is not printed


def test_numeric_keys_and_citation_numbers_number_entries():
    bib = parse_bibtex("@article{ref3, title={Third}}\n@article{ref1, title={First}}")
    assert [(r.number, r.title) for r in bib] == [(3, "Third"), (1, "First")]
    csl = parse_csl_json(
        '[{"id": "x", "citation-number": 2, "title": "B"}, {"id": "y", "citation-number": 1, "title": "A"}]'
    )
    assert [(r.number, r.title) for r in csl] == [(2, "B"), (1, "A")]
    mixed = parse_bibtex("@article{ref3, title={Third}}\n@article{smith, title={First}}")
    assert [r.number for r in mixed] == [1, 2]


def test_ris_records_cut_short_or_not_opened_keep_what_they_have():
    refs = parse_ris("TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\nPY  - 2020\n")
    assert [(r.number, r.title) for r in refs] == [(1, "One"), (2, "Two")]
    assert "without an ER line" in refs[0].problems[0] and "end of the file" in refs[1].problems[0]
    [orphan] = parse_ris("TI - Orphan title\nPY - 2020\nER -\n")
    assert orphan.title == "Orphan title" and "does not start with TY" in orphan.problems[0]


def test_entries_without_titles_are_problems():
    [ref] = parse_csl_json(
        '{"id": "1", "author": [{"family": "Doe", "given": "J"}], "issued": {"raw": "2020"}}'
    )
    assert ref.year == 2020 and ref.problems == ("the entry has no title",)
    [empty] = parse_bibtex("@misc{x, note={nothing}}")
    assert empty.problems == ("the entry has no author, title, year or identifier",)


def test_invalid_json_and_missing_files_are_input_errors(tmp_path):
    bad = tmp_path / "refs.json"
    bad.write_text('[{"title": "A",}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"refs\.json:1: is not valid JSON"):
        read_reference_file(bad)
    with pytest.raises(InputError, match="no such reference file"):
        read_reference_file(tmp_path / "nope.bib")
    with pytest.raises(UnsupportedFormat):
        read_reference_file(FILES["bibtex"], format="endnote")
    with pytest.raises(InputError, match="no CSL-JSON items"):
        parse_csl_json('"just a string"')


def test_format_from_content_and_open_files(tmp_path, typed):
    unknown = tmp_path / "export.refs"
    unknown.write_bytes(FILES["ris"].read_bytes())
    assert read_reference_file(unknown).format == "ris"
    with FILES["bibtex"].open(encoding="utf-8") as handle:
        assert _fields(read_reference_file(handle).references) == _fields(typed)
    typed_list = io.StringIO(SEED.read_text(encoding="utf-8").split("\n\n\n", 1)[1])
    ref_file = read_reference_file(typed_list)
    assert ref_file.format == "text" and _fields(ref_file.references) == _fields(typed)
