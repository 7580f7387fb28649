"""Parse HTML output and check that markup from the input is inert: no element, no handler.

Substring checks (``"<script" not in page``) miss ``<SCRIPT``, ``<svg/onload=...>`` and a
quote that closes an attribute; :mod:`html.parser` sees the page as a browser's tokenizer
does, so these checks fail exactly when the input's markup became live.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: Elements that only hostile input could put in a report (it uses none of them).
PAYLOAD_TAGS = frozenset(
    {"img", "script", "svg", "iframe", "object", "embed", "marquee", "video", "form", "input", "b"}
)


class Elements(HTMLParser):
    """Every element and attribute of an HTML text, and its text (entities decoded)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            self.text.append(value or "")  # attribute values are text too (a title="..." tooltip)

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert(html: str, *shown: str) -> Elements:
    """No payload element or handler in ``html``, and each of ``shown`` visible as text."""
    parsed = Elements(html)
    assert not PAYLOAD_TAGS & set(parsed.tags), sorted(PAYLOAD_TAGS & set(parsed.tags))
    live = [(tag, name) for tag, name, _ in parsed.attributes if name.startswith("on")]
    assert not live, live
    urls = [v for _, name, v in parsed.attributes if name in ("href", "src", "action", "data")]
    assert not [u for u in urls if "javascript:" in u.lower() or u == "x"], urls
    text = " ".join(" ".join(parsed.text).split())
    for words in shown:
        assert words in text, f"{words!r} is not shown"
    return parsed
