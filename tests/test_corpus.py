"""Short articles written for the tests: every marker style, the number traps, every
offline finding code, with the expected findings (tests/corpus/expected.json) asserted exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checks import CITATION_CHECKS, CITATION_CODES

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(name for name in EXPECTED if not name.startswith("_"))


def audit(name: str) -> claimcheck.Report:
    # The citation checks only: the support checks have their own tests (test_checks_support.py).
    return claimcheck.audit(CORPUS / name, resolver=claimcheck.OfflineResolver(), checks=CITATION_CHECKS)


def observed(report: claimcheck.Report) -> list[list[object]]:
    texts = {c.id: c.text for c in report.claims}
    out = []
    for f in report.findings:
        claim = texts.get(f.claim_id) if f.claim_id is not None else None
        out.append([f.code, f.reference_number, claim])
    return out


@pytest.mark.parametrize("name", ARTICLES)
def test_expected_findings_exactly(name):
    got = observed(audit(name))
    want = EXPECTED[name]
    assert len(got) == len(want), got
    for (code, number, claim), (w_code, w_number, w_claim) in zip(got, want, strict=True):
        assert (code, number) == (w_code, w_number), got
        assert (claim is None) == (w_claim is None), got
        if w_claim is not None:
            assert claim.startswith(w_claim), got


def test_every_marker_style_is_read():
    report = audit("styles.txt")
    got = [(m.raw, m.numbers, m.style) for c in report.claims for m in c.markers]
    assert got == [
        ("[1]", (1,), "bracket"),
        ("[2, 3]", (2, 3), "bracket"),
        ("[4-6]", (4, 5, 6), "bracket"),
        ("[7–8]", (7, 8), "bracket"),
        ("(9)", (9,), "paren"),
        ("(10, 11)", (10, 11), "paren"),
        ("(12–14)", (12, 13, 14), "paren"),
        ("15", (15,), "glued"),
        ("16,17", (16, 17), "superscript"),
        ("18–20", (18, 19, 20), "superscript"),
        ("21", (21,), "colon"),
    ]
    bullets = [c for c in report.claims if c.kind.value == "list_item"]
    assert [(c.text, c.citations) for c in bullets] == [("Low mood", (21,)), ("Loss of interest", (21,))]


def test_numbers_in_prose_are_not_markers():
    report = audit("traps.txt")
    got = [(m.raw, m.numbers) for c in report.claims for m in c.markers]
    assert got == [("[1]", (1,)), ("[2]", (2,)), ("[3]", (3,)), ("[4]", (4,)), ("[5]", (5,)), ("[6]", (6,))]


def test_the_corpus_covers_every_offline_code():
    seen = {code for name in ARTICLES for code, _, _ in EXPECTED[name]}
    seen |= {"uncited-claim"}  # also asserted on the seed article
    online_only = {"doi-not-found", "doi-registered-elsewhere"}  # end to end in test_crossref_audit.py
    assert set(CITATION_CODES) - online_only <= seen
