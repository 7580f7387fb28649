"""Cleaning an HTML page before it is read: boilerplate out, the article and its reference list found.

Used by :mod:`claimcheck.read.html`. Boilerplate goes by tag (``nav``,
``header``, ``footer``, ``aside``, ``form``, ``script``, ``img``, ...; a
figure's caption stays, as its legend cites like the text), ARIA role,
``hidden``/``aria-hidden``/``display:none``, and by words in ``class`` or
``id`` (``site-nav``, ``share_buttons``, ``cookie-banner``, Wikipedia's
``mw-editsection``, ``navbox``, ``infobox``); an element holding half the
page's text is never dropped for its name. An article's own ``<header>`` goes
too, but its ``h1`` title stays.

Examples
--------
>>> from bs4 import BeautifulSoup
>>> soup = BeautifulSoup("<nav>Home</nav><main><p>Text.</p><h2>Sources</h2><ol><li>A</li></ol></main>",
...                      "html.parser")
>>> drop_boilerplate(soup)
>>> main_content(soup).name, [lst.name for lst in reference_lists(soup)]
('main', ['ol'])
"""

from __future__ import annotations

import re
from itertools import islice

from bs4 import BeautifulSoup, Tag

from claimcheck.read.article import _REF_HEADING

__all__ = ["drop_boilerplate", "heading_before", "main_content", "reference_lists", "same_text"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DROP_TAGS = _set(
    "script style noscript template svg canvas iframe object embed video audio map form button input"
    " select textarea label nav header footer aside img picture source dialog menu"
)
_DROP_ROLES = _set("navigation banner contentinfo complementary search dialog alert menu")
# Words in class or id that mark boilerplate ("site-nav", "share_buttons", "mw-editsection").
_BOILERPLATE = _set(
    "nav navbar navigation menu breadcrumb breadcrumbs share sharing social newsletter subscribe"
    " subscription signup cookie cookies consent banner advert advertisement ads ad promo sponsored"
    " sidebar related recommended comments comment footer masthead header toolbar skip popup modal"
    " paywall editsection backlink navbox infobox toc hatnote catlinks"
)
_REFERENCE_WORDS = _set(
    "references reference reflist refs footnotes endnotes bibliography citations sources literature"
)
_HEADINGS = _set("h1 h2 h3 h4 h5 h6")
_LISTS = _set("ol ul")
_BEFORE = _HEADINGS | _set("p ol ul li table")  # what may stand right before a reference list
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")


def _words(tag: Tag) -> set[str]:
    classes = tag.get("class")
    listed = " ".join(classes) if isinstance(classes, list) else str(classes or "")
    names = f"{listed} {tag.get('id') or ''}"
    return {w for w in _NAME_SPLIT.split(names.lower()) if w}


def drop_boilerplate(soup: BeautifulSoup) -> None:
    total = len(soup.get_text(" ", strip=True)) or 1
    for tag in _tags(soup):
        # Not ``tag.decomposed``: on a whole tag it falls back on Tag.__getattr__, a find() over
        # the tag's subtree, which made this loop quadratic; decompose() sets the attribute.
        if tag.__dict__.get("_decomposed", False) or tag.name in ("html", "body", "main", "article"):
            continue
        if tag.name == "header" and tag.find_parent(["article", "main"]) is not None:
            for title in tag.find_all(["h1", "h2"]):
                tag.insert_before(title.extract())  # the article's title stays, its byline goes
        if tag.name in _DROP_TAGS:
            tag.decompose()
            continue
        if not tag.attrs:  # most tags: no role, class, id, style or hidden to judge
            continue
        style = str(tag.get("style") or "").replace(" ", "").lower()
        if (
            str(tag.get("role") or "").lower() in _DROP_ROLES
            or tag.has_attr("hidden")
            or str(tag.get("aria-hidden") or "").lower() == "true"
            or "display:none" in style
        ):
            tag.decompose()
            continue
        words = _words(tag)
        boiler = words & _BOILERPLATE and not words & _REFERENCE_WORDS and tag.name != "sup"
        if boiler and len(tag.get_text(" ", strip=True)) < 0.5 * total:
            tag.decompose()


def _tags(soup: BeautifulSoup) -> list[Tag]:
    """Every tag under ``soup`` in document order (``find_all(True)`` without its filter machinery)."""
    return [t for t in soup.descendants if isinstance(t, Tag)]


def main_content(soup: BeautifulSoup) -> Tag:
    tags = _tags(soup)
    for name in ("article", "main"):
        found = [t for t in tags if t.name == name]
        if len(found) == 1:
            return found[0]
        if found:
            return max(found, key=lambda t: len(t.get_text(" ", strip=True)))
    role = soup.select_one('[role="main"]')
    if isinstance(role, Tag):
        return role
    return soup.body if isinstance(soup.body, Tag) else soup


def reference_lists(soup: BeautifulSoup) -> list[Tag]:
    """Lists that hold references, in document order."""
    out: list[Tag] = []
    for lst in _tags(soup):
        if lst.name not in _LISTS or any(p.name in _LISTS for p in lst.parents):
            continue
        near = [lst, *islice(lst.parents, 3)]
        named = any(_words(t) & _REFERENCE_WORDS for t in near if isinstance(t, Tag))
        heading = heading_before(lst)
        if named or (heading is not None and _REF_HEADING.fullmatch(_bare(heading))):
            out.append(lst)
    return out


def heading_before(lst: Tag) -> Tag | None:
    """The heading right before a list (``h2``, or a short bold-only paragraph), if any."""
    prev = next((e for e in lst.previous_elements if isinstance(e, Tag) and e.name in _BEFORE), None)
    if prev is None:
        return None
    if prev.name in _HEADINGS:
        return prev
    if prev.name == "p" and len(_bare(prev)) <= 40 and _REF_HEADING.fullmatch(_bare(prev)):
        return prev
    return None


def _bare(tag: Tag) -> str:
    return _SPACE.sub(" ", tag.get_text(" ", strip=True)).strip(" :#*")


def same_text(a: Tag, b: Tag | None) -> bool:
    return b is not None and a is not b and _SPACE.sub("", a.get_text()) == _SPACE.sub("", b.get_text())
