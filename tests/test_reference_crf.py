"""The shipped reference-entry CRF: it loads, labels fixed entries, and the parser uses it."""

from __future__ import annotations

import pytest

from claimcheck.read.references import crf
from claimcheck.read.references.parse import parse_reference


def test_shipped_model_loads_and_is_small() -> None:
    assert crf.MODEL_PATH.is_file()
    assert crf.MODEL_PATH.stat().st_size < 5_000_000
    assert crf.label_entry("Smith J. A trial. Lancet. 2020;1:2-3.")


def test_ama_entry_fields() -> None:
    f = crf.crf_fields("Wagner A. Robustness, evolvability, and neutrality. FEBS Lett. 2005;579:1772-1778.")
    assert (f.author, f.title, f.container, f.year, f.volume, f.pages) == (
        "Wagner A.",
        "Robustness, evolvability, and neutrality",
        "FEBS Lett",
        2005,
        "579",
        "1772-1778",
    )
    assert min(f.sure.values()) > 0.5


def test_plos_web_entry_fields() -> None:
    f = crf.crf_fields(
        "Lemey P, Pybus OG, Rambaut A, et al. (2004) The molecular population genetics of "
        "HIV-1 group O. Genetics 167(3): 1059–1068."
    )
    assert (f.title, f.container, f.year, f.volume, f.issue, f.pages) == (
        "The molecular population genetics of HIV-1 group O",
        "Genetics",
        2004,
        "167",
        "3",
        "1059–1068",
    )


def test_apa_entry_fields() -> None:
    f = crf.crf_fields(
        "Butterworth, G., & Jarrett, N. (1991). What minds have in common in space. "
        "British Journal of Developmental Psychology, 9, 55–72."
    )
    assert (f.title, f.container, f.year, f.volume, f.pages) == (
        "What minds have in common in space",
        "British Journal of Developmental Psychology",
        1991,
        "9",
        "55–72",
    )


@pytest.mark.parametrize("method", ["combined", "crf"])
def test_labeller_splits_title_from_journal_where_the_rules_do_not(method: str) -> None:
    text = "Lemey P, Pybus OG. The molecular population genetics of HIV-1 group O. Genetics 167: 1059–1068."
    rules = parse_reference(text, method="rules")
    ref = parse_reference(text, method=method)
    assert rules.container is None  # the rules read "Genetics" as part of the title
    assert (ref.title, ref.container) == ("The molecular population genetics of HIV-1 group O", "Genetics")
    assert parse_reference(text).authors == ("Lemey P", "Pybus OG")


def test_combined_keeps_the_rules_when_the_labeller_reads_no_title() -> None:
    ref = parse_reference("W. Vogelsang, Nucl. Phys. B 475, 47 (1996)")
    assert (ref.title, ref.container, ref.volume, ref.pages, ref.year) == (
        None,
        "Nucl. Phys. B",
        "475",
        "47",
        1996,
    )
    assert (
        parse_reference("W. Vogelsang, Nucl. Phys. B 475, 47 (1996)", method="crf").container
        != "Nucl. Phys. B"
    )


def test_identifiers_stay_with_the_rules() -> None:
    ref = parse_reference(
        "Doe A. A trial. Lancet. 2020;395(10223):497-506. doi:10.1016/S0140-6736(20)30183-5"
    )
    assert ref.doi == "10.1016/s0140-6736(20)30183-5"
    assert (ref.title, ref.container, ref.volume, ref.issue, ref.pages) == (
        "A trial",
        "Lancet",
        "395",
        "10223",
        "497-506",
    )


def test_huge_entry_is_bounded() -> None:
    text = "Smith J. " + "word " * 5000
    assert len(crf.label_entry(text)) <= len(crf.tokens(text[: crf.MAX_CHARS]))
