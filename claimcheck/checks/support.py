"""Support checks: does each cited source say what the claim says?

Every (claim, cited reference) pair is scored once per audit by a
:class:`~claimcheck.support.score.Scorer` and kept in a :class:`SupportTable` that all
the checks share (see :func:`support_table`). A claim is judged with its
context: a carried sentence ("Of the 1247 participants, ...") with the sentence
it continues, a list item with its lead-in, and a cited sentence with the
uncited sentences just before it in its paragraph (a marker at the end of a
paragraph often covers the whole of it). Citation markers are cut out first.

Codes (:data:`SUPPORT_CODES`): ``unrelated-source``,
``better-matching-reference``, ``statistic-not-in-source``,
``blanket-citation`` and ``support-not-assessable``.

>>> from claimcheck.checks import AuditContext
>>> from claimcheck.model import Article, BlockKind, Claim, Reference
>>> claims = (Claim(1, "Ketamine relieves depression within hours.", 0, 42, 0, BlockKind.PARAGRAPH,
...                 citations=(1,)),)
>>> refs = (Reference(1, "1. ...", title="Rapid antidepressant effects of ketamine in major depression"),)
>>> ctx = AuditContext(Article("", ()), claims, refs)
>>> assess_claims(ctx)[(1, 1)].label
'supported'
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimcheck.checks.base import AuditContext, Check, CodeInfo, register_codes
from claimcheck.model import BlockKind, CitationOrigin, Claim, Finding, Reference, Severity, clip
from claimcheck.support.graph_edges import SUPPORTS, add_support_edges, claims_without_support
from claimcheck.support.numbers import extract_numbers, extract_statistics, find_statistic
from claimcheck.support.score import TITLE_SUPPORTED, LexicalScorer, Scorer, SupportAssessment, source_text

__all__ = [
    "SUPPORTS",
    "SUPPORT_CHECKS",
    "SUPPORT_CODES",
    "SupportTable",
    "add_support_edges",
    "assess_claims",
    "check_better_matching_reference",
    "check_blanket_citation",
    "check_statistics_in_source",
    "check_support_not_assessable",
    "check_unrelated_source",
    "claims_without_support",
    "support_table",
]

SUPPORT_CODES: dict[str, CodeInfo] = {
    "unrelated-source": CodeInfo(
        Severity.WARNING,
        "A cited source scores as unrelated to the claim citing it, judged on its title and abstract "
        "(warning), or on its title alone when nothing more is known (then only info).",
    ),
    "better-matching-reference": CodeInfo(
        Severity.WARNING,
        "Another entry of the reference list fits the claim clearly better than the one cited: "
        "a wrong reference number?",
    ),
    "statistic-not-in-source": CodeInfo(
        Severity.WARNING,
        "A number in the claim (30%, 2.8 million, 1247) is not in the abstract of any source it cites "
        "(it may still be in the full text).",
    ),
    "blanket-citation": CodeInfo(
        Severity.WARNING,
        "One claim cites three or more sources, some of which are unrelated to it.",
    ),
    "support-not-assessable": CodeInfo(
        Severity.INFO,
        "Whether a source supports the claims citing it could not be judged: no title or abstract, "
        "or too little text to compare with.",
    ),
}
register_codes(SUPPORT_CODES)

#: A claim citing this many sources or more is checked as a whole (blanket-citation).
BLANKET_MIN = 3
#: A better-matching entry must beat the cited one by this much and by this factor.
BETTER_MARGIN = 0.2
BETTER_FACTOR = 2.0
#: Entries compared with each claim by ``better-matching-reference``: all of them up to this many;
#: in longer lists, this many found through the claim's rarest shared words (an inverted index),
#: so the check stays linear in claims and references.
BETTER_CANDIDATES = 64
#: Uncited sentences before a cited one, in its paragraph, that count as its context.
MAX_CONTEXT_SENTENCES = 2


@dataclass
class SupportTable:
    """Assessments of claims against reference sources for one audit, each pair scored once.

    Build it with :func:`support_table`. ``texts`` holds each cited claim's text
    as judged (context included, markers cut); ``sources`` each listed
    reference's ``(title, abstract, origin)``.
    """

    scorer: Scorer
    texts: dict[int, str]
    own_texts: dict[int, str]
    sources: dict[int, tuple[str | None, str | None, str]]
    citations: dict[int, tuple[int, ...]]
    _cache: dict[tuple[int, int], SupportAssessment] = field(default_factory=dict, repr=False)
    _words: dict[str, list[int]] | None = field(default=None, repr=False)

    def candidates(self, claim_id: int) -> list[int]:
        """Entries worth comparing with a claim: every entry in a short list, else a bounded few.

        In a list of more than :data:`BETTER_CANDIDATES` entries, the entries that
        share the claim's rarest words come first (each word's entries from an
        inverted index built once), up to that many.
        """
        if len(self.sources) <= BETTER_CANDIDATES:
            return list(self.sources)
        if self._words is None:
            self._words = {}
            for number, (title, abstract, _) in self.sources.items():
                for word in _word_set(f"{title or ''} {abstract or ''}"):
                    self._words.setdefault(word, []).append(number)
        words = sorted(
            (w for w in _word_set(self.texts[claim_id]) if w in self._words),
            key=lambda w: len(self._words[w]),  # type: ignore[index]
        )
        found: dict[int, None] = {}
        for word in words:
            for number in self._words[word]:
                found[number] = None
                if len(found) >= BETTER_CANDIDATES:
                    return list(found)
        return list(found)

    def assess(self, claim_id: int, number: int) -> SupportAssessment:
        """The assessment of claim ``claim_id`` against reference ``number`` (memoised)."""
        key = (claim_id, number)
        if key not in self._cache:
            title, abstract, _ = self.sources[number]
            self._cache[key] = self.scorer.score(self.texts[claim_id], title, abstract)
        return self._cache[key]

    def cannot_support(self, claim_id: int, number: int) -> bool:
        """Whether entry ``number``, a title with no abstract, certainly is not ``supported`` for the claim.

        From the scorer's cheap upper bound of the score (a :class:`LexicalScorer`'s
        ``title_bound``); ``False`` when there is none or the entry has an abstract.
        """
        title, abstract, _ = self.sources[number]
        bound = getattr(self.scorer, "title_bound", None)
        if abstract or bound is None:
            return False
        return bool(bound(self.texts[claim_id], title) < TITLE_SUPPORTED - 1e-9)

    def cited(self) -> dict[tuple[int, int], SupportAssessment]:
        """Assessments of every claim against every listed reference it cites."""
        return {(cid, n): self.assess(cid, n) for cid, numbers in self.citations.items() for n in numbers}


_TABLES: dict[int, tuple[weakref.ref[AuditContext], SupportTable]] = {}


def support_table(
    ctx: AuditContext, scorer: Scorer | None = None, *, pubmed: Mapping[int, Any] | None = None
) -> SupportTable:
    """The audit's shared :class:`SupportTable`, built on first use and kept while ``ctx`` lives.

    Parameters
    ----------
    ctx:
        The audit context.
    scorer:
        The scorer; when ``None``, the table already built for ``ctx`` is reused,
        or a :class:`~claimcheck.support.score.LexicalScorer` fitted on the article's sources (the
        background IDF table when there are fewer than five) is used. Passing a
        scorer (or ``pubmed``) builds a fresh table.
    pubmed:
        PubMed records by reference number (:func:`claimcheck.registry.pubmed.fetch_for_references`),
        used for abstracts the registry does not have.
    """
    key = id(ctx)
    held = _TABLES.get(key)
    if held is not None and held[0]() is ctx and scorer is None and pubmed is None:
        return held[1]
    table = _build_table(ctx, scorer, pubmed or {})
    _TABLES[key] = (weakref.ref(ctx, _forget), table)
    return table


def _forget(gone: weakref.ref[AuditContext]) -> None:
    for key, (ref, _) in list(_TABLES.items()):
        if ref is gone:
            del _TABLES[key]


def assess_claims(
    ctx: AuditContext, scorer: Scorer | None = None, *, pubmed: Mapping[int, Any] | None = None
) -> dict[tuple[int, int], SupportAssessment]:
    """Score every (claim, cited listed reference) pair: ``{(claim_id, number): assessment}``.

    Call it once in ``audit()`` before the checks run (with the scorer and
    PubMed records of the audit); the checks then reuse the same table.
    """
    return support_table(ctx, scorer, pubmed=pubmed).cited()


def _build_table(ctx: AuditContext, scorer: Scorer | None, pubmed: Mapping[int, Any]) -> SupportTable:
    sources: dict[int, tuple[str | None, str | None, str]] = {}
    for ref in ctx.references:
        if ref.number is not None and ref.number not in sources:
            sources[ref.number] = source_text(
                ref, ctx.resolutions.get(ref.number), pubmed=pubmed.get(ref.number)
            )
    if scorer is None:  # the default: word rarity from the article's own sources (or biomedical text)
        docs = [f"{t}. {a}" if t and a else (a or t or "") for t, a, _ in sources.values()]
        scorer = LexicalScorer(background=True).fit(docs)
    own = {c.id: _own_text(c) for c in ctx.claims}
    index = _ClaimIndex(ctx.claims)
    texts: dict[int, str] = {}
    citations: dict[int, tuple[int, ...]] = {}
    for claim in ctx.claims:
        listed = tuple(n for n in claim.citations if n in sources)
        if listed:
            citations[claim.id] = listed
            texts[claim.id] = " ".join([*_context(index, claim, own), own[claim.id]])
    for claim in ctx.claims:  # every claim can be compared with every entry (better-matching)
        texts.setdefault(claim.id, own[claim.id])
    warm = getattr(scorer, "warm", None)
    if callable(warm):  # a model scorer embeds everything in one batch
        docs = [f"{t}. {a}" if t and a else (a or t or "") for t, a, _ in sources.values()]
        warm([texts[cid] for cid in citations] + docs + [t or "" for t, _, _ in sources.values()])
    return SupportTable(scorer, texts, own, sources, citations)


_WORD = re.compile(r"[^\W\d_]{4,}")


def _word_set(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _own_text(claim: Claim) -> str:
    """The claim's text with its citation markers cut out."""
    text = claim.text
    for marker in sorted(claim.markers, key=lambda m: m.start, reverse=True):
        a, b = marker.start - claim.start, marker.end - claim.start
        if 0 <= a < b <= len(text) and text[a:b] == marker.raw:
            text = text[:a] + text[b:]
    return " ".join(text.split())


