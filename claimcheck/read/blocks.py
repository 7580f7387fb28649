"""Blocks of text with exact spans: the shared back end of the structured readers.

The JATS, Word and PDF readers know more than the text says: which words are
a heading, which digits are a citation and which entry each one names. They
hand that to an :class:`ArticleWriter` as *segments* (plain strings and
:class:`Cite` values); the writer joins them into the article's text
(whitespace collapsed, blocks separated by blank lines), keeps every block's
span, and turns each ``Cite`` into an exact :class:`~claimcheck.model.Marker`
at the characters it printed. The reference list is written as numbered lines
(``3. Doe J. A trial. ...``) whose spans the entries keep.

Examples
--------
>>> w = ArticleWriter()
>>> w.block(BlockKind.PARAGRAPH, ["Ketamine helps ", Cite("[1]", (1,)), "."])
>>> w.references([(1, "Doe J. A trial. J Med. 2020;1:2.", None)])
>>> article = w.article(source="x.xml", format="jats", reading="JATS XML")
>>> article.text
'Ketamine helps [1].\\n\\n1. Doe J. A trial. J Med. 2020;1:2.'
>>> article.markers
(<Marker '[1]' 15:18 -> [1]>,)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Article, Block, BlockKind, Marker, Reference
from claimcheck.read.references.fields import Fields
from claimcheck.read.references.links import with_link_identifiers
from claimcheck.read.references.parse import parse_reference

__all__ = ["ArticleWriter", "Cite", "Segment", "entry_text", "expand_numbers"]

_SPACE = re.compile(r"\s+")
_NUMBERS = re.compile(r"[\[(]?\s*\d{1,4}(?:\s*[,;–—‐‑-]\s*\d{1,4})*\s*[\])]?")


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation as printed (``[1]``, ``2–4``, ``(Doe, 2020)``) and the entries it names."""

    text: str
    numbers: tuple[int, ...]
    style: str = "linked"


Segment = str | Cite


def expand_numbers(printed: str) -> tuple[int, ...] | None:
    """The numbers a printed citation names (``[1, 3–5]`` -> 1, 3, 4, 5), or ``None``.

    >>> expand_numbers("[1, 3–5]"), expand_numbers("Doe 2020")
    ((1, 3, 4, 5), None)
    """
    text = printed.strip()
    if not text or not _NUMBERS.fullmatch(text):
        return None
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", text.strip("[]() ")):
        ends = [int(x) for x in re.split(r"\s*[–—‐‑-]\s*", part) if x]
        if len(ends) == 2 and 0 < ends[1] - ends[0] <= 100:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends)
    return tuple(dict.fromkeys(n for n in out if n > 0)) or None


class ArticleWriter:
    """Writes blocks and a reference list into one text, keeping spans and markers exact."""

    def __init__(self) -> None:
        self.text = ""
        self.blocks: list[tuple[BlockKind, int, int]] = []
        self.markers: list[Marker] = []
        self.refs: list[Reference] = []
        self.references_span: tuple[int, int] | None = None

    def block(self, kind: BlockKind, segments: Iterable[Segment]) -> None:
        """Write one block (nothing when it holds no words)."""
        parts: list[str] = []
        cites: list[tuple[Cite, int, int]] = []
        length = 0
        for seg in segments:
            piece = _SPACE.sub(" ", seg if isinstance(seg, str) else seg.text)
            if (not parts or parts[-1].endswith(" ")) and piece.startswith(" "):
                piece = piece[1:]
            if not piece:
                continue
            if isinstance(seg, Cite):
                cites.append((seg, length, length + len(piece)))
            parts.append(piece)
            length += len(piece)
        body = "".join(parts).rstrip(" ")
        if not body.strip():
            return
        start = self._open()
        self.text += body
        self.blocks.append((kind, start, len(self.text)))
        for cite, s, e in cites:
            if e <= len(body) and cite.numbers:
                raw = body[s:e]
                self.markers.append(Marker(raw, start + s, start + e, cite.numbers, cite.style))

    def references(self, entries: Sequence[tuple[int | None, str, Reference | None]]) -> None:
        """Write the reference list: ``(number, entry text, parsed entry or None)`` each."""
        first = None
        for number, text, parsed in entries:
            body = _SPACE.sub(" ", text).strip()
            if not body:
                continue
            line = f"{number}. {body}" if number is not None and not body.startswith(f"{number}.") else body
            if first is None:
                first = self._open()
            else:
                self.text += "\n"
            start = len(self.text)
            self.text += line
            if parsed is None:
                ref = with_link_identifiers(parse_reference(line, number=number, start=start))
            else:
                ref = dataclasses.replace(parsed, number=number, raw=line, start=start, end=len(self.text))
            self.refs.append(ref)
        if first is not None:
            self.references_span = (first, len(self.text))
            self.blocks.append((BlockKind.REFERENCES, first, len(self.text)))

    def section(self, text: str) -> int:
        """Write a reference section as printed, one entry a line; returns where it starts."""
        lines = [" ".join(line.split()) for line in text.splitlines()]
        body = "\n".join(line for line in lines if line)
        start = self._open()
        self.text += body
        self.references_span = (start, len(self.text))
        self.blocks.append((BlockKind.REFERENCES, start, len(self.text)))
        return start

    def _open(self) -> int:
        if self.text:
            self.text += "\n\n"
        return len(self.text)

    def article(self, *, source: str | None, format: str, reading: str | None, exact: bool = True) -> Article:
        """The article written so far; ``exact``: its markers are the citations (no text search)."""
        blocks = tuple(Block(i, kind, self.text[s:e], s, e) for i, (kind, s, e) in enumerate(self.blocks))
        return Article(
            text=self.text,
            blocks=blocks,
            references_span=self.references_span,
            source=source,
            format=format,
            markers=tuple(self.markers) if exact else None,
            reading=reading,
        )


def entry_text(fields: Fields) -> str:
    """An entry printed from its fields, AMA-like: ``Doe J. Title. Journal. 2020;1(2):3-4. doi:...``."""
    names = ", ".join(_name(a) for a in fields.authors)
    tail = "".join(
        [
            fields.date or "",
            f";{fields.volume}" if fields.volume else "",
            f"({fields.issue})" if fields.issue else "",
            f":{fields.pages}" if fields.pages else "",
        ]
    )
    parts: list[Any] = [names, fields.title, fields.container, tail]
    text = ". ".join(str(p).rstrip(".") for p in parts if p) + "."
    return text + (f" doi:{fields.doi}" if fields.doi else "")


def _name(author: str | tuple[str, str]) -> str:
    if isinstance(author, str):
        return "et al" if author == "others" else author
    family, given = author
    initials = "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w)
    return f"{family} {initials}".strip()
