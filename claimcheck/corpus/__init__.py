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

import importlib as _importlib
import typing as _typing

# Loaded on first use, so that the CLI's "is this a corpus?" test costs one small module.
if _typing.TYPE_CHECKING:
    from claimcheck.corpus.report import CorpusReport
    from claimcheck.corpus.results import ArticleResult, CitedRef, ResultsDir
    from claimcheck.corpus.runner import audit_many
    from claimcheck.corpus.sources import CorpusSource, expand_sources

_LAZY = {
    "ArticleResult": "claimcheck.corpus.results",
    "CitedRef": "claimcheck.corpus.results",
    "CorpusReport": "claimcheck.corpus.report",
    "CorpusSource": "claimcheck.corpus.sources",
    "ResultsDir": "claimcheck.corpus.results",
    "audit_many": "claimcheck.corpus.runner",
    "expand_sources": "claimcheck.corpus.sources",
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck.corpus' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ArticleResult",
    "CitedRef",
    "CorpusReport",
    "CorpusSource",
    "ResultsDir",
    "audit_many",
    "expand_sources",
]
