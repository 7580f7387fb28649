"""Exceptions raised by claimcheck.

Article defects (a malformed reference line, a cited number with no entry) are
findings, not exceptions. Exceptions are for input that cannot be audited at all
and for misuse of the API::

    ClaimcheckError
    ├── InputError            the article or reference file cannot be read
    │   └── UnsupportedFormat the input is not a format claimcheck reads
    ├── ConfigurationError    a bad option (URL, severity, store path, ...)
    └── StoreError            the record store cannot be opened or written

Every message names what went wrong, where (file, line, reference number, DOI)
and what to do next.
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class of every exception claimcheck raises on purpose."""


class InputError(ClaimcheckError):
    """The article or reference list cannot be read.

    ``source`` names the file, URL or ``<string>``; ``line`` the line when known.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)


class UnsupportedFormat(InputError):
    """The input is not in a format claimcheck reads."""


class ConfigurationError(ClaimcheckError):
    """An option has a value claimcheck cannot use."""


class StoreError(ClaimcheckError):
    """The record store cannot be opened, read or written."""
