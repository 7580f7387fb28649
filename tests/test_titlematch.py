"""Title matching: the inverted index gives exactly what comparing the sentence with every title gives."""

from __future__ import annotations

import heapq
import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.model import Reference
from claimcheck.read import titlematch
from claimcheck.read.titlematch import MAX_CHARS, TitleIndex, TitleMatch, terms


def plain_match(references: list[Reference], body: list[str], text: str) -> TitleMatch:
    """The sentence compared with every title in turn: the rule as the module's docstring states it."""
    df: Counter[str] = Counter()
    for paragraph in body:
        df.update(terms(paragraph).keys())
    n = max(len(body), 1)
    titles = [(ref, terms(ref.title or "")) for ref in references]
    titles = [(ref, stems) for ref, stems in titles if stems]
    words = terms(text)
    ranked = []
    for k, (_, stems) in enumerate(titles):
        score, hit = 0.0, False
        for stem in words:  # summed in the order the sentence first writes them
            if stem in stems:
                score, hit = score + math.log(n / max(df[stem], 1)), True
        if hit:
            ranked.append((score / math.sqrt(len(stems)), k))
    ranked = heapq.nlargest(3, ranked)
    authors: dict[str, int | None] = {}
    years: dict[str, int | None] = {}
    for ref in references:
        family = ref.first_author_family
        if family and len(family) > 2 and family[0].isupper():
            authors.setdefault(family, ref.number)
        if ref.year:
            years.setdefault(str(ref.year), ref.number)
    cut = text[:MAX_CHARS]
    author = next((w for w in titlematch._CAPITALISED.findall(cut) if w in authors), None)
    year = next((y for y in titlematch._YEAR.findall(cut) if y in years), None)
    if not ranked or ranked[0][0] <= 0:
        return TitleMatch(author=author, year=year)
    best, k = ranked[0]
    shared = tuple(sorted((w for stem, w in words.items() if stem in titles[k][1]), key=str.lower))
    return TitleMatch(best, sum(s for s, _ in ranked), titles[k][0].number, shared, author, year)


VOCAB = ["CYP3A4", "inhibitors", "Inhibition", "inhibit", "plasma", "Plasma", "levels", "ketamine",
         "Ketamine", "the", "and", "of", "depression", "Depressive", "dose-response", "trial", "mice",
         "Peltoniemi", "Smith", "2012", "1998", "rats", "in", "sleep", "insomnia", "IL-6"]  # fmt: skip
phrase = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    titles=st.lists(phrase, min_size=0, max_size=8),
    body=st.lists(phrase, min_size=0, max_size=6),
    sentences=st.lists(phrase, min_size=1, max_size=4),
)
def test_the_index_matches_as_every_title_compared_in_turn(
    titles: list[str], body: list[str], sentences: list[str]
) -> None:
    refs = [
        Reference(i + 1, "", title=t, authors=(f"{VOCAB[i * 7 % 26]} A",), year=1990 + i * 11)
        for i, t in enumerate(titles)
    ]
    index = TitleIndex(refs, body)
    for text in sentences:
        assert index.match(text) == plain_match(refs, body, text)


def test_many_titles_touched_by_a_sentence_rank_the_same() -> None:
    # more titles than the sort takes: the best three come from the heap, as with few
    refs = [Reference(i, "", title=f"Ketamine plasma levels word{i} trial{i % 7}") for i in range(1, 200)]
    body = ["Ketamine is old.", "Plasma levels rise.", "Nothing here.", "word3 and trial3."]
    index = TitleIndex(refs, body)
    text = "Ketamine plasma levels in trial3 and word3."
    assert index.match(text) == plain_match(refs, body, text)
    assert index.match(text).number == 3


def test_a_word_written_twice_is_shared_as_first_written() -> None:
    refs = [Reference(1, "", title="Inhibitors of CYP3A4 raise plasma levels")]
    body = ["Ketamine.", "Ketamine again.", "Plasma levels and CYP3A4 inhibition."]
    m = TitleIndex(refs, body).match("Inhibition by CYP3A4 inhibitors and inhibitory PLASMA plasma levels.")
    assert m.shared == ("CYP3A4", "Inhibition", "levels", "PLASMA")


def test_forgetting_the_remembered_stems_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [Reference(1, "", title="CYP3A4 inhibition raises ketamine plasma levels")]
    body = ["Ketamine is old.", "Ketamine helps.", "Plasma levels rise with CYP3A4 inhibitors."]
    text = "Plasma concentrations rise with CYP3A4 inhibitors and the inhibition of plasma."
    want = TitleIndex(refs, body).match(text)
    monkeypatch.setattr(titlematch, "_STEM_CACHE", 2)
    index = TitleIndex(refs, body)
    assert index.match(text) == want == plain_match(refs, body, text)
    assert len(index._stem_of) <= 2 + len(text.split())
