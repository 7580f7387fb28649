"""Turn body sentences into claims, link them to marker numbers, flag uncited ones.

Every sentence of a paragraph or list item is a claim (headings are not),
numbered from 1 in document order. How a claim gets its citations:

* **marker**: the markers inside it or right after it (``depression. 1``
  belongs to the sentence before it; a marker opening a block belongs to the
  block's first sentence, never to the previous block);
* **inherited**: list items right under a cited lead-in that ends with a colon
  (``Potential side effects may include 5:``) take its numbers; so does a
  one-sentence lead-in ending with a colon that directly follows such a list
  (``And in extreme cases:``), and the items under it. ``inherited_from`` names
  the claim that carries the markers;
* **carried**: a marker-less sentence directly after a cited sentence of the
  same paragraph, opening with a word that points back at it
  (:data:`CONTINUATION_OPENERS`: "Of the 1247 participants, ..."), takes its
  numbers. Carried claims count as cited.

A claim is **check-worthy** when an editor would want a source for it: it
states a statistic, reports research, claims a treatment works, or names a
risk (:data:`CUES`), or the page itself says so with a ``[citation needed]``
tag (wiki pages; :data:`NEEDED_TAG`, kept with its sentence like a marker).
Questions are never check-worthy, and efficacy or risk words inside an
"if ..." clause do not count ("if ... as safe and effective as IV ketamine, it
can only expand options"). An inherited claim is as check-worthy as its lead-in.
``reasons`` names each kind of cue found.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable, Iterator, Sequence

from claimcheck.model import Article, Block, BlockKind, CitationOrigin, Claim, Marker, Reference
from claimcheck.read.article import normalise_whitespace
from claimcheck.read.authoryear_mentions import LIST_STYLE
from claimcheck.read.guards import NEEDLES, WORDS
from claimcheck.read.habit import Habit, learn_habit
from claimcheck.read.markers import find_markers, fit_markers, mask_markers
from claimcheck.read.sequence import decode_article
from claimcheck.read.titlematch import TitleIndex
from claimcheck.read.worthiness import Context, judge_paragraph
from claimcheck.text.caseless import lower_twin, lowers_exactly
from claimcheck.text.literals import guard
from claimcheck.text.sentences import sentence_starts
from claimcheck.text.wordguards import text_words, word_guard
from claimcheck.text.words import PEOPLE

__all__ = ["CONTINUATION_OPENERS", "CUES", "NEEDED_TAG", "extract_claims", "split_sentences"]

#: Tags by which a page admits a claim lacks a source: "[citation needed]", "[medical citation needed]".
NEEDED_TAG = re.compile(
    r"\[(?:(?:better|medical|full|verification|non-primary)[ ])?(?:citation|source|reference)s?[ ]needed\]"
    r"|\[unreliable(?:[ ]medical)?[ ]source\??\]",
    re.IGNORECASE,
)
_NEEDED_REASON = "citation needed: the page itself says citation needed"
_MarkerFinder = Callable[[str, int], tuple[Marker, ...]]
# Brackets left holding only separators once author-year citations are masked: "(   ;   )".
_EMPTIED = re.compile(r"\((?:[\s;,]|e\.\s?g\.|i\.\s?e\.|see|also|cf\.)*\)")

_PEOPLE = "(?:" + "|".join(sorted(PEOPLE)) + ")"
_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens|hundreds|thousands)"

#: Cues of a check-worthy sentence: (kind, pattern, why it needs a source).
CUES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), why)
    for kind, pattern, why in (
        # STATISTIC: a number an editor would look up.
        ("statistic", r"\d+(?:\.\d+)?\s?%|\bper ?cent\b", "a percentage"),
        ("statistic", r"\b(?:million|billion|trillion)s?\b|\b(?:tens of )?thousands of\b", "a large count"),
        (
            "statistic",
            rf"\b(?:\d+|{_NUMBER_WORDS}) (?:in|out of) (?:every )?(?:\d+|{_NUMBER_WORDS})\b",
            "a rate",
        ),
        ("statistic", rf"\b(?:\d[\d,]*|{_NUMBER_WORDS})\s+(?:\w+\s+)?{_PEOPLE}\b", "a count of people"),
        (
            "statistic",
            r"\b(?:\d+|two|three|four|ten)(?:-fold| times) (?:more|less|higher|lower|as)\b",
            "a ratio",
        ),
        # RESEARCH_REPORT: says what research found, so the research should be cited.
        (
            "research report",
            r"\b(?:research|evidence|data|science)\s+(?:has\s+|have\s+)?(?:shows?|showed|shown|suggests?|suggested|indicates?|found|finds|proves?|confirms?)\b",
            "reports research",
        ),
        (
            "research report",
            r"\b(?:studies|trials|researchers|scientists|experts)\s+(?:have\s+)?(?:shown?|show|showed|suggest(?:ed)?|found|find|report(?:ed)?|demonstrated?|concluded?|discovered)\b",
            "reports research",
        ),
        (
            "research report",
            r"\b(?:study|trial|review|meta-analysis|survey|analysis)\s+(?:\w+\s+){0,2}?(?:found|finds|shows?|showed|suggests?|suggested|reports?|reported|concluded|demonstrated|revealed)\b",
            "reports a study",
        ),
        ("research report", r"\baccording to\b", "attributes a fact"),
        ("research report", r"\b(?:clinically proven|proven to)\b", "claims proof"),
        # EFFICACY: says a treatment works.
        ("efficacy", r"\b(?:effective|effectiveness|efficacy|efficacious)\b", "says it works"),
        (
            "efficacy",
            r"\b(?:improves?|improved|relieves?|alleviates?|cures?|prevents?|heals?|reverses?)\b",
            "says it helps",
        ),
        (
            "efficacy",
            r"\b(?:reduces?|reduced|lowers?|lowered|decreases?|decreased|cuts?)\s+(?:the\s+|your\s+)?(?:risk|chances?|odds|rates?|symptoms?|levels?)\b",
            "says it reduces a risk",
        ),
        ("efficacy", r"\b(?:to|can|may|will|helps?)\s+treat\b", "says it treats"),
        # RISK: names a harm or a cause.
        ("risk", r"\brisks? of\b|\bincreased risk\b|\bincreases?\b", "names a risk"),
        (
            "risk",
            r"\b(?:raises?|raised|doubles?|doubled)\s+(?:the\s+|your\s+)?(?:risk|chances?|odds|likelihood)\b",
            "names a risk",
        ),
        ("risk", r"\bside[- ]effects?\b|\badverse (?:events?|effects?|reactions?)\b", "names side effects"),
        (
            "risk",
            r"\b(?:can|may|could|might|will|does|do)\s+(?:also\s+)?cause\b|\bcaused by\b",
            "names a cause",
        ),
        (
            "risk",
            r"\b(?:fatal|deadly|lethal|life-threatening|toxic|overdoses?|mortality|addictive)\b",
            "names a grave harm",
        ),
        ("risk", r"\b(?:linked|associated|correlated|tied)\s+(?:to|with)\b|\bleads? to\b", "names a link"),
    )
)
# Efficacy and risk words in an "if" clause are hypotheses, not claims.
_IF_CLAUSE = re.compile(r"\bif\b[^,;:]*", re.IGNORECASE)
_HYPOTHETICAL_KINDS = frozenset({"efficacy", "risk"})
#: The cues' lower-cased twins, each guarded by the strings its matches hold (read.guards).
_CUE_TWINS = tuple(None if t is None else guard(t, NEEDLES) for t in (lower_twin(p) for _, p, _ in CUES))
_IF_TWIN = lower_twin(_IF_CLAUSE)
#: The twins with no guard of strings, guarded by the words and strings their matches hold
#: (:mod:`claimcheck.text.wordguards`).
_CUE_NEEDS = tuple(
    None if t is None or g is not t else word_guard(t, WORDS)
    for t, g in zip((lower_twin(p) for _, p, _ in CUES), _CUE_TWINS, strict=True)
)

#: Sentence openers that continue the previous sentence's report: (opener, why).
CONTINUATION_OPENERS: tuple[tuple[str, str], ...] = (
    ("Of the", "picks a subset of the people just described"),
    ("Of these", "picks a subset of the people just described"),
    ("Of those", "picks a subset of the people just described"),
    ("Among them", "picks a subset of the people just described"),
    ("Among these", "picks a subset of the people just described"),
    ("Among those", "picks a subset of the people just described"),
    ("In that study", "names the study just cited"),
    ("In this study", "names the study just cited"),
    ("In the study", "names the study just cited"),
    ("In that trial", "names the trial just cited"),
    ("In the trial", "names the trial just cited"),
    ("The study", "names the study just cited"),
    ("The trial", "names the trial just cited"),
    ("The researchers", "names the researchers just cited"),
    ("The authors", "names the authors just cited"),
    ("The participants", "names the people just described"),
    ("Participants", "names the people just described"),
    ("The results", "names the results just reported"),
    ("These", "points back at what was just reported"),
    ("This", "points back at what was just reported"),
    ("Those", "points back at what was just reported"),
    ("They", "points back at the people or study just described"),
    ("Their", "points back at the people or study just described"),
)
_CONTINUATION = re.compile("|".join(rf"{re.escape(opener)}\b" for opener, _ in CONTINUATION_OPENERS))
_CLAIM_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, with markers masked first.

    Markers are blanked out before segmenting, so ``option.3 Continued`` and
    ``depression. 1 In the US`` split after the full stop, and a trailing
    marker stays outside the sentence.

    Parameters
    ----------
    text
        A block of body text.
    offset
        The block's start in the article; spans are ``offset`` plus the index.

    Returns
    -------
    list of (int, int)
        Half-open spans, trimmed of whitespace, in order.

    Examples
    --------
    >>> text = "It works.3 Next one. 4"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['It works.', 'Next one.']
    """
    return [(offset + s, offset + e) for s, e in _sentence_spans(mask_markers(text, find_markers(text)))]


