"""work_from_crossref over recorded Crossref messages (tests/fixtures/crossref) and inline ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck.model import Author, Update
from claimcheck.registry.resolve import MemoryResolver
from claimcheck.registry.works import full_title, normalise_update_type, work_from_crossref

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"


def recorded(name: str) -> dict[str, Any]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data["message"] if "message-type" in data else data


def test_journal_article_fields() -> None:
    message = recorded("works/10.1002_jor.1100150407.json")
    work = work_from_crossref(message)
    assert work.doi == "10.1002/jor.1100150407"
    assert work.title == (
        "Growth hormone secretagogue increases muscle strength during remobilization "
        "after canine hindlimb immobilization"
    )
    assert work.container == "Journal of Orthopaedic Research"
    assert (work.volume, work.issue, work.pages) == ("15", "4", "519-527")
    assert work.type == "journal-article"
    assert work.years == (1997, 2005)  # print 1997, online 2005
    assert work.year == 1997
    assert work.authors[0] == Author(family="Lieber", given="Richard L.", sequence="first")
    assert len(work.authors) == 12
    assert work.raw is message
    assert work.agency == "crossref"


def test_article_number_without_pages_and_raw_jats_abstract() -> None:
    work = work_from_crossref(recorded("works/10.1038_srep16696.json"))
    assert work.article_number == "16696"
    assert work.pages is None
    assert work.short_container == "Sci Rep"
    assert work.abstract is not None and work.abstract.startswith("<jats:title>Abstract</jats:title><jats:p>")


def test_title_markup_removed_but_words_kept() -> None:
    work = work_from_crossref(recorded("registries/audit_crossref_interleaved_collective.json"))
    assert work.title == (
        "Relationship between ABO Blood Group Alleles and Pancreatic Cancer Is Modulated by "
        "Secretor (FUT2) Genotype, but Not Lewis Antigen (FUT3) Genotype"
    )
    organisations = [a.name for a in work.authors if a.name]
    assert organisations == [
        "for the Pancreatic Cancer Cohort Consortium (PanScan)",
        "for the Pancreatic Cancer Case–Control Consortium (PanC4)",
    ]


def test_main_title_first_and_subtitle_joined_only_on_request() -> None:
    work = work_from_crossref(recorded("works/10.1007_s00120-007-1345-2.json"))
    assert work.title == "Penisverletzung durch eine Moulinette"
    assert (
        full_title(work)
        == "Penisverletzung durch eine Moulinette: Folge einer autoerotischen Selbstverstümmelung"
    )


@pytest.mark.parametrize(
    ("title", "subtitle", "expected"),
    [
        ("Why?", "A study", "Why? A study"),
        ("Main: sub", "sub", "Main: sub"),
        ("Main", "", "Main"),
        (None, "Only sub", "Only sub"),
    ],
)
def test_full_title_joins_sensibly(title: str | None, subtitle: str, expected: str) -> None:
    message = {"DOI": "10.1/x", "title": [title] if title else [], "subtitle": [subtitle]}
    assert full_title(work_from_crossref(message)) == expected


def test_retraction_watch_updates() -> None:
    work = work_from_crossref(recorded("registries/compare_crossref_wakefield_retracted.json"))
    assert (
        Update(
            type="retraction",
            doi="10.1016/s0140-6736(10)60175-4",
            date="2010-02-06",
            source="retraction-watch",
            label="Retraction",
        )
        in work.updated_by
    )
    notice = work_from_crossref(recorded("registries/compare_crossref_wakefield_notice.json"))
    assert [u.type for u in notice.update_to] == ["retraction"]
    assert notice.update_to[0].doi == "10.1016/s0140-6736(97)11096-0"


def test_expression_of_concern_and_partial_retraction() -> None:
    concern = work_from_crossref(recorded("registries/compare_crossref_expression_of_concern.json"))
    assert {(u.type, u.source) for u in concern.updated_by} == {
        ("expression_of_concern", "retraction-watch"),
        ("expression_of_concern", "publisher"),
    }
    partial = work_from_crossref(recorded("registries/compare_crossref_partial_retraction.json"))
    assert [u.type for u in partial.updated_by] == ["partial_retraction"]


def test_update_without_date_time_uses_date_parts() -> None:
    message = {
        "DOI": "10.1/x",
        "updated-by": [{"type": "Correction", "DOI": "10.1/C", "updated": {"date-parts": [[2020, 3]]}}],
    }
    (update,) = work_from_crossref(message).updated_by
    assert update == Update(type="correction", doi="10.1/c", date="2020-03")


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("retraction", "retraction"),
        ("Expression of Concern", "expression_of_concern"),
        ("expression-of-concern", "expression_of_concern"),
        ("partial_retraction", "partial_retraction"),
        ("Retracted", "retraction"),
        ("new_version", "new_version"),
    ],
)
def test_normalise_update_type(raw: str, slug: str) -> None:
    assert normalise_update_type(raw) == slug


def test_sparse_and_odd_messages() -> None:
    work = work_from_crossref(
        {"DOI": " 10.1/ABC ", "issued": {"date-parts": [[None]]}, "volume": 7, "title": "Plain"}
    )
    assert (work.doi, work.years, work.volume, work.title, work.authors) == ("10.1/abc", (), "7", "Plain", ())
    with pytest.raises(ValueError, match="DOI"):
        work_from_crossref({"title": ["No DOI"]})


def test_every_recorded_record_converts() -> None:
    files = sorted((FIXTURES / "works").glob("*.json")) + sorted((FIXTURES / "registries").glob("*.json"))
    items = [recorded(str(p.relative_to(FIXTURES))) for p in files]
    for path in sorted((FIXTURES / "lists").glob("*.json")):
        items += json.loads(path.read_text(encoding="utf-8"))["message"]["items"]
    works = [work_from_crossref(m) for m in items]
    assert len(works) > 100
    assert all(w.doi == w.doi.lower() and w.raw for w in works)
    assert all("<" not in (w.title or "") for w in works)


def test_memory_resolver_uses_it() -> None:
    body = json.loads((FIXTURES / "works/10.1038_srep16696.json").read_text(encoding="utf-8"))
    answer = MemoryResolver([body]).resolve(["10.1038/SREP16696"])["10.1038/SREP16696"]
    assert answer.work is not None and answer.work.article_number == "16696"