class _ClaimIndex:
    """Claims by id and by block, built once per table (the context look-ups stay linear)."""

    def __init__(self, claims: tuple[Claim, ...]) -> None:
        self.claims = claims
        self.by_id = {c.id: c for c in claims}
        self.by_block: dict[int, list[Claim]] = {}
        self.position: dict[int, int] = {}  # a claim's place in its block's list
        for c in claims:
            if c.kind is not BlockKind.HEADING:
                block = self.by_block.setdefault(c.block_index, [])
                self.position[c.id] = len(block)
                block.append(c)
        self.order = {c.id: i for i, c in enumerate(claims)}


def _context(index: _ClaimIndex, claim: Claim, own: Mapping[int, str]) -> list[str]:
    if claim.origin in (CitationOrigin.CARRIED, CitationOrigin.INHERITED):
        anchor = index.by_id.get(claim.inherited_from) if claim.inherited_from is not None else None
        if anchor is None:
            anchor = _previous_cited(index, claim)
        return [own[anchor.id]] if anchor is not None else []
    block = index.by_block.get(claim.block_index, [])
    at = index.position.get(claim.id, 0)
    out: list[str] = []
    for prev in reversed(block[max(0, at - MAX_CONTEXT_SENTENCES - 1) : at]):  # only the last few matter
        if prev.start >= claim.start:
            continue
        if prev.citations or len(out) >= MAX_CONTEXT_SENTENCES:
            break
        out.insert(0, own[prev.id])
    return out


