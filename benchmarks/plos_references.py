"""PLOS reference entries with their true fields, for training and measuring the reference parser.

Each article of ``/work/shared/corpus/plos`` prints its reference list twice: ``web.txt``
(``N. Authors (Year) Title. Journal Vol(Issue): pages. doi:...``) and ``superscript.txt``
(AMA-like ``N. Authors. Title. Journal. Year;Vol(Issue):pages.``). ``truth.json`` has the
fields of every structured entry. :func:`entries` yields ``(slug, render, number, text, fields)``
for both renders; :func:`labelled` aligns the true fields with the printed text and labels every
token (what the CRF is trained on).

A fixed fifth of the articles is held out (:func:`held_out`: SHA-1 of the slug modulo 5 is 0):
they are never trained on, and the benchmark measures on them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PLOS = Path("/work/shared/corpus/plos")
_ENTRY = re.compile(r"^(\d{1,4})\.\s+(.*)$")


def held_out(slug: str) -> bool:
    """The fixed held-out fifth of the PLOS articles (never trained on)."""
    return int(hashlib.sha1(slug.encode()).hexdigest(), 16) % 5 == 0


def article_dirs(root: Path = PLOS) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "truth.json").is_file())


def entries(root: Path = PLOS, *, heldout: bool | None = None) -> Iterator[tuple[str, str, int, str, dict]]:
    """``(slug, render, number, entry text without its number, truth reference)``, structured only."""
    for folder in article_dirs(root):
        if heldout is not None and held_out(folder.name) != heldout:
            continue
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        by_number = {r["number"]: r for r in truth["references"] if r.get("structured")}
        for render, name in (("web", "web.txt"), ("superscript", "superscript.txt")):
            text = (folder / name).read_text(encoding="utf-8")
            section = text[truth["renders"][render]["references_start"] :]
            for line in section.splitlines():
                match = _ENTRY.match(line.strip())
                if match and int(match.group(1)) in by_number:
                    yield (
                        folder.name,
                        render,
                        int(match.group(1)),
                        match.group(2),
                        by_number[int(match.group(1))],
                    )


def gold_fields(ref: dict) -> dict[str, Any]:
    """The benchmark's gold values of a truth reference."""
    f = ref["fields"]
    first = f["authors"][0] if f.get("authors") else f.get("collab")
    pages = None
    if f.get("first_page"):
        pages = f["first_page"] + (f"-{f['last_page']}" if f.get("last_page") else "")
    return {
        "first_author": first,
        "title": f.get("title"),
        "container": f.get("container"),
        "year": f.get("year"),
        "volume": f.get("volume"),
        "issue": f.get("issue"),
        "pages": pages,
    }


def _find(text: str, value: str, start: int) -> tuple[int, int] | None:
    at = text.find(value, start)
    if at < 0:
        at = text.lower().find(value.lower(), start)
    return (at, at + len(value)) if at >= 0 else None


def _find_re(text: str, pattern: str, start: int) -> tuple[int, int] | None:
    match = re.compile(pattern).search(text, start)
    return match.span() if match else None


def char_labels(text: str, ref: dict, render: str) -> list[str | None] | None:
    """A label for every character of the entry, or None when the fields cannot be aligned."""
    f = ref["fields"]
    labels: list[str | None] = [None] * len(text)

    def put(span: tuple[int, int] | None, label: str) -> None:
        if span:
            for i in range(*span):
                labels[i] = label

    title = f.get("title")
    if not title:
        return None
    t_span = _find(text, title, 0)
    if not t_span:
        return None
    put((0, t_span[0]), "author")
    put(t_span, "title")
    pos = t_span[1]
    year = f.get("year")
    if render == "web" and year:
        put(_find_re(text[: t_span[0]], rf"\({year}[a-z]?\)", 0), "date")
    if f.get("container"):
        c_span = _find(text, f["container"], pos)
        if not c_span:
            return None
        put(c_span, "container")
        pos = c_span[1]
    vol, issue = f.get("volume"), f.get("issue")
    if vol:
        v_span = _find_re(text, r"(?<![\w.])" + re.escape(vol) + r"(?![\w])", pos)
        if not v_span:
            return None
        start, end = v_span
        if render == "superscript" and year:
            head = _find_re(text[:start], rf"{year}[a-z]?(?:\s+\w+){{0,2}};\s*$", pos)
            if head:
                start = head[0]
        if issue:
            i_span = _find_re(text, r"\s*\(" + re.escape(issue) + r"\)", end)
            if i_span and i_span[0] == end:
                end = i_span[1]
        put((start, end), "volume")
        pos = end
    elif render == "superscript" and year:
        put(_find_re(text, rf"(?<!\d){year}[a-z]?(?!\d)", pos), "date")
    if f.get("first_page"):
        pages = re.escape(f["first_page"]) + (
            r"\s*[-–]\s*" + re.escape(f["last_page"]) if f.get("last_page") else ""
        )
        p_span = _find_re(text, r"(?<![\w])" + pages + r"(?![\w])", pos)
        if not p_span:
            return None
        put(p_span, "pages")
        pos = p_span[1]
    if render == "superscript" and year and not any(lab in ("date", "volume") for lab in labels):
        put(_find_re(text, rf"(?<!\d){year}[a-z]?(?!\d)", t_span[1]), "date")
    put(_find_re(text, r"doi:\s*\S+", 0), "doi")
    put(_find_re(text, r"(?:Available(?: from)?:\s*)?https?://\S+", 0), "url")
    return labels


def token_labels(text: str, chars: list[str | None]) -> list[str]:
    """Each token takes its first character's label; loose punctuation joins the token before."""
    from claimcheck.read.references.crf import tokens

    out: list[str] = []
    for word, start, _ in tokens(text):
        label = chars[start]
        if label is None:
            label = out[-1] if out and not word[0].isalnum() else "note"
        out.append(label)
    return out


def labelled(heldout: bool = False) -> Iterator[tuple[str, list[str]]]:
    """``(entry text, token labels)`` for the entries whose fields align with their print."""
    for _, render, _, text, ref in entries(heldout=heldout):
        chars = char_labels(text, ref, render)
        if chars is not None:
            yield text, token_labels(text, chars)
