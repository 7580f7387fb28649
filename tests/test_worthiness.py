"""The shipped citation-worthiness model: it loads, and judges fixed sentences as trained."""

from __future__ import annotations

import json

import pytest

from claimcheck.read import worthiness
from claimcheck.read.article import parse_article
from claimcheck.read.claims import cue_kinds, extract_claims
from claimcheck.read.worthiness import Context, features, judge, section_family

INTRO = Context("Introduction", False, 0.1)
RESULTS = Context("Results", False, 0.5)


def test_shipped_model_loads_and_is_small() -> None:
    data = json.loads(worthiness.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < data["threshold"] < 1.0
    assert 100 < len(data["weights"]) < 50_000
    assert worthiness.MODEL_PATH.stat().st_size < 1_000_000


def test_evidential_passive_needs_a_source_anywhere() -> None:
    for context in (INTRO, RESULTS):
        verdict = judge("Ketamine has been shown to reduce symptoms.", context)
        assert verdict.needs_source
        assert verdict.probability > 0.85


def test_generic_statement_about_a_drug_needs_a_source_in_the_introduction() -> None:
    text = "Pharmacologically, ketamine is classified as an NMDA receptor antagonist."
    assert cue_kinds(text) == set()  # no cue: the model alone decides
    intro, results = judge(text, INTRO), judge(text, RESULTS)
    assert intro.needs_source and not results.needs_source
    assert intro.probability > results.probability
    assert "model: names a drug, disease, gene or receptor" in intro.reasons


def test_first_person_results_do_not_need_a_source() -> None:
    verdict = judge("We found that ketamine reduced symptoms in 12 of 20 patients (Fig 2).", RESULTS)
    assert not verdict.needs_source
    assert verdict.probability < 0.4


def test_research_report_cue_overrides_the_model() -> None:
    text = "Research shows that sleep matters."
    verdict = judge(text, RESULTS, cue_kinds(text))
    assert verdict.needs_source


def test_reasons_are_readable() -> None:
    verdict = judge("Ketamine has been shown to reduce symptoms in most patients.", INTRO)
    assert verdict.reasons and all(r.startswith("model: ") for r in verdict.reasons)
    assert not any("'and'" in r or "'the'" in r or "cue" in r for r in verdict.reasons)


def test_features_name_what_an_editor_sees() -> None:
    got = features("We measured 5 mg/kg doses (Fig 2).", RESULTS)
    assert {"own work", "figure or table", "number with unit", "section: results"} <= set(got)
    assert section_family("Materials and Methods") == "methods"
    assert section_family(None) is None


@pytest.mark.parametrize("heading", ["Introduction", "Results"])
def test_claims_see_the_heading_above_them(heading: str) -> None:
    text = (
        f"Title\n\n{heading}\n\nKetamine is old. "
        "Pharmacologically, ketamine is classified as an NMDA receptor antagonist.\n\n"
        + "Other words follow here. "
        * 100
    )
    claim = extract_claims(parse_article(text))[1]
    assert claim.text.startswith("Pharmacologically")
    assert claim.check_worthy is (heading == "Introduction")


def test_questions_are_never_check_worthy() -> None:
    (claim,) = extract_claims(parse_article("Has ketamine been shown to reduce symptoms?"))
    assert claim.check_worthy is False and claim.reasons == ()
