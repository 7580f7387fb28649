"""Fetch an article from a web address: the one I/O edge for pages.

:func:`fetch_url` asks with ``requests`` (a timeout on connecting and on each
read, and a deadline for the whole page), streams the answer and stops at the
size limit, and accepts only what can be audited: HTML pages, and plain text
or Markdown served as such. Everything else (a PDF, an image, JSON, an error
page) is an :class:`~claimcheck.errors.InputError` naming the address, what
came back, and what to do instead. Nothing is retried. The deadline covers
every byte of the body; redirects to loopback, link-local and private
addresses are refused unless ``allow_private_redirects=True``.

Examples
--------
>>> page = fetch_url("https://example.org/article", timeout=10)  # doctest: +SKIP
>>> page.format, page.url  # doctest: +SKIP
('html', 'https://example.org/article')
"""

from __future__ import annotations

import ipaddress
import re
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

from claimcheck.errors import InputError, UnsupportedFormat
from claimcheck.read.decode import decode_text
from claimcheck.settings import VERSION as __version__

__all__ = ["DEFAULT_TIMEOUT", "FetchedPage", "fetch_url", "is_url"]

#: Seconds to wait for the server to answer and for each read; the whole page
#: must arrive within three times this.
DEFAULT_TIMEOUT = 20.0
_CHUNK = 64 * 1024
_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched article: its decoded text, the address asked and the one answered, its format."""

    text: str
    url: str
    final_url: str
    content_type: str
    format: str
    #: What decoding did (a charset guessed, bytes replaced), for the report's source notes.
    notes: tuple[str, ...] = ()


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address with nothing around it.

    >>> is_url("https://example.org/a"), is_url("refs/a.txt"), is_url("see https://x.org")
    (True, False, False)
    """
    return _URL.fullmatch(text.strip()) is not None and text == text.strip()


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int,
    session: requests.Session | None = None,
    allow_private_redirects: bool = False,
) -> FetchedPage:
    """Fetch a web page for auditing.

    Parameters
    ----------
    url
        An ``http://`` or ``https://`` address, fetched as given.
    timeout
        Seconds to wait for the server and for each read (default
        :data:`DEFAULT_TIMEOUT`); the whole page, every byte of it, must arrive
        within three times this.
    max_bytes
        Refuse pages larger than this (announced or as they stream in).
    session
        A ``requests.Session`` to use (proxies, adapters); a new one by default.
    allow_private_redirects
        Follow redirects to loopback, link-local and private addresses
        (refused by default: a page must not steer a server running
        claimcheck to its own network).

    Returns
    -------
    FetchedPage
        ``format`` is ``"html"``, ``"text"`` or ``"markdown"`` from the
        ``Content-Type``; the text is decoded with the declared charset, else
        the page's ``<meta charset>``, else as :func:`claimcheck.read.decode.decode_text`
        does (what it did is in ``notes``).

    Raises
    ------
    InputError
        No answer in time, no connection, an HTTP error status, a page over
        the size limit, a refused redirect; :class:`~claimcheck.errors.UnsupportedFormat`
        for an answer that is not HTML or text (a PDF, an image, JSON). The
        message names the address.
    """
    wait = DEFAULT_TIMEOUT if timeout is None else timeout
    headers = {
        "User-Agent": f"claimcheck/{__version__} (citation audit; python-requests)",
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,text/markdown;q=0.5",
    }
    import requests  # loaded only when a URL is fetched

    http = session or requests.Session()
    deadline = time.monotonic() + 3 * wait
    try:
        response = _follow(http, url, headers, wait, allow_private_redirects)
        with response:
            _check_status(response, url)
            kind, charset = _content_type(response)
            fmt = _format(kind, url)
            body = _read_body(response, url, max_bytes, deadline=deadline)
            final = response.url or url
    except requests.Timeout as exc:
        raise InputError(
            f"no answer within {wait:g} s; check the address or pass a larger timeout", source=url
        ) from exc
    except requests.ConnectionError as exc:
        raise InputError(
            f"cannot connect ({_reason(exc)}); check the address and your network", source=url
        ) from exc
    except requests.RequestException as exc:
        raise InputError(f"cannot be fetched: {_reason(exc)}", source=url) from exc
    finally:
        if session is None:
            http.close()
    text, notes = _decode(body, charset, fmt, url)
    return FetchedPage(text, url, final, kind, fmt, notes)