def _previous_cited(index: _ClaimIndex, claim: Claim) -> Claim | None:
    """The nearest earlier claim citing all this claim cites (walking back from it, not over all)."""
    wanted = set(claim.citations)
    for i in range(index.order.get(claim.id, 0) - 1, -1, -1):
        prev = index.claims[i]
        if prev.start < claim.start and wanted <= set(prev.citations):
            return prev
    return None


def _where(claim: Claim) -> dict[str, Any]:
    return {"claim_id": claim.id, "start": claim.start, "end": claim.end}


def _why(a: SupportAssessment) -> str:
    if a.source == "title":
        base = "judged on its title only"
    else:
        base = f"score {a.score:.2f} against its title and abstract"
    if a.missing_terms:
        base += "; not in it: " + ", ".join(a.missing_terms[:6])
    return base


def _finding(code: str, message: str, **where: Any) -> Finding:
    return Finding(code=code, severity=SUPPORT_CODES[code].severity, message=message, **where)


def check_unrelated_source(ctx: AuditContext) -> Iterator[Finding]:
    """``unrelated-source``: a claim citing one or two sources, one of which is unrelated to it."""
    table = support_table(ctx)
    for claim in ctx.claims:
        numbers = table.citations.get(claim.id, ())
        if not numbers or len(numbers) >= BLANKET_MIN:
            continue
        for n in numbers:
            a = table.assess(claim.id, n)
            if a.label != "unrelated":
                continue
            title = table.sources[n][0]
            # A title alone is thin evidence (about 1 in 8 true sources share no topical word
            # with their claim on the dev split): say so as info, keep warnings for abstracts.
            severity = Severity.WARNING if a.source == "abstract" else Severity.INFO
            yield Finding(
                code="unrelated-source",
                severity=severity,
                message=f"Claim {claim.id} cites [{n}], but the source looks unrelated to it ({_why(a)}): "
                f"'{clip(table.own_texts[claim.id], 70)}' vs '{clip(title, 70)}'.",
                reference_number=n,
                detail={"cited": n, "source_title": title, **a.to_dict()},
                **_where(claim),
            )