def extract_claims(article: Article, references: Sequence[Reference] = ()) -> tuple[Claim, ...]:
    """Return the claims of an article's paragraphs and list items.

    Parameters
    ----------
    article
        As returned by :func:`claimcheck.read.article.parse_article`.
    references
        The reference list; needed when ``article.style`` is ``"author-year"``,
        whose citations are linked to entries by name and year
        (:class:`claimcheck.read.authoryear.Linker`). Numeric markers ignore it.

    Returns
    -------
    tuple of Claim
        Ids 1..n in document order; ``citations`` from markers, inherited
        from a cited lead-in, or carried from a cited sentence (see the
        module docstring); ``check_worthy`` and ``reasons`` set.

    Examples
    --------
    >>> from claimcheck.read.article import parse_article
    >>> claims = extract_claims(parse_article("Research shows it helps. 1 Of the 12 patients, two left."))
    >>> [(c.id, c.citations, c.origin.value) for c in claims]
    [(1, (1,), 'marker'), (2, (1,), 'carried')]
    """
    find: _MarkerFinder
    if article.markers is not None:  # linked citations (JATS, Word fields, PDF superscripts)
        find = _ExactMarkers(article.markers)
    elif article.style != "author-year":
        habit = learn_habit((b.text for b in article.body_blocks), len(references) or None)
        if habit.family == "superscript" and habit.reference_count:
            find = _ExactMarkers(decode_article(article, habit))
        else:
            find = functools.partial(find_markers, habit=habit)
    else:
        from claimcheck.read.authoryear import Linker

        find = Linker(article, references).markers
    claims: list[Claim] = []
    lead: Claim | None = None  # the cited lead-in list items inherit from
    in_list = False  # whether the previous block was an item inheriting from ``lead``
    heading = None  # the heading above the block, for the citation-worthiness model
    titles = TitleIndex(references, (b.text for b in article.blocks if b.kind in _CLAIM_KINDS))
    for block in article.blocks:
        if block.kind not in _CLAIM_KINDS:
            lead, in_list = None, False
            heading = block.text if block.kind is BlockKind.HEADING else heading
            continue
        place = _Place(heading, len(article.text) or 1, titles)
        block_claims = _block_claims(block, len(claims) + 1, find, place)
        if block.kind is BlockKind.LIST_ITEM and lead is not None:
            block_claims = [_inherit(c, lead) if not c.markers else c for c in block_claims]
            in_list = True
        elif in_list and lead is not None and _is_bare_lead_in(block_claims, article.text):
            block_claims = [_inherit(block_claims[0], lead)]
            in_list = False
        else:
            lead, in_list = _lead_in(block_claims, article.text), False
        claims.extend(block_claims)
    return tuple(claims)


