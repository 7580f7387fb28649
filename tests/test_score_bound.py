"""The lexical scorer's cheap title bound is never below the score, and skipping by it changes no finding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
import claimcheck.checks.support as support
from claimcheck.support.score import LexicalScorer

WORDS = (
    "Ketamine ketamines relieved depression depressive anxiety in adults children TRD treatment-resistant "
    "trial trials study randomised placebo 30% of 1,247 patients hypertension salt intake rural China "
    "statin statins LDL cholesterol smokers cohort neanderthal neandertal hydroxychloroquine COVID-19 "
    "IL-6 US the and a with for at-home sublingual (TRD) (IL-6) interleukin-6 major depressive disorder (MDD)"
)
VOCABULARY = WORDS.split(" ")
TEXT = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=18).map(" ".join)
TITLES = [
    "At-home sublingual ketamine for moderate to severe anxiety and depression: a large prospective trial",
    "Treatment-resistant depression (TRD): therapeutic trends",
    "Neandertal genomes and hydroxychloroquinewas use in COVID-19",
    "Interleukin-6 (IL-6) in major depressive disorder (MDD)",
    "Prevalence of hypertension and salt intake in rural China",
]


@settings(max_examples=300, deadline=None)
@given(claim=TEXT, title=st.one_of(TEXT, st.sampled_from(TITLES)))
def test_the_title_bound_is_never_below_the_score(claim: str, title: str) -> None:
    for scorer in (LexicalScorer(), LexicalScorer(background=True).fit(TITLES)):
        assert scorer.title_bound(claim, title) >= scorer.score(claim, title, None).score - 1e-12


def test_the_bound_is_tight_enough_to_skip_unrelated_titles() -> None:
    scorer = LexicalScorer(background=True).fit(TITLES)
    claim = "Statin use lowered LDL cholesterol in older smokers."
    assert scorer.title_bound(claim, TITLES[0]) < 0.1  # nothing in common
    assert scorer.title_bound(claim, "Statin use and LDL cholesterol in older smokers") > 0.5


ARTICLE = (
    "Statin use lowered LDL cholesterol in older smokers in a cohort study [1]. "
    "Salt intake drives hypertension in rural China [2]. "
    "A large trial found at-home sublingual ketamine eased severe anxiety and depression [2]. "
    "Interleukin-6 rises in major depressive disorder [5].\n\nReferences\n\n"
    "1. Doe J. Statin use and LDL cholesterol in older smokers: a cohort study. J Med. 2020;1:1-2.\n"
    "2. Roe K. Prevalence of hypertension and salt intake in rural China. Lancet. 2019;2:3-4.\n"
    "3. Poe L. At-home sublingual ketamine for moderate to severe anxiety and depression: a large "
    "prospective trial. J Affect Disord. 2022;3:5-6.\n"
    "4. Moe M. Treatment-resistant depression: therapeutic trends, challenges, and future directions. "
    "Patient Prefer Adherence. 2022;4:7-8.\n"
    "5. Zoe N. Neandertal genomes and hominin dispersal. Nature. 2021;5:9-10.\n"
)


def test_skipping_by_the_bound_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    skipped = []
    real = support.SupportTable.cannot_support

    def counting(self: support.SupportTable, claim_id: int, number: int) -> bool:
        out = real(self, claim_id, number)
        skipped.append(out)
        return out

    monkeypatch.setattr(support.SupportTable, "cannot_support", counting)
    fast = claimcheck.audit(text=ARTICLE, offline=True, store=False).to_dict()
    assert any(skipped) and not all(skipped)
    assert [f["code"] for f in fast["findings"]].count("better-matching-reference") == 1
    monkeypatch.setattr(support.SupportTable, "cannot_support", lambda self, claim_id, number: False)
    assert claimcheck.audit(text=ARTICLE, offline=True, store=False).to_dict() == fast
