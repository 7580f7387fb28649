"""Resolution settings: an argument wins, else the environment, else the default.

==============  ====================  ===========================  ==========================
setting         ``audit()`` argument  environment                  default
==============  ====================  ===========================  ==========================
Crossref URL    ``crossref_url=``     ``CLAIMCHECK_CROSSREF_URL``  ``https://api.crossref.org``
polite pool     ``mailto=``           ``CLAIMCHECK_MAILTO``        none (public pool)
offline         ``offline=``          ``CLAIMCHECK_OFFLINE=1``     off
record store    ``store=``            ``CLAIMCHECK_STORE``         ``records.sqlite3`` in the
                                                                   user's cache directory
timeout         ``timeout=``          (none)                       15 seconds
==============  ====================  ===========================  ==========================

Each function here takes the argument (``None`` when not given) and returns
the value to use, or raises :class:`~claimcheck.errors.ConfigurationError`
naming the setting and where it came from.
"""

from __future__ import annotations

import os
import urllib.parse

from claimcheck.errors import ConfigurationError

#: The package version (pyproject reads it from here; ``claimcheck.__version__`` re-exports it).
VERSION = "0.1.0"

__all__ = [
    "CROSSREF_URL",
    "DEFAULT_TIMEOUT",
    "MAILTO_ENV",
    "OFFLINE_ENV",
    "STORE_ENV",
    "URL_ENV",
    "VERSION",
    "crossref_url",
    "mailto",
    "offline",
    "timeout",
]

CROSSREF_URL = "https://api.crossref.org"
DEFAULT_TIMEOUT = 15.0
URL_ENV = "CLAIMCHECK_CROSSREF_URL"
MAILTO_ENV = "CLAIMCHECK_MAILTO"
OFFLINE_ENV = "CLAIMCHECK_OFFLINE"
STORE_ENV = "CLAIMCHECK_STORE"
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


def crossref_url(value: str | None = None) -> str:
    """The Crossref API root, without a trailing slash.

    >>> crossref_url("http://127.0.0.1:8080/")
    'http://127.0.0.1:8080'
    """
    url = (value or os.environ.get(URL_ENV, "").strip() or CROSSREF_URL).rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"Crossref URL {url!r} is not an http(s) URL; give e.g. {CROSSREF_URL} "
            f"(crossref_url=..., --crossref-url or ${URL_ENV})"
        )
    return url


def mailto(value: str | None = None) -> str | None:
    """The contact address for Crossref's polite pool, or ``None``.

    >>> mailto("editor@example.org")
    'editor@example.org'
    """
    address = (value or os.environ.get(MAILTO_ENV, "")).strip()
    if address and "@" not in address:
        raise ConfigurationError(f"mailto {address!r} is not an e-mail address (mailto=..., ${MAILTO_ENV})")
    return address or None


def offline(value: bool | None = None) -> bool:
    """Whether to answer from the record store alone (``$CLAIMCHECK_OFFLINE``: 1/0, yes/no, on/off).

    >>> offline(True)
    True
    """
    if value is not None:
        if not isinstance(value, bool):
            raise ConfigurationError(f"offline must be True or False, not {value!r}")
        return value
    raw = os.environ.get(OFFLINE_ENV, "").strip().lower()
    if raw not in _TRUE | _FALSE:
        raise ConfigurationError(f"${OFFLINE_ENV}={raw!r} is not understood; set it to 1 or 0")
    return raw in _TRUE


def timeout(value: float | None = None) -> float:
    """Seconds to wait for each request.

    >>> timeout(None)
    15.0
    """
    seconds = DEFAULT_TIMEOUT if value is None else value
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, not {value!r}")
    return float(seconds)
