"""Citation-worthiness: does this sentence need a source? A small trained linear model.

A logistic regression over features a health editor recognises
(:mod:`claimcheck.read.worthiness_features`): the cue kinds of
:data:`claimcheck.read.claims.CUES`, evidential passives ("has been shown"), references to
earlier work, numbers with units, prevalence and superlative words, harm vocabulary, generic
present-tense statements about a drug, disease, gene or receptor; first person ("we found"),
figure and table pointers, test statistics and method verbs mark the authors' own results.
Its strongest clue is the article's own reference list: a sentence that shares rare words with
an entry's title, or names its first author or year, most likely restates that entry
(:mod:`claimcheck.read.titlematch`). Then what a removed citation leaves behind ("et al.",
"(e.g.,)"), the sentence's paragraph (the share of its sentences in the first person, pointing
at figures, at earlier work), the section it sits in and its place, and single words and word
pairs seen in at least five training sentences.

The weights were fitted by ``benchmarks/train_worthiness.py`` on the citing and uncited
sentences of the PLOS corpus and the Check-COVID claims, and ship as
``claimcheck/data/worthiness.json`` (scikit-learn is needed only to train). The reasons shown
to an editor are the features that pushed the score up most.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path

from claimcheck.read.titlematch import TitleIndex, TitleMatch
from claimcheck.read.worthiness_features import (
    NO_CONTEXT,
    PATTERNS,
    RESIDUE,
    Context,
    features,
    paragraph_features,
    place_features,
    section_family,
    sentence_features,
)
from claimcheck.text.words import FUNCTION_WORDS

__all__ = [
    "NO_CONTEXT",
    "Context",
    "Judgement",
    "TitleIndex",
    "features",
    "judge",
    "judge_paragraph",
    "section_family",
]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "worthiness.json"


@dataclass(frozen=True, slots=True)
class Judgement:
    """The model's probability that a sentence needs a source, the verdict and, when it does,
    the top reasons."""

    probability: float
    needs_source: bool
    reasons: tuple[str, ...]


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, float, float]:
    """Weights, bias, and the probability cuts with and without the article's reference list."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    cut = float(data["threshold"])
    return (
        dict(data["weights"]),
        float(data["bias"]),
        cut,
        float(data.get("threshold_without_references", cut)),
    )


_LABELS = {name: label for name, _, label in PATTERNS + RESIDUE}
#: Features read together as one reason (the title overlap's steps and its value).
_GROUPS = {"title overlap": "title", "title overlap (three best)": "title"}


def _group(name: str) -> str:
    if name.startswith("title overlap >= "):
        return "title"
    return _GROUPS.get(name, name)


@lru_cache(maxsize=65536)
def _shown(name: str) -> bool:
    """Whether a feature makes a reason an editor can read (no function words, no repeated cue)."""
    if name.startswith("cue: "):
        return False  # the cue's own reason is listed already
    if name.startswith(("word: ", "words: ")):
        words = name.split(": ", 1)[1].split()
        return any(len(w) > 3 and w not in FUNCTION_WORDS for w in words)
    return True


def _readable(name: str, match: TitleMatch) -> str:
    if name == "title":
        shared = ", ".join(repr(w) for w in match.shared[:4])
        return f"shares rare words with the title of reference {match.number} ({shared})"
    if name == "reference author":
        return f"names {match.author}, first author of an entry of the reference list"
    if name == "reference year":
        return f"names {match.year}, the year of an entry of the reference list"
    return _worded(name)


@lru_cache(maxsize=65536)
def _worded(name: str) -> str:
    if name.startswith("length: "):
        return f"a {name[8:]} sentence"
    if name.startswith("section: "):
        return f"in the {name[9:]} section" if name != "section: other" else "outside the usual sections"
    if name.startswith("place in article: "):
        return f"its place in the article ({name[18:]})"
    if name == "paragraph: title overlap":
        return "its paragraph shares rare words with reference titles"
    if name.startswith("paragraph share: "):
        return f"its paragraph: {_LABELS.get(name[17:], name[17:])}"
    if name.startswith("word: "):
        return f"the word {name[6:]!r}"
    if name.startswith("words: "):
        return f"the words {name[7:]!r}"
    return _LABELS.get(name, name)


#: What marks a sentence as the authors' own: itself, its section, or its paragraph's sentences.
#: What marks a sentence as the authors' own (in it, or its section).
_OWN = frozenset(
    {"own work", "figure or table", "test statistic", "method verb", "section: methods", "section: results"}
)
_OWN_SENTENCE = ("own work", "figure or table", "test statistic", "method verb")
_OWN_IN_PARAGRAPH = tuple(f"paragraph share: {name}" for name in _OWN_SENTENCE)


