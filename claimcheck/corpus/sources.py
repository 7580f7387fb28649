"""What a corpus is made of: a folder, a glob, a list of URLs, or any mix of them.

:func:`expand_sources` turns what the caller gives into one
:class:`CorpusSource` per article, in a stable order:

- a folder: every ``.txt``, ``.md``, ``.markdown``, ``.html`` and ``.htm``
  file under it (recursively, hidden folders skipped);
- a glob (``site/**/*.html``): the files it matches;
- a URL list: a file whose every non-blank line is an ``http(s)://`` URL or a
  path (lines starting with ``#`` are comments);
- one ``http(s)://`` URL, or one article file;
- an iterable of any of these.

The same article named twice is audited once (the names are kept apart in the
report); two files with the same bytes are one audit too (see
:mod:`claimcheck.corpus.results`).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from claimcheck.errors import InputError
from claimcheck.read.fetch import is_url

__all__ = ["ARTICLE_SUFFIXES", "CorpusSource", "SourcesOption", "expand_sources", "is_corpus_spec"]

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
_GLOB_CHARS = frozenset("*?[")
_LIST_MAX_BYTES = 5 * 1024 * 1024

#: What :func:`claimcheck.audit_many` accepts as ``sources``.
SourcesOption: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]"


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """One article of a corpus: ``name`` as shown in the report, ``location`` a path or URL."""

    name: str
    location: str

    @property
    def is_url(self) -> bool:
        return is_url(self.location)


def expand_sources(sources: SourcesOption) -> list[CorpusSource]:
    """One :class:`CorpusSource` per article (see the module docstring), duplicates dropped.

    Raises
    ------
    InputError
        When a named file or folder does not exist, a glob matches nothing, or
        nothing at all is left to audit.

    Examples
    --------
    >>> [s.name for s in expand_sources(["https://example.org/a", "https://example.org/a"])]
    ['https://example.org/a']
    """
    items = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    out: dict[str, CorpusSource] = {}
    for item in items:
        for source in _expand_one(os.fspath(item)):
            out.setdefault(source.location, source)
    if not out:
        raise InputError("no articles to audit: the folders, globs and lists given are empty")
    return list(out.values())


def is_corpus_spec(spec: str) -> bool:
    """Whether ``spec`` names a corpus (a folder, a glob, a URL list) rather than one article.

    >>> is_corpus_spec("https://example.org/article")
    False
    """
    if is_url(spec):
        return False
    path = Path(spec).expanduser()
    if path.is_dir():
        return True
    if not path.exists():
        return bool(_GLOB_CHARS & set(spec))
    return path.is_file() and _url_list(path) is not None


def _expand_one(spec: str) -> list[CorpusSource]:
    spec = spec.strip()
    if is_url(spec):
        return [CorpusSource(spec, spec)]
    path = Path(spec).expanduser()
    if path.is_dir():
        return _folder(path)
    if _GLOB_CHARS & set(spec) and not path.exists():
        matches = sorted(p for p in glob.glob(os.path.expanduser(spec), recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError("the glob matches no file", source=spec)
        return [CorpusSource(m, str(Path(m).resolve())) for m in matches]
    if not path.exists():
        raise InputError("no such file or folder; check the path", source=spec)
    listed = _url_list(path)
    if listed is not None:
        return listed
    return [CorpusSource(spec, str(path.resolve()))]


def _folder(root: Path) -> list[CorpusSource]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.suffix.lower() in ARTICLE_SUFFIXES and not filename.startswith("."):
                found.append(CorpusSource(str(path.relative_to(root)), str(path.resolve())))
    return found


def _url_list(path: Path) -> list[CorpusSource] | None:
    """The entries of a URL list, or ``None`` when ``path`` is an article."""
    if path.suffix.lower() not in {".txt", ".list", ".urls", ""} or path.stat().st_size > _LIST_MAX_BYTES:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line.strip() for line in text.splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    if not entries or not all(is_url(e) or _listed_path(path, e) for e in entries):
        return None
    out = []
    for entry in entries:
        if is_url(entry):
            out.append(CorpusSource(entry, entry))
        else:
            target = (path.parent / entry).expanduser()
            out += _folder(target) if target.is_dir() else [CorpusSource(entry, str(target.resolve()))]
    return out


def _listed_path(listing: Path, entry: str) -> bool:
    if " " in entry.strip() or len(entry) > 1024:
        return False
    return (listing.parent / entry).expanduser().exists()
