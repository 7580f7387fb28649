"""Read an article's text into blocks and split off its reference section.

Text in, :class:`~claimcheck.model.Article` out. The text is read line by line:

* a Markdown ``#`` line, or (in pasted text) a short title-case line with no
  final punctuation standing alone, is a **heading** (a line right above or
  below text must have every significant word capitalised);
* a line starting with a bullet (``•``, ``-``, ``*``, ...) or an item number
  (``1.``, ``1)``, ``[1]``) starts a **list item**; indented or lower-case lines
  below it continue it;
* other lines make **paragraphs**; blank lines end them (and in pasted text a
  line ending a sentence does too, unless the text is hard-wrapped).

Block spans hold content only: ``#`` marks, bullets and item numbers are markup
and stay out of the span, and ``Block.text == text[start:end]`` always.

The **reference section** is everything after a heading such as "References",
"Sources" or "Works cited"; without such a heading it is a trailing run of
numbered entries (``1.``, ``[1]``, ``1)``, each possibly over several lines)
that look bibliographic: author-like starts, years, DOIs, URLs, "Accessed",
``2012;6:369-388``. A body list such as "1. Eat well. 2. Sleep." does not look
bibliographic and stays in the body. The section becomes one ``REFERENCES``
block, its heading excluded (the heading stays a ``HEADING`` block). In
Markdown the section ends at the next ``#`` heading; anything after it (an
author's note) follows the ``REFERENCES`` block as ordinary blocks. So does
what PDF text prints below the last entry: figure captions, tables, the
authors' biographies, a publisher's note
(:func:`~claimcheck.read.references.ends.list_end`), so a caption's
citations are read.

Carriage returns, tabs, non-breaking spaces and a byte-order mark are read as
plain spaces and newlines by same-length substitution, so every span indexes
the text exactly as it was passed in.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from claimcheck.errors import UnsupportedFormat
from claimcheck.model import Article, Block, BlockKind
from claimcheck.read.references.ends import list_end
from claimcheck.read.references.entry_shapes import opens_entry
from claimcheck.read.references.split import split_reference_list

__all__ = ["FORMATS", "normalise_whitespace", "parse_article"]

#: Formats :func:`parse_article` reads ("md" is an alias of "markdown").
FORMATS = ("text", "markdown", "md")

# Same-length substitutions: odd spaces become " ", odd line breaks "\n".
_SPACE_TABLE = str.maketrans(
    {
        c: " "
        for c in "\t\u00a0\ufeff\u200b\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
    }
    | {c: "\n" for c in "\u2028\u2029\x0b\x0c\x85"}
)

_HEADING_MARKUP = "#*_= "
_ATX = re.compile(r"(#{1,6})(?:[ ]+|$)")
_ATX_CLOSE = re.compile(r"[ ]+#+$")
_SETEXT = re.compile(r"(?:=+|-+)$")
_RULE = re.compile(r"([-*_])(?:[ ]*\1){2,}$")
_BULLET = re.compile(r"[•●▪◦‣·∙○■□➢►\-*+–—][ ]+(?=\S)")
_NUMBERED = re.compile(r"(?:\d{1,3}[.)]|\[\d{1,3}\]|\(\d{1,3}\))[ ]+(?=\S)")
_FENCE = re.compile(r"(?:```|~~~)")
_SENTENCE_END = re.compile(
    r"""(?:[.!?:]["'”’)\]]*|[.!?]["'”’)\]]*[ ]?(?:\d{1,3}(?:[,–—-][ ]?\d{1,3})*|\[[\d,– -]+\]))$"""
)

# Reference section headings, matched against a whole line stripped of markup.
_REF_HEADING = re.compile(
    r"(?:\d+(?:\.\d+)*\.?[ ]+)?(?:references?(?:[ ]and[ ]notes)?|sources?|bibliography|works[ ]cited"
    r"|literature(?:[ ]cited)?|cited[ ]literature|citations|notes[ ]and[ ]references|endnotes|footnotes)",
    re.IGNORECASE,
)
# The start of one numbered reference entry: "1.", "1)", "[1]", "(1)", "[^1]:".
_ENTRY_START = re.compile(r"(?:\d{1,5}[.)](?:[ ]+|$)|\[\^?(\d{1,5})\]:?[ ]*|\(\d{1,5}\)[ ]+)")
_ENTRY_NUMBER = re.compile(r"\d+")

# What makes an entry look bibliographic (two of these, or one identifier).
_IDENTIFIER = re.compile(r"\b10\.\d{4,9}/|\bdoi\b|https?://|www\.|\bPMID\b|\bPMC\d|\bISBN\b", re.IGNORECASE)
_BIB_FEATURES = (
    re.compile(r"\b(?:1[89]\d\d|20\d\d)[a-z]?\b"),  # a year
    re.compile(r"\b(?:accessed|retrieved|available (?:at|from)|published|updated)\b", re.IGNORECASE),
    re.compile(r"\bet al\b"),  # "et al."
    re.compile(r"\d[ ]?;[ ]?\d|\d[ ]?\(\d+\)[ ]?:[ ]?\d|\d:[ ]?\d+[–-]\d"),  # 2012;6:369-388, 82(2):1
    # A Vancouver or APA author: "Hassan K," "Smith, J. A."
    re.compile(r"^[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?,?[ ](?:[A-Z]{1,3}\b|[A-Z]\.)"),
    re.compile(r"\b(?:J|Journal|Proc|Rev|Press|Lancet|BMJ|JAMA|Vol|vol)\b\.?"),  # a journal or publisher
)
_MIN_BIBLIOGRAPHIC_SHARE = 0.6
# A headingless, unnumbered bibliography: at least this many entries, found in the last lines.
_MIN_HEADINGLESS_ENTRIES = 3
_MAX_TAIL_LINES = 3000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Headings: words that stay lower case in a title.
_MINOR_WORDS = _words(
    "a an and as at but by for from in into nor of off on onto or per so than the to up via vs with"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_HEADING_CHARS = 120
# A one-line block printed this often is a running head or footer (in PDF text), not prose.
_RUNNING_HEAD_REPEATS = 3
_MAX_HEADING_WORDS = 16
# Text whose wrapped lines are this wide was hard-wrapped (e-mail, plain-text files).
_WRAP_WIDTHS = (50, 100)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    indent: int
    text: str  # normalised, stripped

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(slots=True)
class _Group:
    kind: BlockKind
    start: int
    end: int
    lines: int = 1
    indent: int = 0
    blank_before: bool = True
    blank_after: bool = True
    first_line: str = ""
    last_line: str = ""


def normalise_whitespace(text: str) -> str:
    """Return ``text`` with odd spaces and line breaks made plain, same length.

    Tabs, non-breaking and other Unicode spaces and the byte-order mark become
    ``" "``; ``"\\r\\n"`` becomes ``" \\n"``, a lone ``"\\r"`` and other line
    separators become ``"\\n"``. Offsets into the result index the original.

    Examples
    --------
    >>> normalise_whitespace("a\\u00a0b\\r\\nc\\td")
    'a b \\nc d'
    """
    text = text.translate(_SPACE_TABLE)
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return text


def parse_article(text: str, *, source: str | None = None, format: str = "text") -> Article:
    """Split an article into headings, paragraphs, list items and references.

    Parameters
    ----------
    text
        The article as pasted from a web page (``format="text"``) or as
        Markdown (``format="markdown"``).
    source
        Where the text came from (a file name or URL), kept on the article.
    format
        ``"text"`` or ``"markdown"`` (``"md"``).

    Returns
    -------
    Article
        Blocks in document order; the reference section, when found, is the
        last block and its span is ``references_span``.

    Raises
    ------
    UnsupportedFormat
        When ``format`` is not one of :data:`FORMATS`.

    Examples
    --------
    >>> art = parse_article("Ketamine Works\\n\\nIt helps.\\n\\n1. Doe J. Title. J Med. 2020;1:2-3.")
    >>> [b.kind.value for b in art.blocks]
    ['heading', 'paragraph', 'references']
    >>> art.references_text
    '1. Doe J. Title. J Med. 2020;1:2-3.'
    """
    if format not in FORMATS:
        raise UnsupportedFormat(
            f"cannot read format {format!r}; use one of {', '.join(FORMATS)} "
            "(for HTML pages and URLs use claimcheck.parse() or claimcheck.audit(), which read them)",
            source=source or "<string>",
        )
    markdown = format in ("markdown", "md")
    norm = normalise_whitespace(text)
    lines = _lines(norm, markdown)
    section = _reference_section(lines, markdown)
    if section is None:
        groups = _group_lines(lines, markdown)
        refs = None
    else:
        heading, first, last = section
        last = _list_end(lines, norm, first, last)
        groups = _group_lines(lines[: first if heading is None else heading], markdown)
        if heading is not None:
            groups.append(_heading_group(lines[heading]))
        refs = (lines[first].start, lines[last].end)
        groups.append(_Group(BlockKind.REFERENCES, *refs))
        groups += _group_lines(lines[last + 1 :], markdown)
    blocks = tuple(Block(i, g.kind, text[g.start : g.end], g.start, g.end) for i, g in enumerate(groups))
    return Article(text=text, blocks=blocks, references_span=refs, source=source, format=format)


def _lines(norm: str, markdown: bool) -> list[_Line]:
    """Split normalised text into stripped lines; Markdown code fences read as blank."""
    out: list[_Line] = []
    pos = 0
    in_fence = False
    for raw in norm.split("\n"):
        stripped = raw.strip(" ")
        lead = len(raw) - len(raw.lstrip(" "))
        start = pos + lead
        fence = markdown and _FENCE.match(stripped) is not None
        if fence or in_fence:
            out.append(_Line(start, start, lead, ""))
            in_fence ^= fence
        else:
            out.append(_Line(start, start + len(stripped), lead, stripped))
        pos += len(raw) + 1
    return out


# --- reference section -------------------------------------------------------


def _reference_section(lines: list[_Line], markdown: bool) -> tuple[int | None, int, int] | None:
    """The section's heading line (or ``None``) and its first and last non-blank lines."""
    heading = _last_reference_heading(lines)
    if heading is not None:
        content = [i for i in range(heading + 1, len(lines)) if not lines[i].blank]
        if markdown:
            end = _next_atx(lines, heading + 1)
            content = [i for i in content if i < end]
        return (heading, content[0], content[-1]) if content else None
    first = _trailing_entries(lines)
    if first is None:
        first = _trailing_bibliography(lines)
    if first is None:
        return None
    last = max(i for i, ln in enumerate(lines) if not ln.blank)
    return None, first, last


def _list_end(lines: list[_Line], norm: str, first: int, last: int) -> int:
    """The section's last line above the back matter PDF text prints after the list (captions,
    biographies, highlights: :func:`~claimcheck.read.references.ends.list_end`); what is cut off
    is read as body text, where a caption's citations are found."""
    start = lines[first].start
    cut = start + list_end(norm[start : lines[last].end], norm)
    while last > first and (lines[last].blank or lines[last].start >= cut):
        last -= 1
    return last


def _heading_group(line: _Line) -> _Group:
    """The reference heading's words, markup and a final colon left out."""
    lead = len(line.text) - len(line.text.lstrip(_HEADING_MARKUP))
    trail = len(line.text) - len(line.text.rstrip(_HEADING_MARKUP + ":"))
    return _Group(BlockKind.HEADING, line.start + lead, line.end - trail)


def _last_reference_heading(lines: list[_Line]) -> int | None:
    """The last line that is a reference heading: ``References``, ``## Literature cited``; a
    lower-case word alone (``literature``, a word of a sentence PDF text printed column by
    column) is not one."""
    for i in range(len(lines) - 1, -1, -1):
        bare = lines[i].text.strip(_HEADING_MARKUP + ":")
        if not (bare and len(bare) <= 40 and _REF_HEADING.fullmatch(bare)):
            continue
        letter = next(c for c in bare if c.isalpha())
        if letter.isupper() or bare != lines[i].text.strip(":"):
            return i
    return None


def _next_atx(lines: list[_Line], start: int) -> int:
    for i in range(start, len(lines)):
        if _ATX.match(lines[i].text):
            return i
    return len(lines)


def _trailing_entries(lines: list[_Line]) -> int | None:
    """Index of the first line of a trailing, bibliographic run of numbered entries."""
    runs = _trailing_runs(lines)
    entries: list[tuple[int, str, int | None]] = []  # (first line, entry text, number)
    for first, last in runs:
        for start, text in _split_entries(lines[first : last + 1]):
            entries.append((first + start, text, _entry_number(text)))
    numbers = [n for _, _, n in entries]
    restart = max((i for i, n in enumerate(numbers) if n == 1), default=0)
    entries = entries[restart:]
    if not entries:
        return None
    bibliographic = sum(_looks_bibliographic(_ENTRY_START.sub("", text, count=1)) for _, text, _ in entries)
    if bibliographic < _MIN_BIBLIOGRAPHIC_SHARE * len(entries):
        return None
    return entries[0][0]


def _trailing_bibliography(lines: list[_Line]) -> int | None:
    """First line of a trailing, unnumbered bibliography with no heading, by the shape of its entries.

    The last lines are cut into entries as a reference list would be
    (:func:`~claimcheck.read.references.split.split_reference_list`); from the
    end back, entries that open with names and initials (``Kane JC,``,
    ``Smith, J. A.``) or an organisation and look bibliographic (a DOI, a year
    with a journal or page range) make the run. Three or more make a list.
    """
    tail = max(0, len(lines) - _MAX_TAIL_LINES)
    body = "\n".join(ln.text for ln in lines[tail:])
    starts = [0]
    for ln in lines[tail:]:
        starts.append(starts[-1] + len(ln.text) + 1)
    run: list[int] = []
    for _, raw, start, _ in reversed(split_reference_list(body)):
        if not (opens_entry(raw) and _looks_bibliographic(raw)):
            break
        run.append(start)
    if len(run) < _MIN_HEADINGLESS_ENTRIES:
        return None
    return tail + bisect.bisect_right(starts, run[-1]) - 1


def _trailing_runs(lines: list[_Line]) -> list[tuple[int, int]]:
    """Blank-separated runs of lines at the end, each from its first entry number on."""
    runs: list[tuple[int, int]] = []
    i = len(lines) - 1
    while i >= 0:
        while i >= 0 and lines[i].blank:
            i -= 1
        last = i
        while i >= 0 and not lines[i].blank:
            i -= 1
        if last < 0:
            break
        starts = [j for j in range(i + 1, last + 1) if _ENTRY_START.match(lines[j].text)]
        if starts:
            runs.append((starts[0], last))
        if not starts or starts[0] != i + 1:
            break  # entries pasted right under the last paragraph end the search
    return runs[::-1]


def _split_entries(run: list[_Line]) -> list[tuple[int, str]]:
    """Entries of a run as (index of their first line, text); other lines continue one."""
    entries: list[tuple[int, list[str]]] = []
    for i, ln in enumerate(run):
        if _ENTRY_START.match(ln.text) or not entries:
            entries.append((i, [ln.text]))
        else:
            entries[-1][1].append(ln.text)
    return [(i, " ".join(parts)) for i, parts in entries]


def _entry_number(text: str) -> int | None:
    match = _ENTRY_NUMBER.search(text[:8])
    return int(match.group()) if match else None


def _looks_bibliographic(entry: str) -> bool:
    if _IDENTIFIER.search(entry):
        return True
    return sum(1 for feature in _BIB_FEATURES if feature.search(entry)) >= 2


# --- body blocks ---------------------------------------------------------------


def _group_lines(lines: list[_Line], markdown: bool) -> list[_Group]:
    """Group body lines into blocks."""
    wrap = 0 if markdown else _wrap_width(lines)
    groups: list[_Group] = []
    current: _Group | None = None
    previous: _Line | None = None
    for line in lines:
        if line.blank:
            current, previous = None, None
            continue
        if groups and previous is not None:
            groups[-1].blank_after = False
        current = _next_group(groups, current, previous, line, markdown, wrap)
        previous = line
    repeated = Counter(line.text for line in lines if not line.blank)
    often = sum(n for n in repeated.values() if n >= _RUNNING_HEAD_REPEATS)
    if often > 0.3 * repeated.total():
        repeated = Counter()  # a whole text pasted over and over: its lines are not page furniture
    for i, group in enumerate(groups):
        if group.kind is not BlockKind.PARAGRAPH or group.lines != 1:
            continue
        if (_is_heading(group) and not _mid_sentence(groups, i)) or _running_head(group, repeated):
            group.kind = BlockKind.HEADING
    return groups


def _running_head(group: _Group, repeated: Counter[str]) -> bool:
    """A line printed on page after page (``Lee and Park (2024), PeerJ, DOI …``): page furniture, no claim."""
    line = group.first_line
    return (
        repeated[line] >= _RUNNING_HEAD_REPEATS
        and len(line) < _MAX_HEADING_CHARS
        and _SENTENCE_END.search(line) is None  # a sentence said again is still a sentence
    )


def _mid_sentence(groups: list[_Group], i: int) -> bool:
    """A title-case line inside a sentence (PDF text wraps lines and drops them between blank lines).

    The next block goes on in lower case or with punctuation (``, which``,
    ``results, false-positive``), or the block above broke off after a comma,
    a hyphen or a word such as ``and`` or ``of``.
    """
    nxt = groups[i + 1].first_line if i + 1 < len(groups) else ""
    if nxt and (nxt[0].islower() or nxt[0] in ",.;:)]"):
        return True
    if i == 0 or groups[i - 1].kind is not BlockKind.PARAGRAPH:
        return False
    prev = groups[i - 1].last_line
    return bool(prev) and (prev[-1] in ",-–" or prev.rsplit(" ", 1)[-1] in _MINOR_WORDS)


def _wrap_width(lines: list[_Line]) -> int:
    """The width text was hard-wrapped at (its widest line followed by text), or 0."""
    followed = (a for a, b in itertools.pairwise(lines) if not b.blank and not a.blank)
    widest = max((ln.indent + len(ln.text) for ln in followed), default=0)
    return widest if _WRAP_WIDTHS[0] <= widest <= _WRAP_WIDTHS[1] else 0


def _next_group(
    groups: list[_Group],
    current: _Group | None,
    previous: _Line | None,
    line: _Line,
    markdown: bool,
    wrap: int,
) -> _Group | None:
    """Add ``line`` to the open group or start a new one; return the open group."""
    text = line.text
    if markdown and _is_setext_underline(current, text):
        assert current is not None
        current.kind = BlockKind.HEADING
        return None
    if _RULE.fullmatch(text):
        return None
    atx = _ATX.match(text) if markdown or text.startswith("# ") else None
    if atx:
        close = _ATX_CLOSE.search(text)
        end = line.start + (close.start() if close else len(text))
        if end > line.start + atx.end():
            groups.append(_Group(BlockKind.HEADING, line.start + atx.end(), end))
        return None
    item = _BULLET.match(text) or _NUMBERED.match(text)
    if item and _wrapped_citation(current, previous, text, item.end()):
        item = None
    if item:
        start = line.start + item.end()
        groups.append(_Group(BlockKind.LIST_ITEM, start, line.end, indent=line.indent, first_line=text))
        return groups[-1]
    if current is not None and previous is not None and _continues(current, previous, line, markdown, wrap):
        current.end = line.end
        current.lines += 1
        current.last_line = text
        return current
    group = _Group(
        BlockKind.PARAGRAPH,
        line.start,
        line.end,
        blank_before=previous is None,
        first_line=text,
        last_line=text,
    )
    groups.append(group)
    return group


def _wrapped_citation(current: _Group | None, previous: _Line | None, text: str, end: int) -> bool:
    """``[36] and it is...`` or ``(12) in adults`` right under a line that broke off mid-sentence
    (``et al.`` ends none): a citation that PDF text wrapped to the start of a line, not a list
    item. A parenthesis must go on in lower case (``(1) First`` after ``as follows`` is an item)."""
    if text[0] == "[" and text[end : end + 1].islower():
        return True  # "[99] has warned": no list item goes on in lower case, even after a blank line
    if current is None or previous is None or current.kind is not BlockKind.PARAGRAPH:
        return False
    ended = _SENTENCE_END.search(previous.text) and not previous.text.endswith("et al.")
    if ended or text[0] not in "[(":
        return False
    return text[0] == "[" or text[end : end + 1].islower()


def _is_setext_underline(current: _Group | None, text: str) -> bool:
    """``===`` or ``---`` right under a one-line paragraph makes it a heading."""
    return (
        current is not None
        and current.kind is BlockKind.PARAGRAPH
        and current.lines == 1
        and _SETEXT.fullmatch(text) is not None
    )


def _continues(current: _Group, previous: _Line, line: _Line, markdown: bool, wrap: int) -> bool:
    """Whether ``line`` continues the open paragraph or list item.

    In hard-wrapped text (``wrap`` is not 0) only blank lines and headings end
    paragraphs, as in Markdown.
    """
    starts_lower = line.text[:1].islower()
    if current.kind is BlockKind.LIST_ITEM:
        return markdown or starts_lower or line.indent > current.indent
    if markdown or starts_lower:
        return True
    if current.lines == 1 and _looks_like_title(previous.text, strict=True):
        return False
    if _looks_like_title(line.text, strict=True):
        return False
    if wrap:
        return True
    return _SENTENCE_END.search(previous.text) is None


def _is_heading(group: _Group) -> bool:
    """A one-line title-case paragraph; strictly title-case unless between blank lines."""
    if group.lines != 1:
        return False
    return _looks_like_title(group.first_line, strict=not (group.blank_before and group.blank_after))


def _looks_like_title(text: str, *, strict: bool) -> bool:
    """A short line, no final punctuation, its significant words capitalised."""
    if len(text) > _MAX_HEADING_CHARS or text[-1] in ".,;:!" or not text[0].isupper():
        return False
    words = _WORD.findall(text)
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    significant = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    if strict:
        return len(words) >= 2 and capitalised == len(significant)
    return capitalised >= 0.75 * len(significant) and (
        len(significant) > 2 or capitalised == len(significant)
    )
