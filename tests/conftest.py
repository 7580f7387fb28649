"""Shared fixtures: a loopback fake Crossref, and an environment that never reaches the internet."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakecrossref import FakeCrossref

_ENV = (
    "CLAIMCHECK_CROSSREF_URL",
    "CLAIMCHECK_MAILTO",
    "CLAIMCHECK_OFFLINE",
    "CLAIMCHECK_STORE",
    "CLAIMCHECK_PUBMED_URL",
    "CLAIMCHECK_DATACITE_URL",
)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's settings or writes the user's record store."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMCHECK_STORE", str(tmp_path / "records.sqlite3"))
    # PubMed is never asked for real: a closed loopback port refuses at once.
    monkeypatch.setenv("CLAIMCHECK_PUBMED_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("CLAIMCHECK_DATACITE_URL", "http://127.0.0.1:9")  # DataCite likewise


_LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Name lookups of anything but loopback fail at once, and the test fails after.

    Resolvers turn a failed lookup into ``unchecked (offline)``, so without the
    second half a test could reach for the internet and still pass.
    """
    real = socket.getaddrinfo
    tried: list[str] = []

    def loopback_only(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        if name not in _LOOPBACK and not name.startswith("127."):
            tried.append(name)
            raise OSError(f"tests never reach the internet: a test tried to resolve {name!r}")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    yield
    assert not tried, f"the test tried to reach {sorted(set(tried))}"


@pytest.fixture
def fake_crossref() -> Iterator[FakeCrossref]:
    """A fake Crossref on 127.0.0.1 serving the recorded bodies of tests/fixtures/crossref."""
    with FakeCrossref() as server:
        yield server
