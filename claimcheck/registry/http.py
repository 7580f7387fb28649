"""Blocking HTTP for the registries claimcheck asks itself (PubMed, DataCite), over urllib3.

Crossref is asked through habanero, which loads urllib3 (and its own HTTP stack) anyway;
PubMed and DataCite reuse urllib3 rather than load ``requests`` as well (``requests`` and
its character-set detection were about a tenth of a cold CLI audit's instructions).

- :class:`HttpClient`: one connection pool per host, made on the first request; TLS only
  for ``https://`` URLs, with one certificate context per process (:func:`tls_context`,
  built on first use: loading a certificate bundle costs more than a request).
  Proxies from the environment (``HTTPS_PROXY``, ``NO_PROXY``...) as ``requests`` honours them.
- Every transport failure is an :class:`HttpError`: :class:`HttpTimeout`,
  :class:`HttpUnreachable` (refused, no route, unknown host) or the base class.
- :func:`transport_failure` names a failure of this client or of a caller's ``requests``
  session (which tests and notebooks may still pass): ``timeout``, ``connection error``,
  ``network error``; ``None`` for an exception that is not a transport failure.

>>> HttpClient().get("http://127.0.0.1:9/x", timeout=2)
Traceback (most recent call last):
...
claimcheck.registry.http.HttpUnreachable: http://127.0.0.1:9/x: connection refused
"""

from __future__ import annotations

import json
import os
import sys
import threading
import urllib.parse
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from claimcheck.settings import VERSION

if TYPE_CHECKING:
    import ssl

    import urllib3

__all__ = [
    "HttpClient",
    "HttpError",
    "HttpResponse",
    "HttpTimeout",
    "HttpUnreachable",
    "Session",
    "tls_context",
    "transport_failure",
]

USER_AGENT = f"claimcheck/{VERSION}"
MAX_REDIRECTS = 5


class HttpError(OSError):
    """A request that got no HTTP answer (the network, not the server's status)."""


class HttpTimeout(HttpError):
    """No answer (or no connection) within the timeout."""


class HttpUnreachable(HttpError):
    """The host refused the connection, or could not be found or reached."""


class Session(Protocol):
    """What the registry clients call: :class:`HttpClient` or a ``requests.Session``."""

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = ...,
        headers: Mapping[str, str] | None = ...,
        timeout: float | None = ...,
    ) -> Any: ...


