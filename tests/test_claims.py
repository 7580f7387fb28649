"""Sentences, claims, their citations (marker, inherited, carried) and check-worthiness."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import BlockKind, CitationOrigin, Claim
from claimcheck.read.article import parse_article
from claimcheck.read.claims import extract_claims, split_sentences

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"
MARKER, INHERITED, CARRIED = CitationOrigin.MARKER, CitationOrigin.INHERITED, CitationOrigin.CARRIED


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def claims_of(text: str, format: str = "text") -> tuple[Claim, ...]:
    return extract_claims(parse_article(text, format=format))


def uncited_worthy(claims: tuple[Claim, ...]) -> list[str]:
    return [c.text for c in claims if c.check_worthy and not c.citations]


# --- sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A viable option.3 Continued research is crucial.",
            ["A viable option.", "Continued research is crucial."],
        ),
        ("It fails with drugs. 2 In the US, it is rare.", ["It fails with drugs.", "In the US, it is rare."]),
        ("Every few months. 1,2,3,4", ["Every few months."]),
        ("It works [2]. It helps (3).", ["It works [2].", "It helps (3)."]),
        (
            "About 2.8 million people. Dr. Smith et al. agree.",
            ["About 2.8 million people.", "Dr. Smith et al. agree."],
        ),
        ("Side effects may include 5:", ["Side effects may include 5:"]),
        ("  Is it safe?  Yes!  ", ["Is it safe?", "Yes!"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_split_sentences_offsets_are_absolute() -> None:
    assert split_sentences("One. Two.", offset=40) == [(40, 44), (45, 49)]


# --- the seed article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[Claim, ...]:
    # as the audit reads it: with its reference list, which the citation-worthiness model reads
    article, references = claimcheck.parse(text=SEED.read_text(encoding="utf-8"))
    return extract_claims(article, references)


def by_text(claims: tuple[Claim, ...], start: str) -> Claim:
    (claim,) = [c for c in claims if c.text.startswith(start)]
    return claim


def test_seed_ids_in_document_order(seed: tuple[Claim, ...]) -> None:
    assert [c.id for c in seed] == list(range(1, len(seed) + 1))
    assert len(seed) == 47
    assert [c.start for c in seed] == sorted(c.start for c in seed)
    assert all(c.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) for c in seed)


def test_seed_headings_are_not_claims(seed: tuple[Claim, ...]) -> None:
    texts = {c.text for c in seed}
    assert "Ketamine Clinics for Treatment-resistant Depression" not in texts
    assert not any(c.text.startswith("Research Shows That") for c in seed)


def test_seed_marker_citations(seed: tuple[Claim, ...]) -> None:
    cited = [(c.id, c.citations, c.text.split()[-1]) for c in seed if c.origin is MARKER]
    assert cited == [
        (2, (1,), "depression."),
        (3, (2,), "antidepressants."),
        (4, (3,), "option."),
        (8, (4,), "session."),
        (28, (5,), "5:"),
        (44, (6,), "depression."),
        (47, (1, 2, 3, 4), "months."),
    ]


def test_seed_trailing_marker_stays_outside_the_sentence(seed: tuple[Claim, ...]) -> None:
    claim = by_text(seed, "A new study reports")
    assert claim.text.endswith("ketamine clinic for depression.")
    assert [m.raw for m in claim.markers] == ["1"]
    assert claim.markers[0].start > claim.end


def test_seed_side_effect_bullets_inherit_citation_5(seed: tuple[Claim, ...]) -> None:
    lead = by_text(seed, "Potential side effects of ketamine")
    inherited = [c for c in seed if c.origin is INHERITED]
    assert [c.text for c in inherited] == [
        "Unstable blood pressure",
        "Irregular heartbeat",
        "Confusion, disorientation",
        "Dissociated state",
        "Hallucinations",
        "Amnesia",
        "And in extreme cases:",
        "Respiratory arrest",
        "Seizures",
        "Tonic-clonic muscle movements (which resemble grand mal seizure movements)",
        "Apnea (when your brain fails to signal to your breathing muscles to contract)",
    ]
    assert {(c.citations, c.inherited_from) for c in inherited} == {((5,), lead.id)}
    assert all(c.markers == () for c in inherited)


def test_seed_continuation_is_carried(seed: tuple[Claim, ...]) -> None:
    claim = by_text(seed, "Of the 1247 participants")
    cited = by_text(seed, "A large prospective study found")
    assert (claim.citations, claim.origin, claim.inherited_from) == ((6,), CARRIED, cited.id)
    assert claim.markers == ()


def test_seed_required_uncited_claims(seed: tuple[Claim, ...]) -> None:
    flagged = uncited_worthy(seed)
    assert (
        "New research shows that sublingual ketamine may be an effective home-based treatment option, "
        "opening ketamine therapy up to anyone with a mailbox and an internet connection." in flagged
    )
    assert (
        "However, research shows that it’s effective for treating depression, and some doctors prescribe it "
        "off-label for improving mental health." in flagged
    )


def test_seed_uncited_claims_are_few(seed: tuple[Claim, ...]) -> None:
    # The cue rules' seven. The first trained model also flagged a therapeutic claim ("Some
    # clinics pair ... which may enhance") and a prevalence claim ("The most common
    # criticisms ..."); the model that reads the reference list (issue 15) does not: neither
    # shares rare words with a reference title, and its cut is set for 14 % of uncited PLOS
    # sentences flagged.
    assert [c.text[:40] for c in seed if c.check_worthy and not c.citations] == [
        "Ketamine is an effective way to treat de",
        "Continued research is crucial to uncover",
        "New research shows that sublingual ketam",
        "If at-home ketamine therapy turns out to",
        "However, research shows that it’s effect",
        "There is also the risk that if a patient",
        "That said, taking any drug has the poten",
    ]


def test_seed_narrative_is_not_check_worthy(seed: tuple[Claim, ...]) -> None:
    for start in (
        "Ketamine clinics involve patients",
        "Still, there are doctors who raise valid concerns",
        "Sublingual ketamine is still in its early stages",  # "safe and effective" only inside "if ..."
    ):
        assert by_text(seed, start).check_worthy is False


# --- citations ------------------------------------------------------------------------


def test_unique_citations_in_order_of_appearance() -> None:
    (claim,) = claims_of("Ketamine helps [3], works [1, 3] and lasts (2).")
    assert claim.citations == (3, 1, 2)
    assert [m.raw for m in claim.markers] == ["[3]", "[1, 3]", "(2)"]
    assert claim.origin is MARKER


def test_marker_opening_a_block_stays_in_that_block() -> None:
    text = "Ketamine works.\n\nIt also helps.[4] More text here."
    first, second, third = claims_of(text)
    assert first.citations == ()
    assert second.citations == (4,)
    assert third.citations == ()


def test_lead_in_needs_its_own_citation() -> None:
    claims = claims_of("Side effects may include:\n\n• Nausea\n• Fever")
    assert [c.origin for c in claims] == [None, None, None]


def test_items_with_their_own_markers_keep_them() -> None:
    claims = claims_of("Side effects may include [2]:\n\n• Nausea [7]\n• Fever")
    assert [(c.citations, c.origin) for c in claims] == [((2,), MARKER), ((7,), MARKER), ((2,), INHERITED)]


def test_inheritance_stops_at_a_paragraph_that_is_not_a_lead_in() -> None:
    text = "Effects may include 5:\n\n• Nausea\n\nSome people feel fine.\n\n• Fever"
    assert [c.citations for c in claims_of(text)] == [(5,), (5,), (), ()]


def test_bare_lead_in_only_continues_a_cited_list() -> None:
    text = "Sleep helps. 1\n\nAnd in extreme cases:\n\n• Seizures"
    assert [c.citations for c in claims_of(text)] == [(1,), (), ()]


def test_inheritance_in_markdown_lists() -> None:
    text = "# Risks\n\nPossible harms include [2]:\n\n- Nausea\n- Fever\n\nIn rare cases:\n\n- Seizures\n"
    claims = claims_of(text, format="markdown")
    assert [(c.text, c.citations, c.inherited_from) for c in claims] == [
        ("Possible harms include [2]:", (2,), None),
        ("Nausea", (2,), 1),
        ("Fever", (2,), 1),
        ("In rare cases:", (2,), 1),
        ("Seizures", (2,), 1),
    ]


@pytest.mark.parametrize(
    "opener",
    ["Of the 40 patients", "Of these", "In that study", "These results", "This", "They", "Participants"],
)
def test_continuation_openers_carry(opener: str) -> None:
    first, second = claims_of(f"A trial tested it. 3 {opener} improved quickly.")
    assert (second.citations, second.origin, second.inherited_from) == ((3,), CARRIED, first.id)


def test_carrying_needs_a_cited_sentence_just_before_in_the_same_paragraph() -> None:
    assert [c.origin for c in claims_of("A trial tested it. They improved.")] == [None, None]
    assert [c.origin for c in claims_of("A trial tested it. 3\n\nThey improved.")] == [MARKER, None]
    assert [c.origin for c in claims_of("A trial tested it. 3 Some improved. They left.")] == [
        MARKER,
        None,
        None,
    ]
    assert [c.origin for c in claims_of("A trial tested it. 3 Theyre fine.")] == [MARKER, None]


# --- check-worthiness ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Up to 30% of patients do not respond.", "statistic: a percentage ('30%')"),
        ("That leaves 2.8 million people untreated.", "statistic: a large count ('million')"),
        ("Of the 1247 participants, two left.", "statistic: a count of people ('1247 participants')"),
        ("One in five adults has it.", "statistic: a rate ('One in five')"),
        ("Research shows that sleep matters.", "research report: reports research ('Research shows')"),
        ("A small study found no change.", "research report: reports a study ('study found')"),
        ("Studies suggest a benefit.", "research report: reports research ('Studies suggest')"),
        ("According to the CDC, it is common.", "research report: attributes a fact ('According to')"),
        ("The drug is safe and effective.", "efficacy: says it works ('effective')"),
        ("Exercise improves mood.", "efficacy: says it helps ('improves')"),
        ("Aspirin reduces the risk of stroke.", "efficacy: says it reduces a risk ('reduces the risk')"),
        ("Smoking increases blood pressure.", "risk: names a risk ('increases')"),
        ("Common side effects are mild.", "risk: names side effects ('side effects')"),
        ("Ketamine can cause hallucinations.", "risk: names a cause ('can cause')"),
        ("An overdose can be fatal.", "risk: names a grave harm ('overdose')"),
        ("Obesity is linked to diabetes.", "risk: names a link ('linked to')"),
    ],
)
def test_check_worthy_cues(sentence: str, reason: str) -> None:
    (claim,) = claims_of(sentence)
    assert claim.check_worthy is True
    assert claim.reasons[0] == reason


def test_one_reason_per_kind() -> None:
    (claim,) = claims_of("Research shows 30% of 40 patients improve; it is effective and improves sleep.")
    assert claim.reasons[:3] == (
        "statistic: a percentage ('30%')",
        "research report: reports research ('Research shows')",
        "efficacy: says it works ('effective')",
    )
    assert all(r.startswith("model: ") for r in claim.reasons[3:])  # then the model's top features


@pytest.mark.parametrize(
    "sentence",
    [
        "Is ketamine effective for depression?",
        "If it proves safe and effective, clinics may adopt it.",
        "Some clinics pair the ketamine with talk therapy.",
        "Doctors raise valid concerns about it.",
        "Most clinics are in cities.",
    ],
)
def test_not_check_worthy(sentence: str) -> None:
    (claim,) = claims_of(sentence)
    assert (claim.check_worthy, claim.reasons) == (False, ())


def test_inherited_items_are_as_check_worthy_as_their_lead_in() -> None:
    lead, item = claims_of("Side effects may include 5:\n\n• Nausea")
    assert lead.check_worthy and item.check_worthy
    assert item.reasons == ("inherited: listed under a check-worthy lead-in (claim 1)",)