class _ExactMarkers:
    """A block's share of markers known exactly (not found in the text)."""

    def __init__(self, markers: Sequence[Marker]) -> None:
        self.markers = sorted(markers, key=lambda m: m.start)
        self.starts = [m.start for m in self.markers]

    def __call__(self, text: str, offset: int) -> tuple[Marker, ...]:
        lo = bisect.bisect_left(self.starts, offset)
        hi = bisect.bisect_left(self.starts, offset + len(text))
        return tuple(m for m in self.markers[lo:hi] if m.end <= offset + len(text))


def _second_look(article: Article, habit: Habit) -> Habit:
    """In a superscript article, the reference numbers the first reading leaves uncited.

    Where the evidence is split, the reading that cites every entry (1..N) in
    first-citation order wins: a bare group citing only such numbers, between the
    first citations of the numbers around them, is then a marker (``SIFT42``).
    """
    n = habit.reference_count
    if habit.family != "superscript" or not n:
        return habit
    first: dict[int, int] = {}
    for block in article.blocks:
        if block.kind in _CLAIM_KINDS:
            for marker in find_markers(block.text, block.start, habit=habit):
                for k in marker.numbers:
                    first.setdefault(k, marker.start)
    if not first:
        return habit
    missing = {}
    for k in range(1, n + 1):
        if k not in first:
            lo = max((p for j, p in first.items() if j < k), default=0)
            hi = min((p for j, p in first.items() if j > k), default=len(article.text))
            missing[k] = (min(lo, hi), max(lo, hi))
    return dataclasses.replace(habit, missing=missing) if missing else habit


