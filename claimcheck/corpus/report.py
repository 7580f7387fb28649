"""``CorpusReport``: what a corpus audit found, article by article and source by source.

- :meth:`CorpusReport.ranked`: articles by risk, that is errors, then warnings,
  then uncited check-worthy claims, each per 1,000 words of the article's body;
- :meth:`CorpusReport.cited_most`: the works cited by the most articles, with
  their registry status and notices;
- :meth:`CorpusReport.flagged`: every article citing a retracted, partly
  retracted or concerned work (registry notices);
- :meth:`CorpusReport.disagreements`: works (same DOI) cited by several
  articles whose reference entries disagree on the year, the title or the
  first author;
- as tables in a notebook, as DataFrames (:meth:`CorpusReport.to_dataframe`),
  as a standalone HTML index linking each article's own report
  (:meth:`CorpusReport.to_html`), and as JSON Lines (:meth:`CorpusReport.to_jsonl`).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.corpus.results import ArticleResult, CitedRef

__all__ = ["CitedWork", "CorpusReport", "Disagreement", "FlaggedCitation"]

_FLAGGED = ("retracted", "partially-retracted", "concern")
_TITLE_SAME = 90.0  # rapidfuzz ratio (0-100) above which two folded titles are one title written twice


@dataclass(frozen=True, slots=True)
class CitedWork:
    """One DOI and the articles citing it."""

    doi: str
    articles: int
    status: str | None
    title: str | None
    update: str | None


@dataclass(frozen=True, slots=True)
class FlaggedCitation:
    """An article citing a work with a retraction or concern notice."""

    article: str
    reference: int | None
    doi: str
    update: str
    title: str | None
    report_file: str | None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Articles citing one DOI with different values for ``field``: each value with its articles."""

    doi: str
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]


