"""Citation-worthiness: does this sentence need a source? A small trained linear model.

A logistic regression over features a health editor recognises: the cue kinds of
:data:`claimcheck.read.claims.CUES` (statistic, research report, efficacy, risk),
evidential passives ("has been shown"), references to earlier work, numbers with
units, prevalence and superlative words, harm vocabulary, generic present-tense
statements about a drug, disease, gene or receptor, the section the sentence sits in
and its place in the paragraph; first-person sentences ("we found"), figure and table
pointers and test statistics mark the authors' own results. Single words and
word pairs seen in at least five training sentences (``the word 'previously'``,
``the words 'has been'``) complete it.

The weights were fitted by ``benchmarks/train_worthiness.py`` on the citing and
uncited sentences of the PLOS corpus and the Check-COVID claims, and ship as
``claimcheck/data/worthiness.json`` (scikit-learn is needed only to train). The
reasons shown to an editor are the features that pushed the score up most.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimcheck.text.caseless import lower_twin, lowers_exactly

__all__ = ["NO_CONTEXT", "Context", "Judgement", "features", "judge", "paragraph_cues", "section_family"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "worthiness.json"
#: Longest sentence read (characters); the rest of a longer one is ignored.
MAX_CHARS = 2000


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: (feature, pattern, what an editor reads): patterns over the sentence text.
PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "evidential passive",
        _rx(
            r"\b(?:has|have|had)\s+(?:also\s+|previously\s+|recently\s+|long\s+)?been\s+(?:\w+ly\s+)?"
            r"(?:shown|reported|demonstrated|found|described|suggested|implicated|proposed|identified|"
            r"observed|associated|linked|established|documented|characterized|characterised|used|studied)\b"
        ),
        "an evidential passive ('has been shown')",
    ),
    (
        "is known",
        _rx(
            r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:known|thought|believed|considered|recognized|recognised"
            r"|regarded|estimated|reported|implicated|assumed|hypothesized|postulated)\b"
        ),
        "states received knowledge ('is known', 'is thought')",
    ),
    (
        "earlier work",
        _rx(
            r"\b(?:previous(?:ly)?|prior|earlier|recent(?:ly)?|several|many|numerous|other|some)\s+"
            r"(?:\w+\s+)?(?:studies|reports|work|research|trials|authors|investigators|analyses)\b"
            r"|\b(?:literature|meta-analys[ie]s|systematic reviews?)\b"
        ),
        "points at earlier work",
    ),
    (
        "own work",
        _rx(
            r"\b(?:we|our|us|ourselves)\b|\b(?:this|the present|the current)\s+(?:study|work|paper|article)\b"
        ),
        "first person: the authors' own work",
    ),
    ("figure or table", _rx(r"\b(?:fig(?:ure)?s?\.?|tables?|supplementary|S\d)\s*\d"), "points at a figure"),
    (
        "test statistic",
        _rx(r"\b[pP]\s*[<=>≤]\s*0?\.\d|\b95\s*%|\bCI\b|\b(?:OR|HR|RR)\s*[=:]|±|\bSD\b|\bn\s*=\s*\d"),
        "reports a test statistic",
    ),
    (
        "number with unit",
        _rx(
            r"\d(?:[\d.,]*\d)?\s?(?:%|mg|g|kg|µg|μg|ng|ml|mL|l|mmol|µmol|nM|µM|mM|IU|kcal|mmHg|"
            r"°C|cm|mm|km|hours?|h|days?|weeks?|months?|years?)\b"
        ),
        "a number with a unit",
    ),
    (
        "prevalence",
        _rx(
            r"\b(?:prevalen\w*|inciden\w*|common(?:ly)?|frequent(?:ly)?|worldwide|global(?:ly)?|"
            r"millions?|billions?|estimated|affects?|burden|epidemic|pandemic|endemic|widespread)\b"
        ),
        "a prevalence word",
    ),
    (
        "superlative",
        _rx(r"\b(?:most|largest|highest|lowest|greatest|leading|major|main|primary|best|first)\b"),
        "a superlative",
    ),
    (
        "harm",
        _rx(
            r"\b(?:deaths?|mortality|morbidity|toxic\w*|adverse|harm\w*|fatal|lethal|risks?|"
            r"infections?|cancers?|tumou?rs?|disorders?|syndromes?|diseases?|damage|injur\w*)\b"
        ),
        "harm vocabulary",
    ),
    (
        "domain noun",
        _rx(
            r"\b(?:receptors?|proteins?|genes?|enzymes?|drugs?|pathways?|hormones?|antibod\w+|virus\w*|"
            r"bacteri\w+|pathogens?|species|neurons?|cells?|mutations?|inhibitors?|agonists?|antagonists?|"
            r"vaccines?|therap\w+|treatments?|medications?)\b"
        ),
        "names a drug, disease, gene or receptor",
    ),
    (
        "present tense",
        _rx(r"\b(?:is|are|has|have|can|plays?|acts?|causes?|remains?|occurs?)\b"),
        "present tense",
    ),
    ("past tense", _rx(r"\b(?:was|were|had|did)\b"), "past tense"),
    (
        "hedge",
        _rx(r"\b(?:may|might|could|possibly|perhaps|likely|unlikely|suggests?|speculate)\b"),
        "a hedge",
    ),
    ("contrast", _rx(r"\b(?:however|although|whereas|while|despite|nevertheless)\b"), "a contrast"),
    (
        "method verb",
        _rx(
            r"\b(?:were|was)\s+(?:\w+ly\s+)?(?:collected|measured|performed|analy[sz]ed|used|calculated|"
            r"obtained|recorded|included|excluded|selected|assessed|computed|estimated|randomi[sz]ed)\b"
        ),
        "describes a method",
    ),
)
_TWINS = tuple(lower_twin(pattern) for _, pattern, _ in PATTERNS)
_WORD = re.compile(r"[a-z][a-z\-]{2,}")
_PAIR_WORD = re.compile(r"[a-z][a-z\-]+")
#: Section families by heading words, in order of precedence.
_SECTIONS = (
    ("abstract", ("abstract", "summary")),
    ("introduction", ("introduction", "background")),
    ("methods", ("method", "material", "procedure", "statistical analysis", "data analysis")),
    ("results", ("result", "finding")),
    ("discussion", ("discussion", "conclusion", "remark", "limitation", "implication")),
)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a sentence sits: the heading above it, first in its paragraph, its place in the article."""

    heading: str | None = None
    first_in_block: bool = False
    position: float | None = None  # start offset / article length, 0..1
    paragraph: frozenset[str] = frozenset()  # paragraph_cues() of the whole paragraph


