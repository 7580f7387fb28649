"""One article's outcome in a corpus audit, and the folder that keeps them between runs.

An :class:`ArticleResult` is what a worker sends back: small, picklable and
JSON-ready (counts, risk figures, one :class:`CitedRef` row per reference),
never the whole :class:`~claimcheck.report.core.Report`. A failed article is a
result too (``error`` set), so one bad article never stops the others.

:class:`ResultsDir` keeps each result under the SHA-256 of the article's bytes
(``articles/<hash>.json``, with the article's own HTML report beside it as
``articles/<hash>.html``). The JSON file is written last and atomically
(written aside, then renamed), so its presence means the article is done: a
rerun after an interruption audits only the articles without one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError

__all__ = ["ArticleResult", "CitedRef", "ResultsDir", "content_hash"]

#: Bumped when the stored result's fields change: older results are redone.
RESULT_SCHEMA = 1


def content_hash(data: bytes) -> str:
    """The SHA-256 of an article's bytes, in hex (the key of its result).

    >>> content_hash(b"abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class CitedRef:
    """One reference of one article: what the article says, and what the registry says.

    ``cited_*`` are the reference as written (parsed); ``registered_*`` the
    registry's record when the DOI resolved; ``update`` the registry's notices
    (``retracted``, ``partially-retracted``, ``concern``, ``corrected``, or
    ``None``).
    """

    number: int | None
    doi: str | None
    status: str | None
    reason: str | None = None
    cited_title: str | None = None
    cited_year: int | None = None
    cited_author: str | None = None
    cited_container: str | None = None
    registered_title: str | None = None
    registered_year: int | None = None
    update: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The outcome of auditing one article (or of failing to).

    ``name`` is how the corpus calls it (a relative path or a URL); ``sha256``
    the hash of its bytes (``None`` when it could not even be read).
    ``report_file`` is the article's own HTML report, relative to the results
    folder, when one was written.
    """

    name: str
    sha256: str | None
    error: str | None = None
    words: int = 0
    claims: int = 0
    references: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    uncited: int = 0
    codes: Mapping[str, int] = field(default_factory=dict)
    cited: tuple[CitedRef, ...] = ()
    seconds: float = 0.0
    settings: str = ""
    report_file: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the article was audited (``error`` is ``None``)."""
        return self.error is None

    def per_kilo_words(self, count: int) -> float:
        """``count`` per 1,000 words of the article's body (0 for an empty one)."""
        return 1000.0 * count / self.words if self.words else 0.0

    @property
    def risk(self) -> tuple[float, float, float]:
        """Errors, warnings and uncited check-worthy claims per 1,000 words: the ranking key."""
        return (
            self.per_kilo_words(self.errors),
            self.per_kilo_words(self.warnings),
            self.per_kilo_words(self.uncited),
        )

    def renamed(self, name: str) -> ArticleResult:
        """The same result under another name (a repeat of the same bytes elsewhere)."""
        return replace(self, name=name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (one line of the corpus JSON Lines)."""
        data = asdict(self)
        data["codes"] = dict(self.codes)
        data["risk"] = dict(
            zip(("errors_per_1k", "warnings_per_1k", "uncited_per_1k"), self.risk, strict=True)
        )
        data["schema"] = RESULT_SCHEMA
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleResult:
        """The result :meth:`to_dict` wrote (unknown keys ignored)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["cited"] = tuple(CitedRef(**row) for row in data.get("cited", ()))
        known["codes"] = dict(data.get("codes", {}))
        return cls(**known)


class ResultsDir:
    """Per-article results kept on disk, keyed by content hash (see the module docstring).

    >>> import tempfile
    >>> folder = ResultsDir(tempfile.mkdtemp())
    >>> folder.save(ArticleResult("a.txt", "ab12", words=10, settings="s"), html="<p>report</p>").report_file
    'articles/ab12.html'
    >>> folder.load("ab12", settings="s").report_file
    'articles/ab12.html'
    >>> folder.load("ab12", settings="other") is None
    True
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.articles = self.path / "articles"
        try:
            self.articles.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create the results folder: {exc.strerror or exc}; choose another with "
                "results=... or --results",
                source=str(self.path),
            ) from exc

    def load(self, sha256: str, *, settings: str) -> ArticleResult | None:
        """The stored result for ``sha256`` made with ``settings``, or ``None`` (absent, stale, damaged)."""
        path = self.articles / f"{sha256}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            result = ArticleResult.from_dict(data)
        except (OSError, ValueError, TypeError):
            return None
        if data.get("schema") != RESULT_SCHEMA or result.settings != settings:
            return None
        return result

    def save(self, result: ArticleResult, *, html: str | None = None) -> ArticleResult:
        """Write the article's report (when given), then its result: the result file marks it done.

        Returns the result with ``report_file`` set when the report was written.
        """
        if result.sha256 is None:
            return result
        if html is not None:
            _write_atomic(self.articles / f"{result.sha256}.html", html)
            result = replace(result, report_file=f"articles/{result.sha256}.html")
        _write_atomic(self.articles / f"{result.sha256}.json", json.dumps(result.to_dict()))
        return result

    def done(self) -> set[str]:
        """The hashes with a result file (any settings)."""
        return {p.stem for p in self.articles.glob("*.json")}

    def __repr__(self) -> str:
        return f"<ResultsDir {self.path} {len(self.done())} results>"


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