#: Redirects followed at most.
MAX_REDIRECTS = 10


def _follow(
    http: requests.Session, url: str, headers: dict[str, str], wait: float, allow_private: bool
) -> requests.Response:
    """GET ``url``, following redirects by hand so each hop's address can be checked."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response = http.get(
            current, headers=headers, timeout=(wait, wait), stream=True, allow_redirects=False
        )
        if not response.is_redirect:
            return response
        target = urllib.parse.urljoin(current, response.headers.get("Location", ""))
        response.close()
        if not allow_private and _private_host(target):
            raise InputError(
                f"redirects to {_reason(ValueError(target))}, a loopback, link-local or private address; "
                "refused (pass allow_private_redirects=True to follow it)",
                source=url,
            )
        current = target
    raise InputError(f"more than {MAX_REDIRECTS} redirects; check the address", source=url)


def _private_host(url: str) -> bool:
    """Whether ``url``'s host is (or resolves to) a loopback, link-local, private or reserved address."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return True
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        import socket  # only here: a text or a file to audit needs no network module

        try:
            infos = socket.getaddrinfo(host, None)
        except (OSError, UnicodeError):
            return False  # cannot resolve: the request itself will fail and say so
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return any(
        a.is_loopback or a.is_link_local or a.is_private or a.is_reserved or a.is_unspecified
        for a in addresses
    )


def _check_status(response: requests.Response, url: str) -> None:
    if response.status_code >= 400:
        reason = f" {response.reason}" if response.reason else ""
        raise InputError(
            f"the server answered {response.status_code}{reason}; check the address, or save the page "
            "and pass the file",
            source=url,
        )


def _content_type(response: requests.Response) -> tuple[str, str | None]:
    header = response.headers.get("Content-Type", "")
    kind = header.split(";", 1)[0].strip().lower()
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", header, re.IGNORECASE)
    return kind, match.group(1) if match else None


def _format(kind: str, url: str) -> str:
    if not kind:
        return "html"  # no Content-Type at all: read it as a page and let the reader judge
    if kind in _FORMATS:
        return _FORMATS[kind]
    raise UnsupportedFormat(
        f"the server answered with {kind}, not an HTML page or text; claimcheck reads HTML, "
        "Markdown and plain text (for a PDF, copy the article's text into a file and pass that)",
        source=url,
    )


def _read_body(response: requests.Response, url: str, max_bytes: int, *, deadline: float) -> bytes:
    """The body, read as it arrives (``read1``), so the deadline is checked after every piece."""
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and len(announced) < 20 and int(announced) > max_bytes:
        raise InputError(_too_large(int(announced), max_bytes), source=url)
    chunks: list[bytes] = []
    size = 0
    raw = response.raw
    read = getattr(raw, "read1", None)
    pieces = iter(lambda: read(_CHUNK, decode_content=True), b"") if read else response.iter_content(_CHUNK)
    for chunk in pieces:
        size += len(chunk)
        if size > max_bytes:
            raise InputError(_too_large(size, max_bytes, more=True), source=url)
        if time.monotonic() > deadline:
            raise InputError(
                "the page is arriving too slowly; try again or save it and pass the file", source=url
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, *, more: bool = False) -> str:
    amount = f"larger than {limit / 1e6:g} MB" if more else f"{size / 1e6:.1f} MB"
    return (
        f"the page is {amount}, over the {limit / 1e6:g} MB limit; save the article's text or pass max_bytes="
    )


def _decode(body: bytes, charset: str | None, fmt: str, url: str) -> tuple[str, tuple[str, ...]]:
    if charset is None and fmt == "html":
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii", "replace") if meta else None
    if charset:
        try:
            text = body.decode(charset)
            return text.removeprefix("\ufeff"), ()
        except LookupError:
            pass  # an unknown charset name: fall back to the usual guesses
        except UnicodeDecodeError as exc:
            text = body.decode(charset, errors="replace").removeprefix("\ufeff")
            return text, (f"bytes that are not {charset} replaced by U+FFFD (first at byte {exc.start})",)
    return decode_text(body, url)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:159] + "…"
