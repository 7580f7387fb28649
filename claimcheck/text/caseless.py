"""Case-insensitive patterns, searched faster in text whose only cased letters are ASCII.

Python's ``re`` compares case-insensitively character by character, which makes a word-list
pattern such as ``\\b(?:receptors?|proteins?|...)\\b`` two to four times slower than the same
pattern, lower-cased and without ``IGNORECASE``, over lower-cased text. For text whose only
cased characters are ASCII letters (:func:`lowers_exactly`: ASCII with dashes, curly quotes,
``≥``...) the two agree exactly: lower-casing it keeps every offset and every caseless
character; ``\\w``, ``\\d``, ``\\s`` and ``\\b`` treat a letter alike in either case; an
upper-case letter of the pattern matched either case, as its lower-case twin matches the
lower-cased letter; and a caseless character (``±``, ``≤``) matches only itself either way.
:func:`lower_twin` makes the twin, or says ``None`` where that reasoning does not hold
(inline flags, named groups, numeric escapes, cased non-ASCII characters such as ``µ``).
"""

from __future__ import annotations

import re

__all__ = ["lower_twin", "lowers_exactly"]

_PART = re.compile(r"\\.|.", re.DOTALL)
_UNSAFE = re.compile(r"\(\?[aiLmsux\-P]|\\[xuUN0-9]")


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` lower-cased without ``IGNORECASE``, to search ``text.lower()`` when :func:`lowers_exactly`.

    >>> twin = lower_twin(re.compile(r"\\b(?:CI|drugs?)\\b\\S", re.IGNORECASE))
    >>> twin.pattern, bool(twin.search("New DRUGS: approved".lower()))
    ('\\\\b(?:ci|drugs?)\\\\b\\\\S', True)
    >>> lower_twin(re.compile(r"\\d+ µg", re.IGNORECASE)) is None  # µ has cases
    True
    """
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or _UNSAFE.search(source):
        return None
    parts = _PART.findall(source)
    if any(not p.isascii() and (p.lower() != p or p.upper() != p) for p in parts):
        return None
    twin = "".join(p if p.startswith("\\") else p.lower() for p in parts)
    return re.compile(twin, pattern.flags & ~re.IGNORECASE)


def lowers_exactly(text: str) -> bool:
    """Whether ``text``'s only cased characters are ASCII letters, so a twin may search ``text.lower()``.

    >>> lowers_exactly("Up 30% (95% CI 2\u20134) \u2265 1 \u2018a\u2019"), lowers_exactly("Caf\u00e9")
    (True, False)
    """
    return text.isascii() or all(c.isascii() or (c.lower() == c and c.upper() == c) for c in set(text))
