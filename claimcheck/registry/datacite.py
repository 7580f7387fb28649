"""DataCite: records of DOIs that Crossref says another agency registered.

:class:`DataciteResolver` is an I/O edge over ``requests``: ``GET
{base}/dois/{doi}`` on DataCite's REST API (``https://api.datacite.org``, or
``$CLAIMCHECK_DATACITE_URL``, or ``base_url=``), one request per DOI, under a
:class:`~claimcheck.registry.throttle.Throttle`. It answers every DOI with one
:class:`~claimcheck.model.Resolution` and never raises for network trouble:

- ``resolved`` with a :class:`~claimcheck.model.Work` (``agency="datacite"``,
  built by :func:`claimcheck.registry.works.work_from_datacite`), written to the record
  store when one is given, so offline audits find it again;
- ``unchecked`` with ``agency="datacite"`` and the reason otherwise
  (``offline``, ``timeout``, ``rate-limited``, ``server error (503)``,
  ``DataCite served no record``). A DOI that Crossref lists as DataCite's is
  never called "not found" because DataCite's API did not answer for it.

>>> r = DataciteResolver(base_url="http://127.0.0.1:9", offline=True)
>>> r.resolve(["10.48550/arxiv.1706.03762"])["10.48550/arxiv.1706.03762"].reason
'offline'
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

from claimcheck import settings
from claimcheck.model import Resolution, Status
from claimcheck.registry.store import StoredRecord, StoreOption, open_store
from claimcheck.registry.throttle import Breaker, Limits, Throttle
from claimcheck.registry.works import work_from_datacite

__all__ = ["DATACITE_ENV", "DATACITE_URL", "DataciteResolver"]

DATACITE_URL = "https://api.datacite.org"
DATACITE_ENV = "CLAIMCHECK_DATACITE_URL"
#: DataCite allows 3,000 requests per 5 minutes per address; claimcheck asks far fewer.
DATACITE_LIMITS = Limits(rate=5.0, concurrency=1, retries=0)


class DataciteResolver:
    """Resolves DataCite DOIs over DataCite's REST API.

    Parameters
    ----------
    base_url:
        The API root (default ``$CLAIMCHECK_DATACITE_URL`` or ``https://api.datacite.org``).
    timeout:
        Seconds per request (default ``settings.timeout()``, 15).
    store:
        A record store (or path) to read first and write definite answers to;
        ``False`` (the default) for none.
    offline:
        Answer from the store alone (default ``$CLAIMCHECK_OFFLINE``).
    session:
        A ``requests.Session`` (tests pass one that ignores proxies).
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        store: StoreOption = False,
        offline: bool | None = None,
        session: requests.Session | None = None,
        limits: Limits = DATACITE_LIMITS,
    ) -> None:
        self.base_url = (base_url or os.environ.get(DATACITE_ENV, "").strip() or DATACITE_URL).rstrip("/")
        self.timeout = settings.timeout(timeout)
        self.offline = settings.offline(offline)
        self.store = open_store(store)
        self._session = session  # made on the first request: `requests` loads only when DataCite is asked
        self._throttle = Throttle(limits)
        self.breaker = Breaker("DataCite")

    def resolve(self, dois: Sequence[str]) -> dict[str, Resolution]:
        """One Resolution per DOI asked, keyed by the DOI as given."""
        out: dict[str, Resolution] = {}
        stored = self.store.get_many(dois) if self.store is not None and dois else {}
        for doi in dois:
            key = doi.strip().lower()
            record = stored.get(key)
            if record is not None and record.agency == "datacite" and record.message is not None:
                out[doi] = _resolved(doi, record.message, record.fetched_at, from_store=True)
            elif self.offline:
                out[doi] = _unchecked(doi, "offline")
            else:
                out[doi] = self._fetch(doi, key)
        return out

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` (made on first use)."""
        if self._session is None:
            import requests

            self._session = requests.Session()
        return self._session

    def _fetch(self, doi: str, key: str) -> Resolution:
        import requests

        url = f"{self.base_url}/dois/{urllib.parse.quote(key, safe='/:()')}"
        if self.breaker.reason:  # DataCite failed earlier in this audit: do not ask again
            return _unchecked(doi, self.breaker.reason)
        with self._throttle.slot():
            try:
                response = self.session.get(url, timeout=self.timeout, headers={"Accept": "application/json"})
            except requests.Timeout:
                self.breaker.record("timeout")
                return _unchecked(doi, self.breaker.reason or "timeout")
            except requests.ConnectionError:
                self.breaker.record("connection error")
                return _unchecked(doi, self.breaker.reason or "offline")
            except requests.RequestException as exc:
                return _unchecked(doi, f"network error ({type(exc).__name__})")
        self.breaker.record(None)
        if response.status_code == 404:
            return _unchecked(doi, "registered with DataCite, but DataCite served no record")
        if response.status_code == 429:
            return _unchecked(doi, "rate-limited")
        if response.status_code >= 500:
            return _unchecked(doi, f"server error ({response.status_code})")
        if response.status_code != 200:
            return _unchecked(doi, f"unexpected response (HTTP {response.status_code})")
        try:
            body = response.json()
            data = body["data"]
            answer = _resolved(doi, data, _now())
        except (ValueError, KeyError, TypeError):
            return _unchecked(doi, "malformed response")
        if self.store is not None:
            self.store.put(StoredRecord(key, "resolved", answer.fetched_at or _now(), "datacite", data))
        return answer

    def __repr__(self) -> str:
        return f"<DataciteResolver {self.base_url}{' offline' if self.offline else ''}>"


def _resolved(doi: str, data: Mapping[str, Any], when: str, *, from_store: bool = False) -> Resolution:
    work = work_from_datacite(data)
    return Resolution(doi, Status.RESOLVED, work, agency="datacite", fetched_at=when, from_store=from_store)


def _unchecked(doi: str, reason: str) -> Resolution:
    return Resolution(doi, Status.UNCHECKED, reason=reason, agency="datacite")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()
