"""Shortcuts in reading a reference list give what the plain definitions give.

Each shortcut (the labeller's features named once per word, running-head keys blanked in one
pass, years and tails looked up line by line) is checked against the plain definition it
replaced, written out here, on short awkward excerpts.
"""

from __future__ import annotations

import re

import pytest

from claimcheck.read.references import crf
from claimcheck.read.references.entry_shapes import COMPLETE, YEAR, read_lines
from claimcheck.read.references.noise import _head_keys
from claimcheck.read.references.split import _ended_above

ENTRIES = [
    "",
    ".",
    "A",
    "Smith J.",
    "(2020)",
    "1-2",
    "Lemey P, Pybus OG, Rambaut A, et al. (2004) The molecular population genetics of "
    "HIV-1 group O. Genetics 167(3): 1059–1068.",
    'Doe J. "A quoted title (with a paren) 1999a." In: Roe A, editor. Book. 2001. pp. 103–114; e1-e9',
    "Butterworth, G., & Jarrett, N. (1991). What minds have in common in space. Brit J, 9, 55–72.",
    "ZHANG Wei, 2019a, 2019b. «Titre» [Internet]. Nov 2020. doi:10.1000/x_y — 3 – 4 — 5",
    "Garc´ıa B, Hr ́objartsson A. T. Title. J. 2020;1:2. A. B. C. D. E. F. G. H. I. J. K.",
    "The  spaced   words\u00a0and\ttabs 12 - 13 \u2013 14 ) ] ( [ “ ” « »",
]


def _dict_features(text: str) -> list[dict[str, float | str]]:
    """The labeller's features as python-crfsuite's feature dicts (the form the model was trained on)."""
    toks = crf.tokens(text)
    n = len(toks)
    base = [crf._token_features(t) for t, _, _ in toks]
    words = [t for t, _, _ in toks]
    num = [any(ch.isdigit() for ch in w) for w in words] + [False, False]
    dash = [w in frozenset("-–—‑") for w in words] + [False, False]
    out: list[dict[str, float | str]] = []
    periods = quotes = depth = 0
    seen_year = False
    for i, (word, start, _) in enumerate(toks):
        feats = dict(base[i])
        feats["pos"] = str(10 * i // n)
        feats["periods"] = str(min(periods, 6))
        feats["space"] = 1.0 if start > 0 and text[start - 1].isspace() else 0.0
        if quotes % 2:
            feats["in_quote"] = 1.0
        if depth > 0:
            feats["in_paren"] = 1.0
        if seen_year:
            feats["after_year"] = 1.0
        for k in (-2, -1, 1, 2):
            if 0 <= i + k < n:
                feats[f"w{k}"] = base[i + k]["w"]
                if abs(k) == 1:
                    feats[f"shape{k}"] = base[i + k]["shape"]
            else:
                feats[f"edge{k}"] = 1.0
        if dash[i]:
            in_range = num[i - 1] and num[i + 1]
        else:
            in_range = num[i] and ((dash[i + 1] and num[i + 2]) or (dash[i - 1] and num[i - 2]))
        if in_range:
            feats["range"] = 1.0
        if i == 0:
            feats["first"] = 1.0
        if i == n - 1:
            feats["last"] = 1.0
        out.append(feats)
        if word == "." and not (i > 0 and len(toks[i - 1][0]) == 1 and toks[i - 1][0].isupper()):
            periods += 1
        elif word in '"“”«»':
            quotes += 1
        elif word in "([":
            depth += 1
        elif word in ")]":
            depth = max(0, depth - 1)
        if "year" in base[i]:
            seen_year = True
    return out


def _named(feats: dict[str, float | str]) -> list[bytes]:
    """python-crfsuite's names of a feature dict's items of weight 1.0 (``w:smith``, ``year``), in UTF-8."""
    return [(f"{k}:{v}" if isinstance(v, str) else k).encode() for k, v in feats.items() if v != 0.0]


@pytest.mark.parametrize("text", ENTRIES)
def test_attributes_are_the_feature_dicts_named_in_order(text: str) -> None:
    assert crf.entry_features(text) == [_named(f) for f in _dict_features(text)]


@pytest.mark.parametrize("text", [t for t in ENTRIES if crf.tokens(t)])
def test_labels_and_marginals_are_those_of_the_feature_dicts(text: str) -> None:
    """A feature of weight 0.0 (``space`` after no space) adds nothing: the tagger reads the same."""
    tagger = crf._load()
    with crf._lock:
        labels = tagger.tag(_dict_features(text))
        sure = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
    assert [(lab, p) for *_, lab, p in crf.label_entry(text)] == list(zip(labels, sure, strict=True))


def _head_key(line: str) -> str:
    folded = re.sub(r"\d+", "#", line.strip())
    return folded[:24] if len(folded) >= 24 else ""


def test_running_head_keys_are_each_line_blanked_alone() -> None:
    lines = [
        "",
        "  ",
        "Brain,Behavior,&Immunity-Health26(2022)1005317",
        "12345678901234567890123456789",  # long, all digits: one '#'
        "x" * 23,
        "x" * 24,
        " " + "x" * 23 + " ",  # long only with its spaces
        "Page 1 of 12 " + "y" * 12,
        "#" * 30,  # a '#' printed, not blanked
        "١٢٣ Arabic-Indic digits are digits too, 2021",
        "a" * 22 + "12345",  # 27 long, 23 blanked
        "\tTabbed   running head, 2020; 14: 1-9",
    ]
    assert _head_keys(lines) == [_head_key(line) for line in lines]
    assert _head_keys([]) == []


def _window_test(lines: list[str], i: int) -> bool:
    window = " ".join(lines[max(0, i - 4) : i])
    return bool(YEAR.search(window) and COMPLETE.search(window))


@pytest.mark.parametrize(
    "text",
    [
        "Smith J. A title. J Med. 2020;12:1-9.\nDoe A. B.\nRoe C. D.",
        "Smith J. A title. J Med. 2020;\n12\nDoe A. B. 2021.",  # the tail runs across a join
        "Smith J. 2020. Pages 5\n- 6\nDoe A.",
        "Smith J. Title 5\n(12) More\n2019 Doe A. B. doi\nRoe. accessed\nLee.",
        "no year here; 12\nnor here 1-2\nstill none\nLee A. 1999 a title",
        "1999\n2000\n2001\n2002\n2003\nwww.example.org\nLee",
        "A. 1850\nB\nC\nD\nE\nF. 2001 Retrieved",
    ],
)
def test_an_entry_ended_above_is_read_line_by_line_as_from_the_lines_joined(text: str) -> None:
    lines = read_lines(text)
    texts = [ln.text for ln in lines]
    dated = [bool(YEAR.search(t)) for t in texts]
    complete = [bool(COMPLETE.search(t)) for t in texts]
    for i in range(len(lines)):
        assert _ended_above(lines, i, dated, complete) == _window_test(texts, i), (text, i)
