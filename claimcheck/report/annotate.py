"""The annotated article: the text as an editor's marked-up proof.

Each claim is highlighted by its state, each citation marker links to its
reference entry, and the findings about a paragraph's claims stand beside it
(and in each highlight's hover text). It reads without JavaScript and, since
every state is also written as a word, without colour.

A claim's state (:class:`ClaimState`), from the audit's findings and the
support labels :mod:`claimcheck.support.graph_edges` put on the graph:

- ``uncited``: a check-worthy claim that cites nothing;
- ``flagged``: an error or warning is about it (a number with no entry, an
  unrelated or retracted source, ...), or its best source scores unrelated;
- ``supported`` / ``weak``: its best cited source supports it, or only weakly;
- ``unassessed``: it cites a source, but support could not be judged;
- ``plain``: not check-worthy and citing nothing; not highlighted.

>>> import claimcheck
>>> report = claimcheck.audit("Ketamine cured 90% of patients.\\n", offline=True, store=False)
>>> claim_states(report)
{1: <ClaimState.UNCITED: 'uncited'>}
>>> "cc-claim-uncited" in annotated_html(report)
True
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from claimcheck.model import Block, BlockKind, Claim, Finding, Marker, Reference, Severity
from claimcheck.report.htmlkit import badge, clip, esc, status_badge, style_block

if TYPE_CHECKING:
    from claimcheck.report.core import Report

__all__ = [
    "STATE_MEANING",
    "ClaimState",
    "annotated_html",
    "article_html",
    "claim_notes",
    "claim_states",
    "legend_html",
    "reference_line",
]


class ClaimState(str, enum.Enum):
    """How a claim stands after the audit (see the module docstring)."""

    SUPPORTED = "supported"
    WEAK = "weak"
    UNASSESSED = "unassessed"
    UNCITED = "uncited"
    FLAGGED = "flagged"
    PLAIN = "plain"


#: What each highlighted state means, for legends.
STATE_MEANING = {
    ClaimState.FLAGGED: "an error or warning concerns it",
    ClaimState.UNCITED: "check-worthy, cites nothing",
    ClaimState.WEAK: "its best source supports it only weakly",
    ClaimState.UNASSESSED: "cites a source; support not judged",
    ClaimState.SUPPORTED: "its best source supports it",
}

_SERIOUS = (Severity.ERROR, Severity.WARNING)


def claim_notes(report: Report) -> dict[int, list[Finding]]:
    """The findings that concern each claim, most severe first.

    A finding concerns a claim when it names the claim, when it names no claim
    but its span lies inside the claim, or when it is an error about a
    reference the claim cites (a DOI that does not exist says something about
    every claim citing it).
    """
    notes: dict[int, list[Finding]] = defaultdict(list)
    ref_errors: dict[int, list[Finding]] = defaultdict(list)
    spans = sorted((c.start, c.end, c.id) for c in report.claims)
    for f in report.findings:
        if f.claim_id is not None:
            notes[f.claim_id].append(f)
        elif f.reference_number is not None:
            if f.severity is Severity.ERROR:
                ref_errors[f.reference_number].append(f)
        elif f.start is not None:
            inside = next((cid for s, e, cid in spans if s <= f.start < e), None)
            if inside is not None:
                notes[inside].append(f)
    for claim in report.claims:
        for number in claim.citations:
            notes[claim.id].extend(ref_errors.get(number, ()))
    return {cid: fs for cid, fs in notes.items() if fs}


def claim_states(report: Report) -> dict[int, ClaimState]:
    """Each claim's :class:`ClaimState`, by claim id."""
    notes = claim_notes(report)
    out = {}
    for claim in report.claims:
        found = notes.get(claim.id, [])
        support = report.graph.nodes.get(claim.node_id, {}).get("support")
        out[claim.id] = _state(claim, found, support)
    return out


def _state(claim: Claim, found: list[Finding], support: str | None) -> ClaimState:
    if not claim.citations and (claim.check_worthy or any(f.code == "uncited-claim" for f in found)):
        return ClaimState.UNCITED
    if support == "unrelated" or any(f.severity in _SERIOUS for f in found):
        return ClaimState.FLAGGED
    if support == "supported":
        return ClaimState.SUPPORTED
    if support == "weak":
        return ClaimState.WEAK
    return ClaimState.UNASSESSED if claim.citations else ClaimState.PLAIN


