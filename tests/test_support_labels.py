"""The support labels pinned on fixed claims and sources (not on the threshold constants).

Each case is a claim and a source text whose label was read by a person: moving a
threshold (say "supported" from 0.40 to 0.50 on abstracts) changes one of them.
The scores printed in the failure message help see by how much.
"""

from __future__ import annotations

import pytest

from claimcheck.support.score import label_for, score_support

ABSTRACT = (
    "BACKGROUND: Treatment-resistant depression (TRD) affects about a third of patients with major "
    "depressive disorder (MDD). METHODS: We enrolled 1,247 adults given sublingual ketamine at home. "
    "RESULTS: Depression scores fell in 62.8% of participants; 2 withdrew due to adverse events."
)
TITLE = "Sublingual ketamine at home for treatment-resistant depression: a cohort study"


@pytest.mark.parametrize(
    ("claim", "label"),
    [
        # every topical idea of the claim is in the abstract but "anxiety": supported (score ~0.45)
        ("Ketamine helps depression and anxiety in adults.", "supported"),
        ("Ketamine lifts treatment-resistant depression in veterans with insomnia.", "supported"),
        # half the ideas are missing (veterans, anxiety): weak (~0.33)
        ("Ketamine helps depression and anxiety in veterans.", "weak"),
        # ketamine and depression only, against four missing ideas: still weak (~0.22)
        ("Ketamine helps depression and anxiety in veterans with chronic pain.", "weak"),
        # a claim about bladder damage shares only "ketamine": unrelated (~0.11)
        ("Ketamine causes bladder damage in recreational users over years.", "unrelated"),
        (
            "Ketamine helps depression, anxiety, insomnia and chronic pain in veterans and nurses.",
            "unrelated",
        ),
        (
            "Esketamine nasal spray reduces suicidal ideation in adolescents with bipolar disorder.",
            "unrelated",
        ),
    ],
)
def test_claim_against_an_abstract(claim: str, label: str) -> None:
    a = score_support(claim, None, ABSTRACT)
    assert a.source == "abstract"
    assert a.label == label, f"score {a.score:.3f}"


@pytest.mark.parametrize(
    ("claim", "label"),
    [
        # home, ketamine and adults... against a title naming home ketamine: supported (~0.29)
        ("Home ketamine treatment is safe, with few adverse events among adults.", "supported"),
        ("Ketamine taken at home helps adults with depression.", "supported"),
        # mood, adults, withdrawal and adverse events are not in the title: weak (~0.21)
        ("Ketamine at home improved mood in adults, though some withdrew due to adverse events.", "weak"),
        ("Ketamine causes bladder damage in recreational users over years.", "weak"),
        # no topical word in common with the title: unrelated, whatever the score
        (
            "Esketamine nasal spray reduces suicidal ideation in adolescents with bipolar disorder.",
            "unrelated",
        ),
    ],
)
def test_claim_against_a_title_alone(claim: str, label: str) -> None:
    a = score_support(claim, TITLE)
    assert a.source == "title"
    assert a.label == label, f"score {a.score:.3f}"


@pytest.mark.parametrize(
    ("score", "source", "topical", "label"),
    [
        (0.45, "abstract", True, "supported"),
        (0.40, "abstract", True, "supported"),
        (0.39, "abstract", True, "weak"),
        (0.22, "abstract", True, "weak"),
        (0.21, "abstract", True, "unrelated"),
        (0.30, "abstract", False, "unrelated"),
        (0.45, "abstract", False, "supported"),
        (0.23, "title", True, "supported"),
        (0.22, "title", True, "weak"),
        (0.01, "title", True, "weak"),
        (0.01, "title", False, "unrelated"),
        (0.90, "none", True, "not_assessable"),
    ],
)
def test_label_of_a_fixed_score(score: float, source: str, topical: bool, label: str) -> None:
    assert label_for(score, source, topical_match=topical) == label


def test_an_assessment_as_json_names_what_matched_and_what_did_not() -> None:
    a = score_support("Ketamine helps depression and anxiety in adults.", None, ABSTRACT)
    assert a.to_dict() == {
        "score": round(a.score, 3),
        "label": "supported",
        "source": "abstract",
        "reasons": [
            f"supported ({a.score:.2f}) against the title and abstract",
            "matched: ketamine, depression, adults",
            "not in the source: anxiety",
        ],
        "matched_terms": ["ketamine", "depression", "adults"],
        "missing_terms": ["anxiety"],
        "matched_numbers": [],
        "missing_numbers": [],
    }
    assert 0.40 <= a.to_dict()["score"] < 0.50  # rounded to 3 places, still the same figure


def test_no_source_text_is_not_assessable_and_says_why() -> None:
    a = score_support("Ketamine helps depression and anxiety in adults.", None, None)
    assert (a.label, a.source, a.reasons) == (
        "not_assessable",
        "none",
        ("no source text to compare with (no title, no abstract)",),
    )


def test_jats_markup_in_an_abstract_changes_nothing() -> None:
    claim = "Ketamine helps depression and anxiety in adults."
    plain = score_support(claim, None, ABSTRACT)
    jats = score_support(claim, None, f"<jats:sec><jats:p>{ABSTRACT}</jats:p></jats:sec>")
    assert (jats.score, jats.label, jats.matched_terms) == (plain.score, plain.label, plain.matched_terms)


def test_a_title_alone_is_not_asked_for_the_claims_numbers() -> None:
    # a title carries no statistics, so a number missing from it says nothing
    a = score_support("Ketamine helped 90% of adults with depression at home.", TITLE)
    assert a.source == "title" and a.missing_numbers == ()
    assert a.reasons[0].endswith("against the title only")
    assert not any("numbers" in r for r in a.reasons)


def test_possessives_and_spelling_variants_still_match() -> None:
    a = score_support("Ketamine's effect on depression in adults with insomnia.", None, ABSTRACT)
    assert {"ketamine", "depression", "adults"} <= set(a.matched_terms)
    b = score_support(
        "Neanderthal genes shape depression risk in modern adults.",
        None,
        "Neandertal alleles and depression risk in adults of modern populations.",
    )
    assert "neanderthal" in b.matched_terms and b.label == "supported"
