"""Claim vs source text: a support score in [0, 1] with its reasons.

The default :class:`LexicalScorer` is deterministic, needs no model and scores
thousands of pairs a second. It asks: how much of what the claim says, weighted
by how telling each word is, does the source text say too? Words are stemmed
content terms (:mod:`claimcheck.support.terms`), abbreviations are expanded, and the
claim's statistics are looked up among the source's numbers
(:mod:`claimcheck.support.numbers`). Another scorer (e.g.
:class:`claimcheck.support.semantic.SemanticScorer`) plugs in through :class:`Scorer`.

>>> a = score_support("Ketamine relieves treatment-resistant depression (TRD).",
...                   "Ketamine for TRD: a randomised trial")
>>> a.label, a.source, a.matched_terms
('supported', 'title', ('ketamine', 'treatment-resistant', 'depression'))
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from claimcheck.support.claimside import ClaimSide
from claimcheck.support.numbers import find_statistic
from claimcheck.support.sources import source_text, strip_jats
from claimcheck.support.terms import Doc, Unit, analyse

__all__ = [
    "ABSTRACT_SUPPORTED",
    "ABSTRACT_UNRELATED",
    "TITLE_SUPPORTED",
    "LexicalScorer",
    "Scorer",
    "SupportAssessment",
    "label_for",
    "score_support",
    "source_text",
    "strip_jats",
]

LABELS = ("supported", "weak", "unrelated", "not_assessable")

# Label thresholds on the (unfitted) lexical score, by kind of source text: a
# title alone says far less than a title with its abstract. Read once off the
# Check-COVID dev split as a whole (benchmarks/support_eval.py --thresholds), not
# tuned to single examples: "supported" is the 97.5th percentile of claims scored
# against another paper's source (so about 1 in 40 unrelated sources reaches it);
# "unrelated" (abstracts) the 5th percentile of claims scored against their own
# paper (so about 1 in 20 true sources falls below it). For a title alone the
# 5th percentile of own-source scores is 0, so "unrelated" there is a rule, not
# a threshold: no topical word in common (12% of true titles, 56% of others).
ABSTRACT_SUPPORTED = 0.40
ABSTRACT_UNRELATED = 0.22
TITLE_SUPPORTED = 0.23

#: A title with fewer content words than this says too little to judge by.
MIN_TITLE_TERMS = 3
#: A claim with less topical weight than this (about two topical words) is not judged.
MIN_CLAIM_WEIGHT = 1.5

GENERIC_WEIGHT = 0.3  # a generic word ("study", "patients") against a topical one (1.0)
NUMBER_WEIGHT = 1.0  # a statistic of the claim counts as one topical word
NEAR_CREDIT = 0.7  # "neandertal" for "neanderthal", "hydroxychloroquinewas" for "hydroxychloroquine"
TITLE_BOOST = 2.0  # a word of the title counts as two mentions
K1 = 0.5  # BM25-like saturation: one mention in a text of average length gives full credit
B = 0.5  # length normalisation
PHRASE_WEIGHT = 0.3  # share of the score given to the claim's word pairs found side by side
IDF_FLOOR = 0.2  # weight kept by a word that every compared source contains
MIN_FIT_DOCS = 5  # fewer sources than this say nothing about word rarity
#: Document frequencies of the scorer's stems in a biomedical corpus (PLOS paragraphs and
#: reference titles, PubMed abstracts), built once by benchmarks/build_background_idf.py.
BACKGROUND_PATH = Path(__file__).resolve().parent.parent / "data" / "background_df.json.gz"


@cache
def background_df() -> tuple[int, Mapping[str, int]]:
    """``(number of documents, document frequency by stem)`` of the shipped background table."""
    with gzip.open(BACKGROUND_PATH, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return int(data["n_docs"]), data["df"]


def _idf(df: int, n_docs: int) -> float:
    """IDF scaled to 0..1: 1 for a word in no document, 0 for a word in all of them."""
    return max(0.0, math.log((n_docs + 1) / (df + 0.5)) / math.log((n_docs + 1) / 0.5))


AVG_LENGTH = {"abstract": 180.0, "title": 12.0}


@dataclass(frozen=True, slots=True, repr=False)
class SupportAssessment:
    """How well one source text supports one claim, and why.

    ``label`` is ``supported``, ``weak``, ``unrelated`` or ``not_assessable``;
    ``source`` says what was compared: ``abstract`` (title and abstract),
    ``title`` (a title alone) or ``none``. ``matched_terms`` and
    ``missing_terms`` are claim words as written; ``missing_terms`` lists only
    topical words. Numbers are as written in the claim.
    """

    score: float
    label: str
    reasons: tuple[str, ...] = ()
    matched_terms: tuple[str, ...] = ()
    missing_terms: tuple[str, ...] = ()
    matched_numbers: tuple[str, ...] = ()
    missing_numbers: tuple[str, ...] = ()
    source: str = "none"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields (for a finding's ``detail`` or a graph edge)."""
        return {
            "score": round(self.score, 3),
            "label": self.label,
            "source": self.source,
            "reasons": list(self.reasons),
            "matched_terms": list(self.matched_terms),
            "missing_terms": list(self.missing_terms),
            "matched_numbers": list(self.matched_numbers),
            "missing_numbers": list(self.missing_numbers),
        }

    def __repr__(self) -> str:
        return f"<SupportAssessment {self.label} {self.score:.2f} ({self.source})>"