@dataclass(frozen=True, slots=True)
class Judgement:
    """The model's probability that a sentence needs a source, the verdict and the top reasons."""

    probability: float
    needs_source: bool
    reasons: tuple[str, ...]


_PARAGRAPH_CUES = ("own work", "figure or table", "test statistic", "earlier work", "method verb")


def paragraph_cues(text: str) -> frozenset[str]:
    """Which of the own-work and earlier-work patterns occur anywhere in a paragraph.

    >>> sorted(paragraph_cues("We measured it. See Fig 2."))
    ['figure or table', 'own work']
    """
    text = text[: 4 * MAX_CHARS]
    return frozenset(
        name for name, pattern, _ in PATTERNS if name in _PARAGRAPH_CUES and pattern.search(text)
    )


def section_family(heading: str | None) -> str | None:
    """``"introduction"``, ``"methods"``, ``"results"``, ``"discussion"``, ``"abstract"`` or None.

    >>> section_family("Materials and Methods"), section_family("Ketamine at home")
    ('methods', None)
    """
    if not heading:
        return None
    low = heading.lower()
    for family, words in _SECTIONS:
        if any(w in low for w in words):
            return family
    return None


NO_CONTEXT = Context()


def features(text: str, context: Context = NO_CONTEXT, cue_kinds: Iterable[str] = ()) -> dict[str, float]:
    """The model's features of a sentence: name -> value (absent means 0).

    >>> sorted(features("It has been shown to reduce pain.", cue_kinds=["efficacy"]))[:3]
    ['cue: efficacy', 'evidential passive', 'length: short']
    """
    text = text[:MAX_CHARS]
    out: dict[str, float] = {f"cue: {kind}": 1.0 for kind in cue_kinds}
    low = text.lower()
    fast = lowers_exactly(text)  # then the patterns' faster twins search the lower-cased text
    for (name, pattern, _), twin in zip(PATTERNS, _TWINS, strict=True):
        if twin.search(low) if fast and twin is not None else pattern.search(text):
            out[name] = 1.0
    words = len(text.split())
    out["length: " + ("short" if words < 12 else "medium" if words < 25 else "long")] = 1.0
    family = section_family(context.heading)
    out[f"section: {family or 'other'}"] = 1.0
    for name in context.paragraph:
        out["paragraph: " + name] = 1.0
    if context.first_in_block:
        out["first sentence of its paragraph"] = 1.0
    if context.position is not None:
        out[f"place in article: {min(int(context.position * 5), 4) + 1}/5"] = 1.0
    for word in _WORD.findall(low):
        out["word: " + word] = 1.0
    pairs = _PAIR_WORD.findall(low)
    for first, second in itertools.pairwise(pairs):
        out[f"words: {first} {second}"] = 1.0
    return out


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, float]:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data["bias"]), float(data["threshold"])


