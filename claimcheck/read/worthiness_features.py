"""The citation-worthiness model's features: what an editor sees in a sentence and around it.

Three kinds, each a name -> value mapping (absent means 0):

* the sentence's own (:func:`sentence_features`): the cue kinds of
  :data:`claimcheck.read.claims.CUES`, the :data:`PATTERNS` (evidential passives, earlier work,
  numbers with units, prevalence, superlative and harm words, generic present-tense statements
  about a drug, disease, gene or receptor; first person, figure pointers, test statistics and
  method verbs mark the authors' own results), what a removed citation leaves behind
  (:data:`RESIDUE`: "et al.", brackets emptied to "(e.g.,)", "as described in."), its overlap
  with the titles, authors and years of the article's reference list
  (:mod:`claimcheck.read.titlematch`), its length, and its words and word pairs;
* its paragraph's (:func:`paragraph_features`): the share of the paragraph's sentences with
  each own-work or earlier-work pattern, and their mean title overlap;
* its place (:class:`Context`): the section family of the heading above it, first in its
  paragraph, its fifth of the article.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.read.guards import NEEDLES, WORDS
from claimcheck.read.titlematch import NO_MATCH, TitleIndex, TitleMatch
from claimcheck.text.caseless import lower_twin, lowers_exactly
from claimcheck.text.literals import Guarded, guard
from claimcheck.text.wordguards import text_words, word_guard

__all__ = [
    "NO_CONTEXT",
    "PATTERNS",
    "RESIDUE",
    "Context",
    "features",
    "paragraph_features",
    "place_features",
    "section_family",
    "sentence_features",
]

#: Longest sentence read (characters); the rest of a longer one is ignored.
MAX_CHARS = 2000


def _guard(pattern: re.Pattern[str] | None) -> re.Pattern[str] | Guarded | None:
    return None if pattern is None else guard(pattern, NEEDLES)


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
#: What a citation removed from the text leaves behind: (feature, pattern, what an editor reads).
RESIDUE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("et al.", re.compile(r"\bet al\b"), "names other authors ('et al.')"),
    (
        "emptied brackets",
        _rx(
            r"\(\s*(?:[,;:–-]|e\.g\.|i\.e\.|see|also|cf\.|and|reviewed in|for (?:a )?reviews?|"
            r"for example|refs?\.?|\s)*\)"
        ),
        "brackets left empty ('(e.g.,)'): a citation may be missing",
    ),
    (
        "dangling word",
        _rx(
            r"\b(?:in|by|of|to|from|see|and|with|as|than|for|on|e\.g\.|i\.e\.|cf\.|including|refs?\.?)\s*[.,;:)\]]"
        ),
        "a word left hanging ('as described in.'): a citation may be missing",
    ),
    (
        "doubled punctuation",
        re.compile(r"[.,;:]\s*[.,;:]|\(\s*[,;:]|[,;]\s*\)"),
        "doubled punctuation ('in Refs..'): a citation may be missing",
    ),
)
_ALL_PATTERNS = PATTERNS + RESIDUE
#: The patterns' lower-cased twins (:mod:`claimcheck.text.caseless`), searched when they agree,
#: and the case-sensitive patterns, each guarded by the strings its matches hold
#: (:mod:`claimcheck.text.literals`, stored in :mod:`claimcheck.read.guards`).
_TWINS = tuple(_guard(twin) for twin in (lower_twin(pattern) for _, pattern, _ in _ALL_PATTERNS))
_SEARCHED = tuple(
    pattern if pattern.flags & re.IGNORECASE else guard(pattern) for _, pattern, _ in _ALL_PATTERNS
)


def _whole_words(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``pattern`` when its every match is a whole word (a maximal run of ``\\w``): one group of
    alternatives spelled with ASCII letters, optional ones, letter classes and ``\\w*``/``\\w+``
    between two ``\\b``. Then it is found in a text exactly when it matches one of the text's words."""
    if pattern is None or pattern.flags != re.UNICODE:  # re.ASCII would read words otherwise
        return None
    source = pattern.pattern
    inner = source[5:-3]
    if not (source.startswith(r"\b(?:") and source.endswith(r")\b") and _WORD_SHAPED.fullmatch(inner)):
        return None
    depth = 0
    for char in inner:  # the group opened at the start closes only at the end
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return None
    return pattern


_WORD_SHAPED = re.compile(r"(?:[a-z|?\[\]*+)]|\(\?:|\\w)+")
#: The lower-cased twins that match whole words only (:func:`_whole_words`), by feature name.
_WORD_TWINS = {
    name: twin
    for (name, _, _), twin in zip(
        _ALL_PATTERNS, (_whole_words(lower_twin(p)) for _, p, _ in _ALL_PATTERNS), strict=True
    )
    if twin is not None
}
#: The other twins' guards of words and strings (:mod:`claimcheck.text.wordguards`), where they
#: have no guard of strings (else None).
_NEEDS = tuple(
    None if name in _WORD_TWINS or twin is None or isinstance(guarded, Guarded) else word_guard(twin, WORDS)
    for (name, _, _), twin, guarded in zip(
        _ALL_PATTERNS, (lower_twin(p) for _, p, _ in _ALL_PATTERNS), _TWINS, strict=True
    )
)


