"""What a text file really holds, whatever its suffix says: front matter, HTML inside text.

A Jekyll or Hugo post saved as ``.md`` or ``.txt`` opens with YAML (``---``)
or TOML (``+++``) front matter and often writes its body, or only its
reference list, in HTML (``<ol><li>``, ``<sup>1</sup>``). Read as plain text,
its ``<ol>`` list is never found and ``<sup>11</sup>C`` in a reference cites 11.

* :func:`strip_front_matter` blanks the front matter (same length, so spans
  still index the file);
* :func:`html_reason` says why text dense in block tags is HTML, or ``None``;
* :func:`markdown_to_html` renders Markdown with its raw HTML kept
  (markdown-it-py), so ``## References`` becomes a heading above the ``<ol>``.
"""

from __future__ import annotations

import re

__all__ = ["html_reason", "markdown_to_html", "strip_front_matter"]

_FRONT_MATTER = re.compile(
    r"\A(?:(?P<yaml>---)[ \t]*\n.*?\n(?:---|\.\.\.)|(?P<toml>\+\+\+)[ \t]*\n.*?\n\+\+\+)[ \t]*(?:\n|\Z)",
    re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|ol|ul|li|h[1-6]|table|tr|td|blockquote|section|article|sup|br)\b[^<>]{0,400}>",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)
# Text is HTML when this many block tags appear on at least this share of its lines.
_MIN_TAGS = 4
_MIN_TAGGED_LINES = 0.1


def strip_front_matter(text: str) -> tuple[str, str | None]:
    """The text with YAML or TOML front matter blanked, and which it was (or ``None``).

    >>> strip_front_matter("---\\ntitle: Ketamine\\n---\\nIt helps.")
    ('   \\n               \\n   \\nIt helps.', 'YAML')
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, None
    blank = re.sub(r"[^\n]", " ", match.group())
    return blank + text[match.end() :], "YAML" if match.group("yaml") else "TOML"


def html_reason(text: str) -> str | None:
    """Why the text is HTML (block tags on many of its lines), or ``None`` when it is not.

    >>> html_reason("It helps.<sup>1</sup>\\n\\n<ol>\\n<li>Doe J. 2020.</li>\\n<li>Roe K. 2021.</li>\\n</ol>")
    'text dense in block tags (8 tags on 5 of 5 lines)'
    >>> html_reason("Use <br> for a line break.") is None
    True
    """
    head = text[:65536]
    tags = _BLOCK_TAG.findall(head)
    if len(tags) < _MIN_TAGS or (not _LIST_ITEM.search(head) and len(tags) < 2 * _MIN_TAGS):
        return None
    lines = [line for line in head.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _BLOCK_TAG.search(line))
    if tagged < _MIN_TAGGED_LINES * len(lines):
        return None
    return f"text dense in block tags ({len(tags)} tags on {tagged} of {len(lines)} lines)"


def markdown_to_html(text: str) -> str:
    """Markdown with HTML inside it, rendered to one HTML document (raw HTML kept as is)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(text)
