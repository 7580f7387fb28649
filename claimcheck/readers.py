"""Reading the article: a path, a string or an open file becomes checked text.

:func:`load_source` is the one place that touches the file system for the
article. It refuses what cannot be audited with an :class:`InputError` that
names the file and the problem (missing, a directory, empty, binary, too large),
and decodes UTF-8 (with or without a byte-order mark), falling back to
Windows-1252 for text pasted from old CMSs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Union

from .errors import InputError

#: Articles larger than this are refused; pass ``max_bytes=`` to raise it.
MAX_BYTES = 20 * 1024 * 1024

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """An article's text with where it came from and its format."""

    text: str
    origin: str
    format: str


def load_source(source: Source, *, max_bytes: int = MAX_BYTES) -> LoadedSource:
    """Read an article from a path, a string of text, or an open file.

    A ``str`` is taken as a path when it names an existing file or looks like
    one (one line, no spaces around, a file suffix); otherwise as the article's
    text itself.

    >>> load_source("Ketamine helps. 1\\n\\n1. Smith J. Title. J. 2020.").origin
    '<string>'
    """
    if hasattr(source, "read"):
        data = source.read()
        origin = str(getattr(source, "name", "<file>"))
        return _checked(data, origin, max_bytes)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return _read_path(Path(source), max_bytes)
    if isinstance(source, str):
        return _checked(source, "<string>", max_bytes)
    raise InputError(f"cannot read an article from a {type(source).__name__}; pass a path, text or file")


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > 1024:
        return False
    if os.path.exists(text):
        return True
    stripped = text.strip()
    return bool(stripped) and " " not in stripped and Path(stripped).suffix.lower() in _SUFFIXES


_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".text", ".rst"}


def _read_path(path: Path, max_bytes: int) -> LoadedSource:
    where = str(path)
    if not path.exists():
        raise InputError("no such file; check the path", source=where)
    if path.is_dir():
        raise InputError("is a directory, not an article file", source=where)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
            "split it or pass max_bytes=",
            source=where,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=where) from exc
    return _checked(data, where, max_bytes)


def _checked(data: str | bytes, origin: str, max_bytes: int) -> LoadedSource:
    text = _decode(data, origin) if isinstance(data, bytes) else data
    if len(text) > max_bytes:
        raise InputError(f"article is {len(text)} characters, over the limit of {max_bytes}", source=origin)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the article is empty; nothing to audit", source=origin)
    if _control_ratio(text) > 0.01:
        raise InputError("looks like a binary file, not text; pass the article as text", source=origin)
    return LoadedSource(text=text, origin=origin, format=_guess_format(text, origin))


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (it holds NUL bytes), not text", source=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is neither UTF-8 nor Windows-1252 text (byte {exc.start}); save it as UTF-8", source=origin
        ) from exc


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / max(len(sample), 1)


def _guess_format(text: str, origin: str) -> str:
    suffix = Path(origin).suffix.lower() if not origin.startswith("<") else ""
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix in {".html", ".htm"}:
        return "html"
    return "text"
