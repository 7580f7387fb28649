"""Source text for support scoring: the registered title and abstract, or the printed title.

Pure functions. :func:`strip_jats` turns a registry's JATS (or HTML) abstract
into plain text with the standard library's HTML parser; :func:`source_text`
picks what a claim is judged against (re-exported by :mod:`claimcheck.support.score`).
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from claimcheck.model import Reference, Resolution, Status

__all__ = ["source_text", "strip_jats"]


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


class _Jats(HTMLParser):
    _BLOCKS = frozenset({"p", "sec", "title", "list-item", "list", "abstract", "label", "caption", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name == "title":
            self._title = []
        elif name in self._BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name == "title" and self._title is not None:
            heading = " ".join("".join(self._title).split())
            self._title = None
            if heading and heading.lower() not in ("abstract", "summary"):
                self.parts.append(f" {heading.rstrip(':.')}: ")
        elif name in self._BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        (self._title if self._title is not None else self.parts).append(data)


@lru_cache(maxsize=1024)
def strip_jats(text: str | None) -> str:
    """Plain text of a JATS (or HTML) abstract: tags removed, entities decoded, spaces tidied.

    A leading ``Abstract`` heading is dropped; section headings become
    ``Background: ...``.

    >>> strip_jats("<jats:title>Abstract</jats:title>"
    ...            "<jats:p>Ketamine &amp; <jats:italic>TRD</jats:italic>.</jats:p>")
    'Ketamine & TRD.'
    >>> strip_jats("<jats:sec><jats:title>Background</jats:title><jats:p>Few data.</jats:p></jats:sec>")
    'Background: Few data.'

    Cached: an abstract is compared with every claim that cites it.
    """
    if not text:
        return ""
    parser = _Jats()
    parser.feed(text)
    parser.close()
    return " ".join("".join(parser.parts).split())


def source_text(
    reference: Reference, resolution: Resolution | None = None, *, pubmed: Any = None
) -> tuple[str | None, str | None, str]:
    """The text to judge a claim against: ``(title, abstract, origin)``.

    Parameters
    ----------
    reference:
        The entry as printed in the article.
    resolution:
        Its resolution; when ``RESOLVED`` the registered title and abstract
        (JATS stripped) are used.
    pubmed:
        A :class:`claimcheck.registry.pubmed.PubmedRecord` (or anything with ``title``
        and ``abstract``) for the same work, used for the abstract when the
        registry has none, or for both when the DOI did not resolve.

    Returns
    -------
    tuple
        ``origin`` is ``registered``, ``pubmed``, ``reference`` (the title as
        printed in the list, so the check works offline) or ``none``.

    Examples
    --------
    >>> ref = Reference(1, "1. Smith J. Ketamine for depression. J. 2020.", title="Ketamine for depression")
    >>> source_text(ref)
    ('Ketamine for depression', None, 'reference')
    """
    pm_title = _clean(getattr(pubmed, "title", None)) or None
    pm_abstract = _clean(getattr(pubmed, "abstract", None)) or None
    work = resolution.work if resolution is not None and resolution.status is Status.RESOLVED else None
    if work is not None:
        abstract = strip_jats(work.abstract) or None
        title = work.title or pm_title or reference.title
        if abstract:
            return title, abstract, "registered"
        if pm_abstract:
            return title, pm_abstract, "pubmed"
        return title, None, "registered" if work.title else "reference"
    if pm_title or pm_abstract:
        return pm_title or reference.title, pm_abstract, "pubmed"
    if reference.title:
        return reference.title, None, "reference"
    return None, None, "none"