def cue_overrides(
    feats: Mapping[str, float], cue_kinds: Iterable[str], own_paragraph: bool | None = None
) -> bool:
    """The editor's rules that flag a sentence whatever the model says.

    A research-report cue ("research shows", "a study found") always; any other cue (a
    statistic, efficacy, risk) when nothing marks the sentence as the authors' own: no first
    person, figure pointer, test statistic or method verb in it or in an uncited sentence of
    its paragraph (``own_paragraph``; None: read from the paragraph features, every sentence
    uncited), and not in a methods or results section. (Without the paragraph guard these
    cues flagged more uncited than citing PLOS sentences: 5-fold CV by article, recall 0.536
    against 0.592 at the same false-positive rate, ``benchmarks/train_worthiness.py``.)
    """
    kinds = set(cue_kinds)
    if "research report" in kinds:
        return True
    if own_paragraph is None:
        own_paragraph = any(name in feats for name in _OWN_IN_PARAGRAPH)
    return bool(kinds) and not own_paragraph and not any(name in feats for name in _OWN)


def _verdict(
    feats: Mapping[str, float],
    cue_kinds: tuple[str, ...],
    match: TitleMatch,
    top: int,
    listed: bool,
    own_paragraph: bool | None = None,
) -> Judgement:
    """``listed``: whether the article's reference list was read (the title overlap features),
    which sets the cut: without the list the score lacks its strongest clue, so its cut was set
    on training sentences scored without it, for the same share of uncited sentences flagged."""
    weights, bias, with_list, without_list = _model()
    z = bias + sum(map(mul, map(weights.get, feats, repeat(0.0)), feats.values()))  # in feats' order
    probability = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
    needs = probability >= (with_list if listed else without_list) or cue_overrides(
        feats, cue_kinds, own_paragraph
    )
    return Judgement(probability, needs, _top_reasons(feats, match, top) if needs else ())


def _top_reasons(feats: Mapping[str, float], match: TitleMatch, top: int) -> tuple[str, ...]:
    """The features that pushed the score up most, grouped and worded for an editor."""
    weights = _model()[0]
    parts: dict[str, float] = {}
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None:
            key = _group(name)
            parts[key] = parts.get(key, 0.0) + w * value
    ranked = sorted((w, name) for name, w in parts.items() if w > 0 and _shown(name))[::-1][:top]
    return tuple(f"model: {_readable(name, match)}" for _, name in ranked)


def judge(
    text: str,
    context: Context = NO_CONTEXT,
    cue_kinds: Iterable[str] = (),
    top: int = 3,
    titles: TitleIndex | None = None,
) -> Judgement:
    """Whether ``text`` needs a source (the model's verdict or :func:`cue_overrides`), with reasons.

    ``titles`` is the article's reference list (:class:`TitleIndex`); without it the
    sentence is judged on its words and place alone.

    Examples
    --------
    >>> j = judge("Ketamine has been shown to reduce depressive symptoms within hours.")
    >>> j.needs_source, j.reasons[0]
    (True, "model: the word 'shown'")
    """
    cue_kinds = tuple(cue_kinds)
    own, match = sentence_features(text, cue_kinds, titles)
    paragraph = context.paragraph if context.paragraph is not None else paragraph_features([own])
    feats = {**own, **place_features(context), **paragraph}
    return _verdict(feats, cue_kinds, match, top, titles is not None and len(titles) > 0)


def paragraph_feature_sets(
    texts: Sequence[str],
    contexts: Sequence[Context],
    cue_kinds: Sequence[Iterable[str]],
    titles: TitleIndex | None = None,
) -> list[tuple[dict[str, float], TitleMatch]]:
    """Each sentence's full features (its own, its place's, its paragraph's) and title match.

    What :func:`judge_paragraph` scores, and what ``benchmarks/train_worthiness.py`` trains on.
    """
    owns = [sentence_features(t, k, titles) for t, k in zip(texts, cue_kinds, strict=True)]
    paragraph = paragraph_features([f for f, _ in owns])
    return [
        ({**own, **place_features(c), **paragraph}, match)
        for (own, match), c in zip(owns, contexts, strict=True)
    ]


def judge_paragraph(
    texts: Sequence[str],
    contexts: Sequence[Context],
    cue_kinds: Sequence[Iterable[str]],
    titles: TitleIndex | None = None,
    top: int = 3,
    cited: Sequence[bool] | None = None,
) -> list[Judgement]:
    """:func:`judge` for each sentence of a paragraph, each seeing what its paragraph's sentences share.

    ``cited`` says which sentences carry a citation: the authors' own-work cues of those do not
    keep the cue rules from flagging the others (a cited "95% CI" is someone else's result).

    >>> a, b = judge_paragraph(["We measured it.", "It rose (Fig 2)."], [NO_CONTEXT] * 2, [(), ()])
    >>> a.needs_source or b.needs_source
    False
    """
    kinds = [tuple(k) for k in cue_kinds]
    sets = paragraph_feature_sets(texts, contexts, kinds, titles)
    listed = titles is not None and len(titles) > 0
    flags = cited if cited is not None else [False] * len(texts)
    own = any(not c and any(n in f for n in _OWN_SENTENCE) for (f, _), c in zip(sets, flags, strict=True))
    return [_verdict(f, k, m, top, listed, own) for (f, m), k in zip(sets, kinds, strict=True)]
