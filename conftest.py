"""The doctests of ``claimcheck/`` run like the tests: offline, with no user settings or store.

``testpaths`` holds ``claimcheck`` and ``--doctest-modules`` is on (pyproject.toml), so
every module's examples run. ``tests/conftest.py`` guards the tests; this guards the
doctests the same way: no registry URL but a closed loopback port, a throwaway record
store, and no name lookup beyond loopback.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

CLOSED = "http://127.0.0.1:9"  # the discard port: a connection is refused at once


@pytest.fixture(autouse=True)
def _doctests_offline(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    if not isinstance(request.node, DoctestItem):
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        for name in ("CLAIMCHECK_MAILTO", "CLAIMCHECK_OFFLINE"):
            mp.delenv(name, raising=False)
        for name in ("CLAIMCHECK_CROSSREF_URL", "CLAIMCHECK_PUBMED_URL", "CLAIMCHECK_DATACITE_URL"):
            mp.setenv(name, CLOSED)
        mp.setenv("CLAIMCHECK_STORE", str(tmp_path / "records.sqlite3"))
        real = socket.getaddrinfo

        def loopback_only(host: object, *args: object, **kwargs: object) -> object:
            name = host.decode() if isinstance(host, bytes) else str(host or "")
            if name not in {"localhost", "::1", ""} and not name.startswith("127."):
                raise OSError(f"doctests never reach the internet: an example tried to resolve {name!r}")
            return real(host, *args, **kwargs)  # type: ignore[arg-type]

        mp.setattr(socket, "getaddrinfo", loopback_only)
        yield