@runtime_checkable
class Scorer(Protocol):
    """Anything that scores a claim against a source's title and abstract."""

    def score(self, claim: str, title: str | None, abstract: str | None) -> SupportAssessment:
        """Assess ``claim`` against the source text (either part may be missing)."""
        ...


def label_for(score: float, source: str, *, topical_match: bool = True) -> str:
    """The label of a lexical ``score`` for a source of kind ``abstract`` or ``title``.

    A title alone is called ``unrelated`` only when it shares no topical word
    with the claim (``topical_match=False``): a low score against a title is
    too common among true sources to mean anything by itself.

    >>> label_for(0.6, "abstract"), label_for(0.3, "abstract"), label_for(0.1, "abstract")
    ('supported', 'weak', 'unrelated')
    >>> label_for(0.05, "title"), label_for(0.05, "title", topical_match=False)
    ('weak', 'unrelated')
    """
    if source == "none":
        return "not_assessable"
    if source == "abstract":
        if score >= ABSTRACT_SUPPORTED:
            return "supported"
        return "unrelated" if score < ABSTRACT_UNRELATED or not topical_match else "weak"
    if score >= TITLE_SUPPORTED:
        return "supported"
    return "weak" if topical_match else "unrelated"


@dataclass(frozen=True)
class LexicalScorer:
    """The default scorer: weighted coverage of the claim's terms by the source.

    Each idea of the claim (a stemmed word, an abbreviation with its expansion,
    a statistic) gets a weight: topical words 1, generic words
    :data:`GENERIC_WEIGHT`, function words nothing; after :meth:`fit`, words
    common to all the compared sources weigh less (IDF). Its credit is the
    BM25-like saturated count of the word in the source (title words count
    :data:`TITLE_BOOST` times), partial for a near-miss spelling. The score is
    the weighted mean credit, blended (:data:`PHRASE_WEIGHT`) with the share of
    the claim's adjacent word pairs that the source also has side by side.

    Examples
    --------
    >>> scorer = LexicalScorer()
    >>> a = scorer.score("Of the 1,247 ketamine users, 30% relapsed.", "Ketamine relapse",
    ...                  "Among 1247 ketamine users, 41% relapsed within a year.")
    >>> a
    <SupportAssessment supported 0.86 (abstract)>
    >>> a.matched_numbers, a.missing_numbers
    (('1,247',), ('30%',))
    >>> fitted = scorer.fit(["Ketamine for depression", "Depression in the US"])
    """

    df: Mapping[str, int] = field(default_factory=dict, compare=False)
    n_docs: int = 0
    avg_length: Mapping[str, float] = field(default_factory=lambda: dict(AVG_LENGTH), compare=False)
    name: str = "lexical"
    background: bool = False
    #: The claim side of :meth:`score`, per claim text (a claim is scored against many sources).
    _claims: dict[str, ClaimSide] = field(default_factory=dict, init=False, compare=False, repr=False)

    def fit(self, sources: Iterable[str]) -> LexicalScorer:
        """A scorer whose word weights also reflect how many of ``sources`` contain each word.

        Pass the texts that will be compared (the article's reference titles and
        abstracts); with fewer than :data:`MIN_FIT_DOCS` texts the weights are
        left as they are.
        """
        docs = [analyse(s) for s in sources if s and s.strip()]
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.counts.keys())
        lengths = [d.length for d in docs if d.length > 40]
        avg = dict(AVG_LENGTH)
        if lengths:
            avg["abstract"] = sum(lengths) / len(lengths)
        return LexicalScorer(
            df=dict(df), n_docs=len(docs), avg_length=avg, name=self.name, background=self.background
        )

    def weight(self, unit: Unit) -> float:
        """The weight of one claim idea (see the class docstring)."""
        prior = GENERIC_WEIGHT if unit.generic else 1.0
        if self.n_docs >= MIN_FIT_DOCS:  # the compared sources say best what is common here
            idf = _idf(max(self.df.get(t, 0) for t in unit.forms[0]), self.n_docs)
        elif self.background:  # too few sources: how common the word is in biomedical text
            n_docs, table = background_df()
            idf = _idf(max(table.get(t, 0) for t in unit.forms[0]), n_docs)
        else:
            return prior
        return prior * (IDF_FLOOR + (1 - IDF_FLOOR) * idf)

    def score(self, claim: str, title: str | None, abstract: str | None) -> SupportAssessment:
        """Assess ``claim`` against a title and/or abstract (see :func:`score_support`)."""
        title = _clean(title)
        abstract = _clean(strip_jats(abstract) if abstract and "<" in abstract else abstract)
        if not title and not abstract:
            return _not_assessable("no source text to compare with (no title, no abstract)")
        kind = "abstract" if abstract else "title"
        side = self._claim_side(claim)
        cdoc, weights = side.doc, side.weights
        tdoc = analyse(title) if title else None
        sdoc = analyse(f"{title}. {abstract}" if title and abstract else (abstract or title))
        stats = side.statistics() if kind == "abstract" else []
        topical = side.topical + NUMBER_WEIGHT * len(stats)
        if kind == "title" and len(sdoc.counts) < MIN_TITLE_TERMS:
            return _not_assessable(f"the title '{title}' is too short to judge by", kind)
        weighted = self.n_docs >= MIN_FIT_DOCS or self.background
        if topical < MIN_CLAIM_WEIGHT * (self._floor() if weighted else 1.0):
            return _not_assessable("the claim has too few topical words to judge", kind)
        norm = 1 - B + B * sdoc.length / self.avg_length.get(kind, AVG_LENGTH[kind])
        total = got = 0.0
        matched, missing = [], []
        topical_match = False
        for (unit, w), surface in zip(weights, side.surfaces, strict=True):
            credit = _credit(unit, sdoc, tdoc, norm)
            total += w
            got += w * credit
            if credit > 0:
                matched.append(surface)
                topical_match = topical_match or not unit.generic
            elif not unit.generic:
                missing.append(surface)
        found_n, missing_n = [], []
        for stat in stats:
            total += NUMBER_WEIGHT
            if find_statistic(stat, sdoc.numbers) is not None:
                got += NUMBER_WEIGHT
                found_n.append(stat.raw)
                topical_match = True
            else:
                missing_n.append(stat.raw)
        value = got / total if total else 0.0
        pairs = cdoc.bigrams
        if pairs:
            phrases = sum(1 for pair in pairs if pair in sdoc.bigrams) / len(pairs)
            value = (1 - PHRASE_WEIGHT) * value + PHRASE_WEIGHT * phrases
        label = label_for(value, kind, topical_match=topical_match)
        return SupportAssessment(
            score=value,
            label=label,
            reasons=_reasons(label, value, kind, matched, missing, found_n, missing_n),
            matched_terms=tuple(dict.fromkeys(matched)),
            missing_terms=tuple(dict.fromkeys(missing)),
            matched_numbers=tuple(found_n),
            missing_numbers=tuple(missing_n),
            source=kind,
        )

    def _floor(self) -> float:
        return IDF_FLOOR

    def title_bound(self, claim: str, title: str | None) -> float:
        """At least the score :meth:`score` gives ``claim`` against ``title`` alone; cheap.

        The weight of the claim's units that the title can credit at all stands for
        the credited weight (:meth:`~claimcheck.support.claimside.ClaimSide.reachable_weight`);
        the phrase share is exact. A pair whose bound is below a label's threshold
        cannot get that label.
        """
        title = _clean(title)
        if not title:
            return 0.0
        side, sdoc = self._claim_side(claim), analyse(title)
        total = sum(w for _, w in side.weights)
        value = side.reachable_weight(sdoc) / total if total else 0.0
        pairs = side.doc.bigrams
        if pairs:
            value = (1 - PHRASE_WEIGHT) * value + PHRASE_WEIGHT * len(pairs & sdoc.bigrams) / len(pairs)
        return value

    def _claim_side(self, claim: str) -> ClaimSide:
        """The claim's analysis, unit weights and surfaces: worked out once per claim text."""
        side = self._claims.get(claim)
        if side is None:
            if len(self._claims) >= _MAX_CLAIMS:
                self._claims.clear()
            doc = analyse(claim)
            weights = [(u, self.weight(u)) for u in doc.units]
            topical = sum(w for u, w in weights if not u.generic)
            side = ClaimSide(claim, doc, weights, topical, [_surface(u) for u in doc.units])
            self._claims[claim] = side
        return side


