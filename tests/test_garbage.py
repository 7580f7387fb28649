"""Garbage in: a clear message or an audit with the right findings, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.errors import InputError

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"


def audit(source, **kw):
    return claimcheck.audit(source, resolver=claimcheck.OfflineResolver(), **kw)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    with pytest.raises(InputError, match=r"empty\.txt: the article is empty"):
        audit(p)


def test_binary_file(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03" + bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        audit(p)


def test_article_without_a_reference_list(tmp_path):
    p = tmp_path / "nolist.txt"
    p.write_text(
        "Ketamine relieves depression within hours [1]. Research shows that 30% of patients relapse [2].\n",
        encoding="utf-8",
    )
    report = audit(p)
    codes = sorted(f.code for f in report.findings)
    assert codes == ["citation-not-in-list", "citation-not-in-list", "no-reference-list"]
    assert report.references == ()


def test_article_with_neither_citations_nor_references():
    report = audit("Ketamine is a drug. Some clinics offer it.\n")
    assert report.findings == ()
    assert len(report.claims) == 2


def test_a_5_mb_article_is_audited(tmp_path):
    body, refs = SEED.read_text(encoding="utf-8").split("\n\n\n1. ", 1)
    copies = 5_000_000 // len(body) + 1
    p = tmp_path / "huge.txt"
    p.write_text("\n\n".join([body] * copies) + "\n\n\n1. " + refs, encoding="utf-8")
    assert p.stat().st_size > 5_000_000
    report = audit(p)
    assert len(report.references) == 6
    assert len(report.claims) == 47 * copies
    # Every copy is read like the seed; only the worthiness model's "place in the article"
    # feature differs between copies, so each copy flags about as many claims as the seed.
    flagged = {f.claim_id for f in report.filter(code="uncited-claim")}
    research = [
        c.id for c in report.claims if c.text.startswith(("New research shows", "However, research shows"))
    ]
    assert len(research) == 2 * copies and set(research) <= flagged
    per_copy = len(audit(SEED).filter(code="uncited-claim"))
    assert copies * (per_copy - 3) <= len(flagged) <= copies * (per_copy + 3)
    assert not report.filter(code="citation-not-in-list")


def test_a_malformed_reference_line_does_not_stop_the_others():
    text = (
        "Ketamine works [1]. It is safe [2]. It is cheap [3].\n\n\nReferences\n"
        "1. Smith J. Ketamine for depression. J Affect Disord. 2020;1:1-2. doi:10.1000/abc\n"
        "2. ))))((((;;;; ,,,, 9999 ....\n"
        "3. Lee K. Ketamine costs. BMJ. 2021;3:4-5. doi:10.1000/def\n"
    )
    report = audit(text)
    assert [r.number for r in report.references] == [1, 2, 3]
    assert report.references[2].doi == "10.1000/def"
    assert {f.code for f in report.findings if f.reference_number == 2} >= {"reference-without-identifier"}
