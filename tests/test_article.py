"""Blocks, spans and the reference section of pasted text and Markdown."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from claimcheck.errors import UnsupportedFormat
from claimcheck.model import Article, BlockKind
from claimcheck.read.article import normalise_whitespace, parse_article

SEED = Path(__file__).resolve().parent.parent / "refs" / "ketamine-at-home.txt"
H, P, L, R = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.REFERENCES


def shape(article: Article) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def assert_spans_exact(article: Article) -> None:
    for i, block in enumerate(article.blocks):
        assert block.index == i
        assert article.text[block.start : block.end] == block.text
        assert block.text == block.text.strip(" \t\r\n\u00a0\ufeff")
        assert block.text


# --- the seed article ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    return parse_article(SEED.read_text(encoding="utf-8"), source=str(SEED))


def test_seed_headings(seed: Article) -> None:
    assert [b.text for b in seed.blocks if b.kind is H] == [
        "Ketamine Clinics for Treatment-resistant Depression",
        "Cost Implications for At-home Ketamine Treatment",
        "Some Doctors Are Against At-home Ketamine",
        "Ketamine for Mental Health Is Off-label Use",
        "Research Shows That At-home Ketamine Is Safe and Effective",
    ]


def test_seed_list_items(seed: Article) -> None:
    assert [b.text for b in seed.blocks if b.kind is L] == [
        "Unstable blood pressure",
        "Irregular heartbeat",
        "Confusion, disorientation",
        "Dissociated state",
        "Hallucinations",
        "Amnesia",
        "Respiratory arrest",
        "Seizures",
        "Tonic-clonic muscle movements (which resemble grand mal seizure movements)",
        "Apnea (when your brain fails to signal to your breathing muscles to contract)",
    ]


def test_seed_shape(seed: Article) -> None:
    kinds = [b.kind for b in seed.blocks]
    assert len(kinds) == 34
    assert kinds.count(P) == 18
    assert kinds[-1] is R and kinds.count(R) == 1
    assert seed.blocks[0].text.startswith("Ketamine is an effective way to treat depression")
    assert seed.blocks[23].text == "And in extreme cases:"
    assert seed.source == str(SEED)
    assert_spans_exact(seed)


def test_seed_reference_section_has_no_heading(seed: Article) -> None:
    assert seed.references_span is not None
    refs = seed.references_text
    assert refs.startswith("1. Hassan K, Struthers WM")
    assert refs.endswith("doi:10.1016/j.jad.2022.07.004")
    assert refs.count("doi:") == 5
    assert "\n5. Ketamine. Accessed February 10, 2022.\n" in refs
    assert seed.blocks[-1].text == refs
    assert seed.body_blocks[-1].text.endswith("every few months. 1,2,3,4")


# --- whitespace and encodings --------------------------------------------------------


def test_crlf_tabs_nbsp_and_bom_keep_original_spans() -> None:
    text = (
        "\ufeffA Short Title\r\n\r\nFirst\u00a0line here.\tIt works. 1\r\n\r\n"
        "\t• An item\r\n\r\n1. Doe J. A paper. J Med. 2020;1:2-3."
    )
    article = parse_article(text)
    assert shape(article) == [
        (H, "A Short Title"),
        (P, "First\u00a0line here.\tIt works. 1"),
        (L, "An item"),
        (R, "1. Doe J. A paper. J Med. 2020;1:2-3."),
    ]
    assert article.blocks[0].start == 1
    assert_spans_exact(article)


def test_normalise_whitespace_keeps_length() -> None:
    text = "a\u00a0b\r\nc\rd\te\ufeff\u2028f"
    norm = normalise_whitespace(text)
    assert norm == "a b \nc\nd e \nf"
    assert len(norm) == len(text)


# --- blocks ----------------------------------------------------------------------------


def test_bullets_of_every_kind() -> None:
    text = "Lead in:\n\n• one\n  • two\n- three\n* four\n+ five\n– six"
    assert shape(parse_article(text)) == [(P, "Lead in:")] + [
        (L, w) for w in ("one", "two", "three", "four", "five", "six")
    ]


def test_numbered_body_items() -> None:
    text = "Do this:\n\n1. Eat well.\n2) Sleep.\n[3] Move."
    assert shape(parse_article(text)) == [(P, "Do this:"), (L, "Eat well."), (L, "Sleep."), (L, "Move.")]


def test_list_item_continues_on_indented_or_lower_case_lines() -> None:
    text = "• First item\n  goes on here\n• Second item\nand more\n• Third"
    assert shape(parse_article(text)) == [
        (L, "First item\n  goes on here"),
        (L, "Second item\nand more"),
        (L, "Third"),
    ]


def test_pasted_text_title_lines_are_headings_only_when_alone() -> None:
    text = (
        "Why Sleep Matters\n\n"
        "Sleep helps. It really does.\n\n"
        "And in extreme cases:\n\n"
        "Some Doctors Disagree\n"
        "They say it is overrated.\n\n"
        "Ketamine is a drug used in hospitals\n\n"
        "What Is Ketamine?"
    )
    assert shape(parse_article(text)) == [
        (H, "Why Sleep Matters"),
        (P, "Sleep helps. It really does."),
        (P, "And in extreme cases:"),
        (H, "Some Doctors Disagree"),
        (P, "They say it is overrated."),
        (P, "Ketamine is a drug used in hospitals"),
        (H, "What Is Ketamine?"),
    ]


def test_pasted_text_lines_ending_sentences_are_paragraphs_wrapped_lines_join() -> None:
    text = "First paragraph ends here. 1\nSecond one starts and\nwraps onto a line.\nThird one."
    assert shape(parse_article(text)) == [
        (P, "First paragraph ends here. 1"),
        (P, "Second one starts and\nwraps onto a line."),
        (P, "Third one."),
    ]


def test_markdown_headings_paragraphs_and_fences() -> None:
    text = (
        "# Ketamine at home ##\n\nA paragraph\nsoft-wrapped. Still it.\n\n"
        "Setext Title\n============\n\n```\ncode 1. not text\n```\n\n---\n\n"
        "## Sources\n\n1. Doe J. A paper. J Med. 2020;1:2-3.\n"
    )
    article = parse_article(text, format="markdown")
    assert shape(article) == [
        (H, "Ketamine at home"),
        (P, "A paragraph\nsoft-wrapped. Still it."),
        (H, "Setext Title"),
        (H, "Sources"),
        (R, "1. Doe J. A paper. J Med. 2020;1:2-3."),
    ]
    assert article.format == "markdown"
    assert_spans_exact(article)


def test_md_is_an_alias_and_unknown_formats_raise() -> None:
    assert parse_article("# Hi", format="md").blocks[0].kind is H
    with pytest.raises(UnsupportedFormat, match="'html'"):
        parse_article("<p>Hi</p>", format="html")


def test_empty_text() -> None:
    article = parse_article("  \n\n ")
    assert article.blocks == ()
    assert article.references_span is None


# --- the reference section -------------------------------------------------------------

ENTRIES = "1. Doe J. A paper. J Med. 2020;1:2-3.\n2. Roe K. Another. Lancet. 2019;3:4-5."


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES",
        "References:",
        "Sources",
        "Bibliography",
        "Works cited",
        "Literature",
        "**References**",
    ],
)
def test_reference_headings_in_text(heading: str) -> None:
    text = f"It works. 1\n\n{heading}\n\n{ENTRIES}\n"
    article = parse_article(text)
    assert article.references_text == ENTRIES
    assert [b.kind for b in article.blocks] == [P, H, R]
    assert article.blocks[1].text == heading.strip("*:")


@pytest.mark.parametrize("heading", ["# References", "## Sources", "### Bibliography", "## Works Cited"])
def test_reference_headings_in_markdown(heading: str) -> None:
    text = f"It works [1].\n\n{heading}\n\n{ENTRIES}\n\n## About the author\n\nA writer."
    article = parse_article(text, format="markdown")
    assert article.references_text == ENTRIES
    assert shape(article)[-4:] == [
        (H, heading.lstrip("# ")),
        (R, ENTRIES),
        (H, "About the author"),
        (P, "A writer."),
    ]


def test_entries_without_heading_bracketed_and_split_over_lines() -> None:
    refs = (
        "[1] Hassan K, Struthers WM. Safety of sublingual ketamine.\n"
        "Front Psychiatry. 2022;13. doi:10.3389/fpsyt.2022.992624\n"
        "[2] Ketamine. Accessed February 10, 2022."
    )
    article = parse_article(f"It works. 1 It is cheap. 2\n\n{refs}")
    assert article.references_text == refs
    assert [b.kind for b in article.blocks] == [P, R]


def test_entries_numbered_with_parenthesis() -> None:
    refs = "1) Doe J. A paper. J Med. 2020;1:2-3.\n\n2) Roe K. Another. https://example.org/x"
    assert parse_article(f"Body text.\n\n{refs}").references_text == refs


def test_body_numbered_list_is_not_references() -> None:
    text = "Tips:\n\n1. Eat well.\n2. Sleep.\n3. Move for 30 minutes."
    article = parse_article(text)
    assert article.references_span is None
    assert [b.kind for b in article.blocks] == [P, L, L, L]


def test_one_line_body_list_is_not_references() -> None:
    article = parse_article("Tips for 2024.\n\n1. Eat well. 2. Sleep.")
    assert article.references_span is None
    assert shape(article) == [(P, "Tips for 2024."), (L, "Eat well. 2. Sleep.")]


def test_body_list_then_references_numbered_again() -> None:
    text = f"Tips:\n\n1. Eat well.\n2. Sleep.\n\n{ENTRIES}"
    article = parse_article(text)
    assert article.references_text == ENTRIES
    assert [b.kind for b in article.blocks] == [P, L, L, R]


def test_last_reference_heading_wins_and_empty_section_is_none() -> None:
    assert parse_article("Sources\n\nText here.\n\nReferences\n").references_span is None
    article = parse_article(f"Sources\n\nText here.\n\nReferences\n\n{ENTRIES}")
    assert article.references_text == ENTRIES


# --- the seed pasted in other shapes -----------------------------------------------------


def outline(article: Article) -> list[tuple[BlockKind, str]]:
    return [(b.kind, " ".join(b.text.split())) for b in article.blocks]


def test_seed_with_single_newlines_has_the_same_blocks(seed: Article) -> None:
    collapsed = re.sub(r"\n\s*\n+", "\n", seed.text)
    assert outline(parse_article(collapsed)) == outline(seed)


def test_seed_hard_wrapped_has_the_same_blocks(seed: Article) -> None:
    chunks = seed.text.split("\n\n")
    wrapped = "\n\n".join(c if c.lstrip()[:1] in "•123456" else textwrap.fill(c, 72) for c in chunks)
    article = parse_article(wrapped)
    assert [(k, t.replace("- ", "-")) for k, t in outline(article)] == outline(seed)
    assert_spans_exact(article)