def legend_html() -> str:
    """The claim states as labelled swatches."""
    items = " ".join(
        f"{badge(state.value, 'state')}<span class='cc-muted'>{esc(meaning)}</span>"
        for state, meaning in STATE_MEANING.items()
    )
    return f'<p class="cc-legend"><strong>Claims:</strong> {items}</p>'


def annotated_html(report: Report, *, ref_anchor: str = "cc-aref-", with_references: bool = True) -> str:
    """The article body with claims highlighted, markers linked and findings beside the text.

    Parameters
    ----------
    report:
        An audit's report.
    ref_anchor:
        The prefix of the reference entries' element ids the markers link to.
    with_references:
        Append the reference list (with those ids); ``False`` when the page
        already has a reference table with them.

    Returns
    -------
    str
        An HTML fragment (a ``<div class="claimcheck">`` with its stylesheet).
    """
    refs = _reference_list(report, ref_anchor) if with_references else ""
    return (
        f'<div class="claimcheck cc-annotated">{style_block()}'
        f"{article_html(report, ref_anchor=ref_anchor)}{refs}</div>"
    )


def article_html(report: Report, *, ref_anchor: str) -> str:
    """The legend and the annotated body, without stylesheet or reference list (for pages)."""
    states = claim_states(report)
    notes = claim_notes(report)
    listed = {r.number: r for r in report.references if r.number is not None}
    text = report.article.text
    rows = []
    for blocks in _rows(report.article.body_blocks):
        start, end = blocks[0].start, blocks[-1].end
        claims = [c for c in report.claims if c.start < end and c.end > start]
        body = "".join(
            _block_html(b, text, claims, states, listed, notes, report, ref_anchor) for b in blocks
        )
        if blocks[0].kind is BlockKind.LIST_ITEM:
            body = f"<ul>{body}</ul>"
        margin = _notes_html(claims, states, notes, report)
        rows.append(
            f'<div class="cc-row"><div class="cc-text">{body}</div>'
            f'<aside class="cc-notes">{margin}</aside></div>'
        )
    return f'{legend_html()}<article class="cc-article">{"".join(rows)}</article>'


def _rows(blocks: tuple[Block, ...]) -> Iterator[list[Block]]:
    """Blocks one per row, except that consecutive list items share a row (and a list)."""
    group: list[Block] = []
    for block in blocks:
        if group and (block.kind is not BlockKind.LIST_ITEM or group[-1].kind is not BlockKind.LIST_ITEM):
            yield group
            group = []
        group.append(block)
    if group:
        yield group


_TAGS = {BlockKind.HEADING: "h3", BlockKind.LIST_ITEM: "li", BlockKind.PARAGRAPH: "p"}


def _block_html(
    block: Block,
    text: str,
    claims: list[Claim],
    states: dict[int, ClaimState],
    listed: dict[int, Reference],
    notes: dict[int, list[Finding]],
    report: Report,
    anchor: str,
) -> str:
    markers = sorted(
        {
            (m.start, m.end): m for c in claims for m in c.markers if block.start <= m.start < block.end
        }.values(),
        key=lambda m: m.start,
    )
    out, pos = [], block.start
    for claim in sorted(claims, key=lambda c: c.start):
        start, end = _claim_span(claim, text, block, markers, pos)
        if start >= end:
            continue
        out.append(_plain(text, pos, start, markers, listed, anchor))
        inner = _plain(text, start, end, markers, listed, anchor)
        state = states[claim.id]
        if state is ClaimState.PLAIN:
            out.append(inner)
        else:
            hover = _hover(claim, state, notes.get(claim.id, []), report)
            out.append(
                f'<mark id="cc-claim-{claim.id}" class="cc-claim-{state.value}" title="{esc(hover)}">'
                f'{inner}</mark><sup class="cc-tag">C{claim.id}&#160;{esc(state.value)}</sup>'
            )
        pos = end
    out.append(_plain(text, pos, block.end, markers, listed, anchor))
    tag = _TAGS.get(block.kind, "p")
    return f"<{tag}>{''.join(out)}</{tag}>"


