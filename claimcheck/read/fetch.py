"""Fetch an article from a web address: the one I/O edge for pages.

:func:`fetch_url` asks with ``requests`` (a timeout on connecting and on each
read, and a deadline for the whole page), streams the answer and stops at the
size limit, and accepts only what can be audited: HTML pages, and plain text
or Markdown served as such. Everything else (a PDF, an image, JSON, an error
page) is an :class:`~claimcheck.errors.InputError` naming the address, what
came back, and what to do instead. Nothing is retried.

Examples
--------
>>> page = fetch_url("https://example.org/article", timeout=10)  # doctest: +SKIP
>>> page.format, page.url  # doctest: +SKIP
('html', 'https://example.org/article')
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

from claimcheck.errors import InputError, UnsupportedFormat
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


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address with nothing around it.

    >>> is_url("https://example.org/a"), is_url("refs/a.txt"), is_url("see https://x.org")
    (True, False, False)
    """
    return _URL.fullmatch(text.strip()) is not None and text == text.strip()


def fetch_url(
    url: str, *, timeout: float | None = None, max_bytes: int, session: requests.Session | None = None
) -> FetchedPage:
    """Fetch a web page for auditing.

    Parameters
    ----------
    url
        An ``http://`` or ``https://`` address.
    timeout
        Seconds to wait for the server and for each read (default
        :data:`DEFAULT_TIMEOUT`); the whole page must arrive within three times this.
    max_bytes
        Refuse pages larger than this (announced or as they stream in).
    session
        A ``requests.Session`` to use (proxies, adapters); a new one by default.

    Returns
    -------
    FetchedPage
        ``format`` is ``"html"``, ``"text"`` or ``"markdown"`` from the
        ``Content-Type``; the text is decoded with the declared charset, else
        the page's ``<meta charset>``, else UTF-8 falling back to Windows-1252.

    Raises
    ------
    InputError
        No answer in time, no connection, an HTTP error status, a page over
        the size limit; :class:`~claimcheck.errors.UnsupportedFormat` for an
        answer that is not HTML or text (a PDF, an image, JSON). The message
        names the address.
    """
    wait = DEFAULT_TIMEOUT if timeout is None else timeout
    headers = {
        "User-Agent": f"claimcheck/{__version__} (citation audit; python-requests)",
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,text/markdown;q=0.5",
    }
    import requests  # loaded only when a URL is fetched

    http = session or requests.Session()
    try:
        with http.get(url, headers=headers, timeout=(wait, wait), stream=True) as response:
            _check_status(response, url)
            kind, charset = _content_type(response)
            fmt = _format(kind, url)
            body = _read_body(response, url, max_bytes, deadline=time.monotonic() + 3 * wait)
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
    return FetchedPage(_decode(body, charset, fmt), url, final, kind, fmt)


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
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise InputError(_too_large(int(announced), max_bytes), source=url)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
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


def _decode(body: bytes, charset: str | None, fmt: str) -> str:
    if charset is None and fmt == "html":
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii", "replace") if meta else None
    if charset:
        try:
            return body.decode(charset, errors="replace").removeprefix("\ufeff")
        except LookupError:
            pass  # an unknown charset name: fall back to the usual guesses
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:159] + "…"
