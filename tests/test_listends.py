"""Where a PDF-text reference list ends: captions, biographies and notes printed after it.

Each excerpt is short and written for its test; the layouts come from real PDF-to-text
conversions (an author manuscript's figure captions and tables after the list, a journal's
"About the Author", highlights and key points on a page of their own).
"""

from __future__ import annotations

import claimcheck
from claimcheck.model import BlockKind
from claimcheck.read.article import parse_article
from claimcheck.read.authoryear import Linker
from claimcheck.read.references.ends import list_end

_ENTRIES = (
    "Doe, J., & Lee, K. (2019). Sleep in adults. Journal of Sleep, 1(2), 3-4.\n\n"
    "Roe, A. B. (2020). Worry and sleep. Behaviour Research, 5, 6-7.\n"
    "https://doi.org/10.1000/roe.2020\n\n"
)


def test_a_biography_after_the_list_is_body_text_not_an_entry() -> None:
    text = (
        "Sleep matters (Doe & Lee, 2019; Roe, 2020).\n\nReferences\n\n" + _ENTRIES + "About the Author\n\n"
        "Jane Doe is currently a Ph.D. student at the University of Leicester. Her interests are\n"
        "happiness and well-being. www.example.org\n"
    )
    article, refs = claimcheck.parse(text)
    assert [r.first_author_family for r in refs] == ["Doe", "Roe"]
    assert article.references_text.endswith("10.1000/roe.2020")
    after = [b.text for b in article.blocks if b.start > article.references_span[1]]
    assert after[0] == "About the Author" and after[1].startswith("Jane Doe is currently")


def test_a_caption_after_the_list_is_read_as_body_and_its_citation_found() -> None:
    text = (
        "Sleep matters (Doe & Lee, 2019).\n\nReferences\n\n" + _ENTRIES + "Smith et al.\n\nPage 9\n\n"
        "Figure 1:\nMean sleep scores by group (from Roe, 2020).\n"
    )
    article, refs = claimcheck.parse(text)
    assert len(refs) == 2
    linker = Linker(article, refs)
    prose = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    found = [m.numbers for text in prose for m in linker.markers(text)]
    assert found == [(1,), (2,)]


def test_a_caption_between_entries_leaves_the_list_open() -> None:
    text = _ENTRIES + "Table 1\nMeans and standard deviations.\n\nZu, Q. (2021). Naps. Sleep, 8, 9-10.\n"
    assert list_end(text) == len(text)
    article = parse_article("Text.\n\nReferences\n\n" + text)
    assert article.references_text.endswith("Sleep, 8, 9-10.")


def test_a_row_of_a_studies_table_does_not_hold_the_list_open() -> None:
    text = _ENTRIES + "Table 1\nStudy Country Sample\nJones et al., 2012 UK 36 relatives\n"
    assert text[list_end(text) :].startswith("Table 1")


def test_a_numbered_list_ends_at_its_caption_though_numbered_rows_follow() -> None:
    text = (
        "1. Doe J, Lee K. Sleep in adults. J Sleep. 2019;1:3-4.\n"
        "2. Roe AB. Worry and sleep. Behav Res. 2020;5:6-7.\n"
        "3. Zu Q. Naps. Sleep. 2021;8:9-10.\n"
        "Key points\n"
        "1. Adults sleep less than they did.\n"
        "2. Worry keeps them awake.\n"
    )
    assert text[list_end(text) :].startswith("Key points")


def test_numbered_entries_after_a_figure_placed_inside_the_list_keep_it_open() -> None:
    text = (
        "1. Doe J, Lee K. Sleep in adults. J Sleep. 2019;1:3-4.\n"
        "Figure 2. Sleep by age.\n"
        "2. Roe AB. Worry and sleep. Behav Res. 2020;5:6-7.\n"
    )
    assert list_end(text) == len(text)


def test_a_running_head_that_opens_like_an_entry_does_not_hold_the_list_open() -> None:
    head = "Fam J Alex Va. Author manuscript; available in PMC 2023 September 15.\n"
    text = _ENTRIES + head + "Figure 1.\nClasses by fit.\n" + head + "Table 2\nSolution AIC BIC\n" + head
    assert text[list_end(text, context=head * 4) :].startswith("Figure 1.")


def test_a_declaration_before_a_colon_ends_the_list_ligature_and_all() -> None:
    text = (
        _ENTRIES + "Conﬂict of Interest: The authors declare no conflict of interest.\n"
        "Copyright © 2021 Doe and Lee. This is an open-access article.\n"
    )
    assert text[list_end(text) :].startswith("Conﬂict of Interest")


def test_a_publishers_note_after_the_last_entry_is_not_part_of_it() -> None:
    text = (
        "1. Doe J, Lee K. Sleep in adults. J Sleep. 2019;1:3-4.\n"
        "2. Roe AB. Worry and sleep. Behav Res. 2020;5:6-7.\n"
        "Publisher's  Note  Springer  Nature  remains  neutral  with  regard  to\n"
        "jurisdictional claims in published maps and institutional affiliations.\n"
    )
    assert text[list_end(text) :].startswith("Publisher's")


def test_a_note_printed_between_columns_of_a_numbered_list_whose_numbers_were_lost_leaves_it_open() -> None:
    text = (
        "1. Doe J, Lee K. Sleep in adults. J Sleep. 2019;1:3-4.\n"
        "2. Roe AB. Worry and sleep. Behav Res. 2020;5:6-7.\n"
        "Zu Q. Naps. Sleep. 2021;8:9-10.\n"
        "Ash P. Dreams. Sleep. 2021;8:11-12.\n"
        "6. Bo R. Rest. Sleep. 2022;9:1-2.\n"
        "Publisher's Note Springer Nature remains neutral with regard to jurisdictional claims.\n"
        "7. Cy T. Wake. Sleep. 2022;9:3-4.\n"
    )
    assert list_end(text) == len(text)


def test_a_year_opening_a_line_below_the_caption_is_no_entry_number() -> None:
    text = (
        "1. Doe J, Lee K. Sleep in adults. J Sleep. 2019;1:3-4.\n"
        "2. Roe AB. Worry and sleep. Behav Res. 2020;5:6-7.\n"
        "Table 3.\nCommunities by county, 2021 and\n"
        "2022. For communities that represent counties, data are shown.\n"
    )
    assert text[list_end(text) :].startswith("Table 3.")