def _sentence_spans(masked: str) -> list[tuple[int, int]]:
    """Sentence spans in masked text: each runs to the next one's start, trimmed."""
    normal = normalise_whitespace(masked)
    starts = sentence_starts(normal)
    spans = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(normal)
        chunk = normal[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, left + len(stripped)))
    return spans


@dataclasses.dataclass(frozen=True, slots=True)
class _Place:
    """What the citation-worthiness model reads around a block: the heading above it, the
    article's length (for a sentence's place) and its reference list."""

    heading: str | None = None
    length: int = 1
    titles: TitleIndex | None = None


def _block_claims(
    block: Block, first_id: int, find: _MarkerFinder = find_markers, place: _Place = _Place()
) -> list[Claim]:
    """The block's sentences as claims, markers assigned, carried citations added."""
    markers, dropped = fit_markers(block.text, find(block.text, block.start), block.start)
    tags = tuple(
        Marker(m.group(), block.start + m.start(), block.start + m.end(), (), "citation-needed")
        for m in NEEDED_TAG.finditer(block.text)
        if not any(k.start < block.start + m.end() and block.start + m.start() < k.end for k in markers)
    )
    # a mention the list found keeps its words: only a sentence's end could lie beyond it
    masks = sorted((*(_mask_part(m) for m in markers if m.style != LIST_STYLE), *tags), key=lambda m: m.start)
    masked = mask_markers(block.text, masks, block.start)
    masked = _EMPTIED.sub(lambda m: " " * len(m.group()), masked)
    local = _sentence_spans(masked)
    spans = [(block.start + s, block.start + e) for s, e in local]
    needed = {i for i, owned in enumerate(_assign(tags, spans)) if owned}
    claims: list[Claim] = []
    for i, ((start, end), own) in enumerate(zip(spans, _assign(markers, spans), strict=True)):
        text = block.text[start - block.start : end - block.start]
        claim = Claim(
            id=first_id + i, text=text, start=start, end=end, block_index=block.index, kind=block.kind
        )
        claim = _with_citations(claim, own)
        notes = [_dropped_note(m) for m in dropped] if i == 0 else []
        notes += [_found_note(m) for m in own if m.style == LIST_STYLE]
        if notes:
            claim = dataclasses.replace(claim, notes=tuple(notes))
        if claims and not own and claims[-1].origin is CitationOrigin.MARKER and _CONTINUATION.match(text):
            claim = dataclasses.replace(
                claim,
                citations=claims[-1].citations,
                origin=CitationOrigin.CARRIED,
                inherited_from=claims[-1].id,
            )
        claims.append(claim)
    contexts = [Context(place.heading, i == 0, c.start / place.length) for i, c in enumerate(claims)]
    return _judged(claims, needed, contexts, place.titles)


def _dropped_note(marker: Marker) -> str:
    return f"marker {marker.raw!r} at {marker.start}:{marker.end} dropped: its span does not fit the text"


def _found_note(marker: Marker) -> str:
    return (
        f"citation {marker.label!r} found from the reference list: {marker.raw!r} at "
        f"{marker.start}:{marker.end} names entry {marker.numbers[0]}'s first author and year"
    )


def _mask_part(marker: Marker) -> Marker:
    """What to blank before splitting: a narrative citation keeps its names ("Smith (2020) found")."""
    cut = marker.raw.find("(") if marker.style == "author-year" else -1
    if cut <= 0:
        return marker
    return dataclasses.replace(marker, raw=marker.raw[cut:], start=marker.start + cut)


def _assign(markers: tuple[Marker, ...], spans: list[tuple[int, int]]) -> list[tuple[Marker, ...]]:
    """Each sentence's markers: from its start (the block's, for the first) to the next sentence."""
    owned: list[list[Marker]] = [[] for _ in spans]
    i = 0
    for marker in markers:  # both in order: one merge pass
        while i + 1 < len(spans) and spans[i + 1][0] <= marker.start:
            i += 1
        if owned:
            owned[i].append(marker)
    return [tuple(m) for m in owned]