def _comparable(
    table: SupportTable, cid: int, cited: int, other: int
) -> tuple[SupportAssessment, SupportAssessment]:
    """Both assessments on the same kind of text: title and abstract for both, or titles only."""
    a, b = table.assess(cid, cited), table.assess(cid, other)
    if a.source == b.source:
        return a, b
    text = table.texts[cid]
    return (
        table.scorer.score(text, table.sources[cited][0], None),
        table.scorer.score(text, table.sources[other][0], None),
    )


def check_better_matching_reference(ctx: AuditContext) -> Iterator[Finding]:
    """``better-matching-reference``: another entry fits the claim clearly better than the cited one.

    Only for claims citing one or two entries, none of which supports the claim
    (all weak or unrelated). The other entry must be labelled ``supported`` and
    beat every cited one by :data:`BETTER_MARGIN` and by a factor of
    :data:`BETTER_FACTOR`, on the same kind of text (titles are compared with
    titles when only one side has an abstract).
    """
    table = support_table(ctx)
    for claim in ctx.claims:
        cited = table.citations.get(claim.id, ())
        if not cited or len(cited) >= BLANKET_MIN:
            continue
        labels = [table.assess(claim.id, n).label for n in cited]
        if any(label in ("supported", "not_assessable") for label in labels):
            continue
        best: tuple[float, int, float] | None = None
        for other in table.candidates(claim.id):
            if other in claim.citations or table.cannot_support(claim.id, other):
                continue
            pairs = []
            for n in cited:  # stop at the first cited entry the other does not clearly beat
                pair = _comparable(table, claim.id, n, other)
                if not _clearly_better(*pair):
                    break
                pairs.append(pair)
            if len(pairs) < len(cited):
                continue
            score = min(theirs.score for _, theirs in pairs)
            if best is None or score > best[0]:
                best = (score, other, max(mine.score for mine, _ in pairs))
        if best is None:
            continue
        score, other, mine = best
        numbers = ", ".join(f"[{n}]" for n in cited)
        yield _finding(
            "better-matching-reference",
            f"Claim {claim.id} cites {numbers}; [{other}] matches it better ({score:.2f} vs {mine:.2f}): "
            f"a wrong reference number? '{clip(table.own_texts[claim.id], 70)}' vs "
            f"'{clip(table.sources[other][0], 70)}'.",
            reference_number=cited[0],
            detail={
                "cited": list(cited),
                "better": other,
                "score_cited": round(mine, 3),
                "score_better": round(score, 3),
            },
            **_where(claim),
        )


