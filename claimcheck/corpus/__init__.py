"""Corpus audits: many articles at once, each DOI resolved once, locally or on Dask.

- :func:`~claimcheck.corpus.runner.audit_many`: the runner (``claimcheck audit DIR --jobs N``);
- :class:`~claimcheck.corpus.report.CorpusReport`: risk ranking, sources cited most,
  flagged citations, shared references that disagree; tables, DataFrames, HTML index, JSON Lines;
- :mod:`~claimcheck.corpus.results`: per-article results kept by content hash (resumable runs);
- :mod:`~claimcheck.corpus.sources`: folders, globs and URL lists;
- :mod:`~claimcheck.corpus.work`: the two functions the workers run.

The top stage beside the door: may import every stage and :mod:`claimcheck.api` (each article
is audited by :func:`claimcheck.audit`, the one code path for the checks); only the door
(:mod:`claimcheck`, :mod:`claimcheck.cli`) imports it.
"""

from __future__ import annotations

from claimcheck.corpus.report import CorpusReport
from claimcheck.corpus.results import ArticleResult, CitedRef, ResultsDir
from claimcheck.corpus.runner import audit_many
from claimcheck.corpus.sources import CorpusSource, expand_sources

__all__ = [
    "ArticleResult",
    "CitedRef",
    "CorpusReport",
    "CorpusSource",
    "ResultsDir",
    "audit_many",
    "expand_sources",
]