_LABELS = {name: label for name, _, label in PATTERNS}


# Function words: real features, but no reason to show an editor.
_STOP = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "also",
        "although",
        "among",
        "and",
        "any",
        "are",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "can",
        "could",
        "did",
        "does",
        "during",
        "each",
        "either",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "into",
        "its",
        "itself",
        "just",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "not",
        "now",
        "only",
        "other",
        "our",
        "over",
        "same",
        "should",
        "since",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "thus",
        "too",
        "under",
        "until",
        "upon",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
    ]
)


@lru_cache(maxsize=65536)
def _shown(name: str) -> bool:
    """Whether a feature makes a reason an editor can read (no function words, no repeated cue)."""
    if name.startswith("cue: "):
        return False  # the cue's own reason is listed already
    if name.startswith(("word: ", "words: ")):
        words = name.split(": ", 1)[1].split()
        return any(len(w) > 3 and w not in _STOP for w in words)
    return True


@lru_cache(maxsize=65536)
def _readable(name: str) -> str:
    if name.startswith("length: "):
        return f"a {name[8:]} sentence"
    if name.startswith("section: "):
        return f"in the {name[9:]} section" if name != "section: other" else "outside the usual sections"
    if name.startswith("place in article: "):
        return f"its place in the article ({name[18:]})"
    if name.startswith("paragraph: "):
        return f"its paragraph: {_LABELS.get(name[11:], name[11:])}"
    if name.startswith("word: "):
        return f"the word {name[6:]!r}"
    if name.startswith("words: "):
        return f"the words {name[7:]!r}"
    if name.startswith("cue: "):
        return f"a {name[5:]} cue"
    return _LABELS.get(name, name)


_OWN = frozenset({"own work", "figure or table", "test statistic", "method verb"})


def cue_overrides(feats: dict[str, float], cue_kinds: Iterable[str]) -> bool:
    """The editor's rules that flag a sentence whatever the model says.

    A research-report cue ("research shows", "a study found") always; any other cue
    (a statistic, efficacy, risk) when nothing marks the sentence as the authors' own
    (first person, a figure pointer, a test statistic, a method verb) and it is not in
    a methods or results section.
    """
    kinds = set(cue_kinds)
    if "research report" in kinds:
        return True
    own = any(name in feats for name in _OWN) or "section: methods" in feats or "section: results" in feats
    return bool(kinds) and not own


def judge(text: str, context: Context = NO_CONTEXT, cue_kinds: Iterable[str] = (), top: int = 3) -> Judgement:
    """Whether ``text`` needs a source (the model's verdict or :func:`cue_overrides`), with reasons.

    Examples
    --------
    >>> j = judge("Ketamine has been shown to reduce depressive symptoms within hours.")
    >>> j.needs_source, "model: the word 'shown'" in j.reasons
    (True, True)
    """
    weights, bias, threshold = _model()
    cue_kinds = tuple(cue_kinds)
    feats = features(text, context, cue_kinds)
    parts = {name: weights[name] * value for name, value in feats.items() if name in weights}
    z = bias + sum(parts.values())
    probability = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
    ranked = sorted((w, name) for name, w in parts.items() if w > 0 and _shown(name))[::-1][:top]
    reasons = tuple(f"model: {_readable(name)}" for _, name in ranked)
    return Judgement(probability, probability >= threshold or cue_overrides(feats, cue_kinds), reasons)