class HttpResponse:
    """A whole response: ``status_code``, ``headers``, ``content``, ``text`` and :meth:`json`."""

    __slots__ = ("content", "headers", "status_code", "url")

    def __init__(self, status_code: int, headers: Mapping[str, str], content: bytes, url: str) -> None:
        self.status_code, self.headers, self.content, self.url = status_code, headers, content, url

    @property
    def text(self) -> str:
        """The body decoded as its ``Content-Type`` says, as ``requests`` decodes it.

        A charset named there; else ISO-8859-1 for ``text/*`` (HTTP/1.1's old default,
        which ``requests`` applies) and UTF-8 for anything else.
        """
        return self.content.decode(_charset(self.headers.get("content-type", "")), errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON (``ValueError`` when it is not JSON)."""
        return json.loads(self.content)

    def __repr__(self) -> str:
        return f"<HttpResponse {self.status_code} {self.url} {len(self.content)} bytes>"


def tls_context() -> ssl.SSLContext:
    """The process's one TLS context for registry requests, made on the first ``https://`` request.

    Verifies with certifi's bundle when it is installed (as ``requests`` did), else the
    system's; ``SSL_CERT_FILE`` names another bundle.
    """
    with _TLS_LOCK:
        return _tls_context()


_TLS_LOCK = threading.Lock()


@cache
def _tls_context() -> ssl.SSLContext:
    import ssl

    cafile = os.environ.get("SSL_CERT_FILE") or None
    if cafile is None:
        try:
            import certifi

            cafile = certifi.where()
        except ImportError:  # pragma: no cover - certifi comes with habanero's HTTP stack
            cafile = None
    return ssl.create_default_context(cafile=cafile)


class HttpClient:
    """GET requests with keep-alive connections, made lazily; thread-safe.

    Redirects are followed (at most five); nothing is retried here (the registry
    clients decide that); bodies are read whole and decompressed.
    """

    def __init__(self, *, headers: Mapping[str, str] | None = None) -> None:
        self.headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
        self._managers: dict[tuple[str | None, bool], urllib3.PoolManager] = {}
        self._lock = threading.Lock()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> HttpResponse:
        """``GET url?params``; raises :class:`HttpError` when no HTTP answer came."""
        import urllib3

        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        manager = self._manager(url)
        try:
            response = manager.request(
                "GET",
                url,
                headers={**self.headers, **(headers or {})},
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
                retries=urllib3.Retry(
                    total=None, connect=0, read=0, other=0, status=0, redirect=MAX_REDIRECTS
                ),
            )
        except urllib3.exceptions.HTTPError as exc:
            raise _failure(url, exc) from exc
        return HttpResponse(response.status, response.headers, response.data, url)

    def _manager(self, url: str) -> urllib3.PoolManager:
        """The pool manager for ``url``'s proxy (``None``: direct) and scheme, made on first use."""
        proxy, secure = _proxy_for(url), url.startswith("https:")
        with self._lock:
            manager = self._managers.get((proxy, secure))
            if manager is None:
                import urllib3

                # TLS only for https: a loopback or plain-http registry never loads a bundle
                tls = tls_context() if secure else None
                if proxy is None:
                    manager = urllib3.PoolManager(num_pools=4, maxsize=4, ssl_context=tls)
                else:
                    manager = urllib3.ProxyManager(proxy, num_pools=4, maxsize=4, ssl_context=tls)
                self._managers[proxy, secure] = manager
        return manager

    def close(self) -> None:
        """Close every pooled connection."""
        with self._lock:
            for manager in self._managers.values():
                manager.clear()
            self._managers.clear()

    def __repr__(self) -> str:
        return f"<HttpClient {len(self._managers)} pool managers>"


def transport_failure(exc: BaseException) -> str | None:
    """``timeout``, ``connection error`` or ``network error`` for a failed request; ``None`` otherwise.

    Knows :class:`HttpError` and, when ``requests`` is loaded (a caller passed its own
    session), the exceptions of ``requests``.

    >>> transport_failure(HttpTimeout("slow")), transport_failure(ValueError("bad"))
    ('timeout', None)
    """
    if isinstance(exc, HttpTimeout):
        return "timeout"
    if isinstance(exc, HttpUnreachable):
        return "connection error"
    if isinstance(exc, HttpError):
        return "network error"
    requests = sys.modules.get("requests")
    if requests is not None and isinstance(exc, requests.RequestException):
        if isinstance(exc, requests.Timeout):
            return "timeout"
        if isinstance(exc, requests.ConnectionError):
            return "connection error"
        return "network error"
    return None


def _failure(url: str, exc: BaseException) -> HttpError:
    """urllib3's exception as an :class:`HttpError` that says what happened (as ``requests`` sorts them)."""
    import urllib3

    errors = urllib3.exceptions
    cause = exc.reason if isinstance(exc, errors.MaxRetryError) and exc.reason else exc
    if isinstance(cause, errors.NameResolutionError):
        return HttpUnreachable(f"{url}: unknown host")
    if isinstance(cause, errors.NewConnectionError):  # before TimeoutError, which it subclasses
        refused = isinstance(cause.__cause__ or cause.__context__, ConnectionRefusedError)
        return HttpUnreachable(f"{url}: {'connection refused' if refused else 'cannot connect'}")
    if isinstance(cause, errors.TimeoutError):
        return HttpTimeout(f"{url}: timed out")
    if isinstance(cause, (errors.ProtocolError, errors.ProxyError, errors.SSLError, OSError)):
        # a dropped connection, a failing proxy or TLS: connection errors, as requests calls them
        return HttpUnreachable(f"{url}: {type(cause).__name__}")
    return HttpError(f"{url}: {type(cause).__name__}")


def _proxy_for(url: str) -> str | None:
    """The environment's proxy for ``url`` (as ``requests`` reads it), or ``None``."""
    if not any(k.lower().endswith("_proxy") for k in os.environ):
        return None
    import urllib.request

    host = urllib.parse.urlsplit(url).hostname or ""
    if urllib.request.proxy_bypass_environment(host):  # type: ignore[attr-defined]
        return None
    proxies = urllib.request.getproxies_environment()
    scheme = url.split(":", 1)[0].lower()
    return proxies.get(scheme) or proxies.get("all") or None


def _charset(content_type: str) -> str:
    """The charset a ``Content-Type`` names, or the default ``requests`` takes for it.

    >>> _charset("text/plain"), _charset("text/plain; charset=UTF-8"), _charset("application/json")
    ('ISO-8859-1', 'UTF-8', 'utf-8')
    """
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
            try:
                "".encode(charset)
            except LookupError:
                return "utf-8"
            return charset
    return "ISO-8859-1" if content_type.strip().lower().startswith("text/") else "utf-8"
