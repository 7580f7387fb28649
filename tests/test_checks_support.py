"""The support checks on short hand-built articles, the graph edges, and the seed article offline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claimcheck.checks import AuditContext, CodeInfo
from claimcheck.checks.support import (
    SUPPORT_CHECKS,
    SUPPORT_CODES,
    add_support_edges,
    assess_claims,
    check_better_matching_reference,
    check_blanket_citation,
    check_statistics_in_source,
    check_support_not_assessable,
    check_unrelated_source,
    claims_without_support,
    support_table,
)
from claimcheck.graph import build_graph
from claimcheck.model import (
    Article,
    Block,
    BlockKind,
    CitationOrigin,
    Claim,
    Marker,
    Reference,
    Resolution,
    Severity,
    Status,
    Work,
)
from claimcheck.support.score import LexicalScorer, SupportAssessment

SEED = Path(__file__).resolve().parents[1] / "refs" / "ketamine-at-home.txt"

KETAMINE = (
    "At-home sublingual ketamine for moderate to severe anxiety and depression: a large prospective trial"
)
HYPERTENSION = "Prevalence of hypertension and salt intake in rural China"
STATINS = "Statin use and LDL cholesterol in older smokers: a cohort study"
TRD = "Treatment-resistant depression: therapeutic trends, challenges, and future directions"
ABSTRACT = (
    "<jats:p>We followed 1,247 adults with anxiety and depression who took sublingual ketamine at home. "
    "Symptoms improved in 62.8% of participants; two withdrew because of adverse events.</jats:p>"
)


def build(sentences, titles, works=None):
    """An article of one paragraph per (text, cites, origin, inherited_from) and its reference list."""
    text, claims, blocks = "", [], []
    for i, (sentence, cites, *rest) in enumerate(sentences, 1):
        origin = rest[0] if rest else (CitationOrigin.MARKER if cites else None)
        inherited = rest[1] if len(rest) > 1 else None
        block = rest[2] if len(rest) > 2 else i
        start = len(text)
        text += sentence
        markers = ()
        if cites and origin is CitationOrigin.MARKER:
            raw = ",".join(map(str, cites))
            markers = (Marker(raw, len(text) + 1, len(text) + 1 + len(raw), tuple(cites), "trailing"),)
            text += " " + raw
        claims.append(
            Claim(
                i,
                sentence,
                start,
                start + len(sentence),
                block,
                BlockKind.PARAGRAPH,
                markers=markers,
                citations=tuple(cites),
                origin=origin,
                inherited_from=inherited,
                check_worthy=True,
            )
        )
        blocks.append(Block(block, BlockKind.PARAGRAPH, sentence, start, start + len(sentence)))
        text += "\n\n"
    refs = tuple(Reference(n, f"{n}. Author A. {t}. J. 2020.", title=t) for n, t in enumerate(titles, 1))
    resolutions = {}
    for n, work in (works or {}).items():
        resolutions[n] = Resolution(work.doi, Status.RESOLVED, work=work)
    graph = build_graph(claims, refs, resolutions)
    return AuditContext(Article(text, tuple(blocks)), tuple(claims), refs, resolutions, graph)


def run(ctx, checks=SUPPORT_CHECKS):
    return [f for check in checks for f in check(ctx)]


def codes(findings):
    return sorted((f.code, f.claim_id, f.reference_number) for f in findings)


def test_codes_are_described_and_typed():
    assert set(SUPPORT_CODES) == {
        "unrelated-source",
        "better-matching-reference",
        "statistic-not-in-source",
        "blanket-citation",
        "support-not-assessable",
    }
    assert all(isinstance(info, CodeInfo) and info.meaning for info in SUPPORT_CODES.values())
    assert SUPPORT_CODES["support-not-assessable"].severity is Severity.INFO
    assert {i.severity for c, i in SUPPORT_CODES.items() if c != "support-not-assessable"} == {
        Severity.WARNING
    }


def test_clean_article_has_no_support_findings():
    ctx = build(
        [("Sublingual ketamine at home eased anxiety and depression in a large trial.", [1])], [KETAMINE]
    )
    assert run(ctx) == []


def test_unrelated_source_from_the_title_alone():
    # A title alone is thin evidence: the finding is info, not a warning.
    ctx = build([("Statins lower LDL cholesterol in older smokers.", [1])], [KETAMINE])
    (f,) = run(ctx, [check_unrelated_source])
    assert (f.code, f.severity, f.claim_id, f.reference_number) == (
        "unrelated-source",
        Severity.INFO,
        1,
        1,
    )
    assert "judged on its title only" in f.message and f.detail["label"] == "unrelated"
    assert (f.start, f.end) == (ctx.claims[0].start, ctx.claims[0].end)


def test_unrelated_source_from_the_abstract():
    work = Work(doi="10.1/k", title=KETAMINE, abstract=ABSTRACT)
    ctx = build([("Statins lower LDL cholesterol in older smokers.", [1])], [KETAMINE], {1: work})
    (f,) = run(ctx, [check_unrelated_source])
    assert "against its title and abstract" in f.message and f.detail["source"] == "abstract"


def test_better_matching_reference_is_the_wrong_number_signature():
    ctx = build(
        [
            ("Statin use lowered LDL cholesterol in older smokers in a cohort study.", [1]),
            ("Salt intake drives hypertension in rural China.", [2]),
            ("A large trial found at-home sublingual ketamine eased severe anxiety and depression.", [2]),
        ],
        [STATINS, HYPERTENSION, KETAMINE],
    )
    found = [f for f in run(ctx, [check_better_matching_reference])]
    assert codes(found) == [("better-matching-reference", 3, 2)]
    assert found[0].detail["better"] == 3 and "[3] matches it better" in found[0].message
    # A claim whose cited source fits is never told of a better one.
    assert not [f for f in found if f.claim_id in (1, 2)]


def test_statistic_not_in_the_abstract():
    work = Work(doi="10.1/k", title=KETAMINE, abstract=ABSTRACT)
    ctx = build(
        [("Ketamine at home helped 45% of the 1,247 participants with depression.", [1])],
        [KETAMINE],
        {1: work},
    )
    (f,) = run(ctx, [check_statistics_in_source])
    assert f.code == "statistic-not-in-source" and f.detail["statistic"] == "45%"
    assert "45%" in f.message and "1,247" not in f.message


def test_statistic_not_checked_without_an_abstract_for_every_cited_source():
    work = Work(doi="10.1/k", title=KETAMINE, abstract=ABSTRACT)
    ctx = build(
        [("Ketamine at home helped 45% of adults with depression.", [1, 2])], [KETAMINE, TRD], {1: work}
    )
    assert run(ctx, [check_statistics_in_source]) == []


def test_blanket_citation_names_the_unrelated_entries():
    ctx = build(
        [("A large trial of at-home sublingual ketamine eased anxiety and depression.", [1, 2, 3])],
        [KETAMINE, HYPERTENSION, STATINS],
    )
    found = run(ctx)
    assert codes(found) == [("blanket-citation", 1, None)]
    assert found[0].detail["unrelated"] == [2, 3] and found[0].detail["labels"]["1"] != "unrelated"
    assert "[2] 'Prevalence of hypertension" in found[0].message and " and [3] " in found[0].message


def test_support_not_assessable_once_per_reference():
    ctx = build(
        [
            ("Potential side effects of ketamine may include:", [1]),
            ("Unstable blood pressure", [1], CitationOrigin.INHERITED, 1),
            ("Hallucinations", [1], CitationOrigin.INHERITED, 1),
        ],
        ["Ketamine"],
    )
    found = run(ctx)
    assert codes(found) == [("support-not-assessable", None, 1)]
    assert found[0].severity is Severity.INFO and found[0].detail["claims"] == [1, 2, 3]
    assert "too short" in found[0].message
    assert list(check_support_not_assessable(ctx)) == found


def test_carried_sentence_is_judged_with_the_sentence_it_continues():
    ctx = build(
        [
            ("A large prospective trial found at-home ketamine safe for anxiety and depression.", [1]),
            ("Of the 1247 participants, only two left the study.", [1], CitationOrigin.CARRIED, 1, 1),
        ],
        [KETAMINE],
    )
    assessed = assess_claims(ctx)
    assert assessed[(2, 1)].label == "supported"
    assert run(ctx) == []


def test_each_pair_is_scored_once_for_all_checks():
    calls: Counter[tuple[str, str | None]] = Counter()

    class Counting(LexicalScorer):
        def score(self, claim: str, title: str | None, abstract: str | None) -> SupportAssessment:
            calls[(claim, title)] += 1
            return super().score(claim, title, abstract)

    ctx = build(
        [
            ("Statins lower LDL cholesterol in older smokers.", [1]),
            ("Ketamine at home eased depression in a large trial.", [1, 2, 3]),
        ],
        [KETAMINE, HYPERTENSION, STATINS],
    )
    assess_claims(ctx, Counting())
    table = support_table(ctx)
    run(ctx)
    assert support_table(ctx) is table
    assert max(calls.values()) == 1


def test_supports_edges_and_claims_without_support():
    work = Work(doi="10.1/k", title=KETAMINE, abstract=ABSTRACT)
    ctx = build(
        [
            ("Sublingual ketamine at home eased anxiety and depression.", [1]),
            ("Statins lower LDL cholesterol in older smokers.", [2]),
        ],
        [KETAMINE, HYPERTENSION],
        {1: work},
    )
    G = add_support_edges(ctx.graph, assess_claims(ctx))
    edge = G.edges["claim:1", "doi:10.1/k"]
    assert edge["relation"] == "supports" and edge["label"] == "supported" and 0 < edge["weight"] <= 1
    cites = G.edges["claim:2", "ref:2"]
    assert cites["relation"] == "cites" and cites["label"] == "unrelated"
    assert G.nodes["claim:1"]["support"] == "supported" and G.nodes["claim:2"]["support"] == "unrelated"
    assert claims_without_support(G) == ["claim:2"]


# --- the seed article, offline (titles from its own reference list) ----------------------------


@pytest.fixture(scope="module")
def seed_ctx():
    # the project's own modules: an import error here must fail, not skip
    from claimcheck.read.article import parse_article
    from claimcheck.read.claims import extract_claims
    from claimcheck.read.references.parse import parse_reference_list

    article = parse_article(SEED.read_text(encoding="utf-8"))
    claims = extract_claims(article)
    assert article.references_span is not None
    refs = parse_reference_list(article.references_text, offset=article.references_span[0])
    return AuditContext(article, tuple(claims), tuple(refs), {}, build_graph(claims, refs, {}))


def test_seed_closing_citation_is_a_blanket_citation(seed_ctx):
    (f,) = list(check_blanket_citation(seed_ctx))
    claim = seed_ctx.claim(f.claim_id)
    assert claim.text.startswith("As of now, patients usually go back") and claim.citations == (1, 2, 3, 4)
    assert f.detail["unrelated"] == [2, 3]
    assert "Future research is needed" in f.message  # judged with the sentence before it


def test_seed_carried_sentence_is_linked_to_six(seed_ctx):
    (claim,) = [c for c in seed_ctx.claims if c.text.startswith("Of the 1247 participants")]
    assert claim.origin is CitationOrigin.CARRIED and claim.citations == (6,)
    assert assess_claims(seed_ctx)[(claim.id, 6)].label == "supported"


def test_seed_support_findings_are_few_and_right(seed_ctx):
    found = run(seed_ctx)
    assert sorted(f.code for f in found) == ["blanket-citation", "support-not-assessable"]
    (info,) = [f for f in found if f.code == "support-not-assessable"]
    assert info.reference_number == 5  # "Ketamine. Accessed February 10, 2022." says too little