def _clearly_better(mine: SupportAssessment, theirs: SupportAssessment) -> bool:
    return (
        theirs.label == "supported"
        and mine.label in ("weak", "unrelated")
        and theirs.score >= BETTER_FACTOR * mine.score
        and theirs.score - mine.score >= BETTER_MARGIN
    )


def check_statistics_in_source(ctx: AuditContext) -> Iterator[Finding]:
    """``statistic-not-in-source``: a number of the claim that no cited abstract contains.

    Only when every listed source the claim cites has an abstract (a number may
    be in a source we cannot read). The claim's own numbers are checked, not
    those of its context.
    """
    table = support_table(ctx)
    for claim in ctx.claims:
        cited = table.citations.get(claim.id, ())
        if not cited or any(not table.sources[n][1] for n in cited):
            continue
        stats = extract_statistics(table.own_texts[claim.id])
        if not stats:
            continue
        numbers = [extract_numbers(f"{table.sources[n][0] or ''}. {table.sources[n][1]}") for n in cited]
        for stat in stats:
            if any(find_statistic(stat, found) is not None for found in numbers):
                continue
            which = " or ".join(f"[{n}]" for n in cited)
            yield _finding(
                "statistic-not-in-source",
                f"Claim {claim.id} states {stat.raw}, which the abstract of {which} does not contain "
                "(it may be in the full text; check the number).",
                reference_number=cited[0],
                detail={"statistic": stat.raw, "value": stat.value, "kind": stat.kind, "cited": list(cited)},
                **_where(claim),
            )


def check_blanket_citation(ctx: AuditContext) -> Iterator[Finding]:
    """``blanket-citation``: a claim citing three or more sources, some unrelated to it."""
    table = support_table(ctx)
    for claim in ctx.claims:
        cited = table.citations.get(claim.id, ())
        if len(cited) < BLANKET_MIN:
            continue
        labels = {n: table.assess(claim.id, n) for n in cited}
        unrelated = [n for n, a in labels.items() if a.label == "unrelated"]
        if not unrelated:
            continue
        named = [f"[{n}] '{clip(table.sources[n][0], 50)}'" for n in unrelated]
        names = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        yield _finding(
            "blanket-citation",
            f"Claim {claim.id} cites {len(cited)} sources at once "
            f"({', '.join(str(n) for n in cited)}); {names} "
            f"{'looks' if len(unrelated) == 1 else 'look'} unrelated to it: "
            f"'{clip(table.texts[claim.id], 90)}'.",
            detail={
                "cited": list(cited),
                "unrelated": unrelated,
                "labels": {str(n): a.label for n, a in labels.items()},
                "scores": {str(n): round(a.score, 3) for n, a in labels.items()},
            },
            **_where(claim),
        )


def check_support_not_assessable(ctx: AuditContext) -> Iterator[Finding]:
    """``support-not-assessable`` (info): one finding per cited entry that could not be judged."""
    table = support_table(ctx)
    by_ref: dict[int, list[tuple[int, SupportAssessment]]] = {}
    for (cid, n), a in table.cited().items():
        if a.label == "not_assessable" and not _claim_side(a):
            by_ref.setdefault(n, []).append((cid, a))
    refs = {r.number: r for r in ctx.references if r.number is not None}
    for n, pairs in sorted(by_ref.items()):
        ref: Reference = refs[n]
        why = pairs[0][1].reasons[0] if pairs[0][1].reasons else "nothing to compare with"
        ids = [cid for cid, _ in pairs]
        shown = ", ".join(str(i) for i in ids[:8]) + (" ..." if len(ids) > 8 else "")
        yield _finding(
            "support-not-assessable",
            f"Reference {n}: whether it supports claim{'s' if len(ids) > 1 else ''} {shown} "
            f"could not be judged ({why}).",
            reference_number=n,
            start=ref.start,
            end=ref.end,
            detail={"claims": ids, "reason": why},
        )


def _claim_side(a: SupportAssessment) -> bool:
    return bool(a.reasons) and a.reasons[0].startswith("the claim")


SUPPORT_CHECKS: tuple[Check, ...] = (
    check_unrelated_source,
    check_better_matching_reference,
    check_statistics_in_source,
    check_blanket_citation,
    check_support_not_assessable,
)