@lru_cache(maxsize=65536)
def _word_hits(word: str) -> frozenset[str]:
    """The names of the :data:`_WORD_TWINS` that match ``word`` (a lower-cased run of ``\\w``)."""
    return frozenset(name for name, twin in _WORD_TWINS.items() if twin.fullmatch(word))


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
#: Title-overlap scores from which a sentence gets a step feature ("title overlap >= 1").
TITLE_STEPS = (0.5, 1.0, 1.5, 2.0, 3.0)
#: The sentence features a paragraph shares out ("paragraph share: own work" = 2 of 5 sentences).
PARAGRAPH_KEYS = (
    "own work",
    "figure or table",
    "test statistic",
    "earlier work",
    "method verb",
    "evidential passive",
    "is known",
    "hedge",
    "past tense",
    "present tense",
    "et al.",
    "emptied brackets",
    "dangling word",
    "reference author",
)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a sentence sits: the heading above it, first in its paragraph, its place in the article,
    and its paragraph's features (:func:`paragraph_features`; None: the sentence is its own paragraph)."""

    heading: str | None = None
    first_in_block: bool = False
    position: float | None = None  # start offset / article length, 0..1
    paragraph: Mapping[str, float] | None = None


NO_CONTEXT = Context()


@lru_cache(maxsize=1024)  # read for every sentence under the same heading
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


def title_features(match: TitleMatch) -> dict[str, float]:
    """A sentence's overlap with its article's reference list, as features.

    >>> sorted(title_features(TitleMatch(score=1.2, top3=2.0, number=3, author="Smith")))[:3]
    ['reference author', 'title overlap', 'title overlap (three best)']
    """
    out: dict[str, float] = {}
    if match.score > 0:
        out["title overlap"] = min(match.score, 3.0)
        out["title overlap (three best)"] = min(match.top3, 6.0) / 2
        for step in TITLE_STEPS:
            if match.score >= step:
                out[f"title overlap >= {step}"] = 1.0
    if match.author:
        out["reference author"] = 1.0
    if match.year:
        out["reference year"] = 1.0
    return out


def sentence_features(
    text: str, cue_kinds: Iterable[str] = (), titles: TitleIndex | None = None
) -> tuple[dict[str, float], TitleMatch]:
    """The sentence's own features, and its match with the reference list (``NO_MATCH`` without one).

    >>> sorted(sentence_features("It has been shown to reduce pain.", ["efficacy"])[0])[:3]
    ['cue: efficacy', 'evidential passive', 'length: short']
    """
    text = text[:MAX_CHARS]
    out: dict[str, float] = {f"cue: {kind}": 1.0 for kind in cue_kinds}
    low = text.lower()
    fast = lowers_exactly(text)  # then the patterns' faster twins search the lower-cased text
    # and a twin of whole words is found when one of the text's words is one of its words;
    # another is searched only when the text's words and strings meet its word guard
    tokens = text_words(low) if fast else frozenset()
    hits = frozenset().union(*map(_word_hits, tokens))
    for (name, _, _), pattern, twin, need in zip(_ALL_PATTERNS, _SEARCHED, _TWINS, _NEEDS, strict=True):
        if not fast or twin is None:
            found = pattern.search(text) is not None
        elif name in _WORD_TWINS:
            found = name in hits
        else:
            found = (need is None or need.possible(tokens, low)) and twin.search(low) is not None
        if found:
            out[name] = 1.0
    words = len(text.split())
    out["length: " + ("short" if words < 12 else "medium" if words < 25 else "long")] = 1.0
    for word in _WORD.findall(low):
        out["word: " + word] = 1.0
    for first, second in itertools.pairwise(_PAIR_WORD.findall(low)):
        out[f"words: {first} {second}"] = 1.0
    match = titles.match(text) if titles is not None else NO_MATCH
    out.update(title_features(match))
    return out, match


def paragraph_features(sentences: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """What a paragraph's sentences share: each :data:`PARAGRAPH_KEYS` feature's share, mean title overlap.

    >>> paragraph_features([{"own work": 1.0, "title overlap": 2.0}, {}])
    {'paragraph: title overlap': 1.0, 'paragraph share: own work': 0.5}
    """
    n = len(sentences)
    if not n:
        return {}
    out = {"paragraph: title overlap": sum(s.get("title overlap", 0.0) for s in sentences) / n}
    for key in PARAGRAPH_KEYS:
        share = sum(1 for s in sentences if key in s) / n
        if share:
            out["paragraph share: " + key] = share
    return out


def place_features(context: Context) -> dict[str, float]:
    """The section family above the sentence, first in its paragraph, its fifth of the article.

    >>> place_features(Context("Methods", True, 0.5))
    {'section: methods': 1.0, 'first sentence of its paragraph': 1.0, 'place in article: 3/5': 1.0}
    """
    out = {f"section: {section_family(context.heading) or 'other'}": 1.0}
    if context.first_in_block:
        out["first sentence of its paragraph"] = 1.0
    if context.position is not None:
        out[f"place in article: {min(int(context.position * 5), 4) + 1}/5"] = 1.0
    return out


def features(
    text: str, context: Context = NO_CONTEXT, cue_kinds: Iterable[str] = (), titles: TitleIndex | None = None
) -> dict[str, float]:
    """The model's features of a sentence: its own, its place's and its paragraph's.

    Without ``context.paragraph`` the sentence is read as a paragraph of its own.

    >>> sorted(features("It has been shown to reduce pain.", cue_kinds=["efficacy"]))[:3]
    ['cue: efficacy', 'evidential passive', 'length: short']
    """
    own, _ = sentence_features(text, cue_kinds, titles)
    paragraph = context.paragraph if context.paragraph is not None else paragraph_features([own])
    return {**own, **place_features(context), **paragraph}