def _claim_span(claim: Claim, text: str, block: Block, markers: list[Marker], pos: int) -> tuple[int, int]:
    """The claim's span within the block, grown over its own trailing marker, never cutting a marker."""
    start, end = max(claim.start, block.start, pos), min(claim.end, block.end)
    for m in claim.markers:
        if end <= m.start < block.end and not text[end : m.start].strip():
            end = max(end, m.end)
    for m in markers:
        if m.start < start < m.end:
            start = m.start
        if m.start < end < m.end:
            end = m.end
    return max(start, pos), min(end, block.end)


def _plain(
    text: str, start: int, end: int, markers: list[Marker], listed: dict[int, Reference], anchor: str
) -> str:
    out, pos = [], start
    for m in markers:
        if m.start < start or m.end > end:
            continue
        out.append(esc(text[pos : m.start]))
        out.append(_marker_html(m, listed, anchor))
        pos = m.end
    out.append(esc(text[pos:end]))
    return "".join(out)


def _marker_html(marker: Marker, listed: dict[int, Reference], anchor: str) -> str:
    def link(label: str, number: int) -> str:
        ref = listed.get(number)
        if ref is None:
            return f'<span title="no entry {number} in the reference list">{esc(label)}</span>'
        return f'<a href="#{anchor}{number}" title="{esc(clip(ref.title or ref.raw, 120))}">{esc(label)}</a>'

    if marker.label or not marker.numbers:  # author-year: the whole citation links to its entry
        inner = link(marker.raw, marker.numbers[0]) if marker.numbers else esc(marker.raw)
    else:
        parts, pos = [], 0
        for match in re.finditer(r"\d+", marker.raw):
            parts.append(esc(marker.raw[pos : match.start()]))
            number = int(match.group())
            parts.append(link(match.group(), number) if number in marker.numbers else esc(match.group()))
            pos = match.end()
        parts.append(esc(marker.raw[pos:]))
        inner = "".join(parts)
    return f'<span class="cc-marker">{inner}</span>'


def _hover(claim: Claim, state: ClaimState, found: list[Finding], report: Report) -> str:
    lines = [f"Claim {claim.id}: {state.value}"]
    node = report.graph.nodes.get(claim.node_id, {})
    score = node.get("support_score")
    if score is not None and node.get("support") in {"supported", "weak", "unrelated"}:
        lines[0] += f" (support score {score:.2f})"
    lines += [f"{f.severity.value}: {f.message}" for f in found]
    return "\n".join(lines)


def _notes_html(
    claims: list[Claim], states: dict[int, ClaimState], notes: dict[int, list[Finding]], report: Report
) -> str:
    items = []
    for claim in claims:
        state = states[claim.id]
        found = notes.get(claim.id, [])
        if not found and state is not ClaimState.WEAK:
            continue
        head = f'<a href="#cc-claim-{claim.id}">C{claim.id}</a> {badge(state.value, "state")}'
        lines = [f"{badge(f.severity.value, 'severity')} {esc(f.message)}" for f in found]
        if not found:
            lines = [esc(_hover(claim, state, [], report).split(": ", 1)[1])]
        items.append(f"<li>{head}<br>{'<br>'.join(lines)}</li>")
    return f"<ol>{''.join(items)}</ol>" if items else ""


def _reference_list(report: Report, anchor: str) -> str:
    rows = []
    for ref in report.references:
        if ref.number is None:
            continue
        res = report.resolutions.get(ref.number)
        status = status_badge(res.status.value, res.reason) if res else status_badge(None)
        rows.append(
            f'<li id="{anchor}{ref.number}"><strong>[{ref.number}]</strong> {status} '
            f"{esc(reference_line(ref))}</li>"
        )
    return f'<h3>Reference list, as parsed</h3><ul class="cc-refs">{"".join(rows)}</ul>' if rows else ""


def reference_line(ref: Reference) -> str:
    """One readable line for an entry: authors, title, container, year, or its raw text."""
    if not ref.title:
        return clip(re.sub(r"^\s*\[?\d+[.\])]?\s+", "", ref.raw), 300)
    authors = ", ".join(ref.authors[:3]) + (" et al." if len(ref.authors) > 3 or ref.et_al else "")
    parts = [p for p in (authors, ref.title, ref.container, str(ref.year) if ref.year else None) if p]
    return clip(". ".join(p.rstrip(".") for p in parts) + ".", 300)
