"""Regular expressions compiled when first used, for patterns that only some articles need.

Compiling a pattern costs more than most searches with it, and every process pays for the
patterns of its modules at import. A pattern that serves only some inputs (flattened
superscripts, author-year lists, reference files, Markdown) is made with :func:`lazy_compile`:
it compiles on first use, and from then on its methods are the compiled pattern's own.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy_compile"]

# What a caller may ask of the pattern; each is copied onto the instance when it compiles.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_ATTRIBUTES = ("pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    __slots__ = ("__dict__", "_source")

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for names the instance does not hold yet
        if name.startswith("_") or name not in _METHODS + _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        self.__dict__.update((n, getattr(compiled, n)) for n in _METHODS + _ATTRIBUTES)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when a method or attribute is first used.

    Use its methods (``search``, ``finditer``, ``sub``...) and attributes (``pattern``...);
    it is not a :class:`re.Pattern` for ``isinstance`` or for ``re.sub(pattern, ...)``.

    >>> year = lazy_compile(r"\\b(?:19|20)\\d\\d\\b")
    >>> year.findall("In 1999 and 2020."), year.pattern
    (['1999', '2020'], '\\\\b(?:19|20)\\\\d\\\\d\\\\b')
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