_MAX_CLAIMS = 4096  # claim sides a scorer keeps (an article has a few hundred claims)


def _credit(unit: Unit, sdoc: Doc, tdoc: Doc | None, norm: float) -> float:
    forms = unit.forms
    if unit.surface in sdoc.definitions:
        forms = (*forms, tuple(analyse(sdoc.definitions[unit.surface]).counts))
    best = 0.0
    for form in forms:
        if len(form) == 1:  # most units: one word (the same value as the mean of one part)
            value = _term_credit(form[0], sdoc, tdoc, norm)
        elif form:
            value = sum([_term_credit(t, sdoc, tdoc, norm) for t in form]) / len(form)
        else:
            continue
        if value > best:
            best = value
    return best


def _term_credit(term: str, sdoc: Doc, tdoc: Doc | None, norm: float) -> float:
    tf = sdoc.counts.get(term, 0) + (TITLE_BOOST - 1) * (tdoc.counts.get(term, 0) if tdoc else 0)
    if tf:
        return min(1.0, (K1 + 1) * tf / (tf + K1 * norm))
    if len(term) >= 6 and term.isalpha():
        for other in sdoc.prefixes.get(term[:5], ()):
            common = len(_common_prefix(term, other))
            if common >= max(5, 0.75 * min(len(term), len(other))):
                return NEAR_CREDIT
    return 0.0