def _with_citations(claim: Claim, markers: tuple[Marker, ...]) -> Claim:
    if not markers:
        return claim
    numbers = tuple(dict.fromkeys(n for m in markers for n in m.numbers))
    return dataclasses.replace(claim, markers=markers, citations=numbers, origin=CitationOrigin.MARKER)


def _judged(
    claims: list[Claim], needed: set[int], contexts: list[Context], titles: TitleIndex | None
) -> list[Claim]:
    """Check-worthy by :func:`claimcheck.read.worthiness.judge_paragraph` (the trained model, which
    reads each sentence with its paragraph, and the cue rules) or a "citation needed" tag (the
    indices in ``needed``); never a question. Reasons: the cues, then the model's."""
    cues = [tuple(_reasons(c.text)) for c in claims]
    kinds = [{r.split(":", 1)[0] for r in found} for found in cues]
    cited = [bool(c.citations) for c in claims]
    verdicts = judge_paragraph([c.text for c in claims], contexts, kinds, titles, cited=cited)
    judged = []
    for i, (claim, found, verdict) in enumerate(zip(claims, cues, verdicts, strict=True)):
        worthy = i in needed
        if verdict.needs_source and not is_question(claim.text):
            worthy, found = True, found + verdict.reasons
        reasons = (found if worthy else ()) + ((_NEEDED_REASON,) if i in needed else ())
        # a claim comes here unflagged and without reasons (Claim's defaults): only a flagged one changes
        judged.append(
            dataclasses.replace(claim, check_worthy=worthy, reasons=reasons) if worthy or reasons else claim
        )
    return judged


def is_question(text: str) -> bool:
    """Whether a sentence is a question (never check-worthy)."""
    return text.rstrip(" \"'”’)").endswith("?")


def cue_kinds(text: str) -> set[str]:
    """The kinds of :data:`CUES` found in a sentence (``{"statistic", "risk"}``)."""
    return {reason.split(":", 1)[0] for reason in _reasons(text)}


def _reasons(text: str) -> Iterator[str]:
    """One reason per kind of cue found in the sentence."""
    if is_question(text):
        return
    fast = lowers_exactly(text)  # then the patterns' faster twins search the lower-cased text (same offsets)
    low = text.lower() if fast else text
    if_clause = _IF_TWIN if fast and _IF_TWIN is not None else _IF_CLAUSE
    hypothetical = [m.span() for m in if_clause.finditer(low)]
    words = text_words(low) if fast else frozenset()  # for the word guards, read once a sentence
    seen: set[str] = set()
    for (kind, pattern, why), twin, need in zip(CUES, _CUE_TWINS, _CUE_NEEDS, strict=True):
        if kind in seen or (fast and need is not None and not need.possible(words, low)):
            continue
        for match in (twin if fast and twin is not None else pattern).finditer(low):
            if kind in _HYPOTHETICAL_KINDS and any(s <= match.start() < e for s, e in hypothetical):
                continue
            seen.add(kind)
            yield f"{kind}: {why} ({text[match.start() : match.end()]!r})"
            break


def _lead_in(claims: list[Claim], text: str) -> Claim | None:
    """The block's last claim when it is cited and ends with a colon (markers aside)."""
    if not claims or claims[-1].origin is not CitationOrigin.MARKER:
        return None
    return claims[-1] if _ends_with_colon(claims[-1], text) else None


def _is_bare_lead_in(claims: list[Claim], text: str) -> bool:
    """A one-sentence, marker-less block ending with a colon: "And in extreme cases:"."""
    return len(claims) == 1 and not claims[0].markers and _ends_with_colon(claims[0], text)


def _ends_with_colon(claim: Claim, text: str) -> bool:
    inside = [m for m in claim.markers if claim.start <= m.start and m.end <= claim.end]
    masked = mask_markers(text[claim.start : claim.end], inside, claim.start)
    return masked.rstrip().endswith(":")


def _inherit(claim: Claim, lead: Claim) -> Claim:
    reasons = claim.reasons
    if lead.check_worthy and not claim.check_worthy:
        reasons = (f"inherited: listed under a check-worthy lead-in (claim {lead.id})",)
    return dataclasses.replace(
        claim,
        citations=lead.citations,
        origin=CitationOrigin.INHERITED,
        inherited_from=lead.id,
        check_worthy=claim.check_worthy or lead.check_worthy,
        reasons=reasons,
    )