class CorpusReport:
    """The results of :func:`claimcheck.audit_many`, one per source (failures included).

    ``stats`` says what the run did (articles, unique contents, reused from a
    previous run, audited, failed, unique DOIs, seconds); ``registry`` the
    resolver's request counts; ``folder`` where results and reports were kept.
    """

    def __init__(
        self,
        results: Iterable[ArticleResult],
        *,
        folder: str | os.PathLike[str] | None = None,
        stats: Mapping[str, Any] | None = None,
        registry: Any = None,
    ) -> None:
        self.results = tuple(results)
        self.folder = Path(folder) if folder is not None else None
        self.stats = dict(stats or {})
        self.registry = registry

    # -- the tables ------------------------------------------------------------------------------

    @property
    def failures(self) -> list[ArticleResult]:
        """Articles that could not be audited, with the reason."""
        return [r for r in self.results if not r.ok]

    def ranked(self) -> list[ArticleResult]:
        """Audited articles, riskiest first (see the module docstring); ties by name."""
        ok = [r for r in self.results if r.ok]
        return sorted(ok, key=lambda r: (tuple(-x for x in r.risk), r.name))

    def cited_most(self, n: int | None = 20) -> list[CitedWork]:
        """The ``n`` DOIs cited by the most articles (all with ``None``), with their status."""
        count: Counter[str] = Counter()
        seen: dict[str, CitedRef] = {}
        for result in self.results:
            for doi in {c.doi for c in result.cited if c.doi}:
                count[doi] += 1
            for c in result.cited:
                if c.doi and (
                    c.doi not in seen or (seen[c.doi].status != "resolved" and c.status == "resolved")
                ):
                    seen[c.doi] = c
        top = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
        top = top if n is None else top[:n]
        return [
            CitedWork(
                doi,
                k,
                seen[doi].status,
                seen[doi].registered_title or seen[doi].cited_title,
                seen[doi].update,
            )
            for doi, k in top
        ]

    def flagged(self) -> list[FlaggedCitation]:
        """Every citation of a retracted, partly retracted or concerned work, by article."""
        out = []
        for result in self.results:
            for c in result.cited:
                if c.doi and c.update in _FLAGGED:
                    title = c.registered_title or c.cited_title
                    out.append(
                        FlaggedCitation(result.name, c.number, c.doi, c.update, title, result.report_file)
                    )
        return sorted(out, key=lambda f: (_FLAGGED.index(f.update), f.doi, f.article))

    def disagreements(self) -> list[Disagreement]:
        """DOIs whose citing articles give different years, titles or first authors."""
        by_doi: dict[str, list[tuple[str, CitedRef]]] = defaultdict(list)
        for result in self.results:
            for c in result.cited:
                if c.doi:
                    by_doi[c.doi].append((result.name, c))
        out = []
        for doi in sorted(by_doi):
            cites = by_doi[doi]
            if len({name for name, _ in cites}) < 2:
                continue
            for field_name, value_of in _FIELDS:
                groups = _group([(name, value_of(c)) for name, c in cites], same=_SAME[field_name])
                if len(groups) > 1:
                    values = tuple((value, tuple(sorted(set(names)))) for value, names in groups)
                    out.append(Disagreement(doi, field_name, values))
        return out

    def articles_citing(self, doi: str) -> list[str]:
        """The articles citing ``doi`` (any case): "which of our articles cite this paper?"."""
        key = doi.strip().lower()
        return [r.name for r in self.results if any(c.doi == key for c in r.cited)]

    # -- views -----------------------------------------------------------------------------------------

    def to_dataframe(self, kind: str = "articles") -> Any:
        """A table as a pandas DataFrame: ``articles`` (ranked), ``sources``, ``flagged``,
        ``disagreements`` or ``failures`` (pandas: the ``notebook`` extra)."""
        from claimcheck.corpus.views import to_dataframe

        return to_dataframe(self, kind)

    def to_html(self, path: str | os.PathLike[str] | None = None, *, title: str = "Corpus audit") -> str:
        """A standalone HTML index (no scripts) linking each article's report; written to ``path`` when given.

        Links are relative to the results folder: write the index there
        (``folder / "index.html"``) for them to work.
        """
        from claimcheck.corpus.views import index_page

        text = index_page(self, title=title)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def _repr_html_(self) -> str:
        from claimcheck.corpus.views import notebook_html

        return notebook_html(self)

    def to_jsonl(self, path: str | os.PathLike[str] | None = None) -> str:
        """One JSON object per article (its result with risk figures); written to ``path`` when given."""
        text = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in self.results)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_text(self, top: int = 10) -> str:
        """A plain-text summary: counts, the riskiest articles, flagged citations, failures."""
        from claimcheck.corpus.views import text_summary

        return text_summary(self, top=top)

    def write(self, folder: str | os.PathLike[str] | None = None) -> Path:
        """Write ``index.html`` and ``corpus.jsonl`` into ``folder`` (default: the results folder)."""
        where = Path(folder) if folder is not None else self.folder
        if where is None:
            raise ValueError("no folder: give one, or run audit_many with results=...")
        where.mkdir(parents=True, exist_ok=True)
        self.to_html(where / "index.html")
        self.to_jsonl(where / "corpus.jsonl")
        return where / "index.html"

    def __len__(self) -> int:
        return len(self.results)

    def __repr__(self) -> str:
        flagged = len({f.article for f in self.flagged()})
        return (
            f"<CorpusReport {len(self.results)} articles, {len(self.failures)} failed, "
            f"{flagged} citing retracted or concerned sources>"
        )


def _author_key(value: str) -> str:
    from claimcheck.verify.fieldmatch import fold

    words = fold(value).replace(",", " ").replace(".", " ").split()
    return words[0] if words else ""


def _same_title(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    from claimcheck.verify.fieldmatch import fold

    fa, fb = fold(a), fold(b)
    return fa == fb or fuzz.ratio(fa, fb) >= _TITLE_SAME


_FIELDS = (
    ("year", lambda c: None if c.cited_year is None else str(c.cited_year)),
    ("title", lambda c: c.cited_title or None),
    ("first author", lambda c: c.cited_author or None),
)
_SAME = {
    "year": str.__eq__,
    "title": _same_title,
    "first author": lambda a, b: _author_key(a) == _author_key(b),
}


def _group(pairs: list[tuple[str, str | None]], *, same: Any) -> list[tuple[str, list[str]]]:
    """Values (``None`` skipped) grouped by ``same``, each with the articles that give it."""
    groups: list[tuple[str, list[str]]] = []
    for name, value in pairs:
        if value is None:
            continue
        for known, names in groups:
            if same(known, value):
                names.append(name)
                break
        else:
            groups.append((value, [name]))
    return groups