def _surface(unit: Unit) -> str:
    word = unit.surface.replace("’", "'")
    return (word[:-2] if word.lower().endswith("'s") else word).lower()


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


def _reasons(
    label: str,
    value: float,
    kind: str,
    matched: list[str],
    missing: list[str],
    found: list[str],
    lost: list[str],
) -> tuple[str, ...]:
    against = "title and abstract" if kind == "abstract" else "title only"
    out = [f"{label} ({value:.2f}) against the {against}"]
    if label == "unrelated" and kind == "title":
        out.append(
            "only generic words in common with the title"
            if matched
            else "no word of the claim is in the title"
        )
    if matched:
        out.append("matched: " + ", ".join(dict.fromkeys(matched)))
    if missing:
        out.append("not in the source: " + ", ".join(dict.fromkeys(missing)))
    if found:
        out.append("numbers found: " + ", ".join(found))
    if lost:
        out.append("numbers not found: " + ", ".join(lost))
    return tuple(out)


def _not_assessable(why: str, kind: str = "none") -> SupportAssessment:
    return SupportAssessment(0.0, "not_assessable", (why,), source=kind)


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def score_support(
    claim: str, title: str | None, abstract: str | None = None, *, scorer: Scorer | None = None
) -> SupportAssessment:
    """Score how well a source (its title, and abstract when known) supports a claim.

    Parameters
    ----------
    claim:
        The claim's sentence, citation markers removed.
    title, abstract:
        The source's text; JATS markup in the abstract is stripped.
    scorer:
        Any :class:`Scorer`; the default is a :class:`LexicalScorer`.

    Returns
    -------
    SupportAssessment
        The score in [0, 1], the label and the reasons.

    Examples
    --------
    >>> score_support("Ketamine helps depression.", "Efficacy of ketamine therapy in depression").label
    'supported'
    >>> score_support("Ketamine helps depression.", None).label
    'not_assessable'
    """
    return (scorer or _DEFAULT).score(claim, title, abstract)


_DEFAULT = LexicalScorer()
